"""HTML pages: the main text and metadata through trafilatura."""

from __future__ import annotations

import json
import logging
from datetime import date

import trafilatura

from ..config import Limits
from ..errors import InputError
from ..model import Article
from .decode import check_text, decode_document

logger = logging.getLogger(__name__)

MIN_WORDS = 3  # fewer words than this is not an article


def read_html_bytes(
    data: bytes, limits: Limits, *, path: str | None = None, warnings: list[str] | None = None
) -> Article:
    """The article of an HTML page. The page is bounded in bytes (`Limits.max_bytes`), its
    extracted text in characters (`Limits.max_chars`), so that a heavy page of a short article reads."""
    html = decode_document(data, limits, what="HTML page", warnings=warnings)
    if "<" not in html:
        raise InputError("HTML page has no markup; expected an HTML page")
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, include_tables=False
    )
    if not extracted:
        raise InputError("HTML page: no article text found in the page")
    meta = json.loads(extracted)
    body = meta.get("text") or ""
    if sum(1 for word in body.split() if any(ch.isalpha() for ch in word)) < MIN_WORDS:
        raise InputError("HTML page: no article text found in the page")
    check_text(body, limits, what="HTML page", max_chars=True)
    title = (meta.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Article(
        id=Article.content_id(text),
        text=text,
        title=title,
        published=_iso_date(meta.get("date")),
        url=meta.get("source") or meta.get("url") or None,
        outlet=meta.get("sitename") or meta.get("hostname") or None,
        path=path,
        fmt="html",
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
