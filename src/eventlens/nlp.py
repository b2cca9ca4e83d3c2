"""Loading the spaCy model: once per process, by name from the settings."""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ConfigError

logger = logging.getLogger(__name__)

PARAGRAPH_COMPONENT = "eventlens_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (headline, caption, body lines), and
    a paragraph never opens with a one-word sentence followed by more words: the parser,
    seeing a headline with no full stop before it, would otherwise cut "Security | sources
    said Wednesday ..." or "U.S. | President Donald Trump ..." and lose the story's lead.
    Nor does a sentence begin right after a lower-case word of the same line (see
    `_after_lower_case_word`)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            first = doc[token.i + 1]
            if token.i + 2 < len(doc) and not (first.is_punct or first.is_space) and doc[token.i + 2].is_alpha:
                doc[token.i + 2].is_sent_start = False
        elif _after_lower_case_word(doc, token.i + 1):
            doc[token.i + 1].is_sent_start = False
    return doc


def _after_lower_case_word(doc: Doc, i: int) -> bool:
    """A word right after a lower-case word, with nothing but a space between them: no sentence of
    edited text ends so, and a model's cut there splits a name ("Fernando Azevedo e | Silva said
    ...") or a clause ("which is pretty expensive," said | international relations expert ...")."""
    word = doc[i]
    if not (word.is_title or word.is_upper):  # the parser only starts sentences on capitals here
        return False
    prev = doc[i - 1]
    return prev.is_alpha and prev.is_lower and prev.whitespace_ == " "


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline `name`, loaded once per process and shared by every caller.

    Any installed English pipeline works (en_core_web_sm/md/lg/trf); a paragraph
    component is added before the parser so that sentences respect paragraphs.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it (pip install {name.replace('_', '-')}) "
            f"or set EVENTLENS_MODEL / --model to an installed English pipeline"
        ) from exc
    if nlp.lang != "en":
        raise ConfigError(f"spaCy model {name!r} is for language {nlp.lang!r}; eventlens codes English")
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before=before)
        else:
            nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
    logger.info("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp
