"""Acts read from what is said rather than from an act verb: demands voiced as obligations ("X said
Y must ..."), charges of wrongdoing, damning judgements and criticism adjectives. A mixin of
`coding.acts.ActFinder`, which supplies the lexicon, the argument helpers and the frame tables;
the syntax of charges and judgements is in `coding.stances`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .act import Act
from .stances import charged_wrong, judged_negatively
from .syntax import aux_words

if TYPE_CHECKING:
    from ..knowledge.lexicon import Lexicon
    from .arguments import ArgumentResolver

_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_CHARGE_NOUNS = frozenset({"claim", "accusation", "allegation", "charge", "assertion"})


def _first_person(word: object) -> bool:
    """ "we", "our", "I" (not "US", the country)."""
    text = word.text  # type: ignore[attr-defined]
    return text == "I" or (text.lower() in _FIRST_PERSON and not text.isupper())


class StanceActs:
    """Stance readers for `ActFinder` (see the module docstring)."""

    lex: Lexicon
    resolver: ArgumentResolver
    consumed: set[int]

    def _obligation_act(self, tok: object) -> Act | None:
        """'X said/declared that Y must Z' and 'a reminder that Y must Z': a demand by X on Y."""
        clause = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("ccomp", "acl", "relcl") and aux_words(c) & self.lex.word("obligation_aux")
            ),
            None,
        )
        if clause is None:
            return None
        frame = self.lex.frames["demand"]
        self.consumed.add(clause.i)
        content = self._content_act(clause, frame, 0)
        code, _ = self._combine(frame, content.code if content else None)
        speaker = tok if tok.pos_ != "NOUN" else tok.head
        sources, _ = self.subject_of(speaker)
        addressed = [
            g for c in tok.children if c.dep_ == "prep" and c.lemma_ == "to" for g in c.children if g.dep_ == "pobj"
        ]
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(_first_person(w) for s in subjects for w in s.subtree):
            return None  # "we must act", "the U.S. and our allies must ...": a resolve, not a demand
        if subjects and all(self.resolver.is_thing(s) for s in subjects):
            return None  # "talks with China must continue": a view on a matter, not a demand on anyone
        if subjects and subjects[0].pos_ == "PRON" and addressed:
            subjects = addressed
        act = Act(code=code or frame.code, pattern="say+must@demand", trigger=tok, sources=sources, targets=subjects)
        if content is not None:
            act.pattern = f"say+must@demand>{content.pattern}"
            act.span_tokens.append(clause)
        return act

    def _wrong_code(self, tok: object) -> str | None:
        wrong = self._wrong(tok)
        return wrong.code if wrong is not None else None

    def _evaluation_act(self, tok: object) -> Act | None:
        """ "Trump called Canada 'one of the most hostile ...'", "described the plan as a strategic
        disaster", "said the ruling was unacceptable": a damning judgement of someone or of what is
        theirs is a criticism (111) by the one who makes it."""
        judged = judged_negatively(tok, self.lex)
        if judged is None:
            return None
        sources, _ = self.subject_of(tok)
        if not sources:
            return None
        target, word = judged
        self.consumed.update({word.i, target.i})
        act = Act(code="111", pattern=f"judge:{word.lemma_.lower()}@111", trigger=tok, sources=sources,
                  targets=[target])  # fmt: skip
        act.span_tokens.append(word)
        return self._apply_modality(tok, act)

    def _allegation_act(self, tok: object) -> Act | None:
        """ "X said Y was involved in corrupt acts", "X says both sides committed grave abuses", "X said
        the attack was orchestrated by Y": what is said charges Y with a wrong, so X accuses Y (112,
        or the kind of wrong: 1121 corruption, 1122 abuses...)."""
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if clause is None:  # "reiterated the claim that the attack was orchestrated by Y"
            charges = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in _CHARGE_NOUNS]
            clause = next((g for c in charges for g in c.children if g.dep_ in ("acl", "ccomp")), None)
        if clause is None or clause.pos_ not in ("VERB", "AUX"):
            return None
        found = charged_wrong(clause, self.lex, self._wrong_code)
        if found is None:
            return None
        code, accused, wrong = found
        sources, _ = self.subject_of(tok)
        if not sources or not accused:
            return None
        self.consumed.add(clause.i)
        act = Act(code=code, pattern=f"say+wrong@{code}", trigger=tok, sources=sources, targets=accused)
        act.span_tokens.append(wrong)
        return act

    def _criticism_adjective_act(self, tok: object) -> Act | None:
        """ "X is deeply concerned about Y's build-up", "critical of the government": X criticizes Y."""
        if tok.lemma_.lower() not in self.lex.word("criticism_adjectives") and tok.lower_ not in self.lex.word(
            "criticism_adjectives"
        ):
            return None
        if tok.dep_ not in ("acomp", "ROOT", "conj", "ccomp", "xcomp", "amod") or tok.dep_ == "amod":
            return None
        preps = self.lex.word("criticism_preps")
        targets = [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"
        ]
        if not targets:
            return None
        sources, _ = self.subject_of(tok)
        act = Act(code="111", pattern=f"adj:{tok.lemma_.lower()}@111", trigger=tok, sources=sources, targets=targets)
        return self._apply_modality(tok, act)
