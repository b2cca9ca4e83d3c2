"""SQLite and PostgreSQL behave alike: the same answers, concurrent writers, schema migrations."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

import eventlens
from eventlens.model import Actor, Article, Document, Event, Mention, Place, Plover, Sentence
from eventlens.store import EventQuery
from eventlens.store.schema import MIGRATIONS, SCHEMA_VERSION


def article_with_events(
    article_id: str, outlet: str, events: list[tuple[Actor, Actor, str, str, str | None]]
) -> Document:
    """A processed article: one sentence per (source, target, cameo, plover, date) event."""
    sentences = [f"{s.name} and {t.name}: {code} in {article_id}." for s, t, code, _, _ in events]
    text = "\n\n".join(sentences)
    doc = Document(article=Article(id=article_id, text=text, outlet=outlet), text=text)
    offset = 0
    for index, (sentence, (source, target, code, plover, day)) in enumerate(zip(sentences, events, strict=True)):
        doc.sentences.append(Sentence(index, offset, offset + len(sentence), sentence))
        event = Event(article_id, source, target, code, plover=Plover(plover), date=day,
                      date_precision="day" if day and len(day) == 10 else "year" if day else "unknown",
                      place=Place("Moscow", "RUS", 55.755826, 37.6173) if code.startswith("04") else None,
                      mentions=[Mention(article_id, index, offset, offset + len(sentence), sentence)])  # fmt: skip
        event.id = event.make_id()
        doc.events.append(event)
        offset += len(sentence) + 2
    return doc


def corpus() -> list[Document]:
    fidan = Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")
    mamlouk = Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")
    france, turkey = Actor("France", "FRA"), Actor("Turkey", "TUR", "TUR", None, None, "country")
    return [
        article_with_events("a1", "Outlet A", [(fidan, mamlouk, "043", "CONSULT", "2020-01-13"),
                                               (france, mamlouk, "173", "COERCE", "2018")]),
        article_with_events("a2", "Outlet B", [(mamlouk, fidan, "044", "CONSULT", "2020-01-13"),
                                               (fidan, mamlouk, "040", "CONSULT", "2020-01-14"),
                                               (mamlouk, turkey, "1056", "REQUEST", "2020-01-13")]),
        article_with_events("a3", "Outlet A", [(turkey, mamlouk, "112", "ACCUSE", None)]),
    ]  # fmt: skip


def everything(store: eventlens.Store) -> dict[str, object]:
    events = store.query_events(EventQuery(limit=1000))
    return {
        "events": [e.to_dict() for e in events],
        "by_actor": [e.id for e in store.query_events(EventQuery(actor="mamlouk"))],
        "by_article": [e.id for e in store.query_events(EventQuery(article_id="a2"))],
        "since": [e.id for e in store.query_events(EventQuery(since="2019-01-01", until="2020-01"))],
        "actors": store.list_actors(),
        "counts": store.counts(),
        # when each store received the article differs by the time between the two runs
        "article": replace(article, ingested_at=None) if (article := store.get_article("a2")) else None,
    }


@pytest.mark.postgres
def test_both_backends_give_the_same_answers(pg_server_url: str, tmp_path: Path) -> None:
    name = f"eventlens_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        results = []
        for url in (str(tmp_path / "same.db"), pg_server_url.rsplit("/", 1)[0] + "/" + name):
            with eventlens.open_store(url) as store:
                for doc in corpus():
                    assert store.save_document(doc)
                results.append(everything(store))
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert results[0] == results[1]
    # a2's Fidan -> Mamlouk meeting (a day later) joins a1's; the other direction is its own event
    assert results[0]["counts"].events == 5
    merged = {(e["source"]["code"], e["target"]["code"], e["cameo"]): e["num_articles"] for e in results[0]["events"]}
    assert merged[("TURSPY", "SYRSPY", "043")] == 2


def save_concurrently(url: str, docs: list[Document]) -> list[bool]:
    """Each document saved by its own thread over its own connection, all at once."""
    results: list[bool] = [False] * len(docs)
    barrier = threading.Barrier(len(docs))
    failures: list[BaseException] = []

    def work(index: int) -> None:
        try:
            with eventlens.open_store(url) as store:
                barrier.wait()
                results[index] = store.save_document(docs[index])
        except BaseException as exc:  # reported by the test below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(docs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return results


def test_concurrent_writers_merge_into_one_event(new_store_url: Callable[[], str]) -> None:
    url = new_store_url()
    eventlens.open_store(url).close()  # the schema exists before the writers race
    fidan = Actor("Hakan Fidan", "TURSPY", actor_id="kb:hakan-fidan")
    mamlouk = Actor("Ali Mamlouk", "SYRSPY", actor_id="kb:ali-mamlouk")
    docs = [article_with_events(f"c{i}", f"Outlet {i}", [(fidan, mamlouk, "043", "CONSULT", "2020-01-13")])
            for i in range(6)]  # fmt: skip
    assert save_concurrently(url, docs) == [True] * 6
    with eventlens.open_store(url) as store:
        [event] = store.query_events(EventQuery())
        assert (event.num_mentions, event.num_articles, event.num_sources) == (6, 6, 6)


def test_the_same_article_saved_concurrently_is_stored_once(new_store_url: Callable[[], str]) -> None:
    url = new_store_url()
    eventlens.open_store(url).close()
    results = save_concurrently(url, [corpus()[0] for _ in range(4)])
    assert sorted(results) == [False, False, False, True]
    with eventlens.open_store(url) as store:
        assert store.counts().articles == 1 and store.counts().events == 2


@pytest.fixture
def schema_one_url(new_store_url: Callable[[], str]) -> Iterator[str]:
    """A database at schema 1 (as the foundation release left it), with one article and its event."""
    url = new_store_url()
    statements = [*MIGRATIONS[0][1], "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
                  "INSERT INTO meta VALUES ('schema_version', '1')",
                  "INSERT INTO articles (id, text, outlet) VALUES ('old', 'Fidan met Mamlouk.', 'Old Outlet')",
                  "INSERT INTO event_mentions (event_id, article_id, start_char, end_char)"
                  " VALUES ('ev:old', 'old', 0, 18)"]  # fmt: skip
    record = json.dumps(Event("old", Actor("Hakan Fidan", "TURSPY", actor_id="kb:hakan-fidan"),
                              Actor("Ali Mamlouk", "SYRSPY", actor_id="kb:ali-mamlouk"), "043",
                              plover=Plover("CONSULT"), date="2020-01-13", date_precision="day",
                              id="ev:old", mentions=[Mention("old", 0, 0, 18)]).to_dict())  # fmt: skip
    event_sql = ("INSERT INTO events (id, article_id, date, date_precision, source_code, source_actor_id, target_code,"
                 " target_actor_id, cameo, cameo_root, plover_event, negated, modality, num_mentions, num_articles,"
                 " num_sources, record) VALUES ('ev:old', 'old', '2020-01-13', 'day', 'TURSPY', 'kb:hakan-fidan',"
                 " 'SYRSPY', 'kb:ali-mamlouk', '043', '04', 'CONSULT', 0, 'asserted', 1, 1, 1, '"
                 + record.replace("'", "''") + "')")  # fmt: skip
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            for statement in [*statements, event_sql]:
                conn.execute(statement)
    else:
        with psycopg.connect(url, autocommit=True) as conn:
            for statement in [*statements, event_sql]:
                conn.execute(statement.replace(" REAL", " DOUBLE PRECISION"))
    yield url


def test_schema_one_database_is_migrated(schema_one_url: str) -> None:
    with eventlens.open_store(schema_one_url) as store:
        assert store.execute("SELECT value FROM meta WHERE key='schema_version'") == [(str(SCHEMA_VERSION),)]  # type: ignore[attr-defined]
        assert store.execute("SELECT event_id, article_id, source_key FROM event_articles") == [  # type: ignore[attr-defined]
            ("ev:old", "old", "old outlet")
        ]
        # a new report of the old event joins it
        fidan = Actor("Hakan Fidan", "TURSPY", actor_id="kb:hakan-fidan")
        mamlouk = Actor("Ali Mamlouk", "SYRSPY", actor_id="kb:ali-mamlouk")
        store.save_document(
            article_with_events("new", "New Outlet", [(fidan, mamlouk, "043", "CONSULT", "2020-01-13")])
        )
        [event] = store.query_events(EventQuery())
        assert (event.id, event.num_articles, event.num_sources) == ("ev:old", 2, 2)
