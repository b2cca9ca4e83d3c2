"""Acts the coder must find (issue 10, class 7: statements and denials, criticism, calls and visits,
proposals, demands, cutting relations and aid, bans, deportations and arrests). Sentences written
for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventlens.model import Document

Run = Callable[..., Document]


def _kept(doc: Document, src: str, cameo: str, tgt: str) -> list[object]:
    return [
        e
        for e in doc.events
        if (e.source.code or "").startswith(src) and e.cameo.startswith(cameo) and (e.target.code or "").startswith(tgt)
    ]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("Iran denied sending weapons to Russia.", "IRN", "016", "RUS"),
        ("The Kremlin denied the allegations by Ukraine.", "RUS", "016", "UKR"),
        ("The European Union expressed concern over Israel's plans.", "IGOEUREEC", "11", "ISR"),
        ("Washington said it was deeply concerned about China's military build-up.", "USA", "111", "CHN"),
        ("Germany strongly criticized Hungary on Tuesday.", "DEU", "111", "HUN"),
        ("Mexican President Claudia Sheinbaum told Trump in a phone conversation that she would act.", "MEX",
         "041", "USA"),
        ("The Indian prime minister visited Mauritius on Tuesday.", "IND", "042", "MUS"),
        ("Trump imposed 25% tariffs on Canadian and Mexican exports.", "USA", "163", "CAN"),
        ("Nigeria cut aid to Niger after the coup.", "NGA", "162", "NER"),
        ("Kenya suspended diplomatic relations with Somalia.", "KEN", "161", "SOM"),
        ("Mali expelled the French ambassador on Monday.", "MLI", "16", "FRA"),
    ],
)  # fmt: skip
def test_acts_that_must_be_found(process_text: Run, text: str, src: str, cameo: str, tgt: str) -> None:
    doc = process_text(text)
    assert _kept(doc, src, cameo, tgt), [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]


def test_a_denied_act_is_not_coded_as_done(process_text: Run) -> None:
    doc = process_text("Iran denied that its drones attacked the tanker.")
    assert not [e for e in doc.events + doc.rejected if e.cameo.startswith("19")]
    assert [e for e in doc.events + doc.rejected if e.cameo == "016"]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("Burkina Faso, Mali and Niger withdrew from ECOWAS in January.", "BFA", "161", "IGO"),
        ("Mexico sent 10,000 troops to its northern border on Monday.", "MEX", "154", ""),
    ],
)
def test_leaving_an_organisation_and_a_deployment_to_a_place(
    process_text: Run, text: str, src: str, cameo: str, tgt: str
) -> None:
    doc = process_text(text)
    found = _kept(doc, src, cameo, tgt)
    assert found, [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]
    if not tgt:  # a mobilisation to a place is aimed at no one
        assert all(e.target.code is None for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "China has never condemned Russia's invasion of Ukraine.",
        "The White House talks about the possibility of restoring economic cooperation with Russia.",
    ],
)
def test_negated_acts_and_topics_are_not_events(process_text: Run, text: str) -> None:
    doc = process_text(text)
    assert not [e for e in doc.events if e.cameo[:2] in ("11", "04")], [
        (e.source.code, e.cameo, e.target.code, e.confidence_reasons) for e in doc.events
    ]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("He said Trump's tariffs targeting Canada and Mexico were aimed at the cartels.", "USA", "163", "CAN"),
        ("Kenya has refused to attend a weeklong hearing by the International Court of Justice.", "KEN", "12",
         "IGO"),
        ("Trump is keeping new tariffs in place on Mexico, Canada and China.", "USA", "163", "CHN"),
    ],
)  # fmt: skip
def test_targets_reached_through_a_verb_or_a_things_owner(
    process_text: Run, text: str, src: str, cameo: str, tgt: str
) -> None:
    doc = process_text(text)
    assert _kept(doc, src, cameo, tgt), [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("Erdogan spoke by video link last week with his French counterpart Emmanuel Macron.", "TUR", "041", "FRA"),
        ("The U.S. envoy spoke with Russian President Vladimir Putin on Thursday.", "USA", "04", "RUS"),
        ("Indian Prime Minister Narendra Modi traveled to Mauritius on Tuesday.", "IND", "042", "MUS"),
    ],
)
def test_calls_talks_and_visits(process_text: Run, text: str, src: str, cameo: str, tgt: str) -> None:
    doc = process_text(text)
    assert _kept(doc, src, cameo, tgt), [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    ("text", "src", "cameo", "tgt"),
    [
        ("The U.N. Security Council ramped up sanctions on North Korea in 2016.", "IGOUNO", "163", "PRK"),
        ("Germany ceased military aid to Niger in August.", "DEU", "16", "NER"),
    ],
)
def test_sanctions_and_aid_cuts(process_text: Run, text: str, src: str, cameo: str, tgt: str) -> None:
    doc = process_text(text)
    assert _kept(doc, src, cameo, tgt), [(e.source.code, e.cameo, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("French President Emmanuel Macron called Chinese subsidies unbearable.", ("FRA", "CHN")),
        (
            "Robert Jenrick, the British opposition leader, described Germany's proposed plan as a strategic disaster.",
            ("GBR", "DEU"),
        ),
        ("Kenya said Somalia's case was illegal.", ("KEN", "SOM")),
    ],
)
def test_a_damning_judgement_of_someone_or_theirs_is_a_criticism(
    process_text: Callable[..., Document], text: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    found = {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo == "111"}
    assert pair in found, [(e.cameo, e.source.code, e.target.code) for e in doc.events + doc.rejected]


@pytest.mark.parametrize(
    "text",
    [
        "Trump called Putin a strong leader.",
        "Kenya said Somalia's case was not illegal.",
        "Officials said the situation was dangerous.",
    ],
)
def test_praise_negation_or_no_one_judged_is_no_criticism(process_text: Callable[..., Document], text: str) -> None:
    assert not [e for e in process_text(text).events if e.cameo.startswith("11")]


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        # a date opening the sentence is no particle: not "call on"
        (
            'On Wednesday, French President Emmanuel Macron called Chinese subsidies "unbearable."',
            "111",
            ("FRA", "CHN"),
        ),
        (
            "Trump contended in a post that the EU is one of the most hostile and abusive authorities in the world.",
            "111",
            ("USA", "IGO"),
        ),
        ("The Kenyan president attacked the BBC for refusing to air his speech.", "111", ("KEN", "GBR")),
        ("On Monday, Turkey called on Russia to withdraw its troops.", "10", ("TUR", "RUS")),
    ],
)
def test_judgements_verbal_attacks_and_dated_calls(
    process_text: Callable[..., Document], text: str, cameo: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    found = {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo.startswith(cameo)}
    assert pair in found, [(e.cameo, e.source.code, e.target.code) for e in doc.events + doc.rejected]


def test_a_verbal_attack_is_not_violence(process_text: Callable[..., Document]) -> None:
    doc = process_text("The Kenyan president attacked the BBC for refusing to air his speech.")
    assert not [e for e in doc.events + doc.rejected if e.cameo.startswith("19")]


@pytest.mark.parametrize(
    "text",
    ["Senator Risch said the U.S. and our allies must take a long-term approach.", "Kenya said we must act now."],
)
def test_an_obligation_the_speaker_takes_on_is_no_demand(process_text: Callable[..., Document], text: str) -> None:
    assert not [e for e in process_text(text).events + process_text(text).rejected if e.pattern.startswith("say+must")]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Kenyan police busted a drug smuggling ring in Mombasa.", ("KEN", "KEN")),
        ("In November, a terrorist cell was dismantled in the Spanish city of Ceuta.", ("ESP", "ESP")),
    ],
)
def test_breaking_up_a_cell_or_ring_is_an_arrest(
    process_text: Callable[..., Document], text: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert pair in {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo == "173"}


def test_breaking_up_a_meeting_is_no_arrest(process_text: Callable[..., Document]) -> None:
    assert not [e for e in process_text("The protesters broke up the meeting.").events if e.cameo == "173"]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Kenya banned the import of maize from Tanzania on Monday.", ("KEN", "TZA")),
        ("Washington halted exports of advanced chips to China.", ("USA", "CHN")),
    ],
)
def test_banning_trade_with_a_country_is_an_embargo(
    process_text: Callable[..., Document], text: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert pair in {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo == "163"}


def test_stones_thrown_back_are_a_riot_by_the_crowd_not_the_police(process_text: Callable[..., Document]) -> None:
    doc = process_text(
        "Israeli security forces fired tear gas, rubber bullets, and stun grenades at Palestinian demonstrators, "
        "some of whom threw rocks at police."
    )
    pairs = {(e.cameo, (e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events}
    assert ("193", "ISR", "PSE") in pairs and ("145", "PSE", "ISR") in pairs


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Armed prisoners exchanged gunfire with Haitian police.", "193"),
        ("Israel and Hamas exchanged prisoners.", "0841"),
    ],
)
def test_what_is_exchanged_decides_the_act(process_text: Callable[..., Document], text: str, cameo: str) -> None:
    assert cameo in {e.cameo for e in process_text(text).events}


def test_exchanging_views_is_no_release(process_text: Callable[..., Document]) -> None:
    assert not process_text("The Turkish and Greek ministers exchanged views on trade.").events


def test_agreeing_with_someone_intends_no_act(process_text: Callable[..., Document]) -> None:
    doc = process_text("All G7 foreign ministers agree with the United States on Ukraine.")
    assert not [e for e in doc.events + doc.rejected if e.cameo.startswith("03")]


def test_agreeing_to_do_something_is_an_intent(process_text: Callable[..., Document]) -> None:
    doc = process_text("Iran agreed with Russia to hold talks in Moscow next week.")
    assert [e for e in doc.events + doc.rejected if e.cameo.startswith("03")]


def test_a_view_that_a_matter_must_go_on_is_no_demand(process_text: Callable[..., Document]) -> None:
    doc = process_text("German Chancellor Olaf Scholz on Wednesday said talks with China must continue.")
    assert not [e for e in doc.events + doc.rejected if e.pattern.startswith("say+must")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The U.N. envoy urged an end to the attacks on Gaza.", "0256"),
        ("Turkey called for an end to the violence in Syria.", "0256"),
    ],
)
def test_asking_that_force_end_is_asking_for_de_escalation(
    process_text: Callable[..., Document], text: str, code: str
) -> None:
    doc = process_text(text)
    codes = {e.cameo for e in doc.events + doc.rejected}
    assert code in codes and "113" not in codes, codes


def test_a_charge_of_wrongdoing_as_a_claim_noun_is_an_accusation(process_text: Callable[..., Document]) -> None:
    doc = process_text("India reiterated the claim that the attack was orchestrated by Pakistan.")
    assert ("IND", "PAK") in {
        ((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo == "112"
    }


@pytest.mark.parametrize(
    ("text", "cameo", "pair"),
    [
        ("Kenya lifted the curfew that Somalia imposed on Mandera.", "081", ("KEN", "SOM")),
        ("Iran rejected the deal that Russia offered.", "12", ("IRN", "RUS")),
        ("Ukraine denied the claims that Russia made.", "016", ("UKR", "RUS")),
    ],
)
def test_whoever_did_what_a_relative_clause_tells_owns_it(
    process_text: Callable[..., Document], text: str, cameo: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    assert pair in {
        ((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo.startswith(cameo)
    }


def test_assuring_someone_of_support_is_an_intent(process_text: Callable[..., Document]) -> None:
    doc = process_text("Russia assured Turkey of its support.")
    assert ("RUS", "TUR") in {
        ((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo.startswith("03")
    }


def test_an_announced_decision_is_the_act_intended_not_a_threat(process_text: Callable[..., Document]) -> None:
    doc = process_text("The United States announced last week that it would cease military aid to Ukraine.")
    assert {(e.cameo[:2], e.modality) for e in doc.events} == {("16", "intended")}


def test_a_warned_act_is_a_threat(process_text: Callable[..., Document]) -> None:
    doc = process_text("Russia warned it would cut gas supplies to Ukraine.")
    assert {e.cameo[:2] for e in doc.events} == {"13"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Spanish Prime Minister Pedro Sanchez said during a visit to Beijing that talks must go on.", ("ESP", "CHN")),
        (
            "During a visit by Starmer to the White House, Trump said he was inclined to approve the deal.",
            ("GBR", "USA"),
        ),
    ],
)
def test_whoever_speaks_during_a_visit_made_it_unless_the_visit_names_its_visitor(
    process_text: Callable[..., Document], text: str, pair: tuple[str, str]
) -> None:
    doc = process_text(text)
    visits = {((e.source.code or "")[:3], (e.target.code or "")[:3]) for e in doc.events if e.cameo.startswith("042")}
    assert visits == {pair}


def test_people_harmed_by_a_named_agent_are_its_targets(process_text) -> None:
    doc = process_text("Ukrainian forces found the bodies of civilians killed by Russian troops in Bucha.")
    harm = {(e.source.code, e.target.code) for e in doc.events if e.cameo.startswith(("18", "19", "20"))}
    assert ("RUSMIL", "UKRCVL") in harm, harm


def test_backing_told_by_a_participle_is_a_state_not_an_act(process_text) -> None:
    """A guard: "soldiers backed by African Union troops" says who backs whom, not that it happened then."""
    doc = process_text("Somali government soldiers backed by African Union troops recaptured the town on Monday.")
    assert not [e for e in doc.events if e.cameo.startswith("05")]


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Ethiopian federal forces captured Mekelle on Saturday.", "192"),
        ("Police captured the rebel leader in Goma.", "173"),
    ],
)
def test_a_town_captured_is_territory_taken_a_person_captured_is_arrested(process_text, text: str, cameo: str) -> None:
    doc = process_text(text)
    assert cameo in {e.cameo for e in doc.events + doc.rejected}, [e.cameo for e in doc.events + doc.rejected]
