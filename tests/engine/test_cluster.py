"""Ingest on a Dask cluster (2 local worker processes) gives the same store as the single-process run."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import LocalCluster

import eventlens
from eventlens.cli import main
from eventlens.engine.cluster import DaskOptions, ingest_on_dask
from eventlens.engine.partitions import list_partitions, read_partition

N_STORIES = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, seed_path: Path) -> Path:
    """VOA stories, the seed article, and bad inputs (a non-JSON line, an empty file)."""
    folder = tmp_path_factory.mktemp("corpus")
    with (shared_dir / "corpus" / "voa" / "voa-stories.jsonl").open("rb") as stream:
        lines = list(itertools.islice(stream, N_STORIES))
    (folder / "voa.jsonl").write_bytes(b"".join(lines[:5]) + b"{not json\n" + b"".join(lines[5:]))
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def snapshot(store: eventlens.Store) -> dict:
    """Everything the store holds, in a comparable form."""
    events = store.query_events(eventlens.EventQuery(limit=100_000))
    article_ids = sorted({e.article_id for e in events} | {r[0] for r in store.execute("SELECT id FROM articles")})
    articles = {}
    for article_id in article_ids:
        stored = store.get_article(article_id)
        assert stored is not None
        articles[article_id] = (stored.title, stored.published, stored.url, stored.text, stored.sentences)
    return {
        "counts": store.counts(),
        "articles": articles,
        "events": sorted((e.to_dict() for e in events), key=lambda r: r["id"]),
        "actors": sorted(store.list_actors(limit=100_000), key=lambda a: a.actor_id),
        "errors": sorted((e.article_id, e.stage, e.reason) for e in store.list_errors()),
        "mentions": sorted(store.execute("SELECT * FROM actor_mentions")),
    }


@pytest.mark.slow
def test_dask_ingest_equals_single_process(corpus: Path, tmp_path: Path, lens: eventlens.EventLens) -> None:
    with eventlens.open_store(tmp_path / "single.db") as store:
        single = lens.ingest([corpus], store)
        expected = snapshot(store)
    parquet = tmp_path / "parts"
    seen = []
    with eventlens.open_store(tmp_path / "dask.db") as store:
        summary = ingest_on_dask(
            lens.settings, [corpus], store, DaskOptions(n_workers=2, parquet_dir=str(parquet), partition_size=3),
            progress=seen.append,
        )  # fmt: skip
        got = snapshot(store)
    assert (summary.articles, summary.stored, len(summary.errors)) == (
        single.articles, single.stored, len(single.errors),
    )  # fmt: skip
    assert summary.stored == N_STORIES + 1 and len(summary.errors) == 2
    assert len(seen) == N_STORIES + 1 + 2
    assert got == expected
    # the workers' partitions are kept when a directory is given: 11 articles in batches of 3
    parts = list_partitions(parquet)
    assert len(parts) == 4
    docs = [d for p in parts for d in read_partition(p)]
    assert sorted(d.article.id for d in docs) == sorted(expected["articles"])
    assert all(d.doc is None and d.sentences for d in docs)


@pytest.mark.slow
def test_dask_rerun_adds_nothing(corpus: Path, tmp_path: Path, lens: eventlens.EventLens) -> None:
    with eventlens.open_store(tmp_path / "again.db") as store:
        lens.ingest([corpus / "seed.txt"], store)
        summary = ingest_on_dask(lens.settings, [corpus], store, DaskOptions(n_workers=2, partition_size=4))
        assert summary.skipped == 1 and summary.stored == N_STORIES
        before = store.counts()
        again = ingest_on_dask(lens.settings, [corpus], store, DaskOptions(n_workers=2))
        assert again.stored == 0 and again.skipped == N_STORIES + 1
        assert store.counts().articles == before.articles and store.counts().events == before.events


@pytest.mark.slow
def test_cli_on_an_existing_scheduler(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        args = ["ingest", str(corpus), "--db", db, "--engine", "dask", "--scheduler", cluster.scheduler_address]
        result = CliRunner().invoke(main, [*args, "--parquet-dir", str(tmp_path / "parts")])
    assert result.exit_code == 0, result.output
    assert f"{N_STORIES + 1} stored" in result.output and "errors: 2" in result.output
    with eventlens.open_store(db) as store:
        assert store.counts().articles == N_STORIES + 1
    assert list_partitions(tmp_path / "parts")  # kept where the user asked


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path, corpus: Path) -> None:
    args = ["ingest", str(corpus), "--db", str(tmp_path / "x.db"), "--engine", "dask"]
    result = CliRunner().invoke(main, [*args, "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
