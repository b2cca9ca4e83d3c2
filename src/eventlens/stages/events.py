"""events stage (placeholder until the lexicon coder lands)."""

from __future__ import annotations

from ..model import Document


class EventCoder:
    """`events` stage: fills `Document.events` from the parse and the actor mentions."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "sentences", "actor_mentions")
    provides: tuple[str, ...] = ("events",)

    def __init__(self, ontology: object | None = None, lexicon: object | None = None) -> None:
        self.ontology = ontology
        self.lexicon = lexicon

    def __call__(self, doc: Document) -> Document:
        return doc
