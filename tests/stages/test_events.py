"""The event coder on real parses: voice, coordination, meetings, speech acts, nominal events,
negation and modality, unknown actors, and the fields every event carries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.evaluation import read_gold
from eventlens.knowledge.lexicon import Lexicon
from eventlens.knowledge.ontology import Ontology
from eventlens.model import Document, Event
from eventlens.stages.events import EventCoder

Run = Callable[..., Document]


def _coded(doc: Document) -> list[Event]:
    """What the coder made: the events kept in the record and the candidates the assess stage set apart."""
    return doc.events + doc.rejected


def _find(doc: Document, src: str | None, tgt: str | None, cameo_prefix: str) -> list[Event]:
    """Coded events whose source/target codes start with `src`/`tgt` (None: no code) and whose code starts so."""

    def side_ok(code: str | None, want: str | None) -> bool:
        return code is None if want is None else (code or "").startswith(want)

    return [
        e
        for e in _coded(doc)
        if side_ok(e.source.code, src) and side_ok(e.target.code, tgt) and e.cameo.startswith(cameo_prefix)
    ]


def _show(doc: Document) -> list[str]:
    return [f"{e.source.code}>{e.target.code} {e.cameo} {e.pattern} {e.modality} {e.negated}" for e in _coded(doc)]


@pytest.mark.parametrize(
    ("text", "src", "tgt", "cameo"),
    [
        # passive voice with coordinated agents: one event per agent
        ("Idlib has been bombed by Russia and the Syrian regime.", "RUS", "SYR", "195"),
        ("Idlib has been bombed by Russia and the Syrian regime.", "SYRGOV", "SYR", "195"),
        # coordinated sources of a nominal event, recipient as the clause subject
        ("The Syrian government has received crucial backing from Iran and Russia.", "IRN", "SYR", "05"),
        ("The Syrian government has received crucial backing from Iran and Russia.", "RUS", "SYR", "05"),
        # speech act with content: a demand to withdraw (de-escalate)
        ("Ali Mamlouk called on Turkey to withdraw its troops from Syria.", "SYR", "TUR", "1056"),
        ("The United Nations urged Israel to release the prisoners.", "IGO", "ISR", "0253"),
        ("Iran threatened to attack Israel.", "IRN", "ISR", "138"),
        ("Iran accused Israel of war crimes.", "IRN", "ISR", "1124"),
        ("Bangladesh rejected an Indian proposal for talks.", "BGD", "IND", "125"),
        # nominal events
        ("France issued an arrest warrant for Ali Mamlouk.", "FRA", "SYR", "173"),
        ("Over 1,600 people have been killed in the Syrian regime's assault on Idlib.", "SYR", "SYR", "19"),
        ("The European Union imposed sanctions on Russia.", "", "RUS", "163"),
        # material acts and their objects
        ("Turkey broke off relations with Syria in 2011.", "TUR", "SYR", "161"),
        ("Switzerland expelled two Russian diplomats.", "CHE", "RUS", "161"),
        ("Turkey has purchased S-400 missiles from Russia.", "TUR", "RUS", "062"),
        ("Pakistan refused to deploy peacekeepers in Iraq.", "PAK", "IRQ", "12"),
    ],
)
def test_codes_and_dyads(process_text: Run, text: str, src: str, tgt: str, cameo: str) -> None:
    doc = process_text(text)
    assert _find(doc, src, tgt, cameo), _show(doc)


@pytest.mark.parametrize(
    ("text", "src", "tgt", "cameo"),
    [
        # a noun of intent with its content: an intent to use force is a threat
        ("The Syrian regime reiterated its intention to liberate the city of Idlib.", "SYR", "SYR", "138"),
        # experiencer verbs: the one angered disapproves of the actor
        ("Turkey bought missiles from Russia, angering the United States.", "USA", "TUR", "111"),
        # a domestic act with no target named: the source's own country
        ("The Haitian government declared a state of siege on Saturday.", "HTI", "HTI", "1724"),
        # unnamed protesters take the country they act in; with no target, their own country is it
        ("Hundreds of students demonstrated in Jakarta on Monday.", "IDN", "IDN", "141"),
        ("Prisoners rioted at a jail in northern Israel on Monday.", "ISR", "ISR", "145"),
        # travelling for talks is taking part in them, both ways
        ("U.S. and Russian negotiators return to Geneva this week for talks on nuclear missiles.", "USA", "RUS", "046"),
        ("U.S. and Russian negotiators return to Geneva this week for talks on nuclear missiles.", "RUS", "USA", "046"),
        # a protest with a stated complaint is an official complaint about whoever the complaint names
        (
            "Croatian authorities are failing to protect refugees, Amnesty International protested on Wednesday.",
            "NGO",
            "HRV",
            "114",
        ),
        # a purpose clause gives the target of the act done for it
        ("Egyptian police opened fire to disperse Israeli demonstrators.", "EGY", "ISR", "193"),
    ],
)
def test_general_rules(process_text: Run, text: str, src: str, tgt: str, cameo: str) -> None:
    doc = process_text(text)
    assert _find(doc, src, tgt, cameo), _show(doc)


def test_participial_adjectives_are_not_events(process_text: Run) -> None:
    doc = process_text("Nigerian authorities jailed 52 members of the banned Biafra movement.")
    assert _find(doc, "NGA", "NGA", "173"), _show(doc)
    assert not any(e.cameo.startswith("172") for e in doc.events), _show(doc)


def test_meeting_at_a_third_location_both_directions(process_text: Run) -> None:
    doc = process_text(
        "Turkish intelligence chief Hakan Fidan met Syrian security chief Ali Mamlouk in Moscow on Monday."
    )
    there = _find(doc, "TUR", "SYR", "044") and _find(doc, "SYR", "TUR", "044")
    assert there, _show(doc)


def test_host_and_visit(process_text: Run) -> None:
    doc = process_text("Russian President Vladimir Putin visited Turkey on Monday.")
    assert _find(doc, "RUS", "TUR", "042"), _show(doc)
    doc = process_text("Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin in Ankara.")
    assert _find(doc, "TUR", "RUS", "043"), _show(doc)


def test_coordinated_subjects_of_a_symmetric_act(process_text: Run) -> None:
    doc = process_text("Turkey and Russia signed an agreement on Tuesday.")
    assert _find(doc, "TUR", "RUS", "057") and _find(doc, "RUS", "TUR", "057"), _show(doc)


@pytest.mark.parametrize(
    ("text", "src", "tgt", "cameo", "modality", "negated"),
    [
        ("Turkey did not meet Syrian officials on Monday.", "TUR", "SYR", "04", "asserted", True),
        ("Russia plans to visit Turkey next week.", "RUS", "TUR", "036", "intended", False),
        ("Israel may attack Iran.", "ISR", "IRN", "138", "hypothetical", False),
        ("Germany will not send weapons to Ukraine.", "DEU", "UKR", "12", "asserted", False),
        ("Finland will give Tanzania a grant of 580 million shillings.", "FIN", "TZA", "033", "intended", False),
        ("The Bush administration declared that China must drop barriers to U.S. exports.", None, "CHN", "10",
         "asserted", False),
    ],
)  # fmt: skip
def test_negation_and_modality_are_not_the_plain_act(
    process_text: Run, text: str, src: str | None, tgt: str, cameo: str, modality: str, negated: bool
) -> None:
    doc = process_text(text)
    found = [e for e in _coded(doc) if e.cameo.startswith(cameo) and (e.target.code or "").startswith(tgt)]
    assert found, _show(doc)
    assert all(e.modality == modality and e.negated == negated for e in found), _show(doc)
    if not negated and modality != "asserted":  # the plain act is not coded as if it happened
        plain = {"036": "042", "138": "19", "033": "07"}[cameo]
        assert not any(e.cameo.startswith(plain) and e.modality == "asserted" for e in _coded(doc)), _show(doc)


@pytest.mark.parametrize(
    ("text", "cameo", "target"),
    [
        ("Unidentified gunmen attacked a police station on Sunday.", "19", None),
        ("An airstrike hit a market in Idlib on Monday.", "195", "SYR"),
        ("A roadside bombing killed three soldiers near Kandahar.", "1833", None),
    ],
)
def test_events_without_a_named_actor_are_coded_but_kept_out(
    process_text: Run, text: str, cameo: str, target: str | None
) -> None:
    """The coder codes the act; the assess stage keeps it out of the record, saying why."""
    doc = process_text(text)
    assert not [e for e in doc.events if e.cameo.startswith(cameo)], _show(doc)
    found = [e for e in doc.rejected if e.cameo.startswith(cameo) and e.source.code is None]
    assert found, _show(doc)
    assert found[0].source.kind == "unknown" and found[0].source.name
    assert found[0].confidence == 0 and found[0].confidence_reasons == ["no identified source actor"]
    if target:
        assert any((e.target.code or "").startswith(target) for e in found), _show(doc)


def test_headline_in_present_tense(process_text: Run) -> None:
    doc = process_text(
        "Turkey and Russia sign new gas deal\n\nTurkey and Russia signed a new gas agreement in Ankara on Monday.",
        title="Turkey and Russia sign new gas deal",
    )
    kinds = {m.kind for e in doc.events if e.cameo == "057" for m in e.mentions}
    assert "headline" in kinds or len([e for e in doc.events if e.cameo == "057"]) >= 2, _show(doc)


def test_event_fields_explain_the_code(process_text: Run) -> None:
    onto = Ontology.load()
    text = "Mamlouk called on Turkey to withdraw its troops from Syria."
    doc = process_text(text)
    (event,) = [e for e in doc.events if e.cameo == "1056"]
    entry = onto.cameo("1056")
    assert (event.cameo_root, event.quad_class, event.goldstein) == ("10", entry.quad_class, entry.goldstein)
    assert event.plover is not None and event.plover.event == "REQUEST"
    assert event.pattern.startswith("verb:call+on") and "withdraw" in event.pattern
    assert "called" in event.trigger
    assert event.trigger_token is not None and doc.doc[event.trigger_token].text == "called"
    assert event.ontology_version == onto.version
    (mention,) = event.mentions if len(event.mentions) == 1 else event.mentions[:1]
    span = doc.text[mention.start : mention.end]
    assert "Mamlouk" in span and "Turkey" in span and mention.kind == "body"
    assert "trigger_token" not in event.to_dict()


def test_user_lexicon_extends_the_coder(process_text: Run, tmp_path: Path) -> None:
    text = "Serbia snubbed Croatia on Monday."
    doc = process_text(text)
    assert not any(e.cameo == "125" for e in doc.events)
    user = tmp_path / "extra.yaml"
    user.write_text("verbs:\n  - {lemma: snub, code: '125'}\n", encoding="utf-8")
    coder = EventCoder(lexicon=Lexicon.load([user]))
    coder(doc)
    (event,) = [e for e in doc.events if e.cameo == "125"]
    assert (event.source.code or "").startswith("SRB") and (event.target.code or "").startswith("HRV")
    assert event.pattern == "verb:snub@125"


def test_a_document_without_a_parse_gets_no_events() -> None:
    from eventlens.model import Article

    doc = Document(article=Article(id="empty", text=""))
    assert EventCoder()(doc).events == []


@pytest.mark.slow
def test_seed_required_events(seed_doc: Document, shared_dir: Path) -> None:
    """Every required event of the seed gold comes out of the seed article (README matching rules)."""
    from eventlens.evaluation import _match_seed

    _, gold = read_gold(shared_dir / "gold" / "seed-events.jsonl")
    missed = [g["id"] for g in gold if g["required"] and not _match_seed(g, seed_doc.events).found]
    assert not missed, (missed, _show(seed_doc))


@pytest.mark.slow
def test_seed_nothing_from_boilerplate(seed_doc: Document) -> None:
    for event in seed_doc.events:
        for m in event.mentions:
            assert not any(w in m.text for w in ("Read also", "White Helmets", "contributed", "min read"))


def test_odd_mentions_and_long_sentences_do_not_break_the_coder(process_text: Run) -> None:
    """Mentions whose offsets do not fit the text, and a very long coordinated sentence."""
    from eventlens.model import Actor, ActorMention

    many = ", ".join(f"the town of Village{i} in the north of the country" for i in range(60))
    doc = process_text(f"Iran attacked {many} and Iraq on Monday. Turkey met Syria.")
    doc.actor_mentions.append(ActorMention(Actor("ghost", "XXX"), len(doc.text) + 5, len(doc.text) + 50, "ghost", 0))
    doc.actor_mentions.append(ActorMention(Actor("empty", "YYY"), 3, 3, "", 0))
    EventCoder()(doc)
    assert any(e.cameo.startswith("19") for e in doc.events), _show(doc)
    assert all(e.mentions and 0 <= e.mentions[0].start <= e.mentions[0].end <= len(doc.text) for e in doc.events)
