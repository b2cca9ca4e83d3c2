"""`eventlens events` and `eventlens show`: reading the store."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..export.tables import write_csv
from ..model import Event
from ..store import EventQuery, StoredArticle, open_store
from .ingest import echo_events_table
from .options import db_option, event_filter_options, event_query_from


@click.command()
@db_option
@event_filter_options
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.option("--count", is_flag=True, help="Print only how many events match.")
def events(db: str, limit: int, offset: int, fmt: str, count: bool, **filters: Any) -> None:
    """List stored events, filtered (newest first by default)."""
    query = event_query_from(limit, offset, **filters)
    with open_store(db, must_exist=True) as store:
        if count:
            click.echo(store.count_events(query))
            return
        found = store.query_events(query)
    _echo_events(found, fmt)


@click.command()
@click.argument("words", nargs=-1, required=True)
@db_option
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
def search(words: tuple[str, ...], db: str, limit: int, fmt: str) -> None:
    """Full-text search over evidence sentences and actor names (newest first): eventlens search talks Ankara"""
    query = EventQuery(text=" ".join(words), sort="-date", limit=limit)
    with open_store(db, must_exist=True) as store:
        found = store.query_events(query)
        total = store.count_events(query)
    _echo_events(found, fmt)
    if fmt == "table":
        click.echo(f"{total} event(s) match", err=True)


def _echo_events(found: list[Event], fmt: str) -> None:
    if fmt == "jsonl":
        for event in found:
            click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        write_csv(found, sys.stdout)  # the one CSV layout, as `eventlens export --format csv`
    else:
        echo_events_table(found)


@click.command()
@click.argument("event_id")
@db_option
def show(event_id: str, db: str) -> None:
    """Show one event with its evidence sentences, the span highlighted, and why it got its code."""
    with open_store(db, must_exist=True) as store:
        event = store.get_event(event_id)
        if event is None:
            raise click.ClickException(f"no event {event_id!r} in {db}")
        articles = {m.article_id: store.get_article(m.article_id) for m in event.mentions}
    click.echo(f"{event.id}  {event.date or 'undated'} ({event.date_precision})")
    click.echo(
        f"  {event.source.name} [{event.source.code or '?'}] -> {event.target.name} [{event.target.code or '?'}]"
    )
    plover = f"{event.plover.event}" + (f"/{event.plover.mode}" if event.plover and event.plover.mode else "")
    click.echo(f"  CAMEO {event.cameo} (QuadClass {event.quad_class}, Goldstein {event.goldstein}); PLOVER {plover}")
    if event.place:
        click.echo(f"  place: {event.place.name}, {event.place.country} ({event.place.lat}, {event.place.lon})")
    click.echo(
        f"  reported by: {', '.join(event.reported_by) or '-'}; modality: {event.modality}"
        + ("; NEGATED" if event.negated else "")
    )
    click.echo(f"  coded by pattern: {event.pattern or '-'} (trigger: {event.trigger or '-'})")
    click.echo(f"  mentions: {event.num_mentions} in {event.num_articles} article(s), {event.num_sources} source(s)")
    for mention in event.mentions:
        click.echo("")
        click.echo(f"  [{mention.kind}] {mention.article_id} sentence {mention.sentence}:")
        click.echo("    " + highlight(articles.get(mention.article_id), mention.sentence, mention.start, mention.end))


def highlight(article: StoredArticle | None, sentence: int, start: int, end: int) -> str:
    """The sentence with the evidence span marked by »« (and bold on a terminal)."""
    if article is None:
        return "(article not in the store)"
    sent = next((s for s in article.sentences if s.index == sentence), None)
    s_start, s_end = (sent.start, sent.end) if sent else (start, end)
    text = article.text
    before, span, after = text[s_start:start], text[start:end], text[end:s_end]
    return before + "»" + click.style(span, bold=True) + "«" + after
