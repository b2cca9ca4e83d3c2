"""The GDELT export says which events it leaves out and why, and stamps DATEADDED with the time the
store received each event's article, not the time of the export (issue 13)."""

from __future__ import annotations

import io
import logging

from eventlens.export import EVENT_COLUMNS, MENTION_COLUMNS, ArticleLookup, GdeltExporter
from eventlens.store import EventQuery
from tests.web.conftest import TUR_SYR


def test_dateadded_is_the_ingest_time(hand_built_store):
    store = hand_built_store(TUR_SYR)
    ingested = {r[0]: r[1] for r in store.execute("SELECT id, ingested_at FROM articles")}
    store._execute("UPDATE articles SET ingested_at = '2021-07-08T09:10:11+00:00' WHERE id = 'art-1'")
    events = store.query_events(EventQuery(sort="date"))
    out = io.StringIO()
    GdeltExporter(ArticleLookup(store)).write_events(events, out)
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True)) for line in out.getvalue().splitlines()]
    by_source = {r["SOURCEURL"].removeprefix("eventlens:article:"): r["DATEADDED"] for r in rows}
    assert by_source["art-1"] == "20210708091011"
    for article_id, stamp in by_source.items():
        if article_id != "art-1":
            expected = ingested[article_id][:19].replace("-", "").replace("T", "").replace(":", "")
            assert stamp == expected
    mentions = io.StringIO()
    GdeltExporter(ArticleLookup(store)).write_mentions(events, mentions)
    stamps = {line.split("\t")[MENTION_COLUMNS.index("EventTimeDate")] for line in mentions.getvalue().splitlines()}
    assert "20210708091011" in stamps


def test_left_out_events_are_counted_and_explained(hand_built_store, caplog):
    store = hand_built_store(TUR_SYR)
    events = store.query_events(EventQuery(sort="date"))
    events[0].negated = True
    events[1].modality = "intended"
    events[2].modality = "intended"
    exporter = GdeltExporter(ArticleLookup(store))
    with caplog.at_level(logging.WARNING, logger="eventlens.export.gdelt"):
        written = exporter.write_events(events, io.StringIO())
    assert written == len(events) - 3
    assert exporter.left_out == {"negated": 1, "intended (not asserted)": 2}
    assert "3 event(s) left out of the GDELT export" in caplog.text
    assert "2 intended (not asserted), 1 negated" in caplog.text
