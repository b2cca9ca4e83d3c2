"""Fixtures shared by the whole suite (defined once here)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "corpus" / "seed" / "turkey-syria-intelligence-chiefs-2020-01-14.txt"
# CI (.ci/run) sets this so that a test needing ../shared fails instead of skipping when it is absent.
ENV_REQUIRE_SHARED = "EVENTLENS_REQUIRE_SHARED"


def pytest_configure(config: pytest.Config) -> None:
    """No test reads the developer's home: user actors, any XDG data and the gazetteer's index cache
    go to a throwaway folder (the index is built once per test run there).

    Set in the environment (not a fixture) so that subprocesses the tests start inherit it too.
    """
    home = Path(tempfile.mkdtemp(prefix="eventlens-test-home-"))
    os.environ["EVENTLENS_ACTORS_DIR"] = str(home / "actors")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["EVENTLENS_CACHE_DIR"] = str(home / "cache" / "eventlens")


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared material (real articles, gold, dev sets): skipped without it, unless CI asks for it."""
    if not SHARED.is_dir():
        reason = f"needs the shared material (real news articles, gold) at {SHARED}, absent in this checkout"
        if os.environ.get(ENV_REQUIRE_SHARED, "") not in ("", "0"):
            pytest.fail(f"{reason}; {ENV_REQUIRE_SHARED} is set, so this is a failure")
        pytest.skip(reason)
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    return SEED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def lens() -> eventlens.EventLens:
    """The real default pipeline, loaded once for the session."""
    return eventlens.load(eventlens.Settings())


@pytest.fixture(scope="session")
def seed_doc(lens: eventlens.EventLens, seed_path: Path) -> Document:
    """The seed article through the whole pipeline."""
    docs = [d for d in lens.extract([seed_path]) if isinstance(d, Document)]
    assert len(docs) == 1 and docs[0].error is None, docs
    return docs[0]


@pytest.fixture
def process_text(lens: eventlens.EventLens):
    """Run a short text (optionally with a publication date) through the real pipeline."""
    from datetime import date

    def run(text: str, published: date | str | None = None, title: str | None = None) -> Document:
        if isinstance(published, str):
            published = date.fromisoformat(published)
        article = eventlens.Article(
            id=eventlens.Article.content_id(text), text=text, title=title, published=published, fmt="jsonl"
        )
        doc = next(lens.process([article]))
        assert doc.error is None, doc.error
        return doc

    return run


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[eventlens.Store]:
    with eventlens.open_store(tmp_path / "test.db") as store:
        yield store


@pytest.fixture
def hand_built_store(tmp_path: Path):
    """A real SQLite store filled with hand-built events (for analyses that need exact inputs).

    Call it with rows `(date, source_code, target_code, cameo, goldstein, quad_class)`; each row
    becomes one stored article with one event (actors get `code:` ids and their country from the
    code). Returns the open store; extra keyword `place=(name, country, lat, lon)` sets a place.
    """
    from eventlens.model import Actor, Article, Event, Mention, Place, Sentence

    opened: list[eventlens.Store] = []

    def build(rows, place: tuple[str, str, float, float] | None = None) -> eventlens.Store:
        store = eventlens.open_store(tmp_path / f"hand-{len(opened)}.db")
        opened.append(store)
        for n, (day, src, tgt, cameo, goldstein, quad) in enumerate(rows):
            text = f"{src} did {cameo} to {tgt} on {day or 'an unknown day'}."
            event = Event(
                article_id=f"art-{n}",
                source=Actor(name=src, code=src, country=src[:3], actor_id=f"code:{src}", kind="country"),
                target=Actor(name=tgt, code=tgt, country=tgt[:3], actor_id=f"code:{tgt}", kind="country"),
                cameo=cameo, goldstein=goldstein, quad_class=quad, date=day,
                date_precision={None: "unknown", 4: "year", 7: "month", 10: "day"}[len(day) if day else None],
                mentions=[Mention(article_id=f"art-{n}", sentence=0, start=0, end=len(text), text=text)],
                place=Place(name=place[0], country=place[1], lat=place[2], lon=place[3]) if place else None,
            )  # fmt: skip
            event.id = event.make_id()
            doc = Document(
                article=Article(id=f"art-{n}", text=text, title=f"Article {n}"),
                text=text, sentences=[Sentence(0, 0, len(text), text)], events=[event],
            )  # fmt: skip
            store.save_document(doc)
        return store

    yield build
    for store in opened:
        store.close()


# -- store backends: every store test runs on SQLite and on PostgreSQL ----------------------------
# PostgreSQL: the server in EVENTLENS_TEST_PG_URL (CI starts one with scripts/pg-test-server), else a
# throwaway server started here for the session. EVENTLENS_TEST_PG=skip skips the PostgreSQL cases.


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    import os
    import subprocess
    import tempfile

    if os.environ.get("EVENTLENS_TEST_PG") == "skip":
        pytest.skip("EVENTLENS_TEST_PG=skip")
    url = os.environ.get("EVENTLENS_TEST_PG_URL")
    if url:
        yield url
        return
    script = REPO / "scripts" / "pg-test-server"
    server_dir = tempfile.mkdtemp(prefix="eventlens-pg-")
    started = subprocess.run([str(script), "start", server_dir], capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.fail(f"could not start a test PostgreSQL server: {started.stderr.strip()}")
    try:
        yield (Path(server_dir) / "url").read_text().strip()
    finally:
        subprocess.run([str(script), "stop", server_dir], capture_output=True, check=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_store_url(request: pytest.FixtureRequest, tmp_path: Path):
    """A factory of URLs of fresh, empty databases on the test's backend (dropped afterwards)."""
    import uuid

    created: list[str] = []
    admin_url = request.getfixturevalue("pg_server_url") if request.param == "postgres" else None

    def make() -> str:
        name = f"eventlens_test_{uuid.uuid4().hex[:12]}"
        if admin_url is None:
            return f"sqlite:///{tmp_path / (name + '.db')}"
        import psycopg

        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return _with_dbname(admin_url, name)

    make.backend = request.param  # type: ignore[attr-defined]
    yield make
    if created:
        import psycopg

        with psycopg.connect(admin_url, autocommit=True) as conn:
            for name in created:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _with_dbname(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@pytest.fixture
def store(new_store_url) -> Iterator[eventlens.Store]:
    """A fresh store, once on SQLite and once on PostgreSQL."""
    with eventlens.open_store(new_store_url()) as opened:
        yield opened
