"""How fast the store takes processed articles, as it fills up (merging and near-duplicate checks included).

    .venv/bin/python benchmarks/store_writes.py --db /tmp/bench.db --articles 20000
    .venv/bin/python benchmarks/store_writes.py --db postgresql://eventlens@127.0.0.1:PORT/bench

No spaCy here: synthetic documents (random words, 5 events each over 300 actors, 40 CAMEO
codes and two years of days; one article in ten is a wire copy of an earlier one) go straight
to `save_document`. Prints articles/s per slice of the run, so a slowdown as the tables grow
shows, and the final counts.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

import eventlens
from eventlens.model import Actor, Article, Document, Event, Mention, Plover, Sentence

WORDS = [f"w{i}" for i in range(5000)]
CODES = [f"{root:02d}{leaf}" for root in range(1, 21) for leaf in ("0", "3")]


def synthetic_document(index: int, rng: random.Random, texts: list[str]) -> Document:
    article_id = f"bench-{index}"
    if texts and rng.random() < 0.1:
        text = rng.choice(texts) + " Copied by another outlet."
    else:
        text = " ".join(rng.choices(WORDS, k=200)) + "."
        texts.append(text)
    doc = Document(article=Article(id=article_id, text=text, outlet=f"outlet {rng.randrange(50)}"), text=text)
    doc.sentences = [Sentence(0, 0, len(text), text)]
    for n in range(5):
        source, target = rng.sample(range(300), 2)
        day = (date(2020, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()
        code = rng.choice(CODES)
        event = Event(
            article_id, Actor(f"Actor {source}", f"A{source:03d}", actor_id=f"kb:a{source}"),
            Actor(f"Actor {target}", f"A{target:03d}", actor_id=f"kb:a{target}"), code,
            plover=Plover(f"P{code[:2]}"), date=day, date_precision="day",
            mentions=[Mention(article_id, 0, n * 10, n * 10 + 9, text[n * 10 : n * 10 + 9])],
        )  # fmt: skip
        event.id = event.make_id()
        doc.events.append(event)
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a SQLite path or a postgresql:// URL (use an empty database)")
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--slices", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    texts: list[str] = []
    per_slice = max(1, args.articles // args.slices)
    with eventlens.open_store(args.db) as store:
        started = time.perf_counter()
        for first in range(0, args.articles, per_slice):
            docs = [synthetic_document(i, rng, texts) for i in range(first, min(first + per_slice, args.articles))]
            slice_started = time.perf_counter()
            for doc in docs:
                store.save_document(doc)
            seconds = time.perf_counter() - slice_started
            print(f"articles {first + 1}-{first + len(docs)}: {len(docs) / seconds:,.0f} articles/s")
        total = time.perf_counter() - started
        counts = store.counts()
        duplicates = store.execute("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL")[0][0]  # type: ignore[attr-defined]
        print(f"{args.articles} articles in {total:.1f} s: {counts.events} events, {duplicates} duplicates linked")


if __name__ == "__main__":
    main()
