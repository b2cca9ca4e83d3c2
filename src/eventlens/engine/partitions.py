"""Processed documents as partitioned Parquet: what distributed workers write and the single writer reads.

A partition is one file, `part-NNNNNN.parquet`, holding the documents of one
batch of input articles in input order. Columns: `seq` (position in the
partition), `article_id`, `failed` (the document carries a `DocumentError`)
and `document` (the whole `Document` as JSON, see `engine.serialize`). Files
are written under a temporary name and renamed, so a reader never sees half a
partition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..model import Document
from .serialize import document_from_json, document_to_json

SCHEMA = pa.schema(
    [("seq", pa.int64()), ("article_id", pa.string()), ("failed", pa.bool_()), ("document", pa.large_string())]
)


def partition_path(directory: str | Path, part: int) -> Path:
    return Path(directory) / f"part-{part:06d}.parquet"


def write_partition(docs: Iterable[Document], directory: str | Path, part: int) -> Path:
    """Write one partition atomically; returns its path."""
    rows = [
        {"seq": i, "article_id": d.article.id, "failed": d.error is not None, "document": document_to_json(d)}
        for i, d in enumerate(docs)
    ]
    final = partition_path(directory, part)
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), temporary, compression="zstd")
    os.replace(temporary, final)
    return final


def read_partition(path: str | Path) -> Iterator[Document]:
    """The documents of one partition, in input order."""
    try:
        table = pq.read_table(str(path), columns=list(SCHEMA.names))
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(f"{path}: not a readable partition ({exc})") from exc
    for batch in table.sort_by("seq").to_batches(max_chunksize=256):
        for text in batch.column("document").to_pylist():
            yield document_from_json(text)


def list_partitions(directory: str | Path) -> list[Path]:
    return sorted(Path(directory).glob("part-*.parquet"))
