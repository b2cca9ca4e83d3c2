"""Exports of stored events: GDELT 2.0 (events, mentions), PLOVER JSON, CSV, Parquet.

`export_events(store, "gdelt", "events.tsv")` writes every stored event; `write_events` takes any
iterable of events. The command line calls these (`eventlens export`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..errors import ConfigError
from ..model import Event
from ..store.base import EventQuery, Store
from .gdelt import EVENT_COLUMNS, MENTION_COLUMNS, GdeltExporter, gdelt_event_id
from .plover import plover_record, write_plover
from .source import ArticleInfo, ArticleLookup, iter_store_events
from .tables import read_csv_events, read_parquet_events, write_csv, write_parquet

FORMATS = ("gdelt", "gdelt-mentions", "plover", "csv", "parquet")

__all__ = [
    "EVENT_COLUMNS", "FORMATS", "MENTION_COLUMNS", "ArticleInfo", "ArticleLookup", "GdeltExporter",
    "export_events", "gdelt_event_id", "iter_store_events", "plover_record", "read_csv_events",
    "read_parquet_events", "write_csv", "write_events", "write_parquet", "write_plover",
]  # fmt: skip


def check_output(output: str | Path) -> None:
    """An output file can be written there: its folder exists and it is not a folder itself."""
    path = Path(output)
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(f"cannot write {path}: the folder {folder} does not exist (create it first)")
    if path.is_dir():
        raise ConfigError(f"cannot write {path}: it is a folder; give a file name")


def write_events(events: Iterable[Event], fmt: str, output: str | Path | None, store: Store | None = None) -> int:
    """Write `events` in `fmt` to `output` (a path; stdout for None, text formats only). Returns rows written."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if output is not None:
        check_output(output)
    if fmt == "parquet":
        if output is None:
            raise ConfigError("Parquet is binary: give an output file (--output FILE.parquet)")
        return write_parquet(events, output)
    articles = ArticleLookup(store)
    if output is None:
        return _write_text(events, fmt, sys.stdout, articles)
    with open(output, "w", encoding="utf-8", newline="") as out:
        return _write_text(events, fmt, out, articles)


def export_events(
    store: Store,
    fmt: str,
    output: str | Path | None = None,
    query: EventQuery | None = None,
    limit: int | None = None,
) -> int:
    """Every stored event (or those matching `query`'s filters, at most `limit`) in `fmt`."""
    return write_events(iter_store_events(store, query, limit), fmt, output, store)


def _write_text(events: Iterable[Event], fmt: str, out: IO[str], articles: ArticleLookup) -> int:
    if fmt == "gdelt":
        return GdeltExporter(articles).write_events(events, out)
    if fmt == "gdelt-mentions":
        return GdeltExporter(articles).write_mentions(events, out)
    if fmt == "plover":
        return write_plover(events, out, articles)
    return write_csv(events, out)
