"""Plain-text articles in the shape outlets publish them.

The first non-empty line is the headline. A date line near the top (\"14 January,
2020\", \"January 14, 2020\", \"2020-01-14\") gives the publication date. The rest
(standfirst, caption, body, boilerplate) is left for the clean stage.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..config import Limits
from ..model import Article
from .decode import decode_document

_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d", "%d.%m.%Y")
_DATE_LINE = re.compile(
    r"^\s*(?:(?:Published|Updated|Posted)(?: on)?:?\s*)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:\s*[|,-]?\s*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$"
)
HEADER_LINES = 12  # how far down the date line may stand


def parse_date_line(line: str) -> date | None:
    """The publication date if `line` is nothing but a date (with an optional time)."""
    match = _DATE_LINE.match(line)
    if not match:
        return None
    raw = re.sub(r"[,.]", " ", match.group(1)) if "-" not in match.group(1) else match.group(1)
    raw = " ".join(raw.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt.replace(".", " ") if "." in fmt else fmt).date()
        except ValueError:
            continue
    return None


def find_publication_date(lines: list[str]) -> date | None:
    for line in lines[:HEADER_LINES]:
        found = parse_date_line(line)
        if found:
            return found
    return None


def article_from_text(text: str, *, article_id: str | None = None, path: str | None = None) -> Article:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    title = lines[0] if lines else None
    return Article(
        id=article_id or Article.content_id(text),
        text=text,
        title=title,
        published=find_publication_date(lines),
        path=path,
        fmt="text",
    )


def read_text_bytes(
    data: bytes, limits: Limits, *, path: str | None = None, warnings: list[str] | None = None
) -> Article:
    text = decode_document(data, limits, what="document", warnings=warnings)
    return article_from_text(text, path=path)
