"""Dates and places on short conflict-event reports ("On 9 May 2020, nurses protested in Paris
Square of Haifa city ..."), the form of event datasets' notes: how many reports give a stored
event, and on how many of those the first event's date equals the report's and its place has the
expected name (or its spelling with other vowels) or lies within 25 km of the gazetteer's place of
that name in the stored place's country. The reports are our
own (benchmarks/data/short_reports.tsv). Prints figures and the misses; asserts nothing.

    .venv/bin/python benchmarks/short_reports.py [--show]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
from pathlib import Path

import eventlens
from eventlens.knowledge.gazetteer import Gazetteer
from eventlens.knowledge.place_index import skeleton_key
from eventlens.model import Place

DATA = Path(__file__).with_name("data") / "short_reports.tsv"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def place_right(place: Place | None, expected: str, gazetteer: Gazetteer) -> bool:
    if place is None:
        return False
    if place.name.casefold() == expected.casefold() or skeleton_key(place.name) == skeleton_key(expected):
        return True  # "Janīn" for Jenin
    want = gazetteer.resolve(expected, [place.country] if place.country else [], min_population=0)
    if want is None or want.lat is None or place.lat is None or place.lon is None or want.lon is None:
        return False
    return km((place.lat, place.lon), (want.lat, want.lon)) <= 25


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the reports with a wrong date or place")
    args = parser.parse_args()
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    lens = eventlens.load(eventlens.Settings(min_confidence=0.0))
    gazetteer = Gazetteer()
    with_event = dates = places = 0
    for i, row in enumerate(rows):
        article = eventlens.Article(id=f"r{i}", text=row["text"], published=dt.date.fromisoformat(row["published"]))
        doc = next(lens.process([article]))
        if not doc.events:
            if args.show:
                print(f"no event      :: {row['text'][:100]}")
            continue
        with_event += 1
        event = doc.events[0]
        date_ok = event.date == row["date"]
        place_ok = place_right(event.place, row["place"], gazetteer)
        dates += date_ok
        places += place_ok
        if args.show and not (date_ok and place_ok):
            got = event.place.name if event.place else None
            print(f"date {event.date} place {got!r} (want {row['date']} {row['place']}) :: {row['text'][:80]}")
    n = len(rows)
    print(f"reports {n}; with a stored event {with_event} ({with_event / n:.0%})")
    print(f"of those: date right {dates} ({dates / max(with_event, 1):.0%}); place right {places} "
          f"({places / max(with_event, 1):.0%})")


if __name__ == "__main__":
    main()
