"""Events as a flat table: CSV and Parquet, with a typed schema and a lossless round trip.

One row per event. Actor, place and PLOVER fields are spread into columns
(`source_code`, `place_lat`...). In Parquet, `reported_by` and `quotes` are
lists of strings and `mentions` a list of structs, so `read_parquet_events`
gives back events equal to those written. In CSV, lists are JSON arrays in
their cell (still one flat row per event), and `read_csv_events` reads them back.
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
from ..model import Actor, Event, Mention, Place, Plover
from ..pipeline import batched

_ACTOR = ("code", "name", "country", "sector", "actor_id")
_MENTION = pa.struct(
    [
        ("article_id", pa.string()), ("sentence", pa.int64()), ("start", pa.int64()), ("end", pa.int64()),
        ("text", pa.string()), ("kind", pa.string()),
    ]
)  # fmt: skip

SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("article_id", pa.string()), ("date", pa.string()), ("date_precision", pa.string()),
        *[(f"source_{k}", pa.string()) for k in _ACTOR],
        *[(f"target_{k}", pa.string()) for k in _ACTOR],
        ("cameo", pa.string()), ("cameo_root", pa.string()), ("quad_class", pa.int64()), ("goldstein", pa.float64()),
        ("plover_event", pa.string()), ("plover_mode", pa.string()),
        ("place_name", pa.string()), ("place_country", pa.string()), ("place_lat", pa.float64()),
        ("place_lon", pa.float64()), ("place_geonameid", pa.int64()), ("place_precision", pa.string()),
        ("place_basis", pa.string()), ("place_confidence", pa.float64()),
        ("reported_by", pa.list_(pa.string())), ("modality", pa.string()), ("negated", pa.bool_()),
        ("mentions", pa.list_(_MENTION)),
        ("num_mentions", pa.int64()), ("num_articles", pa.int64()), ("num_sources", pa.int64()),
        ("pattern", pa.string()), ("trigger", pa.string()), ("fatalities", pa.int64()),
        ("quotes", pa.list_(pa.string())), ("ontology_version", pa.string()),
    ]
)  # fmt: skip
COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)
_LIST_COLUMNS = {"reported_by", "mentions", "quotes"}


def event_to_row(event: Event) -> dict[str, Any]:
    """One event as a flat row (column name -> value) following `SCHEMA`."""
    record = event.to_dict()
    row: dict[str, Any] = {k: record[k] for k in ("id", "article_id", "date", "date_precision")}
    for side in ("source", "target"):
        row.update({f"{side}_{k}": record[side][k] for k in _ACTOR})
    plover = record["plover"] or {}
    place = record["place"] or {}
    row.update(
        cameo=event.cameo, cameo_root=event.cameo_root, quad_class=event.quad_class, goldstein=event.goldstein,
        plover_event=plover.get("event"), plover_mode=plover.get("mode"),
        place_name=place.get("name"), place_country=place.get("country"), place_lat=place.get("lat"),
        place_lon=place.get("lon"), place_geonameid=place.get("geonameid"), place_precision=place.get("precision"),
        place_basis=place.get("basis"), place_confidence=place.get("confidence"),
    )  # fmt: skip
    for key in ("reported_by", "modality", "negated", "mentions", "num_mentions", "num_articles", "num_sources",
                "pattern", "trigger", "fatalities", "quotes", "ontology_version"):  # fmt: skip
        row[key] = record[key]
    return row


def row_to_event(row: dict[str, Any]) -> Event:
    """Inverse of `event_to_row`."""
    place = None
    if row.get("place_name") is not None:
        place = Place.from_record({key: row.get(f"place_{key}") for key in Place.RECORD_FIELDS})
    return Event(
        id=row["id"], article_id=row["article_id"], date=row.get("date"),
        date_precision=row.get("date_precision") or "unknown",
        source=_actor(row, "source"), target=_actor(row, "target"),
        cameo=row["cameo"], cameo_root=row.get("cameo_root") or "", quad_class=row.get("quad_class"),
        goldstein=row.get("goldstein"),
        plover=Plover(row["plover_event"], row.get("plover_mode")) if row.get("plover_event") else None,
        place=place, reported_by=list(row.get("reported_by") or []), modality=row.get("modality") or "asserted",
        negated=bool(row.get("negated")), mentions=[Mention(**m) for m in row.get("mentions") or []],
        num_mentions=row.get("num_mentions") or 1, num_articles=row.get("num_articles") or 1,
        num_sources=row.get("num_sources") or 1, pattern=row.get("pattern") or "", trigger=row.get("trigger") or "",
        fatalities=row.get("fatalities"), quotes=list(row.get("quotes") or []),
        ontology_version=row.get("ontology_version") or "",
    )  # fmt: skip


def _actor(row: dict[str, Any], side: str) -> Actor:
    values = {k: row.get(f"{side}_{k}") for k in _ACTOR}
    values["name"] = values["name"] or ""
    return Actor(**values)


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
    missing = set(COLUMNS) - set(parquet.schema_arrow.names)
    if missing:
        raise InputError(f"{path}: not an eventlens events file (missing columns {sorted(missing)[:5]})")
    for batch in parquet.iter_batches(columns=list(COLUMNS)):
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
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise InputError("not an eventlens events CSV (unexpected header)")
    for raw in reader:
        yield row_to_event({name: _parse_csv_cell(name, raw[name]) for name in COLUMNS})


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
