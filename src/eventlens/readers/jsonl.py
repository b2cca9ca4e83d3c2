"""JSONL: one article a line (`id`, `text`, optional `title`, `date`, `url`, `source`).

Each line is read under the per-document guard: a line that cannot be read (not JSON, nested
too deeply, not UTF-8 beyond repair...) gives an error for that line, and the next line is read.
A file with no record at all gives an error for the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import IO

from ..config import Limits
from ..errors import InputError
from ..model import WARNING_STAGE, Article, DocumentError
from .decode import check_text, decode_utf8
from .guard import error_for


def iter_jsonl(stream: IO[bytes], limits: Limits, *, path: str) -> Iterator[Article | DocumentError]:
    """Articles from a JSONL stream; a bad line gives an error for that line only."""
    records = 0
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        records += 1
        where = f"{path}:{lineno}"
        warnings: list[str] = []
        try:
            article = article_from_record(_parse_line(raw, limits, where, warnings), limits, where=where, path=path)
        except Exception as exc:  # the per-document guard: this line fails, the next is read
            yield error_for(exc, where, path, where=where)
            continue
        yield article
        for note in warnings:
            yield DocumentError(article_id=article.id, stage=WARNING_STAGE, reason=note, path=path)
    if records == 0:
        yield DocumentError(
            article_id=path, stage="read", reason="the JSONL file holds no record (it is empty)", path=path
        )


def _parse_line(raw: bytes, limits: Limits, where: str, warnings: list[str]) -> dict:
    if len(raw) > limits.max_jsonl_line_bytes:
        raise InputError(f"{where}: line too large ({len(raw):,} bytes, limit {limits.max_jsonl_line_bytes:,})")
    try:
        record = json.loads(decode_utf8(raw, where, warnings))
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    return record


def article_from_record(record: dict, limits: Limits, *, where: str, path: str | None = None) -> Article:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no 'text' string")
    check_text(text, limits, what=where)
    given_id = record.get("id")
    title = record.get("title")
    return Article(
        id=str(given_id) if given_id not in (None, "") else Article.content_id(text),
        text=text,
        title=str(title) if title else None,
        published=_record_date(record.get("date") or record.get("published")),
        url=str(record["url"]) if record.get("url") else None,
        outlet=str(record["source"]) if record.get("source") else None,
        path=path,
        fmt="jsonl",
    )


def _record_date(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
