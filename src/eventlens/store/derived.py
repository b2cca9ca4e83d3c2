"""Tables derived from the stored events, kept up to date after each saved article.

- `event_search`: the database's own full-text index over each event's evidence sentences and
  its actors' names (SQLite FTS5 with the Porter stemmer; PostgreSQL `tsvector` with a GIN
  index and the `english` configuration). SQLite's FTS5 rows are keyed by `event_search_rows`
  (an INTEGER PRIMARY KEY survives VACUUM, an implicit rowid would not).
- `actor_stats`: each actor's number of mentions and events, so that the actor list and an
  actor's page read one row instead of counting over every mention (a pre-aggregate).
- `events.source_country` / `events.target_country`: the sides' countries (from the record),
  so that the network and alerts group by country in SQL; `events.confidence` (from the record,
  1.0 when it has none), so that lists sort by it.

Statements that differ between the backends are `{"sqlite": ..., "postgresql": ...}` maps;
`RelationalStore._ddl` picks the backend's one.
"""

from __future__ import annotations

from typing import Any

Dialect = str  # "sqlite" | "postgresql"
Statement = str | dict[Dialect, str]

_SENTENCES = """SELECT m.event_id AS event_id,
        substr(a.text, s.start_char + 1, s.end_char - s.start_char) AS sentence
    FROM event_mentions m
    JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence
    JOIN articles a ON a.id = m.article_id"""


def _body(events: str, concat: str) -> str:
    """`id, body`: the searchable text of each event in `events` (alias `e`): names, then its sentences."""
    return (
        f"SELECT e.id AS id, COALESCE(e.source_name, '') || ' ' || COALESCE(e.target_name, '') || ' ' ||"
        f" COALESCE((SELECT {concat} FROM ({_SENTENCES}) x WHERE x.event_id = e.id), '') AS body"
        f" FROM {events}"
    )


def _fts_insert(events: str) -> str:
    return (
        "INSERT INTO event_search (rowid, body) SELECT r.row, b.body FROM ("
        + _body(events, "group_concat(x.sentence, ' ')")
        + ") b JOIN event_search_rows r ON r.event_id = b.id"
    )


_SQLITE_COLUMNS = (
    "UPDATE events SET source_country = json_extract(record, '$.source.country'),"
    " target_country = json_extract(record, '$.target.country'),"
    " confidence = COALESCE(json_extract(record, '$.confidence'), 1.0)"
)
_POSTGRES_COLUMNS = (
    "UPDATE events SET source_country = record::jsonb #>> '{source,country}',"
    " target_country = record::jsonb #>> '{target,country}',"
    " confidence = COALESCE((record::jsonb ->> 'confidence')::double precision, 1.0)"
)

MIGRATION: tuple[Statement, ...] = (
    # lookups by actor (an actor's page, its counts) and sorting of long lists
    "CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions (actor_id)",
    "CREATE INDEX IF NOT EXISTS events_target_actor ON events (target_actor_id)",
    "CREATE INDEX IF NOT EXISTS events_goldstein ON events (goldstein)",
    "CREATE INDEX IF NOT EXISTS events_num_mentions ON events (num_mentions)",
    "CREATE INDEX IF NOT EXISTS ingest_errors_article ON ingest_errors (article_id)",
    {  # newest first (the default order of every list), oldest first for the analyses
        "sqlite": "CREATE INDEX IF NOT EXISTS events_date_id ON events (date, id)",
        "postgresql": "CREATE INDEX IF NOT EXISTS events_date_id ON events (date DESC NULLS LAST, id DESC)",
    },
    # the sides' countries, and the event's confidence (from the assess stage; 1.0 in older records)
    "ALTER TABLE events ADD COLUMN source_country TEXT",
    "ALTER TABLE events ADD COLUMN target_country TEXT",
    "ALTER TABLE events ADD COLUMN confidence REAL",
    {"sqlite": _SQLITE_COLUMNS, "postgresql": _POSTGRES_COLUMNS},
    "CREATE INDEX IF NOT EXISTS events_confidence ON events (confidence)",
    # the pre-aggregated actor counts
    """CREATE TABLE IF NOT EXISTS actor_stats (
        actor_id TEXT PRIMARY KEY, num_mentions INTEGER NOT NULL, num_events INTEGER NOT NULL)""",
    """INSERT INTO actor_stats (actor_id, num_mentions, num_events)
        SELECT a.actor_id, COALESCE(m.n, 0), COALESCE(e.n, 0) FROM actors a
        LEFT JOIN (SELECT actor_id, COUNT(*) AS n FROM actor_mentions GROUP BY actor_id) m ON m.actor_id = a.actor_id
        LEFT JOIN (SELECT actor_id, COUNT(DISTINCT id) AS n FROM (
            SELECT id, source_actor_id AS actor_id FROM events UNION ALL SELECT id, target_actor_id FROM events) s
            GROUP BY actor_id) e ON e.actor_id = a.actor_id""",
    "CREATE INDEX IF NOT EXISTS actor_stats_rank ON actor_stats (num_mentions)",
    # the full-text index
    {
        "sqlite": "CREATE TABLE IF NOT EXISTS event_search_rows ("
        "row INTEGER PRIMARY KEY, event_id TEXT UNIQUE NOT NULL)",
        "postgresql": """CREATE TABLE IF NOT EXISTS event_search (event_id TEXT PRIMARY KEY, body TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)""",
    },
    {
        "sqlite": "CREATE VIRTUAL TABLE IF NOT EXISTS event_search USING fts5("
        "body, tokenize = 'porter unicode61 remove_diacritics 2')",
        "postgresql": "CREATE INDEX IF NOT EXISTS event_search_tsv ON event_search USING GIN (tsv)",
    },
    {
        "sqlite": "INSERT INTO event_search_rows (event_id) SELECT id FROM events ORDER BY id",
        "postgresql": "INSERT INTO event_search (event_id, body) " + _body("events e", "string_agg(x.sentence, ' ')"),
    },
    {"sqlite": _fts_insert("events e"), "postgresql": "SELECT 1"},
)


def refresh_statements(dialect: Dialect, n: int) -> list[str]:
    """Statements that bring the derived tables up to date for `n` events (`?` = each id, per statement)."""
    ids = ",".join("?" * n)
    country = {"sqlite": _SQLITE_COLUMNS, "postgresql": _POSTGRES_COLUMNS}[dialect] + f" WHERE id IN ({ids})"
    if dialect == "sqlite":
        return [
            country,
            f"INSERT INTO event_search_rows (event_id) SELECT id FROM events WHERE id IN ({ids})"
            " ON CONFLICT (event_id) DO NOTHING",
            f"DELETE FROM event_search WHERE rowid IN (SELECT row FROM event_search_rows WHERE event_id IN ({ids}))",
            _fts_insert(f"events e WHERE e.id IN ({ids})"),
        ]
    return [
        country,
        f"DELETE FROM event_search WHERE event_id IN ({ids})",
        "INSERT INTO event_search (event_id, body) "
        + _body(f"events e WHERE e.id IN ({ids})", "string_agg(x.sentence, ' ')"),
    ]


def refresh_actor_stats(n: int) -> str:
    """Recount `n` actors (`?` = each id, twice: once for the mentions, once for the events)."""
    ids = ",".join("?" * n)
    return f"""INSERT INTO actor_stats (actor_id, num_mentions, num_events)
        SELECT a.actor_id,
            (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id),
            (SELECT COUNT(*) FROM events e WHERE e.source_actor_id = a.actor_id OR e.target_actor_id = a.actor_id)
        FROM actors a WHERE a.actor_id IN ({ids})
        ON CONFLICT (actor_id) DO UPDATE SET num_mentions = excluded.num_mentions, num_events = excluded.num_events"""


def search_clause(dialect: Dialect) -> str:
    """A WHERE condition on `events` for a full-text query (one `?`: `search_terms(text)` for SQLite)."""
    if dialect == "sqlite":
        return (
            "id IN (SELECT r.event_id FROM event_search_rows r WHERE r.row IN"
            " (SELECT rowid FROM event_search WHERE event_search MATCH ?))"
        )
    return "id IN (SELECT event_id FROM event_search WHERE tsv @@ plainto_tsquery('english', ?))"


def search_param(dialect: Dialect, text: str) -> Any:
    """The user's words as the backend's query: every word must occur (FTS5 terms quoted, so no syntax)."""
    if dialect == "sqlite":
        words = [w for w in text.replace('"', " ").split() if w]
        return " ".join(f'"{w}"' for w in words) or '""'
    return text
