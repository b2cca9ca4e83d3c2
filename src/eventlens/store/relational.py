"""The store logic shared by the SQL backends (SQLite, PostgreSQL).

Statements are written once, with `?` placeholders and portable SQL (upserts as
`ON CONFLICT`); a backend supplies the connection, its placeholder style and its
write transaction (which also serialises writers, so that merging sees every
committed event). Every write of an article happens in one transaction.

Saving an article (`save_document`):
1. already stored -> nothing (idempotent);
2. a near-duplicate of a stored article (MinHash/LSH, `dedup.py`) -> the copy is
   stored and linked (`articles.duplicate_of`); its own events are not stored:
   the events of the original count it as one more article (and source), and
   get its copies of their evidence sentences as mentions;
3. else the article, its sentences and actors are stored, and each event either
   joins a stored event that reports the same thing (`cross_merge.py`) or is
   stored as a new one. `num_mentions`, `num_articles` and `num_sources` are
   recounted from the `event_mentions` and `event_articles` tables.
"""

from __future__ import annotations

import abc
import json
import logging
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreBusy, StoreError
from ..model import WARNING_STAGE, Document, DocumentError, Event, Mention, Sentence
from ..stages.merge import fold
from .base import ActorSummary, EventQuery, Store, StoreCounts, StoredArticle
from .cross_merge import closeness, compatible_dates, same_event
from .dedup import DEFAULT_THRESHOLD, Signature, Signer
from .schema import EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION, actor_rows, ensure_actor_ids, event_row, source_key

logger = logging.getLogger(__name__)

MAX_DUPLICATE_CANDIDATES = 20


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RelationalStore(Store):
    """A `Store` over a SQL database; subclasses provide the connection and its dialect."""

    database_errors: tuple[type[Exception], ...] = ()  # the driver's errors, reported as StoreError

    def __init__(self, dedup_threshold: float = DEFAULT_THRESHOLD) -> None:
        self.dedup_threshold = dedup_threshold
        self.signer = Signer()

    # -- what a backend provides ---------------------------------------------
    @abc.abstractmethod
    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
        """Run one statement (`?` placeholders); returns a cursor."""

    @abc.abstractmethod
    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A write transaction that excludes other writers; rolled back on any exception."""

    def _ddl(self, statement: str) -> str:
        """A schema statement in the backend's dialect."""
        return statement

    def _fetchone(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        return self._execute(sql, params).fetchone()

    def _fetchall(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self._execute(sql, params).fetchall())

    # -- schema -------------------------------------------------------------
    def _migrate(self) -> None:
        with self._transaction():
            self._execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = self._fetchone("SELECT value FROM meta WHERE key='schema_version'")
            current = int(row[0]) if row else 0
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url} has schema version {current}, newer than this eventlens ({SCHEMA_VERSION})"
                )
            for version, statements in MIGRATIONS:
                if version <= current:
                    continue
                for statement in statements:
                    self._execute(self._ddl(statement))
                self._execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )
                logger.info("database %s migrated to schema %d", self.url, version)

    def _check_schema(self) -> None:
        """Without any lock: the schema is there and current (a store opened with `migrate=False`)."""
        try:
            row = self._fetchone("SELECT value FROM meta WHERE key='schema_version'")
        except self.database_errors as exc:
            if self._is_busy(exc):
                raise StoreBusy(f"the database {self.url} is busy (held by a writer): {exc}") from exc
            raise StoreError(f"{self.url} is not an eventlens database (no schema): {exc}") from exc
        current = int(row[0]) if row else 0
        if current != SCHEMA_VERSION:
            raise StoreError(
                f"{self.url} has schema version {current}, this eventlens uses {SCHEMA_VERSION}: "
                "run `eventlens migrate` (or any ingest) first"
            )

    def _is_busy(self, exc: BaseException) -> bool:
        """Whether `exc` means that a writer holds what was asked for (a backend may say more)."""
        return False

    # -- writing ------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._fetchone("SELECT 1 FROM articles WHERE id=?", (article_id,)) is not None

    def find_near_duplicate(self, text: str, exclude: str | None = None) -> str | None:
        """The id of a stored article that `text` (a cleaned article text) nearly repeats, if any."""
        return self._near_duplicate_of(self.signer.sign(text), exclude)

    def save_document(self, doc: Document) -> bool:
        article = doc.article
        ensure_actor_ids(doc)
        for event in doc.events:
            event.id = event.id or event.make_id()
        signature = self.signer.sign(doc.text or article.text)
        key = source_key(article)
        try:
            with self._transaction():
                if self.has_article(article.id):
                    return False
                original = self._near_duplicate_of(signature, exclude=article.id)
                if original is not None:
                    self._save_duplicate(doc, original, key)
                else:
                    self._save_original(doc, key, signature)
                # its earlier failures are resolved; a warning about how it was read still holds
                self._execute(
                    "DELETE FROM ingest_errors WHERE article_id=? AND stage <> ?", (article.id, WARNING_STAGE)
                )
        except self.database_errors as exc:
            if self._is_busy(exc):
                raise StoreBusy(f"cannot store article {article.id} now, the database is busy: {exc}") from exc
            raise StoreError(f"cannot store article {article.id}: {exc}") from exc
        return True

    def _insert_article(self, doc: Document, key: str, duplicate_of: str | None, num_events: int) -> None:
        article = doc.article
        self._execute(
            "INSERT INTO articles (id, title, published, url, outlet, path, fmt, text, ingested_at, num_events,"
            " duplicate_of, source_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, article.title, article.published.isoformat() if article.published else None,
                article.url, article.outlet, article.path, article.fmt, doc.text, now_iso(), num_events,
                duplicate_of, key,
            ),
        )  # fmt: skip

    def _insert_sentences(self, article_id: str, sentences: list[Sentence]) -> None:
        self._executemany(
            "INSERT INTO sentences (article_id, idx, start_char, end_char, kind) VALUES (?,?,?,?,?)",
            [(article_id, s.index, s.start, s.end, s.kind) for s in sentences],
        )

    def _save_original(self, doc: Document, key: str, signature: Signature) -> None:
        article = doc.article
        self._insert_article(doc, key, None, len(doc.events))
        self._insert_sentences(article.id, doc.sentences)
        self._executemany(
            "INSERT INTO actors (actor_id, name, code, country, sector, kind, aliases) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT (actor_id) DO NOTHING",
            list(actor_rows(doc).values()),
        )
        self._executemany(
            "INSERT INTO actor_mentions (article_id, actor_id, start_char, end_char, text, sentence, how)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(article.id, m.actor.actor_id, m.start, m.end, m.text, m.sentence, m.how) for m in doc.actor_mentions],
        )
        if signature.usable:
            self._execute(
                "INSERT INTO article_signatures (article_id, num_shingles, signature) VALUES (?,?,?)",
                (article.id, signature.num_shingles, signature.to_hex()),
            )
            self._executemany(
                "INSERT INTO article_buckets (bucket, article_id) VALUES (?,?) ON CONFLICT DO NOTHING",
                [(bucket, article.id) for bucket in signature.buckets()],
            )
        touched: set[str] = set()
        for event in doc.events:
            self._add_event(event, article.id, key, touched)

    def _add_event(self, event: Event, article_id: str, key: str, touched: set[str]) -> None:
        """Join the stored event that reports the same thing, or store a new one."""
        match = self._matching_event(event, touched)
        if match is None:
            event.num_mentions, event.num_articles, event.num_sources = len(event.mentions), 1, 1
            placeholders = ",".join("?" * len(EVENT_COLUMNS))
            self._execute(
                f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) VALUES ({placeholders}) ON CONFLICT (id) DO NOTHING",
                event_row(event),
            )
            target = event
        else:
            fold(match, event)
            target = match
        self._insert_mentions(target.id, event.mentions)
        self._execute(
            "INSERT INTO event_articles (event_id, article_id, source_key) VALUES (?,?,?) ON CONFLICT DO NOTHING",
            (target.id, article_id, key),
        )
        if match is not None:
            self._recount(match)
        touched.add(target.id)

    def _insert_mentions(self, event_id: str, mentions: list[Mention]) -> None:
        self._executemany(
            "INSERT INTO event_mentions (event_id, article_id, sentence, start_char, end_char, text, kind)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(event_id, m.article_id, m.sentence, m.start, m.end, m.text, m.kind) for m in mentions],
        )

    def _matching_event(self, event: Event, touched: set[str]) -> Event | None:
        """The stored event (of another article) that `event` reports too, if any."""
        if not event.date:
            return None  # undated events never join another article's event (cross_merge.dates_match)
        dates, within = compatible_dates(event)
        source, target = event.source, event.target
        rows = self._fetchall(
            "SELECT record FROM events WHERE ((source_actor_id = ? AND target_actor_id = ?)"
            " OR (source_code = ? AND target_code = ?) OR (source_actor_id = ? AND target_code = ?)"
            " OR (source_code = ? AND target_actor_id = ?)) AND article_id <> ?"
            f" AND (date IN ({','.join('?' * len(dates))}) OR date LIKE ?)",
            (source.actor_id, target.actor_id, source.code, target.code, source.actor_id, target.code,
             source.code, target.actor_id, event.article_id, *dates, within),
        )  # fmt: skip
        candidates = [Event.from_dict(json.loads(r[0])) for r in rows]
        matches = [c for c in candidates if c.id not in touched and same_event(c, event)]
        if not matches:
            return None
        return min(matches, key=lambda c: (closeness(c, event), c.id))

    def _recount(self, event: Event) -> None:
        """Set the event's counts from the mention and article tables, and rewrite its row."""
        counts = self._fetchone(
            "SELECT (SELECT COUNT(*) FROM event_mentions WHERE event_id=?),"
            " (SELECT COUNT(*) FROM event_articles WHERE event_id=?),"
            " (SELECT COUNT(DISTINCT source_key) FROM event_articles WHERE event_id=?)",
            (event.id, event.id, event.id),
        )
        event.num_mentions, event.num_articles, event.num_sources = (int(n) for n in counts or (0, 0, 0))
        row = event_row(event)
        assignments = ", ".join(f"{column}=?" for column in EVENT_COLUMNS[1:])
        self._execute(f"UPDATE events SET {assignments} WHERE id=?", (*row[1:], event.id))

    def _count(self, sql: str, *params: Any) -> int:
        row = self._fetchone(sql, params)
        return int(row[0]) if row else 0

    # -- near-duplicates ------------------------------------------------------
    def _near_duplicate_of(self, signature: Signature, exclude: str | None = None) -> str | None:
        if not signature.usable:
            return None
        buckets = signature.buckets()
        rows = self._fetchall(
            f"SELECT article_id, COUNT(*) FROM article_buckets WHERE bucket IN ({','.join('?' * len(buckets))})"
            " GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?",
            (*buckets, MAX_DUPLICATE_CANDIDATES + 1),
        )
        best: tuple[float, str] | None = None
        for candidate_id, _shared in rows:
            if candidate_id == exclude:
                continue
            stored = self._fetchone(
                "SELECT signature, num_shingles FROM article_signatures WHERE article_id=?", (candidate_id,)
            )
            if stored is None:
                continue
            similarity = signature.jaccard(Signature.from_hex(stored[0], int(stored[1])))
            if similarity >= self.dedup_threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate_id)
        return best[1] if best else None

    def _save_duplicate(self, doc: Document, original_id: str, key: str) -> None:
        """Store a near-duplicate copy linked to its original; the original's events count it."""
        article_id = doc.article.id
        sentences, moved = self._copied_sentences(original_id, doc.text)
        event_ids = [r[0] for r in self._fetchall(
            "SELECT event_id FROM event_articles WHERE article_id=? ORDER BY event_id", (original_id,)
        )]  # fmt: skip
        self._insert_article(doc, key, original_id, len(event_ids))
        self._insert_sentences(article_id, sentences)
        for event_id in event_ids:
            event = self.get_event(event_id)
            if event is None:
                continue
            copies = [
                Mention(article_id, moved[m.sentence][0], m.start + moved[m.sentence][1], m.end + moved[m.sentence][1],
                        m.text, m.kind)
                for m in event.mentions
                if m.article_id == original_id and m.sentence in moved
            ]  # fmt: skip
            self._insert_mentions(event_id, copies)
            seen = {(m.article_id, m.start, m.end) for m in event.mentions}
            event.mentions += [c for c in copies if (c.article_id, c.start, c.end) not in seen]
            self._execute(
                "INSERT INTO event_articles (event_id, article_id, source_key) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                (event_id, article_id, key),
            )
            self._recount(event)

    def _copied_sentences(self, original_id: str, text: str) -> tuple[list[Sentence], dict[int, tuple[int, int]]]:
        """The original's sentences found verbatim, in order, in the copy's text.

        Returns the copy's sentences and, for each original sentence index found,
        (the copy's sentence index, the character shift from the original).
        """
        original = self.get_article(original_id)
        sentences: list[Sentence] = []
        moved: dict[int, tuple[int, int]] = {}
        cursor = 0
        for sent in original.sentences if original else []:
            if not sent.text.strip():
                continue
            position = text.find(sent.text, cursor)
            if position < 0:
                continue
            moved[sent.index] = (len(sentences), position - sent.start)
            sentences.append(Sentence(len(sentences), position, position + len(sent.text), sent.text, sent.kind))
            cursor = position + len(sent.text)
        return sentences, moved

    def record_error(self, error: DocumentError) -> None:
        with self._transaction():
            self._execute(
                "INSERT INTO ingest_errors (article_id, path, stage, reason, at) VALUES (?,?,?,?,?)"
                " ON CONFLICT (article_id, stage) DO UPDATE SET path = excluded.path, reason = excluded.reason,"
                " at = excluded.at",
                (error.article_id, error.path, error.stage, error.reason, now_iso()),
            )

    # -- reading ------------------------------------------------------------
    def query_events(self, query: EventQuery) -> list[Event]:
        where, params = event_filters(query)
        sql = (
            "SELECT record FROM events" + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY COALESCE(date, '') , id LIMIT ? OFFSET ?"
        )  # fmt: skip
        rows = self._fetchall(sql, (*params, query.limit, query.offset))
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def get_event(self, event_id: str) -> Event | None:
        row = self._fetchone("SELECT record FROM events WHERE id=?", (event_id,))
        return Event.from_dict(json.loads(row[0])) if row else None

    def get_article(self, article_id: str) -> StoredArticle | None:
        row = self._fetchone(
            "SELECT id, title, published, url, outlet, path, text FROM articles WHERE id=?", (article_id,)
        )
        if not row:
            return None
        sents = self._fetchall(
            "SELECT idx, start_char, end_char, kind FROM sentences WHERE article_id=? ORDER BY idx", (article_id,)
        )
        text = row[6]
        return StoredArticle(*row[:6], text, [Sentence(i, s, e, text[s:e], k) for i, s, e, k in sents])

    def duplicate_of(self, article_id: str) -> str | None:
        """The article a stored near-duplicate copy repeats (None for an original or an unknown id)."""
        row = self._fetchone("SELECT duplicate_of FROM articles WHERE id=?", (article_id,))
        return row[0] if row else None

    def list_actors(self, limit: int = 1000, offset: int = 0) -> list[ActorSummary]:
        rows = self._fetchall(
            """SELECT a.actor_id, a.name, a.code, a.country, a.sector, a.kind, a.aliases,
                      (SELECT COUNT(*) FROM actor_mentions m WHERE m.actor_id = a.actor_id),
                      (SELECT COUNT(*) FROM events e WHERE e.source_actor_id = a.actor_id
                                                       OR e.target_actor_id = a.actor_id)
               FROM actors a ORDER BY 8 DESC, a.name LIMIT ? OFFSET ?""",
            (limit, offset),
        )
        return [actor_summary(r) for r in rows]

    def list_errors(self, limit: int = 1000) -> list[DocumentError]:
        rows = self._fetchall(
            "SELECT article_id, stage, reason, path FROM ingest_errors ORDER BY at, article_id LIMIT ?", (limit,)
        )
        return [DocumentError(article_id=r[0], stage=r[1], reason=r[2], path=r[3]) for r in rows]

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return self._count(f"SELECT COUNT(*) FROM {table}")

        return StoreCounts(count("articles"), count("events"), count("actors"), count("ingest_errors"))

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL (`?` placeholders) for analyses that the interface does not cover."""
        return self._fetchall(sql, params)


def event_filters(query: EventQuery) -> tuple[list[str], list[Any]]:
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
        where.append("id IN (SELECT event_id FROM event_articles WHERE article_id = ?)")
        params.append(query.article_id)
    if query.plover:
        where.append("plover_event = ?")
        params.append(query.plover.upper())
    if query.quad_class:
        where.append("quad_class = ?")
        params.append(query.quad_class)
    return where, params


def actor_summary(row: tuple[Any, ...]) -> ActorSummary:
    return ActorSummary(
        actor_id=row[0], name=row[1], code=row[2], country=row[3], sector=row[4], kind=row[5] or "unknown",
        aliases=tuple(json.loads(row[6] or "[]")), num_mentions=row[7], num_events=row[8],
    )  # fmt: skip
