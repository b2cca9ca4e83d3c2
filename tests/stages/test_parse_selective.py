"""The selective nlp stage: NER everywhere, the dependency parse only where an event can be."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import eventlens
from eventlens.knowledge.lexicon import Lexicon
from eventlens.model import Article, Document
from eventlens.nlp import load_model
from eventlens.pipeline import Pipeline
from eventlens.stages.parse import EventTriggers, SelectiveParser, SpacyParser, selective_parser

TEXT = (
    "Turkey's intelligence chief Hakan Fidan met Ali Mamlouk in Moscow on Monday.\n\n"
    "The weather in the Russian capital was cold and grey.\n\n"
    "An explosion hit a market in the city."
)


@pytest.fixture(scope="module")
def selective(lens: eventlens.EventLens) -> eventlens.EventLens:
    stages = [selective_parser(load_model(lens.settings.model)) if s.name == "nlp" else s for s in lens.pipeline.stages]
    return eventlens.EventLens(replace(lens.settings, parse_filter=True), Pipeline(stages))


def parse(lens: eventlens.EventLens, text: str) -> Document:
    return next(lens.process([Article(id="t", text=text, fmt="jsonl")]))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Turkey attacked Syrian positions.", True),  # a trigger and an entity
        ("He met the envoy on Monday.", True),  # a pronoun can be an actor
        ("An explosion hit a market.", True),  # violence is coded without a named actor
        ("The weather in the Russian capital was cold and grey.", False),  # no trigger
        ("Talks are good for everyone.", False),  # a trigger, nobody named to do it
    ],
)
def test_trigger_filter(sentence: str, expected: bool) -> None:
    triggers = EventTriggers.from_lexicon(Lexicon.load())
    nlp = load_model(eventlens.Settings().model)
    (sent,) = list(nlp(sentence).sents)
    assert triggers.can_hold_event(sent) is expected


def test_only_event_sentences_are_parsed(selective: eventlens.EventLens) -> None:
    doc = parse(selective, TEXT)
    assert [s.text for s in doc.sentences] == [line for line in TEXT.split("\n\n")]
    meeting, weather, blast = list(doc.doc.sents)
    assert {t.dep_ for t in meeting} >= {"nsubj", "dobj", "prep", "pobj"}
    assert {t.dep_ for t in weather} == {"ROOT", "dep"}  # a flat tree: nothing for the coder
    assert {t.dep_ for t in blast} >= {"nsubj", "dobj"}
    assert {e.label_ for e in weather.ents} == {"NORP"}  # NER ran everywhere
    assert all(t.lemma_ and t.tag_ for t in weather)
    stage = selective.pipeline.get_stage("nlp")
    assert isinstance(stage, SelectiveParser) and stage.parsed_sentences >= 2


def test_same_events_as_the_full_parse_on_the_seed(
    selective: eventlens.EventLens, lens: eventlens.EventLens, seed_path: Path
) -> None:
    assert isinstance(lens.pipeline.get_stage("nlp"), SpacyParser)

    def events(which: eventlens.EventLens) -> list[str]:
        (doc,) = list(which.extract([seed_path]))
        return sorted(
            str((e.source.code, e.cameo, e.target.code, e.date, e.place and e.place.name)) for e in doc.events
        )

    assert events(selective) == events(lens)


def test_settings_choose_the_stage() -> None:
    built = eventlens.build_pipeline(eventlens.Settings(parse_filter=True))
    assert isinstance(built.get_stage("nlp"), SelectiveParser)
