"""RSS/Atom feeds and `eventlens watch`, against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import functools
import html
import json
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventlens
from eventlens.cli import main
from eventlens.config import Limits
from eventlens.engine.watch import FeedWatcher
from eventlens.errors import InputError
from eventlens.readers.feeds import HttpFetcher, WatchState, parse_feed

STORIES = ["iran-iaea-talks-2024-05-07", "turkey-syria-ties-cut-2011-11-23", "un-envoy-visits-kyiv-2023-03-08"]
LOOPBACK = ("127.0.0.0/8",)  # the test server's network: allowed explicitly, as a user would
LONG_CONTENT = " ".join(["Officials from both governments met on Tuesday to discuss border security and trade."] * 6)


class Handler(SimpleHTTPRequestHandler):
    """Static files, plus a page that never answers in time and one that is too large."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/slow.html":
            time.sleep(3)
        if self.path == "/redirect-to-file":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/secret")
            self.end_headers()
            return
        if self.path.startswith("/redirect-to?"):  # an open redirect, as many sites have
            self.send_response(302)
            self.send_header("Location", self.path.split("?", 1)[1])
            self.end_headers()
            return
        if self.path == "/huge.html":
            body = b"<html><body><p>" + b"word " * 1_000_000 + b"</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on /slow.html leaves a broken pipe behind: expected


@pytest.fixture
def site(tmp_path: Path, examples_dir: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """A directory served over HTTP: three article pages written from our examples; (base URL, root, request log)."""
    root = tmp_path / "site"
    root.mkdir()
    for name in STORIES:
        lines = [ln.strip() for ln in (examples_dir / f"{name}.txt").read_text("utf-8").splitlines() if ln.strip()]
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        page = f"<html><head><title>{html.escape(lines[0])}</title></head><body><nav>Home | World</nav>"
        page += (
            f"<article><h1>{html.escape(lines[0])}</h1>{paragraphs}</article><footer>(c) Example</footer></body></html>"
        )
        (root / f"{name}.html").write_text(page, "utf-8")
    server = QuietServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root, server.requests  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def rss(items: list[dict[str, str]], title: str = "Example Wire") -> str:
    body = ""
    for item in items:
        body += "<item>" + "".join(f"<{k}>{html.escape(v)}</{k}>" for k, v in item.items()) + "</item>"
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'


def story_item(base: str, name: str, guid: str) -> dict[str, str]:
    return {"title": name, "link": f"{base}/{name}.html", "guid": guid, "pubDate": "Tue, 07 May 2024 09:00:00 GMT"}


def watcher(lens: eventlens.EventLens, store: eventlens.Store, state: Path, timeout: float = 5) -> FeedWatcher:
    return FeedWatcher(lens, store, WatchState.load(state), HttpFetcher(timeout=timeout, allow=LOOPBACK))


def test_parse_rss_and_atom() -> None:
    item = {"title": "A", "link": "http://x/a", "guid": "g1", "pubDate": "Tue, 14 Jan 2020 10:00:00 GMT"}
    entries = parse_feed(rss([item]).encode(), "feed")
    assert [(e.key, e.link, e.published.isoformat(), e.outlet) for e in entries] == [
        ("g1", "http://x/a", "2020-01-14", "Example Wire")
    ]
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>'
        "<entry><id>urn:1</id><title>B</title><updated>2021-03-03T10:00:00Z</updated>"
        '<content type="html">&lt;p&gt;text&lt;/p&gt;</content></entry></feed>'
    )
    (entry,) = parse_feed(atom.encode(), "atom")
    assert (entry.key, entry.content, entry.published.isoformat()) == ("urn:1", "<p>text</p>", "2021-03-03")
    assert entry.article_id == parse_feed(atom.encode(), "again")[0].article_id
    with pytest.raises(InputError, match="not a feed"):
        parse_feed(b"just some words, no feed here", "junk")


def test_new_entries_once_across_restarts(
    site: tuple[str, Path, list[str]], tmp_path: Path, lens: eventlens.EventLens
) -> None:
    base, root, requests = site
    feed = root / "feed.xml"
    feed.write_text(rss([story_item(base, STORIES[0], "s0"), story_item(base, STORIES[1], "s1")]), "utf-8")
    db, state = tmp_path / "w.db", tmp_path / "w.state.json"
    with eventlens.open_store(db) as store:
        first = watcher(lens, store, state).poll([f"{base}/feed.xml"])
        assert (first.entries, first.new, first.ingest.stored, first.ingest.errors) == (2, 2, 2, [])
        stored = store.get_article(parse_feed(feed.read_bytes(), "f")[0].article_id)
        assert stored is not None and stored.url == f"{base}/{STORIES[0]}.html" and stored.outlet == "Example Wire"
        assert stored.published == "2024-05-07" and "Grossi" in stored.text and "Home | World" not in stored.text
    assert json.loads(state.read_text("utf-8"))["feeds"][f"{base}/feed.xml"]["modified"]
    # a restart: a new process would load the same state and store; the unchanged feed answers 304
    requests.clear()
    with eventlens.open_store(db) as store:
        again = watcher(lens, store, state).poll([f"{base}/feed.xml"])
        assert (again.entries, again.new, again.ingest.stored) == (0, 0, 0)
    assert requests == ["/feed.xml"]
    # the feed changes: only the new entry is fetched and ingested
    time.sleep(1.1)  # Last-Modified has a one-second resolution
    items = [story_item(base, name, f"s{i}") for i, name in enumerate(STORIES)]
    feed.write_text(rss(items), "utf-8")
    requests.clear()
    result = CliRunner().invoke(
        main, ["watch", f"{base}/feed.xml", "--db", str(db), "--state", str(state), "--once", "--quiet",
               "--allow-network", "127.0.0.1"]
    )
    assert result.exit_code == 0, result.output
    assert "3 entries, 1 new; 1 stored" in result.output
    assert requests == ["/feed.xml", f"/{STORIES[2]}.html"]
    with eventlens.open_store(db) as store:
        assert store.counts().articles == 3


def test_bad_entries_are_recorded_and_retried_a_few_times(
    site: tuple[str, Path, list[str]], tmp_path: Path, lens: eventlens.EventLens
) -> None:
    base, _, requests = site
    items = [
        {"title": "gone", "link": f"{base}/missing.html", "guid": "e-404"},
        {"title": "slow", "link": f"{base}/slow.html", "guid": "e-slow"},
        {"title": "huge", "link": f"{base}/huge.html", "guid": "e-huge"},
        {"title": "Border talks", "link": f"{base}/missing-too.html", "guid": "e-text", "description": LONG_CONTENT},
        {"title": "Ministers meet", "guid": "e-nolink", "description": f"<p>{LONG_CONTENT}</p>"},
        {"title": "good", "link": f"{base}/{STORIES[2]}.html", "guid": "e-good"},
    ]
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "wire.rss").write_text(rss(items), "utf-8")  # a local directory of feed files
    (feeds / "broken.xml").write_text("this is no feed", "utf-8")
    state = tmp_path / "state.json"
    with eventlens.open_store(tmp_path / "b.db") as store:
        first = watcher(lens, store, state, timeout=1).poll([str(feeds), f"{base}/nothing-here.xml"])
        reasons = {e.article_id: e.reason for e in first.ingest.errors}
        assert first.ingest.stored == 3  # the good page, and the two entries read from their own text
        assert any("HTTP 404" in r for r in reasons.values())
        assert any("timed out" in r for r in reasons.values())
        assert any("too large" in r for r in reasons.values())
        assert any("not a feed" in r for r in reasons.values())
        assert any(r.startswith(f"{base}/nothing-here.xml: HTTP 404") for r in reasons.values())
        assert len(store.list_errors()) == len(first.ingest.errors) == 5
        for _ in range(3):
            watcher(lens, store, state, timeout=1).poll([str(feeds)])
        assert requests.count("/missing.html") == 3  # given up after three attempts
        assert store.counts().articles == 3


def test_oversized_feed_is_refused(site: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    base, _, _ = site
    fetcher = HttpFetcher(timeout=5, allow=LOOPBACK)
    with pytest.raises(InputError, match="too large"):
        fetcher.get(f"{base}/huge.html", Limits().max_bytes)
    with pytest.raises(InputError, match="only http"):
        fetcher.get("file:///etc/passwd", 1000)


def test_redirects_lead_to_http_only(site: tuple[str, Path, list[str]]) -> None:
    base, _, _ = site
    server_redirect = f"{base}/redirect-to-file"
    with pytest.raises(InputError, match="non-HTTP"):
        HttpFetcher(timeout=5, allow=LOOPBACK).get(server_redirect, 1000)


# -- issue 12: no server-side request forgery through watch -----------------------------------------
def test_loopback_is_refused_unless_allowed(site: tuple[str, Path, list[str]]) -> None:
    base, _, requests = site
    page = f"{base}/{STORIES[0]}.html"
    with pytest.raises(InputError, match="loopback address"):
        HttpFetcher(timeout=5).get(page, 100_000)
    assert requests == []  # refused before any connection
    assert b"<article>" in HttpFetcher(timeout=5, allow=LOOPBACK).get(page, 100_000).data
    assert requests == [f"/{STORIES[0]}.html"]


def test_a_name_is_checked_after_resolution(site: tuple[str, Path, list[str]]) -> None:
    base, _, requests = site
    by_name = base.replace("127.0.0.1", "localhost") + f"/{STORIES[0]}.html"
    with pytest.raises(InputError, match="localhost is a loopback address"):
        HttpFetcher(timeout=5).get(by_name, 100_000)
    assert requests == []


@pytest.mark.parametrize(
    "target",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/admin", "http://[::1]/",
     "http://224.0.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/"],
)  # fmt: skip
def test_a_redirect_to_an_internal_address_is_refused(site: tuple[str, Path, list[str]], target: str) -> None:
    base, _, requests = site
    fetcher = HttpFetcher(timeout=5, allow=("127.0.0.1/32",))  # only the test server itself
    with pytest.raises(InputError, match="refused"):
        fetcher.get(f"{base}/redirect-to?{target}", 100_000)
    assert len(requests) == 1  # the redirect was answered; its target never contacted


def test_a_bad_allow_network_is_an_error() -> None:
    with pytest.raises(InputError, match="not an IP address or network"):
        HttpFetcher(allow=("intranet",))


def test_watch_does_not_store_an_internal_page(
    site: tuple[str, Path, list[str]], tmp_path: Path, lens: eventlens.EventLens
) -> None:
    """A feed entry linking to an internal service: refused and recorded; stored only when allowed."""
    base, _, requests = site
    feed = tmp_path / "feed.xml"
    feed.write_text(rss([story_item(base, STORIES[0], "internal-1")]), "utf-8")
    db, state = tmp_path / "w.db", tmp_path / "w.state"
    args = ["watch", str(feed), "--db", str(db), "--state", str(state), "--once", "--quiet"]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 0, refused.output
    assert requests == []
    with eventlens.open_store(db) as store:
        assert store.counts().articles == 0
        (error,) = store.list_errors()
        assert "loopback address" in error.reason and "--allow-network" in error.reason
    allowed = CliRunner().invoke(main, [*args, "--allow-network", "127.0.0.0/8"])
    assert allowed.exit_code == 0, allowed.output
    with eventlens.open_store(db) as store:
        assert store.counts().articles == 1


def test_a_page_or_feed_the_parser_chokes_on_fails_alone(
    site: tuple[str, Path, list[str]], tmp_path: Path, lens: eventlens.EventLens, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any exception while reading one entry's page (or one feed) is recorded; the poll goes on."""
    import feedparser
    import trafilatura

    base, root, _ = site
    real_extract = trafilatura.extract

    def deep(html: str, *args: object, **kwargs: object) -> str | None:
        if "Grossi" in html:  # the first story's page only
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(html, *args, **kwargs)

    monkeypatch.setattr(trafilatura, "extract", deep)
    (root / "feed.xml").write_text(rss([story_item(base, STORIES[0], "s0"), story_item(base, STORIES[1], "s1")]))
    broken = tmp_path / "broken.xml"
    broken.write_text(rss([story_item(base, STORIES[2], "s2")]), "utf-8")
    real_parse = feedparser.parse

    def choke(data: bytes, *args: object, **kwargs: object) -> object:
        if STORIES[2].encode() in data:
            raise AttributeError("'NoneType' object has no attribute 'get'")
        return real_parse(data, *args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", choke)
    with eventlens.open_store(tmp_path / "w.db") as store:
        result = watcher(lens, store, tmp_path / "w.state").poll([f"{base}/feed.xml", str(broken)])
        assert result.ingest.stored == 1  # the second story
        reasons = sorted(e.reason for e in result.ingest.errors)
        assert len(reasons) == 2, reasons
        assert any("AttributeError" in r and "broken.xml" in r for r in reasons)
        assert any("nested too deeply" in r for r in reasons)
