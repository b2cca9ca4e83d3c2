"""Events and a store of them for the exporter tests (built directly: the exporters don't need the coder)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Actor, Article, Document, Event, Mention, Place, Plover, Sentence

TEXT = (
    "Turkish and Syrian spy chiefs meet in Moscow\n\n"
    "Hakan Fidan met Ali Mamlouk in Moscow on Monday, SANA said.\n\n"
    "France issued an arrest warrant for Mamlouk in 2018.\n\n"
    "Syria did not attack the convoy."
)


def sample_document(article_id: str = "story-1", url: str | None = "https://news.example.org/a/1") -> Document:
    text = TEXT
    head_end = text.index("\n")
    s1 = text.index("Hakan")
    s2 = text.index("France")
    s3 = text.index("Syria did")
    doc = Document(
        article=Article(id=article_id, text=text, title="Spy chiefs meet", url=url, outlet="Example News",
                        published=date(2020, 1, 14)),
        text=text,
    )  # fmt: skip
    doc.sentences = [
        Sentence(0, 0, head_end, text[:head_end], "headline"),
        Sentence(1, s1, s2 - 2, text[s1 : s2 - 2]),
        Sentence(2, s2, s3 - 2, text[s2 : s3 - 2]),
        Sentence(3, s3, len(text), text[s3:]),
    ]
    fidan = Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")
    mamlouk = Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")
    france = Actor("France", "FRA", "FRA", None, "code:FRA", "country")
    un = Actor("United Nations", "IGOUNO", None, None, "kb:un", "organisation")
    moscow = Place("Moscow", "RUS", 55.7522, 37.6156, 524901)
    events = [
        Event(article_id, fidan, mamlouk, "043", quad_class=1, goldstein=2.8, plover=Plover("CONSULT", "visit"),
              date="2020-01-13", date_precision="day", place=moscow, reported_by=["SANA"],
              mentions=[Mention(article_id, 0, 0, head_end, text[:head_end], "headline"),
                        Mention(article_id, 1, s1, s1 + 27, text[s1 : s1 + 27], "body")],
              num_mentions=2, pattern="X met Y", trigger="met", ontology_version="test"),
        Event(article_id, france, mamlouk, "1711", quad_class=4, goldstein=-9.2, plover=Plover("SANCTION"),
              date="2018", date_precision="year", quotes=['"a warrant"'],
              mentions=[Mention(article_id, 2, s2, s2 + 30, text[s2 : s2 + 30])]),
        Event(article_id, un, france, "010", quad_class=1, goldstein=0.0, plover=None, date="2019-05",
              date_precision="month", place=Place("Russia", "RUS", 60.0, 100.0, 2017370),
              mentions=[Mention(article_id, 2, s2, s2 + 6, "France")]),
        Event(article_id, Actor("Syria", "SYR", "SYR"), Actor("convoy", None), "190", quad_class=4,
              goldstein=-10.0, plover=Plover("ASSAULT"), negated=True,
              mentions=[Mention(article_id, 3, s3, len(text), text[s3:])]),
    ]  # fmt: skip
    for event in events:
        event.id = event.make_id()
    doc.events = events
    return doc


LOCAL_TEXT = (
    "Damascus answers Paris\n\n"
    "Syrian officials accused France of hypocrisy on Tuesday in a long statement read on state television."
)


def local_document() -> Document:
    """A second article, read from a local file (no URL), with an event of its own."""
    text = LOCAL_TEXT
    start = text.index("Syrian")
    doc = Document(article=Article(id="local-file", text=text, title="Damascus answers Paris"), text=text)
    doc.sentences = [
        Sentence(0, 0, start - 2, text[: start - 2], "headline"),
        Sentence(1, start, len(text), text[start:]),
    ]
    event = Event("local-file", Actor("Syria", "SYRGOV", "SYR", "GOV"), Actor("France", "FRA", "FRA"), "112",
                  quad_class=3, goldstein=-2.0, plover=Plover("ACCUSE"), date="2021-02-02", date_precision="day",
                  mentions=[Mention("local-file", 1, start, start + 38, text[start : start + 38])])  # fmt: skip
    event.id = event.make_id()
    doc.events = [event]
    return doc


@pytest.fixture
def sample_events() -> list[Event]:
    return sample_document().events


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[eventlens.Store]:
    """A SQLite store holding the sample article and a local one (without URL)."""
    with eventlens.open_store(tmp_path / "export.db") as store:
        assert store.save_document(sample_document())
        assert store.save_document(local_document())
        assert store.counts().events == 5
        yield store
