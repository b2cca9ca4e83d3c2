"""places stage: where each event happened, not every place the sentence names.

The place comes from the event's own clause, in this order:
1. a locative phrase attached to the trigger (or to the verb a nominal trigger hangs
   from): "met in Moscow", "talks at the Kremlin in Moscow", "in the Russian capital";
   a phrase of movement for deployments and attacks ("deployed to northeastern Syria");
   "from" for withdrawals ("withdraw its troops from Syria");
2. the target, when the event is an attack on a place ("Idlib ... has been fiercely
   bombed", "Russia shelled Aleppo", "the assault on Idlib");
3. a coordinated verb that shares the subject shares the place ("met in Moscow and
   discussed ...").
A place that describes an actor ("Kurdish forces in northern Syria") or a topic ("the
ceasefire in Idlib" for a discussion) is not where the event happened.

When the clause does not say, the place is taken from further away, each step with a
lower confidence, recorded in `Place.basis` and `Place.confidence`:
4. a locative phrase elsewhere in the sentence ("On Thursday in Washington, Blinken ...");
5. the fixed seat of an institution that acts (`data/places/seats.tsv`: the ICJ rules in The
   Hague);
6. a locative place of the two sentences before it in the same paragraph (a story without
   paragraph breaks is one paragraph: a place named further back is another scene);
7. the story's main place: the commonest place of its events' own clauses;
8. the lead's locative place, then the dateline ("KHARTOUM, Sudan -").
Landmarks stand for their city ("talks at the Kremlin": Moscow), and a visit to a country
is a visit to its capital unless the text names another place.
A country is never taken from an actor ("Turkish officials" do not place an event in
Turkey); only a phrase that names a place does.

Names are resolved with the gazetteer (`knowledge.gazetteer`), using the countries the
article mentions to pick between namesakes. "the town of X", "X city", "X district",
"X province" say what kind of place X is (and admit villages and small towns); "X, Y" and
"X (Y, Z)" narrow X to the places in Y. Each place carries its precision: site (a named
building or feature), town, district, region or country.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Token

from ..knowledge.gazetteer import Gazetteer
from ..knowledge.seats import Seat, Seats
from ..model import Document, Event, Place
from .event_anchor import clause_head, event_sentence, is_verbal, lead_sentence, story_dateline, trigger_token
from .place_names import NOT_PLACE_ENTITIES, PlaceCues, PlaceNames

logger = logging.getLogger(__name__)

# Statements, appeals, consultations, demands and threats (CAMEO 01-05, 10-13): said to an
# institution that sits at a fixed seat, they are said there ("urged the Security Council").
_ADDRESSED_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
# Demands, disapproval, rejection, threats, cuts in relations and coercion (CAMEO 10-13, 16, 17):
# one country does them to another from home.
_FROM_AFAR_ROOTS = frozenset({"10", "11", "12", "13", "16", "17"})
_BODY_PREFIXES = frozenset({"IGO", "NGO", "MNC", "IMG"})  # codes of bodies that are no country
_COARSENESS = {"site": 0, "town": 1, "district": 2, "region": 3, "unknown": 3, "country": 4}
# How far from the event's clause the place was found, and how much that is trusted.
CONFIDENCE = {
    "clause": 0.9, "sentence": 0.7, "seat": 0.6, "paragraph": 0.5, "story": 0.45, "lead": 0.4,
    "dateline": 0.3,
}  # fmt: skip
# How many sentences back a paragraph's place still reaches (stories without paragraph
# breaks are one long paragraph: a place named ten sentences earlier is another scene).
_PARAGRAPH_REACH = 2


class EventPlacer:
    """`places` stage: sets each event's `place`."""

    name = "places"
    requires: tuple[str, ...] = ("events", "doc")
    provides: tuple[str, ...] = ("events",)

    def __init__(
        self, gazetteer: Gazetteer | None = None, cues: PlaceCues | None = None, seats: Seats | None = None
    ) -> None:
        self._gazetteer = gazetteer
        self.cues = cues or PlaceCues.load()
        self.seats = seats or Seats.load()

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, built on first use (loading it takes about two seconds)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer()
        return self._gazetteer

    def __call__(self, doc: Document) -> Document:
        if doc.doc is None or not doc.events:
            return doc
        context = self.gazetteer.countries_in(ent.text for ent in doc.doc.ents if ent.label_ in ("GPE", "NORP", "LOC"))
        actor_tokens = {
            token.i
            for mention in doc.actor_mentions
            if (span := doc.doc.char_span(mention.start, mention.end, alignment_mode="expand")) is not None
            for token in span
        }
        known_tokens = {
            token.i
            for mention in doc.actor_mentions
            if mention.actor.code or (mention.actor.actor_id or "").startswith("kb:")
            if mention.how != "kb:capital"  # a capital is a place as well as its government
            if (span := doc.doc.char_span(mention.start, mention.end, alignment_mode="expand")) is not None
            for token in span
        }
        finder = _PlaceFinder(self.gazetteer, self.cues, context, actor_tokens, known_tokens, self.seats)
        for event in doc.events:
            token = trigger_token(event, doc)
            # the actors' countries narrow namesakes too (never a place by themselves)
            finder.context = context | {c for c in (event.source.country, event.target.country) if c}
            place = finder.place_of_event(token, event) if token is not None else None
            event.place = _based(place, "clause") if place is not None else None
            if event.place is not None and event.cameo in self.cues.visit_codes:
                event.place = self._visited_capital(event.place)
        finder.context = context
        share_news_place(doc)
        self._place_from_context(doc, finder)
        return doc

    def _place_from_context(self, doc: Document, finder: _PlaceFinder) -> None:
        """Events still without a place take, each with a lower confidence: the sentence's
        place; the seat of the institution that acts (a ruling of the ICJ: The Hague); a
        place of the two sentences before in the same paragraph; the story's main place (the
        commonest place of its events' own clauses: "Militants stormed a train near Sibi ...
        The militants blew up tracks"); the lead's; the dateline's."""
        unplaced = [e for e in doc.events if e.place is None]
        if not unplaced:
            return
        by_sentence: dict[int, Place | None] = {}

        def sentence_place(index: int) -> Place | None:
            if index not in by_sentence:
                by_sentence[index] = finder.place_in_sentence(doc, index)
            return by_sentence[index]

        placed = sorted((e for e in doc.events if e.place is not None), key=lambda e: e.trigger_token or 0)
        clause_places = [e.place for e in placed if e.place is not None and e.place.basis == "clause"]
        lead = lead_sentence(doc)
        dateline = self._dateline_place(doc, finder)
        for event in unplaced:
            sentence = event_sentence(event, doc)
            if sentence is None or not 0 <= sentence < len(doc.sentences):
                continue
            place = _based(sentence_place(sentence), "sentence")
            seat = self._institution_seat(event)
            if place is None and seat is not None:
                place = _based(seat.place(), "seat")
            if place is None:
                place = _based(self._capital_as_actor(doc, event, sentence), "seat")
            for earlier in _paragraph_before(doc, sentence)[:_PARAGRAPH_REACH]:
                if place is None:  # the paragraph tells where ("at the summit in Hanoi ... Trump denied")
                    place = _based(sentence_place(earlier), "paragraph")
            allowed = self._story_countries(event)  # where places told elsewhere in the story may stand for
            if place is None:
                place = _based(_story_place(clause_places, allowed), "story")
            if place is None and lead is not None and lead != sentence:
                place = _based(_within(sentence_place(lead), allowed), "lead")
            if place is None and dateline is not None:
                place = _based(dateline, "dateline")
            event.place = place

    def _institution_seat(self, event: Event) -> Seat | None:
        """Where an institution with a fixed seat acts (a ruling of the ICJ: The Hague), or is
        spoken to (appeals and briefings to the UN Security Council: New York)."""
        seat = self.seats.of_code(event.source.code) or self._seat_of_institution(event.source.name)
        if seat is None and event.cameo_root in _ADDRESSED_ROOTS:
            seat = self._seat_of_institution(event.target.name)
        return seat

    def _seat_of_institution(self, name: str) -> Seat | None:
        seat = self.seats.named(name) if name else None
        return seat if seat is not None and seat.kind == "institution" else None

    def _story_countries(self, event: Event) -> set[str] | None:
        """The countries whose places may stand for where the event happened: the actors'; for
        an act one country does to another from afar (sanctions, statements, aid), only the
        doer's (US sanctions on Iran's police are not imposed in Tabriz). Force, meetings and
        cooperation happen where the other side is, or anywhere. None: no place told elsewhere
        stands for it (an international body's criticism of a country's act)."""
        countries = _actor_countries(event)
        source = event.source.country
        far = event.cameo_root in _FROM_AFAR_ROOTS
        if far and len(countries) == 2 and source in countries:
            return {source}
        if far and not countries and (event.source.code or "")[:3] in _BODY_PREFIXES:
            return None  # the UN chief condemning a strike: not where it fell
        return countries

    def _capital_as_actor(self, doc: Document, event: Event, sentence: int) -> Place | None:
        """ "Mogadishu announced it was cutting ties": a government named by its capital speaks
        and decides there (not where its forces strike: "Moscow attacked Kyiv")."""
        source = event.source
        if not source.code or not source.country or event.cameo_root in self.cues.target_roots | {"15"}:
            return None
        named = any(
            m.sentence == sentence and m.how == "kb:capital" and m.actor.code == source.code for m in doc.actor_mentions
        )
        capital = self.gazetteer.capital(source.country) if named else None
        return replace(capital, confidence=CONFIDENCE["seat"]) if capital is not None else None

    def _visited_capital(self, place: Place) -> Place:
        """A visit to a country ("Modi's visit to Mauritius") is a visit to its capital,
        the seat of the government visited: an inference, trusted less than the text."""
        if place.precision != "country" or place.country is None:
            return place
        capital = self.gazetteer.capital(place.country)
        if capital is None:
            return place
        return replace(capital, basis=place.basis, confidence=CONFIDENCE["seat"])

    def _dateline_place(self, doc: Document, finder: _PlaceFinder) -> Place | None:
        dateline, _ = story_dateline(doc)
        if not dateline.place:
            return None
        return self.gazetteer.resolve(dateline.place, finder.context, "city")


def _based(place: Place | None, basis: str) -> Place | None:
    if place is None:
        return None
    return replace(place, basis=basis, confidence=CONFIDENCE[basis])


def _within(place: Place | None, countries: set[str] | None) -> Place | None:
    """The place, if it lies in one of `countries` (any place when none are given; no place
    when `countries` is None)."""
    if countries is None:
        return None
    if place is None or not countries or place.country is None or place.country in countries:
        return place
    return None


def _story_place(places: list[Place], countries: set[str] | None) -> Place | None:
    """The place the story's events happen at most often (the first of equals); for a
    domestic act, among the places in its country (a Guatemalan court does not act where a
    Maltese journalist was killed; talks between two countries may be held in a third)."""
    if countries is None:
        return None
    if len(countries) == 1:
        places = [p for p in places if p.country in countries]
    if not places:
        return None
    counts: dict[str, int] = {}
    for place in places:
        counts[place.name] = counts.get(place.name, 0) + 1
    return max(places, key=lambda p: counts[p.name])


def _actor_countries(event: Event) -> set[str]:
    """ISO-3 codes of the event's actors' countries; empty when one of them is an
    international body or group (the G7 urging Russia is not a Russian affair)."""
    found = set()
    for actor in (event.source, event.target):
        code = actor.country or (actor.code[:3] if actor.code else None)
        if code in ("IGO", "NGO", "MNC", "IMG"):
            return set()
        if code and code.isalpha() and code.isupper():
            found.add(code)
    return found


def _paragraph_before(doc: Document, index: int) -> list[int]:
    """Indexes of the sentences of the same paragraph before sentence `index`, nearest first."""
    sent = doc.sentences[index]
    paragraph = next((p for p in doc.paragraphs if p.start <= sent.start < max(p.end, p.start + 1)), None)
    if paragraph is None:
        return []
    return [s.index for s in reversed(doc.sentences[:index]) if s.start >= paragraph.start]


def share_news_place(doc: Document) -> None:
    """The headline, standfirst, captions and lead tell the same news: an event told there
    without a place takes the place of an event of the same kind told there with one
    (the caption's "met with" is the lead's "met in Moscow")."""
    lead = lead_sentence(doc)
    news = {s.index for s in doc.sentences if s.kind != "body"} | ({lead} if lead is not None else set())
    told = [(e, event_sentence(e, doc)) for e in doc.events]
    donors = [e for e, sent in told if e.place is not None and sent in news]
    for event, sent in told:
        if event.place is not None or sent not in news:
            continue
        donor = next((d for d in donors if _family(d) == _family(event)), None)
        if donor is not None:
            event.place = donor.place


def _family(event: Event) -> str:
    return event.plover.event if event.plover else event.cameo_root


class _PlaceFinder(PlaceNames):
    """Looks for the place of one event in the parse of its sentence."""

    def place_in_sentence(self, doc: Document, index: int) -> Place | None:
        """The first place named in a locative phrase of the sentence ("in X", "at X",
        "near X"), preferring phrases that hang from a verb over those inside a noun phrase."""
        sent = doc.sentences[index]
        span = doc.doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            return None
        compass = dict(self.cues.compass_bearings)
        preps = [
            t
            for t in span
            if t.dep_ == "prep"
            and (
                (t.lower_ in self.cues.locative and t.lower_ != "on") or (t.lower_ == "of" and t.head.lower_ in compass)
            )
        ]
        found: list[tuple[bool, int, int, Place]] = []
        for prep in preps:
            if prep.head.i in self.actor_tokens and prep.head.ent_type_ in ("PERSON", "ORG"):
                continue  # "the governor of X" is who, not where
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                place = self.place_of_noun(obj)
                if place is not None:
                    found.append((not is_verbal(prep.head), _COARSENESS.get(place.precision, 3), prep.i, place))
        # a phrase on a verb first, then the finest place ("forces in Somalia ... a hotel in
        # the town of Beledweyne": the town), then the first
        return min(found, key=lambda f: f[:3])[3] if found else None

    def place_of_event(self, token: Token, event: Event) -> Place | None:
        anchors = self._anchors(token)
        found = None
        finders = (self._locative_place, self._where_place, self._participant_place, self._compass_place,
                   self._misparsed_direction, self._subject_place)  # fmt: skip
        for find in finders:
            found = next((p for anchor in anchors if (p := find(anchor, event)) is not None), None)
            if found is not None:
                break
        if found is None and event.cameo in self.cues.visit_codes:
            found = self._target_place(token) or self._visited_country(anchors)  # "visited Taiwan"
        if (found is None or found.precision in ("country", "region")) and self._is_attack_on_place(token, event):
            # "shelled Al Madid ... in Yemen": the town; "shelled El Fasher ..., killing 12": the
            # main clause's target
            target = next((p for a in [token, *anchors[1:]] if (p := self._target_place(a)) is not None), None)
            coarseness = _COARSENESS.get(target.precision, 3) if target is not None else 9
            finer = found is None or coarseness < _COARSENESS[found.precision]
            if target is not None and finer and (found is None or target.country == found.country):
                return target
        return found

    def _visited_country(self, anchors: list[Token]) -> Place | None:
        """ "a visit by Modi to Mauritius" where the tagger left the country's name untagged
        or took it for a person (after "visit to" a country's name is the country visited)."""
        for anchor in anchors:
            words = [c for c in anchor.children if c.dep_ == "dobj"]
            for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ in self.cues.directional):
                words.extend(c for c in prep.children if c.dep_ == "pobj")
            for word in words:
                if word.pos_ == "PROPN" and word.ent_type_ not in NOT_PLACE_ENTITIES:
                    name = " ".join(t.text for t in word.subtree if t.pos_ == "PROPN" and t.i <= word.i)
                    country = self.gazetteer.country(name)
                    if country is not None:
                        return country
        return None

    def _anchors(self, token: Token) -> list[Token]:
        """The trigger, the verb a nominal trigger hangs from, and a verb it is coordinated
        with when they share the subject."""
        anchors = [token]
        head = clause_head(token)
        if head.i != token.i:
            anchors.append(head)
        verb = anchors[-1]
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if verb.dep_ == "conj" and is_verbal(verb.head) and not has_subject:
            anchors.append(verb.head)
        # "rejected the warrant, telling journalists in Banja Luka ...": a participle that goes
        # with the act, done by the same subject at the same time, says where it was done
        anchors += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and is_verbal(verb.head):
            anchors.append(verb.head)  # "shelled El Fasher ..., killing 12": the killing was there too
        return anchors

    def _locative_place(self, anchor: Token, event: Event) -> Place | None:
        lemma = anchor.lemma_.lower()
        unplaced: Place | None = None  # a site named but not located
        for prep in (c for c in anchor.children if c.dep_ == "prep"):
            word = prep.lower_
            usable = (
                word in self.cues.locative
                or (word in self.cues.directional and event.cameo_root in self.cues.directional_roots)
                or (word == "from" and lemma in self.cues.from_lemmas)
            )
            if not usable:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                place = self.place_of_noun(obj)
                if place is not None and place.lat is None:
                    unplaced = unplaced or place  # "in Tahrir Square in Cairo": the site's city next
                elif place is not None:
                    return place
        if unplaced is not None:
            return unplaced
        if lemma in self.cues.from_lemmas:
            return self._from_place_below(anchor)
        return None

    def _compass_place(self, anchor: Token, event: Event) -> Place | None:
        """ "attacked positions south of Tripoli", "clashed 20 km north of Aleppo": near the place
        named, whose name stands for it when the clause names no place it is in ("fought rebels in
        the Kanem region north of N'Djamena": Kanem)."""
        bearings = dict(self.cues.compass_bearings)
        for child in anchor.children:
            if child.dep_ in ("advmod", "npadvmod") and child.lower_ in bearings:
                for prep in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "of"):
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        place = self.place_of_noun(obj)
                        if place is not None:
                            return place
        return None

    def _where_place(self, anchor: Token, event: Event) -> Place | None:
        """ "flew to Tel Aviv, where he met Netanyahu": a clause opened by "where" happens at the
        place it describes."""
        if anchor.dep_ == "relcl" and any(c.lower_ == "where" for c in anchor.children):
            return self.place_of_noun(anchor.head)
        return None

    def _participant_place(self, anchor: Token, event: Event) -> Place | None:
        """ "met the emir in Doha", "met with Mamlouk in Moscow": the parser often hangs the
        place on the person met; a person or organisation has no place of its own here."""
        people: list[Token] = [c for c in anchor.children if c.dep_ == "dobj"]
        partners = [
            g for prep in anchor.children if prep.dep_ == "prep" and prep.lower_ == "with" for g in prep.children
            if g.dep_ == "pobj"
        ]  # fmt: skip
        for person in people + partners:
            named = person.ent_type_ in ("PERSON", "ORG", "NORP") or person.i in self.actor_tokens
            if not named and person not in partners:  # "clashed with gunmen in the Tayouneh area"
                continue
            for prep in (c for c in person.children if c.dep_ == "prep" and c.lower_ in self.cues.locative):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = self.place_of_noun(obj)
                    if place is not None:
                        return place
        return None

    def _subject_place(self, anchor: Token, event: Event) -> Place | None:
        """ "Macron in Berlin called ...", "a railway official in Quetta told VOA": a named
        person's whereabouts given beside the name is where the person acts (a group's "in X",
        "Kurdish forces in northern Syria", says who they are, not where this act happened)."""
        for person in (c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")):
            if person.ent_type_ != "PERSON":
                continue
            for prep in (c for c in person.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = self.place_of_noun(obj)
                    if place is not None:
                        return place
        return None

    def _misparsed_direction(self, anchor: Token, event: Event) -> Place | None:
        """ "deployed to northeastern Syria" parsed as the verb "northeastern" with object Syria."""
        if event.cameo_root not in self.cues.directional_roots:
            return None
        for child in anchor.children:
            bearings = dict(self.cues.compass_bearings)
            if child.dep_ not in ("xcomp", "advcl") or child.lower_ not in self.cues.compass | bearings.keys():
                continue
            if any(c.dep_ == "aux" and c.lower_ in self.cues.directional for c in child.children):
                for obj in (c for c in child.children if c.dep_ == "dobj"):
                    place = self.place_of_noun(obj)
                    part_of = place is not None and place.precision == "country" and place.country
                    if place is not None and part_of and child.lower_ in bearings:
                        name = f"{child.lower_} {place.name}"  # "deployed to north Syria"
                        place = self.gazetteer.part_of_country(place.country, bearings[child.lower_], name) or place
                    if place is not None:
                        return place
        return None

    def _from_place_below(self, anchor: Token) -> Place | None:
        """ "the withdrawal of troops from Syria": the "from" phrase may hang from the object."""
        for child in anchor.children:
            for grandchild in child.subtree:
                if grandchild.dep_ == "prep" and grandchild.lower_ == "from" and grandchild.i != anchor.i:
                    for obj in (c for c in grandchild.children if c.dep_ == "pobj"):
                        place = self.place_of_noun(obj)
                        if place is not None:
                            return place
        return None

    def _is_attack_on_place(self, token: Token, event: Event) -> bool:
        if event.cameo_root:
            return event.cameo_root in self.cues.target_roots
        return token.lemma_.lower() in self.cues.target_lemmas

    def _target_place(self, token: Token) -> Place | None:
        """The attacked place: the object, the passive subject, the antecedent of a relative
        clause ("the Idlib region, which has been bombed"), or "of"/"on" after a noun."""
        candidates: list[Token] = []
        if token.dep_ in ("relcl", "acl"):
            candidates.append(token.head)
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                candidates.append(child)
            if child.dep_ == "prep" and child.lower_ in ("of", "on", "against"):
                candidates.extend(c for c in child.children if c.dep_ == "pobj")
        for noun in candidates:
            place = self.place_of_noun(noun)
            if place is not None:
                return place
        return None
