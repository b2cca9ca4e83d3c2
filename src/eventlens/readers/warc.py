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
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..config import Limits
from ..errors import InputError
from ..model import Article, DocumentError
from .html import read_html_bytes

logger = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: Path, limits: Limits) -> Iterator[Article | DocumentError]:
    """Articles from the HTML responses of a WARC file; an error per unreadable page."""
    name = str(path)
    try:
        with path.open("rb") as stream:
            if not _starts_like_warc(stream):
                yield DocumentError(name, "read", f"{name}: not a WARC file (no WARC/1.x header)", name)
                return
            for record in ArchiveIterator(stream):
                if not _is_html_response(record):
                    continue
                yield _page(record, name, limits)
    except ArchiveLoadFailed as exc:
        yield DocumentError(name, "read", f"{name}: damaged or not a WARC file ({exc})", name)
    except OSError as exc:
        yield DocumentError(name, "read", f"cannot read {name}: {exc}", name)


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
            raise InputError(f"{where}: truncated WARC record (the archive is damaged)")
        content_type = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
        article = read_html_bytes(as_utf8(data, content_type), limits, path=where)
    except InputError as exc:
        return DocumentError(where, "read", str(exc), name)
    except (OSError, ValueError, EOFError) as exc:  # a truncated or badly encoded payload
        return DocumentError(where, "read", f"{where}: unreadable payload ({type(exc).__name__}: {exc})", name)
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
