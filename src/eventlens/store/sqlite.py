"""The embedded default: SQLite in WAL mode, one transaction per article."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Document, DocumentError, Event, Sentence
from .base import ActorSummary, EventQuery, Store, StoreCounts, StoredArticle
from .schema import EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION, actor_rows, ensure_actor_ids, event_row

logger = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(Store):
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    # -- schema -------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        current = int(row[0]) if row else 0
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {current}, newer than this eventlens ({SCHEMA_VERSION})")
        for version, statements in MIGRATIONS:
            if version <= current:
                continue
            with self._transaction():
                for statement in statements:
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),)
                )
            logger.info("database %s migrated to schema %d", self.path, version)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    # -- writing ------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def save_document(self, doc: Document) -> bool:
        article = doc.article
        ensure_actor_ids(doc)
        with self._transaction():
            if self.has_article(article.id):
                return False
            self.conn.execute(
                "INSERT INTO articles (id, title, published, url, outlet, path, fmt, text, ingested_at, num_events)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id, article.title, article.published.isoformat() if article.published else None,
                    article.url, article.outlet, article.path, article.fmt, doc.text, _now(), len(doc.events),
                ),
            )  # fmt: skip
            self.conn.executemany(
                "INSERT INTO sentences (article_id, idx, start_char, end_char, kind) VALUES (?,?,?,?,?)",
                [(article.id, s.index, s.start, s.end, s.kind) for s in doc.sentences],
            )
            self.conn.executemany(
                "INSERT INTO actors (actor_id, name, code, country, sector, kind, aliases) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT (actor_id) DO NOTHING",
                list(actor_rows(doc).values()),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO actor_mentions (article_id, actor_id, start_char, end_char, text, sentence, how)"
                " VALUES (?,?,?,?,?,?,?)",
                [(article.id, m.actor.actor_id, m.start, m.end, m.text, m.sentence, m.how) for m in doc.actor_mentions],
            )
            for event in doc.events:
                self._insert_event(event)
            self.conn.execute("DELETE FROM ingest_errors WHERE article_id=?", (article.id,))
        return True

    def _insert_event(self, event: Event) -> None:
        placeholders = ",".join("?" * len(EVENT_COLUMNS))
        self.conn.execute(
            f"INSERT OR REPLACE INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({placeholders})", event_row(event)
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO event_mentions (event_id, article_id, sentence, start_char, end_char, text, kind)"
            " VALUES (?,?,?,?,?,?,?)",
            [(event.id, m.article_id, m.sentence, m.start, m.end, m.text, m.kind) for m in event.mentions],
        )

    def record_error(self, error: DocumentError) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO ingest_errors (article_id, path, stage, reason, at) VALUES (?,?,?,?,?)",
                (error.article_id, error.path, error.stage, error.reason, _now()),
            )

    # -- reading ------------------------------------------------------------
    def query_events(self, query: EventQuery) -> list[Event]:
        where, params = _event_filters(query)
        sql = (
            "SELECT record FROM events" + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY COALESCE(date, '') , id LIMIT ? OFFSET ?"
        )  # fmt: skip
        rows = self.conn.execute(sql, (*params, query.limit, query.offset)).fetchall()
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT record FROM events WHERE id=?", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def get_article(self, article_id: str) -> StoredArticle | None:
        row = self.conn.execute(
            "SELECT id, title, published, url, outlet, path, text FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        if not row:
            return None
        sents = self.conn.execute(
            "SELECT idx, start_char, end_char, kind FROM sentences WHERE article_id=? ORDER BY idx", (article_id,)
        ).fetchall()
        text = row[6]
        return StoredArticle(*row[:6], text, [Sentence(i, s, e, text[s:e], k) for i, s, e, k in sents])

    def list_actors(self, limit: int = 1000, offset: int = 0) -> list[ActorSummary]:
        rows = self.conn.execute(
            """SELECT a.actor_id, a.name, a.code, a.country, a.sector, a.kind, a.aliases,
                      (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id),
                      (SELECT COUNT(*) FROM events e WHERE e.source_actor_id = a.actor_id
                                                       OR e.target_actor_id = a.actor_id)
               FROM actors a ORDER BY 8 DESC, a.name LIMIT ? OFFSET ?""",
            (limit, offset),
        ).fetchall()
        return [_actor_summary(r) for r in rows]

    def list_errors(self, limit: int = 1000) -> list[DocumentError]:
        rows = self.conn.execute(
            "SELECT article_id, stage, reason, path FROM ingest_errors ORDER BY at, article_id LIMIT ?", (limit,)
        ).fetchall()
        return [DocumentError(article_id=r[0], stage=r[1], reason=r[2], path=r[3]) for r in rows]

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return StoreCounts(count("articles"), count("events"), count("actors"), count("ingest_errors"))

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL for analyses that the interface does not cover."""
        return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self.conn.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _event_filters(query: EventQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.actor:
        like = f"%{query.actor.casefold()}%"
        where.append(
            "(source_code LIKE ? OR target_code LIKE ? OR lower(source_name) LIKE ? OR lower(target_name) LIKE ?)"
        )
        params += [query.actor.upper() + "%", query.actor.upper() + "%", like, like]
    if query.code:
        where.append("cameo LIKE ?")
        params.append(query.code + "%")
    if query.since:
        where.append("date >= ?")
        params.append(query.since)
    if query.until:
        where.append("(date <= ? OR date LIKE ?)")
        params += [query.until, query.until + "%"]
    if query.article_id:
        where.append("id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)")
        params.append(query.article_id)
    if query.plover:
        where.append("plover_event = ?")
        params.append(query.plover.upper())
    if query.quad_class:
        where.append("quad_class = ?")
        params.append(query.quad_class)
    return where, params


def _actor_summary(row: tuple[Any, ...]) -> ActorSummary:
    return ActorSummary(
        actor_id=row[0], name=row[1], code=row[2], country=row[3], sector=row[4], kind=row[5] or "unknown",
        aliases=tuple(json.loads(row[6] or "[]")), num_mentions=row[7], num_events=row[8],
    )  # fmt: skip
