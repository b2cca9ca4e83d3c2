"""Event stores: one interface, an embedded SQLite default (a PostgreSQL one joins it)."""

from .base import ActorSummary, EventQuery, Store, StoreCounts, StoredArticle
from .open import open_store

__all__ = ["ActorSummary", "EventQuery", "Store", "StoreCounts", "StoredArticle", "open_store"]
