"""nlp stage: the spaCy pipeline over the cleaned text, and the sentence list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span, Token

from ..errors import InputError
from ..knowledge.lexicon import Lexicon
from ..model import Document, DocumentError, Sentence
from ..nlp import PARAGRAPH_COMPONENT

_NON_ENGLISH_SHARE = 0.3  # more non-Latin letters than this: not an English article


class SpacyParser:
    """`nlp` stage: fills `Document.doc` (a spaCy Doc over `Document.text`) and `sentences`."""

    name = "nlp"
    requires: tuple[str, ...] = ("text", "paragraphs")
    provides: tuple[str, ...] = ("doc", "sentences")

    def __init__(self, nlp: Language, n_process: int = 1, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.n_process = n_process
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        check_english(doc.text)
        return self._attach(doc, self.nlp(doc.text))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Parse a batch at once (spaCy's `nlp.pipe`); refuse non-English text per document."""
        ok = self._english_only(docs)
        parsed = self.nlp.pipe((d.text for d in ok), batch_size=self.batch_size, n_process=self.n_process)
        for doc, spacy_doc in zip(ok, parsed, strict=True):
            yield self._attach(doc, spacy_doc)

    def _english_only(self, docs: Iterable[Document]) -> list[Document]:
        """The documents in English; the others are marked with a per-document error."""
        ok: list[Document] = []
        for doc in docs:
            try:
                check_english(doc.text)
                ok.append(doc)
            except InputError as exc:
                doc.error = DocumentError(doc.article.id, self.name, str(exc), doc.article.path)
        return ok

    @staticmethod
    def _attach(doc: Document, spacy_doc: Doc) -> Document:
        doc.doc = spacy_doc
        doc.sentences = []
        for sent in spacy_doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            para = next((p for p in doc.paragraphs if p.start <= start < p.end), None)
            doc.sentences.append(
                Sentence(len(doc.sentences), start, start + len(text), text, para.kind if para else "body")
            )
        return doc


def check_english(text: str) -> None:
    """Refuse text that is plainly not English (mostly non-Latin letters, or no English words)."""
    letters = [ch for ch in text[:5000] if ch.isalpha()]
    if not letters:
        raise InputError("the document has no letters")
    non_latin = sum(1 for ch in letters if ord(ch) > 0x24F)
    if non_latin > len(letters) * _NON_ENGLISH_SHARE:
        raise InputError("the document is not in English (mostly non-Latin script); eventlens codes English")
    words = text[:5000].lower().split()
    common = {"the", "of", "and", "to", "in", "a", "is", "on", "for", "with", "said", "has", "was"}
    if len(words) >= 30 and sum(w in common for w in words) < len(words) * 0.03:
        raise InputError("the document does not look like English text")


# -- selective parsing -----------------------------------------------------------------
_ACTOR_ENTITY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
_ACTORLESS_ROOTS = frozenset({"14", "18", "19", "20"})  # protest and violence are coded without a named actor
_TRIGGER_WORD_LISTS = ("intent_adjectives", "refusal_adjectives", "speech_nouns", "obligation_aux")
_FLAT_DEP = "dep"
_PERSONAL = frozenset({"PRP", "PRP$"})  # he, they, its: coreference can make them actors


class EventTriggers:
    """The words that can carry an event (from the event lexicon), for a cheap sentence filter.

    A lexicon entry that fires only with a given object, particle or modifier ("take" +
    "control", "hunger" + "strike") counts only when one of those words is in the sentence too.
    """

    MAX_CACHED = 200_000  # distinct word forms remembered (bounded: memory stays flat)

    def __init__(self, requirements: dict[str, frozenset[str] | None], actorless: frozenset[str]) -> None:
        self.requirements = requirements  # trigger -> words one of which must be present; None: none needed
        self.actorless = actorless  # triggers of acts coded even without a named actor
        self._matches: dict[int, tuple[str, ...]] = {}

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> EventTriggers:
        requirements: dict[str, set[str] | None] = {}
        actorless: set[str] = set()
        for table in (lexicon.verbs, lexicon.nouns):
            for lemma, patterns in table.items():
                for p in patterns:
                    needed = set(p.objects) | set(p.modifiers) | ({p.particle} if p.particle else set())
                    _require(requirements, lemma.lower(), {w.lower() for w in needed} or None)
                    if (p.code or "")[:2] in _ACTORLESS_ROOTS:
                        actorless.add(lemma.lower())
        for word in set(lexicon.accuse_nouns).union(*(lexicon.word(n) for n in _TRIGGER_WORD_LISTS)):
            _require(requirements, word.lower(), None)
        frozen = {k: (frozenset(v) if v is not None else None) for k, v in requirements.items()}
        return cls(frozen, frozenset(actorless))

    def _triggers_of(self, token: Token) -> tuple[str, ...]:
        """Trigger words among the token's lemma, word and stems (the coder repairs lemmas the same way)."""
        key = token.orth ^ (token.lemma << 1)
        found = self._matches.get(key)
        if found is None:
            low = token.lower_
            forms = {token.lemma_.lower(), low, low[:-1], low[:-2], low[:-3]}
            found = tuple(f for f in forms if f in self.requirements)
            if len(self._matches) >= self.MAX_CACHED:
                self._matches.clear()
            self._matches[key] = found
        return found

    def can_hold_event(self, sent: Span) -> bool:
        """A trigger word, and an actor for it: a named entity, a personal pronoun, or an act that needs none."""
        found = {t for token in sent for t in self._triggers_of(token)}
        if not found:
            return False
        words: set[str] | None = None
        usable = False
        for trigger in found:
            needed = self.requirements[trigger]
            if needed is not None:
                words = words if words is not None else {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
                if not needed & words:
                    continue
            if trigger in self.actorless:
                return True
            usable = True
        if not usable:
            return False
        return any(e.label_ in _ACTOR_ENTITY_LABELS for e in sent.ents) or any(t.tag_ in _PERSONAL for t in sent)


def _require(table: dict[str, set[str] | None], word: str, needed: set[str] | None) -> None:
    if word in table and table[word] is None:
        return
    if needed is None:
        table[word] = None
    else:
        table.setdefault(word, set()).update(needed)  # type: ignore[union-attr]


class SelectiveParser(SpacyParser):
    """`nlp` stage that parses only the sentences that can hold an event.

    Every sentence gets tokens, tags, lemmas and named entities (the actor resolver
    needs NER everywhere); sentence boundaries come from the model's `senter` (or
    spaCy's rule-based sentencizer when the model has none) and the paragraph
    breaks. The dependency parser then runs only on sentences with a trigger word
    of the event lexicon and an actor for it (`EventTriggers.can_hold_event`). The
    other sentences get a flat tree (every token attached to the first, label
    `dep`): they keep their boundaries and offer the coder nothing to code.
    Same inputs and outputs as `SpacyParser`.
    """

    def __init__(self, nlp: Language, triggers: EventTriggers, batch_size: int = 16) -> None:
        super().__init__(nlp, n_process=1, batch_size=batch_size)
        self.triggers = triggers
        self.parser = nlp.get_pipe("parser")
        splitter = nlp.get_pipe("senter") if "senter" in nlp.component_names else Sentencizer()
        cheap = [(n, nlp.get_pipe(n)) for n in nlp.pipe_names if n not in ("parser", PARAGRAPH_COMPONENT)]
        self.cheap_steps = [*cheap, ("senter", splitter), (PARAGRAPH_COMPONENT, nlp.get_pipe(PARAGRAPH_COMPONENT))]
        self.parsed_sentences = 0  # counters for benchmarks and logs
        self.seen_sentences = 0

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        ok = self._english_only(docs)
        spacy_docs = self._parse_selected(list(self._cheap_pass(d.text for d in ok)))
        for doc, spacy_doc in zip(ok, spacy_docs, strict=True):
            yield self._attach(doc, spacy_doc)

    def _cheap_pass(self, texts: Iterable[str]) -> Iterator[Doc]:
        stream: Iterable[Doc] = (self.nlp.make_doc(t) for t in texts)
        for _name, step in self.cheap_steps:
            batch_pipe = getattr(step, "pipe", None)
            stream = batch_pipe(stream, batch_size=self.batch_size) if batch_pipe else map(step, stream)
        return iter(stream)

    def _parse_selected(self, docs: list[Doc]) -> list[Doc]:
        selected: list[tuple[int, Span]] = []
        for n, doc in enumerate(docs):
            for sent in doc.sents:
                self.seen_sentences += 1
                if self.triggers.can_hold_event(sent):
                    selected.append((n, sent))
        self.parsed_sentences += len(selected)
        rows = [_flat_trees(doc) for doc in docs]
        parsed = self.parser.pipe((s.as_doc() for _, s in selected), batch_size=self.batch_size * 8)
        for (n, sent), sent_doc in zip(selected, parsed, strict=True):
            rows[n][sent.start : sent.end] = sent_doc.to_array([HEAD, DEP])  # heads are relative offsets
        for doc, doc_rows in zip(docs, rows, strict=True):
            doc.from_array([HEAD, DEP], doc_rows)
        return docs


def _flat_trees(doc: Doc) -> numpy.ndarray:
    """HEAD/DEP rows giving every sentence a flat tree: each token attached to the first one."""
    rows = numpy.zeros((len(doc), 2), dtype="uint64")
    flat, root = doc.vocab.strings.add(_FLAT_DEP), doc.vocab.strings.add("ROOT")
    rows[:, 1] = flat
    for sent in doc.sents:
        offsets = sent.start - numpy.arange(sent.start, sent.end, dtype="int64")
        rows[sent.start : sent.end, 0] = offsets.astype("uint64")
        rows[sent.start, 1] = root
    return rows


def selective_parser(nlp: Language, lexicon_paths: Iterable[str | Path] = (), batch_size: int = 16) -> SelectiveParser:
    """A `SelectiveParser` with the triggers of the shipped lexicon plus the user's lexicon files."""
    return SelectiveParser(nlp, EventTriggers.from_lexicon(Lexicon.load(lexicon_paths)), batch_size)
