"""attribution stage: who reported or claimed each event, with what stance, and quotes.

In every sentence the stage finds the sources the text gives:
- a verb of saying and its subject: "a senior Turkish official and regime news agency
  SANA have said", "X told reporters", "said in a statement", "state media reported";
- "Reuters quoted an anonymous Turkish official as saying": both the outlet and the
  person quoted report it;
- a source phrase: "according to Reuters", "citing X", "quoting X".
Each source becomes a `document.attributions` entry (name, span, cue, stance), and
every event told in the attributed clause gets the source's names in `reported_by`
(the verb of saying itself is not attributed to its speaker). Stance comes from the
verb: neutral verbs report as fact (modality unchanged), "claim"/"allege" make the
event `claimed`, and "deny" makes it `claimed` with the denial recorded (cue
"denied"). "reportedly"/"allegedly" mark a claim without a named source.

Quotations of three words or more are kept as quotes, with who said them: the person
quoted, else the subject of the verb that introduces the quote. A photo credit in
brackets never reaches this stage (the clean stage strips it) and is never a source.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path

from spacy.tokens import Span, Token

from ..coding.arguments import entity_of
from ..knowledge.datafiles import read_yaml_mapping, shipped, word_list
from ..model import Actor, Attribution, Document, Event
from .event_anchor import trigger_token

logger = logging.getLogger(__name__)

CUES_PATH = shipped("attribution/cues.yaml")
_PRONOUNS = word_list("attribution_pronouns")
QUOTE_CUE = "quotation"  # the cue of an Attribution that records a quote and its speaker
_QUOTE_RE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class AttributionCues:
    """The lexical cues of `data/attribution/cues.yaml`."""

    stance_of_verb: dict[str, str]
    claim_adverbs: frozenset[str]
    description_heads: frozenset[str]
    min_quote_words: int

    @classmethod
    def load(cls, path: Path | Traversable = CUES_PATH) -> AttributionCues:
        data = read_yaml_mapping(path, "attribution cues")
        stance = {
            str(verb).lower(): str(kind)
            for kind, verbs in (data.get("reporting_verbs") or {}).items()
            for verb in verbs or []
        }
        return cls(
            stance,
            frozenset(str(w).lower() for w in data.get("claim_adverbs") or []),
            frozenset(str(w).lower() for w in data.get("description_heads") or []),
            int(data.get("min_quote_words") or 3),
        )


@dataclass
class _Source:
    """One attribution found in a sentence: who, the cue, the stance, and the tokens it
    covers (what is attributed)."""

    names: list[tuple[str, int, int]]  # (name, start char, end char)
    cue: str
    stance: str  # asserted | claimed | denied
    cue_token: int
    scope: set[int]  # token indices of the attributed clause
    speaker: str | None = None  # who is quoted, when different from the outlet


class Attributor:
    """`attribution` stage: sets `reported_by`, stance modality and quotes."""

    name = "attribution"
    requires: tuple[str, ...] = ("events", "doc", "sentences", "actor_mentions")
    provides: tuple[str, ...] = ("events", "attributions")

    def __init__(self, cues: AttributionCues | None = None) -> None:
        self.cues = cues or AttributionCues.load()

    def __call__(self, doc: Document) -> Document:
        if doc.doc is None:
            return doc
        sources_by_sentence: dict[int, list[_Source]] = {}
        for sent in doc.sentences:
            span = doc.doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None:
                continue
            sources = self.find_sources(span, doc)
            sources_by_sentence[sent.index] = sources
            for source in sources:
                for name, start, end in source.names:
                    doc.attributions.append(
                        Attribution(
                            name=name,
                            start=start,
                            end=end,
                            sentence=sent.index,
                            cue=source.cue,
                            stance="claimed" if source.stance != "asserted" else "asserted",
                            actor=_actor_at(doc, start, end),
                        )
                    )
            self._record_quotes(span, sent.index, sources, doc)
        for event in doc.events:
            self._attribute_event(event, doc, sources_by_sentence)
        return doc

    # --- finding sources -------------------------------------------------------------------

    def find_sources(self, sent: Span, doc: Document) -> list[_Source]:
        """Every source the sentence names, with the tokens it covers."""
        found: list[_Source] = []
        for token in sent:
            source = self._source_phrase(token, sent, doc) or self._reporting_verb(token, sent, doc)
            if source is not None and source.names:
                found.append(source)
        return found

    def _source_phrase(self, token: Token, sent: Span, doc: Document) -> _Source | None:
        """ "according to X", "citing X", "quoting X", "as reported by X"."""
        lower = token.lower_
        objects: list[Token] = []
        if lower == "according":
            objects = [c for p in token.children if p.lower_ == "to" for c in p.children if c.dep_ == "pobj"]
            cue = "according to"
        elif lower in ("citing", "quoting"):
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
            cue = lower
        else:
            return None
        names = [n for obj in objects for n in self._names(obj, doc)]
        scope = _scope_excluding(sent, token)
        return _Source(names, cue, "asserted", token.i, scope)

    def _reporting_verb(self, token: Token, sent: Span, doc: Document) -> _Source | None:
        """A verb of saying with a named subject ("SANA has said", "X told reporters")."""
        if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "VB"):
            return None
        stance = self.cues.stance_of_verb.get(token.lemma_.lower())
        if stance is None or token.lower_ in ("according", "citing", "quoting"):
            return None
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        agents = [c for p in token.children if p.dep_ == "agent" for c in p.children if c.dep_ == "pobj"]
        objects = [c for c in token.children if c.dep_ == "dobj"] if token.lemma_.lower() == "quote" else []
        names: list[tuple[str, int, int]] = []
        for noun in [*agents, *subjects, *objects]:
            names.extend(self._names(noun, doc))
        if not names:
            return None
        speaker = None
        if objects or (agents and subjects):
            quoted = objects or subjects
            person = self._names(quoted[0], doc)
            speaker = person[0][0] if person else None
        scope = _scope_of_report(token, sent)
        return _Source(names, token.lemma_.lower(), stance, token.i, scope, speaker)

    def _names(self, noun: Token, doc: Document) -> list[tuple[str, int, int]]:
        """The names of a (possibly coordinated) noun phrase: "a senior Turkish official and
        regime news agency SANA" -> ["a senior Turkish official", "SANA"]. Pronouns take the
        actor the actors stage resolved them to, else are dropped."""
        span = _trim(_noun_phrase(noun))
        if span is None:
            return []
        out: list[tuple[str, int, int]] = []
        for part in _split_coordination(span):
            named = self._name_of_part(part, doc)
            if named is not None:
                out.append(named)
        return out

    def _name_of_part(self, part: Span, doc: Document) -> tuple[str, int, int] | None:
        if len(part) == 1 and part[0].lower_ in _PRONOUNS:
            actor = _actor_at(doc, part.start_char, part.end_char)
            return (actor.name, part.start_char, part.end_char) if actor else None
        if part[0].lower_ in ("reporters", "journalists", "the press") or part.text.startswith("["):
            return None
        named = _entity_at_end(part, self.cues.description_heads)
        proper = named or _proper_tail(part, self.cues.description_heads)
        chosen = proper or part
        return chosen.text, chosen.start_char, chosen.end_char

    # --- events and quotes -----------------------------------------------------------------

    def _attribute_event(self, event: Event, doc: Document, by_sentence: dict[int, list[_Source]]) -> None:
        token = trigger_token(event, doc)
        if token is None:
            return
        sentence = doc.sentence_at(token.idx)
        if sentence is None:
            return
        sources = [s for s in by_sentence.get(sentence.index, []) if s.cue_token != token.i]
        covering = [s for s in sources if token.i in s.scope]
        for source in covering:
            for name, _, _ in source.names:
                if name not in event.reported_by:
                    event.reported_by.append(name)
            if source.stance != "asserted" and event.modality == "asserted":
                event.modality = "claimed"
        if event.modality == "asserted" and self._claim_adverb(token):
            event.modality = "claimed"
        for att in doc.attributions:
            if att.cue == QUOTE_CUE and att.sentence == sentence.index:
                quote = f'{att.name}: "{doc.text[att.start : att.end]}"'
                if quote not in event.quotes:
                    event.quotes.append(quote)

    def _claim_adverb(self, token: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ in self.cues.claim_adverbs for c in token.children)

    def _record_quotes(self, sent: Span, index: int, sources: list[_Source], doc: Document) -> None:
        for start, end in _quotations(sent):
            text = doc.text[start:end]
            if len(text.split()) < self.cues.min_quote_words:
                continue
            speaker = self._speaker_of_quote(sent, (start, end), sources, doc)
            doc.attributions.append(
                Attribution(name=speaker or "unknown", start=start, end=end, sentence=index, cue=QUOTE_CUE)
            )

    def _speaker_of_quote(
        self, sent: Span, quote: tuple[int, int], sources: list[_Source], doc: Document
    ) -> str | None:
        """The person quoted in the sentence, else the subject of the verb outside the quote
        that the quote hangs on ("Mamlouk called on Turkey to \"...\"")."""
        start, end = quote
        for source in sources:
            if source.speaker:
                return source.speaker
        first = next((t for t in sent if t.idx >= start), None)
        current = first
        for _ in range(32):
            if current is None:
                break
            outside = not (start <= current.idx < end)
            if outside and current.pos_ in ("VERB", "AUX"):
                subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    names = self._names(subjects[0], doc)
                    if names:
                        return names[0][0]
            if current.head.i == current.i:
                break
            current = current.head
        reporting = [s for s in sources if s.cue in self.cues.stance_of_verb]
        return reporting[0].names[0][0] if reporting else None


def _noun_phrase(noun: Token) -> Span:
    """The noun's phrase without clauses, appositions or asides hanging from it ("a study
    published this month" -> "a study"; "Al-Sharaa - leader of ... -" -> "Al-Sharaa")."""
    dropped: set[int] = set()
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "appos", "parataxis") or (child.dep_ == "punct" and child.i > noun.i):
            dropped |= {t.i for t in child.subtree}
    start = end = noun.i
    while start - 1 >= noun.left_edge.i and start - 1 not in dropped:
        start -= 1
    while end + 1 <= noun.right_edge.i and end + 1 not in dropped:
        end += 1
    return noun.doc[start : end + 1]


def _entity_at_end(part: Span, descriptions: frozenset[str]) -> Span | None:
    """A person or organisation named at the end of a described phrase ("Canadian Foreign
    Minister Melanie Joly" -> "Melanie Joly"); None when the phrase is all name."""
    last = part.doc[part.end - 1]
    if last.ent_type_ not in ("PERSON", "ORG"):
        return None
    ent = entity_of(last)
    if ent.end != part.end or ent.start <= part.start:
        return None
    before = part.doc[ent.start - 1]
    if before.tag_ in ("NNP", "NNPS") and before.lower_ not in descriptions:
        return None  # "Siyoka Simasiku": the first name is part of the name
    start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    return part.doc[start : ent.end]


def _trim(span: Span) -> Span | None:
    """Drop punctuation, quotes and trailing appositions' commas at the edges."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    for i in range(start, end):  # cut at an apposition or an aside: "X, the head of ...", "X - ..."
        if doc[i].text in (",", "\u2014", "\u2013", "--", "(") and i > start:
            end = i
            break
    return doc[start:end] if end > start else None


def _split_coordination(span: Span) -> list[Span]:
    """Split "A and B" / "A, B and C" into the parts (at a coordinating token)."""
    parts: list[Span] = []
    doc = span.doc
    start = span.start
    for token in span:
        if token.lower_ in ("and", "&") and token.dep_ == "cc" and start < token.i:
            parts.append(doc[start : token.i])
            start = token.i + 1
    if start < span.end:
        parts.append(doc[start : span.end])
    return [p for p in parts if len(p) and not all(t.is_punct for t in p)]


def _proper_tail(part: Span, descriptions: frozenset[str]) -> Span | None:
    """ "regime news agency SANA" -> "SANA"; "Turkish President Recep Tayyip Erdogan" -> the
    name; None when the phrase is not a description followed by a name."""
    tail_start = part.end
    while tail_start > part.start and part.doc[tail_start - 1].tag_ in ("NNP", "NNPS"):
        tail_start -= 1
    if tail_start == part.start or tail_start == part.end:
        return None
    before = part.doc[part.start : tail_start]
    if before[-1].lower_ in descriptions or before[-1].tag_ in ("NN", "NNS", "JJ"):
        return part.doc[tail_start : part.end]
    return None


def _scope_excluding(sent: Span, cue: Token) -> set[int]:
    """The sentence without the source phrase itself."""
    own = {t.i for t in cue.subtree}
    return {t.i for t in sent if t.i not in own}


def _scope_of_report(verb: Token, sent: Span) -> set[int]:
    """What a verb of saying attributes: its complement clause ("said that ...", "revealed
    the disease is rising"), what it reports ("reported the strike"); a verb without one
    comments on the rest of the sentence ("..., SANA have said", "..., Reuters quoted an
    official as saying")."""
    lemma = verb.lemma_.lower()
    parts = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
    if lemma not in ("quote", "tell", "inform"):  # their object is the speaker or the listener
        parts += [c for c in verb.children if c.dep_ == "dobj"]
    saying = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    scope = {t.i for c in parts + saying for t in c.subtree}
    if not parts:
        own = {t.i for t in verb.subtree}
        scope |= {t.i for t in sent if t.i not in own}
    return scope


def _quotations(sent: Span) -> list[tuple[int, int]]:
    """Character spans of the quoted stretches of a sentence. A closing mark with no opening
    one ends a quotation that began in an earlier sentence (it runs from the sentence
    start); an opening mark never closed runs to the attribution clause ("..., Reuters
    quoted ...") or to the end."""
    text = sent.text
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for mark in _QUOTE_RE.finditer(text):
        at, char = mark.start(), mark.group()
        if char == "\u201c":
            closing = False
        elif char == "\u201d":
            closing = True
        else:
            closing = open_at is not None or _looks_closing(text, at)
        if closing:
            out.append((open_at if open_at is not None else 0, at))
            open_at = None
        else:
            open_at = at + 1
    if open_at is not None:
        rest = text[open_at:]
        cut = rest.rfind(",")
        out.append((open_at, open_at + (cut if cut > 0 else len(rest.rstrip(". ")))))
    return [(sent.start_char + s, sent.start_char + e) for s, e in out if e > s]


def _looks_closing(text: str, at: int) -> bool:
    """A straight quote mark right after a word or punctuation, not before one, closes."""
    after = text[at + 1 : at + 2]
    return at > 0 and not text[at - 1].isspace() and not after.isalnum()


def _actor_at(doc: Document, start: int, end: int) -> Actor | None:
    for mention in doc.actor_mentions:
        if mention.start < end and start < mention.end:
            return mention.actor
    return None


__all__ = ["AttributionCues", "Attributor"]
