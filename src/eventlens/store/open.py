"""Choosing a store from a path or a database URL."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, StoreError
from .base import EventMergeRules, Store


def open_store(
    db: str | Path,
    rules: EventMergeRules | None = None,
    *,
    must_exist: bool = False,
    migrate: bool = True,
    timeout: float | None = None,
) -> Store:
    """`eventlens.db` or `sqlite:///path` -> SQLite; `postgresql://...` -> PostgreSQL.

    `rules` decide when an event of a new article joins a stored one; by default the project's
    (`eventlens.merging.MergeRules`). The store code itself never imports them.
    `must_exist`: a SQLite file that is not there is an error (commands that only read: a
    mistyped `--db` must not create an empty database). `migrate=False`: never take the write
    lock to create or migrate the schema; a store whose schema is missing or older is an error
    (the web app migrates once at start-up, then opens one such store per request). `timeout`:
    how long (seconds) to wait for a lock held by a writer before `StoreBusy`.
    """
    if rules is None:
        from ..merging import MergeRules

        rules = MergeRules()
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore
        except ImportError as exc:
            raise ConfigError(f"PostgreSQL support is not available: {exc}") from exc
        return PostgresStore(text, rules, migrate=migrate, timeout=timeout)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise ConfigError(f"unknown database URL {text!r}: use a file path, sqlite:///PATH or postgresql://...")
    from .sqlite import SQLiteStore

    path = Path(text)
    if must_exist and not path.is_file():
        raise StoreError(f"no database at {path}: check --db (or {_env()}); `eventlens ingest` creates one")
    return SQLiteStore(path, rules, migrate=migrate, timeout=timeout)


def _env() -> str:
    from ..config import ENV_DB

    return ENV_DB
