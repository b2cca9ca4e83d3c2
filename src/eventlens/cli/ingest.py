"""`eventlens ingest` and `eventlens extract`."""

from __future__ import annotations

import json
import sys

import click
from tqdm import tqdm

from ..ingest import IngestSummary
from ..lens import load
from ..model import Document, DocumentError, Event
from ..store import open_store
from .options import db_option, echo_table, min_confidence_option, model_option, settings_from


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@model_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Articles per pipeline batch.")
@click.option("--n-process", type=click.IntRange(1), default=None, help="Worker processes on this machine.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on a Dask cluster (see docs/dask.md).")  # fmt: skip
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local cluster).")
@click.option("--parquet-dir", default=None, help="Dask: where workers write their partitions (shared by all).")
@min_confidence_option
def ingest(
    paths: tuple[str, ...], db: str, model: str | None, quiet: bool, batch_size: int | None,
    n_process: int | None, engine: str, scheduler: str | None, parquet_dir: str | None,
    min_confidence: float | None,
) -> None:  # fmt: skip
    """Read, process and store the articles in PATHS (files, directories, globs)."""
    settings = settings_from(
        db=db, model=model, batch_size=batch_size, n_process=n_process, min_confidence=min_confidence
    )
    with (
        open_store(settings.db) as store,
        tqdm(unit=" articles", desc="ingest", disable=quiet, file=sys.stderr, dynamic_ncols=True) as bar,
    ):
        if engine == "dask":
            from ..engine.cluster import DaskOptions, ingest_on_dask

            workers = settings.n_process if n_process else 2
            options = DaskOptions(scheduler=scheduler, n_workers=workers, parquet_dir=parquet_dir)
            summary = ingest_on_dask(settings, paths, store, options, progress=lambda _item: bar.update(1))
        else:
            summary = load(settings).ingest(paths, store, progress=lambda _item: bar.update(1))
        counts = store.counts()
    echo_summary(summary)
    click.echo(f"store {settings.db}: {counts.articles} articles, {counts.events} events, {counts.actors} actors")
    if every_input_failed(summary):
        click.echo("error: every input failed; nothing was stored", err=True)
        click.get_current_context().exit(1)


def every_input_failed(summary: IngestSummary) -> bool:
    """Nothing stored or already there, and at least one failure (warnings are not failures)."""
    failures = [e for e in summary.errors if not e.is_warning]
    return bool(failures) and summary.stored == 0 and summary.skipped == 0


def echo_summary(summary: IngestSummary) -> None:
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    linked = f" ({summary.duplicates} linked as near-duplicates)" if summary.duplicates else ""
    conflicts = f", {summary.conflicts} in conflict with a stored text" if summary.conflicts else ""
    click.echo(
        f"articles: {summary.articles} read, {summary.stored} stored{linked}, {summary.skipped} already stored"
        f"{conflicts}; events: {summary.events} told, {summary.events_new} new in the store; "
        f"errors: {len(summary.errors)}  ({summary.seconds:.1f} s, {rate:.1f} articles/s)"
    )
    if summary.internal_errors:
        click.echo(
            f"WARNING: {summary.internal_errors} document(s) failed on an internal error (a bug in eventlens,"
            " not in the input): see the log and the errors below, and please report it",
            err=True,
        )
    if summary.errors:
        echo_table(
            ["document", "stage", "reason"], [(e.article_id, e.stage, e.reason) for e in summary.errors[:50]], 70
        )
        if len(summary.errors) > 50:
            click.echo(f"... and {len(summary.errors) - 50} more (see the ingest_errors table)")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@model_option
@min_confidence_option
@click.option("--rejected", is_flag=True, help="Print the candidates kept out (with their reasons) instead.")
def extract_cmd(
    paths: tuple[str, ...], fmt: str, model: str | None, min_confidence: float | None, rejected: bool
) -> None:
    """Process PATHS without a database and print the events (JSONL for piping and evaluation)."""
    lens = load(settings_from(model=model, min_confidence=min_confidence))
    rows: list[Event] = []
    errors = 0
    for item in lens.extract(paths):
        error = item if isinstance(item, DocumentError) else item.error
        if error:
            errors += 1
            click.echo(f"error: {error.article_id}: {error.stage}: {error.reason}", err=True)
            continue
        assert isinstance(item, Document)
        for event in item.rejected if rejected else item.events:
            if fmt == "jsonl":
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
            else:
                rows.append(event)
    if fmt == "table":
        echo_events_table(rows)
    if errors:
        click.echo(f"{errors} document(s) failed", err=True)


def echo_events_table(events: list[Event]) -> None:
    echo_table(
        ["id", "date", "source", "cameo", "plover", "target", "place", "reported by", "n"],
        [
            (
                e.id,
                e.date,
                f"{e.source.name} ({e.source.code or '?'})",
                e.cameo,
                e.plover.event if e.plover else "",
                f"{e.target.name} ({e.target.code or '?'})",
                e.place.name if e.place else "",
                ", ".join(e.reported_by),
                e.num_mentions,
            )
            for e in events
        ],
        max_width=32,
    )
