"""Fixtures for the dates, places and attribution stage tests.

`anchored_event` runs a text through the real clean, nlp and actors stages, then sets
up one event on a trigger word chosen by the test, so the stage under test is judged on
its own (not on what the event coder happens to find).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

import eventlens
from eventlens.model import Actor, Article, Document, Event, Mention, Plover

AnchoredEvent = Callable[..., tuple[Document, Event]]
AddEvent = Callable[..., Event]


def _event_on(doc: Document, trigger: str, nth: int, cameo: str, source: str, target: str) -> Event:
    matches = [t for t in doc.doc if t.text == trigger]
    assert len(matches) > nth, f"trigger {trigger!r} not in {doc.text!r}"
    token = matches[nth]
    sent = doc.sentence_at(token.idx)
    assert sent is not None
    return Event(
        article_id=doc.article.id,
        source=Actor(source),
        target=Actor(target),
        cameo=cameo,
        plover=Plover("CONSULT") if cameo.startswith("04") else None,
        trigger=trigger,
        trigger_token=token.i,
        sentence_index=sent.index,
        mentions=[Mention(doc.article.id, sent.index, sent.start, sent.end, sent.text, sent.kind)],
    )


@pytest.fixture
def add_event() -> AddEvent:
    """`add(doc, trigger, nth=0, cameo=..., source=..., target=...)`: one more event, appended."""

    def add(
        doc: Document, trigger: str, nth: int = 0, cameo: str = "040", source: str = "A", target: str = "B"
    ) -> Event:
        event = _event_on(doc, trigger, nth, cameo, source, target)
        doc.events.append(event)
        return event

    return add


@pytest.fixture
def anchored_event(lens: eventlens.EventLens) -> AnchoredEvent:
    """`build(text, trigger, published=..., cameo=..., title=..., nth=0)` -> (document, event)."""
    early = [s for s in lens.pipeline.stages if s.name in ("clean", "nlp", "actors")]

    def build(
        text: str,
        trigger: str,
        published: str | None = "2020-01-14",
        cameo: str = "040",
        title: str | None = None,
        nth: int = 0,
        source: str = "A",
        target: str = "B",
    ) -> tuple[Document, Event]:
        article = Article(
            id="t1",
            text=text,
            title=title,
            published=date.fromisoformat(published) if published else None,
            fmt="jsonl",
        )
        doc = Document(article=article)
        for stage in early:
            stage(doc)
        assert doc.error is None, doc.error
        event = _event_on(doc, trigger, nth, cameo, source, target)
        doc.events = [event]
        return doc, event

    return build
