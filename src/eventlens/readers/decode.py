"""Turning untrusted bytes into text, or a clear reason why not."""

from __future__ import annotations

from ..config import Limits
from ..errors import InputError

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def decode_document(data: bytes, limits: Limits, what: str = "document") -> str:
    """Decode UTF-8 text, refusing empty, oversized, binary and undecodable input."""
    if len(data) > limits.max_bytes:
        raise InputError(f"{what} is too large: {len(data):,} bytes (limit {limits.max_bytes:,})")
    if not data.strip():
        raise InputError(f"{what} is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{what} looks binary (NUL bytes); expected text, HTML or JSONL")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not valid UTF-8 (byte {exc.start}: {exc.reason})") from exc
    check_text(text, limits, what)
    return text


def check_text(text: str, limits: Limits, what: str = "document") -> None:
    """Refuse text that is empty, too long, or mostly control characters."""
    if not text.strip():
        raise InputError(f"{what} has no text")
    if len(text) > limits.max_chars:
        raise InputError(f"{what} is too long: {len(text):,} characters (limit {limits.max_chars:,})")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    if controls > len(sample) * 0.05:
        raise InputError(f"{what} looks binary ({controls} control characters in its first {len(sample)})")
