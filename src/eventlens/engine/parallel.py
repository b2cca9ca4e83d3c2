"""Several processes on one machine: the whole pipeline in each, batches in input order.

`EventLens.process` uses this when `Settings.n_process` > 1. Each worker process
builds the pipeline once (the spaCy model is loaded once per process) and runs
whole batches through every stage, so the actor resolver and the event coder
run in parallel too, not only spaCy. Results come back as data (see
`engine.serialize`; the spaCy `Doc` stays in the worker) and in input order.
At most two batches per process are in flight, so memory stays flat whatever
the input size.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import replace

from ..config import Settings
from ..model import Document, DocumentError
from ..pipeline import Pipeline, batched
from .serialize import document_from_dict, document_to_dict

logger = logging.getLogger(__name__)


BuildPipeline = Callable[[Settings], Pipeline]


class _WorkerPipeline:
    """The pipeline of one worker process, built once by the pool's initializer (process-local)."""

    pipeline: Pipeline | None = None


def _init_worker(settings: Settings, build: BuildPipeline) -> None:
    _WorkerPipeline.pipeline = build(replace(settings, n_process=1))


def batch_memory_zone(pipeline: Pipeline) -> AbstractContextManager[object]:
    """spaCy's memory zone around one batch, so that a long-running worker's memory stays flat.

    Strings and lexemes that spaCy adds while processing the batch (every new word, name,
    number) are freed at the end of the zone; without it the vocabulary grows with every
    new word seen, for ever. Only for code that turns the results into data inside the
    zone (the workers do: the spaCy Docs never leave it).
    """
    try:
        nlp = pipeline.get_stage("nlp").nlp  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return contextlib.nullcontext()
    zone = getattr(nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _process_batch(docs: list[Document]) -> list[dict]:
    pipeline = _WorkerPipeline.pipeline
    assert pipeline is not None, "worker not initialised"
    with batch_memory_zone(pipeline):
        return [document_to_dict(d) for d in pipeline.pipe(docs)]


def process_in_parallel(
    settings: Settings, docs: Iterable[Document], n_process: int, build: BuildPipeline
) -> Iterator[Document]:
    """`docs` processed, in order, by `n_process` worker processes, each with the pipeline
    `build(settings)` makes (a module-level function: it is sent to the workers)."""
    batch_size = max(1, settings.batch_size)
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads and a model
    with ProcessPoolExecutor(
        n_process, mp_context=context, initializer=_init_worker, initargs=(settings, build)
    ) as pool:
        pending: deque[tuple[Future, list[Document]]] = deque()
        for batch in batched(docs, batch_size):
            pending.append((pool.submit(_process_batch, batch), batch))
            if len(pending) >= 2 * n_process:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(future: Future, batch: list[Document]) -> Iterator[Document]:
    try:
        results = future.result()
    except BrokenProcessPool as exc:  # a worker died (out of memory, killed): the batch is lost, the run goes on
        reason = f"worker process failed: {exc}"
        logger.warning(reason)
        for doc in batch:
            error = doc.error or DocumentError(doc.article.id, "engine", reason, doc.article.path)
            yield Document(article=doc.article, error=error)
        return
    for data in results:
        yield document_from_dict(data)
