"""JSONL: one article a line (`id`, `text`, optional `title`, `date`, `url`, `source`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import IO

from ..config import Limits
from ..errors import InputError
from ..model import Article, DocumentError
from .decode import check_text


def iter_jsonl(stream: IO[bytes], limits: Limits, *, path: str) -> Iterator[Article | DocumentError]:
    """Articles from a JSONL stream; a bad line gives an error for that line only."""
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield article_from_record(_parse_line(raw, limits, where), limits, where=where, path=path)
        except InputError as exc:
            yield DocumentError(article_id=where, stage="read", reason=str(exc), path=path)


def _parse_line(raw: bytes, limits: Limits, where: str) -> dict:
    if len(raw) > limits.max_jsonl_line_bytes:
        raise InputError(f"{where}: line too large ({len(raw):,} bytes, limit {limits.max_jsonl_line_bytes:,})")
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 ({exc.reason})") from exc
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
