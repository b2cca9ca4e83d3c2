"""When two tellings are one event: the merge rules, within an article and across articles.

The merge stage (`stages/merge.py`) folds the tellings of one event within an article; the store
joins an event of a new article to a stored event that reports the same thing. Both use the
rules here; the store receives them (`MergeRules`, passed by `store.open_store`) and does not
import them, so that the storage code holds no domain rule of its own.

Within an article: events with the same actors (as resolved), the same kind of act (PLOVER type,
else CAMEO root), the same polarity and compatible dates and places are one event.

Across articles the rules are stricter, because a whole archive stands behind each candidate:

- actors: the same resolved actor on each side (same `actor_id`), or the same CAMEO code when one
  of the two is only known by its code (a generic actor, "Turkish intelligence", id
  `code:TURSPY`); two different named people with the same code are not the same actor;
- codes: the same PLOVER event type, or the same CAMEO root;
- polarity: both negated or neither; the stance may differ between asserted and claimed (outlets
  attribute differently), not between real and intended or hypothetical acts;
- dates: both known; day dates within `DAY_WINDOW` days, partial dates compatible (`2020-01` with
  `2020-01-13`); an undated event never joins another article's event (nothing would keep it
  from joining any year's);
- places: compatible as within an article (`places_compatible`).
"""

from __future__ import annotations

from datetime import date, timedelta

from .model import Actor, Event

# -- within an article -----------------------------------------------------------------------------

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


SUMMARY_KINDS = frozenset({"headline", "standfirst", "caption"})


def tellings_compatible(a: Event, b: Event) -> bool:
    """Within an article: the dates agree, and an undated telling only joins a dated one
    when it is a summary (headline, standfirst, caption) of it. An undated act in the
    body ("Idlib has been bombed") is background, not the dated one ("since April 2019").
    """
    if not dates_compatible(a.date, b.date):
        return False
    if "year" in (a.date_precision, b.date_precision) and {a.date_precision, b.date_precision} & {"month", "day"}:
        # "since the beginning of the year, the BLA has ramped up attacks" is a campaign, not
        # the attack of that day, unless it is the summary's telling
        return any(all(m.kind in SUMMARY_KINDS for m in e.mentions) for e in (a, b))
    if (a.date is None) == (b.date is None):
        return True
    undated = a if a.date is None else b
    return all(m.kind in SUMMARY_KINDS for m in undated.mentions)


_WEAK_PLACE_BASES = frozenset({"sentence", "seat", "paragraph", "story", "lead", "dateline"})


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


# -- across articles ------------------------------------------------------------------------------

DAY_WINDOW = 1
_REPORTED_STANCES = frozenset({"asserted", "claimed"})


def is_generic(actor: Actor) -> bool:
    """True for an actor identified only by its code (no knowledge-base identity)."""
    return not actor.actor_id or actor.actor_id.startswith("code:")


def actors_match(a: Actor, b: Actor) -> bool:
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    return bool(a.code) and a.code == b.code and (is_generic(a) or is_generic(b))


def codes_compatible(a: Event, b: Event) -> bool:
    if a.plover and b.plover and a.plover.event == b.plover.event:
        return True
    return bool(a.cameo_root) and a.cameo_root == b.cameo_root


def stances_compatible(a: Event, b: Event) -> bool:
    if a.negated != b.negated:
        return False
    return a.modality == b.modality or {a.modality, b.modality} <= _REPORTED_STANCES


def day_distance(a: Event, b: Event) -> int | None:
    """Days between two day-precision dates; None when either is not a day date."""
    if a.date_precision != "day" or b.date_precision != "day" or not a.date or not b.date:
        return None
    try:
        return abs((date.fromisoformat(a.date) - date.fromisoformat(b.date)).days)
    except ValueError:
        return None


def dates_match(a: Event, b: Event) -> bool:
    if not a.date or not b.date:
        return False
    distance = day_distance(a, b)
    if distance is not None:
        return distance <= DAY_WINDOW
    return dates_compatible(a.date, b.date)


def same_event(stored: Event, new: Event) -> bool:
    """Whether `new` (from another article) reports the stored event."""
    return (
        actors_match(stored.source, new.source)
        and actors_match(stored.target, new.target)
        and codes_compatible(stored, new)
        and stances_compatible(stored, new)
        and dates_match(stored, new)
        and places_compatible(stored, new)
    )


def closeness(stored: Event, new: Event) -> tuple[int, int, int]:
    """Sort key among several matching stored events: the closest date, then the best reported."""
    distance = day_distance(stored, new)
    exact_date = 0 if stored.date == new.date else 1
    return (exact_date, distance if distance is not None else DAY_WINDOW + 1, -stored.num_articles)


def compatible_dates(event: Event) -> tuple[list[str], str]:
    """Stored dates that can match the event's: exact values, and a prefix (for `LIKE prefix%`).

    Lets the store fetch only candidates whose date can pass `dates_match`: the event's own
    date and its partial forms, the days of the window and their partial forms, and any
    more precise date inside the event's period.
    """
    if not event.date:
        raise ValueError("an undated event has no compatible dates")
    values = {event.date}
    days = [event.date]
    if event.date_precision == "day":
        try:
            day = date.fromisoformat(event.date)
        except ValueError:
            day = None
        if day is not None:
            days = [(day + timedelta(days=delta)).isoformat() for delta in range(-DAY_WINDOW, DAY_WINDOW + 1)]
    for value in days:
        values.update({value, value[:7], value[:4]})
    return sorted(values), event.date + "%"


class MergeRules:
    """The cross-article rules as one object, passed to the store (see `store.base.EventMergeRules`)."""

    def same_event(self, stored: Event, new: Event) -> bool:
        return same_event(stored, new)

    def closeness(self, stored: Event, new: Event) -> tuple[int, int, int]:
        return closeness(stored, new)

    def compatible_dates(self, event: Event) -> tuple[list[str], str]:
        return compatible_dates(event)

    def fold(self, into: Event, other: Event) -> None:
        fold(into, other)
