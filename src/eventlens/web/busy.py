"""A request that cannot get the database in time: HTTP 503 with `Retry-After`, never a 500.

Requests open the store without migrating it (the app migrates once, at start-up) and wait at
most `REQUEST_DB_TIMEOUT` seconds for a lock held by a writer (an ingest, a watch). Reads in
SQLite's WAL mode do not wait for a writer at all; what can still wait (an upload's write, a
database locked by another program) ends as a 503 the client can retry, in JSON for the API.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import Response

from ..errors import StoreBusy

logger = logging.getLogger(__name__)

REQUEST_DB_TIMEOUT = 10.0  # seconds a request waits for the database
RETRY_AFTER = 5  # seconds the client is asked to wait before trying again


def busy_error_types() -> tuple[type[BaseException], ...]:
    """The errors that may mean "the database is held by someone else", for every backend installed."""
    import sqlite3

    types: list[type[BaseException]] = [StoreBusy, sqlite3.OperationalError]
    try:
        import psycopg.errors

        types += [psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled]
    except ImportError:
        pass
    return tuple(types)


def is_busy(exc: BaseException) -> bool:
    if isinstance(exc, StoreBusy):
        return True
    from ..store.sqlite import is_busy as sqlite_busy

    if sqlite_busy(exc):
        return True
    return type(exc).__name__ in ("LockNotAvailable", "QueryCanceled")


Respond = Callable[[Request, int, str], Response]  # a status and a message, as JSON or as a page


def busy_response(request: Request, error_response: Respond) -> Response:
    response = error_response(
        request, 503, f"the database is busy (an ingest holds it); try again in {RETRY_AFTER} seconds"
    )
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def add_busy_handler(app: FastAPI, error_response: Respond) -> None:
    """503 + Retry-After for a busy database; any other database error stays what it was (a 500).
    `error_response` writes the answer (the app's: JSON for the API, a page for the UI)."""

    async def handler(request: Request, exc: Exception) -> Response:
        if is_busy(exc):
            logger.info("request %s: database busy (%s)", request.url.path, exc)
            return busy_response(request, error_response)
        logger.warning("request %s failed: %r", request.url.path, exc)
        return error_response(request, 500, f"database error: {type(exc).__name__}")

    for kind in busy_error_types():
        app.add_exception_handler(kind, handler)
