"""Whole-article evaluation: the matching rules of gold/ANNOTATION.md on hand-built events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventlens.cli import main
from eventlens.evaluation_docs import evaluate_docs, format_docs, read_docs_gold
from eventlens.model import Actor, Event, Mention, Place, Plover


def _event(doc: str, src: str | None, cameo: str, tgt: str | None, plover: str = "", **kw: object) -> Event:
    return Event(
        article_id=doc,
        source=Actor(name=src or "", code=src),
        target=Actor(name=tgt or "", code=tgt),
        cameo=cameo,
        plover=Plover(plover) if plover else None,
        mentions=[Mention(doc, 0, 0, 5, "text", "body")],
        **kw,  # type: ignore[arg-type]
    )


GOLD = [
    {"doc": "a", "source": {"code": "TURGOV"}, "target": {"code": "SYRGOV"}, "cameo": "044", "symmetric": True,
     "date": "2020-01-13", "place": {"name": "Moscow", "lat": 55.75, "lon": 37.62}, "core": True},
    {"doc": "a", "source": {"code": "FRAJUD"}, "target": {"code": "SYRSPY"}, "cameo": "173", "alt_cameo": ["172"],
     "symmetric": False, "date": None, "place": None, "core": True},
    {"doc": "a", "source": {"code": "RUSGOV"}, "target": None, "cameo": "016", "symmetric": False, "core": False},
    {"doc": "b", "source": {"code": "SOMREB"}, "target": {"code": "KENMIL"}, "cameo": "190", "plover": "ASSAULT",
     "symmetric": False, "core": True},
]  # fmt: skip


def test_matching_rules() -> None:
    events = [
        _event("a", "TURSPY", "040", "SYRSPY", date="2020-01-13", place=Place("Moscow", "RUS", 55.7, 37.6)),
        _event("a", "SYRSPY", "044", "TURSPY"),  # the symmetric gold's other direction
        _event("a", "TURGOV", "044", "SYRGOV"),  # a second telling: a false event
        _event("a", "FRA", "172", "SYR"),  # an alt_cameo root, country-level codes
        _event("a", "RUS", "016", None),  # optional gold with no target
        _event("b", "IMGMOSISI", "183", "KEN", plover="ASSAULT"),  # IMG agrees with REB; PLOVER type
        _event("c", "USA", "190", "IRN"),  # an annotated article with no gold event
    ]
    report = evaluate_docs(GOLD, ["a", "b", "c"], events)
    assert (report.n_events, report.right) == (7, 5)
    assert (len(report.core), report.core_found) == (3, 3)
    assert report.precision == pytest.approx(5 / 7) and report.recall == 1.0
    d_ok, d_n, p_ok, p_n = report.dates_and_places()
    assert (d_ok, d_n, p_ok, p_n) == (1, 2, 1, 2)  # both directions of the meeting are matched
    text = format_docs(report, errors=True)
    assert "FALSE c: USA 190 IRN" in text and text.endswith("0.714/1.000/0.833")


def test_own_sentence_dates_judge_an_event_by_the_gold_of_its_own_sentence() -> None:
    """Two protests by the same side: the system tells only the second. The one-to-one matching gives
    it the first gold event (the earliest free slot), told in another sentence and on another day;
    against its own sentence's gold event its date is right."""
    gold = [
        {"doc": "p", "sentence": "Students protested against the government on Monday.", "core": True,
         "source": {"code": "SDNOPP"}, "target": {"code": "SDNGOV"}, "cameo": "141", "date": "2024-05-13"},
        {"doc": "p", "sentence": "On Wednesday, students protested again in Khartoum.", "core": True,
         "source": {"code": "SDNOPP"}, "target": {"code": "SDNGOV"}, "cameo": "141", "date": "2024-05-15"},
    ]  # fmt: skip
    second = _event("p", "SDNOPP", "141", "SDNGOV", date="2024-05-15")
    second.mentions = [Mention("p", 1, 60, 90, "students protested again in Khartoum", "body")]
    report = evaluate_docs(gold, ["p"], [second])
    assert report.dates_and_places()[:2] == (0, 1)  # paired with Monday's protest
    assert report.own_sentence() == (1, 1, 0, 0, 0)
    assert "dates 1/1" in format_docs(report)


def test_a_wrong_side_is_not_a_match() -> None:
    report = evaluate_docs(GOLD, ["a", "b"], [_event("a", "TURGOV", "044", "IRNGOV"), _event("b", "KEN", "190", "SOM")])
    assert report.right == 0
    assert report.lenient == (1, 1)  # the meeting has one side right; the reversed attack has none


def test_reads_gold_and_docs(tmp_path: Path) -> None:
    events, docs = tmp_path / "x-events.jsonl", tmp_path / "x-docs.jsonl"
    events.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    docs.write_text('{"doc": "a"}\n{"doc": "b"}\n', encoding="utf-8")
    gold, ids = read_docs_gold(events, docs)
    assert len(gold) == 4 and ids == ["a", "b"]


def test_eval_command_on_the_dev_gold_matches_the_shared_scorer(shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "voa-events.jsonl"
    result = CliRunner().invoke(main, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "docs precision/recall/F1:" in result.output and "root  events right" in result.output
