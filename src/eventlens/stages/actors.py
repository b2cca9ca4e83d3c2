"""actors stage (placeholder until the knowledge-base resolver lands): named entities as actors."""

from __future__ import annotations

from ..model import Actor, ActorMention, Document

_ACTOR_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}


class ActorResolver:
    """`actors` stage: fills `Document.actor_mentions`."""

    name = "actors"
    requires: tuple[str, ...] = ("doc", "sentences")
    provides: tuple[str, ...] = ("actor_mentions",)

    def __init__(self, kb: object | None = None) -> None:
        self.kb = kb

    def __call__(self, doc: Document) -> Document:
        for ent in doc.doc.ents:
            kind = _ACTOR_LABELS.get(ent.label_)
            if not kind:
                continue
            sent = doc.sentence_at(ent.start_char)
            doc.actor_mentions.append(
                ActorMention(
                    actor=Actor(name=ent.text, kind=kind),
                    start=ent.start_char,
                    end=ent.end_char,
                    text=ent.text,
                    sentence=sent.index if sent else -1,
                    how=f"ner:{ent.label_}",
                )
            )
        return doc
