"""Response shapes of the REST API, for the OpenAPI schema (`/openapi.json`).

They describe what the endpoints return; extra fields are allowed so the event record can
grow (later issues add fields) without breaking the API.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ActorRef(_Open):
    code: str | None = None
    name: str = ""
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None


class PlaceOut(_Open):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # site | town | district | region | country | unknown
    basis: str | None = None  # clause | sentence | paragraph | lead | dateline
    confidence: float | None = None


class MentionOut(_Open):
    article_id: str
    sentence: int
    start: int
    end: int
    text: str = ""
    kind: str = "body"


class PloverOut(_Open):
    event: str
    mode: str | None = None


class EventRecord(_Open):
    """The documented event record (README, "Event record")."""

    id: str
    article_id: str
    date: str | None = None
    date_precision: str = "unknown"
    source: ActorRef
    target: ActorRef
    cameo: str
    cameo_root: str = ""
    quad_class: int | None = None
    goldstein: float | None = None
    plover: PloverOut | None = None
    place: PlaceOut | None = None
    reported_by: list[str] = []
    modality: str = "asserted"
    negated: bool = False
    mentions: list[MentionOut] = []
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1
    pattern: str = ""
    trigger: str = ""


class PageMeta(_Open):
    limit: int
    offset: int
    next_offset: int | None = None
    total: int | None = None  # how many items the filters match, where counted


class EventPage(PageMeta):
    items: list[EventRecord]


class EvidenceOut(_Open):
    article_id: str
    article_title: str | None = None
    published: str | None = None
    url: str | None = None
    sentence: int
    kind: str
    text: str
    before: str
    span: str
    after: str
    span_start: int
    span_end: int


class ArticleSourceOut(_Open):
    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    source_key: str


class EventDetail(_Open):
    event: EventRecord
    evidence: list[EvidenceOut]
    articles: list[ArticleSourceOut] = []


class SegmentOut(_Open):
    text: str
    event_ids: list[str]


class ArticleOut(_Open):
    id: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    text: str
    duplicate_of: str | None = None
    segments: list[SegmentOut]
    events: list[EventRecord]
    errors: list[dict[str, Any]]


class ActorOut(_Open):
    actor_id: str
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str = "unknown"
    aliases: list[str] = []
    num_mentions: int = 0
    num_events: int = 0


class ActorPage(PageMeta):
    items: list[ActorOut]


class RoleOut(_Open):
    code: str
    title: str = ""
    start: str | None = None
    end: str | None = None


class CodeSeenOut(_Open):
    code: str
    first: str | None = None
    last: str | None = None
    events: int


class CounterpartOut(_Open):
    key: str
    name: str
    code: str | None = None
    events: int
    cooperation: int
    conflict: int
    first: str | None = None
    last: str | None = None


class ActorDetail(_Open):
    actor: ActorOut
    roles: list[RoleOut]
    roles_source: str
    codes_seen: list[CodeSeenOut]
    counterparts: list[CounterpartOut]
    num_events: int


class PeriodOut(_Open):
    period: str
    start: str
    count: int
    quad_class: dict[str, int]
    mean_goldstein: float | None = None
    event_ids: list[str] = []


class DyadOut(_Open):
    a: str
    b: str
    freq: str
    forward: list[PeriodOut]
    backward: list[PeriodOut]
    total_events: int
    undated: int
    unplaced: int
    events: EventPage


class NodeOut(_Open):
    id: str
    label: str
    code: str | None = None
    country: str | None = None
    events: int
    degree: int
    pagerank: float
    betweenness: float


class EdgeOut(_Open):
    source: str
    target: str
    count: int
    cooperation: int
    conflict: int
    mean_goldstein: float | None = None
    goldstein_sum: float
    tone: str


class NetworkOut(_Open):
    level: str
    events: int
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class AlertOut(_Open):
    kind: str
    date: str
    pair: list[str]
    message: str
    event_id: str | None = None
    previous_event_id: str | None = None
    previous_date: str | None = None
    gap_days: int | None = None
    detail: dict[str, Any] = {}


class AlertPage(PageMeta):
    items: list[AlertOut]


class IngestError(_Open):
    article_id: str
    stage: str
    reason: str


class IngestResult(_Open):
    articles: int
    stored: int
    skipped: int
    events: int
    errors: list[IngestError]
    seconds: float
    article_ids: list[str]
    event_ids: list[str]
