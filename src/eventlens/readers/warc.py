"""WARC files (web crawls, `.warc` / `.warc.gz`): each HTML page a crawler fetched becomes an article.

Only `response` records with an HTTP 200 status and an HTML content type are
articles; the rest of a crawl (requests, metadata, images, scripts, redirects)
is passed over without an error. A page goes through the HTML reader (the same
boilerplate rules as any HTML file); its URL is the record's target URI. The
archive is streamed record by record, so its size does not matter; a single
payload is bounded by `Limits.max_bytes`. A page that cannot be read gives an
error for that page (`FILE#URL`); a damaged archive gives an error (a truncated record, or
an unreadable file) and the pages read before the damage are kept.
"""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..config import Limits
from ..errors import InputError
from ..model import Article, DocumentError
from .guard import error_for
from .html import read_html_bytes

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
BUFFER = 64 * 1024
REQUIRED_HEADERS = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: Path, limits: Limits) -> Iterator[Article | DocumentError]:
    """Articles from the HTML responses of a WARC file; an error per unreadable page.

    A damaged or truncated archive keeps the pages before the damage and gives one error for
    the file saying where it stops, whether the cut is inside a record's payload, inside its
    header, or anything the WARC library chokes on.
    """
    name = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield error_for(exc, name, name)
        return
    with stream:
        if not _starts_like_warc(stream):
            yield DocumentError(name, "read", f"{name}: not a WARC file (no WARC/1.x header)", name)
            return
        records = ArchiveIterator(stream)
        try:
            for record in records:
                missing = _missing_headers(record)
                if missing:
                    yield _damaged(name, f"{TRUNCATED}: a record after byte {records.offset:,} has no {missing} header")
                    return
                page = _page(record, name, limits) if _is_html_response(record) else None
                if page is not None:
                    yield page
                if _cut_inside(record):
                    if not (isinstance(page, DocumentError) and TRUNCATED in page.reason):
                        url = record.rec_headers.get_header("WARC-Target-URI") or "?"
                        yield _damaged(name, f"{TRUNCATED}: the record of {url} is cut short")
                    return
        except Exception as exc:  # warcio raises many kinds on a damaged file; the cut is recorded
            yield _damaged(name, f"unreadable after byte {records.offset:,} ({type(exc).__name__}: {exc})")
            return
        tail = _unread_tail(stream, records.offset)
        if tail:
            yield _damaged(name, f"{TRUNCATED}: {tail:,} bytes after byte {records.offset:,} hold no complete record")


TRUNCATED = "truncated WARC record"


def _damaged(name: str, what: str) -> DocumentError:
    return DocumentError(name, "read", f"{name}: damaged archive, the pages before the damage are kept: {what}", name)


def _missing_headers(record: object) -> str:
    """The first mandatory WARC header a record lacks ('' if none): a record cut inside its header."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    if not str(getattr(headers, "protocol", "")).startswith(("WARC/", "ARC/")):
        return ""  # an old ARC record: other rules
    for key in REQUIRED_HEADERS:
        if not headers.get_header(key):
            return key
    return ""


def _cut_inside(record: object) -> bool:
    """Whether the record's payload ends before its Content-Length (the rest is drained here)."""
    raw = record.raw_stream  # type: ignore[attr-defined]
    while raw.read(BUFFER):
        pass
    return bool(getattr(raw, "limit", 0))


def _unread_tail(stream: BinaryIO, offset: int) -> int:
    """How many bytes after the last complete record are not blank (a record cut in its header)."""
    size = os.fstat(stream.fileno()).st_size
    if offset >= size:
        return 0
    stream.seek(offset)
    tail = stream.read(size - offset)
    return len(tail) if tail.strip(b"\r\n\t ") else 0


def _starts_like_warc(stream: BinaryIO) -> bool:
    """The file begins with a WARC record header, plain or gzip-compressed; the stream is rewound."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(5)
        except (OSError, EOFError):
            head = b""
        stream.seek(0)
    else:
        head = stream.read(5)
        stream.seek(0)
    return head == b"WARC/"


def _is_html_response(record: object) -> bool:
    if getattr(record, "rec_type", None) != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return False
    if record.http_headers.get_statuscode() != "200":  # type: ignore[attr-defined]
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()  # type: ignore[attr-defined]
    return content_type.split(";")[0].strip() in HTML_TYPES


def _page(record: object, name: str, limits: Limits) -> Article | DocumentError:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    where = f"{name}#{url}"
    try:
        data = record.content_stream().read(limits.max_bytes + 1)  # type: ignore[attr-defined]
        if len(data) > limits.max_bytes:
            raise InputError(f"{where}: page too large (over {limits.max_bytes:,} bytes)")
        if getattr(record.raw_stream, "limit", 0):  # type: ignore[attr-defined]
            raise InputError(f"{where}: {TRUNCATED} (the archive is damaged)")
        content_type = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
        article = read_html_bytes(as_utf8(data, content_type), limits, path=where)
    except Exception as exc:  # the per-document guard: this page fails, the crawl goes on
        return error_for(exc, where, name, where=where)
    return replace(article, url=url or article.url, fmt="warc")


def as_utf8(data: bytes, content_type: str) -> bytes:
    """Re-encode a page declared in another charset as UTF-8 (the HTML reader reads UTF-8)."""
    charset = ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if not charset or charset in ("utf-8", "utf8"):
        return data
    try:
        return data.decode(charset, errors="replace").encode("utf-8")
    except LookupError:
        return data
