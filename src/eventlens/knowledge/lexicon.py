"""The pattern lexicon: verb and noun lemmas -> CAMEO codes, and the frames of speech acts.

The shipped lexicon lives in `eventlens/data/lexicon/*.yaml` (format documented in the header
of each file). Users add files in the same format (`Settings.lexicon_paths`); an entry with the
same `id` as a shipped one replaces it. Lookups are by lemma (dicts), so matching costs one
dictionary access per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from .datafiles import data_text
from .ontology import Ontology

_SHIPPED = ("verbs.yaml", "nouns.yaml")
_FRAMES = "frames.yaml"
_DEFAULT_TARGET = {
    "verb": ("to", "against", "on", "with"),
    "noun": ("on", "against", "for", "with", "to", "into", "at", "over"),
}
_DEFAULT_SOURCE = {"verb": (), "noun": ("by", "from")}
_WORD_LISTS = (
    "actor_nouns",
    "targeting_verbs",
    "criticism_adjectives",
    "criticism_preps",
    "never_actor_nouns",
    "light_verbs",
    "recipient_verbs",
    "undergo_verbs",
    "undergo_preps",
    "say_verbs",
    "future_aux",
    "hypothetical_aux",
    "obligation_aux",
    "intent_adjectives",
    "refusal_adjectives",
    "speech_nouns",
    "subject_control",
    "domestic_codes",
    "intent_nouns",
    "motion_verbs",
    "weak_attitudes",
    "committing_verbs",
    "plotting_verbs",
    "wrongful_adjectives",
    "naming_verbs",
    "damning_words",
    "story_target_roots",
    "cessation_nouns",
    "place_kind_nouns",
    "act_container_nouns",
    "force_means",
)


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry for one lemma."""

    id: str
    pos: str  # verb | noun
    lemma: str
    code: str | None = None
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    target_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    of_role: str = "target"
    symmetric: bool = False
    meeting: bool = False
    frame: str | None = None
    address: tuple[str, ...] = ()
    content_preps: tuple[str, ...] = ()
    official_code: str | None = None
    object_target: bool = False
    reverse: bool = False
    intransitive: bool = False
    topic_object: bool = False  # the direct object is what is talked about, not a party ("discussed China")

    @property
    def specificity(self) -> int:
        return (2 if self.objects or self.modifiers else 0) + (1 if self.particle else 0)


@dataclass(frozen=True)
class Frame:
    """A speech act or attitude whose content decides the final code."""

    name: str
    code: str
    modality: str
    content: dict[str, str]
    conflict: str | None = None
    conflict_target: str | None = None
    passthrough: tuple[str, ...] = ()

    def code_for(self, content_code: str | None) -> str | None:
        """The code for content `content_code` (longest prefix), else the frame's own code."""
        if content_code and content_code.startswith(self.passthrough):
            return content_code
        if content_code:
            for n in range(len(content_code), 1, -1):
                hit = self.content.get(content_code[:n])
                if hit:
                    return hit
        return self.code or None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    frames: dict[str, Frame]
    words: dict[str, frozenset[str]]
    accuse_nouns: dict[str, str]
    version: str
    act_nouns: dict[str, str] = field(default_factory=dict)  # "request" -> "020": the act a noun names
    sources: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = (), ontology: Ontology | None = None) -> Lexicon:
        """The shipped lexicon plus the user's files; codes are checked against the ontology."""
        entries: dict[str, Pattern] = {}
        versions = []
        sources = []
        for name in _SHIPPED:
            data = _load_yaml_text(_shipped_text(name), f"eventlens/data/lexicon/{name}")
            versions.append(str(data.get("version", name)))
            _add_entries(entries, data, f"eventlens/data/lexicon/{name}")
            sources.append(name)
        for path in extra_paths:
            path = Path(path)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read lexicon file {path}: {exc}") from exc
            data = _load_yaml_text(text, str(path))
            versions.append(str(data.get("version", path.name)))
            _add_entries(entries, data, str(path))
            sources.append(str(path))
        frames_data = _load_yaml_text(_shipped_text(_FRAMES), "eventlens/data/lexicon/frames.yaml")
        lexicon = cls(
            verbs=_index(p for p in entries.values() if p.pos == "verb"),
            nouns=_index(p for p in entries.values() if p.pos == "noun"),
            frames=_frames(frames_data),
            words={k: frozenset(str(w) for w in frames_data.get(k) or ()) for k in _WORD_LISTS},
            accuse_nouns={
                str(w): str(code) for code, words in (frames_data.get("accuse_nouns") or {}).items() for w in words
            },
            version=";".join([*versions, str(frames_data.get("version", "frames"))]),
            sources=tuple(sources),
            act_nouns={
                str(w): str(code) for code, words in (frames_data.get("act_nouns") or {}).items() for w in words
            },
        )
        if ontology is not None:
            lexicon.check(ontology)
        return lexicon

    def check(self, ontology: Ontology) -> None:
        """Every code the lexicon can produce must exist in the ontology."""
        bad = []
        for table in (self.verbs, self.nouns):
            for patterns in table.values():
                for p in patterns:
                    for code in (p.code, p.official_code):
                        if code and not ontology.has_code(code):
                            bad.append(f"{p.id}: {code}")
                    if p.frame and p.frame not in self.frames:
                        bad.append(f"{p.id}: unknown frame {p.frame}")
        for frame in self.frames.values():
            for code in [frame.code, *frame.content.values()]:
                if code and not ontology.has_code(code):
                    bad.append(f"frame {frame.name}: {code}")
        if bad:
            raise ConfigError("lexicon codes unknown to the ontology: " + ", ".join(bad[:10]))

    def word(self, listname: str) -> frozenset[str]:
        """A word list of frames.yaml; a name the lexicon does not declare is a bug, not an empty list."""
        if listname not in self.words:
            raise KeyError(f"no word list {listname!r} in the lexicon (declared: {', '.join(sorted(self.words))})")
        return self.words[listname]


def match_pattern(
    patterns: tuple[Pattern, ...], particles: set[str], objects: set[str], has_object: bool = False
) -> Pattern | None:
    """The most specific pattern whose particle and object/modifier constraints hold."""
    for p in patterns:  # sorted most specific first
        if p.particle and p.particle not in particles:
            continue
        if p.intransitive and has_object:
            continue
        wanted = p.objects or p.modifiers
        if wanted and not (wanted & objects):
            continue
        return p
    return None


def _shipped_text(name: str) -> str:
    return data_text(f"lexicon/{name}")


def _load_yaml_text(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a lexicon file is a mapping with `verbs` and/or `nouns`")
    return data


def _word(value: Any) -> str:
    """A lexicon word; YAML 1.1 reads bare `on`/`off` as booleans, which here mean the particles."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str | int | bool):
        return (_word(value),)
    return tuple(_word(v) for v in value)


def _add_entries(entries: dict[str, Pattern], data: dict[str, Any], where: str) -> None:
    for pos, key in (("verb", "verbs"), ("noun", "nouns")):
        for n, raw in enumerate(data.get(key) or ()):
            if not isinstance(raw, dict) or not (raw.get("lemma") or raw.get("lemmas")):
                raise ConfigError(f"{where}: {key}[{n}] needs a `lemma`")
            if not raw.get("code") and not raw.get("frame"):
                raise ConfigError(f"{where}: {key}[{n}] needs a `code` or a `frame`")
            for lemma in _as_tuple(raw.get("lemma") or raw.get("lemmas")):
                pattern = _pattern(pos, lemma, raw)
                entries[pattern.id] = pattern


def _pattern(pos: str, lemma: str, raw: dict[str, Any]) -> Pattern:
    objects = frozenset(_as_tuple(raw.get("object")))
    modifiers = frozenset(_as_tuple(raw.get("modifier")))
    particle = _word(raw["particle"]) if raw.get("particle") is not None else None
    qualifier = "".join(
        [f"+{particle}" if particle else "", f"+{sorted(objects | modifiers)[0]}" if objects or modifiers else ""]
    )
    return Pattern(
        id=str(raw.get("id") or f"{pos}:{lemma.lower()}{qualifier}@{raw.get('code') or raw.get('frame')}"),
        pos=pos,
        lemma=lemma.lower(),
        code=str(raw["code"]) if raw.get("code") else None,
        particle=particle,
        objects=objects,
        modifiers=modifiers,
        target_preps=_as_tuple(raw["target"]) if "target" in raw else _DEFAULT_TARGET[pos],  # [] names none
        source_preps=_as_tuple(raw.get("source")) or _DEFAULT_SOURCE[pos],
        of_role=str(raw.get("of", "target")),
        symmetric=bool(raw.get("symmetric", False)),
        meeting=bool(raw.get("meeting", False)),
        frame=str(raw["frame"]) if raw.get("frame") else None,
        address=_as_tuple(raw.get("address")),
        content_preps=_as_tuple(raw.get("content_preps")),
        official_code=str(raw["official_code"]) if raw.get("official_code") else None,
        object_target=bool(raw.get("object_target", False)),
        reverse=bool(raw.get("reverse", False)),
        intransitive=bool(raw.get("intransitive", False)),
        topic_object=bool(raw.get("topic_object", False)),
    )


def _index(patterns: Iterable[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    table: dict[str, list[Pattern]] = {}
    for p in patterns:
        table.setdefault(p.lemma, []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in table.items()}


def _frames(data: dict[str, Any]) -> dict[str, Frame]:
    frames = {}
    for name, spec in (data.get("frames") or {}).items():
        frames[name] = Frame(
            name=name,
            code=str(spec.get("code") or ""),
            modality=str(spec.get("modality") or "asserted"),
            content={str(k): str(v) for k, v in (spec.get("content") or {}).items()},
            conflict=str(spec["conflict"]) if spec.get("conflict") else None,
            conflict_target=spec.get("conflict_target"),
            passthrough=tuple(str(p) for p in spec.get("passthrough") or ()),
        )
    return frames
