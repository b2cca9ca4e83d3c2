"""What the API and the pages both show: one function per view, over a store.

Pages and API endpoints call the same functions, so the UI shows exactly what the API returns.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..analysis.selection import ActorSpec, check_iso_date, events_between, sort_key
from ..errors import EventlensError, InputError
from ..model import Event
from ..store.base import ActorSummary, EventQuery, Store, StoredArticle

logger = logging.getLogger(__name__)
MAX_PAGE = 500


@dataclass
class Page:
    """One page of a longer list: the items, where it starts, and where the next page starts."""

    items: list[Any]
    limit: int
    offset: int
    next_offset: int | None

    def to_dict(self, convert: Any = None) -> dict[str, Any]:
        items = [convert(i) for i in self.items] if convert else list(self.items)
        return {"items": items, "limit": self.limit, "offset": self.offset, "next_offset": self.next_offset}


def page_of(items: list[Any], limit: int, offset: int) -> Page:
    """A page from a list that holds up to `limit + 1` items from `offset` on."""
    has_more = len(items) > limit
    return Page(items[:limit], limit, offset, offset + limit if has_more else None)


def slice_page(items: list[Any], limit: int, offset: int) -> Page:
    """A page from a complete list."""
    return page_of(items[offset : offset + limit + 1], limit, offset)


def event_query(
    actor: str | None = None, code: str | None = None, since: str | None = None, until: str | None = None,
    plover: str | None = None, quad_class: int | None = None, article_id: str | None = None,
    limit: int = 50, offset: int = 0,
) -> EventQuery:  # fmt: skip
    """A checked store query (one more row than asked, to know whether a next page exists)."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    if code and not code.isdigit():
        raise InputError(f"code must be a CAMEO event code prefix (digits), not {code!r}")
    return EventQuery(
        actor=actor or None, code=code or None, since=since or None, until=until or None,
        plover=plover or None, quad_class=quad_class, article_id=article_id or None,
        limit=limit + 1, offset=offset,
    )  # fmt: skip


def list_events(store: Store, query: EventQuery) -> Page:
    return page_of(store.query_events(query), query.limit - 1, query.offset)


# -- one event and its evidence ---------------------------------------------------------------
@dataclass
class Evidence:
    """A sentence that tells of the event, cut around the evidence span (for highlighting)."""

    article_id: str
    article_title: str | None
    published: str | None
    url: str | None
    sentence: int
    kind: str
    before: str
    span: str
    after: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "article_title": self.article_title, "published": self.published,
            "url": self.url, "sentence": self.sentence, "kind": self.kind, "text": self.before + self.span + self.after,
            "before": self.before, "span": self.span, "after": self.after,
            "span_start": len(self.before), "span_end": len(self.before) + len(self.span),
        }  # fmt: skip


def event_evidence(store: Store, event: Event) -> list[Evidence]:
    articles: dict[str, StoredArticle | None] = {}
    found = []
    for mention in event.mentions:
        if mention.article_id not in articles:
            articles[mention.article_id] = store.get_article(mention.article_id)
        article = articles[mention.article_id]
        if article is None:
            continue
        sent = next((s for s in article.sentences if s.index == mention.sentence), None)
        s_start, s_end = (sent.start, sent.end) if sent else (mention.start, mention.end)
        start, end = max(s_start, mention.start), min(s_end, mention.end)
        text = article.text
        found.append(
            Evidence(
                article_id=article.id, article_title=article.title, published=article.published, url=article.url,
                sentence=mention.sentence, kind=mention.kind, before=text[s_start:start], span=text[start:end],
                after=text[end:s_end],
            )
        )  # fmt: skip
    return found


# -- actors -----------------------------------------------------------------------------------
def find_actor(store: Store, actor_id: str) -> ActorSummary | None:
    """The store's summary of one actor (a scan of the actor list, page by page)."""
    offset = 0
    while True:
        page = store.list_actors(limit=1000, offset=offset)
        for actor in page:
            if actor.actor_id == actor_id:
                return actor
        if len(page) < 1000:
            return None
        offset += 1000


@dataclass
class Counterpart:
    key: str  # the spec to use in a dyad link (a code, else an actor id)
    name: str
    code: str | None
    events: int = 0
    cooperation: int = 0
    conflict: int = 0
    first: str | None = None
    last: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class CodeSpan:
    """A code the actor carried in stored events, and the dates it was seen with."""

    code: str
    first: str | None
    last: str | None
    events: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ActorProfile:
    actor: ActorSummary
    events: list[Event]  # chronological
    counterparts: list[Counterpart]
    codes_seen: list[CodeSpan]
    roles: list[dict[str, Any]] = field(default_factory=list)  # from the knowledge base, when it knows them
    roles_source: str = "none"

    @property
    def spec(self) -> str:
        return self.actor.code or self.actor.actor_id


def actor_profile(store: Store, actor: ActorSummary, kb: Any = None) -> ActorProfile:
    spec = ActorSpec("id", actor.actor_id)
    events = sorted(events_between(store, spec), key=sort_key)
    roles, source = actor_roles(kb, actor)
    return ActorProfile(actor, events, counterparts_of(spec, events), codes_seen(spec, events), roles, source)


def counterparts_of(spec: ActorSpec, events: list[Event]) -> list[Counterpart]:
    found: dict[str, Counterpart] = {}
    for event in events:
        other = event.target if spec.matches(event.source) else event.source
        key = other.code or other.actor_id or other.name
        entry = found.get(key) or found.setdefault(key, Counterpart(key, other.name, other.code))
        entry.events += 1
        entry.cooperation += event.quad_class in (1, 2)
        entry.conflict += event.quad_class in (3, 4)
        if event.date:
            entry.first = min(entry.first or event.date, event.date)
            entry.last = max(entry.last or event.date, event.date)
    return sorted(found.values(), key=lambda c: (-c.events, c.key))


def codes_seen(spec: ActorSpec, events: list[Event]) -> list[CodeSpan]:
    spans: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for event in events:
        side = event.source if spec.matches(event.source) else event.target
        code = side.code or "?"
        counts[code] += 1
        if event.date:
            spans[code].append(event.date)
    out = [CodeSpan(c, min(spans[c], default=None), max(spans[c], default=None), n) for c, n in counts.items()]
    return sorted(out, key=lambda s: (s.first or "9999", s.code))


def load_actor_kb() -> Any:
    """The actor knowledge base if this installation has it, else None (the UI degrades)."""
    try:
        from ..knowledge.actors import ActorKB
    except ImportError:
        return None
    try:
        return ActorKB.load()
    except (EventlensError, OSError, ValueError) as exc:
        logger.warning("the actor knowledge base could not be loaded: %s", exc)
        return None


def actor_roles(kb: Any, actor: ActorSummary) -> tuple[list[dict[str, Any]], str]:
    """Dated roles of a person from the knowledge base: [{code, title, start, end}], and where from."""
    if kb is None:
        return [], "none"
    person = None
    for candidate in getattr(kb, "people", ()):
        if getattr(candidate, "id", None) == actor.actor_id:
            person = candidate
            break
    if person is None and actor.kind == "person" and hasattr(kb, "lookup"):
        match = kb.lookup(actor.name)
        if match is not None and getattr(match, "kind", "") == "person":
            person = getattr(match, "entry", None)
    if person is None:
        return [], "none"
    roles = [
        {"code": r.code, "title": r.title, "start": r.start, "end": r.end}
        for r in sorted(getattr(person, "roles", ()), key=lambda r: r.start or "")
    ]
    return roles, "knowledge base"


# -- map --------------------------------------------------------------------------------------
@dataclass
class MapPoint:
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    first: str | None
    last: str | None
    event_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def map_points(events: Iterator[Event], limit_events: int = 20) -> list[MapPoint]:
    """Events with coordinates, grouped by place."""
    points: dict[tuple[float, float, str], MapPoint] = {}
    for event in events:
        place = event.place
        if place is None or place.lat is None or place.lon is None:
            continue
        if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
            continue
        key = (round(place.lat, 3), round(place.lon, 3), place.name)
        point = points.get(key)
        if point is None:
            point = points[key] = MapPoint(place.name, place.country, place.lat, place.lon, 0, None, None, [])
        point.events += 1
        if event.date:
            point.first = min(point.first or event.date, event.date)
            point.last = max(point.last or event.date, event.date)
        if len(point.event_ids) < limit_events:
            point.event_ids.append(event.id)
    return sorted(points.values(), key=lambda p: (-p.events, p.name))

