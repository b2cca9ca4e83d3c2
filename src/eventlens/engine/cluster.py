"""Ingest on a Dask distributed cluster.

    summary = ingest_on_dask(settings, ["archive/"], store)                 # a LocalCluster
    summary = ingest_on_dask(settings, paths, store, scheduler="tcp://10.0.0.5:8786")

The client (this process) reads the inputs, skips articles already stored and
sends batches of articles to the workers. Each worker builds the eventlens
pipeline once, in a `WorkerPlugin`'s `setup` (the spaCy model is loaded once
per worker), processes its batches and writes each as a Parquet partition
into `parquet_dir` (which must be visible to the client and every worker: a
shared filesystem on a real cluster). The client then loads the partitions
into the store in input order, as the only writer. At most `max_in_flight`
batches are out at once, so memory stays flat whatever the input size.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker, wait

from ..config import Settings
from ..errors import ConfigError
from ..ingest import Ingest, IngestSummary
from ..lens import EventLens, build_cleaner
from ..model import Document, DocumentError
from ..pipeline import batched
from ..readers import read_paths
from ..store.base import Store
from .parallel import batch_memory_zone
from .partitions import read_partition, write_partition

logger = logging.getLogger(__name__)

PLUGIN_NAME = "eventlens-pipeline"
CONNECT_TIMEOUT = "20s"
Progress = Callable[[Document | DocumentError], None]


class PipelinePlugin(WorkerPlugin):
    """Builds the eventlens pipeline once per worker, in `setup`; tasks find it on the worker."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, n_process=1)
        self.lens: EventLens | None = None

    def setup(self, worker: object) -> None:
        self.lens = EventLens(self.settings)
        logger.info("eventlens pipeline ready on worker %s", getattr(worker, "address", "?"))

    def teardown(self, worker: object) -> None:
        self.lens = None


@dataclass(frozen=True)
class PartitionResult:
    part: int
    path: str
    documents: int


def process_partition(docs: list[Document], part: int, directory: str) -> PartitionResult:
    """A worker task: run the batch through the worker's pipeline and write its partition."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, PipelinePlugin) or plugin.lens is None:
        raise ConfigError("the eventlens worker plugin is not set up on this worker")
    with batch_memory_zone(plugin.lens.pipeline):  # the worker's vocabulary does not grow run after run
        done = list(plugin.lens.process_documents(docs))
        path = write_partition(done, directory, part)
    return PartitionResult(part, str(path), len(done))


@dataclass
class DaskOptions:
    scheduler: str | None = None  # an existing scheduler's address; None: start a LocalCluster
    n_workers: int = 2
    parquet_dir: str | None = None  # None: a temporary directory, removed at the end
    partition_size: int = 64  # articles per task / Parquet partition
    max_in_flight: int | None = None  # None: two batches per worker


def ingest_on_dask(
    settings: Settings,
    paths: Iterable[str | Path],
    store: Store,
    options: DaskOptions | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read `paths`, process them on a Dask cluster, and store the results (single writer)."""
    options = options or DaskOptions()
    started = time.perf_counter()
    keep = options.parquet_dir is not None
    directory = Path(options.parquet_dir) if keep else Path(tempfile.mkdtemp(prefix="eventlens-parquet-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        with open_client(options) as client:
            client.register_plugin(PipelinePlugin(settings), name=PLUGIN_NAME)
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            window = options.max_in_flight or 2 * workers
            summary = _run(client, settings, paths, store, directory, options.partition_size, window, progress)
    finally:
        if not keep:
            shutil.rmtree(directory, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary


@contextlib.contextmanager
def open_client(options: DaskOptions) -> Iterator[Client]:
    """A client on the given scheduler, or on a LocalCluster started (and stopped) here."""
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=options.n_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _run(
    client: Client,
    settings: Settings,
    paths: Iterable[str | Path],
    store: Store,
    directory: Path,
    partition_size: int,
    window: int,
    progress: Progress | None,
) -> IngestSummary:
    ingest = Ingest(store, build_cleaner(settings), progress)  # the policy of every ingest path
    pending: dict[int, tuple[Future, list[Document]]] = {}
    next_to_load = 0
    run = uuid.uuid4().hex[:12]

    def load_ready(block: bool) -> None:
        nonlocal next_to_load
        while next_to_load in pending:
            future, docs = pending[next_to_load]
            if not block and not future.done():
                return
            wait([future])
            _load(future, docs, ingest)
            del pending[next_to_load]
            next_to_load += 1

    new_docs = (doc for doc in map(ingest.admit, read_paths(paths, settings.limits)) if doc is not None)
    for part, batch in enumerate(batched(new_docs, partition_size)):
        key = f"eventlens-part-{run}-{part}"  # task keys are global on a shared scheduler: one run, one prefix
        future = client.submit(process_partition, batch, part, str(directory), pure=False, key=key)
        pending[part] = (future, batch)
        load_ready(block=len(pending) >= window)
    load_ready(block=True)
    return ingest.finish()


def _load(future: Future, sent: list[Document], ingest: Ingest) -> None:
    """Store a finished partition's documents (or record why the whole batch failed)."""
    try:
        result: PartitionResult = future.result()
        docs: list[Document] = list(read_partition(result.path))
    except Exception as exc:  # a worker-side failure of any kind is recorded per article, the run goes on
        reason = f"distributed task failed: {type(exc).__name__}: {exc}"
        logger.warning("%s", reason)
        docs = [
            Document(article=d.article, error=d.error or DocumentError(d.article.id, "engine", reason, d.article.path))
            for d in sent
        ]
    for doc in docs:
        ingest.record(doc)
    future.release()
