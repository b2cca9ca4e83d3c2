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
from dataclasses import dataclass, replace
from importlib.abc import Traversable
from pathlib import Path

from spacy.tokens import Span, Token

from ..knowledge.datafiles import read_yaml_mapping, shipped
from ..knowledge.gazetteer import Gazetteer
from ..knowledge.place_index import loose_key
from ..knowledge.seats import Seat, Seats
from ..model import Document, Event, Place
from .event_anchor import clause_head, event_sentence, is_verbal, lead_sentence, story_dateline, trigger_token

logger = logging.getLogger(__name__)

CUES_PATH = shipped("places/place_cues.yaml")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_REGION_WORDS = frozenset({"region", "province", "governorate", "state", "oblast", "territory"})
_DISTRICT_WORDS = frozenset({"district", "county", "municipality", "subdistrict", "sub-district", "prefecture"})
_CITY_WORDS = frozenset({"city", "town", "village", "capital", "hamlet", "township", "neighbourhood", "neighborhood"})
_NOT_PLACE_ENTITIES = frozenset(
    {"DATE", "TIME", "NORP", "EVENT", "LAW", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART",
     "PRODUCT", "LANGUAGE"}
)  # fmt: skip
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


@dataclass(frozen=True)
class PlaceCues:
    """The lexical cues of `data/places/place_cues.yaml`."""

    locative: frozenset[str]
    directional: frozenset[str]
    directional_roots: frozenset[str]
    from_lemmas: frozenset[str]
    target_roots: frozenset[str]
    target_lemmas: frozenset[str]
    part_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    compass: frozenset[str]
    not_places: frozenset[str]
    visit_codes: frozenset[str] = frozenset()
    compass_bearings: tuple[tuple[str, float], ...] = ()

    @classmethod
    def load(cls, path: Path | Traversable = CUES_PATH) -> PlaceCues:
        data = read_yaml_mapping(path, "place cues")

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key) or [])

        return cls(
            words("locative_prepositions"),
            words("directional_prepositions"),
            words("directional_cameo_roots"),
            words("from_lemmas"),
            words("target_place_cameo_roots"),
            words("target_place_lemmas"),
            words("part_nouns"),
            words("capital_nouns"),
            words("compass_adjectives"),
            words("not_places"),
            words("visit_cameo_codes"),
            tuple((str(k).lower(), float(v)) for k, v in (data.get("compass_bearings") or {}).items()),
        )


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


def _compound_name(noun: Token) -> list[Token]:
    """The proper-name words compounded before a noun, with their own compounds ("South Kivu")."""
    words = []
    stack = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"]
    while stack:
        word = stack.pop()
        words.append(word)
        stack.extend(c for c in word.children if c.dep_ == "compound" and c.i < word.i and c.pos_ == "PROPN")
    return sorted(words, key=lambda t: t.i)


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


class _PlaceFinder:
    """Looks for the place of one event in the parse of its sentence."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        cues: PlaceCues,
        context: set[str],
        actor_tokens: set[int],
        known_tokens: frozenset[int] | set[int] = frozenset(),
        seats: Seats | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.seats = seats
        self.cues = cues
        self.context = context
        self.actor_tokens = actor_tokens  # tokens of actor mentions (people, organisations)
        self.known_tokens = known_tokens  # of those, the actors the knowledge base or a code knows

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
                if word.pos_ == "PROPN" and word.ent_type_ not in _NOT_PLACE_ENTITIES:
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

    def place_of_noun(self, noun: Token, depth: int = 0) -> Place | None:
        """The place a noun phrase names: an entity, a capital phrase, a part of a place
        ("the east of the Euphrates"), or a place inside it ("a hotel in Moscow")."""
        if depth > 3:
            return None
        seat = self._seat_named(noun)
        if seat is not None:
            return seat
        ent = _entity_of(noun) or self._misread_place(noun)
        if ent is not None:
            if ent.label_ in ("FAC", "LOC") and len(ent) > 1:  # "Paris Square of Haifa city": in Haifa
                inside = self._place_inside(noun, depth, proper=True)
                if inside is not None and inside.lat is not None:
                    return inside
            place = self._resolve_entity(ent, noun)
            if place is not None and place.precision == "country":
                place = self._compass_part(noun, ent, place) or place
            if place is None or place.lat is None:  # "Bat Galim Square of Haifa city": the city locates it
                return self._place_inside(noun, depth, proper=True) or place
            return place
        at_site = self._institution_city(noun)
        if at_site is not None:
            return at_site
        lemma = noun.lemma_.lower()
        if lemma in _CITY_WORDS | _DISTRICT_WORDS | _REGION_WORDS:  # "the Red Sea port city of Jeddah"
            town = self._town_before_region(noun)
            if town is not None:
                return town
            named = any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == noun.i - 1 for c in noun.children)
            own = self._proper_name_place(noun) if named else None  # "the Hays district of Hodeidah"
            inside = self._place_inside(noun, depth, proper=True)
            if own is not None and (inside is None or own.country == inside.country):
                return own  # not a namesake abroad: Hays, Kansas is not in Hodeidah
            if named and inside is not None and inside.country:
                own = self._named_within(noun, inside)
                if own is not None:
                    return own
            if inside is not None:
                return inside
            for child in (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
                # "the regional capital, Banja Luka": a place by apposition, even where the
                # name also stands for an actor
                words = [t for t in child.subtree if t.pos_ == "PROPN" and t.i <= child.i]
                name = " ".join(t.text for t in words)
                named = self.place_of_noun(child, depth + 1) or self.gazetteer.resolve(name, self.context, "city")
                if named is not None and named.precision != "country":
                    return named
        for child in noun.children:
            if child.dep_ == "compound" and _entity_of(child) is not None:
                found = self._resolve_entity(_entity_of(child), noun)  # type: ignore[arg-type]
                if found is not None:
                    return found  # else "the Tayouneh area of Beirut": the place it lies in
        if noun.pos_ == "PROPN" or lemma in _CITY_WORDS | _DISTRICT_WORDS | _REGION_WORDS:
            place = self._proper_name_place(noun)
            if place is not None:
                return place
        if lemma in self.cues.capital_nouns:
            capital = self._capital_of(noun)
            if capital is not None:
                return capital
        return self._place_inside(noun, depth, proper=noun.pos_ == "PROPN")

    def _compass_part(self, noun: Token, ent: Span, country: Place) -> Place | None:
        """ "in northeast Syria", "southern Lebanon": the part of the country that way, a
        region named as the text names it (`Gazetteer.part_of_country`)."""
        bearings = dict(self.cues.compass_bearings)
        for word in noun.children:
            if word.dep_ in ("amod", "compound") and word.i < ent.start and word.lower_ in bearings:
                if country.country is None:
                    return None
                name = f"{word.lower_} {ent.text}"
                return self.gazetteer.part_of_country(country.country, bearings[word.lower_], name)
        return None

    def _seat_named(self, noun: Token) -> Place | None:
        """ "at the Kremlin", "a visit to the White House", "in Downing Street": a landmark
        that stands for its city (`knowledge.seats`), named by an entity or proper name."""
        if self.seats is None or (noun.pos_ != "PROPN" and not noun.ent_type_):
            return None
        ent = _ent_span(noun)
        if ent is not None:
            names = [ent.text]
        else:
            words = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
            names = [noun.doc[(words[0].i if words else noun.i) : noun.i + 1].text]
        for name in names:
            seat = self.seats.named(name)
            if seat is not None:
                return seat.place()
        return None

    def _place_inside(self, noun: Token, depth: int, proper: bool) -> Place | None:
        """ "the outskirts of Aleppo", "a hotel in Moscow", "Bat Galim Square of Haifa city"."""
        lemma = noun.lemma_.lower()
        for prep in noun.children:
            if prep.dep_ == "appos" and proper and prep.lemma_.lower() in _DISTRICT_WORDS | _REGION_WORDS:
                wider = self.place_of_noun(prep, depth + 1)  # "the town of Mindat, Chin state": in Chin
                if wider is not None and wider.precision != "country":
                    return wider
            if prep.dep_ == "poss" and proper and prep.ent_type_ in ("GPE", "LOC"):
                owner = self.place_of_noun(prep, depth + 1)  # "Baghdad's Tahrir Square": in Baghdad
                if owner is not None and owner.precision != "country":
                    return owner
            if prep.dep_ != "prep":
                continue
            part = lemma in self.cues.part_nouns or noun.lower_ in self.cues.part_nouns  # "outskirts"
            is_part = prep.lower_ == "of" and (proper or part)
            if is_part or prep.lower_ in self.cues.locative:
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    place = self.place_of_noun(obj, depth + 1)
                    if place is not None:
                        return place
        return None

    def _institution_city(self, noun: Token) -> Place | None:
        """ "arrested at the Islamabad High Court", "outside Kabul University": an institution
        the tagger calls an organisation, where the act happens, lies in the city its first
        words name."""
        if noun.ent_type_ != "ORG" or noun.dep_ != "pobj" or noun.head.lower_ not in ("at", "outside", "near"):
            return None
        ent = _ent_span(noun)
        if ent is None or len(ent) < 2:
            return None
        first = 1 if ent[0].lower_ == "the" else 0
        for end in range(len(ent) - 1, first, -1):
            found = self.gazetteer.resolve(ent[first:end].text, self.context)
            if found is not None and found.precision != "country":
                return found
        return None

    def _named_within(self, noun: Token, wider: Place) -> Place | None:
        """ "the Hays district of Hodeidah": the place of the kind word's own name in the
        country of the place it is said to lie in, at the kind word's precision."""
        words = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        hint = _hint_of({noun.lemma_.lower()})
        place = self.gazetteer.resolve(name, [wider.country], "city", min_population=0)
        if place is None or place.country != wider.country or place.precision == "country":
            return None
        if loose_key(place.name) == loose_key(name):
            place = replace(place, name=name)  # the text's spelling: "Hays", not "Ḩays"
        return replace(place, precision=hint) if hint in ("district", "region") else place

    def _town_before_region(self, noun: Token) -> Place | None:
        """ "near Avdiivka, Donetsk region", parsed with the town as a modifier of "region": the
        town, the finer place."""
        for child in noun.children:
            if child.dep_ in ("nmod", "npadvmod") and child.pos_ == "PROPN" and child.i < noun.i:
                place = self._proper_name_place(child)
                if place is not None and place.precision == "town":
                    return place
        return None

    def _misread_place(self, noun: Token) -> Span | None:
        """A place the tagger took for a nationality ("the countryside of Aleppo" as NORP)."""
        if noun.ent_type_ != "NORP":
            return None
        ent = _ent_span(noun)
        if ent is None or self.gazetteer.country_of_adjective(ent.text) or self.gazetteer.country(ent.text):
            return None
        return ent if self.gazetteer.resolve(ent.text, self.context, min_population=0) is not None else None

    def _proper_name_place(self, noun: Token) -> Place | None:
        """A proper name in a place's position (after "in", "near", the object of an attack)
        that the tagger took for a person or an organisation ("struck Zaporizhzhia", "in
        Donetsk region", "shelled Al Madid (Nihm)"): a place of 15,000 people or more, a
        region, or a smaller place when the text calls it a town ("the town of X") or it lies
        in one of the article's countries. Never a known actor, never a country."""
        if noun.i in self.known_tokens or noun.ent_type_ in _NOT_PLACE_ENTITIES:
            return None
        kind_words = _CITY_WORDS | _DISTRICT_WORDS | _REGION_WORDS
        kind_word = noun.lower_ if noun.lower_ in kind_words else None
        if kind_word is None and noun.lemma_.lower() in kind_words:  # "villages": no name, not The Villages
            kind_word = noun.lemma_.lower()
        words = _compound_name(noun)  # "South Kivu province": South <- Kivu <- province
        if kind_word is None:
            words.append(noun)
        if not words or any(w.i in self.known_tokens or w.ent_type_ in _NOT_PLACE_ENTITIES for w in words):
            return None
        name = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        hint = _hint_of({kind_word}) if kind_word else "city"
        kind = "city" if hint == "district" else hint
        if self.gazetteer.country_of_adjective(name) or (len(name) <= 4 and name.isupper()):
            return None
        place = None
        if hint in ("district", "region"):  # "Chin state": the region, before any town called Chin
            place = self.gazetteer.resolve(f"{name} {kind_word}", self.context, "region", min_population=0)
        place = place or self.gazetteer.resolve(name, self.context, kind)
        if place is None:
            small = self.gazetteer.resolve(name, self.context, kind, min_population=0)
            trusted = kind_word is not None or _is_named_as_place(noun) or (small and small.country in self.context)
            place = small if trusted else None
        if place is None or place.precision == "country":
            return None
        if hint in ("district", "region") and place.precision == "town":
            place = replace(place, precision=hint)  # "Donetsk region": the region of its capital
        return place

    def _capital_of(self, noun: Token) -> Place | None:
        for child in noun.children:
            if child.dep_ == "appos" and _entity_of(child) is not None:
                return self._resolve_entity(_entity_of(child), child)  # type: ignore[arg-type]
            if child.dep_ in ("amod", "compound", "poss"):
                iso3 = self.gazetteer.country_of_adjective(child.text)
                if iso3 is None:
                    country = self.gazetteer.country(child.text)
                    iso3 = country.country if country else None
                if iso3:
                    return self.gazetteer.capital(iso3)
        return None

    def _resolve_entity(self, ent: Span, noun: Token) -> Place | None:
        hint = _kind_hint(noun, ent)
        text = ent.text
        last = ent[-1].lower_ if len(ent) > 1 else ""
        if last in _CITY_WORDS | _DISTRICT_WORDS | _REGION_WORDS:  # "Haifa city" tagged whole
            text = ent[:-1].text
            hint = _hint_of({last}) or hint
        kind = "city" if hint == "district" else hint
        qualifier = _qualifier_after(ent)
        small_ok = not (text.isupper() and len(text) <= 4) and self.gazetteer.country_of_adjective(text) is None
        floors: tuple[int | None, ...] = (0,) if hint in ("city", "district") else (None, 0)
        if not small_ok:  # "EU", "Somali": not the village of Eu nor Simla
            floors = (None,)
        place = None
        for floor in floors:
            if qualifier is not None:
                place = self.gazetteer.resolve(f"{text}, {qualifier.text}", self.context, kind, floor)
            if place is None:
                place = self.gazetteer.resolve(text, self.context, kind, floor)
            if place is None and hint == "region":
                place = self.gazetteer.resolve(f"{text} {noun.lower_}", self.context, kind, floor)
            if place is not None or ent.label_ != "GPE":
                break
        if place is not None and qualifier is not None:
            place = self._within_qualifier(place, qualifier)
        if place is None and ent.label_ in ("LOC", "FAC", "EVENT") and len(ent) > 1:
            # "the Hanoi Summit", "Kandahar airfield", "the Islamabad High Court": the place its
            # first words name
            first = 1 if ent[0].lower_ == "the" else 0
            for end in range(len(ent) - 1, first, -1):
                found = self.gazetteer.resolve(ent[first:end].text, self.context)
                if found is not None and found.precision != "country":
                    return found
        if place is None and ent.label_ in ("LOC", "FAC"):
            name = text.removeprefix("the ").removeprefix("The ")
            if name.lower() in self.cues.not_places or text.lower() in self.cues.not_places:
                return None
            precision = "site" if ent.label_ == "FAC" else "region"
            return Place(name=name, feature="unknown", precision=precision)  # named, not in the gazetteer
        if place is not None and hint == "district" and place.precision == "town":
            place = replace(place, precision="district")
        if place is not None and place.name != text and loose_key(place.name) == loose_key(text):
            place = replace(place, name=text)  # the text's spelling: "Nangarhar", not "Nangarhār"
        return place

    def _within_qualifier(self, place: Place, qualifier: Span) -> Place:
        """ "Charlevoix, Quebec" where the gazetteer knows no Charlevoix in Quebec, only one
        in Michigan: the text says it is in Quebec, so the place is Quebec (coarser, not
        wrong)."""
        doc = qualifier.doc
        listed = qualifier.end < len(doc) and (
            doc[qualifier.end].lower_ in ("and", "or")
            or (doc[qualifier.end].text == "," and qualifier.end + 1 < len(doc) and doc[qualifier.end + 1].ent_type_)
        )
        if place.precision == "country" or listed:  # "India, Japan and the Philippines": a list
            return place
        wider = self.gazetteer.resolve(qualifier.text, self.context)
        if wider is None or wider.country is None or place.country in (None, wider.country):
            return place
        return wider if wider.precision in ("region", "country") else place


def _is_named_as_place(noun: Token) -> bool:
    """A proper name the text presents as a place though the tagger did not: one that a
    parenthesis of places follows ("Al Madid (Nihm, Sanaa)") or that "the town of" names."""
    if noun.ent_type_ in _NOT_PLACE_ENTITIES:
        return False
    doc = noun.doc
    after = noun.i + 1
    while after < len(doc) and doc[after].ent_iob_ == "I" and doc[after].text != "(":
        after += 1
    if after + 1 < len(doc) and doc[after].text == "(" and doc[after + 1].pos_ == "PROPN":
        return True
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _CITY_WORDS | _DISTRICT_WORDS


def _entity_of(token: Token) -> Span | None:
    if token.ent_type_ not in _PLACE_LABELS:
        return None
    return _ent_span(token)


def _ent_span(token: Token) -> Span | None:
    """The named entity the token is part of, found from the IOB tags (cheaper than `Doc.ents`,
    which builds a span for every entity of the document on each call)."""
    if not token.ent_type_ or token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _qualifier_after(ent: Span) -> Span | None:
    """ "Moscow, Idaho", "Al Madid (Nihm, Sanaa)": the place named right after a comma or in
    a parenthesis qualifies the first (the last of a parenthesised list is the widest)."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text not in (",", "("):
        return None
    following = _entity_of(doc[ent.end + 1])
    if following is None or following.start != ent.end + 1 or following.label_ != "GPE":
        return None
    if doc[ent.end].text == "(":
        last = following
        i = following.end
        while i + 1 < len(doc) and doc[i].text == "," and (nxt := _entity_of(doc[i + 1])) is not None:
            last, i = nxt, nxt.end
        return last
    return following


def _kind_hint(noun: Token, ent: Span) -> str | None:
    """ "Idlib province", "Mulanje district", "the town of Aghtrin", "Haifa city"."""
    words = {noun.lower_} if noun.i >= ent.end or noun.i < ent.start else set()
    if ent.end < len(noun.doc):
        words.add(noun.doc[ent.end].lower_)
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < ent.start:
        words.add(head.head.lower_)  # "the town of X", "the province of X"
    if ent.root.dep_ in ("appos", "compound") and head.i != ent.root.i:
        words.add(head.lower_)
    return _hint_of(words)


def _hint_of(words: set[str]) -> str | None:
    if words & _REGION_WORDS:
        return "region"
    if words & _DISTRICT_WORDS:
        return "district"
    if words & _CITY_WORDS:
        return "city"
    return None
