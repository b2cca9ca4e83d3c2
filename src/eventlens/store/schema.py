"""The relational schema, as ordered migrations, and the row shapes shared by backends.

Types are kept portable (TEXT, INTEGER, REAL) so the same statements serve
SQLite and PostgreSQL. A store applies the migrations it has not recorded yet.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from ..model import Actor, Article, Document, Event
from ..record import EVENT, flat_columns, flatten
from . import derived

# A statement is portable SQL, or {"sqlite": ..., "postgresql": ...} where the backends differ.
MIGRATIONS: tuple[tuple[int, tuple[derived.Statement, ...]], ...] = (
    (
        1,
        (
            """CREATE TABLE IF NOT EXISTS articles (
                id TEXT PRIMARY KEY, title TEXT, published TEXT, url TEXT, outlet TEXT,
                path TEXT, fmt TEXT, text TEXT NOT NULL, ingested_at TEXT, num_events INTEGER)""",
            """CREATE TABLE IF NOT EXISTS sentences (
                article_id TEXT NOT NULL, idx INTEGER NOT NULL, start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL, kind TEXT, PRIMARY KEY (article_id, idx))""",
            """CREATE TABLE IF NOT EXISTS actors (
                actor_id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT, country TEXT,
                sector TEXT, kind TEXT, aliases TEXT)""",
            """CREATE TABLE IF NOT EXISTS actor_mentions (
                article_id TEXT NOT NULL, actor_id TEXT NOT NULL, start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL, text TEXT, sentence INTEGER, how TEXT,
                PRIMARY KEY (article_id, start_char, end_char, actor_id))""",
            """CREATE TABLE IF NOT EXISTS events (
                id TEXT PRIMARY KEY, article_id TEXT NOT NULL, date TEXT, date_precision TEXT,
                source_code TEXT, source_name TEXT, source_actor_id TEXT,
                target_code TEXT, target_name TEXT, target_actor_id TEXT,
                cameo TEXT NOT NULL, cameo_root TEXT, quad_class INTEGER, goldstein REAL,
                plover_event TEXT, plover_mode TEXT, place_name TEXT, place_country TEXT,
                lat REAL, lon REAL, modality TEXT, negated INTEGER,
                num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, record TEXT NOT NULL)""",
            """CREATE TABLE IF NOT EXISTS event_mentions (
                event_id TEXT NOT NULL, article_id TEXT NOT NULL, sentence INTEGER,
                start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT, kind TEXT,
                PRIMARY KEY (event_id, article_id, start_char, end_char))""",
            """CREATE TABLE IF NOT EXISTS ingest_errors (
                article_id TEXT NOT NULL, path TEXT, stage TEXT NOT NULL, reason TEXT NOT NULL,
                at TEXT, PRIMARY KEY (article_id, stage))""",
            "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
            "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
            "CREATE INDEX IF NOT EXISTS events_source ON events (source_code)",
            "CREATE INDEX IF NOT EXISTS events_target ON events (target_code)",
            "CREATE INDEX IF NOT EXISTS events_cameo ON events (cameo)",
            "CREATE INDEX IF NOT EXISTS mentions_article ON event_mentions (article_id)",
        ),
    ),
    (
        2,
        (
            # Near-duplicate articles: the copy points at the article it repeats.
            "ALTER TABLE articles ADD COLUMN duplicate_of TEXT",
            # The outlet an article counts as, for `num_sources`: outlet, else URL host, else id.
            "ALTER TABLE articles ADD COLUMN source_key TEXT",
            "UPDATE articles SET source_key = COALESCE(lower(outlet), url, 'article:' || id)",
            "CREATE INDEX IF NOT EXISTS articles_duplicate ON articles (duplicate_of)",
            # MinHash signatures (hex of 32-bit values) and their LSH buckets ("band:hash").
            """CREATE TABLE IF NOT EXISTS article_signatures (
                article_id TEXT PRIMARY KEY, num_shingles INTEGER NOT NULL, signature TEXT NOT NULL)""",
            """CREATE TABLE IF NOT EXISTS article_buckets (
                bucket TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (bucket, article_id))""",
            # Which articles report an event (one event, many reports), and as which source.
            """CREATE TABLE IF NOT EXISTS event_articles (
                event_id TEXT NOT NULL, article_id TEXT NOT NULL, source_key TEXT NOT NULL,
                PRIMARY KEY (event_id, article_id))""",
            "CREATE INDEX IF NOT EXISTS event_articles_article ON event_articles (article_id)",
            """INSERT INTO event_articles (event_id, article_id, source_key)
                SELECT DISTINCT m.event_id, m.article_id, a.source_key
                FROM event_mentions m JOIN articles a ON a.id = m.article_id""",
            "CREATE INDEX IF NOT EXISTS events_actor_pair ON events (source_actor_id, target_actor_id)",
            "CREATE INDEX IF NOT EXISTS events_code_pair ON events (source_code, target_code)",
        ),
    ),
    (
        3,
        (
            # Merge candidates are looked up by pair: ids, codes, or one of each (a generic side).
            # A frequent actor alone (USA as source) would bring back a large share of the table.
            "CREATE INDEX IF NOT EXISTS events_id_code_pair ON events (source_actor_id, target_code)",
            "CREATE INDEX IF NOT EXISTS events_code_id_pair ON events (source_code, target_actor_id)",
        ),
    ),
    # Actor indexes, pre-aggregated actor counts, the sides' countries, the full-text index (derived.py).
    (4, derived.MIGRATION),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

EVENT_COLUMNS = (
    "id", "article_id", "date", "date_precision",
    "source_code", "source_name", "source_actor_id",
    "target_code", "target_name", "target_actor_id",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover_event", "plover_mode",
    "place_name", "place_country", "lat", "lon", "modality", "negated",
    "num_mentions", "num_articles", "num_sources", "record",
)  # fmt: skip
_FLAT = flat_columns(EVENT)
_STORED_AS = {"lat": "place_lat", "lon": "place_lon"}  # events-table column -> flat column, where they differ


def source_key(article: Article) -> str:
    """The source an article counts as in `num_sources`: its outlet, else its URL's host, else itself."""
    if article.outlet and article.outlet.strip():
        return " ".join(article.outlet.casefold().split())
    if article.url:
        host = urlsplit(article.url.strip()).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return "article:" + article.id


def fallback_actor_id(actor: Actor) -> str:
    """An id for an actor the resolver left without one: by code, else by name."""
    if actor.actor_id:
        return actor.actor_id
    if actor.kind == "person" or not actor.code:
        return "name:" + " ".join(actor.name.casefold().split())
    return "code:" + actor.code


def ensure_actor_ids(doc: Document) -> None:
    for mention in doc.actor_mentions:
        mention.actor.actor_id = fallback_actor_id(mention.actor)
    for event in doc.events:
        for actor in (event.source, event.target):
            actor.actor_id = fallback_actor_id(actor)


def event_row(event: Event) -> tuple[Any, ...]:
    """The events-table row of an event: the query columns, taken from the record's flat columns
    (`record.flat_columns`), and the whole record as JSON (what the store reads back)."""
    data = event.to_dict()
    flat = flatten(data, _FLAT)
    flat["negated"] = int(bool(flat["negated"]))
    flat["record"] = json.dumps(data, ensure_ascii=False)
    return tuple(flat[_STORED_AS.get(column, column)] for column in EVENT_COLUMNS)


def actor_rows(doc: Document) -> dict[str, tuple[Any, ...]]:
    """One row per distinct actor of the document (mentions and event sides)."""
    rows: dict[str, tuple[Any, ...]] = {}
    actors = [m.actor for m in doc.actor_mentions]
    actors += [a for e in doc.events for a in (e.source, e.target)]
    for actor in actors:
        if actor.actor_id and actor.actor_id not in rows:
            rows[actor.actor_id] = (
                actor.actor_id, actor.name, actor.code, actor.country, actor.sector, actor.kind,
                json.dumps(sorted(set(actor.aliases)), ensure_ascii=False),
            )  # fmt: skip
    return rows
