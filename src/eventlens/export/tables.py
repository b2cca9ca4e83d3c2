"""Events as a flat table: CSV and Parquet, with a typed schema and a lossless round trip.

One row per event; the columns are derived from the event record's fields (`record.py`). Actor,
place and PLOVER fields are spread into columns (`source_code`, `source_kind`, `place_lat`...).
In Parquet, the list fields (`reported_by`, `quotes`, the actors' `aliases`) are lists of strings
and `mentions` a list of structs, so `read_parquet_events` gives back events equal to those
written. In CSV, lists are JSON arrays in their cell (still one flat row per event), and
`read_csv_events` reads them back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..model import Event
from ..pipeline import batched
from ..record import EVENT, Field, flat_columns, flatten, unflatten

_ARROW_SCALARS = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def _arrow_type(field: Field) -> pa.DataType:
    if field.kind == "strs":
        return pa.list_(pa.string())
    if field.kind == "structs":
        return pa.list_(pa.struct([(part.name, _arrow_type(part)) for part in field.parts]))
    return _ARROW_SCALARS[field.kind]


FLAT = flat_columns(EVENT)  # the columns, derived from the event record's fields (record.py)
SCHEMA = pa.schema([(column.name, _arrow_type(column.field)) for column in FLAT])
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)
_LIST_COLUMNS = {column.name for column in FLAT if column.field.kind in ("strs", "structs")}
_REQUIRED = ("id", "article_id", "cameo")  # any other column may be missing (a file of an older version)


def event_to_row(event: Event) -> dict[str, Any]:
    """One event as a flat row (column name -> value) following `SCHEMA`."""
    return flatten(event.to_dict(), FLAT)


def row_to_event(row: dict[str, Any]) -> Event:
    """Inverse of `event_to_row`."""
    return Event.from_dict(unflatten(row, EVENT))


# -- Parquet -------------------------------------------------------------------
def events_to_table(events: Iterable[Event]) -> pa.Table:
    rows = [event_to_row(e) for e in events]
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def write_parquet(events: Iterable[Event], path: str | Path, row_group_size: int = 10_000) -> int:
    """Write events to a Parquet file, a row group at a time (memory stays bounded)."""
    count = 0
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        for chunk in batched(events, row_group_size):
            writer.write_table(events_to_table(chunk))
            count += len(chunk)
    return count


def read_parquet_events(path: str | Path) -> Iterator[Event]:
    """Events back from a Parquet file written by `write_parquet`."""
    try:
        parquet = pq.ParquetFile(str(path))
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"{path}: not a Parquet file ({exc})") from exc
    missing = set(_REQUIRED) - set(parquet.schema_arrow.names)
    if missing:
        raise InputError(f"{path}: not an eventlens events file (missing columns {sorted(missing)[:5]})")
    present = [name for name in COLUMNS if name in parquet.schema_arrow.names]
    for batch in parquet.iter_batches(columns=present):
        for row in batch.to_pylist():
            yield row_to_event(row)


# -- CSV -----------------------------------------------------------------------
def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    """Events as CSV with a header row; list columns hold JSON arrays."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for event in events:
        row = event_to_row(event)
        writer.writerow([_csv_cell(name, row[name]) for name in COLUMNS])
        count += 1
    return count


def read_csv_events(stream: IO[str]) -> Iterator[Event]:
    """Events back from CSV written by `write_csv`."""
    reader = csv.DictReader(stream)
    header = tuple(reader.fieldnames or ())
    if not set(_REQUIRED) <= set(header) or not set(header) <= set(COLUMNS):
        raise InputError("not an eventlens events CSV (unexpected header)")
    for raw in reader:
        yield row_to_event({name: _parse_csv_cell(name, raw[name]) for name in header})


def _csv_cell(name: str, value: Any) -> str:
    if name in _LIST_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_csv_cell(name: str, text: str) -> Any:
    kind = SCHEMA.field(name).type
    if name in _LIST_COLUMNS:
        return json.loads(text) if text else []
    if text == "":
        return None
    if pa.types.is_integer(kind):
        return int(text)
    if pa.types.is_floating(kind):
        return float(text)
    if pa.types.is_boolean(kind):
        return text == "true"
    return text
