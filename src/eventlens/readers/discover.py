"""From command-line paths (files, directories, glob patterns) to articles."""

from __future__ import annotations

import glob
import logging
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Limits
from ..errors import InputError
from ..model import WARNING_STAGE, Article, DocumentError
from .guard import error_for, guarded
from .html import read_html_bytes
from .jsonl import iter_jsonl
from .text import read_text_bytes
from .warc import is_warc, iter_warc

logger = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text"}
KNOWN_SUFFIXES = HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path | DocumentError]:
    """Expand directories (recursively, known suffixes) and globs into files, in a stable order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and (p.suffix.lower() in KNOWN_SUFFIXES or is_warc(p))
            )
        elif path.is_file():
            yield path
        elif path.exists():  # a FIFO, a socket, a device: reading it could block or never end
            yield DocumentError(str(given), "read", f"not a regular file ({_file_kind(path)}); not read", str(given))
        elif glob.has_magic(str(given)):
            matches = sorted(Path(p) for p in glob.glob(str(given), recursive=True) if Path(p).is_file())
            if not matches:
                yield DocumentError(str(given), "read", "the pattern matches no file", str(given))
            yield from matches
        else:
            yield DocumentError(str(given), "read", "no such file or directory", str(given))


def _file_kind(path: Path) -> str:
    mode = path.stat().st_mode
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):  # fmt: skip
        if test(mode):
            return kind
    return "not a file or directory"


def read_paths(paths: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Article | DocumentError]:
    """Every article in `paths`, or the error that kept a file (or a JSONL line) out.

    Each file is read under the per-document guard (`guard.py`): nothing raised while reading
    one document stops the others.
    """
    limits = limits or Limits()
    for item in iter_inputs(paths):
        if isinstance(item, DocumentError):
            yield item
            continue
        yield from guarded(read_file(item, limits), str(item), str(item))


def read_file(path: Path, limits: Limits) -> Iterator[Article | DocumentError]:
    """The articles of one file (a JSONL or a WARC file holds many), each error recorded."""
    name = str(path)
    suffix = path.suffix.lower()
    if is_warc(path):  # a crawl: streamed record by record, no whole-file size limit
        yield from iter_warc(path, limits)
        return
    if suffix in JSONL_SUFFIXES:  # streamed line by line: each line is bounded, not the file
        try:
            with path.open("rb") as stream:
                yield from iter_jsonl(stream, limits, path=name)
        except OSError as exc:
            yield error_for(exc, name, name)
        return
    warnings: list[str] = []
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputError(f"file is too large: {size:,} bytes (limit {limits.max_bytes:,})")
        data = path.read_bytes()
        if suffix in HTML_SUFFIXES:
            article = read_html_bytes(data, limits, path=name, warnings=warnings)
        else:
            article = read_text_bytes(data, limits, path=name, warnings=warnings)
    except Exception as exc:  # the per-document guard: this file fails, the run goes on
        yield error_for(exc, name, name)
        return
    yield article
    for note in warnings:
        yield DocumentError(article_id=article.id, stage=WARNING_STAGE, reason=note, path=name)


def article_from_string(text: str, limits: Limits | None = None, article_id: str | None = None) -> Article:
    """An article from a string given in Python (notebooks, the API)."""
    from .decode import check_text
    from .text import article_from_text

    check_text(text, limits or Limits(), max_chars=True)
    return article_from_text(text, article_id=article_id)
