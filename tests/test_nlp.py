"""The spaCy model wrapper: sentences respect paragraphs, and a paragraph never opens with a
one-word sentence that the parser cut off the rest of its first sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

import eventlens
from eventlens.nlp import load_model, mark_paragraph_starts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(eventlens.Settings().model)


CASES = [
    # text, index of the paragraph's first word
    ("Army frees hostages\n\nSecurity sources said Tuesday that soldiers freed them.", 4),
    ("Floods hit the south\n\nGovernment officials said twelve people died.", 5),
    ("A caption\nPolice officers stand guard.", 3),
    ("Tariffs stay\n\nU.S. officials said the tariffs stay.", 3),
    ("Talks resume\n\n12 ministers met in Geneva.", 3),
]


@pytest.mark.parametrize(("text", "first"), CASES)
def test_a_paragraph_starts_a_sentence_and_its_second_word_does_not(nlp, text, first) -> None:
    doc = mark_paragraph_starts(nlp.make_doc(text))
    assert doc[first].is_sent_start is True
    assert doc[first + 1].is_sent_start is False


def test_a_one_word_line_before_punctuation_is_left_to_the_parser(nlp) -> None:
    doc = mark_paragraph_starts(nlp.make_doc("Headline\n\nWASHINGTON - Officials met on Monday."))
    assert doc[2].text == "WASHINGTON" and doc[2].is_sent_start is True
    assert doc[3].is_sent_start is None  # "-": not a word, the parser decides


def test_a_real_lead_after_a_headline_stays_one_sentence(nlp, shared_dir: Path) -> None:
    """A VOA story whose lead the parser used to cut after its first word ("Security | sources said ...")."""
    stories = shared_dir / "corpus" / "voa" / "voa-stories.jsonl"
    story = next(s for line in stories.open() if (s := json.loads(line))["id"] == "8007760")
    doc = nlp(story["title"] + "\n\n" + story["text"][:400])
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[1].startswith("Security sources said Wednesday")


def test_a_real_lead_opening_with_an_abbreviation_stays_one_sentence(nlp, shared_dir: Path) -> None:
    """A VOA story whose lead the parser cut after "U.S."."""
    stories = shared_dir / "corpus" / "voa" / "voa-stories.jsonl"
    story = next(s for line in stories.open() if (s := json.loads(line))["id"] == "8004380")
    doc = nlp(story["title"] + "\n\n" + story["text"][:400])
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[1].startswith("U.S. President Donald Trump is keeping")


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("Fernando Azevedo e Silva said on Monday that the army would stay neutral.", ["Fernando"]),
        ("Talks failed. The envoy said rebels had left. They returned later.", ["Talks", "The", "They"]),
    ],
)
def test_a_sentence_never_begins_right_after_a_lower_case_word(nlp, text: str, first_words: list[str]) -> None:
    """The parser cut "Fernando Azevedo e | Silva said ..." after the particle "e"; real sentence ends stay."""
    assert [s[0].text for s in nlp(text).sents] == first_words
