"""`eventlens export`: stored events as GDELT 2.0 tables, PLOVER JSON, CSV or Parquet."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..export import FORMATS, export_events
from ..store import open_store
from .options import db_option, event_filter_options, event_query_from


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="gdelt: GDELT 2.0 event table (61 columns, TSV); gdelt-mentions: its Mentions table; "
                   "plover: PLOVER JSON records; csv; parquet (needs --output).")  # fmt: skip
@db_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Output file (default stdout).")
@event_filter_options
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
def export(fmt: str, db: str, output: str | None, limit: int | None, **filters: Any) -> None:
    """Write stored events in an interchange format (the filters of `eventlens events` and /api/export)."""
    query = event_query_from(**filters)
    with open_store(db, must_exist=True) as store:
        try:
            written = export_events(store, fmt, output, query, limit)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output or 'the output'}: {exc.strerror or exc}") from exc
    if output:
        click.echo(f"{written} {'rows' if fmt.startswith('gdelt') else 'records'} written to {output}", err=True)
    else:
        sys.stdout.flush()
