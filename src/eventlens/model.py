"""The typed data model that passes between pipeline stages.

Every stage reads and writes these dataclasses; nothing travels as a loose dict.
`to_dict()` gives the JSON shape of the documented event record (README, "Event record"); its
fields are declared once, in `record.py`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from . import record

DatePrecision = Literal["day", "month", "year", "unknown"]
Modality = Literal["asserted", "claimed", "intended", "hypothetical"]
SentenceKind = Literal["headline", "standfirst", "caption", "body"]


@dataclass
class Article:
    """One input document, as read (before cleaning)."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    path: str | None = None
    fmt: str = "text"  # text | html | jsonl | warc | feed

    @staticmethod
    def content_id(text: str) -> str:
        """A stable id from the content, for articles that come without one."""
        return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


@dataclass
class Paragraph:
    """A block of the cleaned text with its editorial role (headline, caption...)."""

    start: int
    end: int
    kind: SentenceKind


@dataclass
class Sentence:
    """A sentence of the cleaned text; `start`/`end` are character offsets into it."""

    index: int
    start: int
    end: int
    text: str
    kind: SentenceKind = "body"


class ActorKind(StrEnum):
    """What an actor is. Compares equal to its value (`ActorKind.PERSON == "person"`)."""

    PERSON = "person"
    ORGANISATION = "organisation"
    MEDIA = "media"  # an outlet, a news agency
    COUNTRY = "country"  # a country or its government, people, forces as a whole
    GROUP = "group"  # an ethnic, religious or political group, a regional bloc
    PLACE = "place"  # a place named where an actor should be ("Ankara said"), from the event coder
    UNKNOWN = "unknown"


class PlaceFeature(StrEnum):
    """What kind of place a Place is (GDELT's geo type follows it)."""

    CITY = "city"
    REGION = "region"  # a first-level region, province, US state, territory
    COUNTRY = "country"
    WATER = "water"  # a sea, a gulf, a strait
    UNKNOWN = "unknown"  # named, not in the gazetteer


@dataclass
class Actor:
    """A resolved actor: a person, organisation, country or group, with its CAMEO code.

    `code` is the code on the event's date (a person's role can change over time).
    `actor_id` is stable across articles for the same real-world actor when the
    knowledge base knows it ("kb:hakan-fidan"), else local to the article.
    """

    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    kind: ActorKind = ActorKind.UNKNOWN  # a plain string is turned into the enum (ValueError if not one)
    aliases: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.kind = ActorKind(self.kind)

    def copy(self) -> Actor:
        """An independent copy (its own list of aliases), for an event to own."""
        return replace(self, aliases=list(self.aliases))

    def as_record(self) -> dict[str, Any]:
        return record.to_record(self, record.ACTOR)


@dataclass
class ActorMention:
    """A stretch of cleaned text that refers to an actor."""

    actor: Actor
    start: int
    end: int
    text: str
    sentence: int
    how: str = ""  # what resolved it: "kb:name", "ner+title", "coref:pronoun"...


@dataclass
class Place:
    name: str
    country: str | None = None  # ISO-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: PlaceFeature = PlaceFeature.CITY  # a plain string is turned into the enum
    precision: str = "unknown"  # site | town | district | region | country | unknown
    basis: str | None = None  # where the text gave it: clause | sentence | seat | paragraph | story | lead | dateline
    confidence: float | None = None  # lower for a place taken from further away than the clause

    def __post_init__(self) -> None:
        self.feature = PlaceFeature(self.feature)

    def as_record(self) -> dict[str, Any]:
        return record.to_record(self, record.PLACE)

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Place:
        """Inverse of `as_record` (older records without precision or basis still load)."""
        return cls(**record.record_values(data, record.PLACE, {}))


@dataclass
class Mention:
    """One piece of evidence for an event: a sentence and the span in it."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str = ""
    kind: SentenceKind = "body"


@dataclass
class Plover:
    event: str
    mode: str | None = None


@dataclass
class Event:
    """A coded event. Produced by the event coder, then dated, placed, attributed, merged."""

    article_id: str
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str = ""
    quad_class: int | None = None
    goldstein: float | None = None
    plover: Plover | None = None
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    place: Place | None = None
    reported_by: list[str] = field(default_factory=list)
    modality: Modality = "asserted"
    negated: bool = False
    mentions: list[Mention] = field(default_factory=list)
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1
    pattern: str = ""  # why it got its code: the lexicon pattern that fired
    trigger: str = ""  # the words that carried the event ("met", "arrest warrant")
    id: str = ""
    ontology_version: str = ""
    fatalities: int | None = None
    quotes: list[str] = field(default_factory=list)
    confidence: float = 1.0  # how sure the assess stage is that this is a real, rightly coded event
    confidence_reasons: list[str] = field(default_factory=list)
    # Working fields for later stages, not part of the record:
    trigger_token: int | None = None  # index in the spaCy Doc of the trigger's head token
    sentence_index: int | None = None  # the sentence of the first mention

    def __post_init__(self) -> None:
        if not self.cameo_root and self.cameo:
            self.cameo_root = self.cameo[:2]

    def make_id(self) -> str:
        """A deterministic id from the article, the first mention, the dyad and the code."""
        first = self.mentions[0] if self.mentions else None
        key = "|".join(
            [
                self.article_id,
                str(first.start if first else ""),
                self.source.code or self.source.name,
                self.target.code or self.target.name,
                self.cameo,
            ]
        )
        return "ev:" + hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The event record of the README: the JSONL shape and the stored shape (`record.EVENT`)."""
        data = record.to_record(self, record.EVENT)
        data["id"] = self.id or self.make_id()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Inverse of `to_dict` (used by the stores and the exporters)."""
        return cls(**record.record_values(data, record.EVENT, _BUILD))


_BUILD: dict[str, Any] = {"actor": Actor, "place": Place, "plover": Plover, "mention": Mention}


@dataclass
class Attribution:
    """Who said or reported something, over which span of the text."""

    name: str
    start: int
    end: int
    sentence: int
    cue: str = ""  # "according to", "said", "quoted ... as saying"
    stance: Modality = "asserted"
    actor: Actor | None = None


WARNING_STAGE = "read-warning"  # the stage of a recorded warning: the document was read, with a caveat


@dataclass
class DocumentError:
    """A per-document failure, recorded and reported; the run goes on.

    With `stage == WARNING_STAGE` it is a warning about a document that was read (e.g. bytes
    that were not UTF-8, replaced): recorded with the errors, but the document is not lost.
    """

    article_id: str
    stage: str
    reason: str
    path: str | None = None

    @property
    def is_warning(self) -> bool:
        return self.stage == WARNING_STAGE


@dataclass
class Document:
    """The unit of work a pipeline stage receives and returns.

    Stages fill it in order: clean -> `text`, `paragraphs`; nlp -> `doc` and
    `sentences`; actors -> `actor_mentions`; events -> `events`; dates, places and
    attribution refine the events; merge folds repeated tellings together.
    """

    article: Article
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    doc: Any = None  # spacy.tokens.Doc once the nlp stage has run
    actor_mentions: list[ActorMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[Event] = field(default_factory=list)  # candidates the assess stage kept out
    warnings: list[str] = field(default_factory=list)
    error: DocumentError | None = None
    seconds: float = 0.0  # time spent on it so far, checked against Limits.max_seconds

    def sentence_at(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None
