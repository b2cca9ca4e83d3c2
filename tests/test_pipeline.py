"""The pipeline: stage contracts, per-document errors, batches."""

from __future__ import annotations

import pytest

from eventlens.errors import ConfigError, InputError
from eventlens.model import Article, Document
from eventlens.pipeline import Pipeline


class Upper:
    name = "upper"
    requires = ("article",)
    provides = ("text",)

    def __call__(self, doc: Document) -> Document:
        if "fail" in doc.article.text:
            raise InputError("refused on purpose")
        if "bug" in doc.article.text:
            raise KeyError("missing")
        doc.text = doc.article.text.upper()
        return doc


class NeedsDoc:
    name = "needs-doc"
    requires = ("doc",)
    provides = ("events",)

    def __call__(self, doc: Document) -> Document:
        return doc


def _docs(*texts: str) -> list[Document]:
    return [Document(Article(id=f"d{i}", text=t)) for i, t in enumerate(texts)]


def test_chain_is_checked() -> None:
    with pytest.raises(ConfigError, match="needs-doc"):
        Pipeline([NeedsDoc()])


@pytest.mark.parametrize("batch_size", [1, 2, 10])
def test_failing_documents_are_marked_and_the_rest_go_on(batch_size: int) -> None:
    out = list(Pipeline([Upper()], batch_size=batch_size).pipe(_docs("one", "fail", "bug", "two")))
    assert [d.text for d in out] == ["ONE", "", "", "TWO"]
    assert out[1].error is not None and out[1].error.reason == "refused on purpose"
    assert out[2].error is not None and out[2].error.reason.startswith("internal error: KeyError")
    assert out[0].error is None and out[3].error is None


class Fresh:
    """Returns a new document instead of filling in the one it is given."""

    name = "fresh"
    requires = ("text",)
    provides = ("text",)

    def __call__(self, doc: Document) -> Document:
        if "none" in doc.text.lower():
            return None  # type: ignore[return-value]  # the bug this test is about
        return Document(doc.article, text=doc.text + "!")


def test_the_document_a_stage_returns_goes_on() -> None:
    pipeline = Pipeline([Upper(), Fresh()], batch_size=2)
    out = list(pipeline.pipe(_docs("one", "none", "two")))
    assert [d.text for d in out] == ["ONE!", "NONE", "TWO!"]
    assert out[1].error is not None and out[1].error.reason == "internal error: no document returned"
    assert pipeline.internal_errors == {"fresh": 1}


def test_a_bug_is_counted_and_logged_loudly(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = Pipeline([Upper()])
    with caplog.at_level("ERROR", logger="eventlens.pipeline"):
        out = list(pipeline.pipe(_docs("bug", "fail", "bug again")))
    assert [d.error is not None for d in out] == [True, True, True]
    assert pipeline.internal_errors == {"upper": 2}  # the refused input is not a bug
    bugs = [r for r in caplog.records if r.levelname == "ERROR"]
    assert len(bugs) == 2 and all(r.exc_info for r in bugs) and "a bug" in bugs[0].getMessage()


def test_non_english_and_junk_documents_fail_cleanly(lens) -> None:
    texts = [
        "Правительство России заявило в понедельник, что переговоры будут продолжены в Москве.",
        "Turkey and Russia signed an agreement in Sochi on Tuesday, officials said.",
        "zzq xxv " * 40,
    ]
    out = list(lens.process(Article(id=f"d{i}", text=t, fmt="jsonl") for i, t in enumerate(texts)))
    assert out[0].error is not None and "not in English" in out[0].error.reason
    assert out[1].error is None and out[1].sentences
    assert out[2].error is not None and "English" in out[2].error.reason


def test_sentences_never_cross_paragraphs(lens) -> None:
    text = "Turkey cuts ties with Damascus\n\nTurkey suspended contacts with Syria on Wednesday."
    (doc,) = lens.process([Article(id="x", text=text, fmt="text")])
    assert [(s.kind, s.text) for s in doc.sentences] == [
        ("headline", "Turkey cuts ties with Damascus"),
        ("body", "Turkey suspended contacts with Syria on Wednesday."),
    ]


class Slow:
    name = "slow"
    requires = ("article",)
    provides = ("text",)

    def __call__(self, doc: Document) -> Document:
        if "slow" in doc.article.text:
            doc.seconds += 5.0  # as if the stage had spent 5 s on it
        return doc


def test_time_limit_stops_a_document_between_stages() -> None:
    out = list(Pipeline([Slow(), Upper()], max_seconds=1.0).pipe(_docs("slow one", "quick one")))
    assert out[0].error is not None and "over the limit of 1 s" in out[0].error.reason
    assert out[0].text == ""  # the later stage never ran on it
    assert out[1].error is None and out[1].text == "QUICK ONE"
