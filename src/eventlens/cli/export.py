"""`eventlens export`: stored events as GDELT 2.0 tables, PLOVER JSON, CSV or Parquet."""

from __future__ import annotations

import sys

import click

from ..export import FORMATS, export_events
from ..store import EventQuery, open_store
from .options import db_option


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="gdelt: GDELT 2.0 event table (61 columns, TSV); gdelt-mentions: its Mentions table; "
                   "plover: PLOVER JSON records; csv; parquet (needs --output).")  # fmt: skip
@db_option
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Output file (default stdout).")
@click.option("--actor", help="Only events with this actor (name substring or code prefix).")
@click.option("--code", help="Only events with this CAMEO code prefix.")
@click.option("--since", help="Earliest event date (ISO, inclusive).")
@click.option("--until", help="Latest event date (ISO, inclusive).")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many events.")
def export(
    fmt: str, db: str, output: str | None, actor: str | None, code: str | None, since: str | None,
    until: str | None, limit: int | None,
) -> None:  # fmt: skip
    """Write stored events in an interchange format."""
    query = EventQuery(actor=actor, code=code, since=since, until=until)
    with open_store(db, must_exist=True) as store:
        try:
            written = export_events(store, fmt, output, query, limit)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output or 'the output'}: {exc.strerror or exc}") from exc
    if output:
        click.echo(f"{written} {'rows' if fmt.startswith('gdelt') else 'records'} written to {output}", err=True)
    else:
        sys.stdout.flush()
