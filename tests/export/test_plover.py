"""PLOVER JSON records."""

from __future__ import annotations

import io
import json

import eventlens
from eventlens.export import ArticleLookup, write_plover
from eventlens.export.plover import PLOVER_FIELDS
from eventlens.model import Event


def test_plover_records_have_the_format_fields(sample_events: list[Event]) -> None:
    out = io.StringIO()
    written = write_plover(sample_events, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert written == len(records) == 3  # the plain statement (010) has no PLOVER type
    for record in records:
        assert set(PLOVER_FIELDS) <= set(record)
    meeting = records[0]
    assert meeting["event"] == "CONSULT" and meeting["mode"] == "visit" and meeting["date"] == "2020-01-13"
    assert meeting["source"] == [{"actorText": "Hakan Fidan", "code": "TURSPY", "sector": "SPY", "country": "TUR",
                                  "actor_id": "kb:hakan-fidan"}]  # fmt: skip
    assert meeting["eventLoc"]["name"] == "Moscow" and meeting["eventText"] == "met"
    assert meeting["cameo"] == "043" and meeting["id"] == sample_events[0].id
    assert records[-1]["negated"] is True


def test_plover_records_carry_the_article_url(stored: eventlens.Store) -> None:
    out = io.StringIO()
    write_plover(stored.query_events(eventlens.EventQuery()), out, ArticleLookup(stored))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    urls = {r["story_id"]: r["url"] for r in records}
    assert urls == {"story-1": "https://news.example.org/a/1", "local-file": None}
    assert {r["story_id"]: r["publication"] for r in records} == {"story-1": "Example News", "local-file": ""}
