"""`eventlens alerts`, `eventlens dyad A B`, `eventlens network`: the analyses on the command line."""

from __future__ import annotations

import json

import click

from ..analysis import actor_network, dyad_series, find_alerts, parse_actor_spec
from ..analysis.dyads import FREQS
from ..analysis.network import LEVELS
from ..analysis.selection import check_iso_date
from ..store import open_store
from .options import db_option, echo_table

level_option = click.option(
    "--level", type=click.Choice(LEVELS), default="country", show_default=True,
    help="Pair actors by country (TUR), by code (TURSPY) or by actor id.",
)  # fmt: skip
format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)


@click.command()
@db_option
@click.option("--since", help="Only alerts on or after this date (ISO); the whole history is still read.")
@level_option
@click.option("--min-gap-days", type=click.IntRange(1), default=365, show_default=True, help="A long silence.")
@click.option("--shift", "shift_threshold", type=click.FloatRange(0, 20, min_open=True), default=5.0,
              show_default=True, help="Goldstein change that counts as a sharp shift.")  # fmt: skip
@format_option
def alerts(db: str, since: str | None, level: str, min_gap_days: int, shift_threshold: float, fmt: str) -> None:
    """Alerts: the first event of a kind between a pair after a long silence; sharp Goldstein shifts."""
    with open_store(db, must_exist=True) as store:
        found = find_alerts(store, since, level, min_gap_days, shift_threshold)  # type: ignore[arg-type]
    if fmt == "jsonl":
        for alert in found:
            click.echo(json.dumps(alert.to_dict(), ensure_ascii=False))
        return
    rows = [(a.date, a.kind, "–".join(a.pair), a.message, a.event_id or "") for a in found]
    echo_table(["date", "kind", "pair", "alert", "event"], rows, max_width=110)


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--freq", type=click.Choice(FREQS), default="month", show_default=True)
@click.option("--since")
@click.option("--until")
@format_option
def dyad(a: str, b: str, db: str, freq: str, since: str | None, until: str | None, fmt: str) -> None:
    """The time series of the pair A, B (codes like TURSPY, country:SYR, or actor ids), both directions."""
    check_iso_date(since, "--since")
    check_iso_date(until, "--until")
    with open_store(db, must_exist=True) as store:
        series = dyad_series(store, parse_actor_spec(a), parse_actor_spec(b), freq, since, until)  # type: ignore[arg-type]
    if fmt == "jsonl":
        click.echo(json.dumps(series.to_dict(), ensure_ascii=False))
        return
    rows = []
    for direction, stats in ((f"{a} → {b}", series.forward), (f"{b} → {a}", series.backward)):
        rows += [(s.period, direction, s.count, *(s.quad[q] for q in (1, 2, 3, 4)), s.mean_goldstein) for s in stats]
    rows.sort(key=lambda r: (r[0], r[1]))
    echo_table(["period", "direction", "events", "Q1", "Q2", "Q3", "Q4", "mean Goldstein"], rows)
    click.echo(
        f"{len(series.events)} events; {series.unplaced} too coarsely dated for '{freq}', {series.undated} undated"
    )


@click.command()
@db_option
@level_option
@click.option("--since")
@click.option("--until")
@click.option("--around", help="Only events touching this actor (code, country:ISO3, id:...).")
@click.option("--min-count", type=click.IntRange(1), default=1, show_default=True)
@format_option
def network(db: str, level: str, since: str | None, until: str | None, around: str | None, min_count: int,
            fmt: str) -> None:  # fmt: skip
    """Who deals with whom: edges by events and Goldstein, and each actor's centrality."""
    check_iso_date(since, "--since")
    check_iso_date(until, "--until")
    with open_store(db, must_exist=True) as store:
        net = actor_network(store, level, since, until, parse_actor_spec(around) if around else None,  # type: ignore[arg-type]
                            min_count)  # fmt: skip
    if fmt == "jsonl":
        click.echo(json.dumps(net.to_dict(), ensure_ascii=False))
        return
    node_rows = [(n.label, n.events, n.degree, f"{n.pagerank:.3f}", f"{n.betweenness:.3f}") for n in net.nodes]
    echo_table(["node", "events", "counterparts", "pagerank", "betweenness"], node_rows)
    click.echo("")
    edge_rows = [(e.source, e.target, e.count, e.cooperation, e.conflict, e.mean_goldstein, e.tone) for e in net.edges]
    echo_table(["from", "to", "events", "coop", "conflict", "mean Goldstein", "tone"], edge_rows)
