"""The web application: a FastAPI app serving the REST API (`/api/...`), its OpenAPI schema
(`/openapi.json`) and the analyst's UI (`/`), all from one store.

    app = create_app("eventlens.db", Settings.from_env(), token=None)
    uvicorn.run(app, host="127.0.0.1", port=8000)

Everything the UI needs (scripts, styles, the world map) is served from `static/`; nothing is
fetched from the internet. Article text is untrusted: templates autoescape, the browser script
writes data with `textContent` only, and a Content-Security-Policy forbids inline scripts.
"""

from __future__ import annotations

import functools
import hmac
import logging
import threading
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ConfigError, EventlensError, InputError
from ..lens import EventLens
from ..store import open_store
from . import api, pages
from .origin import OriginGuard
from .state import HERE, WebState

logger = logging.getLogger(__name__)

TOKEN_COOKIE = "eventlens_token"
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
OPEN_PATHS = ("/static/", "/api/health")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    # same-origin: our own POSTs carry their Origin (no-referrer would send "Origin: null"); other sites get nothing
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def warm_up_analyses(state: WebState) -> None:
    """Compute the default network and alert views ahead of the first request (in a thread)."""
    from ..analysis import find_alerts

    def run() -> None:
        try:
            with state.open_store() as store:
                for level in ("country", "actor"):
                    page_key = ("network-page", level, None, None, None, 1)
                    state.analysis(store, page_key, functools.partial(pages.network_view, store, level))
                    api_key = ("network", level, None, None, None, 1, 200)
                    state.analysis(store, api_key, functools.partial(api.network_json, store, level))
                state.analysis(store, ("alerts", None, "country", 365, 5.0), lambda: find_alerts(store))
        except EventlensError as exc:
            logger.warning("warming up the analyses failed: %s", exc)

    threading.Thread(target=run, name="eventlens-warm-up", daemon=True).start()


def create_app(
    store_url: str | Path,
    settings: Settings | None = None,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
    lens: EventLens | None = None,
    allowed_hosts: Iterable[str] | None = None,
    warm_up: bool = False,
) -> FastAPI:
    """The app over the store at `store_url`; with `token`, every request but static files needs it.

    The pipeline for uploads is loaded on the first upload, or `lens` (already loaded) is used.
    Requests are answered for the loopback names and `allowed_hosts` (`"*"`: any Host); a
    state-changing request from another origin is refused (`origin.py`).
    """
    settings = settings or Settings.from_env()
    if token is not None:
        from .tokens import check_token

        check_token(token)  # an empty, blank or short token is no protection: refused
    app = FastAPI(
        title="eventlens",
        version=_version(),
        description="Coded news events with their evidence: query, analyse, ingest, export.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.web = WebState(str(store_url), settings, token, max_upload_bytes, pages.make_templates())
    app.state.web._lens = lens
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_error_handlers(app)
    _add_middleware(app)
    app.add_middleware(OriginGuard, allowed_hosts=tuple(allowed_hosts or ()), token=token or None)
    from .busy import add_busy_handler

    add_busy_handler(app, pages.error_response)
    with open_store(store_url):  # once, at start-up: fail early on a bad store URL, create/migrate the schema
        pass
    if warm_up:  # `eventlens serve`: the default network and alerts are ready before the first visit
        warm_up_analyses(app.state.web)
    return app


def _version() -> str:
    from .. import __version__

    return __version__


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return pages.error_response(request, 400, str(exc))

    @app.exception_handler(ConfigError)
    async def config_error(request: Request, exc: ConfigError) -> Response:
        return pages.error_response(request, 400, str(exc))

    @app.exception_handler(EventlensError)
    async def eventlens_error(request: Request, exc: EventlensError) -> Response:
        logger.warning("request %s failed: %s", request.url.path, exc)
        return pages.error_response(request, 500, f"{type(exc).__name__}: {exc}")

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if pages.wants_json(request):
            return JSONResponse({"detail": _validation_message(exc), "errors": _jsonable(exc.errors())}, 422)
        return pages.error_response(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = pages.error_response(request, exc.status_code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "invalid input: " + "; ".join(parts)


def _jsonable(errors: object) -> list[dict[str, object]]:
    out = []
    for error in errors if isinstance(errors, list | tuple) else []:
        out.append({"loc": [str(p) for p in error.get("loc", ())], "msg": str(error.get("msg", "")),
                    "type": str(error.get("type", ""))})  # fmt: skip
    return out


def _add_middleware(app: FastAPI) -> None:
    state: WebState = app.state.web

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > state.max_upload_bytes):
            response: Response = pages.error_response(
                request, 413, f"request body too large (limit {state.max_upload_bytes:,} bytes)"
            )
        elif state.token and not request.url.path.startswith(OPEN_PATHS) and not _authorised(request, state.token):
            response = _unauthorised(request)
        else:
            response = await call_next(request)
            if state.token and _valid(request.query_params.get("token"), state.token):
                response.set_cookie(TOKEN_COOKIE, state.token, httponly=True, samesite="strict")
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def _valid(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else None
    return any(
        _valid(given, token) for given in (bearer, request.cookies.get(TOKEN_COOKIE), request.query_params.get("token"))
    )


def _unauthorised(request: Request) -> Response:
    message = "a token is required: send 'Authorization: Bearer TOKEN', or open the UI once with ?token=TOKEN"
    if pages.wants_json(request):
        return JSONResponse({"detail": message}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return HTMLResponse(
        "<!doctype html><title>eventlens: token required</title><h1>Token required</h1>"
        "<p>Open this page with <code>?token=YOUR_TOKEN</code> once; the server printed the token "
        "when it started.</p>",
        status_code=401,
    )
