"""GDELT 2.0 export: 61 event columns, 16 mention columns, typed, our ids recoverable."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

import eventlens
from eventlens.export import EVENT_COLUMNS, MENTION_COLUMNS, ArticleLookup, GdeltExporter, export_events
from eventlens.export.gdelt import eventlens_id_from_extras, gdelt_event_id
from eventlens.model import Event

ADDED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
INT_COLUMNS = {"GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
               "NumSources", "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type",
               "ActionGeo_FeatureID", "DATEADDED"}  # fmt: skip
FLOAT_COLUMNS = {"FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"}


def parse_tsv(text: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    rows = []
    for line in text.splitlines():
        cells = line.split("\t")
        assert len(cells) == len(columns), (len(cells), line)
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def test_the_codebook_column_counts() -> None:
    assert len(EVENT_COLUMNS) == 61 and len(set(EVENT_COLUMNS)) == 61
    assert EVENT_COLUMNS[0] == "GlobalEventID" and EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(MENTION_COLUMNS) == 16


def test_event_table_rows_are_typed(stored: eventlens.Store) -> None:
    out = io.StringIO()
    GdeltExporter(ArticleLookup(stored), added=ADDED).write_events(stored.query_events(eventlens.EventQuery()), out)
    rows = parse_tsv(out.getvalue(), EVENT_COLUMNS)
    assert len(rows) == 4  # 3 + 1 events; the negated attack is not a GDELT event
    for row in rows:
        for name in INT_COLUMNS:
            if row[name]:
                int(row[name])
        for name in FLOAT_COLUMNS:
            if row[name]:
                float(row[name])
        assert row["DATEADDED"] == "20260102030405"
    meeting = next(r for r in rows if r["EventCode"] == "043" and r["SOURCEURL"].startswith("https"))
    assert meeting["Day"] == "20200113" and meeting["MonthYear"] == "202001" and meeting["Year"] == "2020"
    assert meeting["Actor1Code"] == "TURSPY" and meeting["Actor1CountryCode"] == "TUR"
    assert meeting["Actor1Type1Code"] == "SPY" and meeting["Actor2Name"] == "ALI MAMLOUK"
    assert meeting["EventBaseCode"] == "043" and meeting["EventRootCode"] == "04" and meeting["QuadClass"] == "1"
    assert meeting["IsRootEvent"] == "1"
    assert meeting["ActionGeo_Type"] == "4" and meeting["ActionGeo_CountryCode"] == "RS"
    assert meeting["ActionGeo_FullName"] == "Moscow, Russia" and meeting["ActionGeo_FeatureID"] == "524901"
    assert meeting["SOURCEURL"] == "https://news.example.org/a/1"
    (local,) = [r for r in rows if r["SOURCEURL"] == "eventlens:article:local-file"]
    assert local["EventCode"] == "112" and local["Actor1Type1Code"] == "GOV" and local["IsRootEvent"] == "1"
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert statement["Day"] == "" and statement["MonthYear"] == "201905" and statement["ActionGeo_Type"] == "1"
    assert statement["Actor1KnownGroupCode"] == "UNO" and statement["Actor1Type1Code"] == "IGO"
    warrant = next(r for r in rows if r["EventCode"] == "1711")
    assert warrant["Year"] == "2018" and warrant["MonthYear"] == "" and warrant["EventBaseCode"] == "171"


def test_global_event_id_is_stable_and_maps_back_through_mentions(sample_events: list[Event]) -> None:
    ids = [gdelt_event_id(e.id) for e in sample_events]
    assert len(set(ids)) == len(ids) and all(0 < i < 2**60 for i in ids)
    assert ids == [gdelt_event_id(e.make_id()) for e in sample_events]
    out = io.StringIO()
    written = GdeltExporter(added=ADDED, include_all=True).write_mentions(sample_events, out)
    rows = parse_tsv(out.getvalue(), MENTION_COLUMNS)
    assert written == len(rows) == sum(len(e.mentions) for e in sample_events)
    by_gdelt = {gdelt_event_id(e.id): e.id for e in sample_events}
    for row in rows:
        assert eventlens_id_from_extras(row["Extras"]) == by_gdelt[int(row["GlobalEventID"])]
        assert int(row["SentenceID"]) >= 1 and int(row["ActionCharOffset"]) >= 0


def test_mentions_carry_the_article_facts(stored: eventlens.Store) -> None:
    out = io.StringIO()
    GdeltExporter(ArticleLookup(stored), added=ADDED).write_mentions(stored.query_events(eventlens.EventQuery()), out)
    rows = parse_tsv(out.getvalue(), MENTION_COLUMNS)
    web = [r for r in rows if r["MentionIdentifier"].startswith("https")]
    assert web and all(r["MentionSourceName"] == "Example News" for r in web)
    assert {r["MentionTimeDate"] for r in web} == {"20200114000000"}
    lengths = {r["MentionIdentifier"]: r["MentionDocLen"] for r in rows}
    assert lengths["https://news.example.org/a/1"] == str(len(stored.get_article("story-1").text))
    assert lengths["eventlens:article:local-file"] == str(len(stored.get_article("local-file").text))


@pytest.mark.parametrize("fmt,columns", [("gdelt", 61), ("gdelt-mentions", 16)])
def test_export_to_a_file(stored: eventlens.Store, tmp_path, fmt: str, columns: int) -> None:
    path = tmp_path / "out.tsv"
    written = export_events(stored, fmt, path)
    lines = path.read_text("utf-8").splitlines()
    assert written == len(lines) > 0
    assert {len(line.split("\t")) for line in lines} == {columns}
