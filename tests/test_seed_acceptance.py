"""Acceptance on the seed article: the Moscow meeting (gold S01) exactly, and the whole gold scored."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventlens.model import Document, Event


def _meetings(doc: Document) -> list[Event]:
    return [
        e
        for e in doc.events
        if e.cameo.startswith("04") and {(e.source.code or "")[:3], (e.target.code or "")[:3]} == {"TUR", "SYR"}
    ]


def test_s01_one_meeting_per_direction(seed_doc: Document) -> None:
    meetings = _meetings(seed_doc)
    directions = sorted((e.source.code, e.target.code) for e in meetings)
    assert directions == [("SYRSPY", "TURSPY"), ("TURSPY", "SYRSPY")], [e.to_dict() for e in meetings]


@pytest.mark.parametrize("direction", [("TURSPY", "SYRSPY"), ("SYRSPY", "TURSPY")])
def test_s01_as_the_gold_says(seed_doc: Document, direction: tuple[str, str]) -> None:
    (event,) = [e for e in _meetings(seed_doc) if (e.source.code, e.target.code) == direction]
    names = {event.source.name, event.target.name}
    assert any("Fidan" in n for n in names) and any("Maml" in n for n in names)
    # CAMEO 1.1b3: 044 is "meet at a 'third' location" (043 is "host a visit"); the gold accepts 044.
    assert event.cameo == "044" and event.plover is not None and event.plover.event == "CONSULT"
    assert (event.date, event.date_precision) == ("2020-01-13", "day")
    assert event.place is not None and (event.place.name, event.place.country) == ("Moscow", "RUS")
    assert event.place.lat == pytest.approx(55.75, abs=0.1) and event.place.lon == pytest.approx(37.62, abs=0.1)
    assert {"SANA", "Reuters"} & {r for name in event.reported_by for r in ("SANA", "Reuters") if r in name}
    kinds = {m.kind for m in event.mentions}
    assert {"headline", "standfirst", "caption", "body"} <= kinds, [m.text for m in event.mentions]
    assert event.num_mentions == len(event.mentions) >= 4


def test_no_event_from_page_furniture(seed_doc: Document) -> None:
    for event in seed_doc.events:
        for mention in event.mentions:
            span = seed_doc.text[mention.start : mention.end]
            assert span and not any(f in span for f in ("Read also", "White Helmets", "min read", "contributed"))


def test_no_reporter_is_a_photo_credit(seed_doc: Document) -> None:
    assert all("Twitter" not in r for e in seed_doc.events for r in e.reported_by)


def test_score_whole_seed_gold(seed_doc: Document, shared_dir: Path, tmp_path: Path, capsys) -> None:
    """Scores every gold event by the README's rules and prints the score (S01 must be found)."""
    spec = importlib.util.spec_from_file_location("score", shared_dir / "tools" / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in seed_doc.events), "utf-8")
    score.seed(str(shared_dir / "gold" / "seed-events.jsonl"), str(pred))
    report = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + report)
    assert "S01 REQ found" in report
