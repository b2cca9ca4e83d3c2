"""What the web app owns (`WebState`, on `app.state.web`) and the per-request store dependency.

Its own module so that the app, the API routes and the pages share it without importing each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from fastapi import Request
from fastapi.templating import Jinja2Templates

from ..config import Settings
from ..knowledge.actors import ActorKB
from ..lens import EventLens
from ..store import Store, open_store

HERE = Path(__file__).resolve().parent
MAX_CACHED_ANALYSES = 16
T = TypeVar("T")


class WebState:
    """What the app owns: where the store is, the settings, and the pipeline (loaded on first use)."""

    def __init__(
        self, store_url: str, settings: Settings, token: str | None, max_upload_bytes: int, templates: Jinja2Templates
    ) -> None:
        self.store_url = store_url
        self.settings = settings
        self.token = token or None
        self.max_upload_bytes = max_upload_bytes
        self._lens: EventLens | None = None
        self._lens_lock = threading.Lock()
        self.templates = templates  # the page templates (web.pages.make_templates)
        self._kb: ActorKB | None = None
        self._kb_loaded = False
        self.ingest_lock = threading.Lock()  # one ingest at a time: the pipeline and the writer are shared
        self._analyses: dict[tuple[object, ...], tuple[str, object]] = {}
        self._analyses_lock = threading.Lock()

    def analysis(self, store: Store, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """A whole-store analysis (network, alerts), computed once per state of the store: kept with
        the store's `data_version` and computed again when the stored events change. The result is
        shared between requests: callers must not change it."""
        version = store.data_version()
        with self._analyses_lock:
            known = self._analyses.get(key)
        if known is not None and known[0] == version:
            return known[1]  # type: ignore[return-value]
        result = compute()
        with self._analyses_lock:
            if len(self._analyses) >= MAX_CACHED_ANALYSES:
                self._analyses.pop(next(iter(self._analyses)))
            self._analyses[key] = (version, result)
        return result

    def lens(self) -> EventLens:
        with self._lens_lock:
            if self._lens is None:
                from ..lens import load

                self._lens = load(self.settings)
            return self._lens

    def actor_kb(self) -> ActorKB | None:
        """The actor knowledge base (roles over time), loaded once; None when unavailable."""
        with self._lens_lock:
            if not self._kb_loaded:
                from .queries import load_actor_kb

                self._kb = load_actor_kb()
                self._kb_loaded = True
            return self._kb

    def open_store(self) -> Store:
        """The store for one request: never migrated here (see `busy.py`), a bounded wait for locks."""
        from .busy import REQUEST_DB_TIMEOUT

        return open_store(self.store_url, migrate=False, timeout=REQUEST_DB_TIMEOUT)


def store_dependency(request: Request) -> Iterator[Store]:
    """One store connection per request (SQLite connections are not shared across threads)."""
    store = request.app.state.web.open_store()
    try:
        yield store
    finally:
        store.close()
