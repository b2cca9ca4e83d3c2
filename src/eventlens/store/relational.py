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
   joins a stored event that reports the same thing (the rules it is given: `eventlens.merging`) or is
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
from ..model import WARNING_STAGE, Actor, Document, DocumentError, Event, Mention, Sentence
from . import derived
from .base import (
    ActorCodeSpan,
    ActorSummary,
    ArticleSource,
    EventMergeRules,
    EventQuery,
    PairCount,
    PlaceCount,
    Store,
    StoreCounts,
    StoredArticle,
)
from .dedup import DEFAULT_THRESHOLD, Signature, Signer
from .schema import EVENT_COLUMNS, MIGRATIONS, SCHEMA_VERSION, actor_rows, ensure_actor_ids, event_row, source_key

logger = logging.getLogger(__name__)

MAX_DUPLICATE_CANDIDATES = 20


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RelationalStore(Store):
    """A `Store` over a SQL database; subclasses provide the connection and its dialect."""

    database_errors: tuple[type[Exception], ...] = ()  # the driver's errors, reported as StoreError
    dialect = "sqlite"  # which statements of a {"sqlite": ..., "postgresql": ...} map apply

    def __init__(self, rules: EventMergeRules, dedup_threshold: float = DEFAULT_THRESHOLD) -> None:
        self.rules = rules
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
                    chosen = statement[self.dialect] if isinstance(statement, dict) else statement
                    self._execute(self._ddl(chosen))
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
                    self._save_duplicate(doc, original, self._copy_source_key(key, original))
                else:
                    self._save_original(doc, key, signature)
                self._refresh_derived(article.id)
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
            self.rules.fold(match, event)
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
            return None  # undated events never join another article's event (merging.dates_match)
        dates, within = self.rules.compatible_dates(event)
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
        matches = [c for c in candidates if c.id not in touched and self.rules.same_event(c, event)]
        if not matches:
            return None
        return min(matches, key=lambda c: (self.rules.closeness(c, event), c.id))

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

    def _refresh_derived(self, article_id: str) -> None:
        """Bring the search index, the sides' countries and the actor counts up to date for an article."""
        rows = self._fetchall("SELECT event_id FROM event_articles WHERE article_id=?", (article_id,))
        event_ids = [r[0] for r in rows]
        for start in range(0, len(event_ids), 200):
            chunk = event_ids[start : start + 200]
            for statement in derived.refresh_statements(self.dialect, len(chunk)):
                self._execute(statement, chunk)
        actor_ids = {r[0] for r in self._fetchall(
            "SELECT actor_id FROM actor_mentions WHERE article_id=? UNION SELECT e.source_actor_id FROM events e"
            " JOIN event_articles x ON x.event_id = e.id WHERE x.article_id=? UNION SELECT e.target_actor_id"
            " FROM events e JOIN event_articles x ON x.event_id = e.id WHERE x.article_id=?",
            (article_id, article_id, article_id),
        ) if r[0]}  # fmt: skip
        ordered = sorted(actor_ids)
        for start in range(0, len(ordered), 200):
            chunk = ordered[start : start + 200]
            self._execute(derived.refresh_actor_stats(len(chunk)), chunk)

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

    def _copy_source_key(self, key: str, original_id: str) -> str:
        """The source a near-duplicate copy counts as: its own outlet or host; a copy that names
        neither (`article:` key) counts as its original's source, so that copies of one text with
        no outlet do not each count as one more source."""
        if not key.startswith("article:"):
            return key
        row = self._fetchone("SELECT source_key FROM articles WHERE id=?", (original_id,))
        return str(row[0]) if row and row[0] else key

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
        """The page's ids first (sorting narrow rows: a deep page stays fast), then their records."""
        where, params = event_filters(query, self.dialect)
        sql = (
            "SELECT id FROM events" + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order_by(query.sort, self.dialect)} LIMIT ? OFFSET ?"
        )  # fmt: skip
        ids = [r[0] for r in self._fetchall(sql, (*params, query.limit, query.offset))]
        records: dict[str, str] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            placeholders = ",".join("?" * len(chunk))
            records.update(self._fetchall(f"SELECT id, record FROM events WHERE id IN ({placeholders})", chunk))
        return [Event.from_dict(json.loads(records[i])) for i in ids if i in records]

    def query_event_outlines(self, query: EventQuery) -> list[Event]:
        where, params = event_filters(query, self.dialect)
        rows = self._fetchall(
            "SELECT id, article_id, date, date_precision, source_name, source_code, source_country, source_actor_id,"
            " target_name, target_code, target_country, target_actor_id, cameo, cameo_root, quad_class, goldstein"
            " FROM events" + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {order_by(query.sort, self.dialect)} LIMIT ? OFFSET ?",
            (*params, query.limit, query.offset),
        )  # fmt: skip
        return [
            Event(
                id=r[0], article_id=r[1], date=r[2], date_precision=r[3] or "unknown",
                source=Actor(r[4] or "", r[5], r[6], actor_id=r[7]),
                target=Actor(r[8] or "", r[9], r[10], actor_id=r[11]),
                cameo=r[12], cameo_root=r[13] or "", quad_class=r[14], goldstein=r[15],
            )
            for r in rows
        ]  # fmt: skip

    def data_version(self) -> str:
        row = self._fetchone(
            "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM event_articles),"
            " (SELECT COUNT(*) FROM event_mentions)"
        )
        return ":".join(str(v) for v in row or ())

    def count_events(self, query: EventQuery) -> int:
        where, params = event_filters(query, self.dialect)
        return self._count("SELECT COUNT(*) FROM events" + (" WHERE " + " AND ".join(where) if where else ""), *params)

    def get_event(self, event_id: str) -> Event | None:
        row = self._fetchone("SELECT record FROM events WHERE id=?", (event_id,))
        return Event.from_dict(json.loads(row[0])) if row else None

    def get_article(self, article_id: str) -> StoredArticle | None:
        row = self._fetchone(
            "SELECT id, title, published, url, outlet, path, text, ingested_at FROM articles WHERE id=?", (article_id,)
        )
        if not row:
            return None
        sents = self._fetchall(
            "SELECT idx, start_char, end_char, kind FROM sentences WHERE article_id=? ORDER BY idx", (article_id,)
        )
        text = row[6]
        return StoredArticle(*row[:6], text, [Sentence(i, s, e, text[s:e], k) for i, s, e, k in sents], row[7])

    def duplicate_of(self, article_id: str) -> str | None:
        """The article a stored near-duplicate copy repeats (None for an original or an unknown id)."""
        row = self._fetchone("SELECT duplicate_of FROM articles WHERE id=?", (article_id,))
        return row[0] if row else None

    def list_actors(self, limit: int = 1000, offset: int = 0) -> list[ActorSummary]:
        rows = self._fetchall(
            f"SELECT {ACTOR_FIELDS} FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.actor_id"
            " ORDER BY COALESCE(s.num_mentions, 0) DESC, a.name, a.actor_id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [actor_summary(r) for r in rows]

    def get_actor(self, actor_id: str) -> ActorSummary | None:
        row = self._fetchone(
            f"SELECT {ACTOR_FIELDS} FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.actor_id"
            " WHERE a.actor_id = ?",
            (actor_id,),
        )
        return actor_summary(row) if row else None

    def actor_counterparts(self, actor_id: str, limit: int = 200) -> list[PairCount]:
        rows = self._fetchall(
            f"""SELECT other, MIN(name), MIN(code), COUNT(*), SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), MIN(date), MAX(date)
            FROM ({_COUNTERPART_ROWS}) x
            GROUP BY other ORDER BY COUNT(*) DESC, other LIMIT ?""",
            (actor_id, actor_id, actor_id, limit),
        )
        return [PairCount(r[0], r[1] or r[0], r[2], int(r[3]), int(r[4]), int(r[5]), r[6], r[7]) for r in rows]

    def actor_codes(self, actor_id: str) -> list[ActorCodeSpan]:
        rows = self._fetchall(
            """SELECT COALESCE(code, ''), MIN(date), MAX(date), COUNT(*) FROM (
                   SELECT source_code AS code, date FROM events WHERE source_actor_id = ?
                   UNION ALL SELECT target_code, date FROM events WHERE target_actor_id = ? AND
                       (source_actor_id IS NULL OR source_actor_id <> ?)) x
               GROUP BY COALESCE(code, '')""",
            (actor_id, actor_id, actor_id),
        )
        spans = [ActorCodeSpan(r[0] or "?", r[1], r[2], int(r[3])) for r in rows]
        return sorted(spans, key=lambda s: (s.first or "9999", s.code))

    def pair_counts(self, level: str, query: EventQuery) -> list[PairCount]:
        """Events grouped by (source node, target node) at `level` (actor, code, country), self-loops left out.

        `PairCount.key` is "source\ttarget"; name and code are the source's. A filter's limit is ignored.
        """
        src, tgt = NODE_KEYS[level]
        where, params = event_filters(query, self.dialect)
        conditions = [f"{src} IS NOT NULL", f"{tgt} IS NOT NULL", f"{src} <> {tgt}", *where]
        rows = self._fetchall(
            f"""SELECT {src}, {tgt}, MIN(source_name), MIN(target_name), MIN(source_code), MIN(target_code),
                   MIN(source_country), MIN(target_country), COUNT(*),
                   SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END), SUM(goldstein), COUNT(goldstein),
                   MIN(date), MAX(date)
            FROM events WHERE {" AND ".join(conditions)} GROUP BY {src}, {tgt}""",
            params,
        )
        return [
            PairCount(key=f"{r[0]}\t{r[1]}", name=r[2], code=r[4], events=int(r[8]), cooperation=int(r[9]),
                      conflict=int(r[10]), first=r[13], last=r[14], other_name=r[3], other_code=r[5],
                      country=r[6], other_country=r[7], goldstein_sum=float(r[11] or 0.0), goldstein_n=int(r[12]))
            for r in rows
        ]  # fmt: skip

    def place_counts(self, query: EventQuery) -> list[PlaceCount]:
        where, params = event_filters(query, self.dialect)
        conditions = ["lat IS NOT NULL", "lon IS NOT NULL", "lat BETWEEN -90 AND 90", "lon BETWEEN -180 AND 180",
                      "place_name IS NOT NULL", *where]  # fmt: skip
        rows = self._fetchall(
            f"""SELECT place_name, MIN(place_country), MIN(lat), MIN(lon), COUNT(*), MIN(date), MAX(date)
            FROM events WHERE {" AND ".join(conditions)}
            GROUP BY place_name, ROUND(lat * 1000), ROUND(lon * 1000)
            ORDER BY COUNT(*) DESC, place_name LIMIT ? OFFSET ?""",
            (*params, query.limit, query.offset),
        )
        return [PlaceCount(r[0], r[1], float(r[2]), float(r[3]), int(r[4]), r[5], r[6]) for r in rows]

    def article_sources(self, event_id: str) -> list[ArticleSource]:
        rows = self._fetchall(
            """SELECT a.id, a.title, a.published, a.url, a.outlet, x.source_key, a.duplicate_of
               FROM event_articles x JOIN articles a ON a.id = x.article_id WHERE x.event_id = ?
               ORDER BY a.published, a.id""",
            (event_id,),
        )
        return [ArticleSource(*r) for r in rows]

    def article_errors(self, article_id: str) -> list[DocumentError]:
        rows = self._fetchall(
            "SELECT article_id, stage, reason, path FROM ingest_errors WHERE article_id = ? ORDER BY at, stage",
            (article_id,),
        )
        return [DocumentError(article_id=r[0], stage=r[1], reason=r[2], path=r[3]) for r in rows]

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


ACTOR_FIELDS = (
    "a.actor_id, a.name, a.code, a.country, a.sector, a.kind, a.aliases,"
    " COALESCE(s.num_mentions, 0), COALESCE(s.num_events, 0)"
)
# An actor's events as (counterpart node, its name, its code, QuadClass, date): the target when the
# actor is the source, else the source (parameters: the actor id, three times).
_COUNTERPART_ROWS = """SELECT COALESCE(NULLIF(target_code, ''), target_actor_id, target_name) AS other,
        target_name AS name, target_code AS code, quad_class, date FROM events WHERE source_actor_id = ?
    UNION ALL SELECT COALESCE(NULLIF(source_code, ''), source_actor_id, source_name), source_name, source_code,
        quad_class, date FROM events WHERE target_actor_id = ? AND (source_actor_id IS NULL OR source_actor_id <> ?)"""
NODE_KEYS = {
    "actor": (
        "COALESCE(source_actor_id, source_code, source_name)",
        "COALESCE(target_actor_id, target_code, target_name)",
    ),
    "code": ("NULLIF(source_code, '')", "NULLIF(target_code, '')"),
    "country": (
        "COALESCE(NULLIF(source_country, ''), NULLIF(substr(source_code, 1, 3), ''))",
        "COALESCE(NULLIF(target_country, ''), NULLIF(substr(target_code, 1, 3), ''))",
    ),
}
# Sort orders of event lists: undated events (and missing scores) last either way.
SORTS = {
    "date": "COALESCE(date, '') , id",  # oldest first, undated first: the order analyses page through
    "-date": "CASE WHEN date IS NULL THEN 1 ELSE 0 END, date DESC, id DESC",
    "goldstein": "CASE WHEN goldstein IS NULL THEN 1 ELSE 0 END, goldstein, date DESC, id",
    "-goldstein": "CASE WHEN goldstein IS NULL THEN 1 ELSE 0 END, goldstein DESC, date DESC, id",
    "mentions": "num_mentions, date DESC, id",
    "-mentions": "num_mentions DESC, date DESC, id",
    "confidence": "confidence, date DESC, id",
    "-confidence": "confidence DESC, date DESC, id",
}


# Date orders an index on (date, id) serves: SQLite sorts NULL first, PostgreSQL last (hence NULLS ...).
DATE_SORTS = {
    "sqlite": {"date": "date, id", "-date": "date DESC, id DESC"},
    "postgresql": {"date": "date NULLS FIRST, id", "-date": "date DESC NULLS LAST, id DESC"},
}


def order_by(sort: str, dialect: str = "sqlite") -> str:
    if sort not in SORTS:
        raise StoreError(f"unknown sort {sort!r}: one of {', '.join(SORTS)}")
    return DATE_SORTS[dialect].get(sort) or SORTS[sort]


def like_escaped(text: str) -> str:
    """`text` matched literally by `LIKE ? ESCAPE '\\'` (its % and _ are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_filters(query: EventQuery, dialect: str = "sqlite") -> tuple[list[str], list[Any]]:
    """WHERE conditions for a query. Dates filter by overlap: a partial date ("2020-01") is in a
    window if any day of it is (`since=2020-01-15` keeps it, as does `until=2020-01-01`)."""
    where: list[str] = []
    params: list[Any] = []
    if query.actor:
        like = f"%{like_escaped(query.actor.casefold())}%"
        prefix = like_escaped(query.actor.upper()) + "%"
        where.append(
            "(source_code LIKE ? ESCAPE '\\' OR target_code LIKE ? ESCAPE '\\'"
            " OR lower(source_name) LIKE ? ESCAPE '\\' OR lower(target_name) LIKE ? ESCAPE '\\')"
        )
        params += [prefix, prefix, like, like]
    if query.actor_id:
        where.append("(source_actor_id = ? OR target_actor_id = ?)")
        params += [query.actor_id, query.actor_id]
    if query.code:
        where.append("cameo LIKE ? ESCAPE '\\'")
        params.append(like_escaped(query.code) + "%")
    if query.since:
        where.append("(date >= ? OR substr(?, 1, length(date)) = date)")
        params += [query.since, query.since]
    if query.until:
        where.append("(date <= ? OR substr(date, 1, length(?)) = ?)")
        params += [query.until, query.until, query.until]
    if query.article_id:
        where.append("id IN (SELECT event_id FROM event_articles WHERE article_id = ?)")
        params.append(query.article_id)
    if query.plover:
        where.append("plover_event = ?")
        params.append(query.plover.upper())
    if query.quad_class:
        where.append("quad_class = ?")
        params.append(query.quad_class)
    if query.place:
        head, sep, rest = query.place.partition(":")
        if sep and head.lower() == "country":
            where.append("place_country = ?")
            params.append(rest.strip().upper())
        else:
            where.append("lower(place_name) = ?")
            params.append(query.place.strip().casefold())
    if query.text and query.text.strip():
        where.append(derived.search_clause(dialect))
        params.append(derived.search_param(dialect, query.text))
    return where, params


def actor_summary(row: tuple[Any, ...]) -> ActorSummary:
    return ActorSummary(
        actor_id=row[0], name=row[1], code=row[2], country=row[3], sector=row[4], kind=row[5] or "unknown",
        aliases=tuple(json.loads(row[6] or "[]")), num_mentions=row[7], num_events=row[8],
    )  # fmt: skip
