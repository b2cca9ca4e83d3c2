"""Page and API times of the web workbench on a store of 100,000 events (issue 13).

Builds a SQLite store through the store API (`save_document`), deterministic (fixed seed): 10
events per article, actors drawn with a long tail (a few countries' governments in many events,
thousands of named people in few), actor mentions, evidence sentences of varied words (for the
full-text index), some month- and year-only dates and some undated events. The store is kept
(pass the same path again to reuse it). Then times each page and API request through the app
in-process (the median of `REPEAT` runs after one warm-up), and prints the figures; asserts nothing.

    .venv/bin/python benchmarks/workbench_scale.py [N_EVENTS] [DB_PATH]   # default 100000, a temp file
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient
from tqdm import tqdm

import eventlens
from eventlens.model import Actor, ActorMention, Article, Document, Event, Mention, Sentence
from eventlens.web import create_app

COUNTRIES = ("TUR", "SYR", "RUS", "USA", "IRN", "ISR", "UKR", "CHN", "FRA", "DEU", "KEN", "SOM", "EGY",
             "IRQ", "GBR", "IND", "PAK", "AFG", "SAU", "QAT", "JOR", "LBN", "YEM", "SDN", "ETH", "NGA")  # fmt: skip
SECTORS = ("GOV", "MIL", "SPY", "REB", "COP", "OPP", "BUS", "MED")
CODES = (("043", 2.8, 1, "CONSULT"), ("040", 1.0, 1, "CONSULT"), ("057", 8.0, 1, "AGREE"),
         ("061", 6.4, 2, "COOPERATE"), ("111", -2.0, 3, "ACCUSE"), ("112", -2.0, 3, "ACCUSE"),
         ("161", -4.0, 4, "REDUCE"), ("190", -10.0, 4, "ASSAULT"), ("173", -5.0, 4, "SEIZE"),
         ("036", 4.0, 1, "CONSULT"))  # fmt: skip
WORDS = ("talks", "ceasefire", "border", "sanctions", "envoy", "summit", "troops", "protest", "election",
         "minister", "drone", "refugees", "grain", "pipeline", "treaty", "hostages", "embassy", "strike")  # fmt: skip
PER_ARTICLE = 10
N_PEOPLE = 15_000
REPEAT = 5


def make_actor(rng: random.Random) -> Actor:
    if rng.random() < 0.55:  # a country's institution: few actors, many events
        code = rng.choice(COUNTRIES[: 6 if rng.random() < 0.6 else None]) + rng.choice(SECTORS)
        return Actor(code, code, code[:3], actor_id=f"code:{code}", kind="organisation")
    n = int(N_PEOPLE ** rng.random()) - 1  # people: log-uniform, a long tail (half of them among the first 120)
    country = COUNTRIES[n % len(COUNTRIES)]
    code = country + SECTORS[n % 3]
    name = f"Person {n} {WORDS[n % len(WORDS)].title()}"
    return Actor(name, code, country, actor_id=f"name:person {n}", kind="person")


def make_date(rng: random.Random) -> tuple[str | None, str]:
    roll = rng.random()
    day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9500))
    if roll < 0.04:
        return None, "unknown"
    if roll < 0.08:
        return day.isoformat()[:7], "month"
    if roll < 0.10:
        return day.isoformat()[:4], "year"
    return day.isoformat(), "day"


def make_document(number: int, rng: random.Random) -> Document:
    article_id = f"bench-{number}"
    sentences: list[Sentence] = []
    events: list[Event] = []
    mentions: list[ActorMention] = []
    text = ""
    for i in range(PER_ARTICLE):
        source, target = make_actor(rng), make_actor(rng)
        while target.actor_id == source.actor_id:
            target = make_actor(rng)
        cameo, goldstein, quad, plover = rng.choice(CODES)
        words = " ".join(rng.sample(WORDS, 4))
        sentence = f"{source.name} and {target.name} discussed {words} in article {number} line {i}. "
        start = len(text)
        text += sentence
        sentences.append(Sentence(i, start, len(text) - 1, sentence.strip()))
        date, precision = make_date(rng)
        event = Event(
            article_id=article_id, cameo=cameo, goldstein=goldstein, quad_class=quad, source=source, target=target,
            date=date, date_precision=precision,
            mentions=[Mention(article_id, i, start, start + len(source.name), source.name)],
        )  # fmt: skip
        event.plover = eventlens.model.Plover(plover)
        event.id = f"ev:{number}-{i}"
        events.append(event)
        mentions.append(ActorMention(source, start, start + len(source.name), source.name, i))
        end = start + len(source.name) + 5
        mentions.append(ActorMention(target, end, end + len(target.name), target.name, i))
    article = Article(
        id=article_id, text=text, title=f"Synthetic article {number}", url=f"https://news{number % 40}.example/{number}"
    )
    return Document(article=article, text=text, sentences=sentences, events=events, actor_mentions=mentions)


def build(path: Path, n_events: int) -> None:
    rng = random.Random(13)
    with eventlens.open_store(path) as store:
        for number in tqdm(range(n_events // PER_ARTICLE), desc="build", unit=" article"):
            store.save_document(make_document(number, rng))


def timed(client: TestClient, label: str, url: str, status: int = 200) -> None:
    """The first request (cold: the network and alerts are computed, then kept per store state)
    and the median of the next REPEAT."""
    started = time.perf_counter()
    first = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    assert first.status_code == status, (url, first.status_code, first.text[:300])
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<40} {statistics.median(times):8.1f} ms  (max {max(times):7.1f}, first {cold:8.1f})  {url}")


def main() -> None:
    n_events = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp()) / "workbench.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, n_events)
        print(f"built {path} in {time.perf_counter() - started:.0f} s")
    with eventlens.open_store(path) as store:
        counts = store.counts()
        top = store.list_actors(limit=1)[0]
        tail = store.list_actors(limit=1, offset=counts.actors // 2)[0]
    print(f"store: {counts.events:,} events, {counts.articles:,} articles, {counts.actors:,} actors")
    print(f"busiest actor: {top.actor_id} ({top.num_events:,} events); a tail actor: {tail.actor_id}")
    app = create_app(str(path), allowed_hosts=["testserver"])
    with TestClient(app) as client:
        for label, url in (
            ("actors page", "/actors"),
            ("actors API (limit 50)", "/api/actors?limit=50"),
            ("actors API, deep page", f"/api/actors?limit=50&offset={counts.actors - 60}"),
            ("actor page, busiest actor", "/actors/" + quote(top.actor_id, safe="")),
            ("actor API, busiest actor", "/api/actors/" + quote(top.actor_id, safe="")),
            ("actor events API, busiest actor", "/api/actors/" + quote(top.actor_id, safe="") + "/events"),
            ("actor page, tail actor", "/actors/" + quote(tail.actor_id, safe="")),
            ("network page (country)", "/network"),
            ("network page (actor)", "/network?level=actor"),
            ("network API (actor, 200 nodes)", "/api/network?level=actor"),
            ("network API (code, since 2020)", "/api/network?level=code&since=2020-01-01"),
            ("alerts page", "/alerts"),
            ("alerts API", "/api/alerts"),
            ("events page (newest first)", "/"),
            ("events page, last page", f"/?offset={(counts.events - 1) // 50 * 50}"),
            ("events page, sort goldstein + filters", "/?sort=goldstein&quad_class=4&since=2010"),
            ("events API, actor filter", "/api/events?actor=TURGOV"),
            ("search API (two words)", "/api/search?q=ceasefire+envoy"),
            ("events page with search", "/?q=treaty+hostages&sort=-mentions"),
            ("map page", "/map"),
        ):
            timed(client, label, url)
        timed(client, "actor API, unknown id (404)", "/api/actors/name:nobody", status=404)


if __name__ == "__main__":
    main()
