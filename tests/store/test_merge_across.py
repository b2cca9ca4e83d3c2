"""One event, many reports: events of different articles merged in the store, on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import eventlens
from eventlens.merging import actors_match, compatible_dates, dates_match, same_event
from eventlens.model import Actor, Article, Document, Event, Mention, Place, Plover, Sentence
from eventlens.store import EventQuery
from eventlens.store.schema import source_key

REWRITES = Path(__file__).resolve().parents[1] / "fixtures" / "rewrites"


def fidan() -> Actor:
    return Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")


def mamlouk() -> Actor:
    return Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")


def moscow() -> Place:
    return Place("Moscow", "RUS", 55.75, 37.62, 524901)


def meeting(article_id: str, **changes: object) -> Event:
    fields: dict[str, object] = {
        "source": fidan(), "target": mamlouk(), "cameo": "043", "quad_class": 1, "goldstein": 2.8,
        "plover": Plover("CONSULT"), "date": "2020-01-13", "date_precision": "day", "place": moscow(),
    }  # fmt: skip
    fields.update(changes)
    return Event(article_id, **fields)  # type: ignore[arg-type]


def report(article_id: str, events: list[Event], outlet: str | None = "Outlet A", url: str | None = None) -> Document:
    """A processed article whose sentence i carries event i."""
    sentences = [f"Sentence {i} of {article_id} tells event {i}." for i in range(len(events))]
    text = "\n\n".join(sentences)
    doc = Document(article=Article(id=article_id, text=text, outlet=outlet, url=url), text=text)
    offset = 0
    for index, (sentence, event) in enumerate(zip(sentences, events, strict=True)):
        doc.sentences.append(Sentence(index, offset, offset + len(sentence), sentence))
        event.mentions = [Mention(article_id, index, offset, offset + len(sentence), sentence)]
        event.id = event.make_id()
        offset += len(sentence) + 2
    doc.events = events
    return doc


def meetings(store: eventlens.Store) -> list[Event]:
    return [e for e in store.query_events(EventQuery(limit=1000)) if e.plover and e.plover.event == "CONSULT"]


def test_same_event_from_two_outlets_is_one_event(store: eventlens.Store) -> None:
    assert store.save_document(report("a1", [meeting("a1")], outlet="Outlet A"))
    assert store.save_document(report("a2", [meeting("a2", cameo="040")], outlet="Outlet B"))
    [event] = meetings(store)
    assert (event.num_mentions, event.num_articles, event.num_sources) == (2, 2, 2)
    assert {m.article_id for m in event.mentions} == {"a1", "a2"}
    assert event.cameo == "043"  # the more specific code is kept
    assert [e.id for e in store.query_events(EventQuery(article_id="a2"))] == [event.id]
    assert store.get_event(event.id) == event


def test_two_articles_of_one_outlet_are_one_source(store: eventlens.Store) -> None:
    store.save_document(report("a1", [meeting("a1")], outlet="Outlet A"))
    store.save_document(report("a2", [meeting("a2")], outlet=" outlet  a "))
    [event] = meetings(store)
    assert (event.num_articles, event.num_sources) == (2, 1)


def test_merging_is_incremental_and_idempotent(store: eventlens.Store) -> None:
    for i in range(1, 4):
        assert store.save_document(report(f"a{i}", [meeting(f"a{i}")], outlet=f"Outlet {i}"))
        [event] = meetings(store)
        assert (event.num_mentions, event.num_articles, event.num_sources) == (i, i, i)
    before = (store.counts(), meetings(store))
    assert store.save_document(report("a2", [meeting("a2")], outlet="Outlet 2")) is False
    assert (store.counts(), meetings(store)) == before


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        ({"date": "2020-01-14"}, True),  # within a day
        ({"date": "2020-01-12"}, True),
        ({"date": "2020-01-15"}, False),  # two days later: another meeting
        ({"date": "2020-01", "date_precision": "month"}, True),  # compatible partial date
        ({"date": "2019", "date_precision": "year"}, False),
        ({"date": None, "date_precision": "unknown"}, False),  # undated: never joins another article's event
        ({"cameo": "046", "plover": Plover("CONSULT")}, True),  # same PLOVER type
        ({"cameo": "040", "plover": None}, True),  # same CAMEO root
        ({"cameo": "057", "plover": Plover("AGREE")}, False),
        ({"negated": True}, False),
        ({"modality": "claimed"}, True),
        ({"modality": "intended"}, False),
        ({"place": Place("Ankara", "TUR")}, False),
        ({"place": None}, True),
        ({"source": Actor("Turkish intelligence", "TURSPY", "TUR", "SPY", None, "organisation")}, True),
        ({"source": Actor("Another Officer", "TURSPY", "TUR", "SPY", "kb:another", "person")}, False),
        ({"source": mamlouk(), "target": fidan()}, False),  # the other direction is its own event
    ],
)
def test_merge_rules(store: eventlens.Store, second: dict[str, object], merged: bool) -> None:
    store.save_document(report("a1", [meeting("a1")], outlet="Outlet A"))
    store.save_document(report("a2", [meeting("a2", **second)], outlet="Outlet B"))
    assert store.counts().events == (1 if merged else 2)
    assert sorted(e.num_articles for e in store.query_events(EventQuery())) == ([2] if merged else [1, 1])


def test_two_events_of_one_article_do_not_collapse_into_one_stored_event(store: eventlens.Store) -> None:
    store.save_document(report("a1", [meeting("a1")], outlet="Outlet A"))
    # The article itself keeps the two meetings apart (a day apart); both are compatible with a1's.
    store.save_document(report("a2", [meeting("a2"), meeting("a2", date="2020-01-14")], outlet="Outlet B"))
    assert sorted(e.num_articles for e in meetings(store)) == [1, 2]


def test_closest_date_wins(store: eventlens.Store) -> None:
    store.save_document(report("a1", [meeting("a1", date="2020-01-12")], outlet="A"))
    store.save_document(report("a2", [meeting("a2", date="2020-01-14")], outlet="B"))
    assert store.counts().events == 2  # two days apart
    store.save_document(report("a3", [meeting("a3", date="2020-01-14")], outlet="C"))
    by_date = {e.date: e.num_articles for e in meetings(store)}
    assert by_date == {"2020-01-12": 1, "2020-01-14": 2}


@pytest.mark.parametrize(
    ("outlet", "url", "expected"),
    [
        ("The Daily  Example", "https://www.daily.example/x", "the daily example"),
        (None, "https://www.daily.example/x", "daily.example"),
        ("", "http://NEWS.example:8080/a?b", "news.example"),
        (None, None, "article:a9"),
    ],
)
def test_source_key(outlet: str | None, url: str | None, expected: str) -> None:
    assert source_key(Article(id="a9", text="x", outlet=outlet, url=url)) == expected


def test_sources_counted_by_url_host_without_outlet(store: eventlens.Store) -> None:
    store.save_document(report("a1", [meeting("a1")], outlet=None, url="https://one.example/a"))
    store.save_document(report("a2", [meeting("a2")], outlet=None, url="https://www.one.example/b"))
    store.save_document(report("a3", [meeting("a3")], outlet=None, url=None))
    [event] = meetings(store)
    assert (event.num_articles, event.num_sources) == (3, 2)


def test_rules_are_symmetric_where_they_should_be() -> None:
    a, b = meeting("a1"), meeting("a2", date="2020-01-14", place=None)
    assert same_event(a, b) and same_event(b, a)
    generic = Actor("Turkish intelligence", "TURSPY", actor_id="code:TURSPY")
    assert actors_match(generic, fidan()) and actors_match(fidan(), generic)
    assert not dates_match(meeting("a1", date=None), meeting("a2", date=None))


DATES = [("2019-12-31", "day"), ("2020-01-01", "day"), ("2020-01-02", "day"), ("2020-01-13", "day"),
         ("2020-01", "month"), ("2019-12", "month"), ("2020", "year"), ("2019", "year")]  # fmt: skip


@pytest.mark.parametrize(("new_date", "new_precision"), DATES)
def test_sql_date_prefilter_keeps_every_match(new_date: str, new_precision: str) -> None:
    """The store fetches candidates by `compatible_dates`; it must not drop any date that matches."""
    new = meeting("a2", date=new_date, date_precision=new_precision)
    values, like = compatible_dates(new)
    for stored_date, stored_precision in DATES:
        stored = meeting("a1", date=stored_date, date_precision=stored_precision)
        fetched = stored_date in values or stored_date.startswith(like.rstrip("%"))
        assert fetched or not dates_match(stored, new), (stored_date, new_date)


# -- acceptance: the seed article and three rewrites by other outlets --------------------------------


@pytest.fixture
def four_reports(seed_path: Path, tmp_path: Path) -> list[Path]:
    seed = {
        "id": "seed-new-arab",
        "text": seed_path.read_text(encoding="utf-8"),
        "title": "Turkish and Syrian regime intelligence chiefs hold first meeting in years",
        "date": "2020-01-14",
        "source": "The New Arab",
    }
    seed_file = tmp_path / "seed.jsonl"
    seed_file.write_text(json.dumps(seed, ensure_ascii=False) + "\n", encoding="utf-8")
    return [seed_file, *sorted(REWRITES.glob("*.jsonl"))]


def moscow_meetings(store: eventlens.Store) -> list[Event]:
    return [
        e
        for e in store.query_events(EventQuery(limit=1000))
        if e.plover and e.plover.event == "CONSULT" and e.place and e.place.name == "Moscow"
        and {e.source.code, e.target.code} == {"TURSPY", "SYRSPY"}
    ]  # fmt: skip


@pytest.mark.slow
def test_seed_and_three_rewrites_give_one_meeting_per_direction(
    lens: eventlens.EventLens, store: eventlens.Store, four_reports: list[Path]
) -> None:
    summary = lens.ingest(four_reports, store)
    assert summary.errors == [] and summary.stored == 4 and summary.duplicates == 0
    events = moscow_meetings(store)
    print("\n".join(f"{e.source.name} -> {e.target.name} {e.cameo} {e.date}: {e.num_mentions} mentions, "
                    f"{e.num_articles} articles, {e.num_sources} sources" for e in events))  # fmt: skip
    assert sorted((e.source.code, e.target.code) for e in events) == [("SYRSPY", "TURSPY"), ("TURSPY", "SYRSPY")]
    for event in events:
        assert (event.num_articles, event.num_sources) == (4, 4)
        assert event.date == "2020-01-13"
        assert {m.article_id for m in event.mentions} == {
            "seed-new-arab", "rewrite-levant-wire", "rewrite-anatolia-ledger", "rewrite-eastern-desk",
        }  # fmt: skip
        assert event.num_mentions == len(event.mentions) >= 4


@pytest.mark.slow
def test_rewrites_ingested_in_any_order_give_the_same_counts(
    lens: eventlens.EventLens, new_store_url: Callable[[], str], four_reports: list[Path]
) -> None:
    results = []
    for order in (four_reports, four_reports[::-1]):
        with eventlens.open_store(new_store_url()) as store:
            lens.ingest(order, store)
            results.append(sorted((e.source.code, e.target.code, e.num_articles, e.num_sources)
                                  for e in moscow_meetings(store)))  # fmt: skip
    assert results[0] == results[1] == [("SYRSPY", "TURSPY", 4, 4), ("TURSPY", "SYRSPY", 4, 4)]


LATER = REWRITES / "later"


@pytest.mark.slow
def test_reports_a_day_and_two_days_later_join_the_same_meeting(
    lens: eventlens.EventLens, store: eventlens.Store, four_reports: list[Path]
) -> None:
    """Two more outlets tell the Monday meeting on Wednesday and Thursday, behind datelines
    ("ISTANBUL, Jan 15 -", "DOHA, Jan 16 -"), one as "on Monday", one as "confirmed on
    Wednesday that ... met ... two days earlier": still one meeting per direction."""
    reports = [*four_reports, *sorted(LATER.glob("*.jsonl"))]
    summary = lens.ingest(reports, store)
    assert summary.errors == [] and summary.stored == 6 and summary.duplicates == 0
    events = moscow_meetings(store)
    assert sorted((e.source.code, e.target.code) for e in events) == [("SYRSPY", "TURSPY"), ("TURSPY", "SYRSPY")]
    for event in events:
        assert event.date == "2020-01-13"
        assert (event.num_articles, event.num_sources) == (6, 6)
        assert {"rewrite-bosphorus-courier", "rewrite-gulf-dispatch"} <= {m.article_id for m in event.mentions}
