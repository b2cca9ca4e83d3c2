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
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .ingest import IngestSummary, admit, record
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


def build_pipeline(settings: Settings) -> Pipeline:
    """The default chain: clean -> nlp -> actors -> events -> dates -> places -> attribution -> assess
    -> merge."""
    nlp = load_model(settings.model)
    placer = EventPlacer()  # its gazetteer is shared with the event coder
    kb = load_actor_kb(settings.actor_paths, include_user_dir=True)
    coder = EventCoder(lexicon_paths=settings.lexicon_paths, gazetteer=lambda: placer.gazetteer, actor_kb=kb)
    stages = [
        Cleaner(max_chars=settings.limits.max_chars),
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
        if self.settings.n_process > 1:
            from .engine.parallel import process_in_parallel

            return process_in_parallel(self.settings, articles, self.settings.n_process, build_pipeline)
        return self.pipeline.pipe(Document(article=a) for a in articles)

    def extract_text(self, text: str, article_id: str | None = None, published: date | None = None) -> list[Event]:
        """Events from one text given as a string, published on `published` if given (the date
        that relative dates and people's roles are read against). Raises InputError for unusable text."""
        article = article_from_string(text, self.settings.limits, article_id)
        article.published = published or article.published
        doc = next(self.process([article]))
        if doc.error:
            raise InputError(f"{doc.error.stage}: {doc.error.reason}")
        return doc.events

    def iter_documents(
        self, paths: Iterable[str | Path], skip: Callable[[Article], bool] | None = None
    ) -> Iterator[Document | DocumentError]:
        """Read `paths` and process every article not `skip`ped; read errors are passed through.

        Streams: read errors travel in input order with the documents, one batch at a time,
        so nothing accumulates however many inputs fail.
        """
        unread: dict[str, DocumentError] = {}

        def articles() -> Iterator[Article]:
            for number, item in enumerate(read_paths(paths, self.settings.limits)):
                if isinstance(item, DocumentError):
                    token = f"unread:{number}:{item.article_id}"
                    unread[token] = item
                    yield Article(id=token, text="", fmt="unread")  # passes the stages untouched
                elif skip is None or not skip(item):
                    yield item

        for doc in self.process(articles()):
            error = unread.pop(doc.article.id, None) if doc.article.fmt == "unread" else None
            yield error if error is not None else doc

    def extract(self, paths: Iterable[str | Path]) -> Iterator[Document | DocumentError]:
        """Events of every article under `paths`, without a store (one Document per article)."""
        return self.iter_documents(paths)

    def ingest(
        self, paths: Iterable[str | Path], store: Store, progress: ProgressCallback | None = None
    ) -> IngestSummary:
        """Read, process and store; an article already stored is skipped, a failure recorded."""
        summary = IngestSummary()
        started = time.perf_counter()
        clean = self._clean_stage()

        def already_stored(article: Article) -> bool:
            return not admit(article, store, clean, summary, progress)

        for item in self.iter_documents(paths, skip=already_stored):
            record(item, store, summary)
            if progress:
                progress(item)
        summary.seconds = time.perf_counter() - started
        return summary

    def _clean_stage(self) -> Callable[[Document], Document] | None:
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
