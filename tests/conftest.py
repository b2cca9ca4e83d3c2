"""Fixtures shared by the whole suite (defined once here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "corpus" / "seed" / "turkey-syria-intelligence-chiefs-2020-01-14.txt"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared material is missing: expected it at {SHARED}")
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
