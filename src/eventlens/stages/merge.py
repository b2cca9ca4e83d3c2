"""merge stage: one event told several times in an article is stored once.

The headline, the standfirst, a photo caption and the body often tell the same
event. Events with the same actors (as resolved), the same kind of act
(PLOVER type, else CAMEO root), the same polarity and compatible dates and
places are folded into one, which keeps every mention as evidence (the rules:
`eventlens.merging`, shared with the store).
"""

from __future__ import annotations

from ..merging import fold, merge_key, places_compatible, tellings_compatible
from ..model import Document, Event


def merge_events(events: list[Event]) -> list[Event]:
    """Fold events told more than once into one each, keeping first-seen order."""
    merged: list[Event] = []
    for event in events:
        target = next(
            (
                kept
                for kept in merged
                if merge_key(kept) == merge_key(event)
                and tellings_compatible(kept, event)
                and places_compatible(kept, event)
            ),
            None,
        )
        if target is None:
            merged.append(event)
        else:
            fold(target, event)
    for event in merged:
        event.num_mentions = len(event.mentions)
        event.id = event.make_id()
    return merged


class EventMerger:
    """`merge` stage: folds repeated tellings within the article."""

    name = "merge"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("events",)

    def __call__(self, doc: Document) -> Document:
        doc.events = merge_events(doc.events)
        return doc
