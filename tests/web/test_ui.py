"""The UI in a real headless Chromium (Debian's `chromium`, driven by Playwright), against a real
server started here, on a store built by the real pipeline from the seed article and `examples/`.

Screenshots of every page go to `test-artifacts/ui/` (gitignored).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

import eventlens
from eventlens.web import create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_TEXT = (
    "Turkish Foreign Minister Mevlut Cavusoglu met Russian Foreign Minister Sergei Lavrov in Ankara on Tuesday "
    '<script>window.__pwned = "script"</script> <b>to discuss</b> <img src=x onerror="window.__pwned = \'img\'"> '
    "the war in Syria, the Turkish foreign ministry said."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, lens, seed_path, examples_dir) -> Iterator[str]:
    """A live eventlens server on 127.0.0.1 over the seed article and the examples."""
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    with eventlens.open_store(db) as store:
        summary = lens.ingest([seed_path, examples_dir], store)
    assert summary.stored >= 2 and summary.events > 0, summary
    app = create_app(str(db), lens.settings, lens=lens)
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket (not a timed assertion: it only waits)
        if uv.started:
            break
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def artifacts(repo_dir) -> Path:
    folder = repo_dir / "test-artifacts" / "ui"
    folder.mkdir(parents=True, exist_ok=True)  # each screenshot is overwritten by the next run
    return folder


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    requests: list[str] = []
    pg = context.new_page()
    pg.on("request", lambda request: requests.append(request.url))
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))  # type: ignore[attr-defined]
    yield pg
    outside = [u for u in requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == [], f"the UI fetched from outside eventlens: {outside}"
    context.close()


def test_event_actor_dyad_click_through(page, artifacts):
    page.goto("/?actor=TURSPY")
    page.screenshot(path=artifacts / "01-events.png", full_page=True)
    row = page.locator("table#events tbody tr", has_text="Hakan Fidan").filter(has_text="Ali Mamlouk").first
    assert "2020-01-13" in row.inner_text() and "Moscow" in row.inner_text()

    row.locator("a.event-link").click()
    page.wait_for_url(re.compile(r"/events/ev"))
    assert page.locator("#event-date").inner_text().startswith("2020-01-13")
    assert page.locator("#event-cameo").inner_text().startswith("04")
    assert "Moscow" in page.locator("#event-place").inner_text()
    assert any(name in page.locator("#event-reported").inner_text() for name in ("SANA", "Reuters"))
    assert page.locator("#event-pattern code").inner_text() not in ("", "–")  # the pattern that coded it
    marks = page.locator("ol.evidence mark")
    assert marks.count() >= 2  # headline, lead, caption, body...
    assert any(s in page.locator("ol.evidence").inner_text() for s in ("met in Moscow", "met with Turkish"))
    page.screenshot(path=artifacts / "02-event.png", full_page=True)

    page.locator("h1.event-title a.actor", has_text="Hakan Fidan").click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert "Hakan Fidan" in page.locator("#actor-name").inner_text()
    assert "TURSPY" in page.locator("#codes-seen").inner_text()
    roles = page.locator("#roles")
    assert roles.count() == 1 and "TURSPY" in roles.inner_text()  # dated roles from the knowledge base
    counterpart = page.locator("#counterparts tbody tr", has_text="SYRSPY").first
    assert "Ali Mamlouk" in counterpart.inner_text()
    page.screenshot(path=artifacts / "03-actor.png", full_page=True)

    counterpart.locator("a.dyad-link").click()
    page.wait_for_url(re.compile(r"/dyad\?"))
    summary = page.locator("#dyad-summary").inner_text()
    assert re.search(r"\d+ events between TURSPY and SYRSPY", summary), summary
    assert page.locator("#dyad-chart rect.bar").count() >= 2  # both directions in 2020-01
    assert page.locator("#periods").inner_text().count("2020-01") >= 2
    assert "Ali Mamlouk" in page.locator("#timeline").inner_text()
    page.screenshot(path=artifacts / "04-dyad.png", full_page=True)
    assert page.console_errors == []


def test_network_map_alerts_and_lists(page, artifacts):
    page.goto("/network")
    assert page.locator("#network circle.node").count() >= 3
    assert page.locator("#network path.edge").count() >= 2
    assert "TUR" in page.locator("#centrality").inner_text()
    page.screenshot(path=artifacts / "05-network.png", full_page=True)

    page.goto("/map")
    assert page.locator("#world-map path.country").count() > 150
    assert page.locator("#world-map circle.mark").count() >= 1
    assert "Moscow" in page.locator("#places").inner_text()
    page.screenshot(path=artifacts / "06-map.png", full_page=True)

    page.goto("/alerts")
    alerts = page.locator("#alerts").inner_text()
    meeting = r"first \w+ event between (TURSPY and SYRSPY|SYRSPY and TURSPY) since 2011 \(8 years"
    assert re.search(meeting, alerts), alerts
    page.screenshot(path=artifacts / "07-alerts.png", full_page=True)

    page.goto("/actors")
    assert page.locator("table.actors tbody tr").count() >= 5
    page.screenshot(path=artifacts / "08-actors.png", full_page=True)

    page.goto("/place?p=Moscow")
    assert "Hakan Fidan" in page.locator("#timeline").inner_text()
    page.screenshot(path=artifacts / "09-place.png", full_page=True)

    page.goto("/?since=not-a-date")
    assert "since must be an ISO date" in page.locator("#error-message").inner_text()
    page.screenshot(path=artifacts / "10-error.png", full_page=True)


def test_hostile_article_is_shown_inert(page, artifacts):
    page.goto("/ingest")
    form = page.locator("#text-form")
    form.locator("input[name=title]").fill("<b>Ministers</b> meet <script>window.__pwned = 'title'</script>")
    form.locator("input[name=date]").fill("2024-02-06")
    form.locator("textarea[name=text]").fill(HOSTILE_TEXT)
    form.locator("button[type=submit]").click()
    page.locator("#ingest-ok, #ingest-bad").wait_for()
    result = page.locator("#ingest-result").inner_text()
    assert "1 stored" in result, result
    page.screenshot(path=artifacts / "11-ingest.png", full_page=True)
    links = page.locator("#ingest-events a")
    assert links.count() >= 1, "the hostile article should still give its meeting event"

    links.first.click()
    page.wait_for_url(re.compile(r"/events/ev"))
    evidence = page.locator("ol.evidence").inner_text()
    assert "<script>" in evidence and "<b>to discuss</b>" in evidence  # shown as text...
    assert page.locator("ol.evidence script, ol.evidence b, ol.evidence img").count() == 0  # ...never as markup
    assert "<b>Ministers</b>" in page.locator("ol.evidence .meta").first.inner_text()
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=artifacts / "12-hostile-event.png", full_page=True)
    page.goto("/")
    assert page.evaluate("window.__pwned") is None
