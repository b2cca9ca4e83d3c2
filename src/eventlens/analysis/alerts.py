"""Alerts an analyst wants pushed, not searched for.

`silence_broken`: the first event of a kind (CAMEO root) between a pair after a long silence.
  The silence is measured from the pair's previous event of the same kind when there is one,
  else from the pair's previous event of any kind (the last contact): "first consult event
  between TURSPY and SYRSPY since 2011". The pair is taken at a level (`country` by default,
  so that TURGOV and TURSPY both speak for TUR; or `code`, or `actor`), in either direction.
  A first-ever event of a pair raises nothing: the store has no memory before its first
  article, so no silence can be shown.

`goldstein_shift`: a month whose mean Goldstein score (both directions) differs by at least
  `shift_threshold` from the mean of the pair's previous `window` months with events.

Dates: events are ordered by their earliest possible day; the gap runs from the *latest*
possible day of the earlier event to the earliest day of the new one, so a partial date
("2011") never makes a gap look longer than it is. Undated events are ignored: they cannot
date a silence, so they neither break one nor start one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from itertools import groupby
from typing import Literal

from ..errors import InputError
from ..knowledge.ontology import Ontology
from ..model import Event
from ..store.base import Store
from .dyads import placeable
from .network import LEVELS, Level, node_key
from .selection import check_iso_date, date_bounds, iter_outlines, sort_key

AlertKind = Literal["silence_broken", "goldstein_shift"]


@dataclass
class Alert:
    kind: AlertKind
    date: str  # when it happened (the event's date, or the month of the shift)
    pair: tuple[str, str]
    message: str
    event_id: str | None = None
    previous_event_id: str | None = None
    previous_date: str | None = None
    gap_days: int | None = None
    detail: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        record = asdict(self)
        record["pair"] = list(self.pair)
        return record


@dataclass
class _Last:
    event: Event
    latest: dt.date


def find_alerts(
    store: Store,
    since: str | None = None,
    level: Level = "country",
    min_gap_days: int = 365,
    shift_threshold: float = 5.0,
    window: int = 3,
) -> list[Alert]:
    """Every alert over the whole store, newest first; `since` keeps those on or after a date.

    The whole history is read even with `since`: a silence is only visible from before it.
    """
    check_iso_date(since, "since")
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if min_gap_days < 1:
        raise InputError("min_gap_days must be at least 1")
    events = sorted((e for e in iter_outlines(store) if date_bounds(e.date)), key=sort_key)
    found = silence_alerts(events, level, min_gap_days) + shift_alerts(events, level, shift_threshold, window)
    if since:
        found = [a for a in found if a.date >= since]
    found.sort(key=lambda a: (a.date, a.kind, a.pair), reverse=True)
    return found


def pair_of(event: Event, level: Level) -> tuple[str, str] | None:
    src, tgt = node_key(event.source, level), node_key(event.target, level)
    if not src or not tgt or src == tgt:
        return None
    return (src, tgt) if src < tgt else (tgt, src)


def silence_alerts(events: list[Event], level: Level, min_gap_days: int) -> list[Alert]:
    """`events` dated and in chronological order (`sort_key`).

    Events of the same day are judged together against what came before that day, so an
    article that reports a meeting and a demand of the same day breaks the silence for both
    kinds (one alert per pair and kind).
    """
    ontology = Ontology.load()
    last_any: dict[tuple[str, str], _Last] = {}
    last_kind: dict[tuple[tuple[str, str], str], _Last] = {}
    alerts = []
    for _day, group in groupby(_dated_pairs(events, level), key=lambda item: item[2]):
        day_items = list(group)
        raised: set[tuple[tuple[str, str], str]] = set()
        for event, pair, earliest, _latest in day_items:
            kind = event.cameo_root or event.cameo[:2]
            previous = last_kind.get((pair, kind)) or last_any.get(pair)
            if (pair, kind) in raised or previous is None:
                continue
            gap = (earliest - previous.latest).days
            if gap >= min_gap_days:
                raised.add((pair, kind))
                alerts.append(_silence_alert(event, pair, previous, gap, (pair, kind) in last_kind, ontology))
        for event, pair, _earliest, latest in day_items:
            kind = event.cameo_root or event.cameo[:2]
            for table, key in ((last_any, pair), (last_kind, (pair, kind))):
                known = table.get(key)
                if known is None or latest >= known.latest:
                    table[key] = _Last(event, latest)
    return alerts


def _dated_pairs(events: list[Event], level: Level) -> Iterator[tuple[Event, tuple[str, str], dt.date, dt.date]]:
    for event in events:
        pair = pair_of(event, level)
        bounds = date_bounds(event.date)
        if pair is not None and bounds is not None:
            yield event, pair, bounds[0], bounds[1]


def _silence_alert(
    event: Event, pair: tuple[str, str], previous: _Last, gap: int, same_kind: bool, ontology: Ontology
) -> Alert:
    kind_name = _code_name(ontology, event.cameo_root or event.cameo[:2]).lower()
    who = f"{event.source.code or event.source.name} and {event.target.code or event.target.name}"
    since_year = (previous.event.date or "")[:4]
    prev = previous.event
    what_before = "the last one" if same_kind else f"the last contact: {prev.cameo} {_code_name(ontology, prev.cameo)}"
    message = (
        f"first {kind_name} event between {who} since {since_year} ({_gap_text(gap)}; "
        f"{what_before} was on {prev.date}): {event.cameo} {_code_name(ontology, event.cameo)}"
    )
    return Alert(
        kind="silence_broken", date=event.date or "", pair=pair, message=message, event_id=event.id,
        previous_event_id=prev.id, previous_date=prev.date, gap_days=gap,
        detail={"cameo": event.cameo, "kind": event.cameo_root, "same_kind_before": same_kind,
                "source": event.source.code, "target": event.target.code},
    )  # fmt: skip


def shift_alerts(events: list[Event], level: Level, threshold: float, window: int) -> list[Alert]:
    """Months where a pair's mean Goldstein jumps away from its recent months."""
    months: dict[tuple[str, str], dict[str, list[float]]] = {}
    for event in events:
        pair = pair_of(event, level)
        if pair is None or event.goldstein is None or not placeable(event, "month"):
            continue
        month = (event.date or "")[:7]
        months.setdefault(pair, {}).setdefault(month, []).append(event.goldstein)
    alerts = []
    for pair, by_month in months.items():
        ordered = sorted(by_month.items())
        for i in range(1, len(ordered)):
            month, scores = ordered[i]
            before = [s for _, ss in ordered[max(0, i - window) : i] for s in ss]
            baseline, now = sum(before) / len(before), sum(scores) / len(scores)
            if abs(now - baseline) >= threshold:
                direction = "toward cooperation" if now > baseline else "toward conflict"
                alerts.append(
                    Alert(
                        kind="goldstein_shift", date=month, pair=pair,
                        message=(f"Goldstein trend of {pair[0]}–{pair[1]} moved {direction}: {baseline:+.1f} "
                                 f"(previous {len(ordered[max(0, i - window):i])} month(s) with events) "
                                 f"to {now:+.1f} in {month} ({len(scores)} event(s))"),
                        detail={"baseline": round(baseline, 2), "mean": round(now, 2), "events": len(scores)},
                    )
                )  # fmt: skip
    return alerts


def _code_name(ontology: Ontology, code: str) -> str:
    return ontology.cameo(code).name if code and ontology.has_code(code) else code


def _gap_text(days: int) -> str:
    years, rest = divmod(days, 365)
    months = rest // 30
    if years:
        return _plural(years, "year") + (" " + _plural(months, "month") if months else "")
    return _plural(months, "month") if months else _plural(days, "day")


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("s" if n != 1 else "")
