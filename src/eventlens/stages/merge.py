"""merge stage: one event told several times in an article is stored once.

The headline, the standfirst, a photo caption and the body often tell the same
event. Events with the same actors (as resolved), the same kind of act
(PLOVER type, else CAMEO root), the same polarity and compatible dates and
places are folded into one, which keeps every mention as evidence (the rules:
`eventlens.merging`, shared with the store).
"""

from __future__ import annotations

from ..merging import SUMMARY_KINDS, event_family, fold, merge_key, places_compatible, tellings_compatible
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
    merged = _fold_summaries(merged)
    for event in merged:
        event.num_mentions = len(event.mentions)
        event.id = event.make_id()
    return merged


def _fold_summaries(events: list[Event]) -> list[Event]:
    """A headline or caption that tells, in coarser words, an act the body tells ("Turkey Criticizes
    Israel" over "Erdogan denounced Israel"): the same kind of act between the same countries, one
    side's code the start of the other's. It joins the body's telling, whose date and actors win."""
    kept: list[Event] = []
    for event in events:
        body = None
        if event.mentions and all(m.kind in SUMMARY_KINDS for m in event.mentions):
            body = next((b for b in events if b is not event and _summarised_by(b, event)), None)
        if body is None:
            kept.append(event)
        else:
            fold(body, event)
    return kept


def _summarised_by(body: Event, summary: Event) -> bool:
    if any(m.kind in SUMMARY_KINDS for m in body.mentions):
        return False
    if event_family(body) != event_family(summary) or (body.negated, body.modality) != (
        summary.negated,
        summary.modality,
    ):
        return False
    return all(_coarser_or_same(getattr(summary, side).code, getattr(body, side).code) for side in ("source", "target"))


def _coarser_or_same(summary: str | None, body: str | None) -> bool:
    """ "TUR" summarises "TURGOV"; no code summarises only no code."""
    if not summary or not body:
        return not summary and not body
    return len(summary) >= 3 and body.startswith(summary)


class EventMerger:
    """`merge` stage: folds repeated tellings within the article."""

    name = "merge"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("events",)

    def __call__(self, doc: Document) -> Document:
        doc.events = merge_events(doc.events)
        return doc
