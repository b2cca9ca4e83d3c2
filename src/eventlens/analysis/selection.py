"""Choosing events for an analysis: actor specifications, date windows, partial dates.

An actor is named in one of three ways (the same syntax in the CLI, the API and the UI):

- a CAMEO code prefix: ``TUR`` matches TUR, TURGOV, TURSPY...; ``TURSPY`` only the spy agency;
- a country: ``country:SYR`` matches every actor whose country is SYR (or, if the country is
  unknown, whose code starts with SYR);
- an actor id: ``id:kb:hakan-fidan``, or any value that looks like an id (``kb:...``,
  ``name:...``, ``code:...``) as the store writes them.

Anything else (lower case, spaces) matches a name substring, case-insensitively.

Partial dates: an event dated ``2011`` happened some time in 2011. Analyses that need a day
use its *earliest* day for ordering and bucketing, and take the *latest* possible day of an
earlier event when they measure a gap, so that a reported gap is never longer than the truth.
An undated event cannot be placed in time: analyses count it apart (`undated`) and it
neither breaks nor starts a silence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..errors import InputError
from ..model import Actor, Event
from ..store.base import EventQuery, Store

SpecKind = Literal["code", "country", "id", "name"]
PAGE = 5000
_CODE = re.compile(r"^[A-Za-z]{3}(?:[A-Za-z]{3})*$")
_ID_PREFIXES = ("kb:", "name:", "code:", "local:", "org:", "country:")


@dataclass(frozen=True)
class ActorSpec:
    """Which actors an analysis is about (see the module docstring for the syntax)."""

    kind: SpecKind
    value: str

    def matches(self, actor: Actor) -> bool:
        code = (actor.code or "").upper()
        if self.kind == "code":
            return code.startswith(self.value)
        if self.kind == "country":
            country = (actor.country or code[:3]).upper()
            return country == self.value
        if self.kind == "id":
            return actor.actor_id == self.value
        return self.value in actor.name.casefold()

    @property
    def label(self) -> str:
        return self.value if self.kind in ("code", "country", "id") else repr(self.value)

    def store_filter(self) -> str | None:
        """A coarse pre-filter the store can apply (`EventQuery.actor`), or None."""
        if self.kind in ("code", "name"):
            return self.value
        return None

    def __str__(self) -> str:
        return self.value if self.kind == "code" else f"{self.kind}:{self.value}"


def parse_actor_spec(text: str) -> ActorSpec:
    """`TURSPY`, `country:TUR`, `id:kb:hakan-fidan`, `kb:hakan-fidan` or a name fragment."""
    value = (text or "").strip()
    if not value or len(value) > 200:
        raise InputError("an actor must be a code, country:ISO3, id:ACTOR_ID or a name (1-200 characters)")
    head, sep, rest = value.partition(":")
    if sep and head.lower() == "country":
        iso = rest.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", iso):
            raise InputError(f"country:{rest} is not a three-letter country code")
        return ActorSpec("country", iso)
    if sep and head.lower() == "code":
        if not _CODE.match(rest.strip()):
            raise InputError(f"code:{rest} is not a CAMEO actor code")
        return ActorSpec("code", rest.strip().upper())
    if sep and head.lower() == "id":
        return ActorSpec("id", rest.strip())
    if value.startswith(_ID_PREFIXES):
        return ActorSpec("id", value)
    if _CODE.match(value) and value.upper() == value:
        return ActorSpec("code", value)
    if _CODE.match(value) and len(value) in (3, 6):
        return ActorSpec("code", value.upper())
    return ActorSpec("name", value.casefold())


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day a (possibly partial) ISO date can mean; None if unusable."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date(year, month, int(parts[2][:2]))
        return day, day
    except (ValueError, IndexError):
        return None


def check_iso_date(value: str | None, what: str) -> str | None:
    """`value` if it is an ISO date (partial allowed), else an InputError naming `what`."""
    if value in (None, ""):
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) or date_bounds(value) is None:
        raise InputError(f"{what} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), not {value!r}")
    return value


def iter_events(
    store: Store, since: str | None = None, until: str | None = None, prefilter: str | None = None
) -> Iterator[Event]:
    """Every stored event in the window (all of them when no window), page by page.

    With a window, undated events are left out (the store compares dates); without one they
    come too.
    """
    offset = 0
    while True:
        page = store.query_events(EventQuery(actor=prefilter, since=since, until=until, limit=PAGE, offset=offset))
        yield from page
        if len(page) < PAGE:
            return
        offset += PAGE


def iter_outlines(store: Store, since: str | None = None, until: str | None = None) -> Iterator[Event]:
    """Like `iter_events`, but outlines only (`Store.query_event_outlines`: no evidence, place or
    record fields), read from table columns: for analyses that read the whole store."""
    offset = 0
    while True:
        page = store.query_event_outlines(EventQuery(since=since, until=until, limit=PAGE * 4, offset=offset))
        yield from page
        if len(page) < PAGE * 4:
            return
        offset += PAGE * 4


def events_between(
    store: Store, a: ActorSpec, b: ActorSpec | None = None, since: str | None = None, until: str | None = None
) -> list[Event]:
    """Events with `a` on one side (and `b` on the other, when given), both directions."""
    found = []
    for event in iter_events(store, since, until, a.store_filter()):
        if b is None:
            if a.matches(event.source) or a.matches(event.target):
                found.append(event)
        elif (a.matches(event.source) and b.matches(event.target)) or (
            b.matches(event.source) and a.matches(event.target)
        ):
            found.append(event)
    return found


def sort_key(event: Event) -> tuple[int, str, str]:
    """Chronological order by earliest possible day; undated events last."""
    bounds = date_bounds(event.date)
    return (0, bounds[0].isoformat(), event.id) if bounds else (1, "", event.id)
