"""Server-side SVG geometry for the UI's charts: plain numbers the templates draw (no chart library).

Every label that reaches a chart comes from the store and is escaped by the template engine.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..analysis.dyads import DyadSeries, PeriodStats
from ..analysis.network import Network
from .queries import MapPoint
from .worldmap import HEIGHT, WIDTH, project

QUAD_COLOURS = {1: "#4c9a5b", 2: "#1f6f3a", 3: "#e0913a", 4: "#b8322a"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
TONE_COLOURS = {"cooperation": "#2f8a4a", "conflict": "#b8322a", "mixed": "#8a8a8a"}
MAX_FILLED_PERIODS = 400


@dataclass
class DyadChart:
    width: int
    height: int
    bars: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    labels: list[dict[str, Any]] = field(default_factory=list)
    grid: list[dict[str, Any]] = field(default_factory=list)
    count_max: int = 0
    count_top: float = 0
    count_bottom: float = 0
    gold_top: float = 0
    gold_bottom: float = 0
    left: float = 50
    right: float = 0


def _periods(series: DyadSeries) -> list[str]:
    """Every period from the first to the last (empty ones too, so time runs evenly)."""
    present = series.periods
    if not present or series.freq == "week":
        return present
    first, last = present[0], present[-1]
    out, current = [], first
    while current <= last and len(out) < MAX_FILLED_PERIODS:
        out.append(current)
        current = _next_period(current, series.freq)
    return out if current > last else present


def _next_period(period: str, freq: str) -> str:
    if freq == "year":
        return str(int(period) + 1)
    if freq == "month":
        year, month = int(period[:4]), int(period[5:7])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    return (dt.date.fromisoformat(period) + dt.timedelta(days=1)).isoformat()


def dyad_chart(series: DyadSeries, width: int = 880) -> DyadChart:
    """Top: events per period stacked by QuadClass (a->b left bar, b->a right bar).
    Bottom: mean Goldstein per period and direction, on the -10..+10 scale."""
    chart = DyadChart(width=width, height=330, count_top=20, count_bottom=170, gold_top=200, gold_bottom=300)
    chart.right = width - 20
    periods = _periods(series)
    if not periods:
        return chart
    by_dir = {"forward": {p.period: p for p in series.forward}, "backward": {p.period: p for p in series.backward}}
    chart.count_max = max([p.count for p in (*series.forward, *series.backward)] or [1])
    slot = min((chart.right - chart.left) / len(periods), 90.0)
    first_x = chart.left + ((chart.right - chart.left) - slot * len(periods)) / 2  # few periods: centred
    gold_mid = (chart.gold_top + chart.gold_bottom) / 2
    previous: dict[str, tuple[float, float] | None] = {"forward": None, "backward": None}
    for i, period in enumerate(periods):
        x0 = first_x + i * slot
        for j, direction in enumerate(("forward", "backward")):
            stats = by_dir[direction].get(period)
            if stats is None:
                continue
            bar_x = x0 + slot * (0.1 + 0.4 * j)
            _stack(chart, stats, bar_x, slot * 0.38, direction)
            if stats.mean_goldstein is not None:
                cx = bar_x + slot * 0.19  # under its bar, so the two directions stay apart
                cy = gold_mid - stats.mean_goldstein / 10 * (chart.gold_bottom - chart.gold_top) / 2
                chart.points.append({"x": cx, "y": cy, "direction": direction, "period": period,
                                     "value": stats.mean_goldstein})  # fmt: skip
                if previous[direction]:
                    px, py = previous[direction]
                    chart.lines.append({"x1": px, "y1": py, "x2": cx, "y2": cy, "direction": direction})
                previous[direction] = (cx, cy)
        step = max(1, math.ceil(len(periods) / 12))
        if i % step == 0:
            chart.labels.append({"x": x0 + slot / 2, "y": chart.gold_bottom + 18, "text": period})
    for value in (10, 5, 0, -5, -10):
        y = gold_mid - value / 10 * (chart.gold_bottom - chart.gold_top) / 2
        chart.grid.append({"y": y, "text": f"{value:+d}" if value else "0"})
    return chart


def _stack(chart: DyadChart, stats: PeriodStats, x: float, w: float, direction: str) -> None:
    y = chart.count_bottom
    scale = (chart.count_bottom - chart.count_top) / max(chart.count_max, 1)
    for quad in (1, 2, 3, 4):
        n = stats.quad[quad]
        if not n:
            continue
        h = n * scale
        y -= h
        chart.bars.append({
            "x": x, "y": y, "w": max(w, 1.0), "h": h, "fill": QUAD_COLOURS[quad], "direction": direction,
            "title": f"{stats.period} {direction}: {n} {QUAD_NAMES[quad]}",
        })  # fmt: skip
    other = stats.count - sum(stats.quad.values())
    if other:
        h = other * scale
        y -= h
        chart.bars.append({"x": x, "y": y, "w": max(w, 1.0), "h": h, "fill": "#999999", "direction": direction,
                           "title": f"{stats.period} {direction}: {other} without QuadClass"})  # fmt: skip


@dataclass
class NetworkDrawing:
    width: int
    height: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


def network_drawing(network: Network, width: int = 880, height: int = 600) -> NetworkDrawing:
    """A force-directed layout (networkx spring layout, fixed seed: the same graph draws the same)."""
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in network.nodes)
    for edge in network.edges:
        weight = graph.get_edge_data(edge.source, edge.target, {"weight": 0})["weight"] + edge.count
        graph.add_edge(edge.source, edge.target, weight=weight)
    if graph.number_of_nodes() == 0:
        return NetworkDrawing(width, height, [], [])
    positions = _component_layout(graph, width, height)
    top = max((n.events for n in network.nodes), default=1) or 1
    radius = {n.id: 6 + 14 * math.sqrt(n.events / top) for n in network.nodes}
    nodes = []
    for node in network.nodes:
        x, y = positions[node.id]
        nodes.append({"id": node.id, "label": node.label, "x": x, "y": y, "r": radius[node.id],
                      "title": f"{node.label}: {node.events} events, {node.degree} counterparts, "
                               f"PageRank {node.pagerank:.3f}, betweenness {node.betweenness:.3f}"})  # fmt: skip
    heaviest = max((e.count for e in network.edges), default=1) or 1
    edges = []
    for edge in network.edges:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        bend = 0.12  # opposite directions bend to opposite sides, so both stay visible
        mx, my = (x1 + x2) / 2 + bend * (y2 - y1), (y1 + y2) / 2 - bend * (x2 - x1)
        x1, y1 = _towards(x1, y1, mx, my, radius[edge.source])  # start and end on the circles, so arrows show
        x2, y2 = _towards(x2, y2, mx, my, radius[edge.target] + 1)
        edges.append({
            "d": f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}", "colour": TONE_COLOURS[edge.tone],
            "tone": edge.tone, "width": 1 + 4 * edge.count / heaviest,
            "title": f"{edge.source} → {edge.target}: {edge.count} events ({edge.cooperation} cooperation, "
                     f"{edge.conflict} conflict), mean Goldstein {edge.mean_goldstein}",
        })  # fmt: skip
    return NetworkDrawing(width, height, nodes, edges)


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    """The point `distance` from (x, y) in the direction of (tx, ty)."""
    length = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / length * distance, y + (ty - y) / length * distance


def _component_layout(graph: nx.Graph, width: int, height: int, pad: int = 50) -> dict[str, tuple[float, float]]:
    """Spring layout per connected component: the largest fills the left part of the drawing,
    the others share a grid on the right (so small islands do not squeeze the main graph)."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    main_width = width if len(components) == 1 else width * 0.7
    boxes = [(0.0, 0.0, main_width, float(height))]
    rest = components[1:]
    if rest:
        cols = math.ceil(math.sqrt(len(rest) / 2)) or 1
        rows = math.ceil(len(rest) / cols)
        cell_w, cell_h = (width - main_width) / cols, height / rows
        boxes += [(main_width + (i % cols) * cell_w, (i // cols) * cell_h, cell_w, cell_h) for i in range(len(rest))]
    positions: dict[str, tuple[float, float]] = {}
    for nodes, (bx, by, bw, bh) in zip(components, boxes, strict=True):
        sub = graph.subgraph(nodes)
        if len(nodes) == 1:
            layout = {nodes[0]: (0.0, 0.0)}
        elif len(nodes) == 2:
            layout = {nodes[0]: (-1.0, 0.0), nodes[1]: (1.0, 0.0)}
        else:
            layout = {
                k: (float(v[0]), float(v[1]))
                for k, v in nx.spring_layout(sub, seed=7, k=2.0 / math.sqrt(len(nodes)), iterations=200).items()
            }
        xs, ys = [p[0] for p in layout.values()], [p[1] for p in layout.values()]
        x_span, y_span = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        inner_pad = min(pad, bw / 4, bh / 4)
        for node, (x, y) in layout.items():
            fx = (x - min(xs)) / x_span if max(xs) > min(xs) else 0.5
            fy = (y - min(ys)) / y_span if max(ys) > min(ys) else 0.5
            positions[node] = (bx + inner_pad + fx * (bw - 2 * inner_pad), by + inner_pad + fy * (bh - 2 * inner_pad))
    return positions


def map_marks(points: list[MapPoint]) -> list[dict[str, Any]]:
    """Circles on the world map (in the map's own coordinates, WIDTH x HEIGHT)."""
    top = max((p.events for p in points), default=1) or 1
    marks = []
    for point in points:
        x, y = project(point.lon, point.lat)
        marks.append({"x": x, "y": y, "r": 1.2 + 3 * math.sqrt(point.events / top), "point": point})
    return marks


MAP_VIEWBOX = f"0 0 {WIDTH:g} {HEIGHT:g}"
