"""Opening a store without migrating it, and a bounded wait for a writer (issue 12), on both backends."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import psycopg
import pytest

import eventlens
from eventlens.errors import StoreBusy, StoreError
from eventlens.model import Article, Document, Sentence
from eventlens.store.postgres import WRITE_LOCK


def one_article(article_id: str) -> Document:
    text = f"Turkey and Syria held talks ({article_id})."
    return Document(article=Article(id=article_id, text=text), text=text, sentences=[Sentence(0, 0, len(text), text)])


def test_without_migration_a_fresh_database_is_an_error(new_store_url: Callable[[], str]) -> None:
    url = new_store_url()
    if new_store_url.backend == "sqlite":  # type: ignore[attr-defined]
        sqlite3.connect(url.removeprefix("sqlite:///")).close()  # an empty file: not an eventlens database
    with pytest.raises(StoreError, match="not an eventlens database"):
        eventlens.open_store(url, migrate=False)
    with eventlens.open_store(url) as store:  # migrated once
        store.save_document(one_article("a1"))
    with eventlens.open_store(url, migrate=False) as store:
        assert store.has_article("a1") and store.counts().articles == 1


def test_a_writer_held_past_the_timeout_is_store_busy(new_store_url: Callable[[], str]) -> None:
    url = new_store_url()
    with eventlens.open_store(url) as store:
        store.save_document(one_article("a1"))
    if new_store_url.backend == "sqlite":  # type: ignore[attr-defined]
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        holder = psycopg.connect(url, autocommit=False)
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    try:
        with eventlens.open_store(url, migrate=False, timeout=0.5) as store:
            assert store.has_article("a1")  # reading does not wait for the writer
            with pytest.raises(StoreBusy, match="busy"):
                store.save_document(one_article("a2"))
    finally:
        holder.rollback() if isinstance(holder, psycopg.Connection) else holder.execute("ROLLBACK")
        holder.close()
    with eventlens.open_store(url) as store:
        assert store.save_document(one_article("a2"))
