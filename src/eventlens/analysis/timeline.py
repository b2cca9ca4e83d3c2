"""Timelines: the events of an actor, a dyad or a place, in date order (undated last)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..model import Event
from ..store.base import Store
from .selection import ActorSpec, events_between, iter_events, sort_key


@dataclass(frozen=True)
class PlaceSpec:
    """A place by name (case-insensitive, exact) or by country (`country:SYR`)."""

    name: str | None = None
    country: str | None = None

    @classmethod
    def parse(cls, text: str) -> PlaceSpec:
        value = (text or "").strip()
        if not value or len(value) > 200:
            raise InputError("a place must be a name or country:ISO3 (1-200 characters)")
        head, sep, rest = value.partition(":")
        if sep and head.lower() == "country":
            return cls(country=rest.strip().upper())
        return cls(name=value.casefold())

    def matches(self, event: Event) -> bool:
        place = event.place
        if place is None:
            return False
        if self.country:
            return (place.country or "").upper() == self.country
        return (place.name or "").casefold() == self.name


def actor_timeline(
    store: Store, actor: ActorSpec, since: str | None = None, until: str | None = None, limit: int | None = None
) -> list[Event]:
    return _ordered(events_between(store, actor, None, since, until), limit)


def dyad_timeline(
    store: Store, a: ActorSpec, b: ActorSpec, since: str | None = None, until: str | None = None,
    limit: int | None = None,
) -> list[Event]:  # fmt: skip
    return _ordered(events_between(store, a, b, since, until), limit)


def place_timeline(
    store: Store, place: PlaceSpec, since: str | None = None, until: str | None = None, limit: int | None = None
) -> list[Event]:
    return _ordered([e for e in iter_events(store, since, until) if place.matches(e)], limit)


def _ordered(events: list[Event], limit: int | None) -> list[Event]:
    events = sorted(events, key=sort_key)
    return events if limit is None else events[:limit]
