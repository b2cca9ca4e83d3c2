"""The clean stage keeps the news and drops the page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.model import Article, Document
from eventlens.readers.text import article_from_text
from eventlens.stages.clean import Cleaner


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def seed_clean(cleaner: Cleaner, seed_path: Path) -> Document:
    return cleaner(Document(article_from_text(seed_path.read_text("utf-8"))))


@pytest.mark.parametrize(
    "furniture",
    ["2 min read", "Read also", "Agencies contributed", "14 January, 2020", "[Twitter]", "White Helmets"],
)
def test_seed_furniture_removed(seed_clean: Document, furniture: str) -> None:
    assert furniture not in seed_clean.text


def test_seed_roles(seed_clean: Document) -> None:
    kinds = [(p.kind, seed_clean.text[p.start : p.end][:30]) for p in seed_clean.paragraphs]
    assert kinds[0] == ("headline", "Turkish and Syrian regime inte")
    assert kinds[1][0] == "standfirst"
    assert kinds[2] == ("caption", "Ali Mamluk (pictured) met with")
    assert all(kind == "body" for kind, _ in kinds[3:])
    assert seed_clean.text.count("hold first meeting in years") == 1  # the repeated headline is dropped


def test_paragraph_offsets_slice_the_text(seed_clean: Document) -> None:
    for para in seed_clean.paragraphs:
        chunk = seed_clean.text[para.start : para.end]
        assert chunk == chunk.strip() and chunk


def test_given_title_becomes_headline(cleaner: Cleaner) -> None:
    article = Article(id="x", text="Turkey and Russia signed a deal.", title="Deal signed", fmt="jsonl")
    doc = cleaner(Document(article))
    assert [(p.kind, doc.text[p.start : p.end]) for p in doc.paragraphs] == [
        ("headline", "Deal signed"),
        ("body", "Turkey and Russia signed a deal."),
    ]


def test_single_sentence_is_body_not_headline(cleaner: Cleaner) -> None:
    doc = cleaner(Document(Article(id="x", text="Turkey and Russia signed a deal.", fmt="jsonl")))
    assert [p.kind for p in doc.paragraphs] == ["body"]
