"""`eventlens actors`: listing, show, add and import, over a real SQLite store and the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import main

TABARI = """\
# user dictionary in the PETRARCH/TABARI format
JANE_QUUXLEY_ [GBRGOV 310101-341231]
+QUUXLEY_
    [GBRELI >350101]
ORDER_OF_THE_WIDGET_ [SYRREB]
"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("EVENTLENS_ACTORS_DIR", str(tmp_path / "actors"))
    return CliRunner()


@pytest.fixture
def seed_db(runner: CliRunner, tmp_path: Path, seed_path: Path) -> str:
    db = str(tmp_path / "seed.db")
    result = runner.invoke(main, ["ingest", str(seed_path), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.slow
def test_list_shows_codes_roles_aliases_and_counts(runner: CliRunner, seed_db: str) -> None:
    result = runner.invoke(main, ["actors", "--db", seed_db])
    assert result.exit_code == 0, result.output
    rows = {line.split("  ")[0].strip(): line for line in result.output.splitlines()}
    assert "Hakan Fidan" in rows and "TURSPY" in rows["Hakan Fidan"]
    assert "TURGOV 2023-06-04..now" in rows["Hakan Fidan"]  # roles from the knowledge base
    assert "Ali Mamlouk" in rows and "Ali Mamluk" in rows["Ali Mamlouk"]  # aliases seen in the article
    assert "Syrian Arab News Agency" in rows and "SYRMED" in rows["Syrian Arab News Agency"]


@pytest.mark.slow
def test_show_gives_roles_over_time_and_events(runner: CliRunner, seed_db: str) -> None:
    result = runner.invoke(main, ["actors", "show", "Hakan Fidan", "--db", seed_db, "--on", "2020-01-13"])
    assert result.exit_code == 0, result.output
    assert "code on 2020-01-13: TURSPY" in result.output
    assert "2023-06-04  now" in result.output and "TURGOV" in result.output
    events = int(result.output.split("events in ")[1].split(": ")[1].split()[0])
    assert events >= 1 and "Ali Mamlouk (SYRSPY)" in result.output


def test_add_then_show(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    args = ["actors", "add", "Jane Quuxley", "--code", "gbrgov", "--title", "Foreign Secretary", "--start", "2031"]
    assert runner.invoke(main, [*args, "--end", "2034", "--alias", "Quuxley"]).exit_code == 0
    second = runner.invoke(main, ["actors", "add", "Jane Quuxley", "--code", "GBRELI", "--start", "2035"])
    assert second.exit_code == 0, second.output
    shown = runner.invoke(main, ["actors", "show", "Quuxley", "--db", db, "--on", "2032-05-01"])
    assert shown.exit_code == 0, shown.output
    assert "Jane Quuxley  [person]  code on 2032-05-01: GBRGOV" in shown.output
    assert "GBRELI" in shown.output and "Foreign Secretary" in shown.output
    assert f"none shown (no database at {db}" in shown.output and not Path(db).exists()  # nothing created
    org = runner.invoke(main, ["actors", "add", "Widget Front", "--code", "SYRREB", "--kind", "armed_group"])
    assert org.exit_code == 0
    assert "SYRREB" in runner.invoke(main, ["actors", "show", "Widget Front", "--db", db]).output


def test_add_refuses_a_bad_date(runner: CliRunner) -> None:
    result = runner.invoke(main, ["actors", "add", "X Y", "--code", "TURGOV", "--start", "last May"])
    assert result.exit_code != 0 and "bad date" in result.output


def test_import_tabari_dictionary(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "mine.actors.txt"
    source.write_text(TABARI, encoding="utf-8")
    result = runner.invoke(main, ["actors", "import", str(source)])
    assert result.exit_code == 0, result.output
    assert "imported 1 people, 1 organisations" in result.output
    db = str(tmp_path / "empty.db")
    before = runner.invoke(main, ["actors", "show", "Jane Quuxley", "--db", db, "--on", "2032-01-01"])
    after = runner.invoke(main, ["actors", "show", "Quuxley", "--db", db, "--on", "2036-01-01"])
    assert "code on 2032-01-01: GBRGOV" in before.output and "code on 2036-01-01: GBRELI" in after.output
    assert "SYRREB" in runner.invoke(main, ["actors", "show", "Order Of The Widget", "--db", db]).output


def test_import_reports_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.dic"
    bad.write_text("JANE_QUUXLEY_ [GBRGOV 2031-01]\n", encoding="utf-8")
    result = runner.invoke(main, ["actors", "import", str(bad)])
    assert result.exit_code != 0 and "bad.dic:1" in result.output


@pytest.mark.slow
def test_imported_actors_are_used_by_the_pipeline(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "mine.actors.txt"
    source.write_text(TABARI, encoding="utf-8")
    assert runner.invoke(main, ["actors", "import", str(source)]).exit_code == 0
    article = tmp_path / "a.jsonl"
    article.write_text(
        '{"id": "a1", "date": "2032-03-01", "text": "Jane Quuxley met Turkish officials in Ankara on Monday. '
        'Quuxley said the talks were useful."}\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "a.db")
    assert runner.invoke(main, ["ingest", str(article), "--db", db, "--quiet"]).exit_code == 0
    listing = runner.invoke(main, ["actors", "--db", db]).output
    (row,) = [line for line in listing.splitlines() if line.startswith("Jane Quuxley")]
    assert "GBRGOV" in row
