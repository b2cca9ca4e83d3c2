"""Throughput of eventlens against spaCy itself, over the same text, in one run.

    .venv/bin/python benchmarks/throughput.py                 # VOA stories repeated to 500k words
    .venv/bin/python benchmarks/throughput.py --words 60000   # a quicker run
    .venv/bin/python benchmarks/throughput.py --quality       # seed + PLOVER dev scores, both parsers

Variants, each timed in its own subprocess (so that its peak memory is its own):
  spacy-full      spaCy's bare pipeline as shipped (tagger, parser, NER, lemmatizer...) via nlp.pipe
  spacy-ner       spaCy's NER alone (the floor to approach)
  eventlens       the whole eventlens pipeline (clean, nlp, actors, events, dates, places, attribution, merge)
  eventlens-selective  the same with Settings.parse_filter: the parser runs only on sentences that can
                  hold an event (a lexicon trigger and an actor for it); NER runs everywhere
Model loading is not timed. Figures: articles/s, words/s, time ratio to spacy-full (from the CPU time of
each subprocess, which other load on a shared machine disturbs far less than wall time; wall time is
printed too), peak RSS.
The benchmark prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
CORPUS = SHARED / "corpus" / "voa" / "voa-stories.jsonl"
SEED = SHARED / "corpus" / "seed" / "turkey-syria-intelligence-chiefs-2020-01-14.txt"
SEED_GOLD = SHARED / "gold" / "seed-events.jsonl"
PLOVER_DEV = SHARED / "eval" / "plover-gsr-dev.jsonl"
SCORE = SHARED / "tools" / "score.py"
VARIANTS = ("spacy-full", "spacy-ner", "eventlens", "eventlens-selective")


def corpus_records(words: int) -> list[dict]:
    """VOA stories, repeated (with distinct ids) until they hold at least `words` words."""
    base = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    records: list[dict] = []
    total = 0
    round_no = 0
    while total < words:
        for record in base:
            records.append({**record, "id": f"{record['id']}-r{round_no}"})
            total += len(record["text"].split())
            if total >= words:
                break
        round_no += 1
    return records


def cpu_seconds() -> float:
    """User + system CPU time of this process (all its threads): robust to other load on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_variant(name: str, words: int, batch_size: int) -> dict:
    """Time one variant in this process; return its figures."""
    records = corpus_records(words)
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    extra: dict = {}
    if name.startswith("spacy"):
        import spacy

        from eventlens.config import DEFAULT_MODEL

        nlp = spacy.load(DEFAULT_MODEL)
        if name == "spacy-ner":
            nlp.select_pipes(enable=["ner"])
        extra["components"] = nlp.pipe_names
        loaded, cpu_loaded = time.perf_counter(), cpu_seconds()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    else:
        import eventlens
        from eventlens.model import Article

        settings = eventlens.Settings(batch_size=batch_size, parse_filter=name == "eventlens-selective")
        lens = eventlens.load(settings)
        articles = (Article(id=r["id"], text=r["text"], url=r.get("url"), fmt="jsonl") for r in records)
        loaded, cpu_loaded = time.perf_counter(), cpu_seconds()
        events = errors = 0
        for doc in lens.process(articles):
            events += len(doc.events)
            errors += doc.error is not None
        extra.update(events=events, errors=errors)
        parser = lens.pipeline.get_stage("nlp")
        if hasattr(parser, "parsed_sentences"):
            extra["parsed_sentences"] = f"{parser.parsed_sentences}/{parser.seen_sentences}"
    seconds = time.perf_counter() - loaded
    cpu = cpu_seconds() - cpu_loaded
    return {
        "variant": name,
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load_seconds": loaded - started,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **extra,
    }


def run_all(words: int, batch_size: int, variants: list[str]) -> list[dict]:
    results = []
    for name in variants:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--variant", name, "--words", str(words), "--batch-size", str(batch_size)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


def print_table(results: list[dict]) -> None:
    """Rates from CPU time (robust to other load on a shared machine); wall time alongside."""
    full = next((r["cpu_seconds"] for r in results if r["variant"] == "spacy-full"), None)
    print(f"{'variant':20s} {'articles':>8s} {'words':>8s} {'cpu s':>7s} {'wall s':>7s} {'art/s':>6s} "
          f"{'words/s':>7s} {'x full':>6s} {'peak MB':>7s}  notes")  # fmt: skip
    for r in results:
        cpu = r["cpu_seconds"]
        ratio = f"{cpu / full:.2f}" if full else "-"
        notes = ", ".join(f"{k}={r[k]}" for k in ("events", "errors", "parsed_sentences") if k in r)
        print(
            f"{r['variant']:20s} {r['articles']:8d} {r['words']:8d} {cpu:7.1f} {r['seconds']:7.1f} "
            f"{r['articles'] / cpu:6.2f} {r['words'] / cpu:7.0f} {ratio:>6s} {r['peak_rss_mb']:7.0f}  {notes}"
        )
    by_name = {r["variant"]: r["cpu_seconds"] for r in results}
    if full and "spacy-ner" in by_name:
        print(f"CPU-time ratios to the bare full parse: NER alone {by_name['spacy-ner'] / full:.2f}", end="")
        for name in ("eventlens", "eventlens-selective"):
            if name in by_name:
                print(f"; {name} {by_name[name] / full:.2f}", end="")
        print("  (targets: eventlens <= 1.2, eventlens-selective <= 0.8)")


def quality() -> None:
    """Seed gold and PLOVER dev scores with the full parse and with the selective parse."""
    with tempfile.TemporaryDirectory() as tmp:
        dev = Path(tmp) / "dev.jsonl"
        dev.write_text(
            "".join(
                json.dumps({"id": g["id"], "text": g["text"]}) + "\n"
                for g in map(json.loads, PLOVER_DEV.read_text("utf-8").splitlines())
                if g.get("text")
            ),
            "utf-8",
        )
        for label, flag in (("full parse", "0"), ("selective parse", "1")):
            env = {"EVENTLENS_PARSE_FILTER": flag, "PATH": "/usr/bin:/bin"}
            for kind, source, gold in (("seed", SEED, SEED_GOLD), ("plover", dev, PLOVER_DEV)):
                pred = Path(tmp) / f"{kind}-{flag}.jsonl"
                with pred.open("w") as out:
                    subprocess.run(
                        [sys.executable, "-m", "eventlens", "extract", str(source), "--format", "jsonl"],
                        stdout=out, stderr=subprocess.DEVNULL, env=env, check=True,
                    )  # fmt: skip
                scored = subprocess.run(
                    [sys.executable, str(SCORE), kind, str(gold), str(pred)], capture_output=True, text=True
                )
                lines = scored.stdout.strip().splitlines()
                print(f"[{label}] {kind}: " + " | ".join(lines[-2:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=500_000, help="words of text (VOA repeated); default 500k")
    parser.add_argument("--batch-size", type=int, default=32, help="eventlens pipeline batch size")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated subset")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # internal: run one variant, print JSON
    parser.add_argument("--quality", action="store_true", help="score seed + PLOVER dev with both parsers")
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.words, args.batch_size)))
        return
    if args.quality:
        quality()
        return
    variants = [v for v in args.variants.split(",") if v]
    print(f"corpus: {CORPUS} repeated to >= {args.words:,} words; python {sys.version.split()[0]}")
    print_table(run_all(args.words, args.batch_size, variants))


if __name__ == "__main__":
    main()
