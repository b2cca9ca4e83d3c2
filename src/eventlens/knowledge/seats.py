"""Landmarks and seats that stand for a place: "talks at the Kremlin" happened in Moscow,
"a visit to the White House" in Washington, and a ruling of the International Court of
Justice in The Hague (`data/places/seats.tsv`, with its sources).

A landmark is found by its name in the text; an institution also by the CAMEO code of the
actor that stands for it (an event whose source is the ICJ happened at the ICJ's seat unless
the text says where).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import ConfigError
from ..model import Place
from .datafiles import read_tsv

SEATS_FILE = "places/seats.tsv"


@dataclass(frozen=True)
class Seat:
    """One landmark or institution seat, and where it is."""

    name: str
    city: str
    country: str  # ISO-3
    lat: float
    lon: float
    kind: str  # landmark | institution

    def place(self) -> Place:
        """The place of the site, named by its city (a site's coordinates, a town's name)."""
        return Place(name=self.city, country=self.country, lat=self.lat, lon=self.lon, precision="site")


def seat_key(text: str) -> str:
    """ "The White House's" -> "white house"; "Élysée" -> "elysee"; "U.N." -> "un"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"\s+", " ", text.replace("’", "'").replace(".", "")).strip()


class Seats:
    """The table of `data/places/seats.tsv`, looked up by name or by actor code."""

    def __init__(self, seats: list[tuple[Seat, list[str], list[str]]]) -> None:
        self._by_name: dict[str, Seat] = {}
        self._by_code: dict[str, Seat] = {}
        for seat, names, codes in seats:
            for name in names:
                self._by_name.setdefault(seat_key(name), seat)
            for code in codes:
                self._by_code.setdefault(code.upper(), seat)

    @classmethod
    def load(cls, relpath: str = SEATS_FILE) -> Seats:
        rows = []
        for row in read_tsv(relpath):
            try:
                seat = Seat(row["name"], row["city"], row["iso3"], float(row["lat"]), float(row["lon"]), row["kind"])
            except (KeyError, ValueError) as exc:
                raise ConfigError(f"eventlens/data/{relpath}: bad row {row}: {exc}") from None
            if seat.kind not in ("landmark", "institution"):
                raise ConfigError(f"eventlens/data/{relpath}: unknown kind {seat.kind!r} in {row}")
            names = [row["name"], *(a for a in row.get("aliases", "").split("|") if a.strip())]
            codes = [c.strip() for c in row.get("actor_codes", "").split("|") if c.strip()]
            rows.append((seat, names, codes))
        return cls(rows)

    def named(self, text: str) -> Seat | None:
        """The landmark or institution a name ("the Kremlin", "Downing Street") denotes."""
        return self._by_name.get(seat_key(text))

    def of_code(self, code: str | None) -> Seat | None:
        """The seat of the institution an actor code denotes ("IGOUNOICJ": The Hague)."""
        return self._by_code.get(code.upper()) if code else None


__all__ = ["Seat", "Seats", "seat_key"]
