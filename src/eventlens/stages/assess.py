"""assess stage: which candidate events enter the record, and how sure we are of each.

An event is an act between identified actors. A candidate from the coder is kept only when its
source is a coded actor and its target is a coded actor too (or is absent for an act that may
have none); a side named in the text but not identified, or a blank side, rejects it. A kept
candidate gets a confidence in [0, 1] with the reasons it rests on (`Event.confidence`,
`Event.confidence_reasons`): asserted acts told by a verb between named actors score high;
questions, conditionals, generic statements, hypothetical and negated acts, regions as actors
and targetless acts score lower. Candidates under the threshold (data/assess/confidence.yaml,
overridden by `Settings.min_confidence`) are set apart in `Document.rejected` with their reasons,
for inspection; they are never stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..coding.story import STORY_TARGET
from ..knowledge.actors import country_of_code
from ..knowledge.datafiles import read_yaml_mapping
from ..model import Actor, Document, Event
from .event_anchor import trigger_token
from .events import IMPLICIT_SOURCE

logger = logging.getLogger(__name__)

_GENERIC_TAGS = frozenset({"VBP", "VBZ"})


@dataclass(frozen=True)
class AssessRules:
    """The weights and word lists of data/assess/confidence.yaml."""

    version: str
    threshold: float
    base: float
    weights: dict[str, float]
    target_optional: tuple[str, ...]
    condition_marks: frozenset[str]
    acting_regions: frozenset[str] = frozenset()
    targetless_acts: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> AssessRules:
        path = resources.files("eventlens.data").joinpath("assess").joinpath("confidence.yaml")
        with resources.as_file(path) as real:
            data: dict[str, Any] = read_yaml_mapping(real, "confidence rules")
        return cls(
            version=str(data.get("version", "")),
            threshold=float(data.get("threshold", 0.5)),
            base=float(data.get("base", 1.0)),
            weights={str(k): float(v) for k, v in (data.get("weights") or {}).items()},
            target_optional=tuple(str(c) for c in data.get("target_optional") or ()),
            condition_marks=frozenset(str(w) for w in data.get("condition_marks") or ()),
            acting_regions=frozenset(str(c) for c in data.get("acting_regions") or ()),
            targetless_acts=tuple(str(c) for c in data.get("targetless_acts") or ()),
        )


class EventAssessor:
    """`assess` stage: sets confidence and reasons, keeps what passes, sets the rest apart."""

    name = "assess"
    requires: tuple[str, ...] = ("events",)
    provides: tuple[str, ...] = ("events", "rejected")

    def __init__(
        self,
        rules: AssessRules | None = None,
        min_confidence: float | None = None,
        region_codes: frozenset[str] = frozenset(),
        group_codes: frozenset[str] = frozenset(),
        domestic_codes: frozenset[str] = frozenset(),
    ) -> None:
        self.rules = rules or AssessRules.load()
        self.threshold = self.rules.threshold if min_confidence is None else min_confidence
        self.region_codes = region_codes - self.rules.acting_regions
        self.group_codes = group_codes
        self.domestic_codes = tuple(domestic_codes)  # acts a state does to its own people (no same-country doubt)

    def __call__(self, doc: Document) -> Document:
        kept: list[Event] = []
        for event in doc.events:
            self.assess(event, doc)
            if event.confidence >= self.threshold and event.confidence > 0:
                kept.append(event)
            else:
                doc.rejected.append(event)
        doc.events = kept
        return doc

    def assess(self, event: Event, doc: Document) -> Event:
        """Set `event.confidence` and `event.confidence_reasons` (0 with the reason for a reject)."""
        blocker = self._blocker(event)
        if blocker:
            event.confidence, event.confidence_reasons = 0.0, [blocker]
            return event
        reasons = self._actor_reasons(event) + self._assertion_reasons(event, doc)
        score = self.rules.base
        for reason in reasons:
            score *= self.rules.weights.get(reason, 1.0)
        event.confidence = round(score, 3)
        event.confidence_reasons = reasons or ["asserted act between identified actors"]
        return event

    def _blocker(self, event: Event) -> str | None:
        if not _identified(event.source):
            return "no identified source actor"
        if _named(event.target) and not _identified(event.target):
            return "target named but not identified"
        if not _named(event.target) and not event.cameo.startswith(self.rules.target_optional):
            return "act needs a target"
        if event.cameo.startswith("04") and any(_is_media(a) for a in (event.source, event.target)):
            return "an interview with the media, not a consultation"
        return None

    def _actor_reasons(self, event: Event) -> list[str]:
        reasons: list[str] = []
        sides = [event.source] + ([event.target] if _identified(event.target) else [])
        codes = [(a.code or "").upper() for a in sides]
        if any(c[:3] in self.region_codes and len(c) == 3 for c in codes):
            reasons.append("region_actor")
        if any(c[:3] in self.group_codes for c in codes):
            reasons.append("ethnic_group")
        if IMPLICIT_SOURCE in event.pattern:
            reasons.append("implicit_authority")
        if STORY_TARGET in event.pattern:
            reasons.append("story_target")
        if not _identified(event.target):
            if not event.cameo.startswith(self.rules.targetless_acts):
                reasons.append("target_absent")
        elif _country(event.source) and _country(event.source) == _country(event.target) and not event.cameo.startswith(
            self.domestic_codes
        ):
            reasons.append("same_country_bare" if all(len(c) == 3 for c in codes) else "same_country")
        return reasons

    def _assertion_reasons(self, event: Event, doc: Document) -> list[str]:
        reasons: list[str] = []
        if event.modality != "asserted":
            reasons.append(event.modality)
        if event.negated:
            reasons.append("negated")
        if event.pattern.startswith("noun:"):
            reasons.append("noun_trigger")
        if event.mentions and all(m.kind in ("headline", "caption") for m in event.mentions):
            reasons.append("headline_only")
        token = trigger_token(event, doc)
        if token is None:
            return reasons
        if _in_question(token):
            reasons.append("question")
        if self._conditional(token):
            reasons.append("conditional")
        if _generic(token) and any(m.kind == "body" for m in event.mentions):
            reasons.append("generic")
        return reasons

    def _conditional(self, token: Any) -> bool:
        """The act sits in a clause opened by "if", "unless", "whether" (or is governed by one)."""
        for tok in [token, *token.ancestors]:
            if any(c.dep_ == "mark" and c.lower_ in self.rules.condition_marks for c in tok.children):
                return True
            if tok.dep_ in ("ROOT",):
                break
        return False


def _identified(actor: Actor) -> bool:
    """A side with a code and a name (never blank, never the string "None")."""
    return bool(actor.code) and bool(actor.name.strip()) and actor.name.strip().lower() != "none"


def _is_media(actor: Actor) -> bool:
    return actor.kind == "media" or (actor.sector or "") == "MED" or (actor.code or "").endswith("MED")


def _named(actor: Actor) -> bool:
    return bool(actor.name.strip()) or bool(actor.code)


def _country(actor: Actor) -> str | None:
    code = (actor.code or "").upper()
    return actor.country or (None if code.startswith("MNC") else country_of_code(code))


def _in_question(token: Any) -> bool:
    sent = token.sent
    text = sent.text.rstrip(" \"'”’)")
    return text.endswith("?")


def _generic(token: Any) -> bool:
    """A present-tense act of a bare plural subject ("governments require payment"): a habit, not an event."""
    if token.tag_ not in _GENERIC_TAGS:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    subj = subjects[0]
    if subj.tag_ != "NNS" or subj.ent_type_:
        return False
    specific = any(c.dep_ in ("det", "poss", "nummod") or c.ent_type_ for c in subj.children)
    return not specific and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
