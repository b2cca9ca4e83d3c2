"""Whole-article evaluation: precision and recall of the stored events against exhaustive gold.

The gold (`gold/ANNOTATION.md` in the shared material) lists, for each annotated article, every
event a careful CAMEO coder codes from it: `doc`, `sentence`, `source`/`target` (`code`, optional
`alt_codes`; `target` null when the act has none), `cameo` and `alt_cameo`, `plover`, `symmetric`,
`date`, `place`, `core`. A docs file lists the annotated articles (one with no event is listed too).

A system event matches a gold event of the same article when its CAMEO root (or an `alt_cameo`
root) or its PLOVER type equals the gold's, and its source and target agree with the gold's on the
first three letters of the code (either way round for a symmetric event); a null gold target
accepts an event with no coded target; a transnational armed group (`IMG...`) agrees with a gold
rebel or unaligned armed group. Each gold event is matched once per direction, core events first
(maximum one-to-one matching), so a second telling of one event counts against precision.
Precision is over all system events; recall over core gold events. These are the rules of the
shared `score.py docs`, implemented here so that `eventlens eval` prints the same figures.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .evaluation import read_gold_records
from .model import Article, Event
from .readers import read_paths

LEGACY_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
_ARMED_NONSTATE = ("REB", "UAF", "INS")
_PLACE_KM = 25.0


_WORD_RE = re.compile(r"\w+")

@dataclass(frozen=True)
class Slot:
    """One direction of one gold event (a symmetric event has two)."""

    gold: int
    reverse: bool


@dataclass
class DocResult:
    """One article: its gold and system events and which system event took which gold event."""

    doc: str
    gold: list[dict[str, Any]]
    events: list[Event]
    matched: dict[int, int] = field(default_factory=dict)  # system index -> gold index

    def partial(self, event: Event) -> bool:
        """The act is real and one side is right (the lenient figure)."""
        return any(_partial(event, g) for g in self.gold)


@dataclass
class DocsReport:
    results: list[DocResult]

    @property
    def n_events(self) -> int:
        return sum(len(r.events) for r in self.results)

    @property
    def right(self) -> int:
        return sum(len(r.matched) for r in self.results)

    @property
    def core(self) -> list[tuple[DocResult, int]]:
        return [(r, i) for r in self.results for i, g in enumerate(r.gold) if g.get("core", True)]

    @property
    def core_found(self) -> int:
        return sum(1 for r, i in self.core if i in r.matched.values())

    @property
    def precision(self) -> float:
        return self.right / self.n_events if self.n_events else 0.0

    @property
    def recall(self) -> float:
        return self.core_found / len(self.core) if self.core else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lenient(self) -> tuple[int, int]:
        """(system events that are real with one side right, core gold events found so)."""
        events = sum(1 for r in self.results for j, e in enumerate(r.events) if j in r.matched or r.partial(e))
        core = sum(
            1 for r, i in self.core if i in r.matched.values() or any(_partial(e, r.gold[i]) for e in r.events)
        )
        return events, core

    def per_root(self) -> dict[str, tuple[int, int, int, int]]:
        """Root -> (system events, right, core gold events, core found), by the gold's root for recall."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for r in self.results:
            for j, e in enumerate(r.events):
                table[e.cameo[:2]][0] += 1
                table[e.cameo[:2]][1] += j in r.matched
            for i, g in enumerate(r.gold):
                if g.get("core", True):
                    root = str(g.get("cameo") or "")[:2]
                    table[root][2] += 1
                    table[root][3] += i in r.matched.values()
        return {k: (v[0], v[1], v[2], v[3]) for k, v in sorted(table.items())}

    def dates_and_places(self) -> tuple[int, int, int, int]:
        """(right dates, matched events with a gold date, right places, matched with a gold place)."""
        d_ok = d_n = p_ok = p_n = 0
        for r in self.results:
            for j, i in r.matched.items():
                e, g = r.events[j], r.gold[i]
                if g.get("date"):
                    d_n += 1
                    d_ok += (e.date or "") == g["date"]
                gp = g.get("place") or {}
                if gp.get("lat") is not None:
                    p_n += 1
                    p_ok += _place_ok(e, gp)
        return d_ok, d_n, p_ok, p_n

    def own_sentence(self) -> tuple[int, int, int, int, int]:
        """Dates and places judged against the gold events told in each system event's own
        sentence, not against the gold event the one-to-one matching gave it (which may be told
        in another sentence): (right dates, events with such a gold date, right places, events
        with such a gold place, matched pairs whose gold event is told in the event's sentence)."""
        d_ok = d_n = p_ok = p_n = same = 0
        for r in self.results:
            for j, e in enumerate(r.events):
                own = [g for g in r.gold if told_in(e, g) and _fits_either_way(e, g)]
                same += j in r.matched and told_in(e, r.gold[r.matched[j]])
                dated = [g for g in own if g.get("date")]
                if dated:
                    d_n += 1
                    d_ok += any((e.date or "") == g["date"] for g in dated)
                placed = [g["place"] for g in own if (g.get("place") or {}).get("lat") is not None]
                if placed:
                    p_n += 1
                    p_ok += any(_place_ok(e, gp) for gp in placed)
        return d_ok, d_n, p_ok, p_n, same


def told_in(event: Event, g: dict[str, Any], share: float = 0.6) -> bool:
    """The gold event is told in the sentence that tells the system event: most words of one
    of the event's mention spans are words of the gold sentence."""
    words = set(_WORD_RE.findall(str(g.get("sentence") or "").lower()))
    for mention in event.mentions:
        span = set(_WORD_RE.findall(mention.text.lower()))
        if span and len(span & words) >= share * len(span):
            return True
    return False


def read_docs_gold(events_path: str | Path, docs_path: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold events and the ids of the annotated articles."""
    gold = read_gold_records(events_path)
    docs = [str(d["doc"]) for d in read_gold_records(docs_path) if "doc" in d]
    if not docs:
        raise ConfigError(f"{docs_path}: no annotated articles (lines with a 'doc' id)")
    for n, g in enumerate(gold, 1):
        if not {"doc", "cameo", "source"} <= g.keys():
            raise ConfigError(f"{events_path}:{n}: a document gold event needs doc, source and cameo")
    return gold, docs


def default_docs_file(events_path: str | Path) -> Path:
    """`voa-events.jsonl` -> `voa-docs.jsonl` beside it."""
    path = Path(events_path)
    return path.with_name(path.name.replace("-events", "-docs"))


def default_docs_corpus(events_path: str | Path) -> Path:
    """Where the annotated articles live: `<gold dir>/../corpus`."""
    return Path(events_path).resolve().parent.parent / "corpus"


def articles_for(doc_ids: Iterable[str], corpus: str | Path) -> Iterator[Article]:
    """The annotated articles, read from the corpus files or folders (other articles are skipped)."""
    wanted = set(doc_ids)
    for item in read_paths([str(corpus)]):
        if isinstance(item, Article) and item.id in wanted:
            yield item


def evaluate_docs(gold: list[dict[str, Any]], doc_ids: list[str], events: Iterable[Event]) -> DocsReport:
    """Score system events against whole-article gold (see the module docstring)."""
    by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_doc[event.article_id].append(event)
    gold_by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        gold_by[str(g["doc"])].append(g)
    results = []
    for doc in sorted(set(doc_ids)):
        result = DocResult(doc, gold_by.get(doc, []), by_doc.get(doc, []))
        result.matched = _match(result.events, result.gold)
        results.append(result)
    return DocsReport(results)


def format_docs(report: DocsReport, errors: bool = False) -> str:
    lenient_events, lenient_core = report.lenient
    n_core = len(report.core)
    d_ok, d_n, p_ok, p_n = report.dates_and_places()
    lines = [
        f"articles {len(report.results)}; system events {report.n_events}; "
        f"gold events {sum(len(r.gold) for r in report.results)} ({n_core} core)",
        f"precision: right events {report.right}/{report.n_events} = {report.precision:.3f}; "
        f"real event, one side right {lenient_events}/{report.n_events} = {_ratio(lenient_events, report.n_events)}",
        f"recall (core): found {report.core_found}/{n_core} = {report.recall:.3f}; "
        f"found with one side right {lenient_core}/{n_core} = {_ratio(lenient_core, n_core)}",
        f"dates right on matched events {d_ok}/{d_n}; places right on matched events {p_ok}/{p_n}",
        _own_sentence_line(report),
        "",
        "root  events right  prec | core found recall",
    ]
    for root, (n, ok, core, found) in report.per_root().items():
        lines.append(f"{root:>4} {n:>7} {ok:>5} {_ratio(ok, n):>5} | {core:>4} {found:>5} {_ratio(found, core):>6}")
    if errors:
        lines += ["", "missed core events:"]
        for r, i in report.core:
            if i not in r.matched.values():
                g = r.gold[i]
                lines.append(f"  MISSED {r.doc}: {_gold_line(g)} :: {str(g.get('sentence') or '')[:140]}")
        lines += ["", "false events:"]
        for r in report.results:
            for j, e in enumerate(r.events):
                if j not in r.matched:
                    text = e.mentions[0].text[:140] if e.mentions else e.trigger
                    lines.append(f"  FALSE {r.doc}: {_event_line(e)} [{e.pattern}] :: {text}")
    lines += ["", f"docs precision/recall/F1: {report.precision:.3f}/{report.recall:.3f}/{report.f1:.3f}"]
    return "\n".join(lines)


# ---- matching --------------------------------------------------------------------------------------


def _match(events: list[Event], gold: list[dict[str, Any]]) -> dict[int, int]:
    """Maximum one-to-one matching of events to gold slots by augmenting paths; core slots first."""
    slots = [Slot(i, rev) for i, g in enumerate(gold) for rev in ((False, True) if g.get("symmetric") else (False,))]
    edges = [[k for k, s in enumerate(slots) if _fits(e, gold[s.gold], s.reverse)] for e in events]
    owner: dict[int, int] = {}  # slot -> event

    def augment(j: int, seen: set[int], core_only: bool) -> bool:
        for k in edges[j]:
            if k in seen or (core_only and not gold[slots[k].gold].get("core", True)):
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen, core_only):
                owner[k] = j
                return True
        return False

    for j in range(len(events)):
        augment(j, set(), core_only=True)
    for j in range(len(events)):
        if j not in owner.values():
            augment(j, set(), core_only=False)
    return {j: slots[k].gold for k, j in owner.items()}


def _fits_either_way(event: Event, g: dict[str, Any]) -> bool:
    return _fits(event, g, False) or (bool(g.get("symmetric")) and _fits(event, g, True))


def _fits(event: Event, g: dict[str, Any], reverse: bool) -> bool:
    if not _root_ok(event, g):
        return False
    src, tgt = (g.get("target"), g.get("source")) if reverse else (g.get("source"), g.get("target"))
    return _side_ok(event.source.code, src) and _side_ok(event.target.code, tgt)


def _root_ok(event: Event, g: dict[str, Any]) -> bool:
    roots = {str(g.get("cameo") or "")[:2]} | {str(c)[:2] for c in g.get("alt_cameo") or ()}
    want = str(g.get("plover") or "").upper()
    want = LEGACY_PLOVER.get(want, want)
    plover = (event.plover.event if event.plover else "") or ""
    return event.cameo[:2] in roots or bool(want and plover.upper() == want)


def _side_ok(code: str | None, gold_actor: Any) -> bool:
    pred = (code or "").upper()
    gold = _code(gold_actor)
    alts = [_code(a) for a in (gold_actor.get("alt_codes") or [])] if isinstance(gold_actor, dict) else []
    if pred[:3] == gold[:3] or any(a and pred[:3] == a[:3] for a in alts):
        return True
    return pred.startswith("IMG") and gold[3:6] in _ARMED_NONSTATE


def _partial(event: Event, g: dict[str, Any]) -> bool:
    if not _root_ok(event, g):
        return False
    pairs = [(event.source.code, g.get("source")), (event.target.code, g.get("target"))]
    if g.get("symmetric"):
        pairs += [(event.source.code, g.get("target")), (event.target.code, g.get("source"))]
    return any(_code(gold)[:3] and _side_ok(code, gold) for code, gold in pairs)


def _code(actor: Any) -> str:
    if isinstance(actor, dict):
        return str(actor.get("code") or "").upper()
    return str(actor or "").upper()


def _place_ok(event: Event, gold_place: dict[str, Any]) -> bool:
    place = event.place
    if place is None:
        return False
    if (place.name or "").casefold() == str(gold_place.get("name") or "").casefold():
        return True
    if place.lat is None or place.lon is None:
        return False
    return _km(place.lat, place.lon, float(gold_place["lat"]), float(gold_place["lon"])) <= _PLACE_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# ---- output -----------------------------------------------------------------------------------------


def _own_sentence_line(report: DocsReport) -> str:
    od_ok, od_n, op_ok, op_n, same = report.own_sentence()
    return (
        f"against the gold events of each event's own sentence: dates {od_ok}/{od_n}, places {op_ok}/{op_n} "
        f"(of the {report.right} matched pairs, {same} join an event to a gold event of its own sentence)"
    )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def _gold_line(g: dict[str, Any]) -> str:
    return f"{_code(g.get('source')) or '-'} {g.get('cameo')} {_code(g.get('target')) or '-'}"


def _event_line(e: Event) -> str:
    return f"{e.source.code or '-'} {e.cameo} {e.target.code or '-'} ({e.confidence:.2f})"


__all__ = [
    "DocsReport",
    "articles_for",
    "default_docs_corpus",
    "default_docs_file",
    "evaluate_docs",
    "format_docs",
    "read_docs_gold",
]
