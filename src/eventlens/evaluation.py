"""`eventlens eval`: score the coder against a gold file.

Two gold formats are understood:

* PLOVER gold-standard records (one sentence a line: `id`, `text`, `event`, `source`, `target`
  actor lists with CAMEO-style `code`s). Scored as `../shared/tools/score.py plover` does: a
  sentence's type is right when any event coded from it has the gold PLOVER type (0.5b1 labels
  mapped to current ones); the source (target) country is right when an event of that type (else
  any event) has a source (target) code whose first three letters are one of the gold's.
  Also: per-type precision, recall and F1 over sentences, and a confusion table.
* Seed gold (one expected event a line: `source`/`target` code prefixes, `cameo` and `plover`
  alternatives, `symmetric`, `required`, `date`, `place`, `reported_by_any`, `doc`), with the
  matching rules of the gold's README; the article is read from `<corpus>/<doc>.txt`.

The functions here return reports; the CLI prints them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import Article, Document, DocumentError, Event
from .readers import read_paths

LEGACY_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"

Processor = Callable[[Iterable[Article]], Iterable[Document]]


@dataclass
class SentenceResult:
    id: str
    text: str
    gold_type: str
    predicted: list[str]
    type_ok: bool
    source_ok: bool | None  # None: the gold names no source country
    target_ok: bool | None
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    kept: bool = False  # the sentence's events passed the assess stage (not only candidates)


@dataclass
class PloverReport:
    sentences: list[SentenceResult]

    @property
    def n(self) -> int:
        return len(self.sentences)

    @property
    def type_accuracy(self) -> float:
        return sum(s.type_ok for s in self.sentences) / self.n if self.n else 0.0

    def country_accuracy(self, side: str) -> tuple[int, int]:
        judged = [getattr(s, f"{side}_ok") for s in self.sentences]
        judged = [j for j in judged if j is not None]
        return sum(judged), len(judged)

    def per_type(self) -> dict[str, tuple[float, float, float, int]]:
        """Per gold type: precision, recall, F1 over sentences, and support."""
        types = sorted({s.gold_type for s in self.sentences} | {t for s in self.sentences for t in s.predicted})
        out = {}
        for t in types:
            tp = sum(1 for s in self.sentences if s.gold_type == t and t in s.predicted)
            pred = sum(1 for s in self.sentences if t in s.predicted)
            gold = sum(1 for s in self.sentences if s.gold_type == t)
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[t] = (p, r, f, gold)
        return out

    def confusion(self) -> Counter[tuple[str, str]]:
        """(gold type, predicted type) counts; a hit counts on the diagonal, a miss against the
        first type predicted for the sentence (or NONE)."""
        table: Counter[tuple[str, str]] = Counter()
        for s in self.sentences:
            got = s.gold_type if s.type_ok else (s.predicted[0] if s.predicted else NO_EVENT)
            table[(s.gold_type, got)] += 1
        return table

    @property
    def event_precision(self) -> float:
        """Share of all coded events whose PLOVER type is the sentence's gold type."""
        total = sum(len(s.events) for s in self.sentences)
        right = sum(1 for s in self.sentences for e in s.events if _plover(e) == s.gold_type)
        return right / total if total else 0.0


@dataclass
class SeedResult:
    id: str
    required: bool
    found: bool
    note: str
    hits: list[Event] = field(default_factory=list)
    date_ok: bool | None = None
    place_ok: bool | None = None
    reporter_ok: bool | None = None


@dataclass
class SeedReport:
    results: list[SeedResult]
    events: list[Event]

    @property
    def required_found(self) -> tuple[int, int]:
        req = [r for r in self.results if r.required]
        return sum(r.found for r in req), len(req)

    @property
    def optional_found(self) -> tuple[int, int]:
        opt = [r for r in self.results if not r.required]
        return sum(r.found for r in opt), len(opt)


def read_gold_records(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines gold file, one a line (ConfigError naming the bad line)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read gold file {path}: {exc}") from exc
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{n}: not JSON ({exc.msg})") from exc
        if not isinstance(rec, dict):
            raise ConfigError(f"{path}:{n}: expected a JSON object")
        records.append(rec)
    return records


def read_gold(path: str | Path) -> tuple[str, list[dict[str, Any]]]:
    """The records of a gold file and its kind: "plover", "docs" (whole-article gold: every event of
    each annotated article, with `core`; see `evaluation_docs`) or "seed"."""
    records = read_gold_records(path)
    if not records:
        raise ConfigError(f"{path}: no gold records")
    if all("text" in r and "event" in r for r in records):
        return "plover", records
    if all("doc" in r and "core" in r and "cameo" in r for r in records):
        return "docs", records
    if all("cameo" in r and "source" in r for r in records):
        return "seed", records
    raise ConfigError(f"{path}: neither PLOVER gold records (text, event) nor seed gold (source, target, cameo)")


# ---- PLOVER gold ------------------------------------------------------------------------------


def evaluate_plover(records: list[dict[str, Any]], process: Processor) -> PloverReport:
    """Run the pipeline over the gold sentences and score them.

    Every gold sentence holds an event, so this measures how the coder types an event it found:
    each sentence is scored on the events kept in the record, else on the candidates the assess
    stage kept out (`Document.rejected`, best first). `PloverReport.kept` counts the sentences
    whose events passed the record's filter."""
    articles = [Article(id=str(r["id"]), text=str(r["text"]), fmt="jsonl") for r in records]
    docs = {d.article.id: d for d in process(articles)}
    results = []
    for rec in records:
        doc = docs.get(str(rec["id"]))
        ok = doc is not None and doc.error is None
        events = (doc.events or sorted(doc.rejected, key=lambda e: -e.confidence)) if ok else []
        error = doc.error.reason if doc is not None and doc.error else None
        result = _score_sentence(rec, events, error)
        result.kept = ok and bool(doc.events)
        results.append(result)
    return PloverReport(results)


def _score_sentence(rec: dict[str, Any], events: list[Event], error: str | None) -> SentenceResult:
    want = plover_label(str(rec["event"]))
    predicted = list(dict.fromkeys(_plover(e) for e in events if _plover(e)))
    hits = [e for e in events if _plover(e) == want]
    pool = hits or events
    gold_src = _gold_countries(rec.get("source"))
    gold_tgt = _gold_countries(rec.get("target"))
    src_ok = any((e.source.code or "")[:3].upper() in gold_src for e in pool) if gold_src else None
    tgt_ok = any((e.target.code or "")[:3].upper() in gold_tgt for e in pool) if gold_tgt else None
    return SentenceResult(str(rec["id"]), str(rec["text"]), want, predicted, bool(hits), src_ok, tgt_ok, events, error)


def plover_label(name: str) -> str:
    name = name.upper()
    return LEGACY_PLOVER.get(name, name)


def _gold_countries(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(a["code"])[:3].upper() for a in value if isinstance(a, dict) and a.get("code")}


def _plover(event: Event) -> str:
    return event.plover.event.upper() if event.plover else ""


# ---- seed gold --------------------------------------------------------------------------------


def evaluate_seed(records: list[dict[str, Any]], process: Processor, corpus_dir: str | Path) -> SeedReport:
    """Run the pipeline over the gold's articles and match the expected events."""
    corpus_dir = Path(corpus_dir)
    articles = []
    for doc_name in dict.fromkeys(str(r.get("doc", "")) for r in records):
        path = corpus_dir / f"{doc_name}.txt"
        if not path.is_file():
            raise ConfigError(f"seed gold names {doc_name!r}, not found as {path}")
        for item in read_paths([path]):  # the real reader: title, date line, boilerplate
            if isinstance(item, DocumentError):
                raise ConfigError(f"cannot read {path}: {item.reason}")
            item.id = doc_name
            articles.append(item)
    docs = {d.article.id: d for d in process(articles)}
    events_by_doc = {k: (d.events if d.error is None else []) for k, d in docs.items()}
    results = [_match_seed(r, events_by_doc.get(str(r.get("doc", "")), [])) for r in records]
    return SeedReport(results, [e for evs in events_by_doc.values() for e in evs])


def _match_seed(gold: dict[str, Any], events: list[Event]) -> SeedResult:
    def matches(e: Event, flip: bool) -> bool:
        s, t = (e.target, e.source) if flip else (e.source, e.target)
        code_ok = _code_ok(s.code, gold["source"]) and _code_ok(t.code, gold["target"])
        cameo_ok = e.cameo in gold["cameo"] or e.cameo[:3] in gold["cameo"]
        return code_ok and (cameo_ok or _plover(e) in gold.get("plover", []))

    hits = [e for e in events if matches(e, False) or (gold.get("symmetric") and matches(e, True))]
    result = SeedResult(str(gold.get("id")), bool(gold.get("required")), bool(hits), str(gold.get("note", "")), hits)
    if hits:
        want_date = gold.get("date")
        result.date_ok = any(
            (e.date in (None, "") if want_date is None else (e.date or "").startswith(want_date)) for e in hits
        )
        if gold.get("place"):
            name = str(gold["place"].get("name", "")).lower()
            result.place_ok = any(e.place is not None and e.place.name.lower() == name for e in hits)
        if gold.get("reported_by_any"):
            want = [w.lower() for w in gold["reported_by_any"]]
            result.reporter_ok = any(w in r.lower() for e in hits for r in e.reported_by for w in want)
    return result


def _code_ok(code: str | None, accepted: list[str]) -> bool:
    code = (code or "").upper()
    return any(code.startswith(a.upper()) for a in accepted)


# ---- text reports -----------------------------------------------------------------------------


def format_plover(report: PloverReport, errors: bool = False) -> str:
    lines = [f"{'type':10s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'n':>4s}"]
    for t, (p, r, f, n) in report.per_type().items():
        lines.append(f"{t:10s} {p:6.2f} {r:6.2f} {f:6.2f} {n:4d}")
    lines.append("")
    lines += _confusion_lines(report)
    src_ok, src_n = report.country_accuracy("source")
    tgt_ok, tgt_n = report.country_accuracy("target")
    lines += [
        "",
        f"sentences {report.n}; with any event {sum(1 for s in report.sentences if s.events)} "
        f"({sum(1 for s in report.sentences if s.kept)} passing the record's confidence filter); "
        f"events {sum(len(s.events) for s in report.sentences)}, of the gold type {report.event_precision:.3f}",
        f"source country {src_ok}/{src_n} = {src_ok / max(src_n, 1):.3f}; "
        f"target country {tgt_ok}/{tgt_n} = {tgt_ok / max(tgt_n, 1):.3f}",
        f"plover event-type accuracy: {sum(s.type_ok for s in report.sentences)}/{report.n} "
        f"= {report.type_accuracy:.3f}",
    ]
    if errors:
        lines += ["", "misses:"]
        for s in report.sentences:
            if s.type_ok and s.source_ok is not False and s.target_ok is not False:
                continue
            flags = (
                ("" if s.type_ok else "TYPE ")
                + ("SOURCE " if s.source_ok is False else "")
                + ("TARGET" if s.target_ok is False else "")
            )
            lines.append(f"- {s.id} gold {s.gold_type}: {flags.strip()}")
            lines.append(f"  {s.text}")
            for e in s.events:
                lines.append(f"    {_event_line(e)}")
            if s.error:
                lines.append(f"    error: {s.error}")
    return "\n".join(lines)


def _confusion_lines(report: PloverReport) -> list[str]:
    table = report.confusion()
    gold_types = sorted({g for g, _ in table})
    cols = sorted({p for _, p in table}, key=lambda t: (t == NO_EVENT, t))
    head = "gold \\ coded".ljust(12) + "".join(f"{c[:6]:>7s}" for c in cols)
    lines = ["confusion (rows gold, columns coded):", head]
    for g in gold_types:
        lines.append(g[:12].ljust(12) + "".join(f"{(table[(g, c)] or ''):>7}" for c in cols))
    return lines


def format_seed(report: SeedReport, errors: bool = False) -> str:
    lines = []
    for r in report.results:
        status = "found" if r.found else "MISSED"
        extra = ""
        if r.found:
            extra = f"  date {'ok' if r.date_ok else 'wrong'}"
            if r.place_ok is not None:
                extra += f", place {'ok' if r.place_ok else 'wrong'}"
            if r.reporter_ok is not None:
                extra += f", reporter {'ok' if r.reporter_ok else 'missing'}"
        lines.append(f"{r.id} {'REQ' if r.required else 'opt'} {status}{extra}")
        if errors and not r.found:
            lines.append(f"    {r.note}")
    req, n_req = report.required_found
    opt, n_opt = report.optional_found
    lines += [
        f"events coded: {len(report.events)}; optional found {opt}/{n_opt}",
        f"seed required events found: {req}/{n_req}",
    ]
    if errors:
        lines += ["", "events coded:"] + [f"  {_event_line(e)}" for e in report.events]
    return "\n".join(lines)


def _event_line(e: Event) -> str:
    return (
        f"{e.source.code or '-'} ({e.source.name or '?'}) {e.cameo} {_plover(e) or '-'} "
        f"{e.target.code or '-'} ({e.target.name or '?'})  [{e.pattern}]"
        + (f" {e.modality}" if e.modality != "asserted" else "")
        + (" negated" if e.negated else "")
    )


def default_seed_corpus(gold_path: str | Path) -> Path:
    """Where the seed gold's articles live: `<gold dir>/../corpus/seed`."""
    return Path(gold_path).resolve().parent.parent / "corpus" / "seed"
