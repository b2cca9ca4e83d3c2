"""`eventlens actors`: the actors in the store."""

from __future__ import annotations

import click

from ..store import open_store
from .options import db_option, echo_table


@click.group(invoke_without_command=True)
@db_option
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True)
@click.pass_context
def actors(ctx: click.Context, db: str, limit: int) -> None:
    """List actors with their codes and mention counts."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db) as store:
        found = store.list_actors(limit=limit)
    echo_table(
        ["actor", "code", "country", "sector", "kind", "mentions", "events", "aliases"],
        [
            (a.name, a.code, a.country, a.sector, a.kind, a.num_mentions, a.num_events, ", ".join(a.aliases))
            for a in found
        ],
    )
