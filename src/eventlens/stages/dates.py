"""dates stage: the date of each event, from the date expressions that govern its trigger.

For each event:
1. Its own date: a DATE/TIME expression attached to the event's clause (the trigger's
   verb, or the verb a nominal trigger hangs from), with its preposition ("since April
   2019", "in 2018", "on Monday"), resolved against the publication date with the verb's
   tense (`knowledge.temporal`). A vague expression there ("for years") means the text
   dates the event only vaguely: the event stays undated.
2. Else a date of the clause it hangs from: a relative or adverbial clause, a coordinated
   verb that shares the subject ("killed and displaced since April 2019"), never the time
   of a report ("said on Monday that ...": the saying is dated, not what was said).
3. Else the story's news date, but only for the news: the news date is the date of the
   lead (the first body sentence); events told in the headline, standfirst or a caption,
   events of the lead itself, and later simple-past events of the same people as the lead
   ("Mamlouk called on Turkey to ...") take it. When the lead carries no date, the
   publication date is the news date.
4. Else null: background in the present perfect ("has been placed under sanctions") or
   the present is not dated by the article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..knowledge.temporal import ResolvedDate, resolve_date
from ..model import Document, Event
from .attribution import AttributionCues
from .event_anchor import VerbForm, clause_head, event_sentence, event_verb, is_verbal, trigger_token, verb_form

logger = logging.getLogger(__name__)

_DATE_LABELS = frozenset({"DATE", "TIME"})
_DURATION_CUES = ("for ", "over ", "during ", "throughout ", "since ", "all ", "many ", "decades", "years")
_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_TIME_PREPOSITIONS = frozenset(
    {"since", "from", "in", "on", "at", "until", "till", "by", "before", "after", "during", "between", "through",
     "throughout", "as", "of", "around", "circa", "for", "within", "over", "into", "ago"}
)  # fmt: skip
# Verbs of knowing, besides the verbs of saying of data/attribution/cues.yaml: the time of
# a report does not date what is reported.
_KNOWING_LEMMAS = frozenset({"respond", "argue", "stress", "believe", "think", "know", "warn"})


@dataclass(frozen=True)
class _DateExpr:
    """A date expression of the text, where it attaches, and what it resolves to."""

    span: Span
    sentence_start: int  # token index where its sentence starts
    text: str  # the expression with its preposition ("since April 2019")
    attach: Token  # the word the expression modifies
    clause: Token  # the verb heading that word's clause
    resolved: ResolvedDate


class EventDater:
    """`dates` stage: sets each event's `date` and `date_precision`."""

    name = "dates"
    requires: tuple[str, ...] = ("events", "doc", "sentences")
    provides: tuple[str, ...] = ("events",)

    def __init__(self, cues: AttributionCues | None = None) -> None:
        self.report_lemmas = frozenset((cues or AttributionCues.load()).stance_of_verb) | _KNOWING_LEMMAS

    def __call__(self, doc: Document) -> Document:
        if doc.doc is None or not doc.events:
            return doc
        exprs = date_expressions(doc)
        news_date = self._news_date(doc, exprs)
        lead = _lead_sentence(doc)
        lead_people = _lead_actor_keys(doc, lead)
        for event in doc.events:
            self._date_event(event, doc, exprs, news_date, lead, lead_people)
        return doc

    def _date_event(
        self,
        event: Event,
        doc: Document,
        exprs: list[_DateExpr],
        news_date: ResolvedDate | None,
        lead: int | None,
        lead_people: set[str],
    ) -> None:
        token = trigger_token(event, doc)
        if token is None:
            return
        exprs = [e for e in exprs if e.sentence_start == token.sent.start]
        own = governing_date(token, exprs, self.report_lemmas)
        if own is not None:
            _set(event, own)
            return
        if news_date is None or _has_vague_date(token, exprs):
            _set(event, None)
            return
        sentence = event_sentence(event, doc)
        kind = doc.sentences[sentence].kind if sentence is not None and sentence < len(doc.sentences) else "body"
        form = verb_form(event_verb(token))
        is_news = (
            kind != "body"
            or (sentence == lead and not form.modal and not form.pluperfect and form.tense != "future")
            or (form.simple_past and bool(lead_people & _actor_keys(event)))
        )
        _set(event, news_date if is_news else None)

    def _news_date(self, doc: Document, exprs: list[_DateExpr]) -> ResolvedDate | None:
        """The date of the story's news: the lead sentence's main clause date, else the
        publication date (day), else none."""
        lead = _lead_sentence(doc)
        if lead is not None:
            sent = doc.sentences[lead]
            span = doc.doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is not None:
                root = span.root
                heads = [root]
                if root.lemma_ in self.report_lemmas:  # "X met Y on Monday, officials said"
                    heads += [c for c in root.children if c.dep_ in ("ccomp", "parataxis")]
                for head in heads:
                    found = governing_date(head, exprs, self.report_lemmas)
                    if found is not None and found.value is not None:
                        return found
        published = doc.article.published
        if published is not None:
            return ResolvedDate(published.isoformat(), "day", False)
        return None


def _set(event: Event, resolved: ResolvedDate | None) -> None:
    if resolved is None or resolved.value is None:
        event.date, event.date_precision = None, "unknown"
    else:
        event.date, event.date_precision = resolved.value, resolved.precision


def date_expressions(doc: Document) -> list[_DateExpr]:
    """Every DATE/TIME entity of the document, with its preposition, attachment and value."""
    published = doc.article.published
    found: list[_DateExpr] = []
    for ent in doc.doc.ents:
        if ent.label_ not in _DATE_LABELS:
            continue
        attach, prep = _attachment(ent)
        text = (
            f"{prep.lower_} {ent.text}"
            if prep is not None and not ent.text.lower().startswith(prep.lower_)
            else ent.text
        )
        clause = clause_head(attach)
        tense = verb_form(clause).tense if is_verbal(clause) else None
        found.append(_DateExpr(ent, ent.sent.start, text, attach, clause, resolve_date(text, published, tense)))
    return found


def _attachment(ent: Span) -> tuple[Token, Token | None]:
    """The word a date expression modifies, and the preposition that introduces it."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent") and root.head.lower_ in _TIME_PREPOSITIONS:
        prep = root.head
        return prep.head, prep
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent"):
        return root.head.head, root.head
    return root.head, None


def governing_date(
    token: Token, exprs: list[_DateExpr], report_lemmas: frozenset[str] = frozenset()
) -> ResolvedDate | None:
    """The best date that governs the token's clause, climbing to the clauses it hangs from
    (never across a verb of saying); an unresolvable expression there yields no date."""
    head = token if is_verbal(token) else clause_head(token)
    for _ in range(8):
        candidates = [e for e in exprs if _governs(e, token, head)]
        resolved = [e.resolved for e in candidates if e.resolved.value is not None]
        if resolved:
            return max(resolved, key=lambda r: _RANK[r.precision])
        if candidates:
            return None
        parent = _parent_for_dating(head, report_lemmas)
        if parent is None:
            return None
        token, head = parent, parent
    return None


def _governs(expr: _DateExpr, token: Token, head: Token) -> bool:
    if expr.sentence_start != head.sent.start:
        return False
    if expr.attach.i == token.i or expr.clause.i == head.i:
        return True
    # a coordinated verb that shares the subject shares the date ("killed and displaced since ...")
    conjuncts = [c for c in head.conjuncts if is_verbal(c) and not _has_subject(c)]
    if head.dep_ == "conj" and not _has_subject(head):
        conjuncts.append(head.head)
    return any(expr.clause.i == c.i for c in conjuncts)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _parent_for_dating(head: Token, report_lemmas: frozenset[str]) -> Token | None:
    if head.head.i == head.i:
        return None
    parent = clause_head(head.head)
    if parent.i == head.i:
        return None
    if head.dep_ in ("ccomp", "parataxis") and parent.lemma_ in report_lemmas:
        return None
    if parent.lemma_ in report_lemmas and head.dep_ in ("xcomp", "advcl", "conj"):
        return None
    return parent


def _has_vague_date(token: Token, exprs: list[_DateExpr]) -> bool:
    """A duration is attached to the event ("fought for years"): the text presents it as
    lasting, not as the news. ("the first meeting in years" measures a gap: no bar.)"""
    head = token if is_verbal(token) else clause_head(token)
    return any(
        _governs(e, token, head) and e.resolved.value is None and e.text.lower().startswith(_DURATION_CUES)
        for e in exprs
    )


def _lead_sentence(doc: Document) -> int | None:
    for sent in doc.sentences:
        if sent.kind == "body":
            return sent.index
    return None


def _actor_keys(event: Event) -> set[str]:
    """Names and knowledge-base ids of the event's actors (people and organisations, not
    bare sector codes, which many actors share)."""
    keys: set[str] = set()
    for actor in (event.source, event.target):
        if actor.actor_id:
            keys.add(actor.actor_id)
        if actor.name:
            keys.add(actor.name.casefold())
    return keys


def _lead_actor_keys(doc: Document, lead: int | None) -> set[str]:
    keys: set[str] = set()
    for event in doc.events:
        sentence = event_sentence(event, doc)
        if sentence is None:
            continue
        if sentence == lead or (sentence < len(doc.sentences) and doc.sentences[sentence].kind != "body"):
            keys |= _actor_keys(event)
    return keys


__all__ = ["EventDater", "VerbForm", "date_expressions", "governing_date"]
