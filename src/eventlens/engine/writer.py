"""The single writer's step: one processed document into the store, counted in the run summary."""

from __future__ import annotations

from ..errors import EventlensError
from ..lens import IngestSummary
from ..model import Article, Document
from ..pipeline import Stage
from ..store.base import Store


def store_document(doc: Document, store: Store, summary: IngestSummary) -> None:
    """Save one processed document, or record its error, and count it (as `EventLens.ingest` does)."""
    summary.articles += 1
    if doc.error:
        store.record_error(doc.error)
        summary.errors.append(doc.error)
    elif store.save_document(doc):
        summary.stored += 1
        summary.events += len(doc.events)
    else:
        summary.skipped += 1


def store_if_near_duplicate(article: Article, store: Store, cleaner: Stage) -> bool:
    """Store `article` as a near-duplicate copy of a stored article, if it is one (as `EventLens.ingest` does).

    Only the cheap clean stage runs; a copy is linked to its original by the store and
    never coded again. False when the article is new (it then goes through the pipeline).
    """
    try:
        doc = cleaner(Document(article=article))
    except (EventlensError, ValueError):
        return False  # the pipeline will record the failure
    if store.find_near_duplicate(doc.text, exclude=article.id) is None:
        return False
    return store.save_document(doc)
