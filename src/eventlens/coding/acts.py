"""Acts in a parsed sentence: which words carry an event, with which code and arguments.

An `Act` is a trigger (a verb or an event noun) with its CAMEO code, the tokens of its source
and target arguments, its modality and polarity. Speech acts and attitudes ("called on Turkey
to withdraw", "threatened to cut off", "refused to sign", "will provide") are frames whose
content act sets the final code (see data/lexicon/frames.yaml). Arguments are resolved to
actors later (`coding.arguments`).
"""

from __future__ import annotations

from ..knowledge.lexicon import Frame, Lexicon, Pattern, match_pattern
from ..knowledge.ontology import Ontology
from .act import Act, Content
from .arguments import ArgumentResolver, Party, conjuncts, entity_of
from .stance_acts import StanceActs
from .syntax import (
    aux_words,
    going_to,
    infinitive,
    infinitive_advcl,
    is_negated,
    lemmas_of_object,
    locative,
    with_phrases,
)

_VERB_TAGS = ("VB",)
_OBJ_DEPS = frozenset({"dobj", "obj"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_HARM_ROOTS = frozenset({"17", "18", "19", "20"})  # coercion, assault, fight, mass violence
PLACE_OBJECT = "place_name"  # the object word a lexicon entry names for an object that is a place's name
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})
_MAX_HOPS = 6
_RELATIVE = frozenset({"that", "which", "who", "whom"})


def _ended(noun: object, content: Content, cessation: frozenset[str]) -> Content:
    """ "an end to the violence", "a halt to the fighting": what is asked for is that force stop, a
    de-escalation (087), not the force itself."""
    if noun.lemma_.lower() in cessation and (content.code or "")[:2] in ("18", "19", "20"):  # type: ignore[attr-defined]
        targets = content.targets or [t for force in content.tokens[:1] for t in locative(force)]  # "in Syria"
        return Content("087", f"end>{content.pattern}", targets, content.target_parties, [noun])
    return content


def _relative_gap(verb: object) -> bool:
    """A relative clause with its own subject and no object ("the deal Iran rejected", "a charge
    that Kabul denied"): the noun it modifies is what the verb acts on."""
    children = list(verb.children)  # type: ignore[attr-defined]
    return (
        verb.dep_ in ("relcl", "acl")  # type: ignore[attr-defined]
        and verb.head.pos_ in ("NOUN", "PROPN")  # type: ignore[attr-defined]
        and any(c.dep_ == "nsubj" for c in children)
        and not any(c.dep_ in ("dobj", "nsubjpass", "ccomp", "xcomp") and c.lower_ not in _RELATIVE for c in children)
    )


_ANNOUNCING = frozenset({"announce", "decide", "confirm", "declare"})


def _announced(verb: object) -> bool:
    """The act is what someone announced or decided it would do (not what it warned it might)."""
    head = verb.head  # type: ignore[attr-defined]
    return verb.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in _ANNOUNCING  # type: ignore[attr-defined]


def _dates_only(prep: object) -> bool:
    """A preposition whose object is a date or time ("on Wednesday"): not a verb particle."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]  # type: ignore[attr-defined]
    return bool(objects) and all(g.ent_type_ in ("DATE", "TIME") for g in objects)


class ActFinder(StanceActs):
    """Finds the acts of one sentence; built once per document."""

    def __init__(self, lexicon: Lexicon, ontology: Ontology, resolver: ArgumentResolver) -> None:
        self.lex = lexicon
        self.onto = ontology
        self.resolver = resolver
        self.consumed: set[int] = set()
        self.weak_targets: set[int] = set()
        self.known_words = frozenset().union(*lexicon.words.values())

    # ---- the sentence -------------------------------------------------------------------

    def acts(self, sent: object) -> list[Act]:
        acts: list[Act] = []
        verbs = [t for t in sent if t.tag_.startswith(_VERB_TAGS) or t.pos_ in ("VERB", "AUX")]
        for tok in sent:  # frames first: they take their content with them
            act = self._frame_trigger(tok)
            if act is not None:
                acts.append(act)
        for tok in verbs:
            if tok.i in self.consumed:
                continue
            act = self._verb_act(tok)
            if act is not None:
                acts.append(act)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.consumed:
                act = self._noun_act(tok)
                if act is not None:
                    acts.append(act)
            elif tok.pos_ in ("ADJ", "VERB") and tok.i not in self.consumed:
                act = self._criticism_adjective_act(tok)
                if act is not None:
                    acts.append(act)
        self._borrow_targets(acts)
        return acts

    def _borrow_targets(self, acts: list[Act]) -> None:
        """An act with no target borrows one from the act it was done for: 'opened fire to disperse
        the demonstrators', 'demonstrated to demand reforms from the government'."""

        def targetless(a: Act) -> bool:
            return not a.target_parties and all(t.i in self.weak_targets for t in a.targets)

        for act in acts:
            if not targetless(act):
                continue
            heads = {act.trigger.i, *(t.head.i for t in act.span_tokens)}
            purpose = [
                b
                for b in acts
                if b is not act
                and not targetless(b)
                and b.trigger.dep_ in ("advcl", "xcomp")
                and b.trigger.head.i in heads
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in b.trigger.children)  # its own doer
            ]
            if not purpose and act.code[:2] == "14":
                purpose = [b for b in acts if b.code[:2] in ("10", "02") and not targetless(b)]
            if purpose:
                act.targets, act.target_parties = list(purpose[0].targets), list(purpose[0].target_parties)

    def _frame_trigger(self, tok: object) -> Act | None:
        lemma = self.lemma(tok)
        if tok.tag_.startswith(_VERB_TAGS) or tok.pos_ == "VERB":
            if lemma in self.lex.word("naming_verbs") or lemma in self.lex.word("say_verbs"):
                stance = self._evaluation_act(tok) or self._allegation_act(tok)
                if stance is not None:  # "called X a sham", "warned that X is illegal"
                    return stance
            pattern = self._verb_pattern(tok)
            if pattern is not None and pattern.frame:
                return self._frame_act(tok, pattern, self.lex.frames[pattern.frame])
            if lemma in self.lex.word("say_verbs"):
                return self._obligation_act(tok)
        attitude = lemma in self.lex.word("intent_adjectives") or lemma in self.lex.word("refusal_adjectives")
        if attitude and any(c.dep_ == "xcomp" for c in tok.children):
            frame = "intend" if lemma in self.lex.word("intent_adjectives") else "reject"
            pattern = Pattern(id=f"adj:{lemma}@{frame}", pos="verb", lemma=lemma, frame=frame)
            return self._frame_act(tok, pattern, self.lex.frames[frame])
        if tok.pos_ == "NOUN" and lemma in self.lex.word("intent_nouns") and any(infinitive(c) for c in tok.children):
            pattern = Pattern(id=f"noun:{lemma}@intend", pos="noun", lemma=lemma, frame="intend")
            return self._frame_act(tok, pattern, self.lex.frames["intend"])
        if tok.pos_ == "NOUN" and lemma in self.lex.word("speech_nouns"):
            return self._obligation_act(tok)
        return None

    # ---- plain verbs ----------------------------------------------------------------------

    def lemma(self, tok: object) -> str:
        """The token's lemma; for a verb the lemmatizer missed ("staged" -> "stag"), a known stem."""
        lemma = tok.lemma_.lower()
        if lemma in self.lex.verbs or lemma in self.known_words or not tok.tag_.startswith("VB"):
            return lemma
        low = tok.lower_
        for cut in (0, 1, 2, 3):
            stem = low[: len(low) - cut] if cut else low
            if stem in self.lex.verbs or stem in self.known_words:
                return stem
        return lemma

    def _verb_pattern(self, tok: object) -> Pattern | None:
        patterns = self.lex.verbs.get(self.lemma(tok))
        if not patterns:
            return None
        particles = {
            c.lemma_.lower()
            for c in tok.children
            if c.dep_ in ("prt", "prep", "agent") and not _dates_only(c)  # "On Wednesday, X called ..."
        }
        words: set[str] = set()
        for c in tok.children:
            if c.dep_ in _OBJ_DEPS or c.dep_ in ("nsubjpass", "acomp", "dative", "oprd", "attr"):
                words.add(c.lemma_.lower())
                if c.dep_ in _OBJ_DEPS and self._names_a_place(c):
                    words.add(PLACE_OBJECT)  # "captured Mekelle": a town taken, not a person arrested
                words.update(g.lemma_.lower() for g in c.children if g.dep_ in ("compound", "amod", "nmod"))
                words.update(
                    g.lemma_.lower() for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
                )
            elif c.dep_ in ("prep", "prt"):
                words.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
        has_object = any(c.dep_ in _OBJ_DEPS for c in tok.children)
        if not has_object and _relative_gap(tok):  # "the curfew that Somalia imposed"
            words.add(tok.head.lemma_.lower())
            has_object = True
        return match_pattern(patterns, particles, words, has_object)

    def _names_a_place(self, tok: object) -> bool:
        """The word is a place's name: tagged so, or a proper name the gazetteer knows that no coded
        actor covers (the small model often tags towns as people)."""
        if tok.ent_type_ in ("GPE", "LOC"):
            return True
        mention = self.resolver.mention_at(tok.i)
        if tok.pos_ != "PROPN" or (mention is not None and mention.actor.code) or self.resolver.place_country is None:
            return False
        return self.resolver.place_country(entity_of(tok).text) is not None

    def _verb_act(self, tok: object) -> Act | None:
        if tok.dep_ == "amod":  # "the banned group", "the occupied West Bank": a state, not an event
            return None
        pattern = self._verb_pattern(tok)
        if pattern is None or pattern.frame or not pattern.code:
            return None  # frames were handled first; light verbs act through their object noun
        act = self._plain_verb_act(tok, pattern)
        return self._apply_modality(tok, act)

    def _plain_verb_act(self, tok: object, pattern: Pattern) -> Act:
        sources, passive_targets = self.subject_of(tok)
        if not sources and tok.dep_ == "acl" and tok.tag_ == "VBN" and (pattern.code or "")[:2] in _HARM_ROOTS:
            # "civilians killed by Russian troops": the agent harmed the noun (not "soldiers backed by
            # AU troops" nor "a meeting requested by ...": those are states or requests, not harm)
            sources = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        act = Act(
            code=pattern.code or "",
            pattern=pattern.id,
            trigger=tok,
            sources=sources,
            symmetric=pattern.symmetric,
            meeting=pattern.meeting,
            official_code=pattern.official_code,
        )
        act.targets = passive_targets or self._objects(tok, pattern)
        said = [c for c in tok.children if c.dep_ == "ccomp"] or (
            [tok.head] if tok.dep_ in ("ccomp", "parataxis") else []
        )
        if pattern.official_code and said:
            act.code = pattern.official_code  # "X is failing..., a rights group protested": a complaint about X
            act.pattern += f"+said:{act.code}"
            act.targets = act.targets or self.subject_of(said[0])[0]
        if pattern.reverse and not passive_targets:  # "the purchase angered the US": the US disapproves
            act.sources, act.targets = act.targets, act.sources
        if not act.meeting:
            act.locative = locative(tok)
        self._refine_violence(tok, act)
        if act.meeting:
            act.place = self._place(tok)
        return act

    def _objects(self, tok: object, pattern: Pattern) -> list[object]:
        """The target tokens: the direct object (unless it only names the act), else the target phrases."""
        direct, named = [], []
        for c in tok.children:
            if c.dep_ in _OBJ_DEPS and pattern.topic_object:
                self.consumed.add(c.i)
                continue  # "discussed China": the topic, not a party
            if c.dep_ in _OBJ_DEPS or c.dep_ == "dative":
                self.consumed.add(c.i)
                if c.dep_ == "dative" or not (lemmas_of_object(c) & pattern.objects):
                    direct.append(c)
                else:
                    named.append(c)  # the object names the act ("broke off relations with X")
        holders = [tok, *named, *(c for n in named for c in conjuncts(n) if c is not n)]  # "gas and grenades at X"
        preps = [
            g
            for h in holders
            for c in h.children
            if c.dep_ in ("prep", "prt") and c.lemma_.lower() in pattern.target_preps
            for g in c.children
            if g.dep_ == "pobj"
            and not (pattern.meeting and g.ent_type_ in _PLACE_ENTS and c.lemma_ == "in")
            and g.lemma_.lower() not in pattern.objects
        ]
        if pattern.meeting and not preps:
            preps = with_phrases(tok)
        if not direct and not preps and pattern.object_target:
            direct = named
        for g in preps:
            self.consumed.add(g.i)
        direct = [t for t in direct if t.ent_type_ not in _NOT_ACTOR_ENTS]
        preps = [t for t in preps if t.ent_type_ not in _NOT_ACTOR_ENTS]
        if pattern.meeting and preps:
            return preps  # "discussed the ceasefire with X": the object is the topic
        if not direct and not preps and not named and _relative_gap(tok):
            direct = [tok.head]  # "a charge Balkhi rejected": the relative clause's object is its noun
        if direct or preps or pattern.meeting:
            return direct or preps
        # "shelled targets in Idlib", "lifted the curfew in Montenegro": the place may stand for the
        # target, never for the partner of a meeting or of anything done together
        place_target = not (pattern.symmetric or pattern.meeting)
        found = (locative(tok) or [g for n in named for g in locative(n)]) if place_target else []
        if found:
            return found
        self.weak_targets.update(n.i for n in named)  # a target only if it names a known actor
        return named

    def _refine_violence(self, tok: object, act: Act) -> None:
        """'a suicide bombing killed...', 'killed in an airstrike': the weapon noun gives the code."""
        if act.code[:2] not in _VIOLENT_ROOTS:
            return
        candidates = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        candidates += [g for c in tok.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
        for noun in candidates:
            pattern = self._noun_pattern(noun)
            if pattern is None or not pattern.code or pattern.code[:2] not in _VIOLENT_ROOTS:
                continue
            self.consumed.add(noun.i)
            act.locative += self._noun_targets(noun, pattern)  # "the assault on Idlib": a fallback target
            if _specificity(pattern.code) >= _specificity(act.code):
                act.code, act.pattern = pattern.code, f"{act.pattern}+{pattern.id}"
                act.span_tokens.append(noun)
            if noun in act.sources or noun.head.dep_ == "agent" or not act.sources:
                # "a bombing killed...", "killed in the regime's assault": the weapon's owner acts
                act.sources = [s for s in act.sources if s is not noun]
                act.source_parties = self.resolver.modifier_parties(noun)
                act.sources += [
                    g
                    for c in noun.children
                    if c.dep_ == "prep" and c.lower_ in ("by", "from")
                    for g in c.children
                    if g.dep_ == "pobj"
                ]

    # ---- modality and polarity -------------------------------------------------------------

    def _apply_modality(self, tok: object, act: Act) -> Act | None:
        aux = aux_words(tok)
        negated = is_negated(tok)
        words = self.lex.word
        future = bool(aux & words("future_aux")) or going_to(tok)
        maybe = bool(aux & words("hypothetical_aux"))
        if negated and (future or maybe):
            return self._reframe(act, "reject", "asserted")
        if negated:
            act.negated = True
            return act
        if future and _announced(tok) and act.code.startswith("16"):  # "announced it would cease aid": a policy
            act.modality = "intended"
            act.pattern += "+announced"
            return act
        if future:
            return self._reframe(act, "intend", "intended")
        if maybe:
            return self._reframe(act, "intend", "hypothetical")
        if aux & words("obligation_aux"):
            return None  # an obligation is coded as a demand by whoever voiced it (_obligation_act)
        return act

    def _reframe(self, act: Act, frame_name: str, modality: str) -> Act:
        frame = self.lex.frames[frame_name]
        code, frame = self._combine(frame, act.code)
        act.pattern = f"{act.pattern}+{frame.name}"
        act.code = code or act.code
        act.modality = modality if frame_name != "reject" else "asserted"
        if not self.onto.has_code(act.code):
            act.code = act.code[:3]
        return act

    def _combine(self, frame: Frame, content_code: str | None) -> tuple[str | None, Frame]:
        """The frame's code for this content; conflictual content may switch frames (intent -> threat)."""
        mapped = _table_code(frame, content_code)
        if mapped:
            return mapped, frame
        if content_code and frame.conflict and self.onto.cameo(content_code).quad_class in (3, 4):
            if frame.conflict in self.lex.frames:
                other = self.lex.frames[frame.conflict]
                return other.code_for(content_code), other
            return frame.conflict, frame
        if frame.name == "attempt":
            return frame.code_for(content_code) or content_code, frame
        return frame.code_for(content_code), frame

    # ---- frames: speech acts and attitudes ---------------------------------------------

    def _frame_act(self, tok: object, pattern: Pattern, frame: Frame) -> Act | None:
        content = self._content(tok, pattern, frame)
        code, used = self._combine(frame, content.code if content else None)
        if content is not None and content.code is None:
            content.pattern = ""
        if not code:
            return None
        sources, passive_targets = self.subject_of(tok)
        noun_sources: list[Party] = []
        if pattern.pos == "noun":  # "the regime's intention to...": the possessor, else the clause subject
            noun_sources = self.resolver.modifier_parties(tok)
            sources = [] if noun_sources else (self.subject_of(tok.head)[0] if tok.dep_ in _OBJ_DEPS else [])
        if not sources and passive_targets and frame.name in ("intend", "reject"):
            sources, passive_targets = passive_targets, []  # "Vietnam is committed to opening up"
        addressees = passive_targets or self._frame_addressees(tok, pattern, frame, content)
        if content is None and (frame.name == "intend" or (not addressees and frame.name in ("appeal", "reject"))):
            return None  # "he said he hopes", "the ministers agree with the U.S.": no act is intended
        weak = pattern.lemma in self.lex.word("weak_attitudes") or pattern.pos == "noun"
        if weak and (content is None or content.code is None):
            return None  # "wants to win", "hopes it works": a wish about no coded act
        act = Act(code=code, pattern=pattern.id, trigger=tok, sources=sources, modality=frame.modality)
        act.source_parties = noun_sources
        if content is not None and content.pattern:
            act.pattern = f"{pattern.id}>{content.pattern}"
            act.span_tokens.extend(content.tokens[:1])
        if content is not None and (not addressees or (used.conflict_target == "content" and code == frame.conflict)):
            act.targets, act.target_parties = content.targets, content.target_parties
        else:
            act.targets = addressees
        if is_negated(tok):
            act.negated = True
        if frame.name == "intend" and used.name == "threaten" and aux_words(tok) & self.lex.word("hypothetical_aux"):
            act.modality = "hypothetical"
        return act

    def _frame_addressees(self, tok: object, pattern: Pattern, frame: Frame, content: Content | None) -> list[object]:
        addressees = self._addressees(tok, pattern, content)
        if not addressees and content is not None and frame.name in ("demand", "appeal"):
            addressees = self._asked(content)
        if not addressees and content is not None and content.code is None:
            # "accused the U.N. envoy of lying": an object that names no act is the one addressed
            clause = content.clause
            if clause is not None and clause.dep_ in _OBJ_DEPS and clause.head.i == tok.i:
                addressees = [clause]
        if not addressees and content is not None and frame.name == "reject":
            # "rejected a Senegalese peace plan", "dismissed an appeal from X": whose it was
            rejected = [c for c in tok.children if c.dep_ in _OBJ_DEPS and c.pos_ in ("NOUN", "PROPN")]
            if not (content.targets or content.target_parties):
                addressees = rejected
        return addressees

    def _asked(self, content: Content) -> list[object]:
        """Who is asked to act: the subject of the content clause ("demanded that the US match..."),
        "from X" ("demanded support from the Assembly"), "of X" ("the resignation of the President")."""
        clause = content.clause
        if clause is not None and clause.dep_ == "ccomp":
            found = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if found:
                return found
        for tok in content.tokens[:1]:
            for c in tok.children:
                if c.dep_ in ("acl", "ccomp", "relcl"):
                    found = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in ("that",)]
                    if found:
                        return found
            for c in [*tok.children, *(tok.head.children if tok.dep_ in _OBJ_DEPS else [])]:
                if c.dep_ == "prep" and c.lower_ in ("from", "of", "by"):
                    found = [g for g in c.children if g.dep_ == "pobj"]
                    if found:
                        return found
        return []

    def _addressees(self, tok: object, pattern: Pattern, content: Content | None) -> list[object]:
        content_ids = {t.i for t in content.tokens} if content else set()
        out = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i not in content_ids]
        out += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lemma_.lower() in pattern.address
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for c in out:
            self.consumed.add(c.i)
        return out

    def _content(self, tok: object, pattern: Pattern, frame: Frame) -> Content | None:
        """What the speech act is about: a clause, an "of"/"for" phrase, or the rejected object."""
        heads = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or infinitive(c)]
        heads += [
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lemma_.lower() in pattern.content_preps
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
        ]
        if frame.name == "reject" or not heads:
            heads += [c for c in tok.children if c.dep_ in _OBJ_DEPS]
        for head in heads:
            found = self._content_of(head, frame)
            if found is not None:
                found.clause = head
                return found
        if heads:  # content not in the lexicon: keep the clause for its subject and targets
            head = heads[0]
            targets = next((found for h in heads if (found := self._generic_targets(h))), [])
            return Content(None, "", targets, [], [head], clause=head)
        return None

    def _generic_targets(self, tok: object) -> list[object]:
        """Targets of a word the lexicon does not know: 'to'/'against'/'on'/'with' phrases of it or of
        its object ("resume attacks on X"), else where it happens, else the verb's object itself
        ("refused to attend a hearing by the court": the hearing, which stands for its owner)."""
        objects = [c for c in tok.children if c.dep_ in _OBJ_DEPS]
        holders = [tok, *objects]
        found = [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("to", "against", "on", "with", "for")
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ not in _NOT_ACTOR_ENTS
        ]
        return found or [g for h in holders for g in locative(h)] or (objects if tok.pos_ == "VERB" else [])

    def _content_of(self, head: object, frame: Frame, depth: int = 0) -> Content | None:
        for tok in conjuncts(head):
            self.consumed.add(tok.i)
            found = self._content_act(tok, frame, depth)
            if found is not None:
                return found
        if frame.name == "accuse":
            for tok in head.subtree:
                wrong = self._wrong(tok)
                if wrong is not None:
                    return wrong
        return None

    def _wrong(self, tok: object) -> Content | None:
        """What someone is accused of: "war crimes" (1124), "corruption" (1121)..."""
        lemma = tok.lemma_.lower()
        for mod in (c for c in tok.children if c.dep_ in ("compound", "amod")):
            key = f"{mod.lemma_.lower()} {lemma}"
            if key in self.lex.accuse_nouns:
                return Content(self.lex.accuse_nouns[key], f"wrong:{key}", [], [], [tok])
        if lemma in self.lex.accuse_nouns:
            return Content(self.lex.accuse_nouns[lemma], f"wrong:{lemma}", [], [], [tok])
        return None

    def _content_act(self, tok: object, frame: Frame, depth: int) -> Content | None:
        if depth > _MAX_HOPS:
            return None
        if tok.pos_ in ("NOUN", "PROPN"):
            wrong = self._wrong(tok) if frame.name == "accuse" else None
            if wrong is not None:
                return wrong
            pattern = self._noun_pattern(tok)
            if pattern is not None and pattern.code:
                targets = self._noun_targets(tok, pattern)
                return Content(pattern.code, pattern.id, targets, self.resolver.modifier_parties(tok), [tok])
            # "rejected calls for aid", "an appeal for deploying troops": look inside the request
            for c in tok.children:
                if (c.dep_ in ("prep", "acl", "relcl") and c.lemma_.lower() in ("for", "to", "of")) or c.dep_ == "acl":
                    for g in [c, *c.children]:
                        if g.dep_ in ("pobj", "pcomp", "acl", "xcomp") and g is not tok:
                            found = self._content_act(g, frame, depth + 1)
                            if found is not None:
                                return _ended(tok, found, self.lex.word("cessation_nouns"))
            return None
        pattern = self._verb_pattern(tok)
        if pattern is not None and pattern.frame:
            inner = self._content(tok, pattern, self.lex.frames[pattern.frame])
            code, _ = self._combine(self.lex.frames[pattern.frame], inner.code if inner else None)
            return Content(code, pattern.id, inner.targets if inner else [], [], [tok])
        if pattern is not None and pattern.code:
            act = self._plain_verb_act(tok, pattern)
            return Content(act.code, pattern.id, act.targets, [], [tok])
        for c in tok.children:  # a light verb: "promised to continue military aid", "to hold talks"
            if c.dep_ in _OBJ_DEPS:
                found = self._content_act(c, frame, depth + 1)
                if found is not None:
                    self.consumed.add(c.i)
                    if not found.targets:
                        found.targets = self._objects(tok, _BARE)
                    return found
            if c.dep_ == "xcomp":
                found = self._content_act(c, frame, depth + 1)
                if found is not None:
                    return found
        return None

    # ---- nouns ---------------------------------------------------------------------------

    def _noun_pattern(self, tok: object) -> Pattern | None:
        patterns = self.lex.nouns.get(tok.lemma_.lower())
        if not patterns:
            return None
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        if tok.dep_ == "pobj" and tok.head.lemma_ == "of":
            mods.add(tok.head.head.lemma_.lower())
        return match_pattern(patterns, set(), mods)

    def _noun_targets(self, tok: object, pattern: Pattern) -> list[object]:
        out = []
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in self.lex.word("targeting_verbs"):
                out.extend(g for g in c.children if g.dep_ in _OBJ_DEPS)  # "tariffs targeting Canada"
                out.extend(
                    g for p in c.children if p.dep_ == "prep" and p.lower_ == "at" for g in p.children
                )  # "strikes aimed at militants"
                continue
            if c.dep_ != "prep":
                continue
            prep = c.lemma_.lower()
            if prep in pattern.target_preps or (prep == "of" and pattern.of_role == "target"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
            elif prep == "of":  # "the withdrawal of forces from Panama"
                for g in c.children:
                    out.extend(
                        x
                        for p in g.children
                        if p.dep_ == "prep" and p.lower_ in pattern.target_preps
                        for x in p.children
                        if x.dep_ == "pobj"
                    )
        return [t for t in out if t.ent_type_ not in _NOT_ACTOR_ENTS]

    def _noun_act(self, tok: object) -> Act | None:
        pattern = self._noun_pattern(tok)
        if pattern is None or not pattern.code:
            return None
        head = tok
        while head.dep_ == "pobj" and head.head.lemma_ == "of" and head.head.head.pos_ == "NOUN":
            head = head.head.head
        act = Act(
            code=pattern.code, pattern=pattern.id, trigger=tok, symmetric=pattern.symmetric, meeting=pattern.meeting
        )
        act.source_parties = self.resolver.modifier_parties(tok)
        for c in tok.children:
            if c.dep_ == "prep" and (
                c.lemma_.lower() in pattern.source_preps or (c.lemma_ == "of" and pattern.of_role == "source")
            ):
                act.sources.extend(g for g in c.children if g.dep_ == "pobj")
        act.targets = self._noun_targets(tok, pattern)
        governed = self._govern(head, act, pattern)
        if governed is None:
            return None
        if not governed and not (act.source_parties or act.sources):
            return None
        if act.meeting:
            act.place = self._place(tok) or self._place(head.head)
        return act

    def _govern(self, head: object, act: Act, pattern: Pattern) -> bool | None:
        """Use the governing verb: light verbs give the source, recipient verbs the target.

        Returns True when a verb supplied arguments, False when none did, None to drop the noun
        (it is the object of an unrelated verb: talked about, not reported as happening).
        """
        verb = head.head
        words = self.lex.word
        if head.dep_ in _OBJ_DEPS and verb.pos_ in ("VERB", "AUX"):
            lemma = self.lemma(verb)
            if lemma in words("recipient_verbs"):
                act.targets = self.subject_of(verb)[0] or act.targets
                act.sources += [
                    g
                    for c in verb.children
                    if c.dep_ == "prep" and c.lemma_ == "from"
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
                act.span_tokens.append(verb)
                return True
            if lemma in words("light_verbs"):
                sources, _ = self.subject_of(verb)
                if sources and not act.source_parties:
                    if act.sources:  # "X speeded up the withdrawal of its forces": X withdraws
                        act.span_tokens.extend(act.sources)
                    act.sources = sources
                if not act.targets:
                    act.targets = [
                        g
                        for c in verb.children
                        if c.dep_ == "prep" and c.lemma_.lower() in pattern.target_preps
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
                act.span_tokens.append(verb)
                modal = self._apply_modality(verb, act)
                return None if modal is None else True
            return None if not act.source_parties else False
        if head.dep_ == "nsubjpass" and verb.lemma_.lower() in words("light_verbs"):
            act.sources = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return True
        if head.dep_ == "pobj":
            return self._govern_by_prep(head, act, pattern)
        return False

    def _govern_by_prep(self, head: object, act: Act, pattern: Pattern) -> bool:
        """The noun hangs off a preposition: "for talks", "on allegations of", "under sanctions"."""
        words = self.lex.word
        prep = head.head
        if head.dep_ == "pobj" and prep.lower_ == "for" and self.lemma(prep.head) in words("motion_verbs"):
            act.sources = self.subject_of(prep.head)[0]  # "negotiators return to Geneva for talks"
            act.span_tokens.append(prep.head)
            return True
        if head.dep_ == "pobj" and prep.lower_ in ("on", "over", "for") and pattern.code[:2] == "11":
            verb = prep.head  # "jailed X on allegations of treason": the jailer alleges it
            if verb.pos_ == "VERB":
                act.sources = self.subject_of(verb)[0]
                act.targets = [c for c in verb.children if c.dep_ in _OBJ_DEPS] or act.targets
                wrongs = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
                wrong = self._wrong(wrongs[0]) if wrongs else None
                if wrong is not None and wrong.code:
                    act.code, act.pattern = wrong.code, f"{act.pattern}>{wrong.pattern}"
                act.span_tokens.append(verb)
                return True
        if head.dep_ == "pobj" and prep.lower_ in ("during", "on", "after") and pattern.code[:3] in ("042", "043"):
            verb = prep.head  # "said during a visit to Beijing": the speaker is the visitor
            named = any(c.dep_ == "prep" and c.lower_ in ("by", "of") for c in head.children)  # "a visit by X"
            if verb.pos_ in ("VERB", "AUX") and not named and not self.resolver.modifier_parties(head):
                act.sources = self.subject_of(verb)[0]
                act.span_tokens.append(verb)
                return True
        if head.dep_ == "pobj" and head.head.lemma_.lower() in words("undergo_preps"):
            verb = head.head.head
            if verb.lemma_.lower() in words("undergo_verbs"):
                sources, passive = self.subject_of(verb)
                act.targets = passive or sources
                act.span_tokens.append(verb)
                return True
        return False

    # ---- arguments -----------------------------------------------------------------------

    def subject_of(self, verb: object, hops: int = 0) -> tuple[list[object], list[object]]:
        """(source tokens, passive-subject target tokens) of a verb, inherited through the parse."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl"]
        if subj:
            return subj, []
        passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
        if passive:
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents, passive
        if hops > _MAX_HOPS or verb.head is verb:
            return [], []
        head, dep = verb.head, verb.dep_
        if dep == "conj":
            sources, passive = self.subject_of(head, hops + 1)
            if passive and not any(c.dep_ == "auxpass" for c in verb.children):
                return passive, []  # "X has been indicted ... and will resign": X resigns
            return sources, passive
        if dep in ("acomp", "oprd"):
            return self.subject_of(head, hops + 1)
        if dep == "xcomp":
            obj = [c for c in head.children if c.dep_ in _OBJ_DEPS]
            if obj and head.lemma_.lower() not in self.lex.word("subject_control"):
                return obj, []
            return self.subject_of(head, hops + 1)
        if dep == "advcl" and (verb.tag_ == "VBG" or infinitive_advcl(verb)):
            sources, passive = self.subject_of(head, hops + 1)
            if not sources and passive and verb.tag_ == "VBG":
                return passive, []  # "X was released after apologizing to Y": X apologized
            return sources, passive
        if dep == "relcl":
            return [head], []
        if dep == "acl":
            return ([], [head]) if verb.tag_ == "VBN" else ([head], [])
        if dep in ("ccomp", "pcomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
            return self.subject_of(head, hops + 1)
        return [], []

    def _place(self, tok: object) -> object | None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lemma_.lower() in ("in", "at"):
                for g in c.children:
                    if g.dep_ == "pobj" and (g.ent_type_ in _PLACE_ENTS or g.lemma_.lower() == "capital"):
                        return g
        return None


_BARE = Pattern(id="bare", pos="verb", lemma="", target_preps=("to", "on", "against", "with", "for"))


def _table_code(frame: Frame, content_code: str | None) -> str | None:
    if not content_code:
        return None
    if frame.passthrough and content_code.startswith(frame.passthrough):
        return content_code
    for n in range(len(content_code), 1, -1):
        hit = frame.content.get(content_code[:n])
        if hit:
            return hit
    return None


def _specificity(code: str) -> tuple[int, int]:
    return (len(code), 0 if code.endswith("0") else 1)
