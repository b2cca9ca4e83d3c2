"""The act model the coder passes between its parts: an `Act` (a coded trigger with its argument
tokens) and the `Content` of a speech act or attitude. Arguments are resolved to actors later
(`coding.arguments`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .arguments import Party


@dataclass
class Act:
    """A coded act before its arguments are resolved to actors."""

    code: str
    pattern: str
    trigger: object  # spaCy Token
    sources: list[object] = field(default_factory=list)
    targets: list[object] = field(default_factory=list)
    source_parties: list[Party] = field(default_factory=list)
    target_parties: list[Party] = field(default_factory=list)
    modality: str = "asserted"
    negated: bool = False
    symmetric: bool = False
    meeting: bool = False
    place: object | None = None
    official_code: str | None = None
    span_tokens: list[object] = field(default_factory=list)
    locative: list[object] = field(default_factory=list)  # where it happened, a fallback target

    @property
    def trigger_text(self) -> str:
        words = sorted({self.trigger.i: self.trigger, **{t.i: t for t in self.span_tokens}}.items())
        return " ".join(t.text for _, t in words[:4])


@dataclass
class Content:
    """What a speech act or attitude is about: the content act's code, pattern and targets."""

    code: str | None
    pattern: str
    targets: list[object]
    target_parties: list[Party]
    tokens: list[object]
    clause: object | None = None
