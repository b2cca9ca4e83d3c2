"""The clean stage keeps the news and drops the page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.errors import ConfigError, InputError
from eventlens.model import Article, Document
from eventlens.readers.text import article_from_text
from eventlens.stages.clean import BoilerplateRules, Cleaner


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


def test_user_rules_add_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("drop_lines:\n  - 'listen to this story'\n", "utf-8")
    rules = BoilerplateRules.load((extra,))
    assert rules.is_furniture("Listen to this story") and rules.is_furniture("2 min read")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("drop_lines: [unclosed", "cannot read boilerplate rules"),
        ("- just\n- a list\n", "expected a mapping"),
        ("drop_lines:\n  - '(unbalanced'\n", "bad pattern"),
    ],
)
def test_bad_user_rules_are_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, "utf-8")
    with pytest.raises(ConfigError, match=message):
        BoilerplateRules.load((extra,))


def test_the_character_limit_applies_after_cleaning() -> None:
    """`Limits.max_chars` counts the cleaned text: furniture that is removed does not count."""
    body = "Kenya and Somalia agreed to restore diplomatic relations on Tuesday, officials said.\n"
    furniture = "Advertisement\n" * 40  # removed by the boilerplate rules
    text = "Kenya and Somalia restore ties\n" + body * 2 + furniture
    cleaner = Cleaner(max_chars=len(text) - len(furniture) + 10)
    doc = cleaner(Document(article=article_from_text(text)))
    assert "Advertisement" not in doc.text
    with pytest.raises(InputError, match=r"too long: .* characters after cleaning"):
        Cleaner(max_chars=100)(Document(article=article_from_text(text)))
