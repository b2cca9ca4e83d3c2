"""CSV and Parquet exports: typed columns and lossless round trips."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import eventlens
from eventlens.errors import InputError
from eventlens.export import export_events, read_csv_events, read_parquet_events, write_csv, write_parquet
from eventlens.export.tables import COLUMNS, SCHEMA
from eventlens.model import Event


def records(events: list[Event]) -> list[dict]:
    return [e.to_dict() for e in events]


def test_parquet_round_trip_gives_equal_events(sample_events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(sample_events, path, row_group_size=3) == len(sample_events)
    back = list(read_parquet_events(path))
    assert records(back) == records(sample_events)
    assert back[0].place == sample_events[0].place and back[2].plover is None


def test_parquet_columns_are_typed(sample_events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    write_parquet(sample_events, path)
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMA) and table.num_rows == len(sample_events)
    assert str(table.schema.field("goldstein").type) == "double"
    assert str(table.schema.field("quad_class").type) == "int64"
    assert str(table.schema.field("negated").type) == "bool"
    assert table.column("mentions").to_pylist()[0][0]["kind"] == "headline"


def test_csv_round_trip_and_shape(sample_events: list[Event]) -> None:
    out = io.StringIO()
    write_csv(sample_events, out)
    lines = out.getvalue().splitlines()
    assert lines[0].split(",") == list(COLUMNS) and len(lines) == len(sample_events) + 1
    back = list(read_csv_events(io.StringIO(out.getvalue())))
    assert records(back) == records(sample_events)


def test_store_export_to_parquet(stored: eventlens.Store, tmp_path: Path) -> None:
    path = tmp_path / "all.parquet"
    assert export_events(stored, "parquet", path) == stored.counts().events
    back = {e.id: e.to_dict() for e in read_parquet_events(path)}
    assert back == {e.id: e.to_dict() for e in stored.query_events(eventlens.EventQuery(limit=1000))}


@pytest.mark.parametrize("content", [b"", b"not parquet at all", b"PAR1\x00\x00PAR1"])
def test_reading_a_bad_parquet_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(content)
    with pytest.raises(InputError, match="Parquet"):
        list(read_parquet_events(path))


def test_place_precision_and_basis_survive_parquet_and_csv(sample_events: list[Event], tmp_path: Path) -> None:
    from dataclasses import replace

    from eventlens.model import Place

    town = Place("Al Madid", "YEM", 15.64, 44.47, 73365, "city", "town", "sentence", 0.7)
    events = [replace(sample_events[0], place=town), *sample_events[1:]]
    path = tmp_path / "events.parquet"
    write_parquet(events, path)
    back = list(read_parquet_events(path))
    assert back[0].place == town
    buffer = io.StringIO()
    write_csv(events, buffer)
    assert next(iter(read_csv_events(io.StringIO(buffer.getvalue())))).place == town
