"""Where an event sits in the parse: its trigger token, its clause, the tense of its verb.

Shared by the dates, places and attribution stages. The event coder records the
trigger's token index (`Event.trigger_token`); when it is missing the trigger is
found from the first mention's span and the trigger words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..knowledge.temporal import Dateline, dateline_of
from ..model import Document, Event

# Dependency labels that open a clause of their own under another word.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "xcomp", "acl", "pcomp", "parataxis", "csubj", "conj"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ought"})


@dataclass(frozen=True)
class VerbForm:
    """Tense ("past", "present", "future" or None), perfect aspect, and modality of a verb."""

    tense: str | None
    perfect: bool = False
    modal: bool = False
    pluperfect: bool = False  # "had shelled": before the time of the story

    @property
    def simple_past(self) -> bool:
        return self.tense == "past" and not self.perfect and not self.modal


def event_sentence(event: Event, doc: Document) -> int | None:
    """Index (into `doc.sentences`) of the event's first mention."""
    if event.sentence_index is not None:
        return event.sentence_index
    if event.mentions:
        return event.mentions[0].sentence
    return None


def trigger_token(event: Event, doc: Document) -> Token | None:
    """The token that carries the event: the coder's index, else the trigger word in the
    first mention, else the root of the first mention's span."""
    spacy_doc: Doc | None = doc.doc
    if spacy_doc is None:
        return None
    if event.trigger_token is not None and 0 <= event.trigger_token < len(spacy_doc):
        return spacy_doc[event.trigger_token]
    span = _mention_span(event, doc)
    if span is None:
        return None
    words = event.trigger.lower().split()
    if words:
        for token in span:
            if token.lower_ == words[0] or token.lemma_.lower() == words[0]:
                return token
    return span.root


def _mention_span(event: Event, doc: Document) -> Span | None:
    spacy_doc: Doc = doc.doc
    if event.mentions:
        mention = event.mentions[0]
        span = spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span):
            return span
    index = event_sentence(event, doc)
    if index is not None and 0 <= index < len(doc.sentences):
        sent = doc.sentences[index]
        return spacy_doc.char_span(sent.start, sent.end, alignment_mode="expand")
    return None


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass")


def clause_head(token: Token) -> Token:
    """The verb that heads the clause the token is in (the token itself if it is one)."""
    current = token
    for _ in range(64):
        if is_verbal(current) or current.head.i == current.i:
            return current
        current = current.head
    return current


def parent_clause(head: Token) -> Token | None:
    """The clause this clause hangs from (a relative, adverbial, complement or coordinated
    clause's governing clause), or None at the top of the sentence."""
    if head.head.i == head.i or head.dep_ not in CLAUSE_DEPS | {"prep", "pobj", "dobj", "nsubj", "nsubjpass"}:
        return None
    return clause_head(head.head)


def in_clause(token: Token, head: Token) -> bool:
    """Whether `token` belongs to the clause headed by `head` and not to a clause nested in it."""
    current = token
    for _ in range(64):
        if current.i == head.i:
            return True
        if current.head.i == current.i:
            return False
        if is_verbal(current) and current.i != token.i:
            return False
        if current.dep_ in CLAUSE_DEPS and current.i != token.i and current.head.i != head.i:
            return False
        current = current.head
    return False


def verb_form(verb: Token) -> VerbForm:
    """Tense, aspect and modality from the verb's tag and auxiliaries ("has been placed",
    "will meet", "met"); a coordinated verb without auxiliaries shares its head's."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and is_verbal(verb.head) and verb.tag_ == verb.head.tag_:
        return verb_form(verb.head)
    if not auxes and verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.tag_ == "VBN":
        return verb_form(verb.head)
    lowers = [a.lower_ for a in auxes]
    if any(a in _FUTURE_AUX for a in lowers) or _going_to(verb):
        return VerbForm("future")
    if any(a in _MODAL_AUX for a in lowers):
        return VerbForm(None, modal=True)
    if "to" in lowers and verb.tag_ == "VB":
        return VerbForm("future")
    have = [a for a in auxes if a.lemma_ == "have"]
    if have:
        return VerbForm("past", perfect=True, pluperfect=any(a.tag_ == "VBD" for a in have))
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return VerbForm("past")
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return VerbForm("present")
    if verb.tag_ == "VBN" and verb.dep_ in ("ROOT",):
        return VerbForm("past")
    return VerbForm(None)


def _going_to(verb: Token) -> bool:
    head = verb.head
    return (
        verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ in ("is", "are", "am") for c in head.children)
    )


def event_verb(token: Token) -> Token:
    """The verb whose tense dates the event: the trigger itself if it is a verb, else its
    clause's verb ("issued" for "an arrest warrant")."""
    return token if is_verbal(token) else clause_head(token)


def story_dateline(doc: Document) -> tuple[Dateline, int]:
    """The dateline that opens the story's first body paragraph ("ANKARA, Jan 14 -"), and
    the character offset of that paragraph in the cleaned text (after the headline)."""
    start = next((p.start for p in doc.paragraphs if p.kind == "body"), 0)
    return dateline_of(doc.text[start : start + 200], doc.article.published), start


def lead_sentence(doc: Document) -> int | None:
    """Index of the story's lead: its first body sentence, past a dateline that the
    sentence splitter may have cut off on its own ("ISTANBUL" | ", Jan 15 (Agency) - ...")."""
    dateline, offset = story_dateline(doc)
    for sent in doc.sentences:
        if sent.kind != "body":
            continue
        if dateline.end and sent.end <= offset + dateline.end - 2:
            continue
        return sent.index
    return None
