"""The actor knowledge base: countries, organisations, people with dated roles, role nouns.

Everything is read from versioned data files under `eventlens/data/actors/` (see their header
comments for sources), plus optional user files (`extra_paths`: files or directories of our
YAML/CSV format or PETRARCH/TABARI actor dictionaries, see `actor_files`).

    kb = ActorKB.load()
    kb.lookup("Hakan Fidan", on=date(2020, 1, 13)).code   # 'TURSPY'
    kb.lookup("Hakan Fidan", on=date(2024, 1, 1)).code    # 'TURGOV'
    kb.country_by_demonym("Turkish").iso3                 # 'TUR'
    kb.sector_for_phrase("intelligence chief")            # 'SPY'

Dated roles: a person's code is the role held on the given date. Without a date, the latest
role (the current one for office holders) is used. A date before the first role gives the
country code alone; a date after the last role ended (or between two roles) gives the
country with the CAMEO elite sector (`ELI`, "former official").
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ConfigError
from .actor_names import NAME_PARTICLES, name_key, slug, strip_titles, variant_key

logger = logging.getLogger(__name__)

_DATA_PACKAGE = "eventlens.data"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there
ENV_ACTORS_DIR = "EVENTLENS_ACTORS_DIR"
FORMER_SECTOR = "ELI"
# Countries whose names are written family name first in English ("Li Qiang": family name Li).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "VNM", "KHM", "MNG"})
ORG_KINDS = frozenset(
    {"igo", "armed_group", "media", "government", "military", "intelligence", "police", "judiciary",
     "legislature", "party", "ngo", "company"}
)  # fmt: skip
SECTOR_KIND = {
    "GOV": "government", "MIL": "military", "SPY": "intelligence", "COP": "police", "JUD": "judiciary",
    "LEG": "legislature", "REB": "armed_group", "MED": "media", "BUS": "company", "NGO": "ngo", "OPP": "party",
}  # fmt: skip


def parse_partial_date(value: object, *, upper: bool = False) -> dt.date | None:
    """A (possibly partial) ISO date as its first day, or its last day with `upper`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    parts = text.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31) if upper else dt.date(year, 1, 1)
        month = int(parts[1])
        if len(parts) == 2:
            if not upper:
                return dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    capital_aliases: tuple[str, ...] = ()
    alt_codes: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return "code:" + self.iso3


@dataclass(frozen=True)
class Region:
    """A multi-country region (regions.tsv) or an ethnic/religious group (groups.tsv)."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    kind: str = "region"  # region | group

    @property
    def id(self) -> str:
        return "code:" + self.code


@dataclass(frozen=True)
class Organisation:
    name: str
    code: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    primary: bool = False
    source: str = ""

    @property
    def id(self) -> str:
        return "kb:" + slug(self.name)

    @property
    def sector(self) -> str | None:
        return sector_of_code(self.code, self.country)


@dataclass(frozen=True)
class Role:
    """An office a person held: `start`/`end` are ISO dates, possibly partial; end None = ongoing."""

    code: str
    title: str
    start: str | None
    end: str | None = None

    @property
    def start_date(self) -> dt.date:
        return parse_partial_date(self.start) or dt.date.min

    @property
    def end_date(self) -> dt.date:
        return parse_partial_date(self.end, upper=True) or dt.date.max

    def active_on(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    source: str = ""

    @property
    def id(self) -> str:
        return "kb:" + slug(self.name)

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on `day` (the newest appointment if several); None if none."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: (r.end_date, r.start_date))
        active = [r for r in self.roles if r.active_on(day)]
        return max(active, key=lambda r: r.start_date) if active else None

    def code_on(self, day: dt.date | None) -> str | None:
        """The CAMEO code on `day` (see the module docstring for dates outside every role)."""
        role = self.role_on(day)
        if role is not None:
            return role.code
        if not self.roles or day is None:
            return self.country
        country = self.country or self.roles[0].code[:3]
        first = min(r.start_date for r in self.roles)
        return country if day < first else country + FORMER_SECTOR

    def is_active_on(self, day: dt.date | None) -> bool:
        return day is None or any(r.active_on(day) for r in self.roles)


@dataclass(frozen=True)
class SectorTerm:
    """A role noun: `person` if it names one person, `office` if one person holds it at a time."""

    phrase: str
    sector: str
    person: bool = False
    office: bool = False


Entry = Person | Organisation | Country | Region


@dataclass(frozen=True)
class KBMatch:
    """What a name refers to in the knowledge base, and its code on the asked date.

    `via`: "name" | "alias" | "variant" (transliteration) | "demonym" | "capital".
    """

    entry: Entry
    name: str
    code: str | None
    kind: str  # person | organisation | country | region
    country: str | None
    sector: str | None
    via: str
    actor_id: str


def sector_of_code(code: str | None, country: str | None = None) -> str | None:
    """The sector part of a CAMEO actor code: TURSPY -> SPY, MED -> MED, IGOUNO -> IGO."""
    if not code:
        return None
    if code.startswith(("IGO", "IMG", "NGO")):
        return code[:3]
    if country and code.startswith(country):
        rest = code[len(country) :]
        return rest[:3] or None
    if len(code) == 3 and code.isalpha() and code in SECTOR_KIND:
        return code
    return code[3:6] or None


def country_of_code(code: str | None) -> str | None:
    if not code or code.startswith(("IGO", "IMG", "NGO")) or len(code) < 3:
        return None
    head = code[:3]
    return None if head in SECTOR_KIND or head in ("MED", "CVL", "REF", "ELI") else head


def user_actor_dir() -> Path:
    """Where `eventlens actors add/import` keep user actors ($EVENTLENS_ACTORS_DIR, else XDG data)."""
    given = os.environ.get(ENV_ACTORS_DIR)
    if given:
        return Path(given)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "eventlens" / "actors"


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def _read_tsv(text: str, source: str) -> Iterator[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if None in row:
            raise ConfigError(f"{source}: too many columns in {row}")
        yield {k: (v or "").strip() for k, v in row.items()}


def _package_text(*parts: str) -> str:
    node = resources.files(_DATA_PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def people_from_yaml(data: object, source: str, country: str | None = None) -> list[Person]:
    """People from our YAML shape: a list of {name, aliases, roles: [{code, title, start, end}]}."""
    if not isinstance(data, list):
        raise ConfigError(f"{source}: expected a list of people")
    people = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ConfigError(f"{source}: entry without a name: {item!r}")
        roles = []
        for role in item.get("roles") or []:
            if not isinstance(role, dict) or not role.get("code"):
                raise ConfigError(f"{source}: {item['name']}: role without a code: {role!r}")
            start = role.get("start")
            end = role.get("end")
            parse_partial_date(start)
            parse_partial_date(end)
            roles.append(
                Role(
                    code=str(role["code"]).upper(),
                    title=str(role.get("title") or ""),
                    start=None if start is None else str(start),
                    end=None if end is None else str(end),
                )
            )
        home = country or (roles[0].code[:3] if roles and country_of_code(roles[0].code) else None)
        aliases = tuple(str(a) for a in item.get("aliases") or [])
        people.append(Person(item["name"].strip(), aliases, tuple(roles), home, source))
    return people


@dataclass
class _Index:
    """Name -> entries maps, built once by `ActorKB`."""

    names: dict[tuple[str, ...], list[Entry]] = field(default_factory=lambda: defaultdict(list))
    variants: dict[tuple[str, ...], list[Person]] = field(default_factory=lambda: defaultdict(list))
    demonyms: dict[tuple[str, ...], list[Country | Region]] = field(default_factory=lambda: defaultdict(list))
    capitals: dict[tuple[str, ...], list[Country]] = field(default_factory=lambda: defaultdict(list))
    sectors: dict[tuple[str, ...], SectorTerm] = field(default_factory=dict)
    surnames: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    starts: set[str] = field(default_factory=set)  # first words of every key (a quick "can a name start here")
    variant_starts: set[str] = field(default_factory=set)
    max_words: int = 1


class ActorKB:
    """Read-only actor knowledge; build with `ActorKB.load()`."""

    def __init__(
        self,
        countries: Iterable[Country],
        organisations: Iterable[Organisation],
        people: Iterable[Person],
        sector_terms: Iterable[SectorTerm],
        regions: Iterable[Region] = (),
    ) -> None:
        self.countries: tuple[Country, ...] = tuple(countries)
        self.organisations: tuple[Organisation, ...] = tuple(organisations)
        self.people: tuple[Person, ...] = tuple(people)
        self.sector_terms: tuple[SectorTerm, ...] = tuple(sector_terms)
        self.regions: tuple[Region, ...] = tuple(regions)
        self._by_iso = {c.iso3: c for c in self.countries}
        for c in self.countries:
            for alt in c.alt_codes:
                self._by_iso.setdefault(alt, c)
        self._index = self._build_index()
        self._people_by_id = {p.id: p for p in self.people}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = (), *, include_user_dir: bool = False) -> ActorKB:
        """The shipped knowledge base plus user files (files or directories) in `extra_paths`.

        With `include_user_dir`, the user actor directory (`user_actor_dir()`) is read too.
        User entries come after the shipped ones; a user person with the name of a shipped one
        replaces it.
        """
        from .actor_files import read_actor_file  # the user formats live in their own module

        countries = [
            Country(r["iso3"], r["name"], _split(r["aliases"]), _split(r["demonyms"]), r["capital"],
                    _split(r["capital_aliases"]), _split(r.get("alt_codes")))
            for r in _read_tsv(_package_text("actors", "countries.tsv"), "countries.tsv")
        ]  # fmt: skip
        regions = [
            Region(r["code"], r["name"], _split(r["aliases"]), _split(r["demonyms"]), kind)
            for kind, file in (("region", "regions.tsv"), ("group", "groups.tsv"))
            for r in _read_tsv(_package_text("actors", file), file)
        ]
        org_rows = _read_tsv(_package_text("actors", "organisations.tsv"), "organisations.tsv")
        orgs = [_org_from_row(r, "organisations.tsv") for r in org_rows]
        terms = [
            SectorTerm(
                r["phrase"].lower(),
                r["sector"].upper(),
                r.get("person", "") in ("yes", "office"),
                r.get("person", "") == "office",
            )
            for r in _read_tsv(_package_text("actors", "sector_terms.tsv"), "sector_terms.tsv")
        ]
        people: list[Person] = []
        people_dir = resources.files(_DATA_PACKAGE).joinpath("actors").joinpath("people")
        for item in sorted(people_dir.iterdir(), key=lambda p: p.name):
            if item.name.endswith((".yaml", ".yml")):
                iso3 = item.name.split(".")[0].upper()
                data = yaml.load(item.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
                people.extend(people_from_yaml(data or [], f"people/{item.name}", iso3))
        paths = [Path(p) for p in extra_paths]
        if include_user_dir and user_actor_dir().is_dir():
            paths.append(user_actor_dir())
        for path in _expand(paths):
            found = read_actor_file(path)
            orgs.extend(found.organisations)
            terms.extend(found.sector_terms)
            replaced = {p.name.casefold() for p in found.people}
            people = [p for p in people if p.name.casefold() not in replaced] + list(found.people)
        return cls(countries, orgs, people, terms, regions)

    def _build_index(self) -> _Index:
        idx = _Index()
        for person in self.people:
            for name in (person.name, *person.aliases):
                key = name_key(name)
                if key and person not in idx.names[key]:
                    idx.names[key].append(person)
                if len(variant_key(key)) >= 2 and person not in idx.variants[variant_key(key)]:
                    idx.variants[variant_key(key)].append(person)
                    parts = [w for w in key if w not in NAME_PARTICLES and w != "-"]
                    family = parts[0] if person.country in FAMILY_NAME_FIRST else parts[-1]
                    _add_once(idx.surnames[family], person)
        for org in self.organisations:
            for name in (org.name, *org.aliases):
                key = name_key(name)
                if key and org not in idx.names[key]:
                    idx.names[key].append(org)
        for country in self.countries:
            for name in (country.name, *country.aliases):
                _add_once(idx.names[name_key(name)], country)
            for dem in country.demonyms:
                _add_once(idx.demonyms[name_key(dem)], country)
            for cap in (country.capital, *country.capital_aliases):
                if cap and not idx.capitals.get(name_key(cap)):  # a former state's capital yields
                    idx.capitals[name_key(cap)].append(country)
        for region in self.regions:
            for name in (region.name, *region.aliases):
                _add_once(idx.names[name_key(name)], region)
            for dem in region.demonyms:
                _add_once(idx.demonyms[name_key(dem)], region)
        for term in self.sector_terms:
            key = name_key(term.phrase)
            idx.sectors.setdefault(key, term)
        for table in (idx.names, idx.demonyms, idx.capitals, idx.sectors):
            for key in table:
                if key:
                    idx.starts.add(key[0])
                    idx.max_words = max(idx.max_words, len(key))
        for key in list(idx.sectors):
            if len(key) == 1:  # plural forms of one-word role nouns ("officials", "authorities")
                idx.starts.update({key[0] + "s", key[0] + "es", key[0][:-1] + "ies"})
        idx.variant_starts = {key[0] for key in idx.variants if key}
        return idx

    # ------------------------------------------------------------------ lookups
    def lookup(self, name: str, on: dt.date | None = None) -> KBMatch | None:
        """What `name` refers to: a person (with the code held `on` that date), an organisation,
        a country, a region, a demonym's country or a capital's government. None if unknown or
        ambiguous. Tries the name as written, then without titles, then a transliteration variant.
        """
        key = name_key(name)
        if not key:
            return None
        for candidate in dict.fromkeys((key, strip_titles(key))):
            found = self._lookup_key(candidate, on)
            if found:
                return found
        return None

    def _lookup_key(self, key: tuple[str, ...], on: dt.date | None) -> KBMatch | None:
        entries = self._index.names.get(key)
        if entries:
            entry = self._choose(entries, on)
            if entry is not None:
                via = "name" if name_key(entry.name) == key else "alias"
                return self.match(entry, on, via)
            return None
        if len(key) >= 2:
            people = self._index.variants.get(variant_key(key))
            if people:
                person = self._choose(list(people), on)
                if person is not None:
                    return self.match(person, on, "variant")
        dem = self._index.demonyms.get(key)
        if dem:  # a shared demonym ("Congolese") names the first listed country
            return self.match(dem[0], on, "demonym")
        caps = self._index.capitals.get(key)
        if caps and len(caps) == 1:
            return self.match(caps[0], on, "capital")
        return None

    @staticmethod
    def _choose(entries: list[Entry], on: dt.date | None) -> Entry | None:
        """One entry among several for a name: people active on the date first; else None."""
        if len(entries) == 1:
            return entries[0]
        people = [e for e in entries if isinstance(e, Person)]
        if people and on is not None:
            active = [p for p in people if p.is_active_on(on)]
            if len(active) == 1:
                return active[0]
        others = [e for e in entries if not isinstance(e, Person)]
        if len(others) == 1 and not people:
            return others[0]
        kinds = {type(e) for e in entries}
        if kinds == {Organisation} and len({e.code for e in entries}) == 1:  # type: ignore[union-attr]
            return entries[0]
        return None

    def match(self, entry: Entry, on: dt.date | None = None, via: str = "name") -> KBMatch:
        """A `KBMatch` for a known entry (with its code on the date)."""
        if isinstance(entry, Person):
            code = entry.code_on(on)
            country = entry.country or country_of_code(code)
            return KBMatch(entry, entry.name, code, "person", country, sector_of_code(code, country), via, entry.id)
        if isinstance(entry, Organisation):
            return KBMatch(entry, entry.name, entry.code, "organisation", entry.country, entry.sector, via, entry.id)
        if isinstance(entry, Region):
            return KBMatch(entry, entry.name, entry.code, entry.kind, None, None, via, entry.id)
        if via == "capital":
            code = entry.iso3 + "GOV"
            return KBMatch(entry, f"{entry.name}: government", code, "country", entry.iso3, "GOV", via, "code:" + code)
        return KBMatch(entry, entry.name, entry.iso3, "country", entry.iso3, None, via, entry.id)

    def country(self, code: str) -> Country | None:
        """A country by ISO-3 code (or an alternative CAMEO code such as KSV)."""
        return self._by_iso.get(code.upper())

    def country_by_name(self, name: str) -> Country | None:
        for entry in self._index.names.get(name_key(name), []):
            if isinstance(entry, Country):
                return entry
        return None

    def country_by_demonym(self, word: str) -> Country | None:
        found = [c for c in self._index.demonyms.get(name_key(word), []) if isinstance(c, Country)]
        return found[0] if found else None

    def country_by_capital(self, name: str) -> Country | None:
        found = self._index.capitals.get(name_key(name), [])
        return found[0] if len(found) == 1 else None

    def region_by_name(self, name: str) -> Region | None:
        key = name_key(name)
        for entry in self._index.names.get(key, []) + list(self._index.demonyms.get(key, [])):
            if isinstance(entry, Region):
                return entry
        return None

    def sector_for_phrase(self, phrase: str) -> str | None:
        term = self.sector_term(phrase)
        return term.sector if term else None

    def sector_term(self, phrase: str) -> SectorTerm | None:
        """The role term for a phrase ("intelligence chiefs" -> SPY), trying singular forms."""
        return self.sector_term_key(name_key(phrase.lower()))

    def sector_term_key(self, key: tuple[str, ...]) -> SectorTerm | None:
        """`sector_term` for an already folded key."""
        if not key:
            return None
        for cand in _singulars(key):
            term = self._index.sectors.get(cand)
            if term:
                return term
        return None

    def person(self, name: str) -> Person | None:
        for entry in self._index.names.get(name_key(name), []):
            if isinstance(entry, Person):
                return entry
        found = self._index.variants.get(variant_key(name_key(name)), [])
        return found[0] if len(found) == 1 else None

    def person_by_surname(
        self, surname: str, on: dt.date | None, among: frozenset[str] | set[str] | None = None
    ) -> Person | None:
        """The one person with this last name (exact spelling, accents aside) who holds a role on `on`
        ("Assad" in 2015), or, with `among` (ids), the one of those people; else None."""
        key = tuple(w for w in name_key(surname) if w not in NAME_PARTICLES and w != "-")
        if len(key) != 1:
            return None
        people = self._index.surnames.get(key[0], [])
        if among is not None:
            found = [p for p in people if p.id in among]
        else:
            found = [p for p in people if on is None or p.is_active_on(on)]
        return found[0] if len(found) == 1 else None

    def person_by_id(self, actor_id: str | None) -> Person | None:
        """The person behind an actor id ("kb:hakan-fidan"), if the knowledge base has one."""
        return self._people_by_id.get(actor_id or "")

    def person_roles(self, name: str) -> tuple[Role, ...]:
        """The dated roles of the person called `name` (empty if unknown)."""
        person = self.person(name)
        return person.roles if person else ()

    def primary_organisation(self, code: str) -> Organisation | None:
        """The body a bare "<demonym> <sector noun>" phrase of `code` refers to, if one is marked."""
        found = [o for o in self.organisations if o.code == code and o.primary]
        return found[0] if len(found) == 1 else None

    # The stage's gazetteer reads these maps directly (read-only views).
    @property
    def name_index(self) -> dict[tuple[str, ...], list[Entry]]:
        return self._index.names

    @property
    def demonym_index(self) -> dict[tuple[str, ...], list[Country | Region]]:
        return self._index.demonyms

    @property
    def capital_index(self) -> dict[tuple[str, ...], list[Country]]:
        return self._index.capitals

    @property
    def sector_index(self) -> dict[tuple[str, ...], SectorTerm]:
        return self._index.sectors

    @property
    def variant_index(self) -> dict[tuple[str, ...], list[Person]]:
        return self._index.variants

    def may_start(self, fold: str, variant: str | None) -> bool:
        """False when no name, demonym, capital or role noun can start with this word."""
        return fold in self._index.starts or (variant is not None and variant in self._index.variant_starts)

    @property
    def max_words(self) -> int:
        return self._index.max_words


def _add_once(entries: list, entry: object) -> None:
    if entry not in entries:
        entries.append(entry)


def _singulars(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = key[-1]
    out = [key]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if last.endswith(suffix) and len(last) > len(suffix) + 2:
            out.append((*key[:-1], last[: -len(suffix)] + repl))
    return out


def _org_from_row(row: dict[str, str], source: str) -> Organisation:
    kind = row.get("kind", "").strip() or "government"
    if kind not in ORG_KINDS:
        raise ConfigError(f"{source}: {row.get('name')}: unknown kind {kind!r} (one of {sorted(ORG_KINDS)})")
    code = row.get("code", "").strip().upper()
    if not row.get("name") or not code:
        raise ConfigError(f"{source}: an organisation needs a name and a code: {row}")
    return Organisation(
        name=row["name"],
        code=code,
        kind=kind,
        country=(row.get("country") or "").upper() or None,
        aliases=_split(row.get("aliases")),
        primary=(row.get("primary") or "").lower() in ("yes", "true", "1"),
        source=source,
    )


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


def code_on(actor_code_or_person: Person | str | None, day: dt.date | None) -> str | None:
    """A person's code on `day`; a plain code is returned unchanged (collectives do not change)."""
    if isinstance(actor_code_or_person, Person):
        return actor_code_or_person.code_on(day)
    return actor_code_or_person


__all__ = [
    "ActorKB", "Country", "KBMatch", "Organisation", "Person", "Region", "Role", "SectorTerm",
    "code_on", "country_of_code", "parse_partial_date", "people_from_yaml", "sector_of_code", "user_actor_dir",
]  # fmt: skip


ACTOR_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,4}")


def check_actor_code(code: str) -> str:
    """`code` upper-cased if it is a CAMEO actor code: 3-letter blocks, the first a country, region,
    group or actor type we know (`data/actors/*.tsv`, `data/cameo/actor_types.tsv`); else ConfigError."""
    value = (code or "").strip().upper()
    if not ACTOR_CODE.fullmatch(value):
        raise ConfigError(f"{code!r} is not a CAMEO actor code: use 3-letter blocks of letters, e.g. GBRGOV, IGOUNO")
    known = {r["iso3"] for r in _read_tsv(_package_text("actors", "countries.tsv"), "countries.tsv")}
    for file in ("regions.tsv", "groups.tsv"):
        known |= {r["code"] for r in _read_tsv(_package_text("actors", file), file)}
    known |= {r["code"] for r in _read_tsv(_package_text("cameo", "actor_types.tsv"), "actor_types.tsv")}
    if value[:3] not in known:
        raise ConfigError(f"{code!r}: {value[:3]} is not a known country, region, group or actor type code")
    return value
