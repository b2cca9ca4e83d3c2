"""The command line over the real pipeline and a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_ingest_examples_then_rerun_adds_nothing(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    db = str(tmp_path / "x.db")
    first = runner.invoke(main, ["ingest", str(examples_dir), "--db", db, "--quiet"])
    assert first.exit_code == 0, first.output
    n_files = len([p for p in examples_dir.iterdir() if p.suffix in {".txt", ".html"}])
    n_lines = len((examples_dir / "batch.jsonl").read_text("utf-8").splitlines())
    assert f"articles: {n_files + n_lines} read, {n_files + n_lines} stored" in first.output
    second = runner.invoke(main, ["ingest", str(examples_dir), "--db", db, "--quiet"])
    assert f"0 stored, {n_files + n_lines} already stored" in second.output
    assert first.output.splitlines()[-1] == second.output.splitlines()[-1]  # same store counts


def test_ingest_records_bad_documents_and_goes_on(runner: CliRunner, tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "good.txt").write_text(seed_path.read_text("utf-8"), "utf-8")
    db = str(tmp_path / "x.db")
    result = runner.invoke(main, ["ingest", str(bad), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output and "errors: 2" in result.output
    assert "empty" in result.output and "binary" in result.output
    events = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--limit", "1000"])
    assert events.exit_code == 0


def test_extract_jsonl_keeps_article_ids(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "my-id-7", "text": "Turkey and Russia signed an agreement."}) + "\n", "utf-8")
    result = runner.invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        assert json.loads(line)["article_id"] == "my-id-7"


def test_db_from_environment(runner: CliRunner, tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "env.db"
    result = runner.invoke(
        main, ["ingest", str(examples_dir / "batch.jsonl"), "--quiet"], env={"EVENTLENS_DB": str(db)}
    )
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_show_unknown_event_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["migrate", "--db", str(tmp_path / "x.db")]).exit_code == 0
    result = runner.invoke(main, ["show", "ev:nope", "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "no event 'ev:nope'" in result.output


def test_unknown_model_is_a_clear_error(runner: CliRunner, tmp_path: Path, seed_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(seed_path), "--model", "xx_no_such_model"])
    assert result.exit_code != 0
    assert "not installed" in result.output


# -- issue 12: exit status, a mistyped --db, export to a missing folder -------------------------------
def test_exit_status_is_non_zero_when_every_input_failed(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    result = runner.invoke(main, ["ingest", str(bad), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "errors: 2" in result.output and "every input failed" in result.output


def test_exit_status_is_zero_when_one_input_was_stored(runner: CliRunner, tmp_path: Path, seed_path: Path) -> None:
    result = runner.invoke(main, ["ingest", str(seed_path), str(tmp_path / "missing.txt"), "--db",
                                  str(tmp_path / "x.db"), "--quiet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.output and "errors: 1" in result.output


@pytest.mark.parametrize(
    "command",
    [["events"], ["show", "ev:1"], ["actors"], ["export", "--format", "csv"], ["alerts"], ["dyad", "TUR", "SYR"]],
)
def test_a_mistyped_db_for_a_read_command_is_a_clear_error(runner: CliRunner, tmp_path: Path, command) -> None:
    typo = tmp_path / "evnetlens.db"
    result = runner.invoke(main, [*command, "--db", str(typo)])
    assert result.exit_code == 1, result.output
    assert f"no database at {typo}" in result.output and "Traceback" not in result.output
    assert not typo.exists()  # nothing created


def test_export_to_a_missing_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert runner.invoke(main, ["migrate", "--db", db]).exit_code == 0
    for fmt in ("csv", "parquet", "gdelt"):
        target = tmp_path / "no" / "such" / f"out.{fmt}"
        result = runner.invoke(main, ["export", "--format", fmt, "--db", db, "--output", str(target)])
        assert result.exit_code == 1, result.output
        assert "does not exist" in result.output and str(tmp_path / "no" / "such") in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
