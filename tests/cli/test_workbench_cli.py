"""The CLI side of the workbench (issue 13): the list filters of the UI and the API, search, and
`actors add` refusing a code that is not one."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import main
from tests.web.conftest import TUR_SYR


@pytest.fixture
def hand_db(hand_built_store) -> str:
    store = hand_built_store(TUR_SYR)
    return str(store.path)


def ids(output: str) -> list[str]:
    return [json.loads(line)["id"] for line in output.splitlines() if line.strip()]


def test_events_newest_first_with_every_filter(hand_db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["events", "--db", hand_db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    dates = [json.loads(line)["date"] for line in result.output.splitlines()]
    assert dates == ["2020-01-20", "2020-01-13", "2020-01-13", "2011-11-23", "2011", None]
    overlap = runner.invoke(main, ["events", "--db", hand_db, "--since", "2011-12", "--format", "jsonl"])
    assert [json.loads(line)["date"] for line in overlap.output.splitlines()][-1] == "2011"
    args = ["--q", "SYRGOV", "--quad-class", "4", "--sort", "goldstein"]
    listed = runner.invoke(main, ["events", "--db", hand_db, "--format", "jsonl", *args])
    assert [json.loads(line)["goldstein"] for line in listed.output.splitlines()] == [-8.0, -4.0]
    count = runner.invoke(main, ["events", "--db", hand_db, "--count", *args])
    assert count.output.strip() == "2"
    exported = runner.invoke(main, ["export", "--db", hand_db, "--format", "csv", *args])
    assert exported.exit_code == 0, exported.output
    assert [r["id"] for r in csv.DictReader(io.StringIO(exported.output))] == ids(listed.output)
    literal = runner.invoke(main, ["events", "--db", hand_db, "--actor", "%", "--count"])
    assert literal.output.strip() == "0"


def test_search_command(hand_db: str) -> None:
    result = CliRunner().invoke(main, ["search", "SYRSPY", "--db", hand_db, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(ids(result.output)) == 2


@pytest.mark.parametrize("code", ["zz!", "GBRG", "XQZGOV", "12GOV"])
def test_actors_add_refuses_a_bad_code(code: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["actors", "add", "Jane Doe", "--code", code, "--actors-dir", str(tmp_path)])
    assert result.exit_code != 0 and "code" in result.output
    assert not (tmp_path / "user-actors.yaml").exists()


def test_actors_add_accepts_a_real_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["actors", "add", "Jane Doe", "--code", "gbrgov", "--title", "Envoy", "--actors-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "GBRGOV" in result.output
