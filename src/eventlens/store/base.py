"""The store interface every backend implements, and the records it returns."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

from ..model import Document, DocumentError, Event, Sentence

SORTS = ("-date", "date", "-goldstein", "goldstein", "-mentions", "mentions", "-confidence", "confidence")  # "-": desc


class EventMergeRules(Protocol):
    """When an event of a new article reports a stored event (the store is given these rules;
    the project's are `eventlens.merging.MergeRules`)."""

    def same_event(self, stored: Event, new: Event) -> bool: ...

    def closeness(self, stored: Event, new: Event) -> tuple[int, int, int]:
        """Sort key among several matching stored events (smallest first)."""
        ...

    def compatible_dates(self, event: Event) -> tuple[list[str], str]:
        """Stored dates that can match the event's: exact values, and a `LIKE` prefix."""
        ...

    def fold(self, into: Event, other: Event) -> None:
        """Fold `other` (the new telling) into `into` (the stored event)."""
        ...


@dataclass(frozen=True)
class EventQuery:
    """A filter over stored events. `actor` matches a name (substring) or a code prefix, literally
    (`%` and `_` are not wildcards).

    Dates filter by overlap: an event dated only to a month or a year ("2020-01", "2020") is
    inside a window if any day of its period is, so `since=2020-01-01` and `until=2020-01-31`
    both keep an event of "2020-01". Undated events are outside every window.
    """

    actor: str | None = None
    code: str | None = None  # CAMEO code prefix: "04" matches 040-046
    since: str | None = None  # ISO date, inclusive (a partial date matches its period)
    until: str | None = None  # ISO date, inclusive (a partial date matches its period)
    article_id: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    limit: int = 100
    offset: int = 0
    actor_id: str | None = None  # the store's actor id, on either side
    text: str | None = None  # full-text search over evidence sentences and actor names (every word)
    sort: str = "date"  # one of SORTS; "date" (oldest first, undated first) is the order analyses read
    place: str | None = None  # a place name (exact, any case), or "country:ISO3" for the place's country


@dataclass
class StoredArticle:
    id: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    path: str | None
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    ingested_at: str | None = None  # when the store received it (ISO, UTC)


@dataclass(frozen=True)
class ActorSummary:
    actor_id: str
    name: str
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    aliases: tuple[str, ...]
    num_mentions: int
    num_events: int


@dataclass(frozen=True)
class PairCount:
    """Events between two nodes (an actor and a counterpart, or a source and a target node)."""

    key: str
    name: str | None
    code: str | None
    events: int
    cooperation: int  # QuadClass 1-2
    conflict: int  # QuadClass 3-4
    first: str | None
    last: str | None
    other_name: str | None = None
    other_code: str | None = None
    country: str | None = None
    other_country: str | None = None
    goldstein_sum: float = 0.0
    goldstein_n: int = 0


@dataclass(frozen=True)
class PlaceCount:
    """The events at one place (name and coordinates rounded to 0.001 degree)."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class ActorCodeSpan:
    """A code an actor carried in stored events, and the dates it was seen with."""

    code: str
    first: str | None
    last: str | None
    events: int


@dataclass(frozen=True)
class ArticleSource:
    """An article that reports an event, and the source (outlet) it counts as."""

    id: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    source_key: str
    duplicate_of: str | None


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    events: int
    actors: int
    errors: int


class Store(abc.ABC):
    """Where processed documents and their events live.

    `save_document` is atomic: an article is stored with all its events or not at
    all, and an article already stored is skipped (ingesting twice adds nothing).
    """

    url: str

    @abc.abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abc.abstractmethod
    def save_document(self, doc: Document) -> bool:
        """Store the document and its events; False if it was already there."""

    def find_near_duplicate(self, text: str, exclude: str | None = None) -> str | None:
        """The id of a stored article that `text` (cleaned article text) nearly repeats, if any.

        `save_document` links such an article to its original instead of storing its events;
        checking first lets the caller skip coding it. A backend without dedup finds none.
        """
        return None

    @abc.abstractmethod
    def record_error(self, error: DocumentError) -> None: ...

    @abc.abstractmethod
    def query_events(self, query: EventQuery) -> list[Event]: ...

    @abc.abstractmethod
    def get_event(self, event_id: str) -> Event | None: ...

    @abc.abstractmethod
    def get_article(self, article_id: str) -> StoredArticle | None: ...

    @abc.abstractmethod
    def list_actors(self, limit: int = 1000, offset: int = 0) -> list[ActorSummary]: ...

    @abc.abstractmethod
    def list_errors(self, limit: int = 1000) -> list[DocumentError]: ...

    @abc.abstractmethod
    def count_events(self, query: EventQuery) -> int:
        """How many events match the query's filters (its limit and offset ignored)."""

    @abc.abstractmethod
    def get_actor(self, actor_id: str) -> ActorSummary | None: ...

    @abc.abstractmethod
    def actor_counterparts(self, actor_id: str, limit: int = 200) -> list[PairCount]:
        """The actor's counterparts (keyed by code, else id, else name), most events first."""

    @abc.abstractmethod
    def actor_codes(self, actor_id: str) -> list[ActorCodeSpan]:
        """The codes the actor carried in stored events, earliest first."""

    @abc.abstractmethod
    def pair_counts(self, level: str, query: EventQuery) -> list[PairCount]:
        """Events grouped by (source node, target node) at a level: actor, code or country."""

    @abc.abstractmethod
    def query_event_outlines(self, query: EventQuery) -> list[Event]:
        """Like `query_events`, but each event holds only its id, article, date, sides (name, code,
        country, actor id), codes, QuadClass and Goldstein score: no evidence, place or record
        fields. For analyses over the whole store, read from the table columns, not the records."""

    @abc.abstractmethod
    def data_version(self) -> str:
        """A value that changes whenever stored events change (for caches of whole-store analyses)."""

    @abc.abstractmethod
    def place_counts(self, query: EventQuery) -> list[PlaceCount]:
        """Events with coordinates grouped by place, busiest first (the query's limit caps the places)."""

    @abc.abstractmethod
    def article_sources(self, event_id: str) -> list[ArticleSource]:
        """The articles that report an event, with the outlet each counts as."""

    @abc.abstractmethod
    def article_errors(self, article_id: str) -> list[DocumentError]: ...

    @abc.abstractmethod
    def counts(self) -> StoreCounts: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
