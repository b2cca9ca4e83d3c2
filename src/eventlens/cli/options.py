"""Options shared by several commands, and small output helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from ..analysis.selection import check_iso_date
from ..config import DEFAULT_DB, ENV_DB, ENV_MIN_CONFIDENCE, ENV_MODEL, Settings
from ..store.base import SORTS, EventQuery

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


def event_filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters of an event list, with the names the web UI and /api/events use."""
    options = [
        click.option("--q", "q", help="Full-text search: words in the evidence sentences or actor names."),
        click.option("--actor", help="Actor name (substring) or CAMEO actor code prefix (TUR, SYRSPY)."),
        click.option("--code", help="CAMEO event code prefix (04, 043)."),
        click.option("--plover", help="PLOVER event type (CONSULT, ASSAULT...)."),
        click.option("--quad-class", "quad_class", type=click.IntRange(1, 4), help="QuadClass 1-4."),
        click.option("--since", help="Earliest date (ISO; a partial date counts if any day of it is in range)."),
        click.option("--until", help="Latest date (ISO; a partial date counts if any day of it is in range)."),
        click.option("--place", help="A place name, or country:ISO3 for the place's country."),
        click.option("--article-id", "article_id", help="Only events reported by this article."),
        click.option(
            "--sort",
            type=click.Choice(SORTS),
            default="-date",
            show_default=True,
            help="Order ('-' = descending; undated events last).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def event_query_from(limit: int | None = None, offset: int = 0, **filters: Any) -> EventQuery:
    """A checked store query from `event_filter_options` values."""
    for name in ("since", "until"):
        check_iso_date(filters.get(name), name)
    return EventQuery(
        actor=filters.get("actor") or None, code=filters.get("code") or None, since=filters.get("since") or None,
        until=filters.get("until") or None, plover=filters.get("plover") or None,
        quad_class=filters.get("quad_class"), article_id=filters.get("article_id") or None,
        place=filters.get("place") or None,
        text=(filters.get("q") or "").strip() or None, sort=filters.get("sort") or "-date",
        limit=limit if limit is not None else 100, offset=offset,
    )  # fmt: skip
