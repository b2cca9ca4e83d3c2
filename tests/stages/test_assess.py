"""The assess stage: only acts between identified actors enter the record, each with a confidence.

Sentences written for these tests (issue 10, error classes 2 and 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Document
from eventlens.stages.assess import AssessRules, EventAssessor

Run = Callable[..., Document]


def _candidates(doc: Document, cameo: str) -> list[eventlens.Event]:
    return [e for e in doc.events + doc.rejected if e.cameo.startswith(cameo)]


@pytest.mark.parametrize(
    ("text", "cameo", "reason"),
    [
        ("Gunmen killed three people on Sunday.", "19", "no identified source actor"),
        ("Turkey criticized the decision on Tuesday.", "111", "target named but not identified"),
        ("The Kenyan government criticized.", "111", "act needs a target"),
    ],
)
def test_unidentified_sides_keep_a_candidate_out(process_text: Run, text: str, cameo: str, reason: str) -> None:
    doc = process_text(text)
    assert not [e for e in doc.events if e.cameo.startswith(cameo)]
    out = [e for e in doc.rejected if e.cameo.startswith(cameo)]
    assert out and out[0].confidence == 0 and out[0].confidence_reasons == [reason]


@pytest.mark.parametrize(
    ("text", "cameo", "reason"),
    [
        ("Will Russia attack Ukraine again?", "13", "question"),
        ("If Iran attacks Israel, the United States will respond.", "19", "conditional"),
        ("Israel may attack Iran next year.", "13", "hypothetical"),
    ],
)
def test_questions_conditionals_and_hypotheticals_stay_out(
    process_text: Run, text: str, cameo: str, reason: str
) -> None:
    doc = process_text(text)
    found = _candidates(doc, cameo)
    assert found, [(e.cameo, e.confidence_reasons) for e in doc.events + doc.rejected]
    assert all(reason in e.confidence_reasons for e in found)
    assert not [e for e in doc.events if e.cameo.startswith(cameo)]


def test_an_asserted_act_between_named_actors_is_kept_and_explained(process_text: Run) -> None:
    doc = process_text("Russia attacked Ukraine on Monday.", published="2024-03-06")
    kept = [e for e in doc.events if e.cameo.startswith("19")]
    assert kept and kept[0].source.code == "RUS" and kept[0].target.code == "UKR"
    assert kept[0].confidence >= 0.8 and kept[0].confidence_reasons
    record = kept[0].to_dict()
    assert record["confidence"] == kept[0].confidence and record["confidence_reasons"]


def test_a_lower_threshold_lets_a_weaker_candidate_in(process_text: Run) -> None:
    doc = process_text("Will Russia attack Ukraine again?")
    assert not doc.events
    doc.events, doc.rejected = doc.events + doc.rejected, []
    EventAssessor(min_confidence=0.1)(doc)
    assert [e for e in doc.events if e.source.code == "RUS" and e.target.code == "UKR"]
    assert all(e.source.code for e in doc.events), "a lower threshold never lets a blank actor in"


def test_the_rules_file_names_its_threshold() -> None:
    rules = AssessRules.load()
    assert 0 < rules.threshold < 1 and rules.weights["question"] < 1 and "016" in rules.target_optional


def test_no_blank_actor_is_ever_stored(lens: eventlens.EventLens, tmp_path: Path) -> None:
    text = (
        "Gunmen killed three people in Kabul on Sunday. Shares hit a record high on Monday. "
        "Heavy rain hit sales in Britain. Russia attacked Ukraine on Monday."
    )
    source = tmp_path / "story.txt"
    source.write_text(text, encoding="utf-8")
    with eventlens.open_store(tmp_path / "s.db") as store:
        lens.ingest([source], store)
        events = store.query_events(eventlens.EventQuery(limit=100))
    assert events, "the real attack is stored"
    for e in events:
        for side in (e.source, e.target):
            assert side.name.strip().lower() not in ("none",)
        assert e.source.code and e.source.name.strip()
        assert e.target.code or not e.target.name.strip()


def test_an_interview_is_not_a_consultation(process_text: Run) -> None:
    doc = process_text("The Kenyan foreign minister spoke with the BBC on Monday.")
    assert not [e for e in doc.events if e.cameo.startswith("04")]
    out = [e for e in doc.rejected if e.cameo.startswith("04")]
    assert all(e.confidence_reasons == ["an interview with the media, not a consultation"] for e in out)
