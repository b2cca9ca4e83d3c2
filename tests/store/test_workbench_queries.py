"""The workbench's store queries answer alike on SQLite and PostgreSQL (issue 13): full-text search,
counts, sorts, overlap dates, literal actor filters, the pre-aggregated actor counts, the network's
and the map's GROUP BYs, an event's articles. Each test runs once per backend (`store`)."""

from __future__ import annotations

import eventlens
from eventlens.model import Actor, ActorMention, Article, Document, Event, Mention, Place, Sentence
from eventlens.store import EventQuery

TUR = Actor("Hakan Fidan", "TURSPY", "TUR", actor_id="kb:hakan-fidan", kind="person")
SYR = Actor("Ali Mamlouk", "SYRSPY", "SYR", actor_id="kb:ali-mamlouk", kind="person")
RUS = Actor("Russia", "RUS", "RUS", actor_id="code:RUS", kind="country")
EVENTS = [  # (article, source, target, cameo, goldstein, quad, date, sentence)
    ("a1", TUR, SYR, "043", 2.8, 1, "2020-01-13", "Hakan Fidan met Ali Mamlouk in Moscow for talks."),
    ("a1", SYR, TUR, "112", -2.0, 3, "2020-01", "Mamlouk accused Turkey of breaking the ceasefire."),
    ("a2", RUS, SYR, "190", -10.0, 4, "2019", "Russian jets bombed rebel positions near Idlib."),
    ("a3", TUR, RUS, "057", 8.0, 1, None, "Turkey and Russia signed a grain agreement."),
    ("a3", RUS, TUR, "036", 4.0, 1, "2021-05-02", "Russia offered 100% of the wheat_exports to Turkey."),
]


def fill(store: eventlens.Store) -> dict[str, str]:
    by_article: dict[str, list[tuple]] = {}
    for row in EVENTS:
        by_article.setdefault(row[0], []).append(row)
    ids = {}
    for article_id, rows in by_article.items():
        text = " ".join(r[7] for r in rows)
        doc = Document(article=Article(id=article_id, text=text, url=f"https://www.outlet-{article_id}.example/x"),
                       text=text)  # fmt: skip
        offset = 0
        for index, (_, source, target, cameo, goldstein, quad, day, sentence) in enumerate(rows):
            doc.sentences.append(Sentence(index, offset, offset + len(sentence), sentence))
            event = Event(article_id, source, target, cameo, goldstein=goldstein, quad_class=quad, date=day,
                          date_precision={None: "unknown", 4: "year", 7: "month", 10: "day"}[len(day) if day else None],
                          place=Place("Moscow", "RUS", 55.75, 37.62) if cameo == "043" else None,
                          mentions=[Mention(article_id, index, offset, offset + 5, sentence[:5])])  # fmt: skip
            event.id = event.make_id()
            ids[sentence] = event.id
            doc.events.append(event)
            doc.actor_mentions.append(ActorMention(source, offset, offset + 5, sentence[:5], index))
            offset += len(sentence) + 1
        assert store.save_document(doc)
    return ids


def dates(store, **filters) -> list[str | None]:
    return [e.date for e in store.query_events(EventQuery(limit=100, **filters))]


def test_search_counts_and_sorts(store):
    ids = fill(store)
    assert dates(store, sort="-date") == ["2021-05-02", "2020-01-13", "2020-01", "2019", None]
    assert dates(store, sort="date") == [None, "2019", "2020-01", "2020-01-13", "2021-05-02"]
    assert store.query_events(EventQuery(sort="goldstein"))[0].goldstein == -10.0
    assert store.count_events(EventQuery()) == 5 and store.count_events(EventQuery(quad_class=1)) == 3
    found = store.query_events(EventQuery(text="ceasefire"))
    assert [e.id for e in found] == [ids["Mamlouk accused Turkey of breaking the ceasefire."]]
    assert store.count_events(EventQuery(text="Fidan Moscow")) == 1  # an actor name and a word
    assert store.count_events(EventQuery(text="agreements")) == 1  # stemmed
    assert store.count_events(EventQuery(text="Mamlouk", quad_class=1)) == 1  # his name on the meeting
    assert store.count_events(EventQuery(text='" * ( ) : ^ -')) == 0  # never query syntax
    assert store.count_events(EventQuery(text="NEAR(Idlib")) == 1  # operators are words like any other
    assert store.count_events(EventQuery(actor="%")) == 0 and store.count_events(EventQuery(actor="_")) == 0
    assert store.count_events(EventQuery(actor="wheat_")) == 0  # `_` is no wildcard in names either
    assert store.count_events(EventQuery(place="moscow")) == 1
    assert store.count_events(EventQuery(place="country:RUS")) == 1


def test_partial_dates_overlap_the_window(store):
    fill(store)
    assert dates(store, since="2020-01-20", sort="-date") == ["2021-05-02", "2020-01"]
    assert dates(store, until="2019-06-30", sort="-date") == ["2019"]
    assert dates(store, since="2019-12", until="2020-01-05", sort="-date") == ["2020-01", "2019"]


def test_actor_counts_pairs_places_and_sources(store):
    fill(store)
    fidan = store.get_actor("kb:hakan-fidan")
    assert fidan is not None and fidan.num_events == 4 and fidan.num_mentions == 2
    assert store.get_actor("kb:nobody") is None
    assert store.list_actors(limit=1)[0].num_mentions >= 1
    russia = store.get_actor("code:RUS")
    assert russia.num_events == 3
    counterparts = {c.key: c.events for c in store.actor_counterparts("code:RUS")}
    assert counterparts == {"SYRSPY": 1, "TURSPY": 2}
    assert [(c.code, c.events) for c in store.actor_codes("kb:hakan-fidan")] == [("TURSPY", 4)]
    pairs = {p.key: p.events for p in store.pair_counts("country", EventQuery())}
    assert pairs == {"TUR\tSYR": 1, "SYR\tTUR": 1, "RUS\tSYR": 1, "TUR\tRUS": 1, "RUS\tTUR": 1}
    assert {p.key for p in store.pair_counts("country", EventQuery(since="2021"))} == {"RUS\tTUR"}
    places = store.place_counts(EventQuery(limit=10))
    assert [(p.name, p.events) for p in places] == [("Moscow", 1)]
    event = store.query_events(EventQuery(article_id="a2"))[0]
    sources = store.article_sources(event.id)
    assert [(s.id, s.source_key) for s in sources] == [("a2", "outlet-a2.example")]
    assert store.data_version() != ""
