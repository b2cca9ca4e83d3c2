"""User actor files: our YAML and CSV formats, and PETRARCH/TABARI actor dictionaries.

Formats read by `read_actor_file` (chosen by the file's extension):

* `.yaml` / `.yml` — a list of entries. An entry with `roles` is a person (the shape of
  `data/actors/people/*.yaml`); an entry with a `code` and no roles is an organisation
  (`name`, `code`, `kind`, `country`, `aliases`). A mapping with `people:` and
  `organisations:` lists is read too.
* `.csv` — a header row with `name,code` and optional `kind,country,aliases,title,start,end`
  (aliases separated by `|`). Rows with `kind` = `person` or with `title`/`start`/`end` are
  roles of a person (one row per role, same `name`); other rows are organisations.
* `.tsv` — the shipped `organisations.tsv` columns.
* anything else (`.txt`, `.dic`, `.actors`...) — a PETRARCH/TABARI actor dictionary:

      HAKAN_FIDAN_   [TURSPY 100527-230603]  # a name, words joined by _, then codes
      +FIDAN_                                 # a synonym of the entry above
          [TURGOV >230604]                    # further codes on their own lines
      PRESIDENT_ [~GOV]                       # an agent: a role noun and its sector

  A code may carry a date restriction: `A-B` (from A to B), `>A` (from A on), `<B` (until B);
  dates are `YYMMDD` (years 00-49 are 20xx, 50-99 are 19xx) or `YYYYMMDD`. `#` and `;` start
  comments. An entry whose codes are dated, or whose name looks like a person's (two to four
  words, no organisation word), becomes a person with dated roles; the others organisations.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ConfigError
from .actors import (
    SECTOR_KIND,
    ActorFileContents,
    ActorKB,
    Organisation,
    Person,
    Role,
    SectorTerm,
    country_of_code,
    parse_partial_date,
    people_from_yaml,
    sector_of_code,
    user_actor_dir,
)
from .datafiles import word_list

MAX_ACTOR_FILE_BYTES = 50_000_000
_CODE_RE = re.compile(r"\[([^\]]*)\]")
_ORG_WORDS = word_list("org_words")


def load_actor_kb(extra_paths: Iterable[str | Path] = (), *, include_user_dir: bool = False) -> ActorKB:
    """The shipped knowledge base plus user files (files or directories) in `extra_paths`.

    With `include_user_dir`, the user actor directory (`user_actor_dir()`) is read too.
    User entries come after the shipped ones; a user person with the name of a shipped one
    replaces it.
    """
    paths = [Path(p) for p in extra_paths]
    if include_user_dir and user_actor_dir().is_dir():
        paths.append(user_actor_dir())
    return ActorKB.load([read_actor_file(path) for path in _expand(paths)])


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise ConfigError(f"actor file not found: {path}")


def read_actor_file(path: Path) -> ActorFileContents:
    """Read one user actor file; raises ConfigError with the file and line on bad content."""
    if path.stat().st_size > MAX_ACTOR_FILE_BYTES:
        raise ConfigError(f"{path}: actor file larger than {MAX_ACTOR_FILE_BYTES} bytes")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc})") from exc
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return parse_yaml_actors(text, str(path))
    if suffix == ".csv":
        return parse_csv_actors(text, str(path))
    if suffix == ".tsv":
        return parse_tsv_actors(text, str(path))
    return parse_tabari(text, str(path))


def parse_yaml_actors(text: str, source: str) -> ActorFileContents:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML ({exc})") from exc
    out = ActorFileContents()
    if data is None:
        return out
    if isinstance(data, dict):
        people_items = data.get("people") or []
        org_items = data.get("organisations") or data.get("organizations") or []
    elif isinstance(data, list):
        people_items = [d for d in data if isinstance(d, dict) and "roles" in d]
        org_items = [d for d in data if isinstance(d, dict) and "roles" not in d]
        if len(people_items) + len(org_items) != len(data):
            raise ConfigError(f"{source}: every entry must be a mapping")
    else:
        raise ConfigError(f"{source}: expected a list of actors or a mapping with people/organisations")
    out.people = people_from_yaml(people_items, source)
    terms = data.get("sector_terms") if isinstance(data, dict) else None
    for term in terms or []:
        if not isinstance(term, dict) or not term.get("phrase") or not term.get("sector"):
            raise ConfigError(f"{source}: a sector term needs a phrase and a sector: {term!r}")
        out.sector_terms.append(SectorTerm(str(term["phrase"]).lower(), str(term["sector"]).upper()[:3]))
    for item in org_items:
        aliases = item.get("aliases") or []
        out.organisations.append(
            _organisation(str(item.get("name") or ""), str(item.get("code") or ""), item.get("kind"),
                          item.get("country"), [str(a) for a in aliases], source)
        )  # fmt: skip
    return out


def parse_csv_actors(text: str, source: str) -> ActorFileContents:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not {"name", "code"} <= {f.strip() for f in reader.fieldnames}:
        raise ConfigError(f"{source}: a CSV actor file needs a header with at least name,code")
    roles: dict[str, list[Role]] = {}
    aliases: dict[str, list[str]] = {}
    out = ActorFileContents()
    for lineno, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        if not row.get("name") or not row.get("code"):
            raise ConfigError(f"{source}:{lineno}: name and code are required")
        names = [a for a in row.get("aliases", "").split("|") if a.strip()]
        is_person = row.get("kind") == "person" or any(row.get(k) for k in ("title", "start", "end"))
        if not is_person:
            out.organisations.append(
                _organisation(row["name"], row["code"], row.get("kind"), row.get("country"), names, source)
            )
            continue
        for key in ("start", "end"):
            _check_date(row.get(key), f"{source}:{lineno}")
        roles.setdefault(row["name"], []).append(
            Role(row["code"].upper(), row.get("title") or "", row.get("start") or None, row.get("end") or None)
        )
        aliases.setdefault(row["name"], [])
        aliases[row["name"]] += [a for a in names if a not in aliases[row["name"]]]
    out.people = [_person(name, aliases[name], rs, source) for name, rs in roles.items()]
    return out


def parse_tsv_actors(text: str, source: str) -> ActorFileContents:
    rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out = ActorFileContents()
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        names = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        out.organisations.append(
            _organisation(
                row.get("name") or "", row.get("code") or "", row.get("kind"), row.get("country"), names, source
            )
        )
    return out


# ---------------------------------------------------------------- TABARI / PETRARCH
@dataclass
class _TabariEntry:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # code, start, end
    line: int = 0


def parse_tabari(text: str, source: str) -> ActorFileContents:
    """Parse a PETRARCH/TABARI actor (or agent) dictionary; see the module docstring."""
    entries: list[_TabariEntry] = []
    agents: list[SectorTerm] = []
    current: _TabariEntry | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = re.split(r"(?:^|\s)[#;]", raw, maxsplit=1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith(("<", "===", "---")):
            continue
        where = f"{source}:{lineno}"
        stripped = line.strip()
        codes = [_tabari_code(c, where) for c in _CODE_RE.findall(stripped)]
        head = _CODE_RE.sub(" ", stripped).strip()
        if stripped.startswith("+"):
            if current is None:
                raise ConfigError(f"{where}: synonym line before any actor")
            current.synonyms.append(_tabari_name(head[1:]))
            current.codes += [c for c in codes if c[0]]
        elif stripped.startswith("["):
            if current is None:
                raise ConfigError(f"{where}: code line before any actor")
            current.codes += [c for c in codes if c[0]]
        else:
            if not head:
                raise ConfigError(f"{where}: no name before the code")
            agent_codes = [c for c in codes if c[0].startswith("~")]
            if agent_codes:
                agents += _tabari_agents(head, agent_codes[0][0], where)
                current = None
                continue
            current = _TabariEntry(_tabari_name(head), line=lineno, codes=[c for c in codes if c[0]])
            entries.append(current)
    out = ActorFileContents(sector_terms=agents)
    for entry in entries:
        if not entry.codes:
            raise ConfigError(f"{source}:{entry.line}: {entry.name!r} has no [CODE]")
        _add_tabari_entry(out, entry, source)
    return out


def _add_tabari_entry(out: ActorFileContents, entry: _TabariEntry, source: str) -> None:
    dated = any(start or end for _, start, end in entry.codes)
    if dated or _looks_like_person(entry.name, entry.codes[0][0]):
        roles = [Role(code, "imported role", start, end) for code, start, end in entry.codes]
        out.people.append(_person(entry.name, entry.synonyms, roles, source))
    else:
        code = entry.codes[0][0]
        out.organisations.append(_organisation(entry.name, code, None, country_of_code(code), entry.synonyms, source))


def _tabari_name(raw: str) -> str:
    name = " ".join(raw.replace("_", " ").split())
    if not name:
        raise ConfigError("empty actor name")
    return " ".join(w.title() if w.isupper() else w for w in name.split())  # DICTIONARY CASE -> Name Case


def _tabari_code(inner: str, where: str) -> tuple[str, str | None, str | None]:
    parts = inner.split()
    if not parts:
        raise ConfigError(f"{where}: empty [ ]")
    code = parts[0].upper()
    if not re.fullmatch(r"~?[A-Z0-9]{3,15}", code):
        raise ConfigError(f"{where}: {code!r} is not an actor code")
    if len(parts) == 1:
        return code, None, None
    restriction = parts[1]
    if restriction.startswith(">"):
        return code, _tabari_date(restriction[1:], where), None
    if restriction.startswith("<"):
        return code, None, _tabari_date(restriction[1:], where)
    if "-" in restriction:
        start, _, end = restriction.partition("-")
        return code, _tabari_date(start, where) if start else None, _tabari_date(end, where) if end else None
    raise ConfigError(f"{where}: bad date restriction {restriction!r} (use A-B, >A or <B)")


def _tabari_date(raw: str, where: str) -> str:
    if not re.fullmatch(r"\d{6}|\d{8}", raw):
        raise ConfigError(f"{where}: bad date {raw!r} (YYMMDD or YYYYMMDD)")
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 50 else 1900 + yy}{raw[2:]}"
    try:
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date {raw!r}") from exc


def _tabari_agents(head: str, code: str, where: str) -> list[SectorTerm]:
    sector = code.lstrip("~")[:3]
    plural = re.findall(r"\{([^}]*)\}", head)
    base = re.sub(r"\{[^}]*\}", " ", head)
    phrases = [_tabari_name(base).lower()] + [_tabari_name(p).lower() for p in plural if p.strip()]
    return [SectorTerm(p, sector, False) for p in phrases]


def _looks_like_person(name: str, code: str) -> bool:
    words = name.lower().split()
    if code.startswith(("IGO", "IMG", "NGO")) or not 2 <= len(words) <= 4:
        return False
    return not any(w in _ORG_WORDS or w in ("of", "the", "for", "and") for w in words)


# ---------------------------------------------------------------- helpers and writing
def _check_date(value: str | None, where: str) -> None:
    try:
        parse_partial_date(value)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _organisation(
    name: str, code: str, kind: object, country: object, aliases: Iterable[str], source: str
) -> Organisation:
    if not name.strip() or not code.strip():
        raise ConfigError(f"{source}: an organisation needs a name and a code ({name!r}, {code!r})")
    code = code.strip().upper()
    home = str(country).upper() if country else country_of_code(code)
    sector = sector_of_code(code, home)
    kind_name = str(kind) if kind else SECTOR_KIND.get(sector or "", "igo" if code.startswith("IGO") else "government")
    clean = tuple(a.strip() for a in aliases if a.strip())
    return Organisation(name.strip(), code, kind_name, home, clean, False, source)


def _person(name: str, aliases: Iterable[str], roles: list[Role], source: str) -> Person:
    clean = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name))
    country = next((country_of_code(r.code) for r in roles if country_of_code(r.code)), None)
    return Person(name, clean, tuple(roles), country, source)


def contents_to_yaml(contents: ActorFileContents, header: str = "") -> str:
    """Our YAML format for people and organisations (what `actors add/import` write)."""
    people = [
        {
            "name": p.name,
            "aliases": list(p.aliases),
            "roles": [{"code": r.code, "title": r.title, "start": r.start, "end": r.end} for r in p.roles],
        }
        for p in contents.people
    ]
    orgs = [
        {"name": o.name, "code": o.code, "kind": o.kind, "country": o.country, "aliases": list(o.aliases)}
        for o in contents.organisations
    ]
    data: dict[str, object] = {"people": people, "organisations": orgs}
    if contents.sector_terms:
        data["sector_terms"] = [{"phrase": t.phrase, "sector": t.sector} for t in contents.sector_terms]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    lines = "".join(f"# {ln}\n" for ln in header.splitlines())
    return lines + body
