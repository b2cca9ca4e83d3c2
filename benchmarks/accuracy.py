"""Accuracy on the development gold, in one run: whole articles first, then the regression checks.

1. Whole articles (the headline): the VOA stories of ../shared/gold/voa-* (40, the figure issues
   quote) and voa2-* (49, to check that a change generalises): precision, recall, F1, the lenient
   figures, per-root figures, dates and places (the rules of gold/ANNOTATION.md; the same figures
   as `python3 ../shared/tools/score.py docs`).
2. The seed article: required and optional events found (../shared/gold/seed-events.jsonl).
3. The PLOVER dev sentences: event-type accuracy and actor countries.

Prints figures; asserts nothing. The model loads once.

    .venv/bin/python benchmarks/accuracy.py [--shared ../shared] [--min-confidence X] [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

import eventlens
from eventlens.evaluation import evaluate_plover, evaluate_seed, format_plover, format_seed, read_gold
from eventlens.evaluation_docs import articles_for, evaluate_docs, format_docs, read_docs_gold

REPO = Path(__file__).resolve().parents[1]


def whole_articles(lens: eventlens.EventLens, shared: Path, name: str, errors: bool) -> None:
    gold, ids = read_docs_gold(shared / "gold" / f"{name}-events.jsonl", shared / "gold" / f"{name}-docs.jsonl")
    articles = list(articles_for(ids, shared / "corpus" / "voa"))
    events = []
    for doc in tqdm(lens.process(articles), total=len(articles), desc=name, file=sys.stderr):
        events.extend(doc.events if doc.error is None else [])
    print(f"\n== whole articles: {name} ({len(articles)} stories)")
    print(format_docs(evaluate_docs(gold, ids, events), errors=errors))


def main(shared: Path, min_confidence: float | None, errors: bool) -> None:
    lens = eventlens.load(eventlens.Settings(min_confidence=min_confidence))
    for name in ("voa", "voa2"):
        whole_articles(lens, shared, name, errors)
    seed_gold = shared / "gold" / "seed-events.jsonl"
    _, records = read_gold(seed_gold)
    print("\n== seed article")
    print(format_seed(evaluate_seed(records, lens.process, shared / "corpus" / "seed")).splitlines()[-1])
    _, plover = read_gold(shared / "eval" / "plover-gsr-dev.jsonl")
    print("\n== PLOVER dev sentences")
    report = format_plover(evaluate_plover(plover, lens.process))
    print("\n".join(line for line in report.splitlines() if "accuracy" in line or "country" in line))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO / ".." / "shared")
    parser.add_argument("--min-confidence", type=float, default=None)
    parser.add_argument("--errors", action="store_true", help="list misses and false events")
    args = parser.parse_args()
    if not (args.shared / "gold").is_dir():
        sys.exit(f"the shared material is missing: expected it at {args.shared.resolve()}")
    main(args.shared.resolve(), args.min_confidence, args.errors)
