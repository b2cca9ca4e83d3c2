"""The Python API: build the pipeline once, then extract or ingest with it.

    >>> import eventlens
    >>> lens = eventlens.load()                     # loads the spaCy model once
    >>> events = lens.extract_text("Turkey's intelligence chief met ...")
    >>> with eventlens.open_store("eventlens.db") as store:
    ...     summary = lens.ingest(["articles/"], store)

The CLI, the web app, the batch runners and the tests all call these.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .ingest import IngestSummary, ingest_documents
from .knowledge.actor_files import load_actor_kb
from .model import Article, Document, DocumentError, Event
from .nlp import load_model
from .pipeline import Pipeline
from .readers import read_paths
from .readers.discover import article_from_string
from .stages.actors import ActorResolver
from .stages.assess import EventAssessor
from .stages.attribution import Attributor
from .stages.clean import Cleaner
from .stages.dates import EventDater
from .stages.events import EventCoder
from .stages.merge import EventMerger
from .stages.parse import SpacyParser, selective_parser
from .stages.places import EventPlacer
from .store.base import Store

if TYPE_CHECKING:
    import pandas
    import pyarrow

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[Document | DocumentError], None]


def build_cleaner(settings: Settings) -> Cleaner:
    """The clean stage (also what the Dask client cleans new articles with, before sending them)."""
    return Cleaner(max_chars=settings.limits.max_chars)


def build_pipeline(settings: Settings) -> Pipeline:
    """The default chain: clean -> nlp -> actors -> events -> dates -> places -> attribution -> assess
    -> merge."""
    nlp = load_model(settings.model)
    placer = EventPlacer()  # its gazetteer is shared with the event coder
    kb = load_actor_kb(settings.actor_paths, include_user_dir=True)
    coder = EventCoder(lexicon_paths=settings.lexicon_paths, gazetteer=lambda: placer.gazetteer, actor_kb=kb)
    stages = [
        build_cleaner(settings),
        selective_parser(nlp, settings.lexicon_paths) if settings.parse_filter else SpacyParser(nlp),
        ActorResolver(kb),
        coder,
        EventDater(),
        placer,
        Attributor(),
        EventAssessor(
            min_confidence=settings.min_confidence,
            region_codes=frozenset(r.code for r in kb.regions if r.kind == "region"),
            group_codes=frozenset(r.code for r in kb.regions if r.kind == "group"),
            domestic_codes=coder.lexicon.word("domestic_codes"),
        ),
        EventMerger(),
    ]
    return Pipeline(stages, batch_size=settings.batch_size, max_seconds=settings.limits.max_seconds)


class EventLens:
    """A loaded pipeline and its settings."""

    def __init__(self, settings: Settings | None = None, pipeline: Pipeline | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.pipeline = pipeline or build_pipeline(self.settings)

    def process(self, articles: Iterable[Article]) -> Iterator[Document]:
        """Run articles through the pipeline; failed documents come back with `.error` set.

        With `settings.n_process` > 1, batches run in that many worker processes (in input
        order; the documents then come back without their spaCy `doc`).
        """
        return self.process_documents(Document(article=a) for a in articles)

    def process_documents(self, docs: Iterable[Document]) -> Iterator[Document]:
        """As `process`, for documents (a document cleaned already is not cleaned again; one
        with an error passes the stages untouched)."""
        if self.settings.n_process > 1:
            from .engine.parallel import process_in_parallel

            return process_in_parallel(self.settings, docs, self.settings.n_process, build_pipeline)
        return self.pipeline.pipe(docs)

    def extract_text(self, text: str, article_id: str | None = None, published: date | None = None) -> list[Event]:
        """Events from one text given as a string, published on `published` if given (the date
        that relative dates and people's roles are read against). Raises InputError for unusable text."""
        article = article_from_string(text, self.settings.limits, article_id)
        article.published = published or article.published
        doc = next(self.process([article]))
        if doc.error:
            raise InputError(f"{doc.error.stage}: {doc.error.reason}")
        return doc.events

    def iter_documents(self, paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
        """Read `paths` and process every article; a read error comes back as the DocumentError.

        Streams, in input order: a read error travels as a document that holds only its error
        (it passes the stages untouched), one batch at a time, so nothing accumulates however
        many inputs fail.
        """

        def documents() -> Iterator[Document]:
            for item in read_paths(paths, self.settings.limits):
                if isinstance(item, DocumentError):
                    yield Document(article=Article(id=item.article_id, text="", path=item.path), error=item)
                else:
                    yield Document(article=item)

        for doc in self.process_documents(documents()):
            yield doc.error if doc.error is not None and doc.error.stage == "read" else doc

    def extract(self, paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
        """Events of every article under `paths`, without a store (one Document per article)."""
        return self.iter_documents(paths)

    def ingest(
        self, paths: Iterable[str | Path], store: Store, progress: ProgressCallback | None = None
    ) -> IngestSummary:
        """Read, process and store (the policy: `eventlens.ingest`); a failure is recorded."""
        return self.ingest_articles(read_paths(paths, self.settings.limits), store, progress)

    def ingest_articles(
        self, items: Iterable[Article | DocumentError], store: Store, progress: ProgressCallback | None = None
    ) -> IngestSummary:
        """Process and store articles from anywhere (read errors among them are recorded)."""
        return ingest_documents(items, store, self.clean_stage(), self.process_documents, progress)

    def clean_stage(self) -> Callable[[Document], Document] | None:
        """The pipeline's clean stage (None in a pipeline without one)."""
        try:
            return self.pipeline.get_stage("clean")
        except KeyError:
            return None


def load(settings: Settings | None = None, **overrides: object) -> EventLens:
    """An `EventLens` with the default pipeline (the spaCy model is loaded once per process)."""
    if settings is None:
        settings = Settings.from_env(**overrides)
    return EventLens(settings)


def extract(source: str | Path | Iterable[str | Path], settings: Settings | None = None) -> list[Event]:
    """Events from a text string, a path, or several paths. Documents that fail are skipped.

    For the errors too, use `load().extract(paths)`, which yields them.
    """
    lens = load(settings)
    if isinstance(source, str) and not Path(source).exists() and ("\n" in source or " " in source):
        return lens.extract_text(source)
    paths = [source] if isinstance(source, str | Path) else list(source)
    events: list[Event] = []
    for item in lens.extract(paths):
        if isinstance(item, Document) and item.error is None:
            events.extend(item.events)
    return events


def events_table(events: Iterable[Event]) -> pyarrow.Table:
    """Events as an Arrow table (one row an event; the columns of the Parquet export)."""
    from .export.tables import events_to_table

    return events_to_table(events)


def events_frame(events: Iterable[Event]) -> pandas.DataFrame:
    """Events as a pandas DataFrame, for notebooks."""
    return events_table(events).to_pandas()
