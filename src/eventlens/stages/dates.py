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

Rules that refine these steps (general English and news-writing conventions):
- A date that opens the sentence ("In April, the military removed ...", "On Thursday in
  Washington, ...") scopes over every event of the sentence that has no date of its own.
- What is reported in the present tense ("Putin said Thursday that Russia supports ...")
  is a stance taken when it was said, and what is announced for later ("said on Friday the
  two will meet") is news when announced: both take the date of the saying. What is reported in
  the past ("said on Monday that rebels attacked ...") is not dated by the saying.
- Offsets are counted from another date of the sentence, else the dateline, else the
  publication date: "confirmed on Wednesday that they met two days earlier" is Monday;
  "two days after Erdogan denounced Israel" dates the denouncing two days before the
  sentence's own time; a bare "after" clause in the simple past ("marched Thursday, after the
  council dissolved the party") takes the day of the clause it follows, or the sentence's
  only day.
- An act told by reference to an act the story dated before ("in a statement released
  hours after the attack", "arrested two suspects a day after the bombing") is on that
  act's day, or so many days after it; the story dates a noun by a date on it ("Tuesday's
  attack") or by an offset ("freed them Wednesday, a day after an attack on a train").
- An arrest told without a date ("Mhlanga's arrest drew condemnation") happened on the day
  the story says the person has been held since ("has been in custody since Feb. 24").
- A simple-past event with no date continues the time of the paragraph: it takes the date
  of the nearest dated event of the same actors before it in the same paragraph.
- A statement, appeal, meeting, demand, rejection or threat (CAMEO 01-05, 10-13) told in the simple
  past or present without a date of its own was made for the news: it takes the news date,
  unless, in the body, the same people's last act of the paragraph is dated ("Zelenskyy wrote
  Wednesday ... He also welcomed the proposal": the same statement, Wednesday).
- A participle clause ("..., demanding that ...") has the tense of the verb it hangs from.
- A document's own date ("sent a letter dated Feb. 4") dates the sending or issuing of it.
- What is going on as the story is told (the present progressive: "militants are still
  fighting the troops") is the news: it takes the news date.
- A story with a dateline ("ANKARA, Jan 14 -") counts weekdays and "yesterday" from the
  dateline's date, and the dateline date is the news date when the lead has none.

`knowledge.temporal` resolves each expression (our patterns for news forms, and
`dateparser` for absolute dates they miss); this module decides which expression dates
which event.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..knowledge.temporal import ResolvedDate, find_dates, is_offset, resolve_date
from ..model import Document, Event
from .attribution import AttributionCues
from .event_anchor import (
    VerbForm,
    clause_head,
    event_sentence,
    event_verb,
    is_verbal,
    lead_sentence,
    story_dateline,
    trigger_token,
    verb_form,
)

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
        reference = _reference_date(doc)
        exprs = _anchor_offsets(date_expressions(doc, reference), reference, self.report_lemmas)
        news_date = self._news_date(doc, exprs, reference)
        lead = lead_sentence(doc)
        lead_people = _lead_actor_keys(doc, lead)
        ordered = sorted(doc.events, key=lambda e: (event_sentence(e, doc) or 0, e.trigger_token or 0))
        dated: list[tuple[int, ResolvedDate, set[str]]] = []  # (sentence, date, actors) of events dated so far
        noun_dates = _dated_nouns(exprs, news_date, self.report_lemmas)
        custody = _custody_start(exprs)
        for event in ordered:
            self._date_event(event, doc, exprs, news_date, lead, lead_people, dated, noun_dates, custody)
            sentence = event_sentence(event, doc)
            if event.date is not None and sentence is not None:
                resolved = ResolvedDate(event.date, event.date_precision)  # type: ignore[arg-type]
                dated.append((sentence, resolved, _actor_keys(event)))
        return doc

    def _date_event(
        self,
        event: Event,
        doc: Document,
        exprs: list[_DateExpr],
        news_date: ResolvedDate | None,
        lead: int | None,
        lead_people: set[str],
        dated: list[tuple[int, ResolvedDate, set[str]]],
        noun_dates: list[tuple[int, str, ResolvedDate]] = (),  # type: ignore[assignment]
        custody_start: ResolvedDate | None = None,
    ) -> None:
        token = trigger_token(event, doc)
        if token is None:
            return
        exprs = [e for e in exprs if e.sentence_start == token.sent.start]
        own = governing_date(token, exprs, self.report_lemmas)
        if own is None:
            own = self._date_of_report(token, exprs, event.modality == "intended")
        if own is None:
            own = _date_before_after(token, exprs, news_date, self.report_lemmas)
        if own is None:
            own = _opening_date(token, exprs, self.report_lemmas)
        if own is None:
            own = _date_after_told_event(token, noun_dates)
        if own is None and event.cameo.startswith(_ARREST_CODE) and _tells_one_arrest(token):
            own = custody_start
        if own is not None:
            _set(event, own)
            return
        if news_date is None or _has_vague_date(token, exprs):
            _set(event, None)
            return
        sentence = event_sentence(event, doc)
        kind = doc.sentences[sentence].kind if sentence is not None and sentence < len(doc.sentences) else "body"
        form = verb_form(_tensed_verb(event_verb(token)))
        is_news = (
            kind != "body"
            or (sentence == lead and not form.modal and not form.pluperfect and form.tense != "future")
            or (form.simple_past and bool(lead_people & _actor_keys(event)))
            or (_is_statement(event) and not form.modal and not form.perfect and form.tense in ("past", "present"))
            or _is_ongoing(event_verb(token))
        )
        body_statement = kind == "body" and sentence != lead and _is_statement(event)
        if (not is_news or body_statement) and form.simple_past and not form.pluperfect and sentence is not None:
            continued = _paragraph_date(doc, sentence, [d for d in dated if d[2] & _actor_keys(event)])
            if continued is not None:
                _set(event, continued)
                return
        _set(event, news_date if is_news else None)

    def _date_of_report(self, token: Token, exprs: list[_DateExpr], intended: bool = False) -> ResolvedDate | None:
        """ "Putin said Thursday that Russia supports ...": reported present-tense content is
        a stance taken when it was said; an act announced for later ("said on Friday the two
        will meet", "announced last week that it would cease aid") is dated by its announcement."""
        head = token if is_verbal(token) else clause_head(token)
        form = verb_form(event_verb(token))
        if form.perfect or (form.tense not in ("present", "future") and not (intended and form.modal)):
            return None
        for _ in range(4):
            if head.dep_ not in ("ccomp", "parataxis", "conj") or head.head.i == head.i:
                return None
            parent = clause_head(head.head)
            if parent.lemma_ in self.report_lemmas:
                return governing_date(parent, exprs, self.report_lemmas)
            head = parent
        return None

    def _news_date(self, doc: Document, exprs: list[_DateExpr], reference: date | None) -> ResolvedDate | None:
        """The date of the story's news: the lead sentence's main clause date, else the
        dateline's date, else the publication date (day), else none."""
        lead = lead_sentence(doc)
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
        if reference is not None:
            return ResolvedDate(reference.isoformat(), "day", False)
        return None


def _reference_date(doc: Document) -> date | None:
    """The day the story counts from: its dateline's date when it has one within a week
    before publication, else the publication date."""
    published = doc.article.published
    dateline, _ = story_dateline(doc)
    if dateline.date.precision == "day" and dateline.date.value is not None:
        filed = date.fromisoformat(dateline.date.value)
        if published is None or timedelta(0) <= published - filed <= timedelta(days=7):
            return filed
    return published


def _anchor_offsets(
    exprs: list[_DateExpr], reference: date | None, report_lemmas: frozenset[str] = frozenset()
) -> list[_DateExpr]:
    """Offsets ("two days earlier") count from another day-precision date of the sentence
    (the time of the report that tells them); an offset that opens its sentence ("Two days
    earlier, drones struck Lviv") counts from the last day told in the sentence before;
    else from the story's reference day."""
    out = []
    for expr in exprs:
        if is_offset(expr.span.text):
            anchors = [
                e.resolved for e in exprs
                if e.sentence_start == expr.sentence_start and e is not expr and _is_day(e)
            ]  # fmt: skip
            if not anchors and expr.span.start - expr.sentence_start <= 1:
                anchors = _days_of_sentence_before(exprs, expr, report_lemmas)
            base = date.fromisoformat(anchors[0].value) if anchors and anchors[0].value else reference
            expr = replace(expr, resolved=resolve_date(expr.span.text, base, None))
        out.append(expr)
    return out


def _is_day(expr: _DateExpr) -> bool:
    return expr.resolved.precision == "day" and expr.resolved.value is not None and not is_offset(expr.span.text)


def _days_of_sentence_before(
    exprs: list[_DateExpr], expr: _DateExpr, report_lemmas: frozenset[str] = frozenset(), reach: int = 3
) -> list[ResolvedDate]:
    """The days of acts told in the `reach` sentences before `expr`'s, the last told first (not
    the day of a report: "detained ... on Wednesday, a spokesman said on Friday. The previous
    day, ..." counts from Wednesday)."""
    doc = expr.span.doc
    starts = []
    start = expr.sentence_start
    while len(starts) < reach and start > 0:
        start = doc[start - 1].sent.start
        starts.append(start)
    near = [e for e in exprs if e.sentence_start in starts and _is_day(e) and e.clause.lemma_ not in report_lemmas]
    return [e.resolved for e in sorted(near, key=lambda e: -e.span.start)]


_COUNT_RE = re.compile(
    r"^(?:(\d{1,3})|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week)s?$", re.IGNORECASE
)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def _date_before_after(
    token: Token, exprs: list[_DateExpr], news_date: ResolvedDate | None, report_lemmas: frozenset[str]
) -> ResolvedDate | None:
    """ "His comments come two days after Erdogan denounced Israel": the event of the
    "after" clause is two days before the time of the clause it hangs from."""
    head = token if is_verbal(token) else clause_head(token)
    for _ in range(3):
        link = head.head if head.dep_ in ("advcl", "pcomp") else None
        if link is None or head.head.i == head.i:
            return None
        words = [c for c in head.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
        if link.lower_ in ("after", "before"):
            words.append(link)
        for word in words:
            amounts = [c for c in (*word.children, *head.children) if c.dep_ == "npadvmod" and c.i < word.i]
            amount = amounts[0] if amounts else None
            m = _COUNT_RE.match(" ".join(t.text for t in amount.subtree)) if amount is not None else None
            if m is None and amount is None and word.lower_ == "after" and verb_form(head).simple_past:
                # "marched in Khartoum Thursday, after the council dissolved the party": the
                # day of the clause it follows (no news date: that is not the text's)
                base = governing_date(clause_head(word.head), exprs, report_lemmas)
                days = {e.resolved for e in exprs if e.resolved.precision == "day" and not is_offset(e.span.text)}
                if base is None and len(days) == 1:  # "chanted as they marched Thursday, after ..."
                    base = next(iter(days))
                if base is not None and base.precision == "day":
                    return base
            if m is None:
                continue
            days = int(m.group(1)) if m.group(1) else _COUNT_WORDS[m.group(0).split()[0].lower()]
            days *= 7 if m.group(2).lower() == "week" else 1
            main = clause_head(word.head)
            base = governing_date(main, exprs, report_lemmas) or news_date
            if base is None or base.precision != "day" or base.value is None:
                return None
            shifted = date.fromisoformat(base.value) + timedelta(days=-days if word.lower_ == "after" else days)
            return ResolvedDate(shifted.isoformat(), "day", False)
        head = clause_head(head.head)
    return None


# "hours after the attack", "shortly after the vote": the same day as the act referred to
_SAME_DAY_WORDS = frozenset({"hours", "hour", "minutes", "minute", "moments", "shortly", "soon", "immediately", "just"})
_REFERRING_WORDS = frozenset({"the", "this", "that", "these", "those"})


def _dated_nouns(
    exprs: list[_DateExpr], news_date: ResolvedDate | None, report_lemmas: frozenset[str]
) -> list[tuple[int, str, ResolvedDate]]:
    """(token index, lemma, day) of the nouns the story dates: "Tuesday's attack", "came
    under attack Tuesday", and "rescued them Wednesday, a day after an attack on a train"
    (the attack is the day before the clause's day)."""
    found = []
    for expr in exprs:
        if expr.attach.pos_ == "NOUN" and expr.resolved.precision == "day" and expr.resolved.value is not None:
            found.append((expr.attach.i, expr.attach.lemma_.lower(), expr.resolved))
        m = _COUNT_RE.match(expr.span.text)
        if m is None or m.group(2).lower() != "day":
            continue
        for prep in (c for c in expr.span.root.children if c.dep_ == "prep" and c.lower_ in ("after", "before")):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
                others = [e for e in exprs if e is not expr and e.sentence_start == expr.sentence_start]
                base = governing_date(expr.clause, others, report_lemmas)
                days = {e.resolved for e in others if e.resolved.precision == "day" and not is_offset(e.span.text)}
                if base is None and len(days) == 1:
                    base = next(iter(days))
                base = base or news_date
                if base is None or base.precision != "day" or base.value is None:
                    continue
                count = int(m.group(1)) if m.group(1) else _COUNT_WORDS[m.group(0).split()[0].lower()]
                shifted = date.fromisoformat(base.value) + timedelta(days=-count if prep.lower_ == "after" else count)
                found.append((noun.i, noun.lemma_.lower(), ResolvedDate(shifted.isoformat(), "day", False)))
    return found


def _date_after_told_event(token: Token, noun_dates: list[tuple[int, str, ResolvedDate]]) -> ResolvedDate | None:
    """ "In a statement released hours after the attack, the group gave authorities 48
    hours": an act told by reference to an act the story dated before ("the attack") is on
    that act's day, or so many days after it ("a day after the bombing")."""
    head = token if is_verbal(token) else clause_head(token)
    for prep in (t for t in token.sent if t.dep_ == "prep" and t.lower_ == "after"):
        if not _in_clause_of(prep, head):
            continue
        nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
        refers = [n for n in nouns if any(c.dep_ in ("det", "poss") and c.lower_ in _REFERRING_WORDS | {"its", "their"}
                                          for c in n.children)]  # fmt: skip
        if not refers:
            continue
        noun = refers[0]
        told = [d for i, lemma, d in noun_dates if lemma == noun.lemma_.lower() and i < noun.i]
        if not told:
            continue
        before = token.doc[max(prep.i - 3, token.sent.start) : prep.i]  # "hours", "shortly", "a day", "two days"
        if before and before[-1].lower_ in _SAME_DAY_WORDS:
            return told[-1]
        m = next((m for k in (1, 2) if (m := _COUNT_RE.match(before[-k:].text)) is not None), None) if before else None
        if m is not None and m.group(2).lower() == "day":
            count = int(m.group(1)) if m.group(1) else _COUNT_WORDS[m.group(0).split()[0].lower()]
            shifted = date.fromisoformat(told[-1].value) + timedelta(days=count)  # type: ignore[arg-type]
            return ResolvedDate(shifted.isoformat(), "day", False)
    return None


_ARREST_CODE = "173"  # CAMEO: arrest, detain
_CUSTODY_NOUNS = frozenset({"custody", "detention", "jail", "prison", "confinement", "bar"})
_CUSTODY_VERBS = frozenset({"detain", "jail", "imprison"})


def _custody_start(exprs: list[_DateExpr]) -> ResolvedDate | None:
    """The day the story says someone has been held since ("has been in custody since Feb.
    24", "had been in pretrial detention since September 30"): the day of the arrest the
    story tells without a date ("Mhlanga's arrest drew condemnation"). None when the story
    gives no such day or several."""
    starts = set()
    for expr in exprs:
        if not expr.text.lower().startswith("since ") or expr.resolved.value is None:
            continue
        verb = expr.clause
        held = verb.lemma_.lower() in _CUSTODY_VERBS or (
            verb.lemma_.lower() in ("hold", "keep") and any(c.dep_ == "nsubjpass" for c in verb.children)
        )
        places = {
            obj.lemma_.lower()
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in ("in", "under", "behind")
            for obj in prep.children
            if obj.dep_ == "pobj"
        }
        if held or places & _CUSTODY_NOUNS:
            starts.add(expr.resolved)
    return next(iter(starts)) if len(starts) == 1 else None


def _tells_one_arrest(token: Token) -> bool:
    """ "Mhlanga's arrest", "police arrested him": one arrest, not the background of many
    ("journalists have been briefly detained")."""
    if not is_verbal(token):
        return token.tag_ == "NN"
    return verb_form(token).simple_past


def _in_clause_of(word: Token, head: Token) -> bool:
    """The word belongs to the clause of `head`: on the way up no other verb has a subject
    of its own ("the statement released hours after ...", misparsed or not, is the clause's)."""
    node = word
    for _ in range(8):
        if node.i == head.i:
            return True
        if node.i != word.i and is_verbal(node) and _has_subject(node):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _opening_date(token: Token, exprs: list[_DateExpr], report_lemmas: frozenset[str]) -> ResolvedDate | None:
    """A date that opens the sentence ("In April, ...", "On Thursday in Washington, ...")
    scopes over the whole sentence, reported and announced acts included ("On Thursday,
    officials said troops were deployed"), but not what had happened before it."""
    sent = token.sent
    opening = [e for e in exprs if e.span.start - sent.start <= 2 and e.resolved.value is not None]
    if not opening:
        return None
    form = verb_form(event_verb(token))
    if form.pluperfect:  # "On Friday, Rubio said the two had met"
        return None
    return opening[0].resolved


# Verbal acts and consultations (CAMEO 01-05: statements, appeals, intents, meetings,
# diplomatic cooperation; 10-13: demands, disapproval, rejection, threats): told in a news
# story without a date, they were made for the news, so they take the news date.
_STATEMENT_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})


def _is_statement(event: Event) -> bool:
    return (event.cameo_root or event.cameo[:2]) in _STATEMENT_ROOTS


def _tensed_verb(verb: Token) -> Token:
    """A participle clause ("..., demanding that ...", "Threatening to kill the hostages,
    the group demanded ...") or a participle after a copula ("remains concerned") has no
    tense of its own: it shares the verb it hangs from."""
    for _ in range(3):
        if verb.dep_ == "acomp" and verb.tag_ in ("VBG", "VBN") and is_verbal(verb.head):
            verb = verb.head
            continue
        bare = verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark")
                                                        for c in verb.children)  # fmt: skip
        if verb.dep_ != "advcl" or not bare or verb.head.i == verb.i or not is_verbal(verb.head):
            return verb
        verb = verb.head
    return verb


def _is_ongoing(verb: Token) -> bool:
    """Present progressive ("militants are still fighting the troops", "Trump is keeping the
    tariffs in place"): going on at the time of the story, so the news."""
    if verb.tag_ != "VBG":
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and verb.head.tag_ == "VBG":  # "are resisting and fighting"
        return _is_ongoing(verb.head)
    return any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes) and not any(
        a.lemma_ in ("have", "will", "would", "could", "may", "might", "must", "should") for a in auxes
    )


def _paragraph_date(
    doc: Document, sentence: int, dated: list[tuple[int, ResolvedDate, set[str]]]
) -> ResolvedDate | None:
    """The date of the nearest dated event before `sentence` in the same paragraph (the
    caller keeps those of the same actors)."""
    start = doc.sentences[sentence].start
    paragraph = next((p for p in doc.paragraphs if p.start <= start < max(p.end, p.start + 1)), None)
    if paragraph is None:
        return None
    for index, resolved, _ in reversed(dated):
        if index < sentence and doc.sentences[index].start >= paragraph.start:
            return resolved if resolved.precision == "day" else None
        if index < sentence:
            return None
    return None


def _set(event: Event, resolved: ResolvedDate | None) -> None:
    if resolved is None or resolved.value is None:
        event.date, event.date_precision = None, "unknown"
    else:
        event.date, event.date_precision = resolved.value, resolved.precision


def date_expressions(doc: Document, reference: date | None = None) -> list[_DateExpr]:
    """Every date expression of the document (the tagger's DATE/TIME entities, widened or
    added by `temporal.find_dates`), with its preposition, attachment and value (resolved
    against `reference`, by default the publication date). A dateline's date is left out:
    it dates the filing, not an event."""
    published = reference if reference is not None else doc.article.published
    dateline, offset = story_dateline(doc)
    found: list[_DateExpr] = []
    for span in _date_spans(doc.doc):
        if dateline.end and offset <= span.start_char < offset + dateline.end:
            continue
        attach, prep = _attachment(span)
        text = (
            f"{prep.lower_} {span.text}"
            if prep is not None and not span.text.lower().startswith(prep.lower_)
            else span.text
        )
        clause = clause_head(attach)
        tense = verb_form(clause).tense if is_verbal(clause) else None
        found.append(_DateExpr(span, span.sent.start, text, attach, clause, resolve_date(text, published, tense)))
    return found


def _date_spans(spacy_doc: Doc) -> list[Span]:
    """DATE/TIME entities, each widened to a pattern match that overlaps it ("30 Apr 2020"
    where the tagger saw "2020"), plus pattern matches the tagger missed."""
    ents = _date_entities(spacy_doc)
    matches = [
        span
        for start, end in find_dates(spacy_doc.text)
        if (span := spacy_doc.char_span(start, end, alignment_mode="expand")) is not None
    ]
    spans = [m for m in matches if m.sent.start == m[-1].sent.start]
    for ent in ents:
        if not any(m.start < ent.end and ent.start < m.end for m in spans):
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start)


def _date_entities(spacy_doc: Doc) -> list[Span]:
    """The tagger's DATE/TIME entities, read from the tokens' IOB tags (cheaper than `Doc.ents`,
    which builds a span for every entity of the document)."""
    out: list[Span] = []
    start = None
    for tok in spacy_doc:
        inside = tok.ent_type_ in _DATE_LABELS and tok.ent_iob_ in ("B", "I")
        if start is not None and (not inside or tok.ent_iob_ == "B"):
            out.append(spacy_doc[start : tok.i])
            start = None
        if inside and start is None:
            start = tok.i
    if start is not None:
        out.append(spacy_doc[start:])
    return out


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
        resolved = sorted((e for e in candidates if e.resolved.value is not None), key=lambda e: e.span.start)
        direct = [e for e in resolved if e.attach.i in (token.i, head.i)]
        if direct:  # "Before the election this month, Ishiba visited Taiwan in August": the verb's own
            resolved = direct
        if resolved:  # the first date; one right after it restates it ("Monday, January 13")
            group = [e for e in resolved if e.span.start <= resolved[0].span.end + 2]
            # the finest; of equal ones, a written date over a relative word ("Overnight on 6 May")
            best = max(group, key=lambda e: (_RANK[e.resolved.precision], any(c.isdigit() for c in e.text)))
            return best.resolved
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
    # "sent a letter dated Feb. 4", "issued a decree dated March 3": the document's date
    clause = expr.clause
    if clause.lemma_ == "date" and clause.dep_ == "acl" and clause_head(clause.head).i == head.i:
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
