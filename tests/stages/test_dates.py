"""Table-driven tests of the dates stage on real spaCy parses (publication: Tue 14 Jan 2020)."""

from __future__ import annotations

import pytest

from eventlens.stages.dates import EventDater

LEAD = "Fidan met Mamlouk in Moscow on Monday. "

CASES = [
    # text, trigger, publication date, expected date, expected precision
    ("The heads of Turkish and Syrian intelligence met in Moscow on Monday, officials said.", "met", "2020-01-14",
     "2020-01-13", "day"),
    ("Turkey broke off relations with the Assad regime in 2011.", "broke", "2020-01-14", "2011", "year"),
    (LEAD + "Mamlouk has been placed under European sanctions.", "placed", "2020-01-14", None, "unknown"),
    (LEAD + "In 2018, France issued an arrest warrant for Mamlouk.", "warrant", "2020-01-14", "2018", "year"),
    (LEAD + "Over 1,600 people have been killed since April 2019 in the regime's assault on Idlib.", "killed",
     "2020-01-14", "2019-04", "month"),
    (LEAD + "In October, Turkey and Russia signed the Sochi Agreement.", "signed", "2020-01-14", "2019-10", "month"),
    (LEAD + "In October, Turkey and Russia signed an agreement under which Russian forces deployed to the border.",
     "deployed", "2020-01-14", "2019-10", "month"),
    ("The two ministers will meet in Ankara on Friday.", "meet", "2020-01-14", "2020-01-17", "day"),
    ("Rebels fought government forces for years.", "fought", "2020-01-14", None, "unknown"),
    ("Officials said on Monday that the army had shelled the town.", "shelled", "2020-01-14", None, "unknown"),
    ("Turkish and Syrian intelligence chiefs met in Moscow, officials said.", "met", "2020-01-14", "2020-01-14", "day"),
    ("Syrian troops entered the town yesterday, state media said.", "entered", "2020-01-14", "2020-01-13", "day"),
    ("Ministers met in Geneva last week.", "met", "2020-01-14", "2020-01", "month"),
    ("The two sides signed a truce earlier this month.", "signed", "2020-01-14", "2020-01", "month"),
    ("A 45-year-old man was arrested in Aleppo on Sunday.", "arrested", "2020-01-14", "2020-01-12", "day"),
    ("Protesters gathered at 3 p.m. on Friday.", "gathered", "2020-01-14", "2020-01-10", "day"),
    ("The ministers met on Monday.", "met", None, None, "unknown"),
    ("On 14 January 2020, the ministers met in Moscow.", "met", None, "2020-01-14", "day"),
    (LEAD + "Turkey has hosted Syrian refugees since 2011.", "hosted", "2020-01-14", "2011", "year"),
    (LEAD + "Turkey has backed anti-Assad rebels in the Syrian conflict.", "backed", "2020-01-14", None, "unknown"),
    ("Russian jets bombed the town on Sunday and destroyed a hospital.", "destroyed", "2020-01-14", "2020-01-12",
     "day"),
    ("The leaders will meet next week.", "meet", "2020-01-14", "2020-01", "month"),
    (LEAD + "Elections will be held in March.", "held", "2020-01-14", "2020-03", "month"),
    ("Iraqi special forces said the commander was killed Thursday in an airstrike.", "killed", "2025-03-14",
     "2025-03-13", "day"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "published", "expected", "precision"), CASES)
def test_event_dates(anchored_event, text, trigger, published, expected, precision) -> None:
    doc, event = anchored_event(text, trigger, published=published)
    EventDater()(doc)
    assert (event.date, event.date_precision) == (expected, precision)


def test_a_later_attack_by_other_actors_is_not_dated_by_the_lead(anchored_event) -> None:
    doc, event = anchored_event(LEAD + "The army shelled villages near Hama.", "shelled", cameo="195")
    EventDater()(doc)
    assert (event.date, event.date_precision) == (None, "unknown")


def test_a_statement_told_without_a_date_takes_the_news_date(anchored_event) -> None:
    doc, event = anchored_event(LEAD + "The Kremlin also urged restraint.", "urged", cameo="020")
    EventDater()(doc)
    assert (event.date, event.date_precision) == ("2020-01-13", "day")


def test_headline_event_takes_the_lead_date(anchored_event, add_event) -> None:
    """The headline tells the news: its meeting has no date of its own but the lead's."""
    doc, headline = anchored_event(
        "Turkish and Syrian intelligence chiefs met in Moscow on Monday, officials said.",
        "meeting",
        title="Turkish and Syrian spy chiefs hold first meeting in years",
    )
    assert doc.sentences[headline.sentence_index].kind == "headline"
    EventDater()(doc)
    assert (headline.date, headline.date_precision) == ("2020-01-13", "day")


def test_later_simple_past_of_the_lead_people_is_news(anchored_event, add_event) -> None:
    """'Mamlouk called on Turkey ...' after the lead meeting of Mamlouk: the news date."""
    doc, lead = anchored_event(LEAD + "Mamlouk called on Turkey to withdraw its troops.", "met", target="Mamlouk")
    call = add_event(doc, "called", source="Mamlouk", target="Turkey")
    other = add_event(doc, "withdraw", source="Turkey", target="Syria", cameo="0874")
    EventDater()(doc)
    assert lead.date == "2020-01-13"
    assert (call.date, call.date_precision) == ("2020-01-13", "day")
    assert other.date is None  # Turkey is not a participant of the lead; and it is only asked for


def test_the_seed_article_dates(seed_doc) -> None:
    """Whatever events the coder finds in the seed, none is dated from '2 min read' or the
    date line, and none is dated after publication."""
    for event in seed_doc.events:
        assert event.date is None or event.date <= "2020-01-14"


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (LEAD + "Rebels are still fighting the army near the border.", "fighting", "2020-01-13"),
        (LEAD + "The government is keeping the curfew in place.", "keeping", "2020-01-13"),
        (LEAD + "Hundreds of protesters are blocking the main road.", "blocking", "2020-01-13"),
        (LEAD + "Gunmen are still holding and beating the hostages.", "beating", "2020-01-13"),
        (LEAD + "Rebels have been fighting the army for years.", "fighting", None),
        (LEAD + "Rebels could be fighting the army soon.", "fighting", None),
    ],
)
def test_what_is_going_on_is_the_news(anchored_event, text, trigger, expected) -> None:
    """The present progressive tells what is going on as the story is told: the news date."""
    doc, event = anchored_event(text, trigger, cameo="190")
    EventDater()(doc)
    assert event.date == expected


@pytest.mark.parametrize(
    ("text", "trigger", "cameo", "expected"),
    [
        (LEAD + "The Kremlin criticised the decision, demanding that Turkey withdraw.", "demanding", "100",
         "2020-01-13"),
        (LEAD + "Threatening to kill the hostages, the gunmen demanded a ransom.", "Threatening", "138",
         "2020-01-13"),
        (LEAD + "The minister spoke to reporters, urging calm.", "urging", "020", "2020-01-13"),
        (LEAD + "The communique said the ministers remain “alarmed by the continued attacks on shipping.”", "alarmed",
         "111", "2020-01-13"),
    ],
)  # fmt: skip
def test_a_participle_clause_shares_the_time_of_its_verb(anchored_event, text, trigger, cameo, expected) -> None:
    """ "..., demanding that ...": no tense of its own, the statement is the news like its verb."""
    doc, event = anchored_event(text, trigger, cameo=cameo)
    EventDater()(doc)
    assert event.date == expected


def test_a_later_statement_of_the_same_speaker_continues_the_paragraph_time(anchored_event, add_event) -> None:
    """ "Zelenskyy wrote Wednesday ... He also welcomed the proposal": one statement, made
    Wednesday, not on the day of the story's news."""
    text = (
        "Top diplomats from the Group of Seven met in Quebec on Friday. "
        "Zelenskyy wrote on Wednesday that Ukraine was ready for a ceasefire. "
        "He also welcomed the U.S. proposal to extend it to land."
    )
    doc, lead = anchored_event(text, "met", published="2025-03-14", source="G7", target="G7")
    wrote = add_event(doc, "wrote", cameo="010", source="Zelenskyy", target="Ukraine")
    welcomed = add_event(doc, "welcomed", cameo="051", source="Zelenskyy", target="Ukraine")
    EventDater()(doc)
    assert lead.date == "2025-03-14"
    assert wrote.date == "2025-03-12"
    assert (welcomed.date, welcomed.date_precision) == ("2025-03-12", "day")
