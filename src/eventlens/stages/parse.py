"""nlp stage: the spaCy pipeline over the cleaned text, and the sentence list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from ..errors import InputError
from ..model import Document, Sentence

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
        docs = list(docs)
        ok: list[Document] = []
        for doc in docs:
            try:
                check_english(doc.text)
                ok.append(doc)
            except InputError as exc:
                from ..model import DocumentError

                doc.error = DocumentError(doc.article.id, self.name, str(exc), doc.article.path)
        parsed = self.nlp.pipe((d.text for d in ok), batch_size=self.batch_size, n_process=self.n_process)
        for doc, spacy_doc in zip(ok, parsed, strict=True):
            yield self._attach(doc, spacy_doc)

    @staticmethod
    def _attach(doc: Document, spacy_doc: object) -> Document:
        doc.doc = spacy_doc
        doc.sentences = []
        for sent in spacy_doc.sents:  # type: ignore[attr-defined]
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
