"""Dyad time series: how two actors deal with each other over time, in both directions.

For a pair (A, B) and a period length (day, week, month, year), each direction (A->B and
B->A) gets, per period, the number of events in each QuadClass (1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict) and the mean Goldstein score.

An event is placed in a period when its date is at least as precise as the period: a
month-precision event goes into a month or year series, not into a day or week series.
Events that cannot be placed are counted in `unplaced` (too coarse) and `undated` (no date).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from ..errors import InputError
from ..model import Event
from ..store.base import Store
from .selection import ActorSpec, date_bounds, events_between, sort_key

Freq = Literal["day", "week", "month", "year"]
FREQS: tuple[Freq, ...] = ("day", "week", "month", "year")
_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_FREQ_RANK = {"day": 3, "week": 3, "month": 2, "year": 1}


@dataclass
class PeriodStats:
    """One period of one direction of a dyad."""

    period: str  # 2020-01-13 | 2020-W03 | 2020-01 | 2020
    start: str  # the first day of the period (ISO)
    quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    count: int = 0
    goldstein_sum: float = 0.0
    goldstein_n: int = 0
    event_ids: list[str] = field(default_factory=list)

    @property
    def mean_goldstein(self) -> float | None:
        return round(self.goldstein_sum / self.goldstein_n, 2) if self.goldstein_n else None

    def add(self, event: Event) -> None:
        self.count += 1
        if event.quad_class in self.quad:
            self.quad[event.quad_class] += 1
        if event.goldstein is not None:
            self.goldstein_sum += event.goldstein
            self.goldstein_n += 1
        self.event_ids.append(event.id)

    def to_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "start": self.start,
            "count": self.count,
            "quad_class": {str(k): v for k, v in self.quad.items()},
            "mean_goldstein": self.mean_goldstein,
            "event_ids": list(self.event_ids),
        }


@dataclass
class DyadSeries:
    """Both directions of a dyad, period by period (only periods with events are listed)."""

    a: str
    b: str
    freq: Freq
    forward: list[PeriodStats]  # a -> b
    backward: list[PeriodStats]  # b -> a
    events: list[Event]  # every event of the pair, chronological, undated last
    undated: int = 0
    unplaced: int = 0

    @property
    def periods(self) -> list[str]:
        return sorted({p.period for p in self.forward} | {p.period for p in self.backward})

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "freq": self.freq,
            "forward": [p.to_dict() for p in self.forward],
            "backward": [p.to_dict() for p in self.backward],
            "total_events": len(self.events),
            "undated": self.undated,
            "unplaced": self.unplaced,
        }


def period_of(day: dt.date, freq: Freq) -> tuple[str, dt.date]:
    """The label of the period holding `day`, and the period's first day."""
    if freq == "day":
        return day.isoformat(), day
    if freq == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1)
    return str(day.year), day.replace(month=1, day=1)


def placeable(event: Event, freq: Freq) -> bool:
    """Whether the event's date is precise enough for periods of `freq`."""
    precision = event.date_precision if event.date_precision in _PRECISION_RANK else "unknown"
    if precision == "unknown" and event.date:  # trust the shape of the date when precision is missing
        precision = {1: "year", 2: "month", 3: "day"}.get(len(event.date.split("-")), "unknown")
    return _PRECISION_RANK[precision] >= _FREQ_RANK[freq]


def dyad_series(
    store: Store,
    a: ActorSpec,
    b: ActorSpec,
    freq: Freq = "month",
    since: str | None = None,
    until: str | None = None,
) -> DyadSeries:
    """The time series of the pair (a, b); `a` and `b` may be codes, countries or actor ids."""
    if freq not in FREQS:
        raise InputError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    events = sorted(events_between(store, a, b, since, until), key=sort_key)
    return series_from_events(events, a, b, freq)


def series_from_events(events: list[Event], a: ActorSpec, b: ActorSpec, freq: Freq) -> DyadSeries:
    buckets: dict[str, dict[str, PeriodStats]] = {"forward": {}, "backward": {}}
    undated = unplaced = 0
    for event in events:
        bounds = date_bounds(event.date)
        if bounds is None:
            undated += 1
            continue
        if not placeable(event, freq):
            unplaced += 1
            continue
        label, start = period_of(bounds[0], freq)
        direction = "forward" if a.matches(event.source) and b.matches(event.target) else "backward"
        stats = buckets[direction].get(label)
        if stats is None:
            stats = buckets[direction][label] = PeriodStats(label, start.isoformat())
        stats.add(event)
    return DyadSeries(
        a=str(a),
        b=str(b),
        freq=freq,
        forward=sorted(buckets["forward"].values(), key=lambda p: p.start),
        backward=sorted(buckets["backward"].values(), key=lambda p: p.start),
        events=events,
        undated=undated,
        unplaced=unplaced,
    )


def combined_goldstein(series: DyadSeries) -> list[tuple[str, float, int]]:
    """Per period, both directions together: (period, mean Goldstein, events with a score)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for stats in (*series.forward, *series.backward):
        sums[stats.period][0] += stats.goldstein_sum
        sums[stats.period][1] += stats.goldstein_n
    return [(p, round(s / n, 2), int(n)) for p, (s, n) in sorted(sums.items()) if n]
