"""Response shapes of the REST API, for the OpenAPI schema (`/openapi.json`).

They describe what the endpoints return; extra fields are allowed so the event record can
grow (later issues add fields) without breaking the API.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from .. import record
from ..record import Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


_SCALAR_TYPES: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool}


def _record_model(name: str, fields: tuple[Field, ...], nested: dict[str, type[BaseModel]]) -> type[BaseModel]:
    """A pydantic model of a record declared in `record.py` (`nested`: the models of its structs)."""
    definitions: dict[str, Any] = {}
    for field in fields:
        if field.kind == "struct":
            kind: Any = nested[field.struct]
            definitions[field.name] = (kind | None, None) if field.optional else (kind, ...)
        elif field.kind == "structs":
            definitions[field.name] = (list[nested[field.struct]], [])  # type: ignore[valid-type]
        elif field.kind == "strs":
            definitions[field.name] = (list[str], [])
        else:
            kind = _SCALAR_TYPES[field.kind]
            definitions[field.name] = (kind | None, None) if field.optional else (kind, field.default)
    return create_model(name, __base__=_Open, __doc__=f"{name}: the fields of record.py", **definitions)


ActorRef = _record_model("ActorRef", record.ACTOR, {})
PlaceOut = _record_model("PlaceOut", record.PLACE, {})
PloverOut = _record_model("PloverOut", record.PLOVER, {})
MentionOut = _record_model("MentionOut", record.MENTION, {})
EventRecord = _record_model(
    "EventRecord",
    record.EVENT,
    {"actor": ActorRef, "place": PlaceOut, "plover": PloverOut, "mention": MentionOut},
)
EventRecord.__doc__ = "The documented event record (README, \"Event record\"), derived from `record.EVENT`."


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
    duplicates: int = 0
    conflicts: int = 0
    events: int
    events_new: int = 0
    errors: list[IngestError]
    seconds: float
    article_ids: list[str]
    event_ids: list[str]
