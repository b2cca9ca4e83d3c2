"""What the API and the pages both show: one function per view, over a store.

Pages and API endpoints call the same functions, so the UI shows exactly what the API returns.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..analysis.selection import check_iso_date
from ..errors import EventlensError, InputError
from ..model import Event
from ..store.base import SORTS, ActorCodeSpan, ActorSummary, ArticleSource, EventQuery, PairCount, Store, StoredArticle

logger = logging.getLogger(__name__)
MAX_PAGE = 500


@dataclass
class Page:
    """One page of a longer list: the items, where it starts, and where the next page starts."""

    items: list[Any]
    limit: int
    offset: int
    next_offset: int | None
    total: int | None = None  # how many items the whole list holds, when counted

    @property
    def last_offset(self) -> int | None:
        """Where the last page starts (None when the total is unknown)."""
        if self.total is None:
            return None
        return max(self.total - 1, 0) // self.limit * self.limit

    def to_dict(self, convert: Any = None) -> dict[str, Any]:
        items = [convert(i) for i in self.items] if convert else list(self.items)
        out = {"items": items, "limit": self.limit, "offset": self.offset, "next_offset": self.next_offset}
        if self.total is not None:
            out["total"] = self.total
        return out


def page_of(items: list[Any], limit: int, offset: int) -> Page:
    """A page from a list that holds up to `limit + 1` items from `offset` on."""
    has_more = len(items) > limit
    return Page(items[:limit], limit, offset, offset + limit if has_more else None)


def slice_page(items: list[Any], limit: int, offset: int, complete: bool = True) -> Page:
    """A page from a list that holds every item (its `total` known), or the first `offset + limit + 1`."""
    page = page_of(items[offset : offset + limit + 1], limit, offset)
    page.total = len(items) if complete else None
    return page


# The filters of an event list, in the order the UI shows them; the page, the API, the export
# links, /api/export and `eventlens events` / `eventlens export` all take these same names.
EVENT_FILTERS = ("q", "actor", "code", "plover", "quad_class", "since", "until", "place", "article_id")
DEFAULT_SORT = "-date"  # lists open on the newest events


def event_query(
    actor: str | None = None, code: str | None = None, since: str | None = None, until: str | None = None,
    plover: str | None = None, quad_class: int | None = None, article_id: str | None = None,
    limit: int = 50, offset: int = 0, q: str | None = None, sort: str | None = None, place: str | None = None,
) -> EventQuery:  # fmt: skip
    """A checked store query (one more row than asked, to know whether a next page exists)."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    if code and not code.isdigit():
        raise InputError(f"code must be a CAMEO event code prefix (digits), not {code!r}")
    if sort and sort not in SORTS:
        raise InputError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if quad_class is not None and not 1 <= quad_class <= 4:
        raise InputError("quad_class must be 1, 2, 3 or 4")
    return EventQuery(
        actor=actor or None, code=code or None, since=since or None, until=until or None,
        plover=plover or None, quad_class=quad_class, article_id=article_id or None,
        limit=limit + 1, offset=offset, text=(q or "").strip() or None, sort=sort or DEFAULT_SORT,
        place=(place or "").strip() or None,
    )  # fmt: skip


def list_events(store: Store, query: EventQuery) -> Page:
    """One page of events and the number of events the filters match."""
    page = page_of(store.query_events(query), query.limit - 1, query.offset)
    page.total = store.count_events(query)
    return page


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
    """The store's summary of one actor (one indexed row)."""
    return store.get_actor(actor_id)


@dataclass
class ActorProfile:
    actor: ActorSummary
    events: list[Event]  # the newest PROFILE_EVENTS, newest first
    num_events: int
    counterparts: list[PairCount]
    codes_seen: list[ActorCodeSpan]
    roles: list[dict[str, Any]] = field(default_factory=list)  # from the knowledge base, when it knows them
    roles_source: str = "none"

    @property
    def spec(self) -> str:
        return self.actor.code or self.actor.actor_id


PROFILE_EVENTS = 100


def actor_profile(store: Store, actor: ActorSummary, kb: Any = None) -> ActorProfile:
    """An actor's page: aggregates in the store (counterparts, codes) and its newest events."""
    query = EventQuery(actor_id=actor.actor_id, sort="-date", limit=PROFILE_EVENTS)
    roles, source = actor_roles(kb, actor)
    return ActorProfile(
        actor, store.query_events(query), store.count_events(query), store.actor_counterparts(actor.actor_id),
        store.actor_codes(actor.actor_id), roles, source,
    )  # fmt: skip


def counterpart_dict(pair: PairCount) -> dict[str, Any]:
    return {
        "key": pair.key, "name": pair.name, "code": pair.code, "events": pair.events,
        "cooperation": pair.cooperation, "conflict": pair.conflict, "first": pair.first, "last": pair.last,
    }  # fmt: skip


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


MAX_PLACES = 100_000


def store_map_points(store: Store, since: str | None = None, until: str | None = None) -> list[MapPoint]:
    """Places with coordinates and their events, counted by the store (busiest first)."""
    found = store.place_counts(EventQuery(since=since, until=until, limit=MAX_PLACES))
    return [MapPoint(p.name, p.country, p.lat, p.lon, p.events, p.first, p.last, []) for p in found]


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


# -- an article and its evidence ---------------------------------------------------------------
def outlet_of(outlet: str | None, url: str | None, path: str | None = None) -> str | None:
    """Who published an article: its metadata's outlet, else its URL's host, else its feed's host."""
    if outlet and outlet.strip():
        return outlet.strip()
    for address in (url, path):
        if address and address.strip().lower().startswith(("http://", "https://")):
            host = (urlsplit(address.strip()).hostname or "").removeprefix("www.")
            if host:
                return host
    return None


@dataclass
class Segment:
    """A run of an article's text: plain, or the evidence of the events in `event_ids`."""

    text: str
    event_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "event_ids": self.event_ids}


@dataclass
class ArticleView:
    article: StoredArticle
    outlet: str | None
    segments: list[Segment]
    events: list[Event]
    errors: list[Any]
    duplicate_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "id": a.id, "title": a.title, "published": a.published, "url": a.url, "outlet": self.outlet,
            "text": a.text, "duplicate_of": self.duplicate_of,
            "evidence": [
                {"event_id": m_event, "start": start, "end": end}
                for m_event, start, end in _evidence_spans(a.id, self.events)
            ],
            "segments": [s.to_dict() for s in self.segments],
            "events": [e.to_dict() for e in self.events],
            "errors": [dict(e.__dict__) for e in self.errors],
        }  # fmt: skip


def _evidence_spans(article_id: str, events: list[Event]) -> list[tuple[str, int, int]]:
    spans = {(e.id, m.start, m.end) for e in events for m in e.mentions if m.article_id == article_id}
    return sorted(spans, key=lambda s: (s[1], s[2], s[0]))


def segments_of(text: str, spans: list[tuple[str, int, int]]) -> list[Segment]:
    """The text cut at every span boundary; each piece knows which events' evidence covers it."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for _, s, e in spans for p in (s, e))})
    segments = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted({event_id for event_id, s, e in spans if s <= start and end <= e})
        if segments and segments[-1].event_ids == covering:
            segments[-1].text += text[start:end]
        else:
            segments.append(Segment(text[start:end], covering))
    return segments


def source_dict(source: ArticleSource) -> dict[str, Any]:
    return {
        "id": source.id, "title": source.title, "published": source.published, "url": source.url,
        "outlet": outlet_of(source.outlet, source.url), "source_key": source.source_key,
    }  # fmt: skip


def article_view(store: Store, article_id: str) -> ArticleView | None:
    article = store.get_article(article_id)
    if article is None:
        return None
    events = store.query_events(EventQuery(article_id=article_id, sort="-date", limit=MAX_ARTICLE_EVENTS))
    duplicate_of = getattr(store, "duplicate_of", lambda _id: None)(article_id)
    return ArticleView(
        article, outlet_of(article.outlet, article.url, article.path),
        segments_of(article.text, _evidence_spans(article_id, events)), events, store.article_errors(article_id),
        duplicate_of,
    )  # fmt: skip


MAX_ARTICLE_EVENTS = 1000
