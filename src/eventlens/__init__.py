"""eventlens: news reports in, a sourced, time-aware record of who did what to whom out.

The documented Python API (the CLI, the web app and the tests use the same):

- `eventlens.load(settings=None)` -> `EventLens`: the pipeline, the spaCy model loaded once.
- `eventlens.extract(text_or_paths)` -> list of `Event` dataclasses.
- `eventlens.open_store(db)` -> a `Store` (SQLite file, or a PostgreSQL URL).
- `EventLens.ingest(paths, store)` -> `IngestSummary`.
- `eventlens.events_frame(events)` / `events_table(events)`: events as a pandas DataFrame / Arrow table.
"""

from .config import Limits, Settings
from .errors import ConfigError, EventlensError, InputError, StoreError
from .ingest import IngestSummary
from .lens import EventLens, build_pipeline, events_frame, events_table, extract, load
from .model import Actor, Article, Document, DocumentError, Event, Mention, Place, Plover
from .pipeline import Pipeline
from .store import EventQuery, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "ConfigError", "Document", "DocumentError", "Event", "EventLens",
    "EventQuery", "EventlensError", "IngestSummary", "InputError", "Limits", "Mention", "Pipeline",
    "Place", "Plover", "Settings", "Store", "StoreError", "build_pipeline", "events_frame", "events_table",
    "extract", "load", "open_store",
]  # fmt: skip
