"""The REST API under /api/: JSON in and out, validated, paginated (`limit`, `offset`,
`next_offset`), with 4xx and a message for bad input."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..analysis import actor_network, dyad_series, find_alerts, parse_actor_spec
from ..analysis.selection import check_iso_date
from ..analysis.timeline import PlaceSpec, actor_timeline, dyad_timeline, place_timeline
from ..errors import InputError
from ..ingest import IngestSummary
from ..model import Article, Document, DocumentError, Event
from ..readers import read_paths
from ..readers.jsonl import article_from_record
from ..store import EventQuery, Store
from . import exports, queries, schemas
from .state import WebState, store_dependency

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(store_dependency)]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
DateParam = Annotated[str | None, Query(max_length=10, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]
ActorParam = Annotated[str, Query(min_length=1, max_length=200, description="code, country:ISO3, id:ACTOR_ID or name")]
Freq = Literal["day", "week", "month", "year"]
Level = Literal["actor", "code", "country"]
SortParam = Literal["-date", "date", "-goldstein", "goldstein", "-mentions", "mentions", "-confidence", "confidence"]
UPLOAD_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson"}


class ArticleIn(BaseModel):
    """One article given as text (the same fields as a JSONL line)."""

    text: str = Field(min_length=1, max_length=500_000)
    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, max_length=10, description="publication date, ISO")
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200, description="the outlet")


def _state(request: Request) -> WebState:
    return request.app.state.web


def event_record(event: Event) -> dict[str, Any]:
    return event.to_dict()


@router.get("/health")
def health() -> dict[str, str]:
    from .. import __version__

    return {"status": "ok", "version": __version__}


@router.get("/stats")
def stats(store: StoreDep) -> dict[str, int]:
    counts = store.counts()
    return {"articles": counts.articles, "events": counts.events, "actors": counts.actors, "errors": counts.errors}


@dataclass
class EventFilters:
    """The filters of an event list: the same for /api/events, /api/export and the UI's export links.

    Dates filter by overlap: an event dated "2020-01" is inside `since=2020-01-15`.
    """

    q: Annotated[str | None, Query(max_length=200, description="full-text search: evidence and actor names")] = None
    actor: Annotated[str | None, Query(max_length=200, description="code prefix or name substring")] = None
    code: Annotated[str | None, Query(max_length=4, description="CAMEO code prefix")] = None
    plover: Annotated[str | None, Query(max_length=40)] = None
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None
    since: DateParam = None
    until: DateParam = None
    place: Annotated[str | None, Query(max_length=200, description="place name, or country:ISO3")] = None
    article_id: Annotated[str | None, Query(max_length=300)] = None
    sort: Annotated[SortParam, Query(description="'-' for descending")] = "-date"

    def query(self, limit: int, offset: int = 0) -> EventQuery:
        return queries.event_query(
            self.actor, self.code, self.since, self.until, self.plover, self.quad_class, self.article_id,
            limit, offset, q=self.q, sort=self.sort, place=self.place,
        )  # fmt: skip


FiltersDep = Annotated[EventFilters, Depends()]


@router.get("/events", response_model=schemas.EventPage)
def events(store: StoreDep, filters: FiltersDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stored events, filtered, sorted (newest first by default, undated last) and paginated, with the
    `total` the filters match."""
    return queries.list_events(store, filters.query(limit, offset)).to_dict(event_record)


@router.get("/search", response_model=schemas.EventPage)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words, all of which must occur")],
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text search over evidence sentences and actor names (the database's own index); newest first.
    The same as /api/events?q=..."""
    return queries.list_events(store, queries.event_query(q=q, limit=limit, offset=offset)).to_dict(event_record)


@router.get("/articles/{article_id:path}", response_model=schemas.ArticleOut)
def article(article_id: str, store: StoreDep) -> dict[str, Any]:
    """A stored article: its metadata, outlet, cleaned text, the evidence spans of its events, its errors."""
    if len(article_id) > 300:
        raise HTTPException(422, "article_id is too long")
    view = queries.article_view(store, article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return view.to_dict()


@router.get("/events/{event_id}", response_model=schemas.EventDetail)
def event(event_id: Annotated[str, PathParam(max_length=200)], store: StoreDep) -> dict[str, Any]:
    """One event with its evidence: each sentence that tells it, the span to highlight, the coding pattern."""
    found = store.get_event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return {
        "event": event_record(found),
        "evidence": [e.to_dict() for e in queries.event_evidence(store, found)],
        "articles": [queries.source_dict(a) for a in store.article_sources(found.id)],
    }


@router.get("/actors", response_model=schemas.ActorPage)
def actors(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Actors by number of mentions."""
    found = store.list_actors(limit=limit + 1, offset=offset)
    return queries.page_of(found, limit, offset).to_dict(_actor_dict)


def _actor_dict(actor: Any) -> dict[str, Any]:
    return {
        "actor_id": actor.actor_id, "name": actor.name, "code": actor.code, "country": actor.country,
        "sector": actor.sector, "kind": actor.kind, "aliases": list(actor.aliases),
        "num_mentions": actor.num_mentions, "num_events": actor.num_events,
    }  # fmt: skip


def _actor_or_404(store: Store, actor_id: str) -> Any:
    if len(actor_id) > 300:
        raise HTTPException(422, "actor_id is too long")
    actor = queries.find_actor(store, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return actor


@router.get("/actors/{actor_id:path}/events", response_model=schemas.EventPage)
def actor_events(
    actor_id: str, store: StoreDep, sort: SortParam = "-date", limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """An actor's events, newest first (undated last) unless `sort` says otherwise."""
    _actor_or_404(store, actor_id)
    query = EventQuery(actor_id=actor_id, sort=sort, limit=limit + 1, offset=offset)
    return queries.list_events(store, query).to_dict(event_record)


@router.get("/actors/{actor_id:path}", response_model=schemas.ActorDetail)
def actor(actor_id: str, request: Request, store: StoreDep) -> dict[str, Any]:
    """An actor: its roles over time (knowledge base), the codes it carried in events, its counterparts."""
    found = _actor_or_404(store, actor_id)
    profile = queries.actor_profile(store, found, _state(request).actor_kb())
    return {
        "actor": _actor_dict(found),
        "roles": profile.roles,
        "roles_source": profile.roles_source,
        "codes_seen": [dict(c.__dict__) for c in profile.codes_seen],
        "counterparts": [queries.counterpart_dict(c) for c in profile.counterparts],
        "num_events": profile.num_events,
    }


@router.get("/dyad", response_model=schemas.DyadOut)
def dyad(
    store: StoreDep,
    a: ActorParam,
    b: ActorParam,
    freq: Freq = "month",
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The time series of a pair, both directions: counts by QuadClass and mean Goldstein per period,
    and the pair's events (paginated)."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    series = dyad_series(store, parse_actor_spec(a), parse_actor_spec(b), freq, since, until)
    result = series.to_dict()
    result["events"] = queries.slice_page(series.events, limit, offset).to_dict(event_record)
    return result


@router.get("/network", response_model=schemas.NetworkOut)
def network(
    request: Request,
    store: StoreDep,
    level: Level = "country",
    since: DateParam = None,
    until: DateParam = None,
    around: Annotated[str | None, Query(max_length=200)] = None,
    min_count: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Response:
    """Who deals with whom: directed edges weighted by events and Goldstein, cooperation vs conflict,
    and the centrality of each node."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    spec = parse_actor_spec(around) if around else None
    body = _state(request).analysis(
        store,
        ("network", level, since, until, around, min_count, max_nodes),
        lambda: network_json(store, level, since, until, spec, min_count, max_nodes),
    )
    return Response(body, media_type="application/json")


def network_json(
    store: Store, level: str, since: str | None = None, until: str | None = None, around: Any = None,
    min_count: int = 1, max_nodes: int = 200,
) -> bytes:  # fmt: skip
    """The network as the API sends it (encoded once, then kept with the store's state)."""
    network = actor_network(store, level, since, until, around, min_count, max_nodes)  # type: ignore[arg-type]
    return json.dumps(network.to_dict(), ensure_ascii=False).encode("utf-8")


@router.get("/timeline", response_model=schemas.EventPage)
def timeline(
    store: StoreDep,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    other: Annotated[str | None, Query(max_length=200, description="with `actor`: the dyad's other side")] = None,
    place: Annotated[str | None, Query(max_length=200, description="a place name or country:ISO3")] = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The events of an actor, a dyad (`actor` + `other`) or a place, in date order."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    if place and not actor:
        found = place_timeline(store, PlaceSpec.parse(place), since, until)
    elif actor and other:
        found = dyad_timeline(store, parse_actor_spec(actor), parse_actor_spec(other), since, until)
    elif actor and not place:
        found = actor_timeline(store, parse_actor_spec(actor), since, until)
    else:
        raise HTTPException(400, "give `actor`, `actor` and `other`, or `place`")
    return queries.slice_page(found, limit, offset).to_dict(event_record)


@router.get("/alerts", response_model=schemas.AlertPage)
def alerts(
    request: Request,
    store: StoreDep,
    since: DateParam = None,
    level: Level = "country",
    min_gap_days: Annotated[int, Query(ge=1, le=36_500)] = 365,
    shift_threshold: Annotated[float, Query(gt=0, le=20)] = 5.0,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """First events of a kind after a long silence, and sharp Goldstein shifts; newest first."""
    found = _state(request).analysis(
        store,
        ("alerts", since, level, min_gap_days, shift_threshold),
        lambda: find_alerts(store, since, level, min_gap_days, shift_threshold),
    )
    return queries.slice_page(found, limit, offset).to_dict(lambda a: a.to_dict())


@router.get("/map")
def map_points(
    store: StoreDep,
    since: DateParam = None,
    until: DateParam = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Places with coordinates and how many events happened there (busiest first), paginated."""
    check_iso_date(since, "since")
    check_iso_date(until, "until")
    points = queries.store_map_points(store, since, until)
    page = queries.slice_page(points, limit, offset).to_dict(lambda p: p.to_dict())
    page["points"] = page["items"]  # the same list under a name that says what it is
    return page


@router.get("/errors")
def ingest_errors(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents that failed, and why (paginated)."""
    found = store.list_errors(limit=offset + limit + 1)
    return queries.slice_page(found, limit, offset, complete=False).to_dict(lambda e: dict(e.__dict__))


@router.get("/export")
def export(
    store: StoreDep,
    filters: FiltersDep,
    format: Annotated[
        str, Query(max_length=20, description="csv, jsonl, or another format eventlens.export offers")
    ] = "jsonl",
    limit: Annotated[int, Query(ge=1, le=1_000_000)] = 100_000,
) -> Response:
    """Events as a download: the filters and sort of /api/events, every matching event (up to `limit`)."""
    exporter = exports.exporter(format)
    found = store.query_events(filters.query(limit))[:limit]
    return Response(
        exporter.render(found, store),
        media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="events.{exporter.suffix}"'},
    )


# -- ingest ----------------------------------------------------------------------------------
@router.post("/ingest", response_model=schemas.IngestResult)
def ingest_file(
    request: Request,
    store: StoreDep,
    file: Annotated[UploadFile, File(description="an article (.txt, .html) or a JSONL batch (.jsonl)")],
) -> dict[str, Any]:
    """Upload an article or a JSONL batch; it goes through the same pipeline as `eventlens ingest`."""
    state = _state(request)
    name = _safe_name(file.filename or "upload.txt")
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise HTTPException(415, f"unsupported file type {Path(name).suffix or '(none)'}: use .txt, .html or .jsonl")
    data = _read_limited(file, state.max_upload_bytes)
    if not data:
        raise HTTPException(400, "the uploaded file is empty")
    return _ingest_bytes(state, store, name, data)


@router.post("/ingest/text", response_model=schemas.IngestResult)
def ingest_text(request: Request, store: StoreDep, article: ArticleIn) -> dict[str, Any]:
    """One article as JSON (`text`, optional `id`, `title`, `date`, `url`, `source`)."""
    check_iso_date(article.date, "date")
    state = _state(request)
    record = {k: v for k, v in article.model_dump().items() if v is not None}
    try:
        item: Article | DocumentError = article_from_record(record, state.settings.limits, where="article")
    except InputError as exc:
        item = DocumentError(str(article.id or "article"), "read", str(exc), None)
    return _ingest_items(state, store, [item])


def _safe_name(filename: str) -> str:
    base = Path(filename.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return cleaned[-120:]


def _read_limited(file: UploadFile, limit: int) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = file.file.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload too large (limit {limit:,} bytes)")
        chunks.append(chunk)


def _ingest_bytes(state: WebState, store: Store, name: str, data: bytes) -> dict[str, Any]:
    """An uploaded file, read as `eventlens ingest` reads a file of that name (the server's
    temporary path never reaches the store or the answer: they name the upload)."""
    with tempfile.TemporaryDirectory(prefix="eventlens-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = read_paths([path], state.settings.limits)
        upload_store = UploadStore(store, str(path), "upload:" + name)
        return _ingest_items(state, upload_store, items, prefix=str(path), name=name, folder=tmp)  # type: ignore[arg-type]


def _ingest_items(
    state: WebState,
    store: Store,
    items: Iterable[Article | DocumentError],
    prefix: str = "",
    name: str = "",
    folder: str = "",
) -> dict[str, Any]:
    articles: list[str] = []
    event_ids: list[str] = []

    def collect(item: Document | DocumentError) -> None:
        if isinstance(item, Document) and item.error is None:
            articles.append(item.article.id)
            event_ids.extend(e.id for e in item.events)

    lens = state.lens()
    with state.ingest_lock:
        summary = lens.ingest_articles(items, store, progress=collect)
    result = _summary_dict(summary, prefix=prefix, name=name, folder=folder)
    result["article_ids"] = articles
    result["event_ids"] = event_ids
    return result


class UploadStore:
    """The store, as an upload's ingest sees it: the server's temporary path never reaches the
    stored articles and errors (they name the upload instead)."""

    def __init__(self, store: Store, temp_path: str, name: str) -> None:
        self._store, self._temp_path, self._name = store, temp_path, name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._store, attribute)

    def _scrub(self, text: str | None) -> str | None:
        return text.replace(self._temp_path, self._name) if text else text

    def record_error(self, error: DocumentError) -> None:
        self._store.record_error(
            DocumentError(article_id=self._scrub(error.article_id) or "", stage=error.stage,
                          reason=self._scrub(error.reason) or "", path=self._scrub(error.path))
        )  # fmt: skip

    def save_document(self, doc: Document) -> bool:
        doc.article.path = self._scrub(doc.article.path)
        return self._store.save_document(doc)


def _summary_dict(summary: IngestSummary, prefix: str, name: str, folder: str) -> dict[str, Any]:
    """The summary, with the server's temporary path (if any) replaced by the uploaded file's name."""

    def scrub(text: str) -> str:
        return text.replace(prefix, name).replace(folder, "upload") if prefix else text

    errors = [{"article_id": scrub(e.article_id), "stage": e.stage, "reason": scrub(e.reason)} for e in summary.errors]
    return {
        "articles": summary.articles, "stored": summary.stored, "skipped": summary.skipped,
        "duplicates": summary.duplicates, "conflicts": summary.conflicts, "events": summary.events,
        "events_new": summary.events_new, "errors": errors, "seconds": round(summary.seconds, 3),
    }  # fmt: skip
