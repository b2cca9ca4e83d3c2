"""PostgreSQL (psycopg 3): the same store as SQLite, for a shared server and large archives.

Chosen by a URL: `eventlens ingest --db postgresql://user@host:5432/dbname`.
The schema and every statement are shared with SQLite (`schema.py`,
`relational.py`); here `?` placeholders become `%s`, REAL columns become
DOUBLE PRECISION, text columns compare byte-wise (COLLATE "C", as SQLite
does), and a write transaction takes a transaction-level advisory
lock, so that concurrent writers are serialised as SQLite's BEGIN IMMEDIATE
serialises them (merging must see every committed event).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg.errors

from ..errors import StoreError
from .base import EventMergeRules
from .dedup import DEFAULT_THRESHOLD
from .relational import RelationalStore

logger = logging.getLogger(__name__)

WRITE_LOCK = 0x6576656E746C656E  # "eventlen": the advisory lock key of eventlens writers
_REAL = re.compile(r"\bREAL\b")
_TEXT = re.compile(r"\bTEXT\b")


def to_pyformat(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (a literal `%` is doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(RelationalStore):
    database_errors = (psycopg.Error,)
    dialect = "postgresql"

    def __init__(
        self,
        url: str,
        rules: EventMergeRules,
        dedup_threshold: float = DEFAULT_THRESHOLD,
        *,
        migrate: bool = True,
        timeout: float | None = None,
    ) -> None:
        super().__init__(rules, dedup_threshold)
        self.url = url
        self._sql_cache: dict[str, str] = {}
        extra = {}
        if timeout is not None:  # a statement waiting longer than this for a lock is cancelled: StoreBusy
            extra = {"connect_timeout": max(1, int(timeout)), "options": f"-c lock_timeout={int(timeout * 1000)}"}
        try:
            self.conn = psycopg.connect(url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(url)}: {exc}") from exc
        if migrate:
            self._migrate()
        else:
            self._check_schema()

    def _is_busy(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled)

    def _sql(self, sql: str) -> str:
        converted = self._sql_cache.get(sql)
        if converted is None:
            converted = self._sql_cache[sql] = to_pyformat(sql)
        return converted

    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(self._sql(sql), without_nul(params))

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), [without_nul(row) for row in rows])

    def _ddl(self, statement: str) -> str:
        """REAL is single precision in PostgreSQL; text compares byte-wise ("C"), as in SQLite,
        which also lets `LIKE 'prefix%'` filters use the ordinary indexes."""
        return _TEXT.sub('TEXT COLLATE "C"', _REAL.sub("DOUBLE PRECISION", statement))

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Connection[Any]]:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield self.conn

    def close(self) -> None:
        self.conn.close()


def without_nul(params: tuple[Any, ...] | list[Any]) -> tuple[Any, ...] | list[Any]:
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD (one character for one, offsets stay right)."""
    if not any(isinstance(p, str) and "\x00" in p for p in params):
        return params
    return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) else p for p in params)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"//([^:/@]+):[^@/]*@", r"//\1:***@", url)
