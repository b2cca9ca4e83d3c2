"""Importer of the PETRARCH2/Phoenix actor and agent dictionaries into our actor data files.

The Phoenix dictionaries (MIT licence, Open Event Data Alliance; `../shared/third_party/
petrarch2-dictionaries/`) hold tens of thousands of people with dated roles, international and
non-governmental organisations, companies, armed groups and agent nouns with their sectors. This
module reads them tolerantly (the files have odd lines) and keeps what is safe to link on news
text; `python -m eventlens.knowledge.phoenix SRC_DIR OUT_DIR` (or `scripts/import-phoenix`)
writes the compact TSV files under `data/actors/phoenix/` that `ActorKB.load` reads.

Selection (what would create false links is left out):
* people: two words or more, with at least one country or IGO role; open-ended roles end at
  `HORIZON` (the dictionaries are current to about 2018; our own people list is the authority
  where both know a person, and for later years); single-word aliases are dropped (a surname
  alone links only after the full name, see the actors stage);
* organisations: names and aliases of two words or more, or one word that is not an English word
  (`english_words`): a short one (5 letters or fewer) is kept as an acronym in capitals, which the
  stage matches only against a word in capitals ("WHO", never "Who");
* agents: role nouns of political sectors only (not religions, not "man"/"woman" on their own),
  without the ordinary nouns listed in `_COMMON_AGENTS`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .actors import SECTOR_KIND

HORIZON = "2018-12-31"  # open-ended roles of the dictionaries end here (their data is older)
PEOPLE_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
ORG_FILES = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
ACRONYM_MAX = 5
AGENT_SECTORS = frozenset(
    {"GOV", "MIL", "REB", "CRM", "OPP", "BUS", "CVL", "JUD", "COP", "MED", "LEG", "HLH", "EDU", "UAF", "SPY",
     "AGR", "LAB", "REF", "ENV", "ELI", "NGO", "IGO"}
)  # fmt: skip
# Agent nouns that are ordinary words far more often than political actors in news text.
_COMMON_AGENTS = frozenset(
    {"man", "men", "woman", "women", "person", "persons", "people", "member", "members", "head", "heads",
     "party", "parties", "side", "sides", "body", "bodies", "house", "houses", "office", "offices",
     "chief", "chiefs", "leader", "leaders", "force", "forces", "group", "groups", "team", "teams",
     "staff", "crew", "crews", "board", "boards", "guard", "guards", "fisher", "fishers", "grower",
     "players", "player", "fan", "fans", "user", "users", "owner", "owners", "host", "hosts",
     "star", "stars", "agent", "agents", "hand", "hands", "camp", "camps", "unit", "units"}
)  # fmt: skip
_THING_NOUNS = frozenset(
    {"post", "posts", "district", "districts", "station", "stations", "airliner", "airliners", "jet", "jets",
     "plane", "planes", "car", "cars", "vehicle", "vehicles", "building", "buildings", "headquarters",
     "base", "bases", "ship", "ships", "boat", "boats", "train", "trains", "bus", "buses", "of", "in",
     "camp", "camps", "school", "schools", "hospital", "hospitals", "area", "areas", "zone", "zones",
     "budget", "law", "laws", "policy", "policies", "program", "programme", "project", "plan", "report"}
)  # fmt: skip
_PERSON_STOP = frozenset(
    {"party", "army", "front", "agency", "ministry", "council", "organization", "organisation", "union",
     "group", "committee", "movement", "brigade", "brigades", "bank", "company", "association", "league",
     "forces", "force", "news", "times", "government", "court", "assembly", "parliament", "police",
     "service", "services", "bureau", "office", "department", "corporation", "fund", "institute",
     "commission", "authority", "guard", "militia", "state", "republic", "alliance", "network", "of",
     "the", "for", "and", "president", "minister", "secretary", "chief", "leader", "spokesman",
     "ambassador", "general", "official", "officials", "administration", "inc", "corp", "ltd", "co",
     "vice", "deputy", "envoy", "head", "member", "members", "senator", "governor", "mayor", "king",
     "prime", "foreign", "world", "international", "national", "united", "center", "centre"}
)  # fmt: skip
_TITLE_WORDS = frozenset(
    {"president", "minister", "secretary", "spokesman", "spokeswoman", "ambassador", "envoy", "chief",
     "leader", "chairman", "governor", "mayor", "king", "queen", "prince", "premier", "chancellor"}
)  # fmt: skip
_SECTOR_ONLY = frozenset({"ELI", "GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "MED", "BUS", "CVL", "SPY"})
_CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class RawEntry:
    """One dictionary entry: its names (the first is the main one) and its codes with dates."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    source: str = ""


def read_entries(text: str, source: str) -> Iterator[RawEntry]:
    """Entries of a PETRARCH actor file. Root lines without codes group with the next root lines
    until a code arrives; unreadable codes or dates are skipped, never guessed."""
    group: list[RawEntry] = []
    coded = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith(("<", "===", "---", "!")):
            continue
        stripped = line.strip()
        codes = [c for c in (_code(inner) for inner in _CODE_RE.findall(stripped)) if c]
        head = _CODE_RE.sub(" ", stripped).strip()
        if stripped.startswith("["):
            for entry in group:
                entry.codes += codes
            coded = coded or bool(codes)
            continue
        if stripped.startswith("+"):
            if group and head[1:].strip():
                group[-1].names.append(head[1:].strip())
                for entry in group:
                    entry.codes += codes
            continue
        if coded:
            yield from group
            group, coded = [], False
        entry = RawEntry([head], list(codes), source)
        group.append(entry)
        if codes:
            for other in group:
                if other is not entry:
                    other.codes += codes
            coded = True
    yield from group


def _code(inner: str) -> tuple[str, str | None, str | None] | None:
    parts = inner.split()
    if not parts or not re.fullmatch(r"[A-Z0-9]{3,15}", parts[0]):
        return None
    if len(parts) == 1:
        return parts[0], None, None
    restriction = parts[1]
    try:
        if restriction.startswith(">"):
            return parts[0], _date(restriction[1:]), None
        if restriction.startswith("<"):
            return parts[0], None, _date(restriction[1:])
        start, _, end = restriction.partition("-")
        return parts[0], _date(start) if start else None, _date(end) if end else None
    except ValueError:
        return None


def _date(raw: str) -> str:
    if not re.fullmatch(r"\d{6}|\d{8}", raw):
        raise ValueError(raw)
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 50 else 1900 + yy}{raw[2:]}"
    return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat()


def clean_name(raw: str) -> tuple[str, list[str]]:
    """'DEMOCRATIC_FRONT_(DFLP)_' -> ('Democratic Front', ['DFLP']): Name Case, parenthesised
    acronyms as aliases."""
    inner = [p.strip("_ ") for p in re.findall(r"\(([^)]*)\)", raw)]
    base = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ")
    words = base.split()
    name = " ".join(_word_case(w) for w in words)
    extra = [p.replace("_", " ") for p in inner if re.fullmatch(r"[A-Z][A-Z0-9/\-_]{1,9}", p)]
    return name, extra


def _word_case(word: str) -> str:
    if word.lower() in ("of", "the", "for", "and", "al", "el", "de", "du", "la", "bin", "ibn", "von", "van"):
        return word.lower()
    return "-".join(p[:1].upper() + p[1:].lower() if p else p for p in word.split("-"))


def english_words(src: Path) -> frozenset[str]:
    """English words the dictionaries themselves know: every word of the CAMEO verb dictionary and
    of the agent nouns, and spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    found: set[str] = set(STOP_WORDS)
    for name in ("CAMEO.2.0.txt", AGENT_FILE):
        path = src / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace").lower()
            found.update(re.findall(r"[a-z]{2,}", text))
    return frozenset(found)


def _keep_alias(alias: str, vocab: frozenset[str], *, person: bool) -> str | None:
    """The alias as it should be stored, or None when it would create false links."""
    words = alias.split()
    if not words or any(not re.search(r"[A-Za-z]", w) for w in words):
        return None
    if len(words) >= 2:
        return alias
    if person:
        return None
    word = re.sub(r"[^A-Za-z0-9]", "", words[0])
    if len(word) < 3 or word.lower() in vocab:
        return None
    return word.upper() if len(word) <= ACRONYM_MAX else alias


@dataclass
class PhoenixData:
    people: list[tuple[str, list[str], list[tuple[str, str | None, str | None]]]] = field(default_factory=list)
    organisations: list[tuple[str, str, str, str, list[str]]] = field(default_factory=list)
    agents: list[tuple[str, str, str]] = field(default_factory=list)


def _is_person(entry: RawEntry, name: str) -> bool:
    dated = any(s or e for _, s, e in entry.codes)
    words = name.lower().split()
    if not 2 <= len(words) <= 5 or any(w in _PERSON_STOP for w in words):
        return False
    if entry.source.startswith("Phoenix.Countries"):
        return dated or all(len(c) > 3 for c, _, _ in entry.codes)
    return dated


def _roles(codes: Iterable[tuple[str, str | None, str | None]]) -> list[tuple[str, str | None, str | None]]:
    out = []
    for code, start, end in codes:
        if code in _SECTOR_ONLY or len(code) < 3:
            continue
        if end is None:
            end = HORIZON if start is None or start <= HORIZON else None
        if start and end and start > end:
            continue
        if (code, start, end) not in out:
            out.append((code, start, end))
    return out


def _org_kind(code: str) -> tuple[str, str]:
    """(kind, country) of an organisation code."""
    if code.startswith("IGO"):
        return "igo", ""
    if code.startswith("NGO"):
        return "ngo", ""
    if code.startswith("MNC"):
        return "company", code[3:6] if len(code) >= 6 else ""
    if code[:3] in SECTOR_KIND or code[:3] in ("CVL", "REF", "ELI"):
        return SECTOR_KIND.get(code[:3], "ngo"), ""
    sector = code[3:6]
    return SECTOR_KIND.get(sector, "armed_group" if len(code) == 3 else "ngo"), code[:3]


def select(entries: Iterable[RawEntry], vocab: frozenset[str]) -> PhoenixData:
    out = PhoenixData()
    seen_people: set[str] = set()
    seen_orgs: set[str] = set()
    for entry in entries:
        if not entry.codes:
            continue
        name, extra = clean_name(entry.names[0])
        if not name:
            continue
        aliases = [clean_name(n) for n in entry.names[1:]]
        alias_names = [a for a, _ in aliases] + extra + [x for _, xs in aliases for x in xs]
        if _is_person(entry, name):
            roles = _roles(entry.codes)
            if not roles or name.lower() in seen_people:
                continue
            seen_people.add(name.lower())
            kept = [a for a in (_keep_alias(a, vocab, person=True) for a in alias_names) if a and a != name]
            out.people.append((name, list(dict.fromkeys(kept)), roles))
        elif entry.source.startswith(ORG_FILES) and not any(s or e for _, s, e in entry.codes):
            code = entry.codes[0][0]
            if not code.startswith(("IGO", "NGO")) and set(name.lower().split()) & _TITLE_WORDS:
                continue  # "Vice President of X": an office, coded by the role rules of the stage
            main = _keep_alias(name, vocab, person=False)
            kept = [a for a in (_keep_alias(a, vocab, person=False) for a in alias_names) if a]
            names = list(dict.fromkeys(([main] if main else []) + kept))
            if not names or names[0].lower() in seen_orgs or len(code) < 3:
                continue
            seen_orgs.add(names[0].lower())
            kind, country = _org_kind(code)
            out.organisations.append((names[0], code, kind, country, names[1:]))
    return out


def read_agents(text: str) -> list[tuple[str, str, str]]:
    """Agent nouns of political sectors: (phrase, sector, person) rows; singular forms name one
    person among many ("yes"), explicit plural forms a collective."""
    macros: dict[str, list[str]] = {}
    rows: list[tuple[str, str, str]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        macro = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        found = re.search(r"\[~([A-Z]{3})[A-Z]*\]", line)
        if not found or found.group(1) not in AGENT_SECTORS:
            continue
        head = line[: found.start()]
        plurals = [p.strip() for p in re.findall(r"\{([^}]*)\}", head) for p in p.split(",") if p.strip()]
        base = re.sub(r"\{[^}]*\}", " ", head).strip()
        mass = bool(re.search(r"\{\s*\}", head))  # "POLICE {}": no plural, a collective noun
        forms = [(base, "" if mass else "yes")] + [(p, "") for p in plurals]
        for form, person in forms:
            for expanded in _expand_macros(form, macros):
                phrase = " ".join(expanded.replace("_", " ").lower().split())
                if _agent_ok(phrase):
                    rows.append((phrase, found.group(1), person))
    seen: set[str] = set()
    return [r for r in rows if not (r[0] in seen or seen.add(r[0]))]  # type: ignore[func-returns-value]


_TRAILING_PREPOSITIONS = frozenset({"to", "for", "at", "of", "in", "from", "with"})


def _agent_ok(phrase: str) -> bool:
    """A role noun that names people (not "police post", "passenger jet", not "man"). A phrase
    that ends in a preposition ("ambassador to") is left out: the country after it is where the
    envoy serves, not whose envoy it is; our phrase rules read "X's ambassador to Y" as X's."""
    if not phrase or phrase in _COMMON_AGENTS or not re.fullmatch(r"[a-z][a-z '\-]*", phrase):
        return False
    last = phrase.split()[-1]
    return last not in _THING_NOUNS and last not in _TRAILING_PREPOSITIONS


def _expand_macros(form: str, macros: dict[str, list[str]]) -> list[str]:
    hit = re.search(r"![A-Z]+!", form)
    if not hit or hit.group(0) not in macros:
        return [form] if "!" not in form else []
    out = []
    for word in macros[hit.group(0)]:
        joined = form[: hit.start()].rstrip("_") + "_" + word + form[hit.end() :] if hit.start() else word
        out += _expand_macros(joined, macros)
    return out


def load_source(src: Path) -> PhoenixData:
    vocab = english_words(src)
    entries: list[RawEntry] = []
    for name in PEOPLE_FILES:
        entries += read_entries((src / name).read_text(encoding="utf-8", errors="replace"), name)
    data = select(entries, vocab)
    data.agents = read_agents((src / AGENT_FILE).read_text(encoding="utf-8", errors="replace"))
    return data


def _header(what: str, columns: str, src: Path, commit: str) -> str:
    return (
        f"# {what}\n# Generated by eventlens.knowledge.phoenix (scripts/import-phoenix) from the PETRARCH2/Phoenix\n"
        f"# dictionaries, repository openeventdata/petrarch2, commit {commit}, petrarch2/data/dictionaries/\n"
        f"# ({src.name}). Copyright (c) 2014 Open Event Data Alliance; MIT licence, full text in LICENSE beside\n"
        f"# this file. Do not edit by hand: change the importer and run it again.\n# Columns: {columns}\n"
    )


def write(data: PhoenixData, out: Path, src: Path, commit: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    people = [_header("People with dated roles (roles: CODE@start@end;...; open-ended roles end at "
                      f"{HORIZON})", "name, aliases (|), roles", src, commit), "name\taliases\troles\n"]  # fmt: skip
    for name, aliases, roles in sorted(data.people):
        cells = ";".join(f"{c}@{s or ''}@{e or ''}" for c, s, e in roles)
        people.append(f"{name}\t{'|'.join(aliases)}\t{cells}\n")
    (out / "people.tsv").write_text("".join(people), encoding="utf-8")
    orgs = [_header("International and non-governmental organisations, companies, armed groups",
                    "name, code, kind, country, aliases (|), primary", src, commit),
            "name\tcode\tkind\tcountry\taliases\tprimary\n"]  # fmt: skip
    for name, code, kind, country, aliases in sorted(data.organisations):
        orgs.append(f"{name}\t{code}\t{kind}\t{country}\t{'|'.join(aliases)}\t\n")
    (out / "organisations.tsv").write_text("".join(orgs), encoding="utf-8")
    agents = [_header("Agent nouns and their sectors", "phrase, sector, person", src, commit),
              "phrase\tsector\tperson\n"]  # fmt: skip
    agents += [f"{p}\t{s}\t{person}\n" for p, s, person in sorted(data.agents)]
    (out / "agents.tsv").write_text("".join(agents), encoding="utf-8")
    licence = src / "LICENSE"
    if licence.is_file():
        (out / "LICENSE").write_text(licence.read_text(encoding="utf-8"), encoding="utf-8")


def _source_commit(src: Path) -> str:
    readme = src / "README.md"
    if readme.is_file():
        found = re.search(r"\b([0-9a-f]{40})\b", readme.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
    try:
        return subprocess.run(["git", "-C", str(src), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import the Phoenix actor dictionaries into eventlens data files.")
    parser.add_argument("src", type=Path, help="directory of the PETRARCH2/Phoenix dictionaries")
    parser.add_argument("out", type=Path, nargs="?", help="output directory (default: the package data)")
    args = parser.parse_args(argv)
    out = args.out or Path(__file__).resolve().parent.parent / "data" / "actors" / "phoenix"
    data = load_source(args.src)
    write(data, out, args.src, _source_commit(args.src))
    sys.stderr.write(
        f"{len(data.people)} people, {len(data.organisations)} organisations, {len(data.agents)} agents -> {out}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
