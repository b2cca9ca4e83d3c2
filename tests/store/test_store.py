"""The store: atomic, idempotent, queryable. Runs on the real SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventlens
from eventlens.model import Actor, Article, Document, DocumentError, Event, Mention, Place, Plover, Sentence
from eventlens.store import EventQuery


def make_document(article_id: str = "a1", outlet: str = "Example Daily") -> Document:
    text = "Fidan met Mamlouk in Moscow.\n\nFrance issued a warrant for Mamlouk."
    doc = Document(article=Article(id=article_id, text=text, title="t", outlet=outlet), text=text)
    doc.sentences = [Sentence(0, 0, 28, text[0:28]), Sentence(1, 30, len(text), text[30:])]
    fidan = Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")
    mamlouk = Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")
    france = Actor("France", "FRA", "FRA", None, None, "country")
    doc.events = [
        Event(article_id, fidan, mamlouk, "043", quad_class=1, goldstein=2.8, plover=Plover("CONSULT", "visit"),
              date="2020-01-13", date_precision="day", place=Place("Moscow", "RUS", 55.75, 37.62, 524901),
              reported_by=["SANA"], mentions=[Mention(article_id, 0, 0, 27, "Fidan met Mamlouk in Moscow")]),
        Event(article_id, france, mamlouk, "173", quad_class=4, goldstein=-5.0, plover=Plover("COERCE"),
              date="2018", date_precision="year", mentions=[Mention(article_id, 1, 30, 66)]),
    ]  # fmt: skip
    for event in doc.events:
        event.id = event.make_id()
    return doc


def test_save_and_read_back(store: eventlens.Store) -> None:
    doc = make_document()
    assert store.save_document(doc) is True
    stored = store.get_event(doc.events[0].id)
    assert stored is not None
    assert stored.to_dict() == doc.events[0].to_dict()
    article = store.get_article("a1")
    assert article is not None and article.text == doc.text
    assert [s.text for s in article.sentences] == [s.text for s in doc.sentences]
    assert store.counts().articles == 1 and store.counts().events == 2


def test_ingesting_twice_adds_nothing(store: eventlens.Store) -> None:
    assert store.save_document(make_document())
    before = store.counts()
    assert store.save_document(make_document()) is False
    assert store.counts() == before


def test_failed_save_leaves_no_half_article(store: eventlens.Store) -> None:
    doc = make_document()
    doc.events[1].cameo = None  # type: ignore[assignment]  # violates NOT NULL after the article row
    with pytest.raises(eventlens.StoreError, match=r"(?i)not.null"):
        store.save_document(doc)
    assert store.counts().articles == 0 and store.counts().events == 0
    assert not store.has_article("a1")


@pytest.mark.parametrize(
    ("query", "expected_codes"),
    [
        (EventQuery(), ["173", "043"]),  # ordered by date: 2018 before 2020-01-13
        (EventQuery(actor="TUR"), ["043"]),
        (EventQuery(actor="mamlouk"), ["173", "043"]),
        (EventQuery(code="04"), ["043"]),
        (EventQuery(since="2019-01-01"), ["043"]),
        (EventQuery(until="2018"), ["173"]),
        (EventQuery(plover="coerce"), ["173"]),
        (EventQuery(quad_class=1), ["043"]),
        (EventQuery(limit=1, offset=1), ["043"]),
    ],
)
def test_query_filters(store: eventlens.Store, query: EventQuery, expected_codes: list[str]) -> None:
    store.save_document(make_document())
    assert [e.cameo for e in store.query_events(query)] == expected_codes


def test_errors_recorded_then_cleared_by_success(store: eventlens.Store) -> None:
    store.record_error(DocumentError("a1", "nlp", "boom", "/x/a1.txt"))
    store.record_error(DocumentError("a1", "nlp", "boom again", "/x/a1.txt"))
    assert [(e.article_id, e.reason) for e in store.list_errors()] == [("a1", "boom again")]
    store.save_document(make_document())
    assert store.list_errors() == []


def test_actors_listed_with_counts(store: eventlens.Store) -> None:
    store.save_document(make_document())
    by_id = {a.actor_id: a for a in store.list_actors()}
    assert by_id["kb:ali-mamlouk"].num_events == 2
    assert by_id["kb:ali-mamlouk"].code == "SYRSPY"
    assert "code:FRA" in by_id  # an actor without an id gets one from its code


def test_reopen_keeps_data_and_schema(tmp_path: Path) -> None:
    with eventlens.open_store(tmp_path / "x.db") as store:
        store.save_document(make_document())
    with eventlens.open_store(f"sqlite:///{tmp_path / 'x.db'}") as store:
        assert store.counts().events == 2


def test_unknown_url_is_a_clear_error() -> None:
    with pytest.raises(eventlens.ConfigError, match="unknown database URL"):
        eventlens.open_store("mysql://localhost/x")
