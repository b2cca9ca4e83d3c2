"""The analyst's workbench over the API: newest first, sorts, totals, exports that match the list,
search, the article page, and the Origin/Host guard (issue 13). Real SQLite store, real app."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventlens.web import create_app
from eventlens.web.app import DEFAULT_MAX_UPLOAD

FILTER_CASES = [
    {},
    {"actor": "TUR"},
    {"code": "04"},
    {"plover": "CONSULT"},
    {"quad_class": 4},
    {"since": "2011-06-01"},
    {"until": "2011-06-01"},
    {"since": "2020-01", "until": "2020-01"},
    {"q": "SYRSPY"},
    {"article_id": "art-2"},
    {"actor": "TUR", "quad_class": 1, "since": "2020", "sort": "goldstein"},
]


def dates(response) -> list[str | None]:
    return [e["date"] for e in response.json()["items"]]


def test_newest_first_with_undated_last(client):
    assert dates(client.get("/api/events")) == [
        "2021-03-04", "2020-01-20", "2020-01-13", "2020-01-13", "2011-11-23", "2011", None,
    ]  # fmt: skip


def test_sorts(client):
    assert dates(client.get("/api/events", params={"sort": "date"}))[:2] == [None, "2011"]
    scores = [e["goldstein"] for e in client.get("/api/events", params={"sort": "goldstein"}).json()["items"]]
    assert scores == sorted(scores) and scores[0] == -8.0
    scores = [e["goldstein"] for e in client.get("/api/events", params={"sort": "-goldstein"}).json()["items"]]
    assert scores == sorted(scores, reverse=True)
    assert client.get("/api/events", params={"sort": "colour"}).status_code == 422


def test_partial_dates_filter_by_overlap(client):
    # "2011" overlaps any window that touches 2011; "2011-11-23" only windows that hold that day
    assert set(dates(client.get("/api/events", params={"since": "2011-06-01", "until": "2011-12-31"}))) == {
        "2011", "2011-11-23",
    }  # fmt: skip
    assert dates(client.get("/api/events", params={"since": "2011-12-01", "until": "2012"})) == ["2011"]
    assert dates(client.get("/api/events", params={"until": "2011-06-01"})) == ["2011"]
    january = dates(client.get("/api/events", params={"since": "2020-01-15", "until": "2020-01"}))
    assert january == ["2020-01-20"]


def test_total_counts_the_whole_filter(client):
    page = client.get("/api/events", params={"actor": "TUR", "limit": 2}).json()
    assert len(page["items"]) == 2 and page["total"] == 6 and page["next_offset"] == 2


@pytest.mark.parametrize("filters", FILTER_CASES)
def test_export_holds_exactly_the_listed_events(client, filters):
    listed = client.get("/api/events", params={**filters, "limit": 500}).json()
    exported = client.get("/api/export", params={**filters, "format": "csv"})
    assert exported.status_code == 200, exported.text
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == listed["total"] == len(listed["items"])
    assert [r["id"] for r in rows] == [e["id"] for e in listed["items"]]  # the same order too
    jsonl = client.get("/api/export", params={**filters, "format": "jsonl"}).text.splitlines()
    assert [json.loads(line)["id"] for line in jsonl] == [e["id"] for e in listed["items"]]


def test_export_links_of_the_page_carry_every_filter(client):
    filters = {"q": "SYRSPY", "actor": "TUR", "code": "04", "quad_class": "1", "since": "2020",
               "until": "2020-12", "sort": "goldstein"}  # fmt: skip
    page = client.get("/", params=filters).text
    links = re.findall(r'href="(/api/export\?[^"]+)"', page)
    assert links
    for link in links:
        query = dict(re.findall(r"([a-z_]+)=([^&]+)", link.replace("&amp;", "&")))
        for key, value in filters.items():
            assert query.get(key) == value, (key, link)
    total = client.get("/api/events", params=filters).json()["total"]
    assert total > 0 and f'<strong id="total">{total}</strong>' in page


def test_actor_filter_is_literal(client):
    assert client.get("/api/events", params={"actor": "T"}).json()["total"] > 0
    for wildcard in ("%", "%%", "T_R", "S_RGOV", "%GOV"):
        page = client.get("/api/events", params={"actor": wildcard}).json()
        assert page["total"] == 0 and page["items"] == [], wildcard


def test_search_over_evidence_and_names(client):
    found = client.get("/api/search", params={"q": "envoy Geneva"}).json()
    assert found["total"] == 1 and found["items"][0]["article_id"] == "hostile-1"
    assert client.get("/api/events", params={"q": "SYRSPY"}).json()["total"] == 2
    assert client.get("/api/events", params={"q": "SYRGOV"}).json()["total"] == 3
    assert client.get("/api/events", params={"q": "SYRGOV", "quad_class": 3}).json()["total"] == 1
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["total"] == 0
    for hostile in ('"', "AND OR NOT (", "*", "NEAR(a b)", "col:umn", "'; DROP TABLE events; --"):
        assert client.get("/api/search", params={"q": hostile}).status_code == 200, hostile


def test_article_with_highlighted_evidence_and_sources(client):
    article = client.get("/api/articles/art-2").json()
    assert article["title"] == "Article 2" and article["outlet"] is None
    marked = [s for s in article["segments"] if s["event_ids"]]
    assert marked and "".join(s["text"] for s in article["segments"]) == article["text"]
    assert {e["id"] for e in article["events"]} == set(marked[0]["event_ids"])
    event_id = article["events"][0]["id"]
    sources = client.get(f"/api/events/{event_id}").json()["articles"]
    assert [s["id"] for s in sources] == ["art-2"]
    assert client.get("/api/articles/nope").status_code == 404
    assert "Article 2" in client.get("/articles/art-2").text


def test_article_page_escapes_the_text(client):
    page = client.get("/articles/hostile-1").text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "<mark>" in page


def test_outlet_from_metadata_url_or_feed():
    from eventlens.web.queries import outlet_of

    assert outlet_of("BBC News", "https://www.reuters.com/x") == "BBC News"
    assert outlet_of(None, "https://www.reuters.com/world/x") == "reuters.com"
    assert outlet_of("", None, "https://feeds.bbci.co.uk/news/rss.xml") == "feeds.bbci.co.uk"
    assert outlet_of(None, None, "/data/article.txt") is None


def test_foreign_origin_post_is_refused(client):
    body = {"text": "Turkey's foreign minister met his Syrian counterpart in Ankara on Tuesday."}
    for headers in (
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver:8080"},
        {"Referer": "http://evil.example/page"},
    ):
        refused = client.post("/api/ingest/text", json=body, headers=headers)
        assert refused.status_code == 403 and "cross-origin" in refused.json()["detail"], headers
    assert client.get("/api/stats").json()["articles"] == 7  # nothing was stored
    same = client.post("/api/ingest/text", json=body, headers={"Origin": "http://testserver"})
    assert same.status_code == 200 and same.json()["stored"] == 1


def test_foreign_host_is_refused(client):
    response = client.get("/api/events", headers={"Host": "rebound.evil.example"})
    assert response.status_code == 421
    assert client.get("/api/events", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "localhost"}).status_code == 200


def test_token_lets_a_foreign_origin_through(hand_store, lens):
    app = create_app(hand_store.url, lens=lens, token="tok-0123456789abcdef", allowed_hosts=["*"])
    with TestClient(app, base_url="http://anything.example") as remote:
        body = {"text": "Kenya's president met the Somali president in Nairobi on Monday."}
        headers = {"Origin": "http://evil.example", "Authorization": "Bearer tok-0123456789abcdef"}
        assert remote.post("/api/ingest/text", json=body, headers=headers).status_code == 200
        headers["Authorization"] = "Bearer wrong"
        assert remote.post("/api/ingest/text", json=body, headers=headers).status_code == 403


def test_docs_page_is_linked_and_local(client):
    assert 'href="/docs"' in client.get("/").text
    docs = client.get("/docs").text
    assert "/api/events" in docs and "/api/search" in docs and "/openapi.json" in docs
    assert "cdn" not in docs.lower()


def test_upload_error_does_not_show_the_server_path(client):
    response = client.post("/api/ingest", files={"file": ("bad.txt", b"\x00\x01\x02" * 100, "text/plain")})
    assert response.status_code == 200 and response.json()["errors"][0]["article_id"] == "bad.txt"
    for text in (response.text, client.get("/api/errors").text, client.get("/ingest").text):
        assert "eventlens-upload-" not in text and "/tmp" not in text
    assert client.get("/api/errors").json()["items"][0]["article_id"] == "upload:bad.txt"


def test_upload_limit_in_readme_matches_the_code(repo_dir: Path):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"limits uploads \((\d+) MB by default", readme)
    assert stated and int(stated.group(1)) * 1024 * 1024 == DEFAULT_MAX_UPLOAD


def test_actor_page_reads_its_counts(client):
    actor = client.get("/api/actors/code:TURSPY").json()
    assert actor["actor"]["num_events"] == 2 and actor["num_events"] == 2
    assert [c["key"] for c in actor["counterparts"]] == ["SYRSPY"]
    assert actor["counterparts"][0]["events"] == 2
    assert [c["code"] for c in actor["codes_seen"]] == ["TURSPY"]
    events = client.get("/api/actors/code:TURSPY/events").json()
    assert events["total"] == 2
    assert client.get("/api/actors/code:NOPE").status_code == 404


def test_cached_analyses_follow_the_store(client, hand_store):
    from tests.web.conftest import hostile_document

    before = client.get("/api/network", params={"level": "country"}).json()
    assert client.get("/api/network", params={"level": "country"}).json() == before  # served again
    doc = hostile_document()
    doc.article.id = doc.events[0].article_id = doc.events[0].mentions[0].article_id = "hostile-2"
    doc.text = doc.article.text = doc.text.replace("Geneva", "Geneva, again, on a later day")
    doc.events[0].source.code, doc.events[0].source.country, doc.events[0].date = "FRAGOV", "FRA", "2024-05-05"
    doc.events[0].source.actor_id = "code:FRAGOV"
    doc.events[0].id = doc.events[0].make_id()
    assert hand_store.save_document(doc)
    after = client.get("/api/network", params={"level": "country"}).json()
    assert after["events"] == before["events"] + 1
    assert {"FRA"} <= {n["id"] for n in after["nodes"]} and "FRA" not in {n["id"] for n in before["nodes"]}


def test_network_labels_never_collide():
    from eventlens.web.charts import LABEL_CHAR_WIDTH, LABEL_HEIGHT, place_labels

    crowd = [(f"n{i}", f"A rather long actor name {i}", 400 + (i % 5) * 9, 300 + (i // 5) * 9, 6.0) for i in range(40)]
    labels = place_labels(crowd, 880, 600)
    assert 0 < len(labels) < len(crowd)  # a crowded spot cannot name everyone
    boxes = []
    for text, x, y, anchor in labels.values():
        w = len(text) * LABEL_CHAR_WIDTH
        left = {"middle": x - w / 2, "start": x, "end": x - w}[anchor]
        boxes.append((left, y - LABEL_HEIGHT * 0.78, left + w, y + LABEL_HEIGHT * 0.22))
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 880 and a[1] >= 0 and a[3] <= 600
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    edge = place_labels([("e", "Label at the right edge", 875, 300, 5.0)], 880, 600)
    text, x, _, anchor = edge["e"]
    assert anchor == "end" and x - len(text) * LABEL_CHAR_WIDTH >= 0  # turned inwards, not cut off


def test_map_clusters_group_nearby_places():
    from eventlens.web.charts import map_clusters
    from eventlens.web.queries import MapPoint

    points = [
        MapPoint("Moscow", "RUS", 55.75, 37.62, 5, "2020-01-13", "2020-01-20", []),
        MapPoint("Khimki", "RUS", 55.89, 37.44, 2, "2020-01-14", "2020-01-14", []),
        MapPoint("Geneva", "CHE", 46.2, 6.15, 1, "2021-03-04", "2021-03-04", []),
    ]
    clusters = map_clusters(points)
    assert [c.events for c in clusters] == [7, 1]
    assert clusters[0].label == "Moscow +1" and clusters[0].href == "/?place=country%3ARUS"
    assert clusters[1].href == "/?place=Geneva"


def test_sort_by_confidence(client, hand_store):
    from tests.web.conftest import hostile_document

    doc = hostile_document()
    doc.article.id = doc.events[0].article_id = doc.events[0].mentions[0].article_id = "doubtful"
    doc.text = doc.article.text = doc.text.replace("Geneva", "Geneva, the doubtful report said")
    doc.events[0].confidence, doc.events[0].date = 0.31, "2019-05-05"
    doc.events[0].id = doc.events[0].make_id()
    assert hand_store.save_document(doc)
    least = client.get("/api/events", params={"sort": "confidence"}).json()["items"]
    assert least[0]["confidence"] == 0.31 and all(e["confidence"] == 1.0 for e in least[1:])
    most = client.get("/api/events", params={"sort": "-confidence"}).json()["items"]
    assert most[-1]["confidence"] == 0.31
    assert "0.31" in client.get("/", params={"sort": "confidence"}).text


def test_dyad_chart_says_what_it_left_out(hand_built_store, lens):
    rows = [("2020-01-13", "TURGOV", "SYRGOV", "043", 2.8, 1), ("2020-02-13", "SYRGOV", "TURGOV", "112", -2.0, 3),
            (None, "TURGOV", "SYRGOV", "040", 1.0, 1), (None, "SYRGOV", "TURGOV", "173", -5.0, 4),
            ("2020", "TURGOV", "SYRGOV", "036", 4.0, 1)]  # fmt: skip
    store = hand_built_store(rows)
    app = create_app(store.url, lens=lens, allowed_hosts=["testserver"])
    with TestClient(app) as client:
        page = client.get("/dyad", params={"a": "TUR", "b": "SYR", "freq": "month"}).text
    note = re.search(r'<strong id="chart-left-out">(.*?)</strong>', page, re.S)
    assert note and "2 undated events" in note.group(1) and "1 dated too coarsely for a month chart" in note.group(1)
