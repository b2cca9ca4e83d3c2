"""The merge stage: one event told several times in an article is kept once."""

from __future__ import annotations

import pytest

from eventlens.model import Actor, Event, Mention, Place, Plover
from eventlens.stages.merge import merge_events

TUR_HEADS = Actor("Turkish intelligence chiefs", "TURSPY", "TUR", "SPY", kind="group")
FIDAN = Actor("Hakan Fidan", "TURSPY", "TUR", "SPY", "kb:hakan-fidan", "person")
MAMLOUK = Actor("Ali Mamlouk", "SYRSPY", "SYR", "SPY", "kb:ali-mamlouk", "person")
FRANCE = Actor("France", "FRA", "FRA", kind="country")


def meeting(source: Actor, start: int, kind: str = "body", date: str | None = None, cameo: str = "040") -> Event:
    return Event(
        "a", source, MAMLOUK, cameo, plover=Plover("CONSULT"), date=date,
        date_precision="day" if date else "unknown",
        mentions=[Mention("a", start // 10, start, start + 5, kind=kind)],
    )  # fmt: skip


def test_tellings_fold_into_one_with_every_mention() -> None:
    events = [
        meeting(TUR_HEADS, 0, "headline"),
        meeting(FIDAN, 100, "caption"),
        meeting(TUR_HEADS, 200, "body", date="2020-01-13", cameo="043"),
    ]
    events[2].place = Place("Moscow", "RUS", 55.75, 37.62)
    (merged,) = merge_events(events)
    assert [m.kind for m in merged.mentions] == ["headline", "caption", "body"]
    assert merged.num_mentions == 3
    assert (merged.cameo, merged.date, merged.place.name) == ("043", "2020-01-13", "Moscow")
    assert merged.source.name == "Hakan Fidan"  # the most specific telling names the actor
    assert merged.id == merged.make_id()


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (meeting(FIDAN, 50, date="2020-02-20"), "another date"),
        (meeting(FRANCE, 50), "another actor"),
        (Event("a", FIDAN, MAMLOUK, "112", plover=Plover("ACCUSE"), mentions=[Mention("a", 5, 50, 55)]), "another act"),
    ],
)
def test_different_events_stay_apart(second: Event, why: str) -> None:
    first = meeting(FIDAN, 0, date="2020-01-13")
    assert len(merge_events([first, second])) == 2, why


def test_negated_event_is_not_merged_with_the_act() -> None:
    negated = meeting(FIDAN, 50)
    negated.negated = True
    assert len(merge_events([meeting(FIDAN, 0), negated])) == 2


def test_undated_body_telling_stays_apart_from_a_dated_one() -> None:
    dated = meeting(FIDAN, 0, date="2020-01-13")
    assert len(merge_events([dated, meeting(FIDAN, 50, "body")])) == 2
    assert len(merge_events([meeting(FIDAN, 50, "caption"), dated])) == 1


def test_a_year_long_telling_stays_apart_from_a_dated_act() -> None:
    """ "Since the beginning of the year, the BLA has ramped up attacks": a campaign of the year,
    not the attack of one day or month, unless a headline or caption summarises it."""
    day = meeting(FIDAN, 0, date="2020-01-13")
    year = meeting(FIDAN, 50, date="2020")
    year.date_precision = "year"
    assert len(merge_events([day, year])) == 2
    month = meeting(FIDAN, 0, date="2020-01")
    month.date_precision = "month"
    year = meeting(FIDAN, 50, date="2020")
    year.date_precision = "year"
    assert len(merge_events([month, year])) == 2
    year_caption = meeting(FIDAN, 80, "caption", date="2020")
    year_caption.date_precision = "year"
    assert len(merge_events([meeting(FIDAN, 0, date="2020-01-13"), year_caption])) == 1


def test_two_codings_of_one_sentence_are_one_mention() -> None:
    first, second = meeting(FIDAN, 0), meeting(TUR_HEADS, 3)  # same sentence (0), overlapping spans
    (merged,) = merge_events([first, second])
    assert merged.num_mentions == 1 and merged.mentions[0].start == 0


def test_a_place_guessed_from_the_dateline_does_not_split_a_meeting() -> None:
    from eventlens.model import Actor, Event, Place
    from eventlens.stages.merge import fold, places_compatible

    moscow = Place("Moscow", "RUS", 55.75, 37.62, 524901, "city", "town", "clause", 0.9)
    doha = Place("Doha", "QAT", 25.29, 51.53, 290030, "city", "town", "dateline", 0.3)
    ankara = Place("Ankara", "TUR", 39.92, 32.85, 323786, "city", "town", "clause", 0.9)

    def meeting(place: Place) -> Event:
        return Event(article_id="a", source=Actor("Fidan", "TURSPY"), target=Actor("Mamlouk", "SYRSPY"), cameo="040",
                     date="2020-01-13", place=place)  # fmt: skip

    assert places_compatible(meeting(moscow), meeting(doha))
    assert not places_compatible(meeting(moscow), meeting(ankara))
    kept = meeting(doha)
    fold(kept, meeting(moscow))
    assert kept.place == moscow  # the clause's place wins over the dateline's


def test_a_headline_in_coarser_words_joins_the_body_telling() -> None:
    turkey = Actor("Turkey", "TUR", "TUR", kind="country")
    israel = Actor("Israel", "ISR", "ISR", kind="country")
    erdogan = Actor("Recep Tayyip Erdogan", "TURGOV", "TUR", "GOV", "kb:recep-tayyip-erdogan", "person")
    headline = Event("a", turkey, israel, "111", plover=Plover("ACCUSE"), date="2021-05-10", date_precision="day",
                     mentions=[Mention("a", 0, 0, 20, kind="headline")])  # fmt: skip
    body = Event("a", erdogan, israel, "111", plover=Plover("ACCUSE"), date="2021-05-08", date_precision="day",
                 mentions=[Mention("a", 3, 300, 330)])  # fmt: skip
    (merged,) = merge_events([headline, body])
    assert (merged.source.code, merged.date, len(merged.mentions)) == ("TURGOV", "2021-05-08", 2)


def test_a_headline_about_other_countries_stays_apart() -> None:
    turkey, israel = Actor("Turkey", "TUR", "TUR", kind="country"), Actor("Israel", "ISR", "ISR", kind="country")
    headline = Event(
        "a", turkey, israel, "111", plover=Plover("ACCUSE"), mentions=[Mention("a", 0, 0, 20, kind="headline")]
    )
    body = Event("a", FRANCE, israel, "111", plover=Plover("ACCUSE"), mentions=[Mention("a", 3, 300, 330)])
    assert len(merge_events([headline, body])) == 2
