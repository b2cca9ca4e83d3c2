"""`eventlens eval`: reading gold files, scoring, reports and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import main
from eventlens.errors import ConfigError
from eventlens.evaluation import (
    _score_sentence,
    evaluate_plover,
    evaluate_seed,
    format_plover,
    format_seed,
    plover_label,
    read_gold,
)
from eventlens.model import Actor, Event, Plover

RECORDS = [
    {
        "id": "T-1",
        "text": "Iran threatened to attack Israel.",
        "event": "THREATEN",
        "source": [{"actorText": "Iran", "code": "IRN"}],
        "target": [{"actorText": "Israel", "code": "ISR"}],
    },
    {
        "id": "T-2",
        "text": "Switzerland expelled two Russian diplomats.",
        "event": "SANCTION",
        "source": [{"actorText": "Switzerland", "code": "CHE"}],
        "target": [{"actorText": "Russian", "code": "RUS"}],
    },
    {
        "id": "T-3",
        "text": "Egyptian police opened fire on demonstrators in Cairo.",
        "event": "FIGHT",
        "source": [{"actorText": "Egyptian police", "code": "EGY"}],
        "target": "",
    },
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _event(plover: str, src: str | None, tgt: str | None, cameo: str = "190") -> Event:
    return Event(
        article_id="x", source=Actor("s", code=src), target=Actor("t", code=tgt), cameo=cameo, plover=Plover(plover)
    )


def test_read_gold_tells_the_formats_apart(tmp_path: Path, shared_dir: Path) -> None:
    kind, records = read_gold(_write(tmp_path / "g.jsonl", RECORDS))
    assert kind == "plover" and len(records) == 3
    kind, records = read_gold(shared_dir / "gold" / "seed-events.jsonl")
    assert kind == "seed" and sum(r["required"] for r in records) == 12


@pytest.mark.parametrize("content", ["", "not json\n", '["a list"]\n', '{"id": 1}\n'])
def test_bad_gold_is_a_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_gold(path)


@pytest.mark.parametrize(("old", "new"), [("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("investigate", "ACCUSE")])
def test_legacy_labels(old: str, new: str) -> None:
    assert plover_label(old) == new


def test_sentence_scoring_rules() -> None:
    rec = RECORDS[0]
    hit = _score_sentence(rec, [_event("ASSAULT", "ISR", "IRN"), _event("THREATEN", "IRNGOV", "ISRMIL")], None)
    assert hit.type_ok and hit.source_ok and hit.target_ok and hit.predicted == ["ASSAULT", "THREATEN"]
    # countries are judged on the events of the right type when there are some
    wrong_side = _score_sentence(rec, [_event("ASSAULT", "IRN", "ISR"), _event("THREATEN", "ISR", "IRN")], None)
    assert wrong_side.type_ok and wrong_side.source_ok is False and wrong_side.target_ok is False
    # no gold target: not judged
    none = _score_sentence(RECORDS[2], [], None)
    assert not none.type_ok and none.source_ok is False and none.target_ok is None


def test_evaluate_plover_on_real_pipeline(lens, tmp_path: Path) -> None:
    report = evaluate_plover(RECORDS, lens.process)
    assert report.n == 3
    assert [s.gold_type for s in report.sentences] == ["THREATEN", "SANCTION", "ASSAULT"]
    assert report.type_accuracy == sum(s.type_ok for s in report.sentences) / 3
    text = format_plover(report, errors=True)
    assert "plover event-type accuracy:" in text and "confusion" in text and "ASSAULT" in text
    per = report.per_type()
    assert set(per) >= {"THREATEN", "SANCTION", "ASSAULT"}
    assert all(0.0 <= v <= 1.0 for p, r, f, _ in per.values() for v in (p, r, f))
    assert sum(report.confusion().values()) == 3


@pytest.mark.slow
def test_evaluate_seed(lens, shared_dir: Path) -> None:
    _, records = read_gold(shared_dir / "gold" / "seed-events.jsonl")
    report = evaluate_seed(records, lens.process, shared_dir / "corpus" / "seed")
    assert report.required_found == (12, 12), format_seed(report, errors=True)
    assert "seed required events found: 12/12" in format_seed(report)


def test_seed_corpus_must_exist(lens, tmp_path: Path, shared_dir: Path) -> None:
    _, records = read_gold(shared_dir / "gold" / "seed-events.jsonl")
    with pytest.raises(ConfigError):
        evaluate_seed(records, lens.process, tmp_path)


@pytest.mark.slow
def test_eval_command(tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", RECORDS)
    result = CliRunner().invoke(main, ["eval", str(gold), "--errors"])
    assert result.exit_code == 0, result.output
    assert "plover event-type accuracy:" in result.output
    assert "source country" in result.output


def test_eval_command_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code != 0 and "neither" in result.output
