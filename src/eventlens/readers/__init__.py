"""Readers: turn paths (files, directories, globs) into `Article`s.

Each input yields either an `Article` or a `DocumentError`; a bad input never
stops the others. Formats: plain text (.txt and anything unknown), HTML
(.html/.htm, via trafilatura), JSONL (.jsonl, one article a line).
"""

from .discover import iter_inputs, read_paths
from .text import read_text_bytes

__all__ = ["iter_inputs", "read_paths", "read_text_bytes"]
