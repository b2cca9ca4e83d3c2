"""Checks on the people knowledge base: src/eventlens/data/actors/people/<ISO3>.yaml.

Each file is a list of people with dated roles. These tests check the shape the loader relies on
and the consistency rules of the data (codes, dates, unique names, unambiguous aliases).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

PEOPLE_DIR = Path(__file__).resolve().parents[2] / "src" / "eventlens" / "data" / "actors" / "people"
PEOPLE_FILES = sorted(PEOPLE_DIR.glob("*.yaml"))

# CAMEO sector codes a role may carry (the three letters after the country code).
SECTORS = frozenset({"GOV", "MIL", "SPY", "REB", "INS", "OPP", "LEG", "JUD", "COP"})
# International (non-country) codes a role may carry instead of the file's country code.
IGO_PREFIXES = ("IGO",)
PERSON_KEYS = frozenset({"name", "aliases", "roles"})
ROLE_KEYS = frozenset({"code", "title", "start", "end", "sector_note"})
REQUIRED_ROLE_KEYS = frozenset({"code", "title", "start", "end"})
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FIRST_YEAR = 1950
LAST_DATE = dt.date(2026, 12, 31)


@functools.cache
def _load(path: Path) -> list[dict]:
    """Parsed file, read once per test session (the checks only read it)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _date_bounds(value: object) -> tuple[dt.date, dt.date]:
    """Earliest and latest day a (possibly partial) ISO date string can mean."""
    if isinstance(value, dt.date):
        return value, value
    assert isinstance(value, str), f"date {value!r} is not a string"
    match = DATE_RE.match(value)
    assert match, f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if day is not None:
        exact = dt.date(year, month, day)  # raises on 2023-02-30
        return exact, exact
    if month is not None:
        assert 1 <= month <= 12, f"bad month in {value!r}"
        first = dt.date(year, month, 1)
        next_month = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, next_month - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def test_there_are_people_files() -> None:
    assert len(PEOPLE_FILES) >= 12, f"only {len(PEOPLE_FILES)} people files in {PEOPLE_DIR}"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_file_names_a_source(path: Path) -> None:
    header = path.read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("# source:") for line in header), "header comment must name the source"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_entries_have_the_expected_shape(path: Path) -> None:
    assert re.fullmatch(r"[A-Z]{3}", path.stem), "file name must be an ISO-3 code"
    people = _load(path)
    assert isinstance(people, list) and people, "file must be a non-empty list of people"
    for person in people:
        assert isinstance(person, dict), f"entry {person!r} is not a mapping"
        assert set(person) <= PERSON_KEYS, f"{person.get('name')}: unknown keys {set(person) - PERSON_KEYS}"
        assert isinstance(person.get("name"), str) and person["name"].strip(), f"entry without name: {person}"
        aliases = person.get("aliases", [])
        assert isinstance(aliases, list), f"{person['name']}: aliases must be a list"
        assert all(isinstance(a, str) and a.strip() for a in aliases), f"{person['name']}: empty alias"
        roles = person.get("roles")
        assert isinstance(roles, list) and roles, f"{person['name']}: no roles"
        for role in roles:
            assert isinstance(role, dict), f"{person['name']}: role {role!r} is not a mapping"
            assert REQUIRED_ROLE_KEYS <= set(role) <= ROLE_KEYS, f"{person['name']}: role keys {sorted(role)}"
            assert isinstance(role["title"], str) and role["title"].strip(), f"{person['name']}: no title"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_role_codes_belong_to_the_country(path: Path) -> None:
    iso3 = path.stem
    for person in _load(path):
        for role in person["roles"]:
            code = role["code"]
            assert isinstance(code, str), f"{person['name']}: code {code!r}"
            if code.startswith(IGO_PREFIXES):
                continue
            assert len(code) == 6, f"{person['name']}: code {code} is not ISO3 + sector"
            assert code[:3] == iso3, f"{person['name']}: code {code} is not of {iso3}"
            assert code[3:] in SECTORS, f"{person['name']}: sector {code[3:]} not in {sorted(SECTORS)}"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_role_dates_are_valid_and_ordered(path: Path) -> None:
    for person in _load(path):
        for role in person["roles"]:
            label = f"{person['name']} / {role['title']}"
            assert role["start"] is not None, f"{label}: no start date"
            start_low, _ = _date_bounds(role["start"])
            assert start_low.year >= FIRST_YEAR, f"{label}: start {role['start']} too early"
            assert start_low <= LAST_DATE, f"{label}: start {role['start']} in the future"
            if role["end"] is None:
                continue
            _, end_high = _date_bounds(role["end"])
            assert start_low <= end_high, f"{label}: start {role['start']} after end {role['end']}"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_every_person_held_a_role_since_2000(path: Path) -> None:
    """Earlier roles of a person are kept as background, but each person is in scope (2000 on)."""
    for person in _load(path):
        ends = [role["end"] for role in person["roles"]]
        in_scope = any(end is None or _date_bounds(end)[1].year >= 2000 for end in ends)
        assert in_scope, f"{person['name']}: every role ended before 2000"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.stem)
def test_dates_are_quoted_strings(path: Path) -> None:
    """Dates are kept as strings so that partial dates (YYYY-MM) and full dates look alike."""
    for person in _load(path):
        for role in person["roles"]:
            for key in ("start", "end"):
                value = role[key]
                assert value is None or isinstance(value, str), f"{person['name']}: {key} {value!r} unquoted"


def test_names_are_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for path in PEOPLE_FILES:
        for person in _load(path):
            key = person["name"].casefold()
            assert key not in seen, f"{person['name']} in {path.name} and {seen[key]}"
            seen[key] = path.name


def test_no_alias_is_shared_by_two_people() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    names = {}
    for path in PEOPLE_FILES:
        for person in _load(path):
            names[person["name"].casefold()] = person["name"]
            for alias in person.get("aliases", []):
                owners[alias.casefold()].add(person["name"])
    shared = {alias: sorted(people) for alias, people in owners.items() if len(people) > 1}
    assert not shared, f"aliases shared by several people: {shared}"
    clashes = {
        alias: (sorted(people), names[alias])
        for alias, people in owners.items()
        if alias in names and names[alias] not in people
    }
    assert not clashes, f"aliases equal to another person's name: {clashes}"


SURNAME_PARTICLES = frozenset({"bin", "ibn", "abu", "bou", "de", "le", "van", "von", "zu", "der"})
ARABIC_ARTICLES = ("al-", "el-")
# Countries whose names are written surname first in English (Kim Jong-un, Xi Jinping).
SURNAME_FIRST = frozenset({"CHN", "KOR", "PRK"})


def _surname_key(text: str, surname_first: bool = False) -> str:
    """Surname of a name, case-folded: the last word (the first for surname-first names), with a
    particle before it (bin Mubarak, Le Drian) and without an Arabic article (al-Sharaa -> sharaa)."""
    words = text.casefold().split()
    if surname_first:
        return words[0]
    key = words[-1]
    for article in ARABIC_ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
    if len(words) > 1 and words[-2] in SURNAME_PARTICLES:
        key = f"{words[-2]} {key}"
    return key


def _is_bare_surname(alias: str) -> bool:
    words = alias.casefold().split()
    return len(words) == 1 or (len(words) == 2 and words[0] in SURNAME_PARTICLES)


def test_no_surname_alias_names_another_person() -> None:
    """A surname alias must not be another person's surname (Bashir: Mohammed al-Bashir, Omar al-Bashir)."""
    surnames: dict[str, set[str]] = defaultdict(set)
    people = [person for path in PEOPLE_FILES for person in _load(path)]
    for path in PEOPLE_FILES:
        for person in _load(path):
            surnames[_surname_key(person["name"], path.stem in SURNAME_FIRST)].add(person["name"])
    clashes = []
    for person in people:
        for alias in person.get("aliases", []):
            if not _is_bare_surname(alias):
                continue
            others = surnames.get(_surname_key(alias), set()) - {person["name"]}
            if others:
                clashes.append((person["name"], alias, sorted(others)))
    assert not clashes, f"surname aliases that are other people's surnames: {clashes}"


def test_surname_key() -> None:
    assert _surname_key("Mohammed al-Bashir") == "bashir"
    assert _surname_key("Ahmed Awad bin Mubarak") == "bin mubarak"
    assert _surname_key("Jean-Yves Le Drian") == "le drian"
    assert _surname_key("Hosni Mubarak") == "mubarak"
    assert _surname_key("Suh Hoon", surname_first=True) == "suh"


def test_partial_date_bounds() -> None:
    """The date helper the other checks rely on reads partial dates as ranges."""
    assert _date_bounds("2012-07") == (dt.date(2012, 7, 1), dt.date(2012, 7, 31))
    assert _date_bounds("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert _date_bounds("2024-12") == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError):
        _date_bounds("2023-02-30")
    with pytest.raises(AssertionError):
        _date_bounds("July 2012")


def _code_on(name: str, day: dt.date) -> str | None:
    """The code of the role `name` held on `day`, read straight from the files (no loader)."""
    for path in PEOPLE_FILES:
        for person in _load(path):
            if person["name"] != name:
                continue
            for role in person["roles"]:
                start, _ = _date_bounds(role["start"])
                end = LAST_DATE if role["end"] is None else _date_bounds(role["end"])[1]
                if start <= day <= end:
                    return role["code"]
    return None


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Hakan Fidan", dt.date(2020, 1, 13), "TURSPY"),  # MIT chief in the seed article
        ("Hakan Fidan", dt.date(2024, 1, 1), "TURGOV"),  # foreign minister after June 2023
        ("Ali Mamlouk", dt.date(2020, 1, 13), "SYRSPY"),
        ("Bashar al-Assad", dt.date(2020, 1, 13), "SYRGOV"),
        ("Bashar al-Assad", dt.date(2025, 1, 1), None),  # fled 2024-12-08
        ("Ahmed al-Sharaa", dt.date(2020, 1, 13), "SYRREB"),  # HTS leader before he ruled Syria
        ("Ahmed al-Sharaa", dt.date(2025, 6, 1), "SYRGOV"),
        ("Mike Pompeo", dt.date(2017, 6, 1), "USASPY"),
        ("Mike Pompeo", dt.date(2019, 6, 1), "USAGOV"),
    ],
)
def test_dated_roles_of_people_in_the_seed_and_brief(name: str, day: dt.date, code: str | None) -> None:
    assert _code_on(name, day) == code
