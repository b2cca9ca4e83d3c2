"""What event coding adds to spaCy's parse (target: the events stage adds at most 20%).

Reads the VOA stories (../shared/corpus/voa/voa-stories.jsonl, 89 articles), cleans them, then
1. times spaCy's parse alone (`nlp.pipe` over the cleaned texts, the way the nlp stage runs it);
2. times the events stage (the coder) over the parsed documents, after the actors stage it needs;
   the actors stage is timed too, for reference.
Prints both figures and the ratios; asserts nothing. One-time loads (the spaCy model, the
gazetteer the coder uses for place names) are done before timing and printed apart.

    .venv/bin/python benchmarks/coding_speed.py [PATH.jsonl] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tqdm import tqdm

import eventlens
from eventlens.model import Document, DocumentError
from eventlens.readers import read_paths

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO / ".." / "shared" / "corpus" / "voa" / "voa-stories.jsonl"


def main(path: Path, repeat: int) -> None:
    lens = eventlens.load()
    clean = lens.pipeline.get_stage("clean")
    parser = lens.pipeline.get_stage("nlp")
    actors = lens.pipeline.get_stage("actors")
    coder = lens.pipeline.get_stage("events")
    started = time.perf_counter()
    _ = coder.gazetteer  # type: ignore[attr-defined]  # loaded once per process, on first use
    gazetteer_load = time.perf_counter() - started

    articles = [a for a in read_paths([path], lens.settings.limits) if not isinstance(a, DocumentError)]
    docs = [clean(Document(article=a)) for a in articles]
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)

    best_parse = best_actors = best_events = float("inf")
    events = 0
    for _ in range(repeat):
        started = time.perf_counter()
        parsed = list(parser.nlp.pipe(texts, batch_size=parser.batch_size))  # type: ignore[attr-defined]
        best_parse = min(best_parse, time.perf_counter() - started)

        fresh = [Document(article=d.article, text=d.text, paragraphs=d.paragraphs) for d in docs]
        for doc, spacy_doc in zip(fresh, parsed, strict=True):
            parser._attach(doc, spacy_doc)  # type: ignore[attr-defined]  # sentences, as the nlp stage does
        started = time.perf_counter()
        for doc in fresh:
            actors(doc)
        best_actors = min(best_actors, time.perf_counter() - started)

        started = time.perf_counter()
        for doc in tqdm(fresh, desc="coding", file=sys.stderr, leave=False):
            coder(doc)
        best_events = min(best_events, time.perf_counter() - started)
        events = sum(len(d.events) for d in fresh)

    print(f"articles {len(docs)}, words {words:,}, events coded {events:,} (best of {repeat} runs)")
    print(f"one-time gazetteer load for the coder: {gazetteer_load:.2f} s (not counted below)")
    print(f"spaCy parse alone ({lens.settings.model}): {best_parse:.2f} s")
    print(f"events stage (the coder):           {best_events:.2f} s  = {best_events / best_parse:.1%} of the parse")
    print(f"actors stage (for reference):       {best_actors:.2f} s  = {best_actors / best_parse:.1%} of the parse")
    print(f"parse + coding / parse alone: {(best_parse + best_events) / best_parse:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    main(args.path, args.repeat)
