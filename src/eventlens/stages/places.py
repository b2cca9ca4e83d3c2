"""places stage (placeholder until the gazetteer lands)."""

from __future__ import annotations

from ..model import Document


class EventPlacer:
    """`places` stage: sets each event's `place`."""

    name = "places"
    requires: tuple[str, ...] = ("events", "doc")
    provides: tuple[str, ...] = ("events",)

    def __init__(self, gazetteer: object | None = None) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Document) -> Document:
        return doc
