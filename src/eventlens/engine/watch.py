"""Watching feeds: poll, ingest what is new, remember, repeat.

    watcher = FeedWatcher(lens, store, WatchState.load("eventlens.db.watch.json"))
    summary = watcher.poll(["https://example.org/rss.xml", "feeds/"])

An entry is new when its stable article id is not in the store (and it has not
failed too often). The store's own atomic save is the record of what was
ingested, so a watch killed at any point and started again neither loses nor
duplicates an entry. A feed's ETag/Last-Modified are saved only after the
poll's entries are stored, so a restart never skips entries behind a 304.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..ingest import Ingest, IngestSummary
from ..lens import EventLens
from ..model import Article, Document, DocumentError
from ..readers.feeds import FeedEntry, FeedLoad, HttpFetcher, WatchState, entry_article, load_feed_source
from ..readers.guard import error_for
from ..store.base import Store

logger = logging.getLogger(__name__)

Progress = Callable[[Document | DocumentError], None]
MAX_FEED_BYTES_FACTOR = 5  # a feed may be this many times the size limit of one document


@dataclass
class PollSummary:
    ingest: IngestSummary
    entries: int = 0  # entries seen in all sources
    new: int = 0  # entries not ingested before


class FeedWatcher:
    """Polls feed sources and ingests their new entries into a store."""

    def __init__(
        self,
        lens: EventLens,
        store: Store,
        state: WatchState,
        fetcher: HttpFetcher | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.lens = lens
        self.store = store
        self.state = state
        self.fetcher = fetcher or HttpFetcher()
        self.progress = progress
        self.limits = lens.settings.limits

    def poll(self, sources: Iterable[str]) -> PollSummary:
        """One pass over every source: fetch new entries, process and store them."""
        ingest = Ingest(self.store, self.lens.clean_stage(), self.progress)  # the policy of every ingest path
        summary = PollSummary(ingest.summary)
        loads = [
            load_feed_source(s, self.fetcher, self.state, self.limits.max_bytes * MAX_FEED_BYTES_FACTOR)
            for s in sources
        ]
        admitted = (doc for doc in map(ingest.admit, self._new_items(loads, summary)) if doc is not None)
        for doc in self.lens.process_documents(admitted):
            ingest.record(doc)
            if doc.error:
                self.state.failed(doc.article.id)
        for load in loads:
            if load.fetched is not None and not load.errors:
                self.state.feeds[load.source] = {
                    k: v for k, v in (("etag", load.fetched.etag), ("modified", load.fetched.modified)) if v
                }
        self.state.save()
        ingest.finish()
        return summary

    def _new_items(self, loads: list[FeedLoad], summary: PollSummary) -> Iterator[Article | DocumentError]:
        """The articles of entries not seen before, and the errors that kept entries or feeds out."""
        for load in loads:
            for error in load.errors:
                yield DocumentError(load.source, "read", str(error), load.source)
            for entry in load.entries:
                summary.entries += 1
                article_id = entry.article_id
                if self.store.has_article(article_id) or self.state.gave_up(article_id):
                    continue
                summary.new += 1
                found = self._entry_article(entry)
                if isinstance(found, DocumentError):
                    self.state.failed(article_id)
                yield found

    def _entry_article(self, entry: FeedEntry) -> Article | DocumentError:
        where = entry.link or entry.feed
        try:
            return entry_article(entry, self.fetcher, self.limits)
        except Exception as exc:  # the per-document guard: a page the readers choke on fails alone
            return error_for(exc, entry.article_id, where, where=where)

    def run(
        self,
        sources: list[str],
        interval: float,
        once: bool = False,
        on_poll: Callable[[int, PollSummary], None] | None = None,
        max_polls: int | None = None,
    ) -> None:
        """Poll every `interval` seconds until interrupted (or once, or `max_polls` times)."""
        polls = 0
        while True:
            polls += 1
            result = self.poll(sources)
            if on_poll:
                on_poll(polls, result)
            if once or (max_polls is not None and polls >= max_polls):
                return
            time.sleep(interval)
