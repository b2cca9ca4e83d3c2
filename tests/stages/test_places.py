"""Table-driven tests of the places stage on real spaCy parses."""

from __future__ import annotations

import pytest

from eventlens.knowledge.gazetteer import Gazetteer
from eventlens.stages.places import EventPlacer


@pytest.fixture(scope="module")
def placer() -> EventPlacer:
    return EventPlacer(Gazetteer())


CASES = [
    # text, trigger, CAMEO code, expected place name, expected ISO-3 (None: the clause names no
    # place; a place named elsewhere in the sentence may still be taken, recorded as such)
    ("The heads of Turkish and Syrian intelligence met in Moscow on Monday.", "met", "043", "Moscow", "RUS"),
    ("Mamlouk called on Turkey to withdraw its troops from Syria.", "withdraw", "0874", "Syria", "SYR"),
    ("Turkey demanded the withdrawal of US troops from Syria.", "withdrawal", "0874", "Syria", "SYR"),
    ("Rebels are trapped in the Idlib region, which has been fiercely bombed by Russia and the regime.", "bombed",
     "195", "Idlib", "SYR"),
    ("Russian jets bombed Idlib on Sunday.", "bombed", "195", "Idlib", "SYR"),
    ("Fidan met Mamlouk, the head of the Syrian regime's security bureau, in the Russian capital.", "met", "043",
     "Moscow", "RUS"),
    ("Turkey has also purchased S-400 missiles from Russia.", "purchased", "062", None, None),
    ("Kurdish forces in northern Syria attacked a convoy.", "attacked", "190", None, None),
    ("The ministers held talks at a hotel in Geneva.", "talks", "040", "Geneva", "CHE"),
    ("Fidan discussed the ceasefire in Idlib with Mamlouk.", "discussed", "040", None, None),
    ("Police arrested three activists in Moscow, Idaho.", "arrested", "173", "Moscow", "USA"),
    ("The talks in the Turkish capital ended without agreement.", "talks", "040", "Ankara", "TUR"),
    ("Regime and Russian forces deployed to northeastern Syria.", "deployed", "150", "northeastern Syria", "SYR"),
    ("Israeli jets struck targets near Damascus.", "struck", "195", "Damascus", "SYR"),
    ("Protesters gathered outside the embassy in Baghdad.", "gathered", "141", "Baghdad", "IRQ"),
    ("The foreign ministers met in Idlib province.", "met", "043", "Idlib", "SYR"),
    ("Russia and Turkey agreed on a ceasefire.", "agreed", "057", None, None),
    ("Fighting erupted in the east of the Euphrates River.", "Fighting", "190", "Euphrates", "SYR"),
    ("Officials met in Paris, Texas.", "met", "040", "Paris", "USA"),
    ("Officials met in Paris.", "met", "040", "Paris", "FRA"),
    ("The summit took place in Gaza.", "summit", "040", "Gaza Strip", "PSE"),
    ("Erdogan and Putin met in Sochi and discussed the border.", "discussed", "040", "Sochi", "RUS"),
    ("Over 1,600 people have been killed since April 2019 in the regime's assault on Idlib.", "assault", "190",
     "Idlib", "SYR"),
    ("Turkey sent troops into Libya.", "sent", "150", "Libya", "LBY"),
    ("The Assad regime has received crucial backing from Iran and Russia.", "received", "070", None, None),
    ("Trump imposed tariffs targeting Canada and Mexico.", "targeting", "163", None, None),
    ("Students held protests over the war in Gaza.", "protests", "141", None, None),
    ("Putin has shown hostility towards the West.", "hostility", "110", None, None),
    ("The family of a journalist who was killed in Malta sued the state.", "killed", "186", "Malta", "MLT"),
    ("Militants attacked a passenger train in Pakistan's Balochistan province.", "attacked", "190", "Balochistan",
     "PAK"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "cameo", "name", "iso3"), CASES)
def test_event_places(anchored_event, placer, text, trigger, cameo, name, iso3) -> None:
    doc, event = anchored_event(text, trigger, cameo=cameo)
    placer(doc)
    if name is None:
        assert event.place is None or event.place.basis != "clause"
    else:
        assert event.place is not None
        assert (event.place.name, event.place.country, event.place.basis) == (name, iso3, "clause")


def test_cities_have_coordinates(anchored_event, placer) -> None:
    doc, event = anchored_event("The heads of the two agencies met in Moscow.", "met", cameo="043")
    placer(doc)
    assert event.place is not None and event.place.geonameid and abs(event.place.lat - 55.75) < 0.5


def test_headline_event_takes_the_place_of_the_same_news(anchored_event, add_event, placer) -> None:
    doc, headline = anchored_event(
        "The spy chiefs met in Moscow on Monday.",
        "meeting",
        cameo="043",
        title="Spy chiefs hold first meeting in years",
    )
    body = add_event(doc, "met", cameo="043")
    placer(doc)
    assert body.place is not None and body.place.name == "Moscow"
    assert headline.place is not None and headline.place.name == "Moscow"


def test_a_later_body_event_takes_the_paragraph_place_with_less_confidence(
    anchored_event, add_event, placer
) -> None:
    doc, lead = anchored_event(
        "The spy chiefs met in Moscow on Monday. They discussed a ceasefire.", "met", cameo="043"
    )
    later = add_event(doc, "discussed", cameo="043")
    placer(doc)
    assert lead.place is not None and lead.place.basis == "clause"
    assert later.place is not None and (later.place.name, later.place.basis) == ("Moscow", "paragraph")
    assert later.place.confidence is not None and later.place.confidence < lead.place.confidence


@pytest.mark.parametrize(
    ("text", "cameo", "place"),
    [
        ("In December, Mogadishu announced it was cutting ties with Kenya.", "16", "Mogadishu"),
        ("Beijing accused Washington of interfering in its affairs.", "11", "Beijing"),
    ],
)
def test_a_government_named_by_its_capital_acts_there(process_text, text: str, cameo: str, place: str) -> None:
    doc = process_text(text, published="2020-01-14")
    found = [e for e in doc.events if e.cameo.startswith(cameo)]
    assert found and found[0].place is not None and found[0].place.name == place, [
        (e.cameo, e.place) for e in doc.events
    ]
    assert found[0].place.basis == "seat"  # an inference, trusted less than a place the text gives


def test_a_capital_that_strikes_is_not_where_the_strike_happens(process_text) -> None:
    doc = process_text("Moscow attacked Kyiv on Monday.", published="2020-01-14")
    assert all(e.place is None or e.place.name != "Moscow" for e in doc.events)


def test_an_appeal_to_the_security_council_is_made_at_its_seat(process_text) -> None:
    text = (
        "The U.N. Security Council met on Monday to discuss Sudan. Doctors Without Borders urged the council "
        "to press the warring parties to allow aid."
    )
    doc = process_text(text, published="2025-03-12")
    appeals = [e for e in doc.events if e.cameo.startswith("02")]
    assert appeals and all(e.place is not None and e.place.name == "New York" for e in appeals), [
        (e.cameo, e.place) for e in doc.events
    ]


def test_a_strike_on_an_institution_is_not_at_its_seat(process_text) -> None:
    """A guard: only what is said to a seated body happens at its seat."""
    doc = process_text("Rebels attacked a convoy of the Security Council's envoy near Goma.", published="2025-03-12")
    assert all(e.place is None or e.place.name != "New York" for e in doc.events)


def test_sanctions_from_afar_do_not_take_the_place_where_the_story_happens(process_text) -> None:
    text = (
        "Iranian security forces fired on protesters in the northwestern city of Tabriz late on Wednesday.\n\n"
        "Protesters set fire to cars in the city, witnesses said.\n\n"
        "The United States imposed sanctions on Iran's morality police on Thursday."
    )
    doc = process_text(text, published="2022-09-23")
    sanctions = [e for e in doc.events if e.cameo.startswith("16") and e.source.code == "USA"]
    assert sanctions and all(e.place is None or e.place.country != "IRN" for e in sanctions), [
        (e.cameo, e.place) for e in doc.events
    ]
    force = [e for e in doc.events if e.cameo.startswith("19")]
    assert force and force[0].place is not None and force[0].place.name == "Tabriz"


def test_an_international_body_condemning_a_strike_is_not_where_it_fell(process_text) -> None:
    text = (
        "Iran fired about 180 ballistic missiles at Israel on Tuesday evening, the Israeli military said.\n\n"
        "Most of the missiles were intercepted.\n\n"
        "United Nations Secretary-General Antonio Guterres condemned the attack on Wednesday."
    )
    doc = process_text(text, published="2024-10-02")
    condemned = [e for e in doc.events if e.cameo.startswith("11") and (e.source.code or "").startswith("IGO")]
    assert condemned and all(e.place is None for e in condemned), [(e.cameo, e.place) for e in doc.events]


def test_a_capital_struck_is_a_place_not_its_government(process_text) -> None:
    doc = process_text("Russian missiles struck central Kyiv during the morning rush hour on Monday.",
                       published="2022-10-11")  # fmt: skip
    strikes = [e for e in doc.events if e.cameo.startswith(("18", "19"))]
    assert strikes, [(e.cameo, e.target.code) for e in doc.events + doc.rejected]
    assert {e.target.code for e in strikes} == {"UKR"}
    assert all(e.place is not None and e.place.name == "Kyiv" for e in strikes)
