"""What is particular to PostgreSQL: URLs, connection errors, column types, text limits, the test server."""

from __future__ import annotations

import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

import eventlens
from eventlens.model import Actor, Article, Document, Event, Mention, Place, Plover
from eventlens.store.postgres import PostgresStore, redact, to_pyformat
from eventlens.store.schema import SCHEMA_VERSION

pytestmark = pytest.mark.postgres


def make_document() -> Document:
    text = "Fidan met Mamlouk in Moscow.\n\nFrance issued a warrant for Mamlouk."
    doc = Document(article=Article(id="a1", text=text, outlet="Example Daily"), text=text)
    fidan = Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")
    mamlouk = Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")
    doc.events = [
        Event("a1", fidan, mamlouk, "043", plover=Plover("CONSULT"), date="2020-01-13", date_precision="day",
              place=Place("Moscow", "RUS", 55.75, 37.62), mentions=[Mention("a1", 0, 0, 27)]),
        Event("a1", Actor("France", "FRA"), mamlouk, "173", plover=Plover("COERCE"), date="2018",
              date_precision="year", mentions=[Mention("a1", 1, 30, 66)]),
    ]  # fmt: skip
    return doc


@pytest.fixture
def pg_store(pg_server_url: str) -> Iterator[eventlens.Store]:
    name = f"eventlens_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with eventlens.open_store(pg_server_url.rsplit("/", 1)[0] + "/" + name) as store:
            yield store
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_url_chooses_postgres(pg_store: eventlens.Store) -> None:
    assert isinstance(pg_store, PostgresStore)
    with eventlens.open_store(pg_store.url.replace("postgresql://", "postgres://", 1)) as again:
        assert isinstance(again, PostgresStore)


def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    with pytest.raises(eventlens.StoreError, match="cannot connect") as caught:
        eventlens.open_store("postgresql://someone:s3cret@127.0.0.1:1/nothing?connect_timeout=5")
    assert "s3cret" not in str(caught.value)
    assert redact("postgresql://u:pw@h:5/d") == "postgresql://u:***@h:5/d"


def test_placeholders() -> None:
    assert to_pyformat("SELECT 1 WHERE a LIKE '%x' AND b=? AND c=?") == "SELECT 1 WHERE a LIKE '%%x' AND b=%s AND c=%s"


def test_coordinates_keep_double_precision(pg_store: eventlens.Store) -> None:
    doc = make_document()
    doc.events[0].place.lat, doc.events[0].place.lon = 55.755826, 37.6173  # type: ignore[union-attr]
    pg_store.save_document(doc)
    rows = pg_store.execute("SELECT lat, lon FROM events WHERE lat IS NOT NULL")  # type: ignore[attr-defined]
    assert rows == [(55.755826, 37.6173)]


def test_nul_characters_are_stored_as_replacement_characters(pg_store: eventlens.Store) -> None:
    text = "A headline\x00 with a NUL.\n\nFidan met Mamlouk in Moscow."
    doc = Document(article=Article(id="nul", text=text), text=text)
    assert pg_store.save_document(doc)
    stored = pg_store.get_article("nul")
    assert stored is not None and stored.text == text.replace("\x00", "\ufffd") and len(stored.text) == len(text)


def test_schema_version_recorded_and_reopen_is_a_no_op(pg_store: eventlens.Store) -> None:
    pg_store.save_document(make_document())
    with eventlens.open_store(pg_store.url) as again:
        assert again.execute("SELECT value FROM meta WHERE key='schema_version'") == [(str(SCHEMA_VERSION),)]  # type: ignore[attr-defined]
        assert again.counts().events == 2


def test_server_script_starts_and_stops_a_server(repo_dir: Path) -> None:
    script = repo_dir / "scripts" / "pg-test-server"
    server_dir = tempfile.mkdtemp(prefix="eventlens-pg-script-")
    started = subprocess.run([script, "start", server_dir], capture_output=True, text=True, check=False)
    try:
        assert started.returncode == 0, started.stderr
        url = (Path(server_dir) / "url").read_text().strip()
        assert started.stdout.strip() == f"export EVENTLENS_TEST_PG_URL={url}"
        assert url.startswith("postgresql://eventlens@127.0.0.1:")
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        stopped = subprocess.run([script, "stop", server_dir], capture_output=True, text=True, check=False)
    assert stopped.returncode == 0, stopped.stderr
    assert not Path(server_dir).exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=5)


def test_server_script_refuses_to_remove_a_foreign_directory(repo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    stopped = subprocess.run(
        [repo_dir / "scripts" / "pg-test-server", "stop", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert stopped.returncode != 0 and "not touching it" in stopped.stderr
    assert (tmp_path / "keep.txt").exists()


def test_text_columns_compare_bytewise_like_sqlite(pg_store: eventlens.Store) -> None:
    rows = pg_store.execute(  # type: ignore[attr-defined]
        "SELECT DISTINCT collation_name FROM information_schema.columns"
        " WHERE table_name IN ('events', 'articles') AND data_type = 'text'"
    )
    assert rows == [("C",)]
