"""`eventlens migrate`: create or bring up to date the schema of a store, explicitly."""

from __future__ import annotations

import click

from ..store import open_store
from ..store.schema import SCHEMA_VERSION
from .options import db_option


@click.command()
@db_option
def migrate(db: str) -> None:
    """Create the database's schema, or migrate it to this version (ingest and serve also do it)."""
    with open_store(db):
        pass
    click.echo(f"{db}: schema version {SCHEMA_VERSION}")
