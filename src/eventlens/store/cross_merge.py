"""One event, many reports: when does an event of a new article join a stored event?

The within-article rules live in `stages/merge.py`; across articles the store is
stricter about what counts as "the same event", because a whole archive stands
behind each candidate:

- actors: the same resolved actor on each side (same `actor_id`), or the same
  CAMEO code when one of the two is only known by its code (a generic actor,
  "Turkish intelligence", id `code:TURSPY`); two different named people with
  the same code are not the same actor;
- codes: the same PLOVER event type, or the same CAMEO root;
- polarity: both negated or neither; the stance may differ between asserted and
  claimed (outlets attribute differently), not between real and intended or
  hypothetical acts;
- dates: both known; day dates within `DAY_WINDOW` days, partial dates
  compatible (`2020-01` with `2020-01-13`); an undated event never joins
  another article's event (nothing would keep it from joining any year's);
- places: compatible as within an article (`merge.places_compatible`).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..model import Actor, Event
from ..stages.merge import dates_compatible, places_compatible

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
