"""What the exporters read: stored events, page by page, and facts about their articles."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from ..model import Event
from ..store.base import EventQuery, Store

PAGE_SIZE = 1000


@dataclass(frozen=True)
class ArticleInfo:
    """The article facts an export row needs (GDELT's SOURCEURL, MentionDocLen...)."""

    id: str
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    length: int = 0
    added: datetime | None = None  # when the store received the article (GDELT's DATEADDED)

    @property
    def source_name(self) -> str:
        """The outlet, else the URL's host, else empty."""
        if self.outlet:
            return self.outlet
        if self.url:
            return urlsplit(self.url).hostname or ""
        return ""


class ArticleLookup:
    """Article facts by id, from a store, with a bounded cache (exports stream millions of rows)."""

    def __init__(self, store: Store | None = None, max_cached: int = 4096) -> None:
        self.store = store
        self.max_cached = max_cached
        self._cache: OrderedDict[str, ArticleInfo] = OrderedDict()

    def __call__(self, article_id: str) -> ArticleInfo:
        found = self._cache.get(article_id)
        if found is not None:
            self._cache.move_to_end(article_id)
            return found
        found = self._load(article_id)
        self._cache[article_id] = found
        if len(self._cache) > self.max_cached:
            self._cache.popitem(last=False)
        return found

    def _load(self, article_id: str) -> ArticleInfo:
        stored = self.store.get_article(article_id) if self.store is not None else None
        if stored is None:
            return ArticleInfo(id=article_id)
        return ArticleInfo(
            id=article_id,
            url=stored.url,
            outlet=stored.outlet,
            published=_iso_date(stored.published),
            length=len(stored.text or ""),
            added=_iso_time(stored.ingested_at),
        )


def iter_store_events(
    store: Store, query: EventQuery | None = None, limit: int | None = None, page_size: int = PAGE_SIZE
) -> Iterator[Event]:
    """Events matching `query`'s filters (all events by default; at most `limit`), a page at a time.

    The query's own `limit` is ignored (it pages a listing); `offset` is where to start.
    """
    base = query or EventQuery()
    offset = base.offset
    sent = 0
    while limit is None or sent < limit:
        size = page_size if limit is None else min(page_size, limit - sent)
        page = store.query_events(replace(base, limit=size, offset=offset))
        yield from page
        sent += len(page)
        offset += len(page)
        if len(page) < size:
            return


def _iso_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
