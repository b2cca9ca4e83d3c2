"""Hostile inputs on both engines (issue 12): each failure is recorded for its document, the run goes
on, and the single-process and Dask runs store the same thing."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import eventlens
from eventlens.engine.cluster import DaskOptions, ingest_on_dask

from .test_cluster import snapshot

N_STORIES = 4


def _crawl(path: Path, pages: list[bytes], gzipped: bool, keep: float) -> None:
    """A crawl of `pages`, cut to `keep` of its bytes."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for n, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example.org/{n}", "response",
                                           payload=io.BytesIO(page), http_headers=headers)  # fmt: skip
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data[: int(len(data) * keep)])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, examples_dir: Path, seed_path: Path) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    with (shared_dir / "corpus" / "voa" / "voa-stories.jsonl").open("rb") as stream:
        lines = list(itertools.islice(stream, N_STORIES))
    deep = b"[" * 100_000 + b"]" * 100_000 + b"\n"
    (folder / "a-deep.jsonl").write_bytes(lines[0] + deep + lines[1])
    page = (examples_dir / "kenya-somalia-talks.html").read_bytes()
    pages = [page.replace(b"Somalia", f"Somalia{n}".encode()) for n in range(3)]
    _crawl(folder / "b-cut.warc", pages, gzipped=False, keep=0.70)  # cut inside the third record
    _crawl(folder / "c-cut.warc.gz", pages, gzipped=True, keep=0.75)
    (folder / "d-empty.jsonl").write_bytes(b"")
    one_byte = lines[2].replace(b" the ", b" th\xffe ", 1)
    assert one_byte != lines[2]
    (folder / "e-one-byte.jsonl").write_bytes(one_byte)
    (folder / "f-deep.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000, "utf-8")
    (folder / "z-last.jsonl").write_bytes(lines[3])
    (folder / "z-seed.txt").write_bytes(seed_path.read_bytes())
    return folder


def _check(summary: eventlens.IngestSummary, store: eventlens.Store, folder: Path) -> None:
    """Every good document stored, every failure recorded once for its document."""
    reasons = {e.article_id: e.reason for e in store.list_errors()}
    assert "nested too deeply" in reasons[f"{folder / 'a-deep.jsonl'}:2"]
    assert "damaged archive" in reasons[str(folder / "b-cut.warc")]
    assert "damaged archive" in reasons[str(folder / "c-cut.warc.gz")]
    assert "no record" in reasons[str(folder / "d-empty.jsonl")]
    assert any("not valid UTF-8" in r for r in reasons.values())
    stored = {row[0] for row in store.execute("SELECT url FROM articles WHERE url LIKE 'https://news.example.org/%'")}
    assert stored == {"https://news.example.org/0", "https://news.example.org/1"}  # the pages before the cut
    # the four VOA stories (one behind the deep line, one with the bad byte, one after it all) and the seed
    assert store.counts().articles == N_STORIES + 2 + 1
    assert summary.stored == N_STORIES + 2 + 1


def test_hostile_inputs_single_process(hostile: Path, tmp_path: Path, lens: eventlens.EventLens) -> None:
    with eventlens.open_store(tmp_path / "single.db") as store:
        summary = lens.ingest([hostile], store)
        _check(summary, store, hostile)


@pytest.mark.slow
def test_hostile_inputs_on_dask_equal_single_process(hostile: Path, tmp_path: Path, lens: eventlens.EventLens) -> None:
    with eventlens.open_store(tmp_path / "single.db") as store:
        lens.ingest([hostile], store)
        expected = snapshot(store)
    with eventlens.open_store(tmp_path / "dask.db") as store:
        summary = ingest_on_dask(lens.settings, [hostile], store, DaskOptions(n_workers=2, partition_size=3))
        _check(summary, store, hostile)
        got = snapshot(store)
    assert got == expected


def test_a_fifo_among_the_inputs(tmp_path: Path, lens: eventlens.EventLens, seed_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    with eventlens.open_store(tmp_path / "fifo.db") as store:
        summary = lens.ingest([fifo, seed_path], store)
        assert summary.stored == 1
        (error,) = store.list_errors()
        assert "a FIFO" in error.reason
