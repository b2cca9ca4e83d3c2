"""The actors a document holds: the mention at a span, an actor's code on another day, and the
dateline's names, which are no actors. Used by the actors stage and the stages after it."""

from __future__ import annotations

import datetime as dt

from ..knowledge.actors import ActorKB, sector_of_code
from ..model import Actor, ActorMention, Document
from .event_anchor import story_dateline


def outside_dateline(doc: Document, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "NAIROBI, Kenya — Kenyan police fired ...": the dateline says where the story was filed;
    its place names are nobody's acts."""
    dateline, offset = story_dateline(doc)
    if not dateline.end:
        return mentions
    end = offset + dateline.end
    return [m for m in mentions if not (offset <= m.start and m.end <= end)]


def actor_at(document: Document, start: int, end: int) -> ActorMention | None:
    """The smallest actor mention that contains the character span [start, end)."""
    found = [m for m in document.actor_mentions if m.start <= start and end <= m.end]
    return min(found, key=lambda m: m.end - m.start) if found else None


def code_on(kb: ActorKB, actor: Actor, day: dt.date | None) -> str | None:
    """The actor's code on another date (a person's role may differ); others keep their code."""
    person = kb.person_by_id(actor.actor_id) if actor.kind == "person" else None
    return person.code_on(day) if person is not None else actor.code


def recode(kb: ActorKB, actor: Actor, day: dt.date | None) -> Actor:
    """A copy of `actor` coded on `day` (for the dates stage, once the event date is known)."""
    code = code_on(kb, actor, day)
    if code == actor.code:
        return actor
    country = actor.country
    return Actor(
        actor.name, code, country, sector_of_code(code, country), actor.actor_id, actor.kind, list(actor.aliases)
    )
