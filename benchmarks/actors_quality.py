"""How well the actors stage finds actor countries, and how fast it is. Prints figures; asserts nothing.

1. PLOVER dev set (../shared/eval/plover-gsr-dev.jsonl): for every gold `source`/`target` actor with a
   code, is there an actor mention overlapping its text (`actorText`, the last part of a "A ... B"
   text) whose code starts with the gold country (the first three letters, as the scorer compares)?
   The sentences' dates are placeholders, so they are processed without a publication date.
2. Speed: the actors stage alone over the VOA stories (../shared/corpus/voa/voa-stories.jsonl) after
   cleaning and parsing them; the knowledge-base load is timed apart.

    .venv/bin/python benchmarks/actors_quality.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tqdm import tqdm

import eventlens
from eventlens.knowledge.actors import ActorKB
from eventlens.model import Article, Document, Paragraph
from eventlens.readers import read_paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"


def plover_countries(lens: eventlens.EventLens, show_misses: bool) -> None:
    nlp = lens.pipeline.get_stage("nlp")
    actors = lens.pipeline.get_stage("actors")
    total = overlapping = right = 0
    misses = []
    lines = (SHARED / "eval" / "plover-gsr-dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in tqdm(lines, desc="plover", unit="sentence"):
        gold = json.loads(line)
        text = gold["text"]
        doc = Document(article=Article(id=gold["id"], text=text), text=text)
        doc.paragraphs = [Paragraph(0, len(text), "body")]
        actors(nlp(doc))
        for side in ("source", "target"):
            for actor in gold.get(side) if isinstance(gold.get(side), list) else []:
                shown, code = (actor.get("actorText") or "").strip(), (actor.get("code") or "")[:3]
                if not shown or not code:
                    continue
                total += 1
                last = [p.strip() for p in shown.split("...") if p.strip()][-1]
                pos = text.find(last)
                found = [m for m in doc.actor_mentions if pos >= 0 and m.start < pos + len(last) and pos < m.end]
                overlapping += bool(found)
                if any((m.actor.code or "").startswith(code) for m in found):
                    right += 1
                else:
                    misses.append((shown, code, [(m.text, m.actor.code) for m in found]))
    print(f"PLOVER dev actors: {total}; with an overlapping mention: {overlapping}; "
          f"right country: {right} ({right / max(total, 1):.1%})")  # fmt: skip
    if show_misses:
        for miss in misses:
            print("  miss:", miss)


def speed(lens: eventlens.EventLens) -> None:
    started = time.perf_counter()
    ActorKB.load()
    print(f"knowledge base load: {time.perf_counter() - started:.2f} s")
    before = [s for s in lens.pipeline.stages if s.name in ("clean", "nlp")]
    actors = lens.pipeline.get_stage("actors")
    docs = []
    for item in read_paths([SHARED / "corpus" / "voa" / "voa-stories.jsonl"], lens.settings.limits):
        if isinstance(item, Article):
            doc = Document(article=item)
            for stage in before:
                stage(doc)
            docs.append(doc)
    started = time.perf_counter()
    for doc in tqdm(docs, desc="actors", unit="article"):
        actors(doc)
    seconds = time.perf_counter() - started
    mentions = sum(len(d.actor_mentions) for d in docs)
    print(f"actors stage: {len(docs)} articles, {mentions} mentions, {seconds:.2f} s, "
          f"{1000 * seconds / max(len(docs), 1):.1f} ms per article")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the PLOVER actors not found")
    args = parser.parse_args()
    loaded = eventlens.load(eventlens.Settings())
    plover_countries(loaded, args.misses)
    speed(loaded)
