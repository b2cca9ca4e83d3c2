"""What a whole story says about its actors: the country it is set in, the pair of sides it is about.

Used by the events stage as the last resort for sides a sentence leaves unnamed: "opposition
lawmakers" in a story set in Somalia are Somali; "Ankara is warning it could turn to Russia" in a
story about Turkey and the United States warns the United States.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ..knowledge.datafiles import read_yaml_mapping, shipped, words_of
from ..model import Actor, Document, Event

STORY_TARGET = "+story-target"  # pattern mark: the target is the other side of the story's pair
_PAIR_DATA = read_yaml_mapping(shipped("language/pair_anaphors.yaml"), "pair anaphors")
_PAIR_HEADS = words_of(_PAIR_DATA, "eventlens/data/language/pair_anaphors.yaml")
_PAIR_QUANTIFIERS = frozenset(str(w) for w in _PAIR_DATA.get("quantifiers") or ())
_MOVES = words_of(read_yaml_mapping(shipped("language/move_nouns.yaml"), "move nouns"), "move_nouns.yaml")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "trio": 3, "duo": 2, "2": 2, "3": 3, "4": 4, "5": 5}


def country_of_actor(actor: Actor) -> str | None:
    """An actor's country: its own, else its code's first three letters (not for IGO/NGO/MNC)."""
    if actor.country:
        return actor.country
    if actor.code and len(actor.code) >= 3 and actor.code[:3] not in ("IGO", "NGO", "MNC"):
        return actor.code[:3]
    return None


def side_of(actor: Actor) -> str | None:
    """The side an actor stands on in a story: its country, else its organisation code's first six
    letters (IGOUNO, IGOEUR...)."""
    return country_of_actor(actor) or ((actor.code or "")[:6] or None)


def story_country(doc: Document, share: float = 0.5, least: int = 3) -> str | None:
    """The country a story is set in: the country of at least `least` and at least `share` of
    the body's actor mentions that have a country, else none (a story across several countries
    places no one by default)."""
    body = {s.index for s in doc.sentences if s.kind == "body"}
    counts = Counter(iso3 for m in doc.actor_mentions if m.sentence in body and (iso3 := country_of_actor(m.actor)))
    if not counts:
        return None
    iso3, n = counts.most_common(1)[0]
    return iso3 if n >= least and n >= share * sum(counts.values()) else None


def story_pair(events: Iterable[Event], least: int = 2) -> dict[str, Actor] | None:
    """The two sides a story is about: the pair of sides (countries or organisations) that the most
    events with both sides named join, told at least `least` times and more often than any other
    pair; each side with the actor that stands for it most often."""
    pairs: Counter[frozenset[str]] = Counter()
    actors: dict[str, Counter[str]] = {}
    by_key: dict[str, Actor] = {}
    for event in events:
        a, b = side_of(event.source), side_of(event.target)
        if not a or not b or a == b or not event.source.code or not event.target.code:
            continue
        pairs[frozenset((a, b))] += 1
        for side, actor in ((a, event.source), (b, event.target)):
            key = actor.actor_id or actor.code or ""
            actors.setdefault(side, Counter())[key] += 1
            by_key.setdefault(key, actor)
    ranked = pairs.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return {side: by_key[actors[side].most_common(1)[0][0]] for side in ranked[0][0]}


def names_the_pair(actor: Actor) -> bool:
    """ "both sides", "the two countries", "the warring parties": a name for the story's two sides."""
    words = actor.name.lower().split()
    if actor.code or len(words) < 2:
        return False
    if words[0] == "the":
        words = words[1:]
    return len(words) >= 2 and words[0] in _PAIR_QUANTIFIERS and words[-1] in _PAIR_HEADS


def fill_story_targets(events: list[Event], roots: tuple[str, ...], country: str | None = None) -> None:
    """A verbal act with no target named (a warning, an appeal, a criticism: CAMEO `roots`) by one
    side of the story's pair is aimed at the other side; "both sides" as a target is the pair (or,
    in a story set in one country, that country). The events are marked (`STORY_TARGET`) so the
    assess stage weighs the guess."""
    pair = story_pair(events)
    for event in list(events):
        if names_the_pair(event.target):
            _aim_at_pair(event, events, pair, country)
    if pair is None:
        return
    for event in events:
        side = side_of(event.source)
        unnamed = not event.target.name or _names_a_move(event.target)
        if event.target.code or not unnamed or side not in pair or not event.cameo.startswith(roots):
            continue
        other = next(actor for key, actor in pair.items() if key != side)
        event.target = other.copy()
        event.pattern += STORY_TARGET


def _names_a_move(actor: Actor) -> bool:
    """ "denounced the decision", "rejected the move": an unowned word for someone's step, which in
    a story about two sides is the other side's."""
    words = actor.name.lower().split()
    return not actor.code and bool(words) and words[-1] in _MOVES


def _aim_at_pair(event: Event, events: list[Event], pair: dict[str, Actor] | None, country: str | None) -> None:
    """ "The UN says both sides committed abuses": one event per side of the pair other than the
    source's own; with no pair, the story's country."""
    sides = [a for key, a in (pair or {}).items() if key != side_of(event.source)]
    if not sides and country is not None:
        sides = [Actor(name=event.target.name, code=country, country=country, kind="country")]
    for n, actor in enumerate(sides):
        target = actor.copy()
        if n == 0:
            event.target, event.pattern = target, event.pattern + STORY_TARGET
        else:
            copy = replace(event, target=target, mentions=list(event.mentions))
            events.insert(events.index(event) + 1, copy)


def expand_numbered_groups(doc: Document, events: list[Event]) -> None:
    """ "The three military-led nations accused ECOWAS", "relations with the trio": a counted group
    with no name of its own is the group of that many countries a recent sentence named together
    (Mali, Burkina Faso and Niger); the event is told once for each."""
    for event in list(events):
        for side in ("source", "target"):
            size = _group_size(getattr(event, side))
            sentence = event.mentions[0].sentence if event.mentions else None
            members = _recent_countries(doc, sentence, size) if size and sentence is not None else []
            other = getattr(event, "target" if side == "source" else "source")
            members = [m for m in members if (m.code or "")[:3] != (other.code or "")[:3]]  # not itself
            for n, actor in enumerate(members):
                if n == 0:
                    setattr(event, side, actor)
                else:
                    copy = replace(event, mentions=list(event.mentions), **{side: actor})
                    events.insert(events.index(event) + n, copy)


def _group_size(actor: Actor) -> int | None:
    words = actor.name.lower().split()
    if actor.code or not words:
        return None
    if words[0] == "the":
        words = words[1:]
    if words == ["trio"] or words == ["duo"]:
        return _NUMBERS[words[0]]
    if len(words) >= 2 and words[0] in _NUMBERS and words[-1] in _PAIR_HEADS:
        return _NUMBERS[words[0]]
    return None


def _recent_countries(doc: Document, sentence: int, size: int, reach: int = 4) -> list[Actor]:
    """The countries named in the nearest of the `reach` sentences before `sentence` (or in it) that
    names exactly `size` different countries."""
    by_sentence: dict[int, dict[str, Actor]] = {}
    for mention in doc.actor_mentions:
        actor = mention.actor
        if sentence - reach <= mention.sentence <= sentence and actor.kind == "country" and actor.code:
            by_sentence.setdefault(mention.sentence, {}).setdefault(actor.code[:3], actor)
    for index in range(sentence, sentence - reach - 1, -1):
        countries = by_sentence.get(index, {})
        if len(countries) == size:
            return [a.copy() for a in countries.values()]
    return []
