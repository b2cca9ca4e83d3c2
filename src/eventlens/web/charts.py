"""Server-side SVG geometry for the UI's charts: plain numbers the templates draw (no chart library).

Every label that reaches a chart comes from the store and is escaped by the template engine.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

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
    tones = node_tones(network)
    labels = place_labels(
        [(n.id, _short(n.label), *positions[n.id], radius[n.id]) for n in network.nodes], width, height
    )
    nodes = []
    for node in network.nodes:
        x, y = positions[node.id]
        label = labels.get(node.id)
        nodes.append({"id": node.id, "label": node.label, "x": x, "y": y, "r": radius[node.id],
                      "tone": tones.get(node.id, "mixed"), "colour": TONE_COLOURS[tones.get(node.id, "mixed")],
                      "label_text": label[0] if label else None, "label_x": label[1] if label else 0,
                      "label_y": label[2] if label else 0, "label_anchor": label[3] if label else "middle",
                      "title": f"{node.label}: {node.events} events ({tones.get(node.id, 'mixed')}), "
                               f"{node.degree} counterparts, PageRank {node.pagerank:.3f}, "
                               f"betweenness {node.betweenness:.3f}"})  # fmt: skip
    heaviest = max((e.count for e in network.edges), default=1) or 1
    edges = []
    for edge in network.edges[:MAX_DRAWN_EDGES]:  # heaviest first: more would hide the nodes
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


MAX_DRAWN_EDGES = 400
LABEL_CHAR_WIDTH = 6.6  # px per character of the 12 px label font (a generous average)
LABEL_HEIGHT = 13.0
MAX_LABEL = 24


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def node_tones(network: Network) -> dict[str, str]:
    """Each node's prevailing kind of interaction over its edges (both directions): cooperation
    (QuadClass 1-2), conflict (3-4) or mixed."""
    coop: dict[str, int] = {}
    conflict: dict[str, int] = {}
    for edge in network.edges:
        for node in (edge.source, edge.target):
            coop[node] = coop.get(node, 0) + edge.cooperation
            conflict[node] = conflict.get(node, 0) + edge.conflict
    tones = {}
    for node in network.nodes:
        c, k = coop.get(node.id, 0), conflict.get(node.id, 0)
        tones[node.id] = "cooperation" if c > k else "conflict" if k > c else "mixed"
    return tones


Box = tuple[float, float, float, float]


def place_labels(
    nodes: list[tuple[str, str, float, float, float]],
    width: float,
    height: float,
    char_width: float = LABEL_CHAR_WIDTH,
    line_height: float = LABEL_HEIGHT,
    must: int = 10,
) -> dict[str, tuple[str, float, float, str]]:
    """Label positions that collide neither with each other nor with any node, inside the drawing.

    `nodes`: (id, label, x, y, radius), most important first; each label tries above, below,
    right and left of its node, then farther out; a label with no free place is left out (the
    node's tooltip and the tables below still name it), except that the `must` most important
    nodes, if still unnamed, get a label over other nodes' circles (never over another label).
    Returns id -> (text, x, y, anchor), y being the text baseline.
    """
    circles = [(x - r, y - r, x + r, y + r) for _, _, x, y, r in nodes]
    placed: list[Box] = []
    found: dict[str, tuple[str, float, float, str]] = {}
    for node_id, text, x, y, r in nodes:
        w = len(text) * char_width
        for gap in (line_height * f for f in (0.25, 0.8, 1.4, 2.2)):
            spot = _free_spot(x, y, r + gap, w, line_height, width, height, placed, circles)
            if spot is not None:
                box, tx, ty, anchor = spot
                placed.append(box)
                found[node_id] = (text, tx, ty, anchor)
                break
    own = {node_id: circle for (node_id, *_), circle in zip(nodes, circles, strict=True)}
    for node_id, text, x, y, r in nodes[:must]:
        if node_id in found:
            continue
        w = len(text) * char_width
        for gap in (line_height * f for f in (0.25, 0.8, 1.4)):
            spot = _free_spot(x, y, r + gap, w, line_height, width, height, placed, [own[node_id]])
            if spot is not None:
                placed.append(spot[0])
                found[node_id] = (text, *spot[1:])
                break
    return found


def _free_spot(
    x: float, y: float, d: float, w: float, h: float, width: float, height: float, placed: list[Box],
    circles: list[Box],
) -> tuple[Box, float, float, str] | None:  # fmt: skip
    margin = h * 0.15
    candidates = [  # (box left, box top, text x, anchor)
        (x - w / 2, y - d - h, x, "middle"),
        (x - w / 2, y + d, x, "middle"),
        (x + d, y - h / 2, x + d, "start"),
        (x - d - w, y - h / 2, x - d, "end"),
        (x + d * 0.7, y - d * 0.7 - h, x + d * 0.7, "start"),  # the diagonals
        (x - d * 0.7 - w, y - d * 0.7 - h, x - d * 0.7, "end"),
        (x + d * 0.7, y + d * 0.7, x + d * 0.7, "start"),
        (x - d * 0.7 - w, y + d * 0.7, x - d * 0.7, "end"),
    ]
    for left, top, tx, anchor in candidates:
        if left < margin or top < margin or left + w > width - margin or top + h > height - margin:
            continue
        box = (left, top, left + w, top + h)
        if any(_overlap(box, other) for other in placed) or any(_overlap(box, c) for c in circles):
            continue
        return box, tx, top + h * 0.78, anchor
    return None


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


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


PLACES_ZOOM = 4  # the zoom at which single places replace the clusters (app.js ZOOM_PLACES is lower)


def map_marks(points: list[MapPoint]) -> list[dict[str, Any]]:
    """Circles on the world map (in the map's own coordinates, WIDTH x HEIGHT), each with a label
    placed (without collisions) for the view zoomed in to PLACES_ZOOM; label offsets in map units."""
    top = max((p.events for p in points), default=1) or 1
    marks = []
    for point in points:
        x, y = project(point.lon, point.lat)
        marks.append({"x": x, "y": y, "r": 1.2 + 3 * math.sqrt(point.events / top), "point": point})
    z = PLACES_ZOOM
    shrink = z**0.75  # as app.js draws circles when zoomed in
    labels = place_labels(
        [(str(i), _short(m["point"].name), m["x"] * z, m["y"] * z, m["r"] / shrink * z) for i, m in enumerate(marks)],
        WIDTH * z, HEIGHT * z, char_width=MAP_FONT * 0.55, line_height=MAP_FONT * 1.1,
    )  # fmt: skip
    for i, mark in enumerate(marks):
        text, lx, ly, anchor = labels.get(str(i), (None, 0.0, 0.0, "middle"))
        mark.update(label=text, label_dx=lx / z - mark["x"], label_dy=ly / z - mark["y"], label_anchor=anchor)
    return marks


MAP_VIEWBOX = f"0 0 {WIDTH:g} {HEIGHT:g}"
CLUSTER_CELL = 8.0  # map units (the map is 360 x 180): places closer than this draw as one cluster
MAP_LABELS = 25  # the busiest clusters get a name
MAP_FONT = 3.6  # map units (about 12 px on a 1,200 px wide map)


@dataclass
class MapCluster:
    x: float
    y: float
    r: float
    events: int
    points: list[MapPoint]
    href: str
    title: str
    label: str | None = None
    label_x: float = 0.0
    label_y: float = 0.0
    label_anchor: str = "middle"


def map_clusters(points: list[MapPoint]) -> list[MapCluster]:
    """Nearby places drawn as one labelled circle (a grid in map units): its size by events, its
    link to the events list filtered to its place (or its country, when it holds several places)."""
    cells: dict[tuple[int, int], list[tuple[float, float, MapPoint]]] = {}
    for point in points:
        x, y = project(point.lon, point.lat)
        cells.setdefault((int(x // CLUSTER_CELL), int(y // CLUSTER_CELL)), []).append((x, y, point))
    top = max((sum(p.events for _, _, p in members) for members in cells.values()), default=1) or 1
    clusters = []
    for members in cells.values():
        events = sum(p.events for _, _, p in members)
        cx = sum(x * p.events for x, _, p in members) / events
        cy = sum(y * p.events for _, y, p in members) / events
        places = sorted((p for _, _, p in members), key=lambda p: (-p.events, p.name))
        countries = {p.country for p in places}
        if len(places) == 1 or len(countries) != 1 or None in countries:
            target = places[0].name
        else:
            target = f"country:{places[0].country}"
        names = ", ".join(f"{p.name} ({p.events})" for p in places[:8]) + (" …" if len(places) > 8 else "")
        clusters.append(MapCluster(
            cx, cy, 1.4 + 4.5 * math.sqrt(events / top), events, places, url("/", place=target),
            f"{events} event(s) at {len(places)} place(s): {names}",
        ))  # fmt: skip
    clusters.sort(key=lambda c: (-c.events, c.points[0].name))
    busiest = clusters[:MAP_LABELS]
    labels = place_labels(
        [(str(i), _cluster_label(c), c.x, c.y, c.r) for i, c in enumerate(busiest)], WIDTH, HEIGHT,
        char_width=MAP_FONT * 0.55, line_height=MAP_FONT * 1.1,
    )  # fmt: skip
    for i, cluster in enumerate(busiest):
        if str(i) in labels:
            cluster.label, cluster.label_x, cluster.label_y, cluster.label_anchor = labels[str(i)]
    return clusters


def _cluster_label(cluster: MapCluster) -> str:
    more = len(cluster.points) - 1
    return _short(cluster.points[0].name) + (f" +{more}" if more else "")


def url(path: str, **params: Any) -> str:
    given = {k: v for k, v in params.items() if v not in (None, "")}
    return path + ("?" + urlencode(given) if given else "")
