"""RSS and Atom feeds: entries, the pages they link to, and the state of a watch.

A feed source is a URL (http/https) or a local file or directory of feed files
(`.xml`, `.rss`, `.atom`). Each entry becomes an article: the page at its link
is fetched over HTTP (with a timeout and a size limit) and read by the HTML
reader; an entry whose page cannot be fetched but which carries its own text
(`content` / `summary`) is read from that. The article id is stable for the
entry (`feed:` + a hash of its id, else its link), so an entry already in the
store is never fetched or ingested again, whatever happened in between.

`WatchState` keeps, in a small JSON file next to the database, what the store
cannot: each feed's ETag / Last-Modified (for conditional requests) and the
entries that failed, with their attempts (retried up to a limit).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser

from ..config import Limits
from ..errors import InputError
from ..model import Article
from .addresses import AddressRefused, guarded_handlers, parse_networks
from .decode import check_text
from .guard import reason_for
from .html import read_html_bytes
from .warc import as_utf8

logger = logging.getLogger(__name__)

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".feed"}
MIN_CONTENT_WORDS = 40  # an entry's own text is used as the article only if it is a real text
USER_AGENT = "eventlens-watch/0.1 (+https://github.com/eventlens)"


# -- fetching ----------------------------------------------------------------------
@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    content_type: str = ""
    etag: str | None = None
    modified: str | None = None
    not_modified: bool = False


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (never to ftp:// or file://)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL refused: {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpFetcher:
    """GET over http(s) only, with a timeout and a size limit; every failure is an `InputError`.

    Only public addresses are connected to, checked after DNS resolution and on every redirect
    (`addresses.py`); `allow` lists the networks (CIDR or single addresses) the user allows beyond.
    """

    def __init__(self, timeout: float = 20.0, user_agent: str = USER_AGENT, allow: Iterable[str] = ()) -> None:
        self.timeout = timeout
        self.user_agent = user_agent
        self.allowed = parse_networks(allow)
        self.opener = urllib.request.build_opener(*guarded_handlers(self.allowed), _HttpOnlyRedirects())

    def get(self, url: str, max_bytes: int, etag: str | None = None, modified: str | None = None) -> Fetched:
        if not url.lower().startswith(("http://", "https://")):
            raise InputError(f"{url}: only http and https URLs are fetched")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        request = urllib.request.Request(url, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:  # the scheme is checked above
                data = response.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError(f"{url}: response too large (over {max_bytes:,} bytes)")
                return Fetched(
                    url=response.geturl(),
                    data=data,
                    content_type=response.headers.get("Content-Type", ""),
                    etag=response.headers.get("ETag"),
                    modified=response.headers.get("Last-Modified"),
                )
        except AddressRefused as exc:
            raise AddressRefused(f"{url}: refused: {exc}") from exc
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url=url, data=b"", etag=etag, modified=modified, not_modified=True)
            raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
        except urllib.error.URLError as exc:
            raise InputError(f"{url}: cannot fetch ({exc.reason})") from exc
        except TimeoutError as exc:
            raise InputError(f"{url}: timed out after {self.timeout:g} s") from exc
        except (OSError, ValueError) as exc:  # connection reset, bad URL, bad HTTP
            raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from exc


# -- feeds and entries -------------------------------------------------------------
@dataclass(frozen=True)
class FeedEntry:
    key: str  # the entry's id, else its link
    feed: str  # the source it came from
    link: str | None = None
    title: str | None = None
    published: date | None = None
    content: str | None = None  # the entry's own text or HTML
    outlet: str | None = None  # the feed's title

    @property
    def article_id(self) -> str:
        return "feed:" + hashlib.sha1(self.key.encode("utf-8", "replace")).hexdigest()[:16]


def parse_feed(data: bytes, source: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom document (bytes only: feedparser never fetches anything here)."""
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom feed found"
        raise InputError(f"{source}: not a feed ({reason})")
    outlet = (parsed.feed.get("title") or "").strip() or None
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        key = entry.get("id") or link
        if not key:
            continue
        title = (entry.get("title") or "").strip() or None
        content = _entry_content(entry)
        entries.append(FeedEntry(str(key), source, link, title, _entry_date(entry), content, outlet))
    return entries


def _entry_date(entry: Any) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date()


def _entry_content(entry: Any) -> str | None:
    for item in entry.get("content") or []:
        if item.get("value"):
            return str(item["value"])
    return entry.get("summary") or None


def local_feed_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FEED_SUFFIXES)
    return [path]


def entry_article(entry: FeedEntry, fetcher: HttpFetcher, limits: Limits) -> Article:
    """The article of a feed entry: its linked page, else its own text. Raises InputError."""
    page_error: InputError | None = None
    if entry.link and entry.link.lower().startswith(("http://", "https://")):
        try:
            page = fetcher.get(entry.link, limits.max_bytes)
            article = read_html_bytes(as_utf8(page.data, page.content_type), limits, path=entry.link)
            return _as_entry_article(article, entry, url=page.url)
        except InputError as exc:
            page_error = exc
    if entry.content and len(entry.content.split()) >= MIN_CONTENT_WORDS:
        return _article_from_content(entry, limits)
    if page_error is not None:
        raise page_error
    raise InputError(f"{entry.key}: the entry has no link to fetch and too little text of its own")


def _article_from_content(entry: FeedEntry, limits: Limits) -> Article:
    content = entry.content or ""
    if "<" in content:
        html = f"<html><head><title>{entry.title or ''}</title></head><body><article>{content}</article></body></html>"
        try:
            return _as_entry_article(read_html_bytes(html.encode("utf-8"), limits, path=entry.key), entry)
        except InputError:
            logger.debug("entry %s: content is not usable HTML, reading it as text", entry.key)
    text = f"{entry.title}\n\n{content}" if entry.title else content
    check_text(text, limits, what=entry.key, max_chars=True)
    return _as_entry_article(Article(id="", text=text, title=entry.title), entry)


def _as_entry_article(article: Article, entry: FeedEntry, url: str | None = None) -> Article:
    return replace(
        article,
        id=entry.article_id,
        title=article.title or entry.title,
        published=entry.published or article.published,
        url=url or entry.link or article.url,
        outlet=entry.outlet or article.outlet,
        path=entry.feed,
        fmt="feed",
    )


# -- the watch state ---------------------------------------------------------------
@dataclass
class WatchState:
    """What a watch remembers between polls and restarts (the store remembers what was ingested)."""

    path: Path
    feeds: dict[str, dict[str, str]] = field(default_factory=dict)  # source -> {"etag", "modified"}
    failures: dict[str, int] = field(default_factory=dict)  # article id -> failed attempts
    max_attempts: int = 3

    @classmethod
    def load(cls, path: str | Path, max_attempts: int = 3) -> WatchState:
        path = Path(path)
        if not path.exists():
            return cls(path, max_attempts=max_attempts)
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"watch state {path} is unreadable ({exc}); remove it to start afresh") from exc
        if not isinstance(data, dict) or data.get("version") != 1:
            raise InputError(f"watch state {path} is not an eventlens watch state file")
        return cls(path, dict(data.get("feeds") or {}), dict(data.get("failures") or {}), max_attempts)

    def gave_up(self, article_id: str) -> bool:
        return self.failures.get(article_id, 0) >= self.max_attempts

    def failed(self, article_id: str) -> None:
        self.failures[article_id] = self.failures.get(article_id, 0) + 1

    def save(self) -> None:
        """Write atomically (a temporary file, then a rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        data = {"version": 1, "feeds": self.feeds, "failures": self.failures}
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
        os.replace(temporary, self.path)


def default_state_path(db: str) -> Path:
    """Next to a SQLite database file; in the working directory for a database URL."""
    if "://" in db and not db.startswith("sqlite:///"):
        return Path("eventlens-watch-state.json")
    return Path(db.removeprefix("sqlite:///") + ".watch.json")


@dataclass
class FeedLoad:
    """What one poll of one source gave: entries, errors, and (for a URL) the response's validators."""

    source: str
    entries: list[FeedEntry] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fetched: Fetched | None = None


def load_feed_source(source: str, fetcher: HttpFetcher, state: WatchState, max_feed_bytes: int) -> FeedLoad:
    """The entries of a feed URL, or of a local feed file or directory of them."""
    load = FeedLoad(source)
    if source.lower().startswith(("http://", "https://")):
        known = state.feeds.get(source, {})
        try:
            load.fetched = fetcher.get(source, max_feed_bytes, known.get("etag"), known.get("modified"))
            if not load.fetched.not_modified:
                load.entries = parse_feed(load.fetched.data, source)
        except InputError as exc:
            load.errors.append(exc)
        except Exception as exc:  # the per-document guard: a feed the parser chokes on fails alone
            load.errors.append(InputError(reason_for(exc, source)))
        return load
    path = Path(source)
    if not path.exists():
        load.errors.append(InputError(f"{source}: no such feed file or directory"))
        return load
    for file in local_feed_files(path):
        try:
            with file.open("rb") as stream:
                data = stream.read(max_feed_bytes + 1)
            if len(data) > max_feed_bytes:
                raise InputError(f"{file}: feed too large (over {max_feed_bytes:,} bytes)")
            load.entries += parse_feed(data, str(file))
        except InputError as exc:
            load.errors.append(exc)
        except OSError as exc:
            load.errors.append(InputError(f"cannot read {file}: {exc.strerror}"))
        except Exception as exc:  # the per-document guard: a feed the parser chokes on fails alone
            load.errors.append(InputError(reason_for(exc, str(file))))
    return load
