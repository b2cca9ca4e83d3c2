"""Every API endpoint, with good and bad input, over a real SQLite store (and the real pipeline for uploads)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from eventlens.web import create_app


def test_health_stats_and_schema(client):
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.get("/api/stats").json() == {"articles": 7, "events": 7, "actors": 8, "errors": 0}
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/dyad",
        "/api/network",
        "/api/alerts",
        "/api/ingest",
        "/api/ingest/text",
        "/api/export",
        "/api/map",
        "/api/timeline",
    ):
        assert path in schema["paths"], path


def test_security_headers(client):
    response = client.get("/api/health")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_events_filters_and_pagination(client):
    all_events = client.get("/api/events").json()
    assert len(all_events["items"]) == 7 and all_events["next_offset"] is None and all_events["total"] == 7
    first = client.get("/api/events", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])
    spies = client.get("/api/events", params={"actor": "TURSPY"}).json()["items"]
    assert {(e["source"]["code"], e["target"]["code"]) for e in spies} == {("TURSPY", "SYRSPY"), ("SYRSPY", "TURSPY")}
    consult = client.get("/api/events", params={"code": "04", "since": "2020-01-01"}).json()["items"]
    assert [e["cameo"] for e in consult] == ["040", "043", "043"]  # newest first
    assert [e["date"] for e in consult] == ["2021-03-04", "2020-01-13", "2020-01-13"]
    assert all(e["quad_class"] == 4 for e in client.get("/api/events", params={"quad_class": 4}).json()["items"])


@pytest.mark.parametrize(
    ("params", "status", "fragment"),
    [
        ({"since": "yesterday"}, 400, "since must be an ISO date"),
        ({"until": "2020-13-01"}, 400, "until must be an ISO date"),
        ({"code": "abc"}, 400, "CAMEO event code"),
        ({"limit": 0}, 422, "limit"),
        ({"limit": 100000}, 422, "limit"),
        ({"offset": -1}, 422, "offset"),
        ({"quad_class": 7}, 422, "quad_class"),
        ({"quad_class": "x"}, 422, "quad_class"),
        ({"actor": "x" * 500}, 422, "actor"),
    ],
)
def test_events_bad_input(client, params, status, fragment):
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert fragment in response.json()["detail"]


def test_one_event_with_evidence(client):
    event = client.get("/api/events", params={"actor": "TURSPY", "limit": 1}).json()["items"][0]
    got = client.get(f"/api/events/{event['id']}").json()
    assert got["event"]["id"] == event["id"]
    [evidence] = got["evidence"]
    assert evidence["span"] == evidence["text"][evidence["span_start"] : evidence["span_end"]]
    assert evidence["text"].startswith(event["source"]["code"])
    missing = client.get("/api/events/ev:nope")
    assert missing.status_code == 404 and "no event" in missing.json()["detail"]


def test_actors(client):
    page = client.get("/api/actors", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next_offset"] == 2
    actor = client.get("/api/actors/code:TURSPY").json()
    assert actor["actor"]["code"] == "TURSPY" and actor["num_events"] == 2
    assert actor["codes_seen"] == [{"code": "TURSPY", "first": "2020-01-13", "last": "2020-01-13", "events": 2}]
    assert [c["key"] for c in actor["counterparts"]] == ["SYRSPY"]
    assert actor["roles"] == [] and actor["roles_source"] == "none"  # not a person the knowledge base knows
    events = client.get("/api/actors/code:TURSPY/events", params={"limit": 1}).json()
    assert len(events["items"]) == 1 and events["next_offset"] == 1
    assert client.get("/api/actors/code:NOBODY").status_code == 404
    assert client.get("/api/actors/code:NOBODY/events").status_code == 404
    assert client.get("/api/actors", params={"limit": -5}).status_code == 422


def test_actor_roles_from_the_knowledge_base(client, hand_store):
    from eventlens.model import Actor, Article, Document, Event, Sentence

    text = "Hakan Fidan met Ali Mamlouk."
    fidan = Actor(name="Hakan Fidan", code="TURSPY", country="TUR", actor_id="kb:hakan-fidan", kind="person")
    mamlouk = Actor(name="Ali Mamlouk", code="SYRSPY", country="SYR", actor_id="kb:ali-mamlouk", kind="person")
    event = Event(article_id="kb-1", source=fidan, target=mamlouk, cameo="043", date="2020-01-13", date_precision="day")
    event.id = event.make_id()
    hand_store.save_document(Document(article=Article(id="kb-1", text=text), text=text,
                                      sentences=[Sentence(0, 0, len(text), text)], events=[event]))  # fmt: skip
    got = client.get("/api/actors/kb:hakan-fidan").json()
    assert got["roles_source"] == "knowledge base"
    assert any(r["code"] == "TURSPY" and r["start"] and r["start"] <= "2020-01-13" for r in got["roles"])


def test_dyad(client):
    got = client.get("/api/dyad", params={"a": "TUR", "b": "SYR", "freq": "month", "limit": 2}).json()
    assert [p["period"] for p in got["forward"]] == ["2011-11", "2020-01"]
    assert [p["period"] for p in got["backward"]] == ["2020-01"]
    assert got["backward"][0]["count"] == 2 and got["backward"][0]["mean_goldstein"] == 0.4
    assert got["unplaced"] == 1 and got["total_events"] == 5
    assert len(got["events"]["items"]) == 2 and got["events"]["next_offset"] == 2
    spies = client.get("/api/dyad", params={"a": "country:TUR", "b": "SYRSPY", "freq": "day"}).json()
    assert spies["total_events"] == 2


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"a": "TUR"}, 422),
        ({"a": "TUR", "b": "SYR", "freq": "hourly"}, 422),
        ({"a": "TUR", "b": "country:Syria"}, 400),
        ({"a": "TUR", "b": "SYR", "since": "2020/01/01"}, 400),
        ({"a": "", "b": "SYR"}, 422),
    ],
)
def test_dyad_bad_input(client, params, status):
    response = client.get("/api/dyad", params=params)
    assert response.status_code == status and response.json()["detail"]


def test_network(client):
    got = client.get("/api/network", params={"level": "country"}).json()
    edges = {(e["source"], e["target"]): e for e in got["edges"]}
    assert edges[("TUR", "SYR")]["count"] == 3 and edges[("TUR", "SYR")]["tone"] == "conflict"
    assert edges[("SYR", "TUR")]["tone"] == "mixed"
    assert {n["id"] for n in got["nodes"]} >= {"TUR", "SYR", "RUS"}
    around = client.get("/api/network", params={"level": "code", "around": "TURSPY"}).json()
    assert {(e["source"], e["target"]) for e in around["edges"]} == {("TURSPY", "SYRSPY"), ("SYRSPY", "TURSPY")}
    assert client.get("/api/network", params={"level": "planet"}).status_code == 422
    assert client.get("/api/network", params={"min_count": 0}).status_code == 422
    assert client.get("/api/network", params={"until": "soon"}).status_code == 400


def test_timeline(client):
    actor = client.get("/api/timeline", params={"actor": "TURGOV"}).json()["items"]
    assert [e["date"] for e in actor] == ["2011-11-23", "2020-01-20", None]
    dyad = client.get("/api/timeline", params={"actor": "TUR", "other": "SYR"}).json()["items"]
    assert [e["date"] for e in dyad][:2] == ["2011", "2011-11-23"]
    place = client.get("/api/timeline", params={"place": "Moscow"}).json()["items"]
    assert len(place) == 6
    assert client.get("/api/timeline").status_code == 400
    assert client.get("/api/timeline", params={"place": "country:RUS", "limit": 501}).status_code == 422


def test_alerts(client):
    got = client.get("/api/alerts").json()["items"]
    silence = [a for a in got if a["kind"] == "silence_broken"]
    assert len(silence) == 1
    assert "since 2011" in silence[0]["message"] and silence[0]["gap_days"] > 365 * 8
    # the previous contact is the one dated "2011", whose latest possible day (2011-12-31) is the latest
    assert silence[0]["pair"] == ["SYR", "TUR"] and silence[0]["previous_date"] == "2011"
    assert client.get("/api/alerts", params={"since": "2021"}).json()["items"] == []
    assert client.get("/api/alerts", params={"since": "later"}).status_code == 400
    assert client.get("/api/alerts", params={"min_gap_days": 0}).status_code == 422
    assert client.get("/api/alerts", params={"shift_threshold": -1}).status_code == 422


def test_map_and_errors(client):
    points = client.get("/api/map").json()["points"]
    moscow = next(p for p in points if p["name"] == "Moscow")
    assert moscow["events"] == 6 and moscow["first"] == "2011" and moscow["last"] == "2020-01-20"
    assert client.get("/api/map", params={"since": "2020-02-01"}).json()["points"][0]["name"] == "<i>Geneva</i>"
    assert client.get("/api/map", params={"limit": 1, "offset": 1}).json()["items"][0]["name"] == "<i>Geneva</i>"
    assert client.get("/api/map", params={"limit": 0}).status_code == 422
    assert client.get("/api/errors").json() == {"items": [], "limit": 50, "offset": 0, "next_offset": None}
    assert client.get("/api/errors", params={"limit": 0}).status_code == 422


def test_export(client):
    text = client.get("/api/export", params={"format": "csv", "actor": "TURSPY"})
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert {r["source_code"] for r in rows} == {"TURSPY", "SYRSPY"}
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == 7 and all(json.loads(line)["cameo"] for line in lines)
    assert "attachment" in client.get("/api/export").headers["content-disposition"]
    bad = client.get("/api/export", params={"format": "xlsx"})
    assert bad.status_code == 400 and "unknown export format" in bad.json()["detail"]


def test_export_formats_of_the_export_package(client):
    from eventlens.web.exports import available_formats

    for fmt in set(available_formats()) - {"csv", "jsonl"}:
        response = client.get("/api/export", params={"format": fmt, "actor": "TURSPY"})
        # hand-built events carry no PLOVER type, so the PLOVER export is rightly empty
        assert response.status_code == 200 and (response.content or fmt == "plover"), fmt


SEEDISH = (
    "Turkish and Syrian intelligence chiefs meet in Moscow\n\n"
    "The head of Turkey's intelligence agency, Hakan Fidan, met Syria's security chief Ali Mamlouk in Moscow "
    "on Monday, the Syrian state news agency SANA said.\n"
)


@pytest.mark.slow
def test_ingest_text_through_the_pipeline(client):
    body = {"text": SEEDISH, "title": "Chiefs meet", "date": "2020-01-14", "source": "Example Wire", "id": "api-1"}
    first = client.post("/api/ingest/text", json=body)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] == 1 and first.json()["article_ids"] == ["api-1"]
    again = client.post("/api/ingest/text", json=body).json()
    assert again["stored"] == 0 and again["skipped"] == 1
    assert client.get("/api/stats").json()["articles"] == 8


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": ""}, 422),
        ({}, 422),
        ({"text": "x", "date": "14 Jan"}, 400),
        ({"text": "x" * 500_001}, 413),  # over the app's upload limit before validation
        ({"text": 5}, 422),
    ],
)
def test_ingest_text_bad_input(client, body, status):
    response = client.post("/api/ingest/text", json=body)
    assert response.status_code == status and response.json()["detail"]


def test_ingest_text_not_json(client):
    headers = {"content-type": "application/json"}
    response = client.post("/api/ingest/text", content=b"\xff\x00 not json", headers=headers)
    assert response.status_code == 400 and response.json()["detail"]


@pytest.mark.slow
def test_ingest_files(client):
    ok = client.post("/api/ingest", files={"file": ("chiefs.txt", SEEDISH.encode(), "text/plain")})
    assert ok.status_code == 200 and ok.json()["stored"] == 1
    batch = b'{"id": "b1", "text": "Kenya and Somalia agreed to reopen their border, officials said."}\nnot json\n'
    got = client.post("/api/ingest", files={"file": ("batch.jsonl", batch, "application/x-ndjson")}).json()
    assert got["stored"] == 1 and len(got["errors"]) == 1 and "eventlens-upload" not in got["errors"][0]["article_id"]
    binary = client.post("/api/ingest", files={"file": ("blob.txt", bytes(range(256)) * 40, "text/plain")}).json()
    assert binary["stored"] == 0 and binary["errors"] and binary["errors"][0]["stage"] == "read"
    assert client.get("/api/errors").json()["items"]  # the failures are recorded


@pytest.mark.parametrize(
    ("name", "data", "status", "fragment"),
    [
        ("virus.exe", b"MZ", 415, "unsupported file type"),
        ("empty.txt", b"", 400, "empty"),
        ("huge.txt", b"a" * 300_000, 413, "too large"),
    ],
)
def test_ingest_file_bad_input(client, name, data, status, fragment):
    response = client.post("/api/ingest", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == status and fragment in response.json()["detail"]


def test_ingest_without_a_file(client):
    assert client.post("/api/ingest").status_code == 422


def test_token_authentication(hand_store, lens):
    app = create_app(hand_store.url, lens=lens, token="s3cret-token-0123456", allowed_hosts=["testserver"])
    with TestClient(app) as anonymous:
        denied = anonymous.get("/api/events")
        assert denied.status_code == 401 and "token is required" in denied.json()["detail"]
        assert anonymous.get("/").status_code == 401
        assert anonymous.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert anonymous.get("/api/events", headers={"Authorization": "Bearer s3cret-token-0123456"}).status_code == 200
        assert anonymous.get("/static/style.css").status_code == 200
        assert anonymous.get("/api/health").status_code == 200
    with TestClient(app) as browser:
        assert browser.get("/?token=s3cret-token-0123456").status_code == 200  # sets the cookie
        assert browser.get("/actors").status_code == 200
        assert browser.get("/api/stats").status_code == 200


def test_bad_store_url():
    from eventlens.errors import ConfigError

    with pytest.raises(ConfigError):
        create_app("mysql://nowhere/db")
