"""events stage: the event coder.

Reads the dependency parse (`Document.doc`) and the actor mentions, finds acts with the
lexicon (`coding.acts`), resolves their arguments to actors (`coding.arguments`) and emits
one `Event` per source-target pair, coded in CAMEO and PLOVER, with the pattern that fired
and the evidence span. Dates, places and reporters are filled in by later stages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..coding.acts import Act, ActFinder
from ..coding.arguments import NO_PARTY_ACTOR, ArgumentResolver, Party
from ..coding.story import country_of_actor, expand_numbered_groups, fill_story_targets, story_country
from ..coding.syntax import locative, near_place
from ..knowledge.actors import ActorKB, SectorTerm
from ..knowledge.lexicon import Lexicon
from ..knowledge.ontology import Ontology
from ..model import Actor, Document, Event, Mention, Sentence
from .event_anchor import story_dateline

logger = logging.getLogger(__name__)

_MEETING_CODES = frozenset({"040", "042", "043", "044"})
_KEEP_WITHOUT_ACTORS = frozenset({"14", "15", "17", "18", "19", "20"})  # kept with unknown actors
_OFFICIAL_KINDS = frozenset({"country", "organisation", "organization"})
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "IGO", "NGO", "LEG", "JUD", "SPY", "HRI", "MED", "PTY"})
IMPLICIT_SOURCE = "+implicit-source"  # pattern mark: the source is the local authorities, unnamed in the text
_PERSON_SUFFIXES = ("ist", "ists", "ian", "ians")  # scientist, activist, civilian, politician
_PLACE_TARGET_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})  # a place may stand for the target
_LOCAL_ACT_ROOTS = frozenset({"14", "17", "18", "19", "20"})  # acts whose place says whose unnamed people act
_STATE_ACTS = ("172", "173", "116")  # ban, arrest/detain, sentence: done by a state when no one else is named
# Things attacked, seized or destroyed stand for their owner or their place (code prefixes).
_THING_TARGET_CODES = ("18", "19", "20", "1711", "1712")
# Reactions (denials, praise, criticism, rejection) whose object may name an act the story told
# before ("condemned the attack", "rejected the allegations"): the act's doer is the target.
_REACTION_ROOTS = frozenset({"01", "05", "11", "12"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Acts whose noun's possessor or "of" phrase is who they were done to ("Mhlanga's arrest").
_PATIENT_ROOTS = frozenset({"17", "18", "19", "20"})


class EventCoder:
    """`events` stage: fills `Document.events` from the parse and the actor mentions."""

    name = "events"
    requires: tuple[str, ...] = ("doc", "sentences", "actor_mentions")
    provides: tuple[str, ...] = ("events",)

    def __init__(
        self,
        ontology: Ontology | None = None,
        lexicon: Lexicon | None = None,
        gazetteer: object | None = None,
        lexicon_paths: Iterable[str | Path] = (),
        actor_kb: ActorKB | None = None,
    ) -> None:
        self.ontology = ontology or Ontology.load()
        self.lexicon = lexicon or Lexicon.load(lexicon_paths, ontology=self.ontology)
        self._gazetteer = gazetteer
        self._domestic = self.lexicon.word("domestic_codes")
        self._actor_kb = actor_kb
        self._actor_nouns = self.lexicon.word("actor_nouns")
        self._story_target_roots = tuple(self.lexicon.word("story_target_roots"))

    def is_actor_noun(self, word: str) -> bool:
        """A common noun that can name an actor: a general group noun or a role term of the actor KB."""
        if word in self._actor_nouns or (len(word) > 5 and word.endswith(_PERSON_SUFFIXES)):
            return True
        return self._actor_kb is not None and self._actor_kb.sector_term(word) is not None

    @property
    def gazetteer(self) -> object:
        """The place gazetteer, loaded on first need. `gazetteer` may be given as a callable that
        returns one (to share the places stage's instance without loading it early)."""
        if self._gazetteer is None:
            from ..knowledge.gazetteer import Gazetteer

            self._gazetteer = Gazetteer()
        elif callable(self._gazetteer) and not hasattr(self._gazetteer, "resolve"):
            self._gazetteer = self._gazetteer()
        return self._gazetteer

    def _country_of_place(self, name: str) -> str | None:
        """ISO-3 of a place name or a nationality adjective ("Idlib" -> SYR, "Syrian" -> SYR)."""
        iso3 = self.gazetteer.country_of_adjective(name)  # type: ignore[attr-defined]
        if iso3:
            return iso3
        place = self.gazetteer.resolve(name)  # type: ignore[attr-defined]
        if place is None and name.endswith("s") and name[:1].isupper():  # "Ghanaians", "Kurds"
            return self.gazetteer.country_of_adjective(name[:-1])  # type: ignore[attr-defined]
        return place.country if place is not None else None

    def _country_of_small_place(self, name: str) -> str | None:
        """ISO-3 of a populated place of any size (for names the text frames as places)."""
        place = self.gazetteer.resolve(name, min_population=0)  # type: ignore[attr-defined]
        return place.country if place is not None else None

    def __call__(self, doc: Document) -> Document:
        if doc.doc is None:
            return doc
        resolver = ArgumentResolver(
            doc,
            self._country_of_place,
            self.is_actor_noun,
            self.lexicon.word("never_actor_nouns"),
            self.lexicon.word("say_verbs"),
            self.lexicon.word("place_kind_nouns"),
            self._country_of_small_place,
            _dateline_span(doc),
        )
        finder = ActFinder(self.lexicon, self.ontology, resolver)
        story = story_country(doc)
        by_index = {s.index: s for s in doc.sentences}
        events: list[Event] = []
        meeting_ids: set[int] = set()
        for sent in doc.doc.sents:
            index = resolver.sentence_index(sent.end_char - 1)
            sentence = by_index.get(index) if index is not None else None
            if sentence is None or not sent.text.strip():
                continue
            for act in finder.acts(sent):
                for event in self._events_of(doc, act, resolver, sentence, finder, story, events):
                    events.append(event)
                    if act.meeting:
                        meeting_ids.add(id(event))
            self._remember_subject(sent, resolver, finder)
        self._settle_meetings(events, meeting_ids)
        expand_numbered_groups(doc, events)
        fill_story_targets(events, self._story_target_roots, story)
        doc.events = events
        return doc

    # ---- from an act to events -------------------------------------------------------------

    def _events_of(
        self,
        doc: Document,
        act: Act,
        resolver: ArgumentResolver,
        sentence: Sentence,
        finder: ActFinder,
        story: str | None = None,
        prior: list[Event] | None = None,
    ) -> list[Event]:
        say = self._say_subject(act, resolver, finder)
        sources = list(act.source_parties) + [p for t in act.sources for p in resolver.parties(t, say)]
        sources = [_speakers_own(p, say, resolver) for p in sources]
        targets = self._targets_of(act, resolver, finder, say, sources, prior or [])
        sources = self._located(act, resolver, sources, targets, story)
        targets = self._located(act, resolver, targets, sources, story)
        targets = self._place_as_target(act, resolver, targets)
        if act.code[:2] in _PATIENT_ROOTS:
            targets = [_capital_as_place(p, resolver) for p in targets]
        sources = _distinct(sources)
        if act.code.startswith("15"):  # "sent 10,000 troops to the border": its own troops are not a target
            own = {country_of_actor(p.actor) for p in sources if p.known}
            targets = [t for t in targets if not (t.known and country_of_actor(t.actor) in own)]
        targets = [t for t in _distinct(targets) if t.key() not in {s.key() for s in sources} or len(sources) > 1]
        if act.symmetric and len(sources) == 1 and not targets:
            sources = _distinct(sources + self._co_participants(act, resolver, sources[0]))
        if act.meeting:  # a meeting's partner is an actor; a topic ("discussed the ceasefire") is not
            targets = [t for t in targets if t.known]
            if not targets and (len(sources) < 2 or not any(s.known for s in sources)):
                return []
        if not sources and not targets and act.code[:2] not in _KEEP_WITHOUT_ACTORS:
            return []  # no argument at all: kept only for force, coercion and protest
        domestic = any(act.code[:n] in self._domestic for n in (2, 3, 4))
        if domestic and not any(t.actor.code for t in targets):
            targets = self._domestic_targets(sources, targets)
        if act.code[:2] == "14" and sources and not any(p.actor.code for p in sources):
            sources = self._domestic_sources(act, resolver, sources, targets)
        if not sources and act.code.startswith(_STATE_ACTS) and _agentless(act):
            sources = self._implicit_authorities(act, resolver, targets)
        pairs = self._pairs(act, sources, targets)
        events = []
        for source, target in pairs:
            event = self._event(doc, act, source, target, sentence)
            if event is not None:
                events.append(event)
        return events

    def _targets_of(
        self,
        act: Act,
        resolver: ArgumentResolver,
        finder: ActFinder,
        say: list[Party] | None,
        sources: list[Party],
        prior: list[Event],
    ) -> list[Party]:
        """The parties the act's target words stand for (a reaction's object: the doer of the act
        it names)."""
        targets = list(act.target_parties)
        things = act.code.startswith(_THING_TARGET_CODES)
        for tok in act.targets:
            found = resolver.parties(tok, say, things=things)
            if tok.i in finder.weak_targets:
                found = [p for p in found if p.via in ("mention", "demonym")]
            if act.code[:2] in _REACTION_ROOTS and resolver.is_thing(tok):
                found = self._reaction_target(tok, found, sources, prior)
            targets += found
        return targets

    def _place_as_target(self, act: Act, resolver: ArgumentResolver, targets: list[Party]) -> list[Party]:
        """ "demonstrated in Serbia", "shelled targets in Idlib": with no one known as the target,
        the place stands for its country (not when nature is what was fought: "battled blazes")."""
        if any(t.known for t in targets) or not act.locative or act.code[:2] not in _PLACE_TARGET_ROOTS:
            return targets
        nature = self.lexicon.word("never_actor_nouns")
        if any(t.lemma_.lower() in nature for t in act.targets):
            return targets
        return _place_parties(resolver, act.locative) or targets

    def _domestic_targets(self, sources: list[Party], unknown: list[Party]) -> list[Party]:
        """A curfew, an arrest, a strike, a resignation aimed at no one known: the source's own
        country is the target (the CAMEO convention for domestic acts). An unknown target named in
        the text ("52 members of MASSOB") keeps its name and takes that country's code."""
        countries = [iso3 for s in sources if s.known and (iso3 := country_of_actor(s.actor))]
        if not countries:
            return unknown
        iso3 = countries[0]
        if unknown:
            return [
                Party(Actor(name=u.actor.name, code=iso3, country=iso3, kind="unknown"), u.start, u.end, u.token,
                      True, "domestic")
                for u in unknown
            ]  # fmt: skip
        country = self.gazetteer.country(iso3)  # type: ignore[attr-defined]
        name = country.name if country is not None else iso3
        first = sources[0]
        actor = Actor(name=name, code=iso3, country=iso3, kind="country")
        return [Party(actor, first.start, first.end, first.token, True, "domestic")]

    @staticmethod
    def _domestic_sources(
        act: Act, resolver: ArgumentResolver, sources: list[Party], targets: list[Party]
    ) -> list[Party]:
        """Unnamed protesters, strikers or rioters: of the country they act in or against
        ("prisoners rioted at a jail in East Timor" -> TLS)."""
        iso3 = _first_country(_place_parties(resolver, act.locative) + targets)
        if not iso3:
            return sources
        sources = [s for s in sources if not resolver.is_thing(resolver.spacy_doc[s.token])]
        return [
            Party(Actor(name=s.actor.name, code=iso3, country=iso3, kind="unknown"), s.start, s.end, s.token, True,
                  "domestic")
            for s in sources
        ]  # fmt: skip

    def _located(
        self,
        act: Act,
        resolver: ArgumentResolver,
        parties: list[Party],
        others: list[Party],
        story: str | None = None,
    ) -> list[Party]:
        """Unnamed people of a known kind take the country the text places them in: "police arrested
        ... in Kampala" (UGACOP), "gunmen killed three people in Kabul" (AFGUAF, AFGCVL). The place is
        the act's location; for protests and coercion, also the country of the other side; failing
        those, the country the whole story is set in (`story_country`): "opposition lawmakers" in
        a story about Somalia are Somali."""
        if self._actor_kb is None or all(p.known for p in parties):
            return parties
        # the act's place locates unnamed people only for domestic force, coercion and protest:
        # "police arrested ... in Kampala", not "the two presidents are cooperating in Syria"
        where = list(act.locative) if act.code[:2] in _LOCAL_ACT_ROOTS else []
        if act.code[:2] in _LOCAL_ACT_ROOTS:  # "gunmen attacked a church in Kaduna"
            where += [g for t in act.targets for g in _located_in(t)]
            where += _main_clause_places(act.trigger)  # "shelled El Fasher, killing 12 people"
        trig = act.trigger
        if trig.dep_ == "relcl" and any(c.lower_ == "where" for c in trig.children):
            where.append(trig.head)  # "the coastal region, where security forces clashed with..."
        places = _place_parties(resolver, where)
        if act.code[:2] in ("14", "17") or act.symmetric:
            places += others
        place_iso3 = _first_country(places)
        out = []
        for party in parties:
            head = resolver.spacy_doc[party.token]
            term = None if party.known else self._role_term(party.actor.name, head)
            iso3 = _first_country(_place_parties(resolver, _own_places(head))) or place_iso3
            via = "located"
            if iso3 is None and story is not None:
                iso3, via = story, "story"
            if term is None or iso3 is None:
                out.append(party)
                continue
            actor = Actor(name=party.actor.name, code=iso3 + term.sector, country=iso3, sector=term.sector,
                          kind="unknown")  # fmt: skip
            out.append(Party(actor, party.start, party.end, party.token, True, via))
        return out

    def _reaction_target(
        self, noun: object, found: list[Party], sources: list[Party], prior: list[Event]
    ) -> list[Party]:
        """A reaction to an act named by a noun is aimed at the act's doer:
        - "condemned Mhlanga's arrest": the arrest's possessor is who it was done to; the doer is
          the one the story said did it to them, else, for an arrest, ban or sentence, that
          country's authorities;
        - "condemned the attack", "rejected the allegations" (a definite noun with no owner):
          the latest act of that kind the story told, by someone other than the reacting side.
        Other things keep their owners ("rejected Iran's proposal": Iran)."""
        if not found:
            return found
        roots = self._act_roots_of_noun(noun)
        stem = noun.lemma_.lower()[:5]  # type: ignore[attr-defined]
        reactors = {_key(s.actor) for s in sources}
        known = [p for p in found if p.known]
        patient = ("17" in roots) or (bool(roots & _PATIENT_ROOTS) and not _agent_named(noun))
        patient = patient or ("11" in roots and _charged_one_named(noun))
        if known and not patient:
            return found
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)  # type: ignore[attr-defined]
        charges = "11" in roots and noun.tag_ == "NNS"  # type: ignore[attr-defined]  # "dismissed accusations that"
        if not known and not (definite or charges):
            return found
        patients = {_key(p.actor) for p in known}
        for event in reversed(prior):
            lemma = event.pattern.split(":", 1)[-1].split("@", 1)[0].split("+", 1)[0]
            related = event.cameo[:2] in roots or (len(stem) == 5 and lemma.startswith(stem))
            if not related or not event.source.code or _key(event.source) in reactors:
                continue
            if patients and _key(event.target) not in patients:
                continue
            first = found[0]
            return [Party(event.source.copy(), first.start, first.end, first.token, True, "antecedent")]
        charged = noun.lemma_.lower() == "charge" and _charged_one_named(noun)  # type: ignore[attr-defined]
        if (known and "17" in roots) or charged:
            # "condemned X's arrest", "denied the charges against him": the state's act
            iso3 = _first_country(known or sources)
            country = self.gazetteer.country(iso3) if iso3 else None  # type: ignore[attr-defined]
            if country is not None:
                actor = Actor(name=f"{country.name} authorities", code=iso3 + "GOV", country=iso3, sector="GOV",
                              kind="unknown")  # fmt: skip
                where = (known or found)[0]
                return [Party(actor, where.start, where.end, where.token, True, "implicit")]
        if known:  # the victim is not the one criticised
            return [
                Party(
                    Actor(name=noun.text, code=None, kind="unknown"),
                    known[0].start,
                    known[0].end,  # type: ignore[attr-defined]
                    noun.i,
                    False,
                    "unknown",
                )
            ]  # type: ignore[attr-defined]
        return found

    def _act_roots_of_noun(self, head: object) -> set[str]:
        """The CAMEO roots of the acts a noun (or its compound: "arrest warrant") names."""
        roots: set[str] = set()
        words = [head] + [c for c in head.children if c.dep_ == "compound"]  # type: ignore[attr-defined]
        if head.lemma_.lower() in self.lexicon.word("act_container_nouns"):  # type: ignore[attr-defined]
            words += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]  # type: ignore[attr-defined]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in self.lexicon.word("force_means") and word is not head:
                roots.add("19")  # "the use of force", "the use of live ammunition"
            roots |= {p.code[:2] for p in self.lexicon.nouns.get(lemma, ()) if p.code}
            for table in (self.lexicon.accuse_nouns, self.lexicon.act_nouns):
                if lemma in table:
                    roots.add(table[lemma][:2])
        return roots

    def _role_term(self, name: str, head: object) -> SectorTerm | None:
        """The role term an unnamed party is named by: "security forces", "forces", "force"."""
        assert self._actor_kb is not None
        words = name.lower().split()
        for text in (" ".join(words[-2:]), head.lower_, head.lemma_.lower()):  # type: ignore[attr-defined]
            term = self._actor_kb.sector_term(text) if text else None
            if term is not None:
                return term
        return None

    def _implicit_authorities(self, act: Act, resolver: ArgumentResolver, targets: list[Party]) -> list[Party]:
        """ "The journalist was arrested in Harare", "her arrest", "the book was banned": an arrest, a
        ban or a sentence with no one named as doing it is the act of the authorities of the country
        where it happens (else of the country of the person it is done to)."""
        iso3 = _first_country(_place_parties(resolver, act.locative) + targets)
        if not iso3:
            return []
        country = self.gazetteer.country(iso3)  # type: ignore[attr-defined]
        name = f"{country.name if country is not None else iso3} authorities"
        actor = Actor(name=name, code=iso3 + "GOV", country=iso3, sector="GOV", kind="unknown")
        trig = act.trigger
        return [Party(actor, trig.idx, trig.idx + len(trig.text), trig.i, True, "implicit")]

    @staticmethod
    def _co_participants(act: Act, resolver: ArgumentResolver, first: Party) -> list[Party]:
        """'The heads of Turkish intelligence and Syrian intelligence met': partners coordinated deeper down."""
        found: list[Party] = []
        for tok in act.sources:
            for sub in tok.subtree:
                if sub.dep_ != "conj" and not any(c.dep_ == "conj" for c in sub.children):
                    continue
                mention = resolver.mention_at(sub.i)
                if mention is None:
                    parties = [p for p in resolver.parties(sub) if p.known]
                else:
                    parties = [Party(mention.actor, mention.start, mention.end, sub.i, True)]
                found.extend(p for p in parties if p.key() != first.key())
        return found

    @staticmethod
    def _pairs(act: Act, sources: list[Party], targets: list[Party]) -> list[tuple[Party | None, Party | None]]:
        pairs: list[tuple[Party | None, Party | None]] = []
        if act.symmetric and not targets and len(sources) > 1:
            pairs = [(a, b) for a in sources for b in sources if a.key() != b.key()]
            return pairs
        for s in sources or [None]:
            for t in targets or [None]:
                if s is not None and t is not None and s.key() == t.key():
                    continue
                pairs.append((s, t))
                if act.symmetric and s is not None and t is not None:
                    pairs.append((t, s))
        return pairs

    def _say_subject(self, act: Act, resolver: ArgumentResolver, finder: ActFinder) -> list[Party] | None:
        """In 'Hungary said it will support...', 'it' is the speaker unless resolved otherwise."""
        clause = act.trigger
        for _ in range(4):  # "said he is prepared to lift": climb from the adjective to its clause
            if clause.dep_ not in ("acomp", "xcomp", "conj") or clause.head is clause:
                break
            clause = clause.head
        head = clause.head
        if clause.dep_ == "ccomp" and finder.lemma(head) in self.lexicon.word("say_verbs"):
            subjects, _ = finder.subject_of(head)
            parties = [p for t in subjects for p in resolver.parties(t)]
            return [p for p in parties if p.known] or parties or None
        return None

    def _event(
        self, doc: Document, act: Act, source: Party | None, target: Party | None, sentence: Sentence
    ) -> Event | None:
        code = act.code
        source_actor = source.actor if source else NO_PARTY_ACTOR
        target_actor = target.actor if target else NO_PARTY_ACTOR
        if source and target and _same_actor(source_actor, target_actor, act.symmetric):
            return None
        pattern = act.pattern
        if act.official_code and _is_official(source_actor) and code != act.official_code:
            code = act.official_code  # a government or an organisation protests by a complaint
            pattern += f"+official:{code}"
        if source is not None and source.via == "implicit":
            pattern += IMPLICIT_SOURCE  # the assess stage weighs this guess
        if code.startswith("0874") and (target_actor.code or "").startswith("IGO"):
            code = "161"  # "withdrew from ECOWAS": leaving an organisation reduces relations, no troops move
            pattern += "+leave:161"
        if act.meeting and code == "040" and act.place is not None:
            code = self._meeting_code(act.place, source_actor, target_actor, doc)
        if not self.ontology.has_code(code):
            logger.warning("pattern %s gave unknown code %s", act.pattern, code)
            return None
        start, end = self._span(act, source, target, sentence)
        event = Event(
            article_id=doc.article.id,
            source=source_actor.copy(),
            target=target_actor.copy(),
            cameo=code,
            modality=act.modality,  # type: ignore[arg-type]
            negated=act.negated,
            pattern=pattern,
            trigger=act.trigger_text,
            ontology_version=self.ontology.version,
            trigger_token=act.trigger.i,
            sentence_index=sentence.index,
            mentions=[Mention(doc.article.id, sentence.index, start, end, doc.text[start:end], sentence.kind)],
        )
        self._set_code(event, code)
        return event

    def _set_code(self, event: Event, code: str) -> None:
        entry = self.ontology.cameo(code)
        event.cameo = code
        event.cameo_root = entry.root
        event.quad_class = entry.quad_class
        event.goldstein = entry.goldstein
        event.plover = self.ontology.to_plover(code)

    @staticmethod
    def _span(act: Act, source: Party | None, target: Party | None, sentence: Sentence) -> tuple[int, int]:
        trig = act.trigger
        points = [trig.idx, trig.idx + len(trig.text)]
        for party in (source, target):
            if party is not None and sentence.start <= party.start < sentence.end:
                points += [party.start, party.end]
        start, end = max(min(points), sentence.start), min(max(points), sentence.end)
        return start, end

    # ---- meetings --------------------------------------------------------------------------

    def _meeting_code(self, place_token: object, source: Actor, target: Actor, doc: Document) -> str:
        """042 visit / 043 host / 044 third location, from the place's country and the sides'."""
        place_country = self._place_country(place_token)
        a, b = country_of_actor(source), country_of_actor(target)
        if not place_country or not a or not b or a == b:
            return "040"
        if place_country not in (a, b):
            return "044"
        return "043" if place_country == a else "042"

    def _place_country(self, tok: object) -> str | None:
        gaz = self.gazetteer
        if tok.lemma_.lower() == "capital":
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "poss"):
                    iso = gaz.country_of_adjective(c.text)  # type: ignore[attr-defined]
                    if iso:
                        return iso
            return None
        start = tok.left_edge.i if tok.left_edge.ent_type_ else tok.i
        name = tok.doc[start : tok.i + 1].text
        place = gaz.resolve(name)  # type: ignore[attr-defined]
        return place.country if place else None

    def _settle_meetings(self, events: list[Event], meeting_ids: set[int]) -> None:
        """One meeting told several times gets the specific code the place gave one telling."""
        best: dict[tuple[str, str], str] = {}
        for e in events:
            if id(e) in meeting_ids and e.cameo in ("042", "043", "044"):
                best.setdefault((_key(e.source), _key(e.target)), e.cameo)
        for e in events:
            if e.cameo in _MEETING_CODES and e.cameo == "040":
                code = best.get((_key(e.source), _key(e.target)))
                if code:
                    self._set_code(e, code)
                    e.pattern += f"+place:{code}"

    # ---- pronouns ----------------------------------------------------------------------------

    @staticmethod
    def _remember_subject(sent: object, resolver: ArgumentResolver, finder: ActFinder) -> None:
        root = sent.root
        subjects, _ = finder.subject_of(root)
        for tok in subjects:
            known = [p for p in resolver.parties(tok) if p.known]
            if known:
                resolver.recent_subject = known[0]
                return


_BASED = frozenset({"base", "station", "headquarter", "locate"})


def _agent_named(noun: object) -> bool:
    """ "Israeli air raids", "Russia's attack": a possessor or a nationality names who attacked."""
    return any(c.dep_ in ("poss", "amod", "compound") and (c.ent_type_ or c.pos_ == "PROPN") for c in noun.children)  # type: ignore[attr-defined]


def _charged_one_named(noun: object) -> bool:
    """ "the charges against him", "allegations of X": the phrase names who is charged, not who
    charges (as a possessor or a "by" phrase would: "Pakistan's allegations")."""
    children = list(noun.children)  # type: ignore[attr-defined]
    if any(c.dep_ == "poss" or (c.dep_ in ("prep", "agent") and c.lower_ == "by") for c in children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("against", "of") for c in children)


def _own_places(head: object) -> list[object]:
    """Where a party is: "police in Kampala", "militants based in Afghanistan"."""
    places = locative(head)
    for child in head.children:  # type: ignore[attr-defined]
        if child.dep_ == "acl" and child.lemma_.lower() in _BASED:
            places += locative(child)
    return places


def _speakers_own(party: Party, say: list[Party] | None, resolver: ArgumentResolver) -> Party:
    """ "The Israeli army said soldiers came under fire": unnamed soldiers that a body of the same
    kind tells of are its own, not of the country the story is mostly about."""
    mention = resolver.mention_at(party.token)
    if not say or mention is None or not mention.how.endswith("+focus") or not party.actor.sector:
        return party
    speaker = next((s.actor for s in say if s.known and s.actor.sector == party.actor.sector), None)
    if speaker is None or not speaker.country or speaker.country == party.actor.country:
        return party
    actor = replace(party.actor, name=mention.text, code=speaker.country + party.actor.sector, country=speaker.country)
    return Party(actor, party.start, party.end, party.token, True, "speaker")


def _capital_as_place(party: Party, resolver: ArgumentResolver) -> Party:
    """ "Russian missiles struck central Kyiv": a capital struck is the city, standing for its
    country (UKR), not the government its name stands for when it speaks ("Kyiv said")."""
    mention = resolver.mention_at(party.token)
    if mention is None or mention.how != "kb:capital" or not party.actor.country:
        return party
    actor = Actor(name=mention.text, code=party.actor.country, country=party.actor.country, kind="place")
    return Party(actor, party.start, party.end, party.token, True, "place")


def _dateline_span(doc: Document) -> tuple[int, int]:
    """Where the story's dateline lies in the cleaned text ("NAIROBI, Kenya — ")."""
    dateline, offset = story_dateline(doc)
    return (offset, offset + dateline.end) if dateline.end else (0, 0)


def _main_clause_places(trigger: object) -> list[object]:
    """ "The RSF shelled the city of El Fasher ..., killing at least 12 people": a participle's
    act happened where its main clause's did (the main verb's place phrases and its object)."""
    if trigger.dep_ != "advcl" or trigger.tag_ != "VBG":  # type: ignore[attr-defined]
        return []
    head = trigger.head  # type: ignore[attr-defined]
    objects = [c for c in head.children if c.dep_ == "dobj"]
    return locative(head) + objects + [g for o in objects for g in _located_in(o)]


def _located_in(noun: object) -> list[object]:
    """The objects of a noun's "in", "at" and "near" phrases: where the thing or people were
    ("a council member in the town of Al Bab"), whatever the tagger made of the names."""
    return [
        g
        for c in noun.children  # type: ignore[attr-defined]
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _place_parties(resolver: ArgumentResolver, tokens: Iterable[object]) -> list[Party]:
    """The known actors that the place phrases `tokens` stand for (a place for its country); a
    place inside the phrase first ("Paris Square of Haifa city": Haifa, not Paris)."""
    out = []
    for tok in tokens:
        inner = [
            g
            for c in tok.children  # type: ignore[attr-defined]
            if c.dep_ == "prep" and c.lower_ in ("of", "in")
            for g in c.children
            if g.dep_ == "pobj" and near_place(g)
        ]
        found = [p for g in inner for p in resolver.parties(g, things=True) if p.known]
        out.extend(found or [p for p in resolver.parties(tok, things=True) if p.known])
    return out


def _first_country(parties: Iterable[Party]) -> str | None:
    """The country of the first known party that has one."""
    return next((c for p in parties if p.known and (c := country_of_actor(p.actor))), None)


def _agentless(act: Act) -> bool:
    """A passive verb with no "by" agent, or an act named by a noun ("the arrest of X")."""
    trig = act.trigger
    if trig.pos_ in ("NOUN", "PROPN"):
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trig.children)
    passive = passive or (trig.tag_ == "VBN" and trig.dep_ == "acl")  # "a journalist arrested over..."
    return passive and not any(c.dep_ == "agent" for c in trig.children)


def _distinct(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.key() not in seen:
            seen.add(p.key())
            out.append(p)
    return out


def _is_official(actor: Actor) -> bool:
    return actor.kind in _OFFICIAL_KINDS or (actor.sector or "") in _OFFICIAL_SECTORS


def _same_actor(a: Actor, b: Actor, symmetric: bool) -> bool:
    """Both sides are one actor (told twice); for a meeting, two mentions with one code are too."""
    if a.actor_id and a.actor_id == b.actor_id:
        return True
    return symmetric and a.code is not None and a.code == b.code


def _key(actor: Actor) -> str:
    return actor.actor_id or actor.code or actor.name.casefold()
