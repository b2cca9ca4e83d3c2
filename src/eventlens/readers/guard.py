"""The per-document guard of every reader: whatever goes wrong reading one document becomes a
recorded `DocumentError` for that document, and the run goes on.

`InputError` carries its own message. Anything else (a `RecursionError` from deeply nested
JSON, an `AttributeError` from a parsing library on a damaged file, a codec error) is a bug or
an input we did not foresee; it is named in the error, logged, and never escapes a reader.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from ..errors import InputError
from ..model import Article, DocumentError

logger = logging.getLogger(__name__)

MAX_REASON = 300  # characters of a library's message kept in a recorded reason


def error_for(exc: Exception, article_id: str, path: str | None, where: str | None = None) -> DocumentError:
    """The recorded error of a document that raised `exc` while being read."""
    return DocumentError(article_id=article_id, stage="read", reason=reason_for(exc, where), path=path)


def reason_for(exc: Exception, where: str | None = None) -> str:
    prefix = f"{where}: " if where else ""
    if isinstance(exc, InputError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return f"{prefix}nested too deeply to read (RecursionError)"
    if isinstance(exc, OSError):
        return f"{prefix}cannot read the file: {exc.strerror or exc}"
    logger.warning("reading %s failed: %r", where or "a document", exc)
    message = str(exc)
    if len(message) > MAX_REASON:
        message = message[:MAX_REASON] + "…"
    return f"{prefix}unreadable ({type(exc).__name__}: {message})"


def guarded(
    items: Iterator[Article | DocumentError], article_id: str, path: str | None
) -> Iterator[Article | DocumentError]:
    """`items`, until one cannot be produced: then an error for the rest, and the end.

    For a reader that produces several documents from one file (JSONL, WARC): what it gave
    before the failure is kept; the failure is recorded against `article_id`.
    """
    try:
        yield from items
    except Exception as exc:  # the per-document guard: recorded, the run goes on
        yield error_for(exc, article_id, path, where=article_id)
