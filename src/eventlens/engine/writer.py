"""The single writer's step: one processed document into the store, counted in the run summary."""

from __future__ import annotations

from ..lens import IngestSummary
from ..model import Document
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


