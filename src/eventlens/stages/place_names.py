"""Place names in a parse: the place a noun phrase names ("the town of X", "X city", "X, Y",
"X (Y, Z)", "the outskirts of X", "Baghdad's Tahrir Square", a landmark or an institution's
seat), resolved with the gazetteer; and the cues of `data/places/place_cues.yaml`. Used by the
places stage (`stages/places.py`), which decides which of the names of a sentence is where an
event happened."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib.abc import Traversable
from pathlib import Path

from spacy.tokens import Span, Token

from ..knowledge.datafiles import read_yaml_mapping, shipped
from ..knowledge.gazetteer import Gazetteer
from ..knowledge.place_index import loose_key
from ..knowledge.seats import Seats
from ..model import Place

CUES_PATH = shipped("places/place_cues.yaml")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_REGION_WORDS = frozenset({"region", "province", "governorate", "state", "oblast", "territory"})
_DISTRICT_WORDS = frozenset({"district", "county", "municipality", "subdistrict", "sub-district", "prefecture"})
_CITY_WORDS = frozenset({"city", "town", "village", "capital", "hamlet", "township", "neighbourhood", "neighborhood"})
NOT_PLACE_ENTITIES = frozenset(
    {"DATE", "TIME", "NORP", "EVENT", "LAW", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART",
     "PRODUCT", "LANGUAGE"}
)  # fmt: skip


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


class PlaceNames:
    """Resolves the place a noun phrase names, within an article (its countries pick between
    namesakes; the tokens of its actor mentions are not places)."""

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
        return self._first_words_place(ent) if ent is not None else None

    def _first_words_place(self, ent: Span) -> Place | None:
        """The town or region a name's first words name ("the Hanoi Summit": Hanoi; "the Islamabad
        High Court": Islamabad), the longest that the gazetteer knows."""
        first = 1 if ent[0].lower_ == "the" else 0
        for end in range(len(ent) - 1, first, -1):
            found = self.gazetteer.resolve(ent[first:end].text, self.context)
            if found is not None and found.precision != "country":
                return found
        return None

    def _named_within(self, noun: Token, wider: Place) -> Place | None:
        """ "the Hays district of Hodeidah": the place of the kind word's own name in the
        country of the place it is said to lie in, at the kind word's precision."""
        name = " ".join(t.text for t in _compound_name(noun))
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
        if noun.i in self.known_tokens or noun.ent_type_ in NOT_PLACE_ENTITIES:
            return None
        kind_words = _CITY_WORDS | _DISTRICT_WORDS | _REGION_WORDS
        kind_word = noun.lower_ if noun.lower_ in kind_words else None
        if kind_word is None and noun.lemma_.lower() in kind_words:  # "villages": no name, not The Villages
            kind_word = noun.lemma_.lower()
        words = _compound_name(noun)  # "South Kivu province": South <- Kivu <- province
        if kind_word is None:
            words.append(noun)
        if not words or any(w.i in self.known_tokens or w.ent_type_ in NOT_PLACE_ENTITIES for w in words):
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
            found = self._first_words_place(ent)
            if found is not None:
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


def _compound_name(noun: Token) -> list[Token]:
    """The proper-name words compounded before a noun, with their own compounds ("South Kivu")."""
    words = []
    stack = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"]
    while stack:
        word = stack.pop()
        words.append(word)
        stack.extend(c for c in word.children if c.dep_ == "compound" and c.i < word.i and c.pos_ == "PROPN")
    return sorted(words, key=lambda t: t.i)


def _is_named_as_place(noun: Token) -> bool:
    """A proper name the text presents as a place though the tagger did not: one that a
    parenthesis of places follows ("Al Madid (Nihm, Sanaa)") or that "the town of" names."""
    if noun.ent_type_ in NOT_PLACE_ENTITIES:
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
