"""A small pipeline of stages, each a callable over `Document`.

A stage declares what it needs and what it fills in (`requires` / `provides`,
names of `Document` fields). The pipeline checks the chain once, then runs
documents through it in batches: `doc = stage(doc)` (the document a stage returns
goes on). A stage may offer `pipe(docs)` to work on a batch at once (the spaCy stage
does): it fills in the documents it is given (one it cannot take gets its error).
A document that fails is marked with a `DocumentError` and skips the remaining
stages; the batch goes on. A bad input is a project error (`EventlensError`) or a
`ValueError`/`IndexError`/`RecursionError`, and any other exception (a library's) fails that
document alone (the per-document guard); a `TypeError`, `AttributeError` or
`KeyError` is a bug of ours: the document still gets its error, and the pipeline
logs it at ERROR with its traceback and counts it (`Pipeline.internal_errors`).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar, runtime_checkable

from .errors import ConfigError, EventlensError
from .model import Document, DocumentError

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "internal error"  # how a document error caused by a bug of ours starts

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter), streaming: nothing more is held."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Chains stages; `pipe` streams documents through them in batches."""

    def __init__(self, stages: list[Stage], batch_size: int = 32, max_seconds: float | None = None) -> None:
        self.stages = list(stages)
        self.batch_size = batch_size
        self.max_seconds = max_seconds
        self.internal_errors: Counter[str] = Counter()  # stage name -> bugs met (see the module doc)
        self._check_chain()

    def _check_chain(self) -> None:
        available = {"article"}
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise ConfigError(f"stage {stage.name!r} needs {missing}, which no earlier stage provides")
            available.update(stage.provides)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def get_stage(self, name: str) -> Stage:
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(name)

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for batch in batched(docs, self.batch_size):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for stage in self.stages:
            live = [d for d in batch if d.error is None]
            if not live:
                break
            batch_pipe = getattr(stage, "pipe", None)
            if batch_pipe is not None:
                started = time.perf_counter()
                try:
                    list(batch_pipe(live))
                    share = (time.perf_counter() - started) / len(live)
                    for doc in live:
                        doc.seconds += share
                    self._enforce_time_limit(stage, live)
                    continue
                except Exception as exc:  # retried one by one, so that only the bad document fails
                    logger.debug("batch failed in %s (%r); retrying one by one", stage.name, exc)
            for doc in live:
                started = time.perf_counter()
                done = self._run_one(stage, doc)
                done.seconds = doc.seconds + time.perf_counter() - started
                if done is not doc:
                    batch[batch.index(doc)] = done
            self._enforce_time_limit(stage, [d for d in batch if d.error is None])
        return batch

    def _run_one(self, stage: Stage, doc: Document) -> Document:
        """`doc = stage(doc)`; a failure is recorded on the document, a bug also logged and counted."""
        try:
            done = stage(doc)
        except EventlensError as exc:
            doc.error = DocumentError(doc.article.id, stage.name, str(exc), doc.article.path)
            return doc
        except (TypeError, AttributeError, KeyError) as exc:  # a bug of ours, whatever the input
            self.internal_errors[stage.name] += 1
            logger.exception("internal error (a bug) in stage %s on document %s", stage.name, doc.article.id)
            doc.error = DocumentError(
                doc.article.id, stage.name, f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc}", doc.article.path
            )
            return doc
        except (ValueError, IndexError, RecursionError) as exc:  # an input we did not foresee
            logger.warning("stage %s failed on %s: %r", stage.name, doc.article.id, exc)
            doc.error = DocumentError(doc.article.id, stage.name, f"unexpected input: {exc}", doc.article.path)
            return doc
        except Exception as exc:  # the per-document guard: a library error, MemoryError... fails this document alone
            logger.warning("stage %s failed on %s: %r", stage.name, doc.article.id, exc)
            reason = f"unexpected failure: {type(exc).__name__}: {exc}"
            doc.error = DocumentError(doc.article.id, stage.name, reason, doc.article.path)
            return doc
        if not isinstance(done, Document):
            self.internal_errors[stage.name] += 1
            logger.error("stage %s returned %r instead of a Document (a bug)", stage.name, type(done).__name__)
            reason = f"{INTERNAL_ERROR}: no document returned"
            doc.error = DocumentError(doc.article.id, stage.name, reason, doc.article.path)
            return doc
        return done

    def _enforce_time_limit(self, stage: Stage, docs: list[Document]) -> None:
        """A document that has cost more than `max_seconds` stops here with a recorded error.

        The check runs between stages (a stage is not interrupted), so one pathological
        document costs at most one stage's run over the limit.
        """
        if self.max_seconds is None:
            return
        for doc in docs:
            if doc.error is None and doc.seconds > self.max_seconds:
                reason = f"took {doc.seconds:.1f} s, over the limit of {self.max_seconds:.0f} s (at stage {stage.name})"
                doc.error = DocumentError(doc.article.id, stage.name, reason, doc.article.path)
