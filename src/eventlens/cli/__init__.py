"""The `eventlens` command: thin commands over the Python API, one module per command group."""

from __future__ import annotations

import logging

import click

from ..errors import EventlensError
from .actors import actors
from .analysis import alerts, dyad, network
from .eval import eval_cmd
from .export import export
from .ingest import extract_cmd, ingest
from .migrate import migrate
from .query import events, search, show
from .serve import serve
from .watch import watch


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EventlensError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=_Group)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(package_name="eventlens")
def main(verbose: int) -> None:
    """eventlens: news reports in, coded events with their evidence out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


main.add_command(ingest)
main.add_command(extract_cmd)
main.add_command(events)
main.add_command(show)
main.add_command(search)
main.add_command(actors)
main.add_command(export)
main.add_command(watch)
main.add_command(serve)
main.add_command(alerts)
main.add_command(dyad)
main.add_command(network)
main.add_command(eval_cmd)
main.add_command(migrate)
