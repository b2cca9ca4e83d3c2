"""`eventlens export` over a real SQLite store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventlens
from eventlens.cli import main
from eventlens.export import read_csv_events, read_parquet_events
from eventlens.export.tables import COLUMNS
from eventlens.model import Actor, Article, Document, Event, Mention, Plover, Sentence


@pytest.fixture
def db(tmp_path: Path) -> str:
    text = "Hakan Fidan met Ali Mamlouk in Moscow."
    doc = Document(article=Article(id="a1", text=text, url="https://example.org/a1"), text=text)
    doc.sentences = [Sentence(0, 0, len(text), text)]
    doc.events = [
        Event("a1", Actor("Hakan Fidan", "TURSPY", "TUR"), Actor("Ali Mamlouk", "SYRSPY", "SYR"), "043",
              quad_class=1, goldstein=2.8, plover=Plover("CONSULT"), date="2020-01-13", date_precision="day",
              mentions=[Mention("a1", 0, 0, len(text) - 1, text)]),
        Event("a1", Actor("Ali Mamlouk", "SYRSPY", "SYR"), Actor("Hakan Fidan", "TURSPY", "TUR"), "043",
              quad_class=1, goldstein=2.8, plover=Plover("CONSULT"), date="2020-01-13", date_precision="day",
              mentions=[Mention("a1", 0, 0, len(text) - 1, text)]),
    ]  # fmt: skip
    for event in doc.events:
        event.id = event.make_id()
    path = str(tmp_path / "x.db")
    with eventlens.open_store(path) as store:
        assert store.save_document(doc)
    return path


@pytest.mark.parametrize("fmt,columns", [("gdelt", 61), ("gdelt-mentions", 16)])
def test_gdelt_tables_to_stdout(db: str, fmt: str, columns: int) -> None:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and {len(line.split("\t")) for line in lines} == {columns}
    url_column = -1 if fmt == "gdelt" else 5  # SOURCEURL / MentionIdentifier
    assert all(line.split("\t")[url_column] == "https://example.org/a1" for line in lines)


def test_plover_and_csv(db: str) -> None:
    plover = CliRunner().invoke(main, ["export", "--format", "plover", "--db", db])
    assert [json.loads(line)["event"] for line in plover.stdout.splitlines()] == ["CONSULT", "CONSULT"]
    csv_out = CliRunner().invoke(main, ["export", "--format", "csv", "--db", db, "--code", "04"])
    assert len(csv_out.stdout.splitlines()) == 3 and csv_out.stdout.startswith("id,article_id,")


def test_one_csv_layout_for_events_and_export(db: str) -> None:
    """`events --format csv` and `export --format csv` write the same table, which reads back."""
    listed = CliRunner().invoke(main, ["events", "--format", "csv", "--db", db])
    exported = CliRunner().invoke(main, ["export", "--format", "csv", "--db", db])
    assert listed.exit_code == 0 and exported.exit_code == 0, (listed.output, exported.output)
    assert listed.stdout.splitlines()[0] == exported.stdout.splitlines()[0] == ",".join(COLUMNS)
    assert sorted(listed.stdout.splitlines()) == sorted(exported.stdout.splitlines())
    events = list(read_csv_events(io.StringIO(listed.stdout)))
    assert len(events) == 2 and {e.source.name for e in events} == {"Hakan Fidan", "Ali Mamlouk"}


def test_parquet_needs_a_file_and_round_trips(db: str, tmp_path: Path) -> None:
    refused = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", db])
    assert refused.exit_code != 0 and "output file" in refused.output
    out = tmp_path / "e.parquet"
    done = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", db, "--output", str(out)])
    assert done.exit_code == 0, done.output
    with eventlens.open_store(db) as store:
        expected = sorted(e.id for e in store.query_events(eventlens.EventQuery()))
    assert sorted(e.id for e in read_parquet_events(out)) == expected


def test_unknown_format_is_refused(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "xml", "--db", db])
    assert result.exit_code == 2 and "xml" in result.output
