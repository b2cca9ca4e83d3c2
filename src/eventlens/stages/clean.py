"""Clean stage: article text -> cleaned text in paragraphs with their editorial roles.

Drops page furniture (\"2 min read\", \"Read also: ...\", \"Agencies contributed to
this report.\", the repeated headline, the date line, photo credits) so that
nothing downstream codes events from it. Keeps the headline once, the
standfirst and photo captions, each marked as such, then the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, InputError
from ..knowledge.datafiles import read_yaml_mapping, shipped
from ..model import Document, Paragraph, SentenceKind
from ..readers.text import HEADER_LINES, parse_date_line

PARAGRAPH_SEP = "\n\n"
_READING_TIME = re.compile(r"\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\s+read", re.IGNORECASE)


@dataclass(frozen=True)
class BoilerplateRules:
    drop_lines: tuple[re.Pattern[str], ...]
    caption_credit: re.Pattern[str]
    caption_markers: tuple[str, ...]

    @classmethod
    def load(cls, extra: tuple[Path, ...] = ()) -> BoilerplateRules:
        """The shipped rules, then each user file in `extra` (patterns added, credit replaced)."""
        shipped_rules = shipped("boilerplate.yaml")
        drop: list[re.Pattern[str]] = []
        credit = None
        markers: list[str] = []
        for path in (shipped_rules, *extra):
            data = read_yaml_mapping(path, "boilerplate rules")
            drop += [_pattern(p, path) for p in data.get("drop_lines") or []]
            if data.get("caption_credit"):
                credit = _pattern(data["caption_credit"], path, anchored=False)
            markers += [str(m).lower() for m in data.get("caption_markers") or []]
        if credit is None:
            raise ConfigError("boilerplate rules have no caption_credit pattern")
        return cls(tuple(drop), credit, tuple(markers))

    def is_furniture(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.drop_lines)

    def is_caption(self, line: str) -> bool:
        low = line.lower()
        return bool(self.caption_credit.search(line)) or any(m in low for m in self.caption_markers)


class Cleaner:
    """`clean` stage: fills `Document.text` and `Document.paragraphs`."""

    name = "clean"
    requires: tuple[str, ...] = ("article",)
    provides: tuple[str, ...] = ("text", "paragraphs")

    def __init__(self, rules: BoilerplateRules | None = None, max_chars: int | None = None) -> None:
        self.rules = rules or BoilerplateRules.load()
        self.max_chars = max_chars  # `Limits.max_chars`: the cleaned text may be at most this long

    def __call__(self, doc: Document) -> Document:
        if doc.paragraphs:  # cleaned already (the ingest cleans each new article once, before the pipeline)
            return doc
        blocks = self.classify(doc.article.text, doc.article.title, infer_headline=doc.article.fmt == "text")
        if not blocks:
            raise InputError("no article text left after removing page furniture")
        parts: list[str] = []
        offset = 0
        for text, kind in blocks:
            if parts:
                offset += len(PARAGRAPH_SEP)
            doc.paragraphs.append(Paragraph(offset, offset + len(text), kind))
            parts.append(text)
            offset += len(text)
        doc.text = PARAGRAPH_SEP.join(parts)
        if self.max_chars is not None and len(doc.text) > self.max_chars:
            raise InputError(f"the article is too long: {len(doc.text):,} characters after cleaning "
                             f"(limit {self.max_chars:,})")  # fmt: skip
        return doc

    def classify(self, raw: str, title: str | None, *, infer_headline: bool = True) -> list[tuple[str, SentenceKind]]:
        """The kept lines, each with its role, in reading order.

        A given title that the text does not start with becomes the headline; else,
        when `infer_headline` (plain-text articles), the first line is the headline.
        """
        lines = [" ".join(ln.split()) for ln in raw.splitlines()]
        lines = [ln for ln in lines if ln]
        if not lines:
            return []
        header_end = self._header_end(lines)
        blocks: list[tuple[str, SentenceKind]] = []
        title = " ".join(title.split()) if title else None
        headline = title or lines[0]
        if title and not _same(lines[0], title):
            blocks.append((title, "headline"))
        elif not infer_headline or len(lines) < 2:
            headline = ""
        for i, line in enumerate(lines):
            if self.rules.is_furniture(line) or (i < HEADER_LINES and parse_date_line(line)):
                continue
            if blocks and headline and _same(line, headline) and i < HEADER_LINES:
                continue  # the headline repeated
            kind = self._kind(i, line, header_end, bool(blocks) or not headline)
            if kind == "caption":
                line = self.rules.caption_credit.sub("", line).strip()
            if line:
                blocks.append((line, kind))
        return blocks

    def _header_end(self, lines: list[str]) -> int:
        """Index of the last header line (date line or reading time), or 0 when there is none."""
        end = 0
        for i, line in enumerate(lines[:HEADER_LINES]):
            if parse_date_line(line) or _READING_TIME.fullmatch(line):
                end = i
        return end

    def _kind(self, i: int, line: str, header_end: int, have_headline: bool) -> SentenceKind:
        if not have_headline:
            return "headline" if len(line) < 300 else "body"
        if self.rules.is_caption(line) and i <= header_end + 2:
            return "caption"
        if i < header_end:
            return "standfirst"
        return "body"


def _pattern(text: object, path: Path, anchored: bool = True) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?:{text})" if anchored else str(text), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"boilerplate rules {path}: bad pattern {text!r}: {exc}") from exc


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()
