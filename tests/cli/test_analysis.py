"""`eventlens alerts`, `eventlens dyad`, `eventlens network` on a real store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventlens.cli import main

ROWS = [
    ("2011", "TUR", "SYRGOV", "161", -4.0, 4),
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-13", "SYRSPY", "TURSPY", "043", 2.8, 1),
]


@pytest.fixture
def db(hand_built_store) -> str:
    store = hand_built_store(ROWS)
    return store.url


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def test_alerts(db):
    table = run("alerts", "--db", db)
    assert table.exit_code == 0, table.output
    assert "silence_broken" in table.output and "since 2011" in table.output
    lines = run("alerts", "--db", db, "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["kind"] for line in lines] == ["silence_broken"]
    assert run("alerts", "--db", db, "--since", "2021").output.count("silence_broken") == 0
    bad = run("alerts", "--db", db, "--since", "someday")
    assert bad.exit_code != 0 and "ISO date" in bad.output


def test_dyad(db):
    out = run("dyad", "TURSPY", "SYRSPY", "--db", db, "--freq", "day")
    assert out.exit_code == 0, out.output
    assert "2020-01-13  TURSPY → SYRSPY" in out.output and "2 events" in out.output
    series = json.loads(run("dyad", "TUR", "SYR", "--db", db, "--format", "jsonl").output)
    assert series["unplaced"] == 1 and [p["period"] for p in series["forward"]] == ["2020-01"]
    bad = run("dyad", "TUR", "country:Syria", "--db", db)
    assert bad.exit_code != 0 and "three-letter" in bad.output


def test_network(db):
    out = run("network", "--db", db, "--level", "code")
    assert out.exit_code == 0, out.output
    assert "TURSPY" in out.output and "cooperation" in out.output
    net = json.loads(run("network", "--db", db, "--format", "jsonl").output)
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("TUR", "SYR"), ("SYR", "TUR")}
    assert run("network", "--db", db, "--level", "planet").exit_code != 0
