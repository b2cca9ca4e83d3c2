"""The shipped world map asset and the chart geometry."""

from __future__ import annotations

import re

from eventlens.analysis.dyads import series_from_events
from eventlens.analysis.network import network_from_events
from eventlens.analysis.selection import parse_actor_spec
from eventlens.model import Actor, Event
from eventlens.web.charts import dyad_chart, map_marks, network_drawing
from eventlens.web.queries import MapPoint
from eventlens.web.worldmap import HEIGHT, WIDTH, build_world, load_world, project


def test_world_asset_has_the_countries_events_name():
    world = load_world()
    assert "Natural Earth" in world["source"]
    by_iso = {c["iso3"]: c for c in world["countries"] if c["iso3"]}
    assert len(by_iso) > 170
    for iso in ("TUR", "SYR", "RUS", "USA", "FRA", "KEN", "SOM", "UKR", "IRN"):
        assert re.fullmatch(r"(M[-\d. L]+Z)+", by_iso[iso]["d"].replace("L", " L")), iso
    xs = [float(v) for c in world["countries"] for v in re.findall(r"[ML]([-\d.]+) ", c["d"])]
    assert min(xs) >= -30 and max(xs) <= WIDTH + 30  # unwrapped antimeridian rings may pass an edge a little


def test_projection():
    assert project(0, 0) == (180, 90)
    assert project(-180, 90) == (0, 0)
    assert project(180, -90) == (WIDTH, HEIGHT)


def test_build_world_from_a_small_topology():
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "792", "properties": {"name": "Square"}},
        ]}},
    }  # fmt: skip
    world = build_world(topology, {792: "TUR"})
    assert world["countries"] == [
        {"iso3": "TUR", "name": "Square", "d": "M180.0 90.0L190.0 90.0L190.0 80.0L180.0 80.0L180.0 90.0Z"}
    ]


def _event(src: str, tgt: str, day: str, quad: int, goldstein: float) -> Event:
    event = Event(article_id="a", source=Actor(src, src, actor_id=f"code:{src}"),
                  target=Actor(tgt, tgt, actor_id=f"code:{tgt}"), cameo="043", date=day, date_precision="day",
                  quad_class=quad, goldstein=goldstein)  # fmt: skip
    event.id = f"{src}-{tgt}-{day}"
    return event


def test_dyad_chart_fills_empty_months_and_scales_bars():
    events = [_event("TUR", "SYR", "2020-01-13", 1, 3.0), _event("SYR", "TUR", "2020-04-02", 4, -10.0)]
    series = series_from_events(events, parse_actor_spec("TUR"), parse_actor_spec("SYR"), "month")
    chart = dyad_chart(series)
    assert [label["text"] for label in chart.labels] == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert len(chart.bars) == 2 and all(bar["h"] == chart.count_bottom - chart.count_top for bar in chart.bars)
    low = next(p for p in chart.points if p["value"] == -10.0)
    assert low["y"] == chart.gold_bottom


def test_network_drawing_stays_inside():
    events = [_event("TUR", "SYR", "2020-01-13", 1, 3.0), _event("RUS", "SYR", "2020-01-14", 1, 3.0),
              _event("USA", "IRN", "2020-01-15", 4, -10.0)]  # fmt: skip
    drawing = network_drawing(network_from_events(events, "code"), width=400, height=300)
    assert len(drawing.nodes) == 5 and len(drawing.edges) == 3
    assert all(0 <= n["x"] <= 400 and 0 <= n["y"] <= 300 for n in drawing.nodes)
    assert {e["tone"] for e in drawing.edges} == {"cooperation", "conflict"}


def test_map_marks():
    marks = map_marks([MapPoint("Moscow", "RUS", 55.75, 37.62, 4, None, None, []),
                       MapPoint("Kyiv", "UKR", 50.45, 30.52, 1, None, None, [])])  # fmt: skip
    assert marks[0]["x"] == 37.62 + 180 and marks[0]["r"] > marks[1]["r"]
