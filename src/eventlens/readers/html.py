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


def read_html_bytes(data: bytes, limits: Limits, *, path: str | None = None) -> Article:
    html = decode_document(data, limits, what=path or "HTML document")
    if "<" not in html:
        raise InputError(f"{path or 'HTML document'} has no markup; expected an HTML page")
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False, include_tables=False
    )
    if not extracted:
        raise InputError(f"{path or 'HTML document'}: no article text found in the page")
    meta = json.loads(extracted)
    body = meta.get("text") or ""
    check_text(body, limits, what=path or "HTML document")
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
