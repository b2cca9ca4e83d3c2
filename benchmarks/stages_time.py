"""How much time the dates, places and attribution stages add per article.

Runs the default pipeline over the VOA stories (../shared/corpus/voa/voa-stories.jsonl,
89 articles) and times each of the three stages on every article, after the stages
they depend on have run. Prints the figures; asserts nothing.

    .venv/bin/python benchmarks/stages_time.py [PATH.jsonl]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from tqdm import tqdm

import eventlens
from eventlens.model import Document, DocumentError
from eventlens.readers import read_paths

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / ".." / "shared" / "corpus" / "voa" / "voa-stories.jsonl"
TIMED = ("dates", "places", "attribution")


def main(path: Path) -> None:
    lens = eventlens.load()
    stages = lens.pipeline.stages
    places = lens.pipeline.get_stage("places")
    started = time.perf_counter()
    _ = places.gazetteer  # type: ignore[attr-defined]  # built once per process, on first use
    gazetteer_load = time.perf_counter() - started
    articles = [a for a in read_paths([path], lens.settings.limits) if not isinstance(a, DocumentError)]
    spent: dict[str, list[float]] = {name: [] for name in TIMED}
    events = 0
    for article in tqdm(articles, desc="articles", file=sys.stderr):
        doc = Document(article=article)
        for stage in stages:
            if doc.error is not None or stage.name == "merge":
                break
            t0 = time.perf_counter()
            stage(doc)
            if stage.name in TIMED:
                spent[stage.name].append(time.perf_counter() - t0)
        events += len(doc.events)
    n = len(spent["dates"])
    print(f"articles timed: {n} of {len(articles)} read; events before merge: {events}")
    print(f"gazetteer load (once per process): {gazetteer_load * 1000:.0f} ms")
    total = [sum(parts) for parts in zip(*(spent[name] for name in TIMED), strict=True)]
    for name, values in [*((name, spent[name]) for name in TIMED), ("all three", total)]:
        if values:
            print(
                f"{name:12s} mean {statistics.mean(values) * 1000:7.2f} ms/article   "
                f"median {statistics.median(values) * 1000:7.2f}   max {max(values) * 1000:7.2f}"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
