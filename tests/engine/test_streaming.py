"""Streaming: batches are pulled lazily, read errors keep their place, and n_process > 1 gives the same result."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import eventlens
from eventlens.model import Article, Document, DocumentError

BAD_LINE = b"{this is not json\n"


def voa_lines(shared_dir: Path, n: int) -> list[bytes]:
    with (shared_dir / "corpus" / "voa" / "voa-stories.jsonl").open("rb") as stream:
        return list(itertools.islice(stream, n))


def test_the_pipeline_pulls_one_batch_at_a_time(lens: eventlens.EventLens, shared_dir: Path) -> None:
    pulled = 0

    def articles() -> Iterator[Article]:
        nonlocal pulled
        for raw in itertools.cycle(voa_lines(shared_dir, 3)):  # endless input
            record = json.loads(raw)
            pulled += 1
            yield Article(id=f"{record['id']}-{pulled}", text=record["text"], fmt="jsonl")

    stream = lens.process(articles())
    first = next(stream)
    assert first.error is None and first.sentences
    assert pulled == lens.pipeline.batch_size
    for _ in range(lens.pipeline.batch_size):
        next(stream)
    assert pulled == 2 * lens.pipeline.batch_size


def test_read_errors_keep_their_place_and_do_not_pile_up(
    lens: eventlens.EventLens, shared_dir: Path, tmp_path: Path
) -> None:
    good = voa_lines(shared_dir, 2)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good[0] + BAD_LINE * 3 + good[1] + BAD_LINE)
    kinds = ["error" if isinstance(i, DocumentError) else "doc" for i in lens.extract([path])]
    assert kinds == ["doc", "error", "error", "error", "doc", "error"]
    # a long run of failures streams out without waiting for a good document
    many = tmp_path / "bad.jsonl"
    many.write_bytes(BAD_LINE * 5000 + good[0])
    items = lens.extract([many])
    first = next(items)
    assert isinstance(first, DocumentError) and first.article_id.endswith("bad.jsonl:1")
    rest = list(items)
    assert len(rest) == 5000 and isinstance(rest[-1], Document) and rest[-1].error is None


@pytest.mark.slow
def test_n_process_gives_the_same_documents(lens: eventlens.EventLens, shared_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "voa.jsonl"
    lines = voa_lines(shared_dir, 9)
    path.write_bytes(b"".join(lines[:4]) + BAD_LINE + b"".join(lines[4:]))
    parallel = eventlens.EventLens(replace(lens.settings, n_process=2, batch_size=2), pipeline=lens.pipeline)

    def shape(item: Document | DocumentError) -> object:
        if isinstance(item, DocumentError):
            return item
        return (item.article, item.text, item.sentences, item.actor_mentions, [e.to_dict() for e in item.events])

    expected = [shape(i) for i in lens.extract([path])]
    got = [shape(i) for i in parallel.extract([path])]
    assert len(got) == 10 and got == expected
