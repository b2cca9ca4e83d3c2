"""merge stage: one event told several times in an article is stored once.

The headline, the standfirst, a photo caption and the body often tell the same
event. Events with the same actors (as resolved), the same kind of act
(PLOVER type, else CAMEO root), the same polarity and compatible dates and
places are folded into one, which keeps every mention as evidence.
"""

from __future__ import annotations

from ..model import Actor, Document, Event

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def actor_key(event: Event, side: str) -> str:
    """Who an event side is, for merging: the CAMEO code when resolved, else the actor.

    Within one story "the heads of Turkish intelligence" and "Hakan Fidan" are the
    same side of the same meeting (both TURSPY); the dates and places must agree too.
    """
    actor = event.source if side == "source" else event.target
    return actor.code or actor.actor_id or " ".join(actor.name.casefold().split())


def actor_detail(actor: Actor) -> int:
    """How much an actor record says: a named person from the knowledge base says most."""
    return (
        (4 if actor.kind == "person" else 2 if actor.kind in {"organisation", "media"} else 0)
        + (2 if (actor.actor_id or "").startswith("kb:") else 0)
        + (1 if actor.code else 0)
    )


def event_family(event: Event) -> str:
    return event.plover.event if event.plover else event.cameo_root


def merge_key(event: Event) -> tuple[str, str, str, bool, str]:
    return (actor_key(event, "source"), actor_key(event, "target"), event_family(event), event.negated, event.modality)


def dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


_SUMMARY_KINDS = frozenset({"headline", "standfirst", "caption"})


def tellings_compatible(a: Event, b: Event) -> bool:
    """Within an article: the dates agree, and an undated telling only joins a dated one
    when it is a summary (headline, standfirst, caption) of it. An undated act in the
    body ("Idlib has been bombed") is background, not the dated one ("since April 2019").
    """
    if not dates_compatible(a.date, b.date):
        return False
    if (a.date is None) == (b.date is None):
        return True
    undated = a if a.date is None else b
    return all(m.kind in _SUMMARY_KINDS for m in undated.mentions)


_WEAK_PLACE_BASES = frozenset({"sentence", "paragraph", "lead", "dateline"})


def places_compatible(a: Event, b: Event) -> bool:
    """The places agree: the same name or country, or one of them is unknown or taken
    from outside the event's own clause (a report filed in Doha about a meeting in Moscow,
    or "discussions ... about the east of the Euphrates", does not make two meetings)."""
    if a.place is None or b.place is None:
        return True
    if a.place.basis in _WEAK_PLACE_BASES or b.place.basis in _WEAK_PLACE_BASES:
        return True
    return a.place.name.casefold() == b.place.name.casefold() or a.place.country == b.place.country


def _place_rank(event: Event) -> tuple[float, int]:
    """Trust, then detail: a place from the clause over one from the dateline, a town over a country."""
    place = event.place
    if place is None:
        return (-1.0, 0)
    detail = {"site": 5, "town": 4, "district": 3, "region": 2, "country": 1}.get(place.precision, 0)
    return (place.confidence if place.confidence is not None else 0.5, detail)


def code_specificity(code: str) -> tuple[int, int]:
    """Prefer 4-digit over 3-digit codes, and a specific 3-digit code over a root's generic one."""
    return (len(code), 0 if code.endswith("0") else 1)


def fold(into: Event, other: Event) -> None:
    """Fold `other` into `into`: mentions, the best date, code, place, reporters, quotes."""
    seen = {(m.article_id, m.sentence) for m in into.mentions}  # one mention per sentence told
    into.mentions += [m for m in other.mentions if (m.article_id, m.sentence) not in seen]
    into.mentions.sort(key=lambda m: (m.article_id, m.start))
    if _PRECISION_RANK[other.date_precision] > _PRECISION_RANK[into.date_precision]:
        into.date, into.date_precision = other.date, other.date_precision
    if code_specificity(other.cameo) > code_specificity(into.cameo):
        for name in ("cameo", "cameo_root", "quad_class", "goldstein", "plover", "pattern", "trigger"):
            setattr(into, name, getattr(other, name))
    if actor_detail(other.source) > actor_detail(into.source):
        into.source = other.source
    if actor_detail(other.target) > actor_detail(into.target):
        into.target = other.target
    if _place_rank(other) > _place_rank(into):
        into.place = other.place
    into.reported_by += [r for r in other.reported_by if r not in into.reported_by]
    into.quotes += [q for q in other.quotes if q not in into.quotes]
    if into.fatalities is None:
        into.fatalities = other.fatalities
    into.num_mentions = len(into.mentions)


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
