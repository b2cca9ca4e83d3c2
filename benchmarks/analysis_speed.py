"""How long the analyses and the web pages take on a store of N synthetic events.

Builds a SQLite store of N hand-made events (deterministic: countries, sectors, CAMEO codes and
dates drawn with a fixed seed, 20 events per article), then times each analysis and a few API
and page requests. Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/analysis_speed.py [N]      # default 20000
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from tqdm import tqdm

import eventlens
from eventlens.analysis import actor_network, dyad_series, find_alerts, parse_actor_spec
from eventlens.model import Actor, Article, Document, Event, Mention, Sentence
from eventlens.web import create_app

COUNTRIES = ("TUR", "SYR", "RUS", "USA", "IRN", "ISR", "UKR", "CHN", "FRA", "DEU", "KEN", "SOM", "EGY", "IRQ")
SECTORS = ("", "GOV", "MIL", "SPY", "REB", "COP")
CODES = (("043", 2.8, 1), ("040", 1.0, 1), ("057", 8.0, 1), ("061", 6.4, 2), ("111", -2.0, 3),
         ("112", -2.0, 3), ("161", -4.0, 4), ("190", -10.0, 4), ("173", -5.0, 4), ("036", 4.0, 1))  # fmt: skip


def build(path: Path, n: int, per_article: int = 20) -> None:
    rng = random.Random(7)
    start = dt.date(2005, 1, 1)
    with eventlens.open_store(path) as store:
        for a in tqdm(range(n // per_article), desc="build", unit=" article"):
            text = "synthetic article " * 10
            events = []
            for i in range(per_article):
                src, tgt = rng.sample(COUNTRIES, 2)
                src += rng.choice(SECTORS)
                tgt += rng.choice(SECTORS)
                cameo, goldstein, quad = rng.choice(CODES)
                day = start + dt.timedelta(days=rng.randrange(7000))
                event = Event(
                    article_id=f"a{a}", cameo=cameo, goldstein=goldstein, quad_class=quad,
                    source=Actor(src, src, src[:3], actor_id=f"code:{src}"),
                    target=Actor(tgt, tgt, tgt[:3], actor_id=f"code:{tgt}"),
                    date=day.isoformat(), date_precision="day",
                    mentions=[Mention(f"a{a}", 0, i, i + 5, text[i : i + 5])],
                )  # fmt: skip
                event.id = f"ev:{a}-{i}"
                events.append(event)
            doc = Document(article=Article(id=f"a{a}", text=text), text=text,
                           sentences=[Sentence(0, 0, len(text), text)], events=events)  # fmt: skip
            store.save_document(doc)


def timed(label: str, fn) -> None:
    started = time.perf_counter()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - started:8.3f} s   {result}")


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        build(db, n)
        with eventlens.open_store(db) as store:
            print(f"store: {store.counts()}")
            timed("find_alerts (country pairs)", lambda: f"{len(find_alerts(store))} alerts")
            timed("find_alerts (code pairs)", lambda: f"{len(find_alerts(store, level='code'))} alerts")
            timed("actor_network (country)", lambda: f"{len(actor_network(store).edges)} edges")
            timed("actor_network (code)", lambda: f"{len(actor_network(store, level='code').edges)} edges")
            timed("dyad_series TUR-SYR monthly",
                  lambda: f"{len(dyad_series(store, parse_actor_spec('TUR'), parse_actor_spec('SYR')).events)} events")
        client = TestClient(create_app(str(db)))
        for url in ("/api/events?limit=500", "/api/events?actor=TURSPY", "/", "/dyad?a=TUR&b=SYR",
                    "/network", "/network?level=code", "/map", "/alerts", "/actors/code:TURSPY"):
            timed(f"GET {url}", lambda url=url: client.get(url).status_code)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
