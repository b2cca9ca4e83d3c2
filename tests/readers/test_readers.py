"""Readers: formats in, and a clear recorded error for every bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventlens.config import Limits
from eventlens.model import Article, DocumentError
from eventlens.readers import read_paths
from eventlens.readers.text import parse_date_line


def _read(paths: list[Path], limits: Limits | None = None) -> tuple[list[Article], list[DocumentError]]:
    items = list(read_paths(paths, limits))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, DocumentError)]


def test_seed_text_metadata(seed_path: Path) -> None:
    (article,), errors = _read([seed_path])
    assert errors == []
    assert article.title == "Turkish and Syrian regime intelligence chiefs hold first meeting in years"
    assert article.published == date(2020, 1, 14)
    assert article.id.startswith("sha1:")
    assert _read([seed_path])[0][0].id == article.id  # stable content id


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14 January, 2020", date(2020, 1, 14)),
        ("January 14, 2020", date(2020, 1, 14)),
        ("Jan. 14, 2020", date(2020, 1, 14)),
        ("2020-01-14", date(2020, 1, 14)),
        ("Published: 3 March 2021 | 10:15 GMT", date(2021, 3, 3)),
        ("2 min read", None),
        ("The heads of Turkish intelligence met on 14 January, 2020", None),
    ],
)
def test_date_line(line: str, expected: date | None) -> None:
    assert parse_date_line(line) == expected


def test_jsonl_keeps_ids_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    records = [
        {"id": "a1", "text": "Turkey and Russia signed an agreement.", "title": "Deal", "date": "2019-10-22",
         "url": "https://example.org/a1", "source": "Example Daily"},
        {"text": "France issued an arrest warrant for a Syrian official."},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (first, second), errors = _read([path])
    assert errors == []
    assert (first.id, first.title, first.published, first.url, first.outlet) == (
        "a1", "Deal", date(2019, 10, 22), "https://example.org/a1", "Example Daily",
    )  # fmt: skip
    assert second.id == Article.content_id(records[1]["text"])


def test_html_main_text_without_navigation(examples_dir: Path) -> None:
    (article,), errors = _read([examples_dir / "kenya-somalia-talks.html"])
    assert errors == []
    assert article.title == "Kenya and Somalia agree to restore diplomatic relations"
    assert "restore diplomatic relations" in article.text
    assert "Home" not in article.text.split()
    assert article.fmt == "html"


def test_directory_and_glob(examples_dir: Path) -> None:
    from_dir, _ = _read([examples_dir])
    from_glob, _ = _read([examples_dir / "*.txt"])
    assert len(from_glob) == len(list(examples_dir.glob("*.txt")))
    assert {a.id for a in from_glob} <= {a.id for a in from_dir}
    assert not any(a.path and a.path.endswith("README.md") for a in from_dir)


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input with a fragment of the error it must give."""
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp / "blank.txt"
    blank.write_bytes(b"   \n\n  \t\n")
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    huge = tmp / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (sparse)
    html = tmp / "broken.html"
    html.write_bytes(b"<html><head><title>x</title></head><body><div><p><<<</div>>>\x01</body")
    jsonl = tmp / "lines.jsonl"
    jsonl.write_text('{"id": "ok-1", "text": "Turkey and Russia signed an agreement in Sochi."}\n{not json\n', "utf-8")
    return {
        "empty": (empty, "empty"),
        "blank": (blank, "empty"),
        "binary": (binary, "binary"),
        "huge": (huge, "too large"),
        "html": (html, "no article text"),
        "jsonl": (jsonl, "not JSON"),
    }


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "huge", "html", "jsonl"])
def test_bad_input_gives_clear_error(tmp_path: Path, case: str) -> None:
    path, fragment = _bad_inputs(tmp_path)[case]
    articles, errors = _read([path])
    assert len(errors) == 1, errors
    assert fragment in errors[0].reason
    assert errors[0].stage == "read"
    if case == "jsonl":  # the good line of the same file is still read
        assert [a.id for a in articles] == ["ok-1"]
        assert errors[0].article_id.endswith(":2")
    else:
        assert articles == []


def test_missing_path_and_empty_glob(tmp_path: Path) -> None:
    _, errors = _read([tmp_path / "nope.txt", tmp_path / "*.nothing"])
    assert [e.reason for e in errors] == ["no such file or directory", "the pattern matches no file"]


# -- the per-document guard (issue 12) --------------------------------------------------------------
GOOD_LINE = '{"id": "ok-%d", "text": "Turkey and Russia signed an agreement in Sochi on Tuesday."}\n'


def test_deeply_nested_jsonl_line_is_an_error_for_that_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(GOOD_LINE % 1 + "[" * 100_000 + "]" * 100_000 + "\n" + GOOD_LINE % 3, "utf-8")
    later = tmp_path / "later.txt"
    later.write_text("Kenya and Somalia agreed to restore diplomatic relations.", "utf-8")
    articles, errors = _read([path, later])
    assert [a.id for a in articles[:2]] == ["ok-1", "ok-3"] and articles[2].path == str(later)
    (error,) = errors
    assert error.article_id == f"{path}:2" and "nested too deeply" in error.reason


def test_deeply_nested_object_is_an_error_too(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001 + "\n" + GOOD_LINE % 2, "utf-8")
    articles, errors = _read([path])
    assert [a.id for a in articles] == ["ok-2"]
    assert len(errors) == 1 and errors[0].article_id.endswith(":1")


def test_deeply_nested_html_page_does_not_stop_the_run(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "Text" + "</div>" * 100_000 + "</body></html>", "utf-8")
    later = tmp_path / "later.txt"
    later.write_text("Kenya and Somalia agreed to restore diplomatic relations.", "utf-8")
    items = list(read_paths([page, later]))
    assert isinstance(items[-1], Article) and items[-1].path == str(later)
    assert all(isinstance(i, DocumentError) for i in items[:-1])  # the deep page: an error (or several), no raise


def test_a_library_error_inside_a_reader_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any exception a parsing library raises on one page becomes that page's error."""
    import trafilatura

    def broken(*_args: object, **_kwargs: object) -> str:
        raise AttributeError("'NoneType' object has no attribute 'startswith'")

    monkeypatch.setattr(trafilatura, "extract", broken)
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Kenya and Somalia agreed to talk.</p></body></html>", "utf-8")
    text = tmp_path / "note.txt"
    text.write_text("Kenya and Somalia agreed to restore diplomatic relations.", "utf-8")
    articles, errors = _read([page, text])
    assert [a.path for a in articles] == [str(text)]
    assert len(errors) == 1 and "AttributeError" in errors[0].reason and errors[0].article_id == str(page)


def test_empty_jsonl_is_an_error(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"
    empty.write_bytes(b"")
    blank.write_bytes(b"\n  \n\n")
    articles, errors = _read([empty, blank])
    assert articles == []
    assert [e.article_id for e in errors] == [str(empty), str(blank)]
    assert all("no record" in e.reason and e.stage == "read" for e in errors)


def test_a_fifo_is_reported_as_such(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, errors = _read([fifo])
    assert len(errors) == 1 and "FIFO" in errors[0].reason and "no such file" not in errors[0].reason


def test_one_bad_byte_is_replaced_with_a_warning(tmp_path: Path) -> None:
    text = "Kenya and Somalia agreed on Tuesday to restore diplomatic relations, the ministers said. " * 5
    path = tmp_path / "one-byte.txt"
    path.write_bytes(text.encode() + b"\xff" + b" The talks were held in Nairobi.")
    (article,), (warning,) = _read([path])
    assert "\ufffd The talks were held in Nairobi." in article.text
    assert warning.is_warning and warning.article_id == article.id
    assert "1 byte(s) not valid UTF-8" in warning.reason


def test_a_latin1_text_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre a d\xe9clar\xe9 que la r\xe9union a eu lieu.".encode("latin-1"))
    (article,), (warning,) = _read([path])
    assert "déclaré" in article.text and warning.is_warning and "Windows-1252" in warning.reason


def test_one_bad_byte_in_a_jsonl_line_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    line = (GOOD_LINE % 1).encode().replace(b"Sochi", b"Soch\xffi")
    path.write_bytes(line + (GOOD_LINE % 2).encode())
    articles, errors = _read([path])
    assert [a.id for a in articles] == ["ok-1", "ok-2"] and "Soch\ufffdi" in articles[0].text
    assert [(e.article_id, e.is_warning) for e in errors] == [("ok-1", True)]


@pytest.mark.parametrize("megabytes", [0.7, 1.3, 2.0, 2.1])
def test_heavy_html_pages_are_read(tmp_path: Path, megabytes: float, news_page) -> None:
    path = tmp_path / "heavy.html"
    path.write_bytes(news_page(int(megabytes * 1_000_000)))
    (article,), errors = _read([path])
    assert errors == [] and "restore diplomatic relations" in article.text
    assert len(path.read_bytes()) > Limits().max_chars  # over the character limit as raw HTML: not what counts


def test_the_byte_limit_still_holds_for_html(tmp_path: Path, news_page) -> None:
    path = tmp_path / "heavy.html"
    path.write_bytes(news_page(Limits().max_bytes + 10))
    _, (error,) = _read([path])
    assert "too large" in error.reason
