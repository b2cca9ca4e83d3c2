"""The ingest policy (eventlens.ingest), one for every path: read errors, conflicts, near-duplicates,
counts that agree with the store, each article cleaned once. Real pipeline, real SQLite store."""

from __future__ import annotations

from datetime import date

import pytest

import eventlens
from eventlens.model import Article, DocumentError
from eventlens.stages.clean import Cleaner

MEETING = (
    "Turkish Foreign Minister Mevlut Cavusoglu met Russian Foreign Minister Sergei Lavrov in Ankara on Tuesday "
    "to discuss the war in Syria, the Turkish foreign ministry said in a statement after the talks ended."
)
RETOLD = (
    "Russia's top diplomat Sergei Lavrov held talks with Mevlut Cavusoglu, the foreign minister of Turkey, "
    "in Ankara on Tuesday, according to Russian news agencies."
)
LONG = " ".join(
    f"Paragraph {n}: the ministry published figures on the harvest, the roads and the schools of the province."
    for n in range(6)
)


def article(article_id: str, text: str, outlet: str | None = None, url: str | None = None) -> Article:
    return Article(id=article_id, text=text, published=date(2020, 1, 14), outlet=outlet, url=url, fmt="jsonl")


def test_a_read_error_is_recorded_as_an_error(lens: eventlens.EventLens, sqlite_store: eventlens.Store) -> None:
    error = DocumentError("bad.jsonl:3", "read", "not JSON", "bad.jsonl")
    summary = lens.ingest_articles([error, article("a1", MEETING)], sqlite_store)
    assert summary.errors == [error] and summary.articles == 1 and summary.stored == 1
    assert [(e.article_id, e.stage) for e in sqlite_store.list_errors()] == [("bad.jsonl:3", "read")]
    assert sqlite_store.get_article("bad.jsonl:3") is None  # no article stands in for the error


def test_same_id_same_text_is_skipped_different_text_is_a_conflict(
    lens: eventlens.EventLens, sqlite_store: eventlens.Store
) -> None:
    first = lens.ingest_articles([article("a1", MEETING)], sqlite_store)
    assert first.stored == 1
    again = lens.ingest_articles([article("a1", MEETING)], sqlite_store)
    assert again.skipped == 1 and again.conflicts == 0 and not again.errors
    other = lens.ingest_articles([article("a1", LONG)], sqlite_store)
    assert other.conflicts == 1 and other.skipped == 0 and other.stored == 0
    (error,) = other.errors
    assert error.stage == "ingest" and "different text" in error.reason
    assert any(e.article_id == "a1" and e.stage == "ingest" for e in sqlite_store.list_errors())
    stored = sqlite_store.get_article("a1")
    assert stored is not None and "Cavusoglu" in stored.text  # the first version is kept


def test_the_summary_counts_agree_with_the_store(lens: eventlens.EventLens, sqlite_store: eventlens.Store) -> None:
    items = [
        article("a1", MEETING, outlet="Anadolu"),
        article("a2", RETOLD, outlet="TASS"),  # the same meeting, told by another outlet
        article("a3", LONG),
        article("a3-copy", LONG + " Updated."),  # a near-duplicate, found in the same batch
    ]
    summary = lens.ingest_articles(items, sqlite_store)
    counts = sqlite_store.counts()
    assert summary.stored == counts.articles == 4 and summary.duplicates == 1
    assert summary.events_new == counts.events
    assert summary.events > summary.events_new  # the retold meeting joined the stored one
    assert sqlite_store.duplicate_of("a3-copy") == "a3"


def test_copies_without_outlet_do_not_add_sources(lens: eventlens.EventLens, sqlite_store: eventlens.Store) -> None:
    text = MEETING + " " + LONG
    summary = lens.ingest_articles([article(f"copy-{n}", text) for n in range(7)], sqlite_store)
    assert summary.stored == 7 and summary.duplicates == 6
    events = sqlite_store.query_events(eventlens.EventQuery(limit=100))
    assert events and all(e.num_articles == 7 and e.num_sources == 1 for e in events), events
    named = lens.ingest_articles([article("copy-tass", text, outlet="TASS")], sqlite_store)
    assert named.duplicates == 1
    assert all(e.num_sources == 2 for e in sqlite_store.query_events(eventlens.EventQuery(limit=100)))


def test_each_article_is_cleaned_once(
    lens: eventlens.EventLens, sqlite_store: eventlens.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaned: list[str] = []
    real = Cleaner.classify

    def counting(self: Cleaner, raw: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        cleaned.append(raw[:20])
        return real(self, raw, *args, **kwargs)

    monkeypatch.setattr(Cleaner, "classify", counting)
    summary = lens.ingest_articles([article("a1", MEETING), article("a2", LONG)], sqlite_store)
    assert summary.stored == 2 and len(cleaned) == 2
