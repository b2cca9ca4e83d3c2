"""The table of landmarks and institution seats (data/places/seats.tsv)."""

from __future__ import annotations

import pytest

from eventlens.knowledge.seats import Seats, seat_key


@pytest.fixture(scope="module")
def seats() -> Seats:
    return Seats.load()


@pytest.mark.parametrize(
    ("text", "city", "iso3"),
    [
        ("the Kremlin", "Moscow", "RUS"),
        ("The White House's", "Washington", "USA"),
        ("Élysée Palace", "Paris", "FRA"),
        ("No. 10 Downing Street", "London", "GBR"),
        ("the International Court of Justice", "The Hague", "NLD"),
        ("U.N. headquarters", "New York", "USA"),
    ],
)
def test_named_landmarks(seats: Seats, text: str, city: str, iso3: str) -> None:
    seat = seats.named(text)
    assert seat is not None and (seat.city, seat.country) == (city, iso3)
    place = seat.place()
    assert place.precision == "site" and place.lat is not None and place.lon is not None


def test_institution_seat_by_actor_code(seats: Seats) -> None:
    seat = seats.of_code("IGOUNOICJ")
    assert seat is not None and seat.city == "The Hague"
    assert seats.of_code("IGOUNO") is None  # the UN as a whole sits in many places
    assert seats.of_code(None) is None


def test_unknown_names_are_not_seats(seats: Seats) -> None:
    assert seats.named("the House") is None
    assert seats.named("Security Council") is None  # many countries have one


def test_seat_key() -> None:
    assert seat_key("  The  Kremlin’s ") == "kremlin"
    assert seat_key("Élysée") == "elysee"
