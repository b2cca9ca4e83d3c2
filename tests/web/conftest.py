"""Fixtures of the web tests: an app over a hand-built store, and one over real articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventlens.model import Actor, Article, Document, Event, Mention, Place, Sentence
from eventlens.web import create_app

TUR_SYR = [
    ("2011", "TUR", "SYRGOV", "161", -4.0, 4),
    ("2011-11-23", "TURGOV", "SYRGOV", "163", -8.0, 4),
    ("2020-01-13", "TURSPY", "SYRSPY", "043", 2.8, 1),
    ("2020-01-13", "SYRSPY", "TURSPY", "043", 2.8, 1),
    ("2020-01-20", "SYRGOV", "TURGOV", "112", -2.0, 3),
    (None, "TURGOV", "RUSGOV", "040", 1.0, 1),
]

HOSTILE = "<script>window.__pwned = 1</script><b>bold</b> & <img src=x onerror=alert(1)>"


def hostile_document() -> Document:
    """An article whose text and actor names carry markup, as a hostile source could send."""
    text = f"{HOSTILE} met the envoy in Geneva."
    person = Actor(name=HOSTILE, code="XSSGOV", country="XSS", actor_id="name:hostile", kind="person")
    envoy = Actor(name="Envoy", code="IGOUNO", actor_id="code:IGOUNO", kind="organisation")
    event = Event(
        article_id="hostile-1", source=person, target=envoy, cameo="040", quad_class=1, goldstein=1.0,
        date="2021-03-04", date_precision="day", pattern=HOSTILE, trigger="met",
        place=Place(name="<i>Geneva</i>", country="CHE", lat=46.2, lon=6.15),
        mentions=[Mention(article_id="hostile-1", sentence=0, start=0, end=len(HOSTILE) + 4, text=text)],
    )  # fmt: skip
    event.id = event.make_id()
    return Document(
        article=Article(id="hostile-1", text=text, title=HOSTILE),
        text=text, sentences=[Sentence(0, 0, len(text), text)], events=[event],
    )  # fmt: skip


@pytest.fixture
def hand_store(hand_built_store):
    store = hand_built_store(TUR_SYR, place=("Moscow", "RUS", 55.7558, 37.6173))
    store.save_document(hostile_document())
    return store


@pytest.fixture
def client(hand_store, lens):
    app = create_app(hand_store.url, lens=lens, max_upload_bytes=200_000, allowed_hosts=["testserver"])
    with TestClient(app) as test_client:
        yield test_client


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    """A real headless Chromium (Debian's `chromium`, driven by Playwright)."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
