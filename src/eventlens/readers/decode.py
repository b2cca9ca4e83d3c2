"""Turning untrusted bytes into text, or a clear reason why not.

Bytes are read as UTF-8. A few bytes that are not UTF-8 (a stray byte in an otherwise good
article) are replaced by U+FFFD; a text with many of them is read as Windows-1252 (the usual
encoding of such pages, a superset of Latin-1). Either way the document is kept and a warning
says what was done.
"""

from __future__ import annotations

from ..config import Limits
from ..errors import InputError

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}
MAX_REPLACED_SHARE = 0.001  # more bad bytes than this share of the text: not UTF-8 at all


def decode_document(data: bytes, limits: Limits, what: str = "document", warnings: list[str] | None = None) -> str:
    """Decode text, refusing empty, oversized and binary input; a caveat is added to `warnings`."""
    if len(data) > limits.max_bytes:
        raise InputError(f"{what} is too large: {len(data):,} bytes (limit {limits.max_bytes:,})")
    if not data.strip():
        raise InputError(f"{what} is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{what} looks binary (NUL bytes); expected text, HTML or JSONL")
    text = decode_utf8(data, what, warnings)
    check_text(text, limits, what)
    return text


def decode_utf8(data: bytes, what: str, warnings: list[str] | None = None) -> str:
    """UTF-8 (a BOM dropped); else a few bytes replaced, or Windows-1252, with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8-sig", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced <= max(1, len(data) * MAX_REPLACED_SHARE):
        note = f"{what}: {replaced} byte(s) not valid UTF-8 (first at byte {first}) replaced by U+FFFD"
    else:
        text = data.decode("cp1252", errors="replace")
        note = f"{what}: not valid UTF-8 (byte {first}); read as Windows-1252"
    if warnings is not None:
        warnings.append(note)
    return text


def check_text(text: str, limits: Limits, what: str = "document", *, max_chars: bool = False) -> None:
    """Refuse text that is empty, or mostly control characters (and, with `max_chars`, too long).

    The character limit applies to a document's text after cleaning (the clean stage checks
    it); readers bound the raw input in bytes.
    """
    if not text.strip():
        raise InputError(f"{what} has no text")
    if max_chars and len(text) > limits.max_chars:
        raise InputError(f"{what} is too long: {len(text):,} characters (limit {limits.max_chars:,})")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    if controls > len(sample) * 0.05:
        raise InputError(f"{what} looks binary ({controls} control characters in its first {len(sample)})")
