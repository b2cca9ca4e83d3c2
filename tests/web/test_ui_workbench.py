"""The workbench in a real headless Chromium (issue 13): newest first, sorting, exports that hold
exactly the events the page counts, the article page, search, map zoom, and a POST from another
site refused while the UI's own POST works. The server, browser and page fixtures are those of
`test_ui.py` (a live server over the seed article and `examples/`)."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.web.test_ui import artifacts, page, server  # noqa: F401  (the fixtures of test_ui; browser: conftest)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FILTERS = [
    {},
    {"q": "Fidan"},
    {"actor": "TUR"},
    {"code": "04"},
    {"plover": "CONSULT"},
    {"quad_class": "1"},
    {"since": "2020-01"},
    {"until": "2019-12-31"},
    {"place": "Moscow"},
    {"actor": "TUR", "quad_class": "1", "since": "2011", "sort": "-goldstein"},
]


def table_dates(tab) -> list[str]:
    return [t.split(" ")[0] for t in tab.locator("table#events tbody td.date").all_inner_texts()]


def test_events_open_newest_first_and_sort(page, artifacts):  # noqa: F811
    page.goto("/")
    dates = table_dates(page)
    dated = [d for d in dates if d != "undated"]
    assert len(dated) >= 3 and dated == sorted(dated, reverse=True)
    assert "undated" not in dates[: len(dated)]  # undated events come last
    assert int(page.locator("#total").inner_text()) >= len(dates)
    page.screenshot(path=artifacts / "20-events-newest.png", full_page=True)

    page.select_option("#sort", "goldstein")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"sort=goldstein"))
    scores = [float(t) for t in page.locator("table#events td.goldstein").all_inner_texts() if t != "–"]
    assert len(scores) >= 3 and scores == sorted(scores) and scores[0] < scores[-1]
    page.screenshot(path=artifacts / "21-events-by-goldstein.png", full_page=True)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_export_links_hold_what_the_page_counts(page, filters):  # noqa: F811
    page.goto("/?" + urlencode(filters))
    total = int(page.locator("#total").inner_text())
    csv_link = page.locator("a.export-link[data-format=csv]").get_attribute("href")
    jsonl_link = page.locator("a.export-link[data-format=jsonl]").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(page.request.get(csv_link).text())))
    assert len(rows) == total, (filters, csv_link)
    assert len(page.request.get(jsonl_link).text().splitlines()) == total
    shown = page.locator("table#events tbody tr[data-event-id]").evaluate_all("rs => rs.map(r => r.dataset.eventId)")
    assert [r["id"] for r in rows][: len(shown)] == shown  # same events, same order


def test_article_page_from_an_event(page, artifacts):  # noqa: F811
    page.goto("/?actor=TURSPY")
    page.locator("table#events a.event-link").first.click()
    page.wait_for_url(re.compile(r"/events/ev"))
    assert page.locator("#event-sources a.article-link").count() >= 1
    page.locator("#event-sources a.article-link").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator("#article-title").inner_text().strip()
    assert page.locator("#article-outlet").inner_text() == "unknown"  # a plain .txt names no outlet
    assert page.locator("#article-published").inner_text().startswith("2020-01-14")
    marks = page.locator("#article-text mark")
    assert marks.count() >= 2
    assert any("Fidan" in t or "Mamlouk" in t for t in marks.all_inner_texts())
    assert page.locator("#article-events tbody tr[data-event-id]").count() >= 1
    page.screenshot(path=artifacts / "22-article.png", full_page=True)
    marks.first.click()  # evidence links back to its event
    page.wait_for_url(re.compile(r"/events/ev"))

    page.goto("/articles/example-batch-1")  # a JSONL article: outlet and URL from its metadata
    assert page.locator("#article-outlet").inner_text() == "Example Daily"
    assert page.locator("#article-url a").get_attribute("href") == "https://example.org/news/france-germany-pact"
    assert page.locator("#article-url a").get_attribute("rel") == "noopener noreferrer nofollow"


def test_search_from_the_header(page, artifacts):  # noqa: F811
    page.goto("/actors")
    box = page.locator("header form.search input[name=q]")
    box.fill("Fidan Moscow")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=Fidan"))
    total = int(page.locator("#total").inner_text())
    assert total >= 1 and page.locator("table#events tbody tr[data-event-id]").count() == min(total, 50)
    assert "Hakan Fidan" in page.locator("table#events").inner_text()
    page.screenshot(path=artifacts / "23-search.png", full_page=True)
    box = page.locator("header form.search input[name=q]")
    box.fill("xylophone")
    box.press("Enter")
    page.wait_for_url(re.compile(r"q=xylophone"))
    assert page.locator("#total").inner_text() == "0"


def test_map_zoom_pan_and_click_through(page, artifacts):  # noqa: F811
    page.goto("/map")
    svg = page.locator("#world-map")
    width = float(svg.get_attribute("viewBox").split()[2])
    assert page.locator("#world-map text.map-label").count() >= 3  # the busiest clusters are named
    page.screenshot(path=artifacts / "26-map.png", full_page=True)
    page.locator("#zoom-in").click()
    assert float(svg.get_attribute("viewBox").split()[2]) == pytest.approx(width / 2)
    page.locator("#zoom-out").click()
    assert float(svg.get_attribute("viewBox").split()[2]) == pytest.approx(width)

    moscow = page.locator("#world-map circle.cluster").filter(has=page.locator("title", has_text="Moscow"))
    box = moscow.bounding_box()
    at = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(*at)
    for _ in range(4):  # wheel zoom about the cursor: Moscow stays under it
        page.mouse.wheel(0, -200)
    page.wait_for_function("Number(document.getElementById('world-map').dataset.zoom) >= 3")
    assert "zoomed" in svg.get_attribute("class")  # each place shows once zoomed in
    place = page.locator("#world-map circle.place").filter(has=page.locator("title", has_text="Moscow"))
    near = place.bounding_box()
    assert abs(near["x"] + near["width"] / 2 - at[0]) < 40 and abs(near["y"] + near["height"] / 2 - at[1]) < 40
    page.screenshot(path=artifacts / "27-map-zoomed.png", full_page=True)

    before = svg.get_attribute("viewBox")
    page.mouse.move(*at)
    page.mouse.down()
    page.mouse.move(at[0] + 120, at[1] + 40, steps=5)
    page.mouse.up()
    assert svg.get_attribute("viewBox") != before  # panned
    page.locator("#zoom-reset").click()
    assert float(svg.get_attribute("viewBox").split()[2]) == pytest.approx(width)
    page.locator("#world-map a.cluster-link").first.click()
    page.wait_for_url(re.compile(r"place="))
    assert int(page.locator("#total").inner_text()) >= 1


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory, server) -> Iterator[str]:  # noqa: F811
    """Another site (another origin) whose page POSTs to the eventlens server, as a drive-by would."""
    folder: Path = tmp_path_factory.mktemp("evil")
    (folder / "index.html").write_text(
        "<!doctype html><title>evil</title><script>\n"
        "const data = new FormData();\n"
        "data.append('file', new Blob(['Turkey\\'s foreign minister met the Syrian envoy in Ankara.'],"
        " {type: 'text/plain'}), 'evil.txt');\n"
        f"fetch('{server}/api/ingest', {{method: 'POST', mode: 'no-cors', body: data}})\n"
        "  .then(() => { window.__sent = 'done'; }, (e) => { window.__sent = 'failed ' + e; });\n"
        "</script>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{httpd.server_address[1]}"
    httpd.shutdown()


def test_foreign_origin_post_is_refused_and_own_post_works(browser, server, evil_site, artifacts):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()  # its own context: this page visits another site on purpose
    before = tab.request.get(server + "/api/stats").json()["articles"]
    statuses: list[int] = []
    tab.on("response", lambda r: statuses.append(r.status) if r.url.startswith(server + "/api/ingest") else None)
    tab.goto(evil_site + "/")
    tab.wait_for_function("window.__sent !== undefined")
    assert statuses == [403]
    assert tab.request.get(server + "/api/stats").json()["articles"] == before  # nothing stored

    tab.goto(server + "/ingest")
    form = tab.locator("#text-form")
    form.locator("textarea[name=text]").fill(
        "Kenyan President William Ruto met Somali President Hassan Sheikh Mohamud in Nairobi on Monday, "
        "the Kenyan presidency said."
    )
    form.locator("input[name=date]").fill("2024-03-04")
    form.locator("button[type=submit]").click()
    tab.locator("#ingest-ok, #ingest-bad").wait_for()
    assert "1 stored" in tab.locator("#ingest-result").inner_text()
    assert tab.request.get(server + "/api/stats").json()["articles"] == before + 1
    tab.screenshot(path=artifacts / "25-same-origin-ingest.png", full_page=True)
    context.close()
