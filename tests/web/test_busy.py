"""Requests never take the write lock, and a request that cannot get the database in time gets a
JSON 503 with Retry-After, never a 500 (issue 12). A real writer holds the real SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import eventlens
from eventlens.errors import StoreError
from eventlens.web import busy, create_app

from .conftest import TUR_SYR


@pytest.fixture
def db(hand_built_store) -> str:
    store = hand_built_store(TUR_SYR)
    store.close()
    return store.path


@contextmanager
def writer_holding(db: str | Path, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
    """Another connection in the middle of a write transaction (an ingest between two articles)."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=1)
    if exclusive:  # another program that locks the whole file, readers included
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE" if exclusive else "BEGIN IMMEDIATE")
    conn.execute("INSERT INTO meta (key, value) VALUES ('held-by-test', 'yes')")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_reads_do_not_wait_for_a_writer(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(busy, "REQUEST_DB_TIMEOUT", 2.0)  # waiting would end in a 503, which fails the test
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as client, writer_holding(db):
        for path in ("/api/stats", "/api/events?limit=5", "/api/actors", "/api/errors", "/"):
            response = client.get(path)
            assert response.status_code == 200, (path, response.text[:200])
        assert client.get("/api/stats").json()["events"] == len(TUR_SYR)


def test_a_locked_database_is_a_503_with_retry_after(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(busy, "REQUEST_DB_TIMEOUT", 0.5)
    with TestClient(create_app(db, allowed_hosts=["testserver"]), raise_server_exceptions=False) as client:
        assert client.get("/api/stats").status_code == 200
        with writer_holding(db, exclusive=True):
            for path in ("/api/stats", "/api/events", "/api/timeline?actor=TUR"):
                response = client.get(path)
                assert response.status_code == 503, (path, response.status_code, response.text[:200])
                assert response.headers["retry-after"] == str(busy.RETRY_AFTER)
                assert "busy" in response.json()["detail"]
            page = client.get("/")
            assert page.status_code == 503 and "busy" in page.text
            upload = client.post("/api/ingest/text", json={"text": "Turkey and Russia signed an agreement."})
            assert upload.status_code == 503, upload.text[:200]
        assert client.get("/api/stats").status_code == 200  # the writer is gone: served again


def test_requests_do_not_migrate(tmp_path: Path) -> None:
    """A store opened for a request never creates or migrates the schema (that is done at start-up)."""
    empty = tmp_path / "not-eventlens.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="not an eventlens database"):
        eventlens.open_store(empty, migrate=False)
    with sqlite3.connect(empty) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    app = create_app(empty, allowed_hosts=["testserver"])  # start-up migrates it, once
    with TestClient(app) as client:
        assert client.get("/api/stats").json()["articles"] == 0
