"""Events whose sides the text names outside the act's own phrase (issue 10, error classes 3 and 7):
envoys, reactions to acts told before, "the group" for an organisation named before, generic
actors in a story set in one country, and the lexicon entries for eased sanctions, blame and
ultimatums. Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import Document, Event

Run = Callable[..., Document]


def _kept(doc: Document, cameo: str) -> list[Event]:
    return [e for e in doc.events if e.cameo.startswith(cameo)]


def _pairs(doc: Document, cameo: str) -> set[tuple[str, str]]:
    return {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in _kept(doc, cameo)}


@pytest.mark.parametrize(
    "text",
    [
        "Somalia's ambassador to Kenya accused Kenya of harassing refugees.",
        "The Somali ambassador to Kenya accused Kenya of harassing refugees.",
    ],
)
def test_an_ambassador_is_of_the_sending_country_not_the_host(process_text: Run, text: str) -> None:
    assert ("SOM", "KEN") in _pairs(process_text(text), "112")


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        # the doer of the attack told before is the one condemned
        (
            "Rebels stormed a police station in Quetta on Monday. Pakistan's government condemned the attack.",
            "111",
            ("PAK", "PAK"),
        ),
        # an accusation told before: its maker is the one whose allegations are rejected
        ("Ukraine accused Russia of shelling the power plant. Russia rejected the allegations.", "016", ("RUS", "UKR")),
    ],
)
def test_a_reaction_to_an_act_told_before_aims_at_its_doer(
    process_text: Run, text: str, cameo: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert _pairs(doc, cameo) == {pair}, [(e.cameo, e.source.code, e.target.code) for e in doc.events]


def test_the_arrestee_is_not_the_one_criticised_the_arresting_police_are(process_text: Run) -> None:
    doc = process_text(
        "Police in Harare arrested the journalist Jonas Moyo on Monday. Britain condemned Moyo's arrest."
    )
    assert {(e.source.code, e.target.code) for e in _kept(doc, "111")} == {("GBR", "ZWECOP")}


def test_the_condemned_arrest_is_the_authorities_act_when_no_one_is_named(process_text: Run) -> None:
    doc = process_text("Rights groups in London condemned the arrest of the Zimbabwean journalist Jonas Moyo.")
    targets = {(e.target.code or "") for e in doc.events + doc.rejected if e.cameo == "111"}
    assert targets == {"ZWEGOV"}


def test_a_reaction_to_an_act_not_told_keeps_no_guessed_target(process_text: Run) -> None:
    doc = process_text("Turkey condemned the attack on Tuesday.")
    assert not _kept(doc, "111")


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        (
            "The Baloch Liberation Army attacked a train in Balochistan on Tuesday. "
            "The group demanded the release of prisoners held by Pakistan.",
            "10",
            ("PAK", "PAK"),
        ),
        (
            "ECOWAS leaders met in Abuja on Sunday. Mali accused the regional body of failing its members.",
            "112",
            ("MLI", "IGO"),
        ),
    ],
)
def test_the_group_and_the_bloc_refer_back_to_the_organisation_named_before(
    process_text: Run, text: str, cameo: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert pair in _pairs(doc, cameo), [(e.cameo, e.source.code, e.target.code) for e in doc.events + doc.rejected]


def test_the_group_does_not_reach_a_country_or_a_person(process_text: Run) -> None:
    doc = process_text("President Ruto visited Mombasa on Monday. The group demanded the release of prisoners.")
    assert not _kept(doc, "10")


def test_unnamed_lawmakers_take_the_country_the_story_is_set_in(process_text: Run) -> None:
    text = (
        "Somalia's president extended his term by two years on Tuesday. Somalia's parliament approved it. "
        "Opposition lawmakers accused President Farmajo of a power grab."
    )
    doc = process_text(text, published="2021-04-14")
    sources = {e.source.code for e in doc.events + doc.rejected if e.cameo.startswith("112")}
    assert sources and all((s or "").startswith("SOM") for s in sources), sources


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        ("Washington delayed the tariffs on Canada for four weeks.", "085", ("USA", "CAN")),
        ("Kenya gave the United Nations 14 days to present a plan.", "139", ("KEN", "IGO")),
        ("Israel gave Hamas a deadline to release the hostages.", "139", ("ISR", "PSE")),
        ("Ethiopia placed the blame on Eritrea for the clashes.", "112", ("ETH", "ERI")),
    ],
)
def test_lexicon_eased_tariffs_ultimatums_and_blame(
    process_text: Run, text: str, cameo: str, pair: tuple[str, str]
) -> None:
    assert pair in _pairs(process_text(text), cameo)


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        (
            "The United Nations says both Israel and Hamas have committed grave human rights abuses.",
            "1122",
            ("IGO", "ISR"),
        ),
        ("Kenya said Somalia was behind the attack on the border post.", "112", ("KEN", "SOM")),
        ("Kenya said Somalia was responsible for the bombing.", "112", ("KEN", "SOM")),
        ("India said the attack was orchestrated by Pakistan.", "112", ("IND", "PAK")),
        ("Washington said the Chinese minister was involved in corrupt acts.", "1121", ("USA", "CHN")),
    ],
)
def test_a_statement_that_charges_someone_with_a_wrong_is_an_accusation(
    process_text: Run, text: str, cameo: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert pair in _pairs(doc, cameo), [(e.cameo, e.source.code, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    "text",
    ["Kenya said Somalia committed itself to peace.", "Officials said the talks were productive."],
)
def test_a_statement_without_a_wrong_is_no_accusation(process_text: Run, text: str) -> None:
    assert not [e for e in process_text(text).events if e.cameo.startswith("112")]


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        ("Kim Jong Un asked Trump for sanctions relief in Hanoi. Trump denied the request.", "12", ("USA", "PRK")),
        (
            "The United States accused Russia of buying weapons from North Korea. "
            "Russia's envoy dismissed accusations that it buys weapons.",
            "016",
            ("RUS", "USA"),
        ),
    ],
)
def test_a_request_or_charges_told_before_are_whose_they_were(
    process_text: Run, text: str, cameo: str, pair: tuple[str, str]
) -> None:
    assert pair in _pairs(process_text(text), cameo)


_TURKEY_US = (
    "Turkey bought S-400 missiles from Russia in 2019. The United States suspended Turkey from the F-35 "
    "programme. Washington threatened Ankara with sanctions on Monday. Turkey rejected U.S. demands on Tuesday. "
)


def test_an_untargeted_warning_aims_at_the_other_side_of_the_story(process_text: Run) -> None:
    doc = process_text(_TURKEY_US + "Ankara threatened to retaliate.")
    warned = [e for e in doc.events if e.cameo.startswith("13") and (e.source.code or "").startswith("TUR")]
    assert warned and all((e.target.code or "").startswith("USA") for e in warned)
    assert all("story_target" in e.confidence_reasons for e in warned)


def test_no_story_pair_no_guessed_target(process_text: Run) -> None:
    doc = process_text("Turkey bought S-400 missiles from Russia. Ankara threatened to retaliate.")
    assert not [e for e in doc.events if "story_target" in e.confidence_reasons]


def test_fighting_a_fire_abroad_is_not_an_attack_on_the_country(process_text: Run) -> None:
    doc = process_text("Australian firefighters, who have in previous years battled blazes in Canada, arrived.")
    assert not [e for e in doc.events if e.cameo.startswith("19")]


@pytest.mark.parametrize(
    "text",
    [
        "Iranian diplomats and Western officials cooperated closely in Geneva on Monday.",
        "Army officers and rebels were negotiating in Juba on Friday.",
    ],
)
def test_the_place_of_a_cooperation_or_talks_is_no_partner(process_text: Run, text: str) -> None:
    doc = process_text(text)
    assert not [e for e in doc.events + doc.rejected if e.target.kind == "place" or e.source.kind == "place"]


def test_denying_the_charges_against_oneself_answers_the_state(process_text: Run) -> None:
    doc = process_text(
        "Police in Harare arrested the journalist Jonas Moyo on Monday. Moyo denies the charges against him."
    )
    assert {(e.source.code, e.target.code) for e in doc.events if e.cameo == "016"} == {("ZWEMED", "ZWEGOV")}


def test_both_sides_are_the_two_sides_of_the_story(process_text: Run) -> None:
    doc = process_text(
        "Israeli troops attacked Hamas fighters in Gaza. Hamas fired rockets at Israel. Israel bombed Hamas "
        "positions. The United Nations says both sides have committed grave abuses."
    )
    targets = {(e.target.code or "")[:3] for e in doc.events if e.cameo.startswith("112")}
    assert targets == {"ISR", "PSE"}


def test_both_sides_in_a_story_set_in_one_country_is_that_country(process_text: Run) -> None:
    doc = process_text(
        "Sudan's army shelled Omdurman on Monday. Sudanese officials met in Port Sudan. Sudan's army fought "
        "rebels near Khartoum. The United Nations says both sides have committed grave abuses."
    )
    assert {e.target.code for e in doc.events if e.cameo.startswith("112")} == {"SDN"}


def test_a_complaint_over_raids_named_by_their_doer_aims_at_the_doer(process_text: Run) -> None:
    doc = process_text("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.")
    assert ("LBN", "ISR") in _pairs(doc, "11")


def test_the_us_is_not_we(process_text: Run) -> None:
    doc = process_text("Egypt's President Hosni Mubarak said the US must be ready to mediate in the Middle East.")
    assert ("EGY", "USA") in _pairs(doc, "10")


def test_the_three_nations_are_the_three_countries_just_named(process_text: Run) -> None:
    doc = process_text(
        "In late January, Burkina Faso, Mali and Niger withdrew from ECOWAS and created the Alliance of Sahel "
        "States. The three military-led nations accused the regional body of failing to protect its members."
    )
    assert {s for s, _ in _pairs(doc, "112")} == {"BFA", "MLI", "NER"}


def test_a_count_that_fits_no_recent_list_stays_unnamed(process_text: Run) -> None:
    doc = process_text("Mali and Niger left ECOWAS. The three nations accused the bloc of failing its members.")
    assert not _kept(doc, "112")


def test_a_reaction_to_an_unowned_move_in_a_two_sided_story_aims_at_the_other_side(process_text: Run) -> None:
    doc = process_text(_TURKEY_US + "Ankara denounced the move on Wednesday.")
    denounced = [e for e in doc.events if e.cameo.startswith("11") and (e.source.code or "").startswith("TUR")]
    assert denounced and all((e.target.code or "").startswith("USA") for e in denounced)


def test_the_two_countries_never_include_the_side_itself(process_text: Run) -> None:
    doc = process_text("The United States and Jordan agreed upon a free-trade pact between the two countries.")
    assert all(
        (e.source.code or "")[:3] != (e.target.code or "")[:3] for e in doc.events + doc.rejected if e.target.code
    )


def test_a_dateline_names_where_the_story_was_filed_not_who_acted(process_text) -> None:
    doc = process_text("NAIROBI, Kenya — Kenyan police fired tear gas at hundreds of protesters on Tuesday.",
                       published="2024-06-26")  # fmt: skip
    force = [(e.source.code, e.target.code) for e in doc.events if e.cameo.startswith("19")]
    assert force == [("KENCOP", "KENOPP")], force
    assert not [m for m in doc.actor_mentions if m.text.startswith(("NAIROBI", "Kenya —"))]


def test_condemning_the_use_of_force_against_people_aims_at_who_used_it(process_text) -> None:
    text = (
        "Kenyan police fired tear gas at hundreds of protesters in Nairobi on Tuesday. Protesters in Mombasa also "
        "clashed with police. Amnesty International condemned the use of force against peaceful demonstrators."
    )
    doc = process_text(text, published="2024-06-26")
    condemned = {e.target.code for e in doc.events if e.cameo.startswith("11") and e.source.code == "NGOHRI"}
    assert condemned == {"KENCOP"}, condemned


def test_soldiers_an_army_tells_of_are_its_own(process_text) -> None:
    text = (
        "Israeli forces killed two Palestinian militants during a raid in the West Bank city of Nablus early "
        "Monday, the Palestinian Health Ministry said. The Israeli army said soldiers came under fire and shot "
        "back. Later Monday, Palestinian President Mahmoud Abbas condemned the raid."
    )
    doc = process_text(text, published="2023-08-15")
    condemned = {e.target.code[:3] for e in doc.events if e.cameo.startswith("11") and e.source.code == "PSEGOV"}
    assert condemned == {"ISR"}, [(e.source.code, e.cameo, e.target.code) for e in doc.events]
