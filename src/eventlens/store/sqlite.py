"""The embedded default: SQLite in WAL mode, one transaction per article.

The store logic (merging, near-duplicates, queries) is shared with PostgreSQL in
`relational.py`; this module holds the connection and SQLite's transactions.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreBusy, StoreError
from .base import EventMergeRules
from .dedup import DEFAULT_THRESHOLD
from .relational import RelationalStore

logger = logging.getLogger(__name__)


DEFAULT_TIMEOUT = 30.0  # seconds a connection waits for a lock held by another writer


def is_busy(exc: BaseException) -> bool:
    """Whether a SQLite error means another connection holds the lock (not a real failure)."""
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def busy_or(exc: sqlite3.Error, message: str) -> StoreError:
    return StoreBusy(f"the database is busy (held by a writer): {exc}") if is_busy(exc) else StoreError(message)


class SQLiteStore(RelationalStore):
    database_errors = (sqlite3.Error,)

    def __init__(
        self,
        path: Path,
        rules: EventMergeRules,
        dedup_threshold: float = DEFAULT_THRESHOLD,
        *,
        migrate: bool = True,
        timeout: float | None = None,
    ) -> None:
        super().__init__(rules, dedup_threshold)
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        wait = DEFAULT_TIMEOUT if timeout is None else timeout
        try:
            self.conn = sqlite3.connect(self.path, timeout=wait, isolation_level=None, check_same_thread=False)
            if migrate:
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise busy_or(exc, f"cannot open database {self.path}: {exc}") from exc
        if migrate:
            self._migrate()
        else:
            self._check_schema()

    def _is_busy(self, exc: BaseException) -> bool:
        return is_busy(exc)

    def _execute(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self.conn.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE (one writer at a time) ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()
