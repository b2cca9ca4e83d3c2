"""`eventlens watch`: poll RSS/Atom feeds and ingest what is new."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from ..engine.watch import FeedWatcher, PollSummary
from ..lens import load
from ..readers.feeds import HttpFetcher, WatchState, default_state_path
from ..store import open_store
from .options import db_option, model_option, settings_from


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@model_option
@click.option("--interval", type=click.FloatRange(1), default=300, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), default=None,
              help="Watch state file (default: next to the database, DB.watch.json).")  # fmt: skip
@click.option("--timeout", type=click.FloatRange(0.1), default=20, show_default=True, help="HTTP timeout (s).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--allow-network", "allow", multiple=True, metavar="CIDR",
              help="Also fetch from this non-public network or address (e.g. 10.1.0.0/16, 127.0.0.1); "
                   "loopback, private, link-local and multicast addresses are refused otherwise.")  # fmt: skip
def watch(
    sources: tuple[str, ...], db: str, model: str | None, interval: float, once: bool, state_path: str | None,
    timeout: float, quiet: bool, allow: tuple[str, ...],
) -> None:  # fmt: skip
    """Poll feeds (URLs of RSS/Atom feeds, or local feed files/directories) and ingest new entries.

    Each entry's link is fetched and read as an HTML page (its own text is used when the page
    cannot be fetched). Only public addresses are fetched unless --allow-network says otherwise.
    Entries already in the store are never ingested twice, across restarts.
    """
    settings = settings_from(db=db, model=model)
    fetcher = HttpFetcher(timeout=timeout, allow=allow)  # a bad --allow-network is an error before anything
    state = WatchState.load(Path(state_path) if state_path else default_state_path(settings.db))
    lens = load(settings)
    with (
        open_store(settings.db) as store,
        tqdm(unit=" articles", desc="watch", disable=quiet, file=sys.stderr, dynamic_ncols=True) as bar,
    ):
        watcher = FeedWatcher(lens, store, state, fetcher, progress=lambda _item: bar.update(1))
        try:
            watcher.run(list(sources), interval, once=once, on_poll=_echo_poll)
        except KeyboardInterrupt:
            click.echo("watch stopped", err=True)


def _echo_poll(number: int, result: PollSummary) -> None:
    summary = result.ingest
    click.echo(
        f"poll {number}: {result.entries} entries, {result.new} new; {summary.stored} stored, "
        f"{summary.events} events, {len(summary.errors)} errors ({summary.seconds:.1f} s)"
    )
    for error in summary.errors[:20]:
        click.echo(f"  error: {error.article_id}: {error.reason}", err=True)
