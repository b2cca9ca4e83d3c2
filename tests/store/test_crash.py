"""Crash safety: an ingest killed with SIGKILL and run again loses nothing and duplicates nothing.

A real `eventlens ingest` process works through 200 small articles; the test kills it once
some articles are stored, checks that every stored article is whole, runs the same command
again, and compares the database row by row with one from an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import eventlens

NUM_ARTICLES = 200
KILL_AFTER = 40  # stored articles
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def small_articles(voa: Path, count: int) -> list[dict[str, str]]:
    """Articles of three sentences each, cut from the VOA stories in order (each with its story's date)."""
    articles: list[dict[str, str]] = []
    for line in voa.read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        sentences = [s.strip() for s in _SENTENCE_END.split(story["text"]) if s.strip()]
        for part in range(0, len(sentences) - 2, 3):
            articles.append({
                "id": f"voa-{story['id']}-{part // 3}",
                "text": " ".join(sentences[part : part + 3]),
                "date": story["published"][:10],
                "source": f"Outlet {len(articles) % 7}",
            })  # fmt: skip
            if len(articles) == count:
                return articles
    return articles


def run_ingest(corpus: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "eventlens", "ingest", str(corpus), "--db", url, "--quiet"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[bytes]) -> None:
    _, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, stderr.decode(errors="replace")[-2000:]


SNAPSHOT_QUERIES = {
    "articles": "SELECT id, num_events, duplicate_of, source_key FROM articles",
    "sentences": "SELECT article_id, idx, start_char, end_char, kind FROM sentences",
    "actor_mentions": "SELECT article_id, actor_id, start_char, end_char FROM actor_mentions",
    "events": "SELECT id, article_id, cameo, date, num_mentions, num_articles, num_sources FROM events",
    "event_mentions": "SELECT event_id, article_id, start_char, end_char FROM event_mentions",
    "event_articles": "SELECT event_id, article_id, source_key FROM event_articles",
    "signatures": "SELECT article_id, signature FROM article_signatures",
    "errors": "SELECT article_id, stage FROM ingest_errors",
}
ARTICLE_COLUMN = {"articles": 0, "sentences": 0, "actor_mentions": 0, "event_mentions": 1, "event_articles": 1,
                  "signatures": 0}  # fmt: skip


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with eventlens.open_store(url) as store:
        return {name: sorted(tuple(row) for row in store.execute(sql)) for name, sql in SNAPSHOT_QUERIES.items()}


def rows_of(snap: dict[str, list[tuple[Any, ...]]], article_ids: set[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows each article's own transaction writes, for the given articles."""
    return {name: [r for r in snap[name] if r[col] in article_ids] for name, col in ARTICLE_COLUMN.items()}


@pytest.mark.slow
def test_killed_ingest_loses_and_duplicates_nothing(
    new_store_url: Callable[[], str], shared_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    articles = small_articles(shared_dir / "corpus" / "voa" / "voa-stories.jsonl", NUM_ARTICLES)
    assert len(articles) == NUM_ARTICLES
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")

    reference_url, crashed_url = new_store_url(), new_store_url()
    finish(run_ingest(corpus, reference_url))
    reference = snapshot(reference_url)
    assert len(reference["articles"]) + len(reference["errors"]) == NUM_ARTICLES
    assert len(reference["events"]) > 0

    with eventlens.open_store(crashed_url) as watcher:  # creates the schema before the writer starts
        process = run_ingest(corpus, crashed_url)
        deadline = time.monotonic() + 600
        while watcher.counts().articles < KILL_AFTER:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "no progress from the ingest"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    at_kill = snapshot(crashed_url)
    stored = {row[0] for row in at_kill["articles"]}
    print(f"\nkilled after {len(stored)} of {NUM_ARTICLES} articles ({len(at_kill['events'])} events stored)")
    assert KILL_AFTER <= len(stored) < NUM_ARTICLES
    # every article stored at the kill is whole: exactly the rows the uninterrupted run wrote for it
    assert rows_of(at_kill, stored) == rows_of(reference, stored)

    finish(run_ingest(corpus, crashed_url))
    assert snapshot(crashed_url) == reference
