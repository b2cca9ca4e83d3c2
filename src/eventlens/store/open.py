"""Choosing a store from a path or a database URL."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError
from .base import Store


def open_store(db: str | Path) -> Store:
    """`eventlens.db` or `sqlite:///path` -> SQLite; `postgresql://...` -> PostgreSQL."""
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore
        except ImportError as exc:
            raise ConfigError(f"PostgreSQL support is not available: {exc}") from exc
        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        raise ConfigError(f"unknown database URL {text!r}: use a file path, sqlite:///PATH or postgresql://...")
    from .sqlite import SQLiteStore

    return SQLiteStore(Path(text))
