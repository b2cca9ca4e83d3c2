"""One field table for the event record (record.py), and lossless round trips through every shape.

The event below sets every optional field (actor kinds and aliases, a region, a PLOVER mode,
fatalities, quotes...): what a shape drops, its round trip shows.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest

from eventlens import record
from eventlens.export.tables import COLUMNS, read_csv_events, read_parquet_events, write_csv, write_parquet
from eventlens.model import (
    Actor,
    ActorKind,
    Article,
    Document,
    Event,
    Mention,
    Place,
    PlaceFeature,
    Plover,
    Sentence,
)  # fmt: skip
from eventlens.store import Store
from eventlens.web.schemas import EventRecord

WORKING_FIELDS = {"trigger_token", "sentence_index"}  # Event attributes for later stages, not in the record
TEXT = "Turkish intelligence chief Hakan Fidan met Ali Mamlouk in Idlib province on Monday, SANA said."


def full_event() -> Event:
    event = Event(
        article_id="art-1",
        source=Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", ActorKind.PERSON, ["Fidan", "H. Fidan"]),
        target=Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person", ["Mamlouk"]),
        cameo="043", quad_class=1, goldstein=2.8, plover=Plover("CONSULT", "visit"),
        date="2020-01-13", date_precision="day",
        place=Place("Idlib", "SYR", 35.93, 36.63, 169389, PlaceFeature.REGION, "region", "clause", 0.9),
        reported_by=["SANA"], modality="claimed", negated=True,
        mentions=[Mention("art-1", 0, 27, 46, "Hakan Fidan met Ali", "headline")],
        num_mentions=1, num_articles=1, num_sources=1, pattern="verb:meet@043", trigger="met",
        ontology_version="cameo-1.1b3/plover-2023", fatalities=3, quotes=["we talked"],
        confidence=0.75, confidence_reasons=["named source", "dated"],
    )  # fmt: skip
    event.id = event.make_id()
    return event


def test_the_table_lists_every_field_of_the_model() -> None:
    shapes = [
        (Event, record.EVENT, WORKING_FIELDS), (Actor, record.ACTOR, set()), (Place, record.PLACE, set()),
        (Plover, record.PLOVER, set()), (Mention, record.MENTION, set()),
    ]  # fmt: skip
    for cls, fields, working in shapes:
        declared = [f.name for f in dataclasses.fields(cls) if f.name not in working]
        assert sorted(declared) == sorted(f.name for f in fields), cls.__name__


def test_record_round_trip_keeps_every_field() -> None:
    event = full_event()
    data = json.loads(json.dumps(event.to_dict()))
    assert data["source"]["kind"] == "person" and data["source"]["aliases"] == ["Fidan", "H. Fidan"]
    assert data["place"]["feature"] == "region"
    assert Event.from_dict(data) == event


def test_store_round_trip_keeps_every_field(store: Store) -> None:
    event = full_event()
    doc = Document(
        article=Article(id="art-1", text=TEXT, title="t", outlet="SANA"), text=TEXT,
        sentences=[Sentence(0, 0, len(TEXT), TEXT, "headline")], events=[event],
    )  # fmt: skip
    assert store.save_document(doc)
    back = store.get_event(event.id)
    assert back == full_event()
    assert back is not None and back.place is not None and back.place.feature is PlaceFeature.REGION


def test_parquet_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet([full_event()], path) == 1
    assert list(read_parquet_events(path)) == [full_event()]


def test_csv_round_trip_keeps_every_field() -> None:
    out = io.StringIO()
    write_csv([full_event()], out)
    assert list(read_csv_events(io.StringIO(out.getvalue()))) == [full_event()]


def test_flat_columns_and_api_schema_come_from_the_table() -> None:
    assert {"source_kind", "source_aliases", "place_feature", "plover_mode", "mentions"} <= set(COLUMNS)
    assert len(COLUMNS) == len(record.flat_columns())
    assert list(EventRecord.model_fields) == [f.name for f in record.EVENT]
    assert EventRecord.model_validate(full_event().to_dict()).source.kind == "person"  # type: ignore[attr-defined]


def test_kinds_and_features_are_enums() -> None:
    assert Actor("x", kind="organisation").kind is ActorKind.ORGANISATION
    assert Place("x", feature="water").feature is PlaceFeature.WATER
    with pytest.raises(ValueError):
        Actor("x", kind="organization")  # the spelling that had drifted in
    with pytest.raises(ValueError):
        Place("x", feature="town")
