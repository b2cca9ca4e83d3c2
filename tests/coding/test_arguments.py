"""Argument kinds: things (prices, weather, documents, abstract nouns) are never actors.

Sentences written for these tests (issue 10, error classes 1 and 5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import Document

Run = Callable[..., Document]


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain hit sales in Britain last month.",
        "Shares of the carmaker hit a record high on Monday.",
        "The storm hit farms across the region on Friday.",
        "The White House released a video of the meeting on Tuesday.",
        "The ministry released new unemployment figures on Thursday.",
        "Kenya's president fired the interior minister on Friday.",
        "Rising prices forced the central bank to act.",
    ],
)
def test_ordinary_words_are_not_political_acts(process_text: Run, text: str) -> None:
    doc = process_text(text)
    assert not doc.events, [(e.source.name, e.cameo, e.target.name) for e in doc.events]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("Hamas released three Israeli hostages on Sunday.", "PSE", "0841", "ISR"),
        ("France condemned Iran's decision to enrich uranium.", "FRA", "111", "IRN"),
        ("Israeli troops fired on Palestinian protesters in Gaza on Friday.", "ISR", "193", "PSE"),
        ("Germany criticized the brutality of the Myanmar military.", "DEU", "111", "MMR"),
    ],
)
def test_a_things_owner_or_a_person_is_the_actor(process_text: Run, text: str, src: str, cameo: str, tgt: str) -> None:
    doc = process_text(text)
    found = [
        e
        for e in doc.events
        if (e.source.code or "").startswith(src) and e.cameo.startswith(cameo) and (e.target.code or "").startswith(tgt)
    ]
    assert found, [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("Police arrested 12 opposition activists in Kampala on Monday.", "UGACOP", "173", "UGA"),
        ("The journalist was arrested in Harare on Monday.", "ZWEGOV", "173", "ZWE"),
        ("Afghanistan's foreign minister accused the U.N. envoy of misrepresenting the situation.", "AFG", "112",
         "IGOUNO"),
    ],
)  # fmt: skip
def test_unnamed_and_implicit_sides_take_the_country_the_text_gives(
    process_text: Run, text: str, src: str, cameo: str, tgt: str
) -> None:
    _assert_coded(process_text(text), src, cameo, tgt)


def test_a_discussed_topic_is_not_a_party(process_text: Run) -> None:
    """Mirror copies (issue 10, class 6): 'discussed China' is no meeting with China, either way round."""
    doc = process_text("The G7 foreign ministers discussed China on Friday in Quebec.")
    assert not [e for e in doc.events + doc.rejected if e.cameo.startswith("04") and "CHN" in (e.target.code or "")]


def test_gunmen_take_the_country_the_text_places_them_in(process_text: Run) -> None:
    """'gunmen in Mogadishu' is SOMUAF (gold/ANNOTATION.md): a generic actor with the text's country."""
    doc = process_text("Gunmen killed three people in Kabul on Sunday.")
    assert [e for e in doc.events if e.source.code == "AFGUAF" and e.cameo.startswith("19")], [
        (e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected
    ]


def test_a_things_agent_is_its_owner(process_text: Run) -> None:
    """'the release of the journalist by Iran': Iran's act, whoever it concerns."""
    doc = process_text("Germany welcomed the release of the journalist by Iran.")
    targets = {(e.target.code or "")[:3] for e in doc.events if e.cameo.startswith("051")}
    assert targets == {"IRN"}, [(e.source.code, e.cameo, e.target.code) for e in doc.events]


def test_the_statement_is_the_one_an_actor_was_said_to_issue(process_text) -> None:
    doc = process_text(
        "U.S. Secretary of State Antony Blinken issued a statement on Tuesday about Somalia. "
        "The statement threatened sanctions against Somalia."
    )
    assert {(e.source.code, e.target.code) for e in doc.events if e.cameo.startswith("13")} == {("USAGOV", "SOM")}


def test_a_statement_no_one_was_said_to_issue_stays_unowned(process_text) -> None:
    doc = process_text("The statement threatened sanctions against Somalia.")
    assert not doc.events


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Militants linked with the Baloch Liberation Army attacked a police post near Quetta.", "PAKREB"),
        ("Gunmen loyal to the Taliban attacked a checkpoint in Kunduz.", "AFGREB"),
    ],
)
def test_unnamed_members_stand_for_the_group_they_are_tied_to(process_text, text: str, source: str) -> None:
    doc = process_text(text)
    assert source in {e.source.code for e in doc.events + doc.rejected if e.cameo.startswith("19")}


def test_an_attack_near_a_town_is_on_its_country(process_text) -> None:
    doc = process_text("The Baloch Liberation Army attacked a passenger train near Sibi on Tuesday.")
    assert {(e.source.code, e.target.code) for e in doc.events if e.cameo.startswith("19")} == {("PAKREB", "PAK")}


@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe will impose sanctions on Iran. We reject Iran's offer,\u201d U.S. Secretary of State Marco Rubio "
        "said.",
        "U.S. Secretary of State Marco Rubio said on Monday: \u201cWe will impose sanctions on Iran. We reject Iran's "
        "offer.\u201d",
    ],
)
def test_a_first_person_in_a_quotation_is_its_speaker(process_text, text: str) -> None:
    doc = process_text(text)
    sources = {e.source.code for e in doc.events + doc.rejected if e.target.code == "IRN"}
    assert sources == {"USAGOV"}, [(e.cameo, e.source.code, e.target.code) for e in doc.events + doc.rejected]


def test_a_first_person_outside_any_quotation_is_nobody_known(process_text) -> None:
    doc = process_text("Iran rejected the offer on Monday. We will impose sanctions on Iran.")
    assert not [e for e in doc.events if e.cameo.startswith("13")]


def test_the_council_reaches_back_to_the_council_named_earlier(process_text) -> None:
    doc = process_text(
        "UNICEF chief Catherine Russell briefed the U.N. Security Council on Monday. Fighting continued in Darfur. "
        "Aid trucks were stopped at the border. Thousands fled to Chad. Russell urged the council to act."
    )
    assert ("IGO", "IGO") in {
        ((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo.startswith("02")
    }


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        # a name the tagger took for a person or a company, framed by the text as a place
        ("Azerbaijani forces shelled Stepanakert, the main city of Nagorno-Karabakh.", "AZE", "19", "AZE"),
        ("Russian troops bombed a hospital in the port city of Mariupol.", "RUS", "19", "UKR"),
        # unnamed attackers take the country of the place of what they attacked
        ("Gunmen attacked a church in Kaduna on Sunday.", "NGA", "19", "NGA"),
        ("Rebels attacked a police post in Bamenda.", "CMR", "19", "CMR"),
        ("Gunmen killed a local council member in the town of Al Bab.", "SYR", "19", "SYR"),
        # a place a few prepositions down locates unnamed protesters
        ("Around 50 people demonstrated in front of the governorate building in Sweida city.", "SYR", "14", "SYR"),
        # "south of X": near X, so in X's country
        ("Russian troops shelled positions south of Kharkiv.", "RUS", "19", "UKR"),
        # a square named after another city is where it is, not that city's
        ("Nurses protested in Paris Square of Haifa city, demanding better pay from the Health Ministry.", "ISR",
         "14", "ISR"),
    ],
)  # fmt: skip
def test_a_place_the_text_frames_stands_for_its_country(
    process_text: Run, text: str, src: str, cameo: str, tgt: str
) -> None:
    _assert_coded(process_text(text), src, cameo, tgt)


def test_a_framed_place_not_in_the_gazetteer_is_no_one(process_text: Run) -> None:
    """'the town of Kafr Zeitoun': not a person; with the place not known, the act's place phrase
    gives the country (a guard: the town must not be taken for someone unknown)."""
    doc = process_text("Syrian troops shelled the town of Kafr Zeitoun in the countryside of Hama.")
    found = {(e.source.code, e.target.code) for e in doc.events if e.cameo.startswith("19")}
    assert any((t or "").startswith("SYR") for _, t in found), found


def _assert_coded(doc, src: str, cameo: str, tgt: str) -> None:
    """Some kept event has a source, code and target starting so."""
    found = [
        e
        for e in doc.events
        if (e.source.code or "").startswith(src) and e.cameo.startswith(cameo) and (e.target.code or "").startswith(tgt)
    ]
    assert found, [(e.source.code, e.cameo, e.target.code, e.confidence_reasons) for e in doc.events + doc.rejected]
