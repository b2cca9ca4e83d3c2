"""Ingest policy: what happens to each article on its way into a store, and the run's summary.

Below `lens` and `engine`: the single-process path (`EventLens.ingest`), the Dask path
(`engine.cluster`) and the folder watcher (`engine.watch`) all make the same decisions here:

- an article whose id is stored already is skipped (counted in `skipped`);
- a near-duplicate of a stored article (wire copy, update) is stored as a copy linked to its
  original and not coded again (`duplicates`);
- a read or processing failure is recorded in the store and the summary, and the run goes on;
- else the processed document is saved (`stored`, `events`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import EventlensError
from .model import Article, Document, DocumentError
from .store.base import Store

Progress = Callable[[Document | DocumentError], None]
Clean = Callable[[Document], Document]


@dataclass
class IngestSummary:
    """What an ingest run did: counts, and every per-document error."""

    articles: int = 0  # read successfully
    stored: int = 0
    skipped: int = 0  # already in the store
    duplicates: int = 0  # stored as near-duplicates of stored articles, linked, not coded again
    events: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0


def store_if_near_duplicate(article: Article, store: Store, clean: Clean) -> bool:
    """Store `article` as a near-duplicate copy of a stored article, if it is one.

    Only the cheap clean stage runs; a copy is linked to its original by the store and
    never coded again. False when the article is new (it then goes through the pipeline).
    """
    try:
        doc = clean(Document(article=article))
    except (EventlensError, ValueError):
        return False  # the pipeline will record the failure
    if store.find_near_duplicate(doc.text, exclude=article.id) is None:
        return False
    return store.save_document(doc)


def admit(
    article: Article, store: Store, clean: Clean | None, summary: IngestSummary, progress: Progress | None
) -> bool:
    """Whether `article` goes on to the pipeline: False when it is stored already (skipped) or
    was just stored as a near-duplicate of a stored article (counted either way). Without a
    `clean` stage there is no near-duplicate check."""
    if store.has_article(article.id):
        summary.skipped += 1
    elif clean is not None and store_if_near_duplicate(article, store, clean):
        summary.articles += 1
        summary.stored += 1
        summary.duplicates += 1
    else:
        return True
    if progress:
        progress(Document(article=article))
    return False


def record(item: Document | DocumentError, store: Store, summary: IngestSummary) -> None:
    """Save one processed document, or record its error (a read error, or the document's), and count it."""
    if isinstance(item, DocumentError):
        store.record_error(item)
        summary.errors.append(item)
        return
    summary.articles += 1
    if item.error:
        store.record_error(item.error)
        summary.errors.append(item.error)
    elif store.save_document(item):
        summary.stored += 1
        summary.events += len(item.events)
    else:
        summary.skipped += 1
