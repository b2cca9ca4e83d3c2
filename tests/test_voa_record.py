"""The record after ingesting the real VOA stories (../shared): no blank actor is ever stored."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventlens


@pytest.mark.slow
def test_no_blank_or_none_actor_after_ingesting_the_voa_corpus(
    lens: eventlens.EventLens, shared_dir: Path, tmp_path: Path
) -> None:
    corpus = shared_dir / "corpus" / "voa" / "voa-stories.jsonl"
    with eventlens.open_store(tmp_path / "voa.db") as store:
        summary = lens.ingest([corpus], store)
        events = store.query_events(eventlens.EventQuery(limit=100_000))
    assert summary.articles >= 80 and events
    for e in events:
        assert e.source.code and e.source.name.strip() and e.source.name.strip().lower() != "none", e.to_dict()
        if e.target.name.strip() or e.target.code:
            assert e.target.code and e.target.name.strip().lower() != "none", e.to_dict()
        assert 0 < e.confidence <= 1 and e.confidence_reasons
