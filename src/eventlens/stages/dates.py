"""dates stage (placeholder until the temporal resolver lands)."""

from __future__ import annotations

from ..model import Document


class EventDater:
    """`dates` stage: sets each event's `date` and `date_precision`."""

    name = "dates"
    requires: tuple[str, ...] = ("events", "doc", "sentences")
    provides: tuple[str, ...] = ("events",)

    def __call__(self, doc: Document) -> Document:
        return doc
