"""Downloads of events: JSONL here; CSV, GDELT, PLOVER and Parquet written by `eventlens.export`."""

from __future__ import annotations

import io
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..export.tables import write_csv
from ..model import Event
from ..store.base import Store


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    suffix: str

    def render(self, events: list[Event], store: Store) -> bytes:
        """The whole download (built before the store is closed)."""
        if self.name == "jsonl":
            return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events).encode("utf-8")
        if self.name == "csv":
            buffer = io.StringIO(newline="")
            write_csv(events, buffer)  # the one CSV layout, as `eventlens export --format csv`
            return buffer.getvalue().encode("utf-8")
        return _external(self.name, self.suffix, events, store)


BUILTIN = {
    "jsonl": Exporter("jsonl", "application/x-ndjson", "jsonl"),
    "csv": Exporter("csv", "text/csv; charset=utf-8", "csv"),
}
EXTERNAL_TYPES = {
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "gdelt-mentions": ("text/tab-separated-values; charset=utf-8", "mentions.tsv"),
    "plover": ("application/x-ndjson", "plover.jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
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
        media, suffix = EXTERNAL_TYPES.get(key, ("application/octet-stream", key))
        return Exporter(key, media, suffix)
    raise InputError(f"unknown export format {name!r}: choose from {', '.join(available_formats())}")


def _external(name: str, suffix: str, events: list[Event], store: Store) -> bytes:
    """Formats written by `eventlens.export` (GDELT, PLOVER, Parquet), through a temporary file."""
    module = _export_module()
    with tempfile.TemporaryDirectory(prefix="eventlens-export-") as tmp:
        path = Path(tmp) / f"events.{suffix}"
        module.write_events(events, name, path, store)
        return path.read_bytes()
