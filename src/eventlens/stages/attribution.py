"""attribution stage (placeholder until the attribution finder lands)."""

from __future__ import annotations

from ..model import Document


class Attributor:
    """`attribution` stage: sets `reported_by`, stance modality and quotes."""

    name = "attribution"
    requires: tuple[str, ...] = ("events", "doc", "sentences", "actor_mentions")
    provides: tuple[str, ...] = ("events", "attributions")

    def __call__(self, doc: Document) -> Document:
        return doc
