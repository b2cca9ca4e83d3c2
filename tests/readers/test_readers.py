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
    latin1 = tmp / "latin1.txt"
    latin1.write_bytes("Le ministre a d\xe9clar\xe9 que la r\xe9union a eu lieu.".encode("latin-1"))
    html = tmp / "broken.html"
    html.write_bytes(b"<html><head><title>x</title></head><body><div><p><<<</div>>>\x01</body")
    jsonl = tmp / "lines.jsonl"
    jsonl.write_text('{"id": "ok-1", "text": "Turkey and Russia signed an agreement in Sochi."}\n{not json\n', "utf-8")
    return {
        "empty": (empty, "empty"),
        "blank": (blank, "empty"),
        "binary": (binary, "binary"),
        "huge": (huge, "too large"),
        "latin1": (latin1, "not valid UTF-8"),
        "html": (html, "no article text"),
        "jsonl": (jsonl, "not JSON"),
    }


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "huge", "latin1", "html", "jsonl"])
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
