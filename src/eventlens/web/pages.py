"""The analyst's UI: server-rendered pages (Jinja2, autoescaped) over the same queries as the API."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..analysis import actor_network, dyad_series, find_alerts, parse_actor_spec
from ..analysis.dyads import FREQS
from ..analysis.network import LEVELS, Network
from ..analysis.selection import check_iso_date
from ..analysis.timeline import PlaceSpec, place_timeline
from ..errors import InputError
from ..store import Store
from . import charts, queries
from .charts import url
from .exports import available_formats
from .state import HERE, store_dependency
from .worldmap import load_world

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(store_dependency)]
PAGE_SIZE = 50
PAGE_NODES = 80  # nodes drawn on the network page


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def dyad_url(a: str, b: str, **params: Any) -> str:
    return url("/dyad", a=a, b=b, **params)


def make_templates() -> Jinja2Templates:
    """The page templates (one set per app, owned by its `WebState`)."""
    return Jinja2Templates(env=_environment())


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=url, actor_url=actor_url, article_url=article_url, dyad_url=dyad_url,
                       quad_colours=charts.QUAD_COLOURS, quad_names=charts.QUAD_NAMES,
                       tone_colours=charts.TONE_COLOURS)  # fmt: skip
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("title", "eventlens")
    templates: Jinja2Templates = request.app.state.web.templates
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    """A 4xx/5xx with a message: JSON for the API, a page for the UI."""
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render_error(request, status, message)


def render_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status_code=status, title=f"Error {status}", status=status, message=message)


def _int(value: str | None, what: str, low: int, high: int, default: int | None) -> int | None:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"{what} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise InputError(f"{what} must be between {low} and {high}")
    return number


def _text(value: str | None, what: str, max_length: int = 200) -> str | None:
    if value is None or value.strip() == "":
        return None
    if len(value) > max_length:
        raise InputError(f"{what} is too long (at most {max_length} characters)")
    return value.strip()


def _window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    return check_iso_date(_text(since, "since", 10), "since"), check_iso_date(_text(until, "until", 10), "until")


SORT_LABELS = {
    "-date": "newest first", "date": "oldest first", "-goldstein": "Goldstein, highest first",
    "goldstein": "Goldstein, lowest first", "-mentions": "most mentioned first", "mentions": "least mentioned first",
    "-confidence": "most confident first", "confidence": "least confident first",
}  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def events_page(
    request: Request, store: StoreDep, q: str | None = None, actor: str | None = None, code: str | None = None,
    since: str | None = None, until: str | None = None, plover: str | None = None,
    quad_class: str | None = None, place: str | None = None, article_id: str | None = None, sort: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:  # fmt: skip
    filters = {
        "q": _text(q, "search"), "actor": _text(actor, "actor"), "code": _text(code, "code", 4),
        "plover": _text(plover, "plover", 40), "quad_class": _int(quad_class, "quad_class", 1, 4, None),
        "since": _text(since, "since", 10), "until": _text(until, "until", 10), "place": _text(place, "place"),
        "article_id": _text(article_id, "article_id", 300),
    }  # fmt: skip
    order = _text(sort, "sort", 12) or queries.DEFAULT_SORT
    start = _int(offset, "offset", 0, 10_000_000, 0) or 0
    query = queries.event_query(**filters, sort=order, limit=PAGE_SIZE, offset=start)
    page = queries.list_events(store, query)
    params = {**filters, "sort": order if order != queries.DEFAULT_SORT else None}
    return render(request, "events.html", title="Events", page=page, filters=filters, sort=order, params=params,
                  sorts=SORT_LABELS, counts=store.counts(), formats=available_formats(),
                  prev_offset=max(start - PAGE_SIZE, 0) if start else None)  # fmt: skip


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, event_id: Annotated[str, PathParam(max_length=200)]) -> HTMLResponse:
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    evidence = queries.event_evidence(store, event)
    sources = [queries.source_dict(s) for s in store.article_sources(event.id)]
    a, b = event.source.code or event.source.actor_id, event.target.code or event.target.actor_id
    return render(request, "event.html", title=f"Event {event.cameo}", event=event, evidence=evidence, a=a, b=b,
                  sources=sources)  # fmt: skip


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    if len(article_id) > 300:
        raise InputError("article id is too long")
    view = queries.article_view(store, article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return render(request, "article.html", title=view.article.title or article_id, view=view)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, store: StoreDep, offset: str | None = None) -> HTMLResponse:
    start = _int(offset, "offset", 0, 10_000_000, 0) or 0
    page = queries.page_of(store.list_actors(limit=PAGE_SIZE + 1, offset=start), PAGE_SIZE, start)
    return render(request, "actors.html", title="Actors", page=page,
                  prev_offset=max(start - PAGE_SIZE, 0) if start else None)  # fmt: skip


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, actor_id: str) -> HTMLResponse:
    if len(actor_id) > 300:
        raise InputError("actor id is too long")
    actor = queries.find_actor(store, actor_id)
    if actor is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    profile = queries.actor_profile(store, actor, request.app.state.web.actor_kb())
    return render(request, "actor.html", title=actor.name, profile=profile, actor=actor)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(
    request: Request, store: StoreDep, a: str | None = None, b: str | None = None, freq: str = "month",
    since: str | None = None, until: str | None = None,
) -> HTMLResponse:  # fmt: skip
    a_text, b_text = _text(a, "a"), _text(b, "b")
    if not a_text or not b_text:
        return render(request, "dyad.html", title="Dyad", series=None, chart=None, a=a_text, b=b_text, freq=freq,
                      freqs=FREQS, since=since, until=until)  # fmt: skip
    if freq not in FREQS:
        raise InputError(f"freq must be one of {', '.join(FREQS)}")
    check_iso_date(_text(since, "since", 10), "since")
    check_iso_date(_text(until, "until", 10), "until")
    series = dyad_series(store, parse_actor_spec(a_text), parse_actor_spec(b_text), freq,  # type: ignore[arg-type]
                         since or None, until or None)  # fmt: skip
    return render(request, "dyad.html", title=f"{a_text} ↔ {b_text}", series=series, chart=charts.dyad_chart(series),
                  a=a_text, b=b_text, freq=freq, freqs=FREQS, since=since, until=until)  # fmt: skip


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, store: StoreDep, level: str = "country", since: str | None = None, until: str | None = None,
    around: str | None = None, min_count: str | None = None,
) -> HTMLResponse:  # fmt: skip
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}")
    since, until = _window(since, until)
    around_text = _text(around, "around")
    minimum = _int(min_count, "min_count", 1, 1_000_000, 1) or 1
    key = ("network-page", level, since, until, around_text, minimum)
    network, drawing = request.app.state.web.analysis(
        store, key, lambda: network_view(store, level, since, until, around_text, minimum)
    )
    return render(request, "network.html", title="Network", network=network, drawing=drawing, level=level,
                  levels=LEVELS, since=since, until=until, around=around_text, min_count=minimum)  # fmt: skip


def network_view(
    store: Store, level: str, since: str | None = None, until: str | None = None, around: str | None = None,
    min_count: int = 1,
) -> tuple[Network, charts.NetworkDrawing]:  # fmt: skip
    """The network page's network and its drawing."""
    spec = parse_actor_spec(around) if around else None
    network = actor_network(store, level, since, until, spec, min_count, max_nodes=PAGE_NODES)  # type: ignore[arg-type]
    return network, charts.network_drawing(network)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, since: str | None = None, until: str | None = None) -> HTMLResponse:
    since, until = _window(since, until)
    points = queries.store_map_points(store, since, until)
    return render(request, "map.html", title="Map", world=load_world(), marks=charts.map_marks(points),
                  clusters=charts.map_clusters(points),
                  points=points, viewbox=charts.MAP_VIEWBOX, since=since, until=until)  # fmt: skip


@router.get("/place", response_class=HTMLResponse)
def place_page(request: Request, store: StoreDep, p: str | None = None) -> HTMLResponse:
    name = _text(p, "place")
    if not name:
        raise InputError("give a place: /place?p=Moscow or /place?p=country:RUS")
    found = place_timeline(store, PlaceSpec.parse(name), limit=500)
    return render(request, "place.html", title=name, place=name, events=found)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(
    request: Request, store: StoreDep, since: str | None = None, level: str = "country", min_gap_days: str | None = None
) -> HTMLResponse:
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}")
    gap = _int(min_gap_days, "min_gap_days", 1, 36_500, 365) or 365
    start = _text(since, "since", 10)
    found = request.app.state.web.analysis(  # the API's cache: the same key for the same alerts
        store,
        ("alerts", start, level, gap, 5.0),
        lambda: find_alerts(store, start, level, gap),  # type: ignore[arg-type]
    )
    return render(request, "alerts.html", title="Alerts", alerts=found[:500], total=len(found), since=since,
                  level=level, levels=LEVELS, min_gap_days=gap)  # fmt: skip


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, store: StoreDep) -> HTMLResponse:
    state = request.app.state.web
    return render(request, "ingest.html", title="Ingest", max_upload=state.max_upload_bytes,
                  errors=store.list_errors(limit=50))  # fmt: skip


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The REST API's endpoints and parameters, from its OpenAPI schema (drawn here: no CDN scripts)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in sorted(schema.get("paths", {}).items()):
        for method, spec in methods.items():
            params = [
                {"name": p.get("name"), "where": p.get("in"), "required": p.get("required", False),
                 "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in spec.get("parameters", [])
            ]  # fmt: skip
            endpoints.append({"method": method.upper(), "path": path, "summary": spec.get("summary", ""),
                              "description": spec.get("description", ""), "params": params})  # fmt: skip
    return render(request, "docs.html", title="API", endpoints=endpoints, version=schema.get("info", {}).get("version"))
