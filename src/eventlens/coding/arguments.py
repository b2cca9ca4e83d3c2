"""Who the arguments of an event are: from parse tokens to actors.

An argument (a subject, an object, "by X", "with Y", a possessor) is a token of the
spaCy parse. It is mapped to the actor mention whose span covers it, else to the
nearest mention in its subtree (breadth first: "the head of Turkey's intelligence
agency, Hakan Fidan" -> Hakan Fidan), else to an unknown actor named by its text.
Coordination gives several actors ("Iran and Russia").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import MappingProxyType

from ..errors import ConfigError
from ..knowledge.datafiles import read_yaml_mapping, shipped, word_list
from ..model import Actor, ActorMention, Document
from .syntax import framed_as_place

_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "det", "ccomp", "xcomp", "parataxis", "mark"})
_RELATIVE = frozenset({"which", "who", "whom", "that"})
_PERSONAL = word_list("personal_pronouns")
_STREETS = word_list("street_nouns")  # "Paris Square" in Haifa: a name, not a part of Paris
_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"})
_MAX_NAME = 80
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_MAX_DEPTH = 4
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
_OWNER_PREPS = frozenset({"of", "by", "with", "between", "against", "from", "among"})
_ANAPHOR_REACH = 3  # sentences back that "the group" may reach for its organisation
_ARMED_OR_CIVIL = ("REB", "UAF", "INS", "IMG", "NGO", "OPP", "HRI")


def _organisation_anaphors() -> MappingProxyType[str, str]:
    """data/language/organisation_anaphors.yaml: noun -> which organisations it can stand for."""
    data = read_yaml_mapping(shipped("language/organisation_anaphors.yaml"), "anaphor table")
    fits = data.get("fits")
    if not data.get("source") or not isinstance(fits, dict) or set(fits) != set(data.get("words") or ()):
        raise ConfigError("language/organisation_anaphors.yaml: needs `source:`, `words:` and `fits:` for each word")
    return MappingProxyType({str(k): str(v) for k, v in fits.items()})


_ORG_ANAPHORS = _organisation_anaphors()
_DOCUMENTS = word_list("document_nouns")
_FIRST_PERSON = frozenset({"i", "we", "us", "me"})
_CLOSING_QUOTES = frozenset({"”", '"', "''"})
_OPENING_QUOTES = frozenset({"“", '"', "``"})
_AFFILIATED = frozenset({"link", "affiliate", "loyal", "ally", "align", "tie", "connect", "associate", "belong"})


@dataclass(frozen=True)
class Party:
    """A resolved argument: the actor and the characters that name it."""

    actor: Actor
    start: int
    end: int
    token: int  # index of the argument's head token in the Doc
    known: bool  # has a code (an actor mention, a place, a nationality)
    via: str = "mention"  # mention | pronoun | place | demonym | unknown

    def key(self) -> str:
        a = self.actor
        return a.actor_id or (f"{a.code}|{a.name.casefold()}" if a.code else a.name.casefold())


NO_PARTY_ACTOR = Actor(name="", code=None, kind="unknown")


class ArgumentResolver:
    """Maps parse tokens to actors for one Document (built once per document)."""

    def __init__(
        self,
        document: Document,
        place_country: Callable[[str], str | None] | None = None,
        is_actor_noun: Callable[[str], bool] | None = None,
        never_actors: frozenset[str] = frozenset(),
        say_lemmas: frozenset[str] = frozenset(),
        place_kinds: frozenset[str] = frozenset(),
        small_place_country: Callable[[str], str | None] | None = None,
        dateline: tuple[int, int] = (0, 0),
    ) -> None:
        self.document = document
        self.place_kinds = place_kinds  # "town", "city": the proper name they frame is a place
        self.small_place_country = small_place_country  # the same, villages and towns of any size
        self.dateline = dateline  # character span of the story's dateline: no argument lies there
        self.place_country = place_country
        self.is_actor_noun = is_actor_noun
        self.never_actors = never_actors  # nature and weather nouns: not even a place's stand-in
        self.say_lemmas = say_lemmas  # verbs of saying: who speaks a quotation
        self.spacy_doc = document.doc
        self.token_mention: dict[int, ActorMention] = {}
        for mention in document.actor_mentions:
            span = self.spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:  # mentions may nest: the smallest one containing a token names it
                known = self.token_mention.get(tok.i)
                if known is None or (mention.end - mention.start) < (known.end - known.start):
                    self.token_mention[tok.i] = mention
        self._starts = [s.start for s in document.sentences]
        self._by_start = sorted(document.actor_mentions, key=lambda m: m.start)
        self._sents: list[object] | None = None
        self._sent_starts: list[int] = []
        self.recent_subject: Party | None = None  # for unresolved pronouns (set by the coder)

    def sentence_index(self, char: int) -> int | None:
        pos = bisect_right(self._starts, char) - 1
        return self.document.sentences[pos].index if pos >= 0 else None

    def mention_at(self, i: int) -> ActorMention | None:
        return self.token_mention.get(i)

    def parties(self, token: object, say_subject: list[Party] | None = None, things: bool = False) -> list[Party]:
        """Every actor an argument token stands for (coordination expanded).

        A common noun that names neither people, a group nor an institution (a price, a storm,
        a video, a decision) is a thing, not an actor: it stands for its owner if a modifier names
        one ("Iran's decision"), else for nobody known. `things=True` (the target of an attack or
        a seizure, a location) lets a thing stand for the place or owner found inside it."""
        tok = _antecedent(token)
        out: list[Party] = []
        for head in conjuncts(tok):
            if self.dateline[0] <= head.idx < self.dateline[1]:
                continue  # "NAIROBI, Kenya — police fired ...": where the story was filed, not who acted
            out.extend(self._parties_of_head(head, say_subject, things))
        return _distinct(out)

    def is_thing(self, head: object) -> bool:
        """A common noun that cannot be an actor (see `parties`)."""
        if self.is_actor_noun is None or head.pos_ != "NOUN" or head.ent_type_ in _ACTOR_ENTS:
            return False
        return not self.is_actor_noun(head.lemma_.lower()) and not self.is_actor_noun(head.lower_)

    def modifier_parties(self, token: object) -> list[Party]:
        """Actors named by a noun's own modifiers: a possessor, a nationality adjective, a compound."""
        out: list[Party] = []
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod"):
                found = self._covering(child) or self._search(child, max_depth=2)
                out.extend(found)
                if child.dep_ == "poss" and not found and child.lower_ in _PERSONAL and self.recent_subject:
                    out.append(self.recent_subject)
        return _distinct(out)

    def _parties_of_head(self, head: object, say_subject: list[Party] | None, things: bool = False) -> list[Party]:
        covering = self._covering(head)
        if covering and covering[0].actor.code is None:  # a place the actor stage left uncoded
            coded = self._place_party(head, things) or self._demonym_party(head) or self._coded_inside(covering[0])
            if coded is not None:
                return [coded]
        if covering:
            return covering
        if head.lower_ in _PERSONAL or head.pos_ == "PRON":
            if say_subject:
                return say_subject
            if head.lower_ in _FIRST_PERSON and head.pos_ == "PRON":  # “We reject the offer. ...,” Rubio said.
                speaker = self._quote_speaker(head)
                return [speaker] if speaker is not None else []
            if head.lower_ in _PERSONAL:
                earlier = self._antecedent_mention(head)
                if earlier is not None:
                    return [earlier]
        referred = self._organisation_referred(head)
        if referred is not None:
            return [referred]
        counted = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        if counted and counted[0].dep_ == "pobj" and counted[0].lower_ in ("whom", "which", "them"):
            earlier = _noun_before(head)  # "demonstrators, some of whom threw rocks": the demonstrators
            return self._parties_of_head(earlier, say_subject, things) if earlier is not None else []
        if head.ent_type_ in ("CARDINAL", "QUANTITY") and counted and counted[0].dep_ == "pobj":
            return self._parties_of_head(counted[0], say_subject, things)  # "hundreds of students": the students
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.never_actors:
            return [self._unknown(head)]  # "battled blazes in Canada": a fire is nobody
        if not things and self.is_thing(head):
            owners = self._owners(head) or self._issuer(head)
            demonym = None if owners else self._demonym_party(head)
            return owners or ([demonym] if demonym else [self._unknown(head)])
        found = self._search(head, max_depth=_MAX_DEPTH) or self._affiliation(head)
        if found:
            return found
        if head.pos_ not in _NOUNISH or head.ent_type_ in _NOT_ACTOR_ENTS:
            return []
        if head.lemma_.lower() in _STREETS:  # "Paris Square of Haifa city": in Haifa
            place = self._nearest_place(head) or self._place_party(head)
        else:
            place = self._place_party(head) or self._demonym_party(head) or self._nearest_place(head)
        if place is None and head.ent_type_ in ("ORG", "FAC") and head.lemma_.lower() not in _STREETS:
            place = self._named_after_place(head)
        if place is not None:
            return [place]
        return [self._unknown(head)]

    def _quote_speaker(self, pron: object) -> Party | None:
        """The speaker of the quotation a first-person pronoun stands in: the known subject of a verb
        of saying after the quotation closes, in this sentence or the next two (“We will impose
        sanctions. We reject the offer,” Rubio said), or before it opens ("Rubio said: “We ...")."""
        if not self.say_lemmas:
            return None
        if self._sents is None:  # built once per document, on the first quoted pronoun
            self._sents = list(self.spacy_doc.sents)
            self._sent_starts = [s.start for s in self._sents]
        sents = self._sents
        here = bisect_right(self._sent_starts, pron.i) - 1
        if here < 0:
            return None
        for sent in sents[here : here + 3]:
            closed = False
            for tok in sent:
                if tok.i > pron.i and tok.text in _CLOSING_QUOTES:
                    closed = True
                elif closed and tok.lemma_.lower() in self.say_lemmas:
                    found = self._known_subject(tok)
                    if found is not None:
                        return found
            if closed:
                break
        for sent in reversed(sents[max(0, here - 2) : here + 1]):
            opening = [t for t in sent if t.i < pron.i and t.text in _OPENING_QUOTES]
            for tok in sent:
                if opening and tok.i < opening[-1].i and tok.lemma_.lower() in self.say_lemmas:
                    found = self._known_subject(tok)
                    if found is not None:
                        return found
        return None

    def _known_subject(self, verb: object) -> Party | None:
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _FIRST_PERSON):
            known = [p for p in self.parties(subject) if p.known]
            if known:
                return known[0]
        return None

    def _organisation_referred(self, head: object) -> Party | None:
        """ "The group said", "the bloc suspended Mali", "the council voted": a definite noun with no
        name or nationality of its own refers back to the nearest organisation named in the last few
        sentences that fits it (data/language/organisation_anaphors.yaml)."""
        fits = _ORG_ANAPHORS.get(head.lemma_.lower()) if head.pos_ == "NOUN" else None
        if fits is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if any(c.dep_ in ("compound", "amod", "poss") and (c.ent_type_ or c.pos_ == "PROPN") for c in head.children):
            return None  # "the Syrian group", "the Wagner group": a name of its own
        here = self.sentence_index(head.idx)
        if here is None:
            return None
        lemma = head.lemma_.lower()
        for mention in reversed(self._by_start):
            if mention.start >= head.idx:
                continue
            actor = mention.actor
            if actor.kind not in ("organisation", "media", "group") or not actor.code:
                continue
            code = actor.code.upper()
            named = any(lemma in n.lower().split() for n in (actor.name, mention.text, *actor.aliases))
            if mention.sentence < here - _ANAPHOR_REACH and not named:
                continue  # a body whose own name holds the word ("the council") may be further back
            if (
                named
                or fits == "any"
                or (fits == "armed" and code.startswith(_ARMED_OR_CIVIL, 3))
                or (fits == "armed" and code.startswith(("IMG", "NGO")))
                or (fits == "igo" and code.startswith("IGO"))
            ):
                left = head.left_edge
                return Party(actor, left.idx, head.idx + len(head.text), head.i, True, "anaphor")
        return None

    def _issuer(self, document: object) -> list[Party]:
        """ "The statement threatened sanctions": a definite document noun with no owner is the one
        the story last had a known actor issue, write or speak in ("Blinken issued a statement
        Tuesday", "said in a letter"), in this sentence or the two before."""
        lemma = document.lemma_.lower()
        if lemma not in _DOCUMENTS or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in document.children
        ):
            return []
        here = self.sentence_index(document.idx)
        for tok in reversed(self.spacy_doc[: document.i]):
            if here is not None and (self.sentence_index(tok.idx) or 0) < here - 2:
                break
            if tok.lemma_.lower() != lemma:
                continue
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            found = [p for s in subjects for p in self._covering(s)] or [
                p for s in subjects for p in self._search(s, 2)
            ]
            if found:
                return found[:1]
        return []

    def _affiliation(self, head: object) -> list[Party]:
        """ "militants linked with the Baloch Liberation Army", "fighters loyal to Haftar": unnamed
        members stand for the organisation or person they are tied to."""
        for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in _AFFILIATED):
            for prep in (c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("with", "to")):
                found = [p for g in prep.children if g.dep_ == "pobj" for p in self._covering(g)]
                if found:
                    return found
        for amod in (c for c in head.children if c.dep_ == "amod" and c.lemma_.lower() in _AFFILIATED):
            for prep in (c for c in amod.children if c.dep_ == "prep" and c.lower_ in ("with", "to")):
                found = [p for g in prep.children if g.dep_ == "pobj" for p in self._covering(g)]
                if found:
                    return found
        return []

    def _owners(self, thing: object) -> list[Party]:
        """Whose a thing is: a possessor or modifier ("Iran's decision", "Chinese investment"), an
        "of/by/with/between/against" phrase ("the brutality of the military", "allegations made by
        Pakistan"), one level down; never a place or a mention deeper inside."""
        holders = [thing, *(c for c in thing.children if c.dep_ == "acl")]
        found: list[Party] = []
        agents: list[Party] = []  # "the release of the journalist by Iran": Iran's act, whoever it concerns
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "poss" and child.lower_ in _PERSONAL:
                    earlier = self._antecedent_mention(child)  # "rejected its offer"
                    found += [earlier] if earlier is not None else []
                elif child.dep_ in _OWNER_DEPS:
                    found += [p for tok in conjuncts(child) for p in self._covering(tok)]
                elif child.dep_ in ("prep", "agent") and child.lower_ in _OWNER_PREPS:
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    named = [p for g in objs for tok in conjuncts(g) for p in self._covering(tok)]
                    (agents if child.lower_ == "by" else found).extend(named)
                    if not named and not found and child.lower_ == "of":  # "the city of Idlib"
                        found += [p for g in objs if (p := self._place_party(g)) is not None]
        for clause in (c for c in thing.children if c.dep_ in ("relcl", "acl")):
            # "the deal that Russia offered", "the attack rebels carried out": whoever did it
            if not any(g.dep_ in ("dobj", "nsubjpass") and g.lower_ not in _RELATIVE for g in clause.children):
                subjects = [g for g in clause.children if g.dep_ == "nsubj" and g.lower_ not in _RELATIVE]
                found += [p for g in subjects for tok in conjuncts(g) for p in self._covering(tok)]
        found = _distinct(agents or found)  # "China's military build-up": the military, not also China
        return [p for p in found if not any(_inside(p, q) for q in found if q is not p)]

    def _nearest_place(self, head: object) -> Party | None:
        """'targets in Jericho', 'refugees fleeing the war in Liberia': the nearest country named inside."""
        if self.place_country is None:
            return None
        level = [head]
        for _ in range(_MAX_DEPTH):
            level = [c for tok in level for c in tok.children if c.dep_ not in ("punct", "cc", "det", "relcl", "conj")]
            for tok in level:
                if tok.ent_type_ in ("PERSON", "ORG") and framed_as_place(tok, self.place_kinds):
                    framed = self._entity_place(tok, small=True)  # "a theatre in the port city of Mariupol"
                    if framed is not None:
                        unknown = self._unknown(head)
                        actor = replace(framed.actor, name=unknown.actor.name)
                        return Party(actor, unknown.start, unknown.end, head.i, True, "place")
                if tok.ent_type_ in ("GPE", "NORP", "LOC"):
                    ent = entity_of(tok)
                    if len(ent) > 1 and ent[-1].lemma_.lower() in self.place_kinds:
                        ent = ent[:-1]  # "Haifa city" tagged whole
                    iso3 = self.place_country(ent.text)
                    if iso3:
                        unknown = self._unknown(head)
                        actor = Actor(name=unknown.actor.name, code=iso3, country=iso3, kind="place")
                        return Party(actor, unknown.start, unknown.end, head.i, True, "place")
        return None

    def _coded_inside(self, party: Party) -> Party | None:
        """An uncoded mention with a coded one inside it ("U.N. mediator Diego Cordovez"): that code."""
        for mention in self.document.actor_mentions:
            inside = party.start <= mention.start and mention.end <= party.end
            if mention.actor.code and inside and (mention.start, mention.end) != (party.start, party.end):
                actor = Actor(
                    name=party.actor.name,
                    code=mention.actor.code,
                    country=mention.actor.country,
                    sector=mention.actor.sector,
                    kind=party.actor.kind,
                )
                return Party(actor, party.start, party.end, party.token, True, "mention")
        return None

    def _named_after_place(self, head: object) -> Party | None:
        """An organisation named after its city or country ("Baghdad University Medical School")."""
        ent = entity_of(head)
        first = ent[0]
        if first.pos_ != "PROPN" or not first.text[:1].isupper() or self.place_country is None:
            return None
        iso3 = self.place_country(first.text)
        if not iso3:
            return None
        actor = Actor(name=ent.text, code=iso3, country=iso3, kind="organisation")
        return Party(actor, ent.start_char, ent.end_char, head.i, True, "place")

    def _untyped_place(self, head: object) -> Party | None:
        left = head
        while left.i > 0 and left.nbor(-1).dep_ == "compound" and left.nbor(-1).pos_ == "PROPN":
            left = left.nbor(-1)
        name = head.doc[left.i : head.i + 1].text
        iso3 = self.place_country(name) if self.place_country else None
        if not iso3:
            return None
        actor = Actor(name=name, code=iso3, country=iso3, kind="place")
        return Party(actor, left.idx, head.idx + len(head.text), head.i, True, "place")

    def _entity_place(self, head: object, small: bool = False) -> Party | None:
        """The whole name the token is part of, as a place of 15,000 people or more; with `small`,
        of any size (a name the text frames as a place: "the town of Maarat al-Numan")."""
        lookup = self.small_place_country if small else self.place_country
        if lookup is None:
            return None
        ent = entity_of(head)
        iso3 = lookup(ent.text)
        if not iso3:
            return None
        actor = Actor(name=ent.text, code=iso3, country=iso3, kind="place")
        return Party(actor, ent.start_char, ent.end_char, head.i, True, "place")

    def _demonym_party(self, head: object) -> Party | None:
        """'Syrian officers', 'Israeli tanks': an unresolved group stands for its nationality's country."""
        if self.place_country is None:
            return None
        for child in head.children:
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE"):
                iso3 = self.place_country(child.text)
                if iso3:
                    unknown = self._unknown(head)
                    actor = Actor(name=unknown.actor.name, code=iso3, country=iso3, kind="group")
                    return Party(actor, unknown.start, unknown.end, head.i, True, "demonym")
        return None

    def _antecedent_mention(self, pron: object) -> Party | None:
        """An unresolved pronoun: the nearest earlier fitting mention in its sentence, else the last subject."""
        person = pron.lower_ in ("he", "him", "his", "she", "her")
        thing = pron.lower_ in ("it", "its")
        sent_start = pron.sent.start
        for i in range(pron.i - 1, sent_start - 1, -1):
            mention = self.token_mention.get(i)
            if mention is None or pron.head.i == i:
                continue
            kind = mention.actor.kind
            if (person and kind != "person") or (thing and kind == "person"):
                continue
            if any(c.i == i for c in pron.head.children if c.dep_ in ("nsubj", "nsubjpass")):
                continue
            return Party(mention.actor, mention.start, mention.end, i, True, "pronoun")
        recent = self.recent_subject
        if recent is None:
            return None
        if (person and recent.actor.kind != "person") or (thing and recent.actor.kind == "person"):
            return None
        return recent

    def _place_party(self, head: object, attacked: bool = False) -> Party | None:
        """A place named as an argument ("Idlib has been bombed") stands for its country."""
        if self.place_country is None:
            return None
        ent_tokens = [head] if head.ent_type_ in _PLACE_ENTS or head.ent_type_ == "NORP" else []
        ent_tokens += [c for c in head.children if c.dep_ == "compound" and c.ent_type_ in _PLACE_ENTS]
        if not ent_tokens and head.pos_ == "PROPN" and not head.ent_type_:
            return self._untyped_place(head)  # the tagger missed it: "Idlib has been bombed"
        if not ent_tokens and head.ent_type_ in ("PERSON", "ORG") and framed_as_place(head, self.place_kinds):
            return self._entity_place(head, small=True)  # mistagged: "the town of Maarat al-Numan"
        if not ent_tokens and head.ent_type_ in ("PERSON", "ORG") and (_after_locative(head) or attacked):
            # "a police post in Bamenda", "shelled Kharkiv" with the name taken for a person
            return self._entity_place(head)
        if not ent_tokens:
            return None
        tok = ent_tokens[0] if ent_tokens[0] is head else ent_tokens[-1]
        ent = entity_of(tok)
        iso3 = self.place_country(ent.text)
        if not iso3:
            return None
        left = min(head.left_edge.i, ent.start)
        while left < head.i and head.doc[left].dep_ in ("det", "punct"):
            left += 1
        name = head.doc[left : max(head.i, ent.end - 1) + 1].text
        actor = Actor(name=name, code=iso3, country=iso3, kind="group" if tok.ent_type_ == "NORP" else "place")
        return Party(actor, head.doc[left].idx, head.idx + len(head.text), head.i, True, "place")

    def _covering(self, tok: object) -> list[Party]:
        mention = self.token_mention.get(tok.i)
        if mention is None:
            return []
        return [Party(mention.actor, mention.start, mention.end, tok.i, True)]

    def _search(self, head: object, max_depth: int) -> list[Party]:
        """Breadth-first over the subtree: the mentions at the shallowest depth that has any."""
        level = [head]
        for _ in range(max_depth):
            nxt = []
            for tok in level:
                street = tok.lemma_.lower() in _STREETS  # "Paris Square": not France's
                skip = _SKIP_DEPS | {"compound"} if street else _SKIP_DEPS
                nxt.extend(c for c in tok.children if c.dep_ not in skip)
            found: list[Party] = []
            for tok in nxt:
                for conj in conjuncts(tok):
                    covering = self._covering(conj)
                    if covering and covering[0].actor.code is None:  # "the town of Maarat al-Numan"
                        place = self._place_party(conj)
                        if place is None and framed_as_place(conj, self.place_kinds):
                            place = self._unknown(conj)  # a place not in the gazetteer is no one
                        covering = [place] if place is not None else covering
                    found.extend(covering)
            if found:
                return _distinct(found)
            level = nxt
            if not level:
                break
        return []

    def _unknown(self, head: object) -> Party:
        left = head.left_edge
        while left.i < head.i and left.dep_ in ("det", "punct", "predet") and left.lower_ != "both":
            left = left.nbor(1)  # "both sides" keeps its quantifier: it names a story's pair
        text = self.spacy_doc[left.i : head.i + 1].text
        if len(text) > _MAX_NAME:
            text = head.text
        actor = Actor(name=text, code=None, kind="unknown")
        return Party(actor, left.idx, head.idx + len(head.text), head.i, False, "unknown")


def _after_locative(tok: object) -> bool:
    """The object of "in", "near" or "at": a place's position ("a police post in Bamenda")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "at", "outside")


def _noun_before(tok: object) -> object | None:
    """The nearest noun before a token in its sentence ("demonstrators" before ", some of whom")."""
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        word = tok.doc[i]
        if word.pos_ in ("NOUN", "PROPN"):
            return word
    return None


def entity_of(tok: object) -> object:
    """The named-entity span a token is part of (the token alone if none), found from its IOB tags."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    if tok.ent_iob_ in ("B", "I"):
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]


def conjuncts(tok: object) -> list[object]:
    """The token and the tokens coordinated with it ("Iran and Russia")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out


def _antecedent(tok: object) -> object:
    """A relative pronoun stands for the noun its clause modifies ("Idlib, which has been bombed")."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _inside(inner: Party, outer: Party) -> bool:
    """`inner` names a part of what `outer` names (a nested mention)."""
    longer = (outer.end - outer.start) > (inner.end - inner.start)
    return outer.start <= inner.start and inner.end <= outer.end and longer


def _distinct(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        k = p.key()
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out
