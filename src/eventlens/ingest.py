"""Ingest policy: what happens to each article on its way into a store, and the run's summary.

Below `lens` and `engine`: the single-process path (`EventLens.ingest`, which the web upload
calls), the Dask path (`engine.cluster`) and the folder watcher (`engine.watch`) all make the same
decisions, here, over an iterable of articles and read errors (reading paths is one way to get
them):

- a read error is recorded in the store and the summary (`errors`), and the run goes on;
- each new article is cleaned once (`Ingest.admit`); the cleaned document then goes through the
  rest of the pipeline (the clean stage leaves a cleaned document as it is);
- an article whose id is stored already with the same text is skipped (`skipped`); with a
  different text, it is a conflict: recorded as an error (stage `ingest`, counted in
  `conflicts`), never stored over the first and never skipped silently. To keep both, give the
  new version its own id. "The same text" allows what a change of the cleaning rules makes
  (cleaned texts whose estimated word-shingle similarity reaches `SAME_TEXT_SIMILARITY`);
- a near-duplicate of a stored article (wire copy, update) is stored as a copy linked to its
  original and not coded again (`duplicates`); one found only when saving (two copies in one
  batch) is counted the same way;
- a processing failure is recorded (`errors`); else the document is saved (`stored`; its
  events in `events`, and `events_new` of them are new rows in the store, the others joined
  a stored event that other articles told).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import EventlensError
from .model import Article, Document, DocumentError
from .pipeline import INTERNAL_ERROR
from .store.base import Store
from .store.dedup import Signer

logger = logging.getLogger(__name__)

Progress = Callable[[Document | DocumentError], None]
Clean = Callable[[Document], Document]
Process = Callable[[Iterable[Document]], Iterator[Document]]
SAME_TEXT_SIMILARITY = 0.8


@dataclass
class IngestSummary:
    """What an ingest run did: counts, and every per-document error (conflicts included)."""

    articles: int = 0  # read successfully (stored, skipped, in conflict or failed)
    stored: int = 0  # stored articles: coded originals and near-duplicate copies
    skipped: int = 0  # already in the store, with the same text
    duplicates: int = 0  # stored as near-duplicates of stored articles, linked, not coded again
    conflicts: int = 0  # an id already stored with a different text: recorded, not stored
    internal_errors: int = 0  # documents failed by a bug of ours (logged with its traceback), not by their input
    events: int = 0  # events told by the stored originals (each folded within its article)
    events_new: int = 0  # rows the run added to the store's events (the others joined stored events)
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0


class Ingest:
    """One run's policy and summary over one store. `admit` each item read; `record` each
    processed document; `finish` for the summary."""

    def __init__(self, store: Store, clean: Clean | None, progress: Progress | None = None) -> None:
        self.store = store
        self.clean = clean
        self.progress = progress
        self.summary = IngestSummary()
        self._started = time.perf_counter()
        self._events_before = store.counts().events
        self._signer = Signer(cache_size=4)

    def admit(self, item: Article | DocumentError) -> Document | None:
        """The cleaned document of a new article, to process; None when the item is dealt with
        here (a read error, an article stored already or in conflict, a near-duplicate copy)."""
        if isinstance(item, DocumentError):
            self._error(item)
            return None
        doc = self._cleaned(item)
        if self.store.has_article(item.id):
            self.summary.articles += 1
            if doc.error is None and not self._same_as_stored(doc):
                self.summary.conflicts += 1
                self._error(DocumentError(item.id, "ingest", self._conflict_reason(item), item.path))
            else:
                self.summary.skipped += 1
                self._report(Document(article=item))
            return None
        if doc.error is None and self.clean is not None and self._store_if_near_duplicate(doc):
            self.summary.articles += 1
            self.summary.stored += 1
            self.summary.duplicates += 1
            self._report(doc)
            return None
        return doc

    def record(self, doc: Document) -> None:
        """Save a processed document, or record its error; count it."""
        self.summary.articles += 1
        if doc.error:
            if doc.error.reason.startswith(INTERNAL_ERROR):
                self.summary.internal_errors += 1
            self.store.record_error(doc.error)
            self.summary.errors.append(doc.error)
            self._report(doc)
            return
        if not self.store.save_document(doc):
            self.summary.skipped += 1  # stored meanwhile (another writer)
        elif self.store.duplicate_of(doc.article.id) is not None:
            self.summary.stored += 1
            self.summary.duplicates += 1  # a copy of an article stored in the same batch
        else:
            self.summary.stored += 1
            self.summary.events += len(doc.events)
        self._report(doc)

    def finish(self) -> IngestSummary:
        self.summary.events_new = self.store.counts().events - self._events_before
        self.summary.seconds = time.perf_counter() - self._started
        return self.summary

    def _cleaned(self, article: Article) -> Document:
        doc = Document(article=article)
        if self.clean is None:
            return doc
        try:
            return self.clean(doc)
        except EventlensError as exc:
            doc.error = DocumentError(article.id, "clean", str(exc), article.path)
            return doc

    def _same_as_stored(self, doc: Document) -> bool:
        stored = self.store.get_article(doc.article.id)
        if self.clean is None or stored is None or stored.text == doc.text:
            return True
        new, old = self._signer.sign(doc.text), self._signer.sign(stored.text)
        return new.usable and old.usable and new.jaccard(old) >= SAME_TEXT_SIMILARITY

    def _conflict_reason(self, article: Article) -> str:
        return (
            f"conflict: an article with id {article.id!r} is stored with a different text; this one is not"
            " stored (give a new version its own id to keep both)"
        )

    def _store_if_near_duplicate(self, doc: Document) -> bool:
        if self.store.find_near_duplicate(doc.text, exclude=doc.article.id) is None:
            return False
        return self.store.save_document(doc)

    def _error(self, error: DocumentError) -> None:
        self.store.record_error(error)
        self.summary.errors.append(error)
        self._report(error)

    def _report(self, item: Document | DocumentError) -> None:
        if self.progress:
            self.progress(item)


def ingest_documents(
    items: Iterable[Article | DocumentError], store: Store, clean: Clean | None, process: Process,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest `items` (articles, and read errors to record) into `store`, with `clean` the
    clean stage and `process` the rest of the pipeline (documents in, processed documents out,
    in order, streaming)."""
    run = Ingest(store, clean, progress)
    admitted = (doc for doc in map(run.admit, items) if doc is not None)  # a failed clean passes the stages untouched
    for doc in process(admitted):
        run.record(doc)
    return run.finish()
