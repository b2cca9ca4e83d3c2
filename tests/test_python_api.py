"""The documented Python API, as an analyst uses it in a notebook."""

from __future__ import annotations

from datetime import date

import pytest

import eventlens

TEXT = "Turkish intelligence chief Hakan Fidan met Syrian security chief Ali Mamlouk in Moscow on Monday."


def test_extract_text_gives_event_dataclasses(lens: eventlens.EventLens) -> None:
    events = lens.extract_text(TEXT, published=date(2020, 1, 14))
    assert events and all(isinstance(e, eventlens.Event) for e in events)
    meetings = [e for e in events if e.cameo.startswith("04")]
    assert {(e.source.code, e.target.code) for e in meetings} == {("TURSPY", "SYRSPY"), ("SYRSPY", "TURSPY")}
    assert {e.date for e in meetings} == {"2020-01-13"}  # "on Monday", read against the given date


def test_events_as_a_frame(lens: eventlens.EventLens) -> None:
    events = lens.extract_text(TEXT)
    frame = eventlens.events_frame(events)
    assert len(frame) == len(events)
    assert list(frame["cameo"]) == [e.cameo for e in events]


def test_unusable_text_raises_a_project_error(lens: eventlens.EventLens) -> None:
    with pytest.raises(eventlens.InputError):
        lens.extract_text("   ")
