"""The event record, declared once: its fields, from which every shape of an event is derived.

- the JSON record (`Event.to_dict` / `Event.from_dict`, the JSONL output, the store's `record`);
- the flat columns (`flat_columns`: CSV and Parquet in `export.tables`, the store's query
  columns in `store.schema`): a struct field is spread into `<field>_<part>` columns, a list
  stays one column (a list in Parquet, a JSON array in CSV);
- the API schema (`web.schemas`, pydantic models built from the same fields).

Adding a field to the event record is one line in `EVENT` (and the attribute on `model.Event`);
`tests/test_record.py` fails when the two disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

FieldKind = Literal["str", "int", "float", "bool", "strs", "struct", "structs"]
SCALARS = frozenset({"str", "int", "float", "bool"})


@dataclass(frozen=True)
class Field:
    """One field of a record. `default` is its value when a record lacks it (lists: empty);
    `optional` fields may be null. A `struct` (one nested record, `None` when optional and
    absent) or `structs` (a list of them) field names its record type in `struct` and lists
    that record's fields in `parts`."""

    name: str
    kind: FieldKind
    default: Any = None
    optional: bool = False
    struct: str = ""
    parts: tuple[Field, ...] = ()


ACTOR: tuple[Field, ...] = (
    Field("code", "str", optional=True),
    Field("name", "str", ""),
    Field("country", "str", optional=True),  # ISO-3
    Field("sector", "str", optional=True),
    Field("actor_id", "str", optional=True),
    Field("kind", "str", "unknown"),  # model.ActorKind
    Field("aliases", "strs"),
)
PLACE: tuple[Field, ...] = (
    Field("name", "str", ""),
    Field("country", "str", optional=True),  # ISO-3
    Field("lat", "float", optional=True),
    Field("lon", "float", optional=True),
    Field("geonameid", "int", optional=True),
    Field("feature", "str", "city"),  # model.PlaceFeature
    Field("precision", "str", "unknown"),  # site | town | district | region | country | unknown
    Field("basis", "str", optional=True),  # clause | sentence | seat | paragraph | story | lead | dateline
    Field("confidence", "float", optional=True),  # lower for a place taken from further away than the clause
)
PLOVER: tuple[Field, ...] = (
    Field("event", "str", ""),
    Field("mode", "str", optional=True),
)
MENTION: tuple[Field, ...] = (
    Field("article_id", "str", ""),
    Field("sentence", "int", 0),
    Field("start", "int", 0),
    Field("end", "int", 0),
    Field("text", "str", ""),
    Field("kind", "str", "body"),
)

EVENT: tuple[Field, ...] = (
    Field("id", "str", ""),
    Field("article_id", "str", ""),
    Field("date", "str", optional=True),
    Field("date_precision", "str", "unknown"),
    Field("source", "struct", struct="actor", parts=ACTOR),
    Field("target", "struct", struct="actor", parts=ACTOR),
    Field("cameo", "str", ""),
    Field("cameo_root", "str", ""),
    Field("quad_class", "int", optional=True),
    Field("goldstein", "float", optional=True),
    Field("plover", "struct", optional=True, struct="plover", parts=PLOVER),
    Field("place", "struct", optional=True, struct="place", parts=PLACE),
    Field("reported_by", "strs"),
    Field("modality", "str", "asserted"),
    Field("negated", "bool", False),
    Field("mentions", "structs", struct="mention", parts=MENTION),
    Field("num_mentions", "int", 1),
    Field("num_articles", "int", 1),
    Field("num_sources", "int", 1),
    Field("pattern", "str", ""),
    Field("trigger", "str", ""),
    Field("fatalities", "int", optional=True),
    Field("quotes", "strs"),
    Field("confidence", "float", 1.0),  # how sure the assess stage is (stages/assess.py)
    Field("confidence_reasons", "strs"),
    Field("ontology_version", "str", ""),
)


# -- the JSON record ---------------------------------------------------------------------------------
def to_record(obj: Any, fields: tuple[Field, ...]) -> dict[str, Any]:
    """The record of a model object (an Event, Actor, Place...): JSON-ready values only."""
    record: dict[str, Any] = {}
    for field in fields:
        value = getattr(obj, field.name)
        if field.kind == "struct":
            record[field.name] = None if value is None else to_record(value, field.parts)
        elif field.kind == "structs":
            record[field.name] = [to_record(item, field.parts) for item in value]
        elif field.kind == "strs":
            record[field.name] = [str(item) for item in value]
        else:
            record[field.name] = value.value if isinstance(value, Enum) else value
    return record


def record_values(data: dict[str, Any], fields: tuple[Field, ...], build: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for a model class from its record; `build` maps a struct name to the
    function that makes it from its own keyword arguments (`{"actor": Actor, ...}`)."""
    values: dict[str, Any] = {}
    for field in fields:
        raw = data.get(field.name)
        if field.kind == "struct":
            if raw is None and field.optional:
                values[field.name] = None
            else:
                values[field.name] = build[field.struct](**record_values(raw or {}, field.parts, build))
        elif field.kind == "structs":
            values[field.name] = [build[field.struct](**record_values(r, field.parts, build)) for r in raw or []]
        elif field.kind == "strs":
            values[field.name] = [str(item) for item in raw or []]
        elif raw is None:
            values[field.name] = field.default
        else:
            values[field.name] = bool(raw) if field.kind == "bool" else float(raw) if field.kind == "float" else raw
    return values


# -- flat columns -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    """A flat column: its name, the record field (`path`: one name, or a struct and its part) and
    the kind of its values."""

    name: str
    path: tuple[str, ...]
    field: Field


def flat_columns(fields: tuple[Field, ...] = EVENT) -> tuple[Column, ...]:
    """The flat columns of a record: structs spread into `<field>_<part>`, lists kept whole."""
    columns: list[Column] = []
    for field in fields:
        if field.kind == "struct":
            columns += [Column(f"{field.name}_{part.name}", (field.name, part.name), part) for part in field.parts]
        else:
            columns.append(Column(field.name, (field.name,), field))
    return tuple(columns)


def flatten(record: dict[str, Any], columns: tuple[Column, ...]) -> dict[str, Any]:
    """A record as one flat row (column name -> value)."""
    row: dict[str, Any] = {}
    for column in columns:
        value: Any = record
        for key in column.path:
            value = None if value is None else value.get(key)
        row[column.name] = value
    return row


def unflatten(row: dict[str, Any], fields: tuple[Field, ...] = EVENT) -> dict[str, Any]:
    """The record of a flat row (inverse of `flatten`). An optional struct whose columns are all
    empty is absent; a column missing from the row is empty (a file from an older version)."""
    record: dict[str, Any] = {}
    for field in fields:
        if field.kind != "struct":
            record[field.name] = row.get(field.name)
            continue
        part_values = {part.name: row.get(f"{field.name}_{part.name}") for part in field.parts}
        present = any(v is not None and v != [] for v in part_values.values())
        record[field.name] = part_values if present or not field.optional else None
    return record
