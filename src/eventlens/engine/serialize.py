"""A processed `Document` as plain JSON data, and back.

Workers of a distributed run (Dask) and parallel processes send their results
as data, not as live objects: a `Document` becomes a JSON-able dict with every
field of the data model (article, cleaned text, paragraphs, sentences, actor
mentions, attributions, events, warnings, error) except the spaCy `Doc`, which
stays where it was made. `document_from_dict(document_to_dict(d))` equals `d`
with `doc=None`.

The conversion follows the dataclass declarations of `eventlens.model`, so a
field that another stage adds to the model travels without changes here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date
from typing import Any

from ..errors import InputError
from ..model import Document

FORMAT_VERSION = 1
_SKIPPED_FIELDS = {Document: {"doc"}}


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Every model field of `doc` (but the spaCy Doc) as JSON-able data."""
    return {"format": FORMAT_VERSION, "document": _to_data(doc)}


def document_from_dict(data: dict[str, Any]) -> Document:
    """Inverse of `document_to_dict`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise InputError(f"not a serialized eventlens document (format {FORMAT_VERSION})")
    built = _from_data(Document, data["document"])
    assert isinstance(built, Document)
    return built


def document_to_json(doc: Document) -> str:
    return json.dumps(document_to_dict(doc), ensure_ascii=False, separators=(",", ":"))


def document_from_json(text: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"serialized document is not JSON: {exc.msg}") from exc
    return document_from_dict(data)


def _to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skipped = _SKIPPED_FIELDS.get(type(value), set())
        return {f.name: _to_data(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skipped}
    if isinstance(value, list | tuple):
        return [_to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_data(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot serialize a {type(value).__name__} in a document")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_data(tp: Any, value: Any) -> Any:
    """Build a value of declared type `tp` from JSON data."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_data(options[0], value) if len(options) == 1 else _from_union(options, value)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_from_data(item, v) for v in value]
    if origin is tuple:
        args = typing.get_args(tp)
        item = args[0] if args else Any
        return tuple(_from_data(item, v) for v in value)
    if origin is dict:
        _, item = typing.get_args(tp) or (str, Any)
        return {k: _from_data(item, v) for k, v in value.items()}
    if origin is typing.Literal or tp is Any:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _from_data(hints[k], v) for k, v in value.items() if k in known})
    if tp is date:
        return date.fromisoformat(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _from_union(options: list[Any], value: Any) -> Any:
    for option in options:
        if option is date and isinstance(value, str):
            return date.fromisoformat(value)
        if isinstance(option, type) and dataclasses.is_dataclass(option) and isinstance(value, dict):
            return _from_data(option, value)
    return value
