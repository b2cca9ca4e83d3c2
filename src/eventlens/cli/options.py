"""Options shared by several commands, and small output helpers."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..config import DEFAULT_DB, ENV_DB, ENV_MIN_CONFIDENCE, ENV_MODEL, Settings

db_option = click.option(
    "--db",
    envvar=ENV_DB,
    default=DEFAULT_DB,
    show_default=True,
    help=f"Database: a SQLite file or a postgresql:// URL (env {ENV_DB}).",
)
model_option = click.option(
    "--model", envvar=ENV_MODEL, default=None, help=f"spaCy English pipeline to use (env {ENV_MODEL})."
)

min_confidence_option = click.option(
    "--min-confidence",
    envvar=ENV_MIN_CONFIDENCE,
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help=f"Keep events at or above this confidence (default 0.5, from data/assess/confidence.yaml; "
    f"env {ENV_MIN_CONFIDENCE}).",
)


def settings_from(db: str | None = None, model: str | None = None, **extra: object) -> Settings:
    return Settings.from_env(db=db, model=model, **extra)


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 40) -> None:
    """A plain fixed-width table on stdout."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: object, max_width: int) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
