"""Table-driven tests of the attribution stage on real spaCy parses."""

from __future__ import annotations

import pytest

from eventlens.stages.attribution import QUOTE_CUE, Attributor


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor()


CASES = [
    # text, trigger, expected reported_by (in order), expected modality
    ("The heads of Turkish and Syrian intelligence met in Moscow on Monday, a senior Turkish official and regime "
     "news agency SANA have said.", "met", ["a senior Turkish official", "SANA"], "asserted"),
    ("Fidan discussed the ceasefire with Mamlouk, according to Reuters.", "discussed", ["Reuters"], "asserted"),
    ("Mamlouk called on Turkey to withdraw its troops from Syria, according to SANA.", "called", ["SANA"], "asserted"),
    ("Mamlouk called on Turkey to withdraw its troops from Syria, according to SANA.", "withdraw", ["SANA"],
     "asserted"),
    ("Fidan's discussions with Mamlouk included the possibility of joint action, Reuters quoted an anonymous "
     "Turkish official as saying.", "discussions", ["Reuters", "an anonymous Turkish official"], "asserted"),
    ("The minister told reporters that troops had withdrawn from the town.", "withdrawn", ["The minister"],
     "asserted"),
    ("Russia said in a statement that its jets struck rebel positions.", "struck", ["Russia"], "asserted"),
    ("State media reported that the army captured the town.", "captured", ["State media"], "asserted"),
    ("Turkey claimed that Kurdish fighters attacked its soldiers.", "attacked", ["Turkey"], "claimed"),
    ("The army denied that it shelled the village.", "shelled", ["The army"], "claimed"),
    ("The army reportedly shelled the village.", "shelled", [], "claimed"),
    ("Turkish forces shelled the village.", "shelled", [], "asserted"),
    ("Mamlouk met Fidan in Moscow, SANA said.", "met", ["SANA"], "asserted"),
    ("SANA said the talks were constructive.", "said", [], "asserted"),
    ("Erdogan told Reuters that Turkey would retaliate.", "retaliate", ["Erdogan"], "asserted"),
    ("Al Arabiya reported the strike, citing military sources.", "strike", ["Al Arabiya", "military sources"],
     "asserted"),
    ("Russia bombed Idlib on Sunday. The regime shelled Hama, according to SANA.", "bombed", [], "asserted"),
    ("Russia bombed Idlib on Sunday. The regime shelled Hama, according to SANA.", "shelled", ["SANA"], "asserted"),
    ("Syrian state news agency SANA reported that Turkish troops entered the village.", "entered", ["SANA"],
     "asserted"),
    ("Ali Mamluk met with Turkish intelligence chief Hakan Fidan.", "met", [], "asserted"),
    ("Israeli officials alleged that Iran supplied the weapons.", "supplied", ["Israeli officials"], "claimed"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "trigger", "reporters", "modality"), CASES)
def test_reporters_and_stance(anchored_event, attributor, text, trigger, reporters, modality) -> None:
    doc, event = anchored_event(text, trigger)
    attributor(doc)
    assert event.reported_by == reporters
    assert event.modality == modality


def test_passive_quote_names_outlet_and_speaker(anchored_event, attributor) -> None:
    doc, event = anchored_event("Peskov was quoted by TASS as saying that the talks would continue.", "continue")
    attributor(doc)
    assert set(event.reported_by) == {"TASS", "Peskov"}


def test_denial_is_recorded(anchored_event, attributor) -> None:
    doc, _ = anchored_event("The army denied that it shelled the village.", "shelled")
    attributor(doc)
    assert [(a.name, a.cue, a.stance) for a in doc.attributions] == [("The army", "deny", "claimed")]


@pytest.mark.parametrize(
    ("text", "trigger", "speaker", "quote"),
    [
        ('Mamlouk called on Turkey to "fully adhere to the sovereignty of the Syrian Arab Republic", according '
         "to SANA.", "called", "Mamlouk", "fully adhere to the sovereignty of the Syrian Arab Republic"),
        ('"We will not allow terrorists to stay in Idlib," Assad said on Monday.', "allow", "Assad",
         "We will not allow terrorists to stay in Idlib,"),
        ('Fidan\'s discussions with Mamlouk included "the possibility of working together against the YPG, '
         "Reuters quoted an anonymous Turkish official as saying.", "discussions", "an anonymous Turkish official",
         "the possibility of working together against the YPG"),
    ],
)  # fmt: skip
def test_quotes_keep_their_speaker(anchored_event, attributor, text, trigger, speaker, quote) -> None:
    doc, event = anchored_event(text, trigger)
    attributor(doc)
    quotes = [(a.name, doc.text[a.start : a.end]) for a in doc.attributions if a.cue == QUOTE_CUE]
    assert quotes == [(speaker, quote)]
    assert event.quotes == [f'{speaker}: "{quote}"']


def test_scare_quotes_are_not_quotes(anchored_event, attributor) -> None:
    doc, event = anchored_event('Turkey set up a "safe zone" on the border.', "set")
    attributor(doc)
    assert not [a for a in doc.attributions if a.cue == QUOTE_CUE] and event.quotes == []


def test_seed_meeting_is_reported_by_sana_or_reuters(seed_doc) -> None:
    """The seed's lead says who reported the meeting; the attributions name SANA and Reuters."""
    names = {a.name for a in seed_doc.attributions}
    assert {"SANA", "Reuters", "a senior Turkish official"} <= names
    assert "Twitter" not in " ".join(names)
