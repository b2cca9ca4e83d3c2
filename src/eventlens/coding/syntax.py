"""Small questions asked of the dependency parse: auxiliaries, negation, infinitives, places."""

from __future__ import annotations

from ..knowledge.datafiles import word_list

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_COMPASS = word_list("compass_words")  # "positions south of Tripoli"


def aux_words(tok: object) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.dep_ == "conj" and not words:
        words = {c.lower_ for c in tok.head.children if c.dep_ in ("aux",)}
    return words


def is_negated(tok: object) -> bool:
    """'did not meet', 'has never condemned', 'no longer recognize'."""
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children):
        return True
    return tok.dep_ == "conj" and any(c.dep_ == "neg" for c in tok.head.children)


def lemmas_of_object(tok: object) -> set[str]:
    """The object's lemma, and for a measure ("700 kg of medicine") the measured thing's."""
    out = {tok.lemma_.lower()}
    out.update(g.lemma_.lower() for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)
    return out


def near_place(tok: object, hops: int = 3) -> bool:
    """The word names a place, or has one within a few prepositional steps ("a jail in northern
    Israel", "in front of the governorate building in Sweida city")."""
    if tok.ent_type_ in PLACE_ENTS:
        return True
    for child in tok.children:
        if child.ent_type_ in PLACE_ENTS and child.dep_ != "poss":
            return True
        if child.dep_ == "prep" and hops > 0 and any(near_place(g, hops - 1) for g in child.children):
            return True
    return False


def framed_as_place(tok: object, kinds: frozenset[str]) -> bool:
    """A proper name the text frames as a place, whatever the tagger called it: "the town of
    Maarat al-Numan", "Stepanakert, the main city of Nagorno-Karabakh", "Mariupol city"."""
    if tok.pos_ != "PROPN":
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in kinds:
        return True
    return any(c.dep_ in ("appos", "compound") and c.lemma_.lower() in kinds for c in tok.children) or (
        tok.dep_ == "compound" and head.lemma_.lower() in kinds
    )


def locative(verb: object) -> list[object]:
    """With no other target, the place where it happened stands for its country ("demonstrated in
    Serbia", "shelled positions south of Tripoli")."""
    preps = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "into", "across", "throughout", "at", "near"):
            preps.append(c)
        elif c.dep_ in ("advmod", "npadvmod") and c.lower_ in _COMPASS:
            preps.extend(p for p in c.children if p.dep_ == "prep" and p.lower_ == "of")
    return [g for c in preps for g in c.children if g.dep_ == "pobj" and (near_place(g) or _untyped_name(g))]


def _untyped_name(tok: object) -> bool:
    """A proper name the tagger took for a person or an organisation, or left untyped: after
    "in" or "near" it may well be a place ("attacked a police post in Bamenda"); the gazetteer,
    not this test, decides."""
    return tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "")


_TOPIC_PREPS = frozenset({"about", "on", "over", "regarding", "concerning"})


def with_phrases(verb: object) -> list[object]:
    """'discussed the ceasefire ... with General Mamlouk': the partner may hang deep in the clause."""
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    out = []
    stack = list(verb.children)
    while stack:
        tok = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ in _TOPIC_PREPS:
            continue  # "talks about restoring cooperation with Russia": Russia is the topic's
        if tok.dep_ == "prep" and tok.lower_ == "with" and tok.head.i not in subjects:
            out.extend(g for g in tok.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
        stack.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def infinitive_advcl(tok: object) -> bool:
    """'called on Turkey to withdraw': spaCy often attaches the content as an adverbial clause."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def infinitive(tok: object) -> bool:
    """An infinitive clause hanging off a verb or a noun ("the intention to liberate Idlib")."""
    return tok.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def going_to(tok: object) -> bool:
    """'is going to attack': the verb is the xcomp of 'going'."""
    return tok.dep_ == "xcomp" and tok.head.lower_ == "going"
