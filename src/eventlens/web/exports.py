"""Downloads of events: CSV and JSONL here; more formats when `eventlens.export` offers them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import Event


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    suffix: str

    def write(self, events: Iterable[Event]) -> Iterator[str | bytes]:
        if self.name == "jsonl":
            for event in events:
                yield json.dumps(event.to_dict(), ensure_ascii=False) + "\n"
        elif self.name == "csv":
            yield from _csv_lines(events)
        else:
            yield from _external(self.name, events)


def _csv_lines(events: Iterable[Event]) -> Iterator[str]:
    from ..cli.query import CSV_COLUMNS, csv_row

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow(csv_row(event))
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


BUILTIN = {
    "jsonl": Exporter("jsonl", "application/x-ndjson", "jsonl"),
    "csv": Exporter("csv", "text/csv; charset=utf-8", "csv"),
}


def _export_module() -> Any:
    try:
        from .. import export
    except ImportError:
        return None
    return export


def available_formats() -> list[str]:
    module = _export_module()
    extra = list(getattr(module, "FORMATS", ())) if module else []
    return sorted(set(BUILTIN) | {str(f) for f in extra})


def exporter(name: str) -> Exporter:
    key = (name or "").lower()
    if key in BUILTIN:
        return BUILTIN[key]
    if key in available_formats():
        return Exporter(key, "application/octet-stream", key)
    raise InputError(f"unknown export format {name!r}: choose from {', '.join(available_formats())}")


def _external(name: str, events: Iterable[Event]) -> Iterator[bytes]:
    """Formats written by `eventlens.export` (gdelt, plover, parquet...), into memory then out."""
    module = _export_module()
    writer = getattr(module, "write_events", None)
    if writer is None:
        raise InputError(f"export format {name!r} is not available in this installation")
    buffer = io.BytesIO()
    writer(list(events), buffer, name)
    yield buffer.getvalue()
