"""The store interface every backend implements, and the records it returns."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from types import TracebackType

from ..model import Document, DocumentError, Event, Sentence


@dataclass(frozen=True)
class EventQuery:
    """A filter over stored events. `actor` matches a name (substring) or a code prefix."""

    actor: str | None = None
    code: str | None = None  # CAMEO code prefix: "04" matches 040-046
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive (a partial date matches its period)
    article_id: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    limit: int = 100
    offset: int = 0


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
    def counts(self) -> StoreCounts: ...

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
