"""Stances read from what is said: a charge of wrongdoing, a damning judgement.

Not acts on their own: `coding.acts` turns them into acts. "X said Y committed abuses" charges Y
with a wrong (an accusation, 112); "X called Y's plan a disaster" or "X said the ruling was
unacceptable" judges Y (a criticism, 111). The words these rules look for are in
data/lexicon/frames.yaml (`committing_verbs`, `plotting_verbs`, `wrongful_adjectives`,
`naming_verbs`, `damning_words`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..knowledge.lexicon import Lexicon

WrongCode = Callable[[object], "str | None"]


def charged_wrong(clause: object, lex: Lexicon, wrong_code: WrongCode) -> tuple[str, list[object], object] | None:
    """The wrong a reported clause charges someone with: its code, who is charged and the words
    naming it. "Y committed abuses", "Y was involved in corruption", "Y is behind / responsible
    for the attack", "Y orchestrated the attack", "the attack was orchestrated by Y"."""
    lemma = clause.lemma_.lower()  # type: ignore[attr-defined]
    children = list(clause.children)  # type: ignore[attr-defined]
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    actives = [s for s in subjects if s.dep_ == "nsubj"]
    agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if lemma in lex.word("plotting_verbs"):
        accused = agents or actives
        return ("112", accused, clause) if accused else None
    if lemma in lex.word("committing_verbs"):
        objects = [c for c in children if c.dep_ == "dobj"]
        phrases = [g for c in children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children]
        for obj in objects + phrases:
            code = wrong_inside(obj, lex, wrong_code)
            if code is not None:
                return code, agents or actives or subjects, obj
        return None
    if lemma == "be" and subjects:
        heads = [c for c in children if c.dep_ == "acomp" and c.lower_ == "responsible"] + [clause]
        for head in heads:
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "behind")):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    code = wrong_inside(obj, lex, wrong_code)
                    if code is not None:
                        return code, subjects, obj
    return None


def wrong_inside(head: object, lex: Lexicon, wrong_code: WrongCode) -> str | None:
    """The code of the first wrong a phrase names ("corrupt acts", "grave human rights abuses")."""
    for tok in head.subtree:  # type: ignore[attr-defined]
        code = wrong_code(tok)
        if code is not None:
            return code
        lemma = tok.lemma_.lower()
        if lemma in lex.word("wrongful_adjectives"):
            return "1121" if lemma in ("corrupt", "fraudulent") else "112"
    return None


def judged_negatively(verb: object, lex: Lexicon) -> tuple[object, object] | None:
    """Who or what a verb of naming or saying judges damningly, and the damning word:
    "called Canada 'one of the most hostile ...'", "described the plan as a strategic disaster",
    "labelled the vote a sham" (naming verbs: the object is judged), "said the ruling was
    unacceptable" (saying verbs: the subject of a reported copula clause is judged)."""
    children = list(verb.children)  # type: ignore[attr-defined]
    if verb.lemma_.lower() in lex.word("naming_verbs"):  # type: ignore[attr-defined]
        objects = [c for c in children if c.dep_ == "dobj"]
        complements = [c for c in children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
        owners = children + [c for o in objects for c in o.children]  # "as" may hang from the object
        complements += [g for c in owners if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
        # "called Ford's comments egregious": a complement after the object, parsed as its modifier
        complements += [c for o in objects for c in o.children if c.dep_ == "amod" and c.i > o.i]
        if not objects:  # "called Canada 'one of ...'" may parse as a clause with Canada its subject
            objects = [s for c in complements for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        word = next((w for c in complements for w in _predicate_words(c) if _damning(w, lex)), None)
        return (objects[0], word) if objects and word is not None else None
    for clause in (c for c in children if c.dep_ == "ccomp" and c.lemma_ == "be"):
        subjects = [s for s in clause.children if s.dep_ == "nsubj"]
        predicates = [p for p in clause.children if p.dep_ in ("acomp", "attr")]
        word = next((w for p in predicates for w in _predicate_words(p) if _damning(w, lex)), None)
        if subjects and word is not None and not _negated(clause):
            return subjects[0], word
    return None


def _predicate_words(head: object) -> list[object]:
    """The head of a predicate and its modifiers ("a strategic disaster", "egregious and insulting")."""
    out = [head]
    for c in head.children:  # type: ignore[attr-defined]
        if c.dep_ in ("amod", "conj", "compound", "acomp"):
            out.append(c)
        if c.dep_ == "prep" and c.lower_ == "of":  # "one of the most hostile ... authorities"
            out.extend(g for g in c.children if g.dep_ == "pobj")
            out.extend(m for g in c.children for m in g.children if m.dep_ == "amod")
    return out


def _damning(word: object, lex: Lexicon) -> bool:
    return word.lemma_.lower() in lex.word("damning_words") or word.lower_ in lex.word("damning_words")  # type: ignore[attr-defined]


def _negated(clause: object) -> bool:
    return any(c.dep_ == "neg" for c in clause.children)  # type: ignore[attr-defined]
