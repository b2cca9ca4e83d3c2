"""The parts the actors stage works with: word pieces, noun phrases, and the rules over them.

Not a stage: `stages/actors.py` (the `actors` stage) uses these. Pieces are units over a
sentence's words (a knowledge-base name, a role noun, a function word); phrases group pieces
into noun phrases whose last piece is the head.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from ..knowledge.actor_names import Word, name_key, variant_key, words
from ..knowledge.actors import KBMatch, SectorTerm
from ..knowledge.datafiles import word_list
from ..model import Actor, ActorMention, Document

MAX_NAME_WORDS = 10
DETERMINERS = frozenset({"the", "a", "an"})
MODIFIERS = word_list("modifiers")
NUMBER_WORDS = frozenset(
    {"five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds", "thousands", "scores",
     "millions", "nearly", "about", "almost", "least", "more", "than", "fewer", "hundred", "thousand"}
)  # fmt: skip
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "REB": "rebels", "SPY": "intelligence", "COP": "police",
    "OPP": "opposition", "REF": "refugees", "MED": "media", "JUD": "judiciary", "LEG": "legislature",
    "CVL": "civilians", "BUS": "business", "LAB": "labour", "EDU": "education", "ELI": "elites",
    "NGO": "non-governmental organisations", "HLH": "health", "CRM": "criminals", "UAF": "armed men",
}  # fmt: skip
PERSON_PRONOUNS = word_list("person_pronouns")
THING_PRONOUNS = word_list("thing_pronouns")
ARMED = ("REB", "UAF", "CRM", "INS")  # sectors of armed groups
# Role nouns that name a region's member states or people, not its organisation ("European governments").
REGION_MEMBERS = word_list("region_members")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "across", "throughout",
                                "within", "to", "from", "toward", "towards", "via", "through"})  # fmt: skip
TITLE_SECTORS = {"general": "MIL", "gen": "MIL", "colonel": "MIL", "col": "MIL", "admiral": "MIL",
                 "brigadier": "MIL", "major": "MIL", "commander": "MIL", "judge": "JUD", "justice": "JUD",
                 "president": "GOV", "minister": "GOV", "senator": "LEG", "sheikh": "ELI"}  # fmt: skip


@dataclass
class Piece:
    """A unit over words[i:j] of one sentence: a KB name, a role noun, or a function word."""

    i: int
    j: int
    kind: str  # person|organisation|country|region|group|demonym|capital|sector|det|mod|poss|and|of|comma|other
    match: KBMatch | None = None
    term: SectorTerm | None = None


@dataclass
class Phrase:
    """A noun phrase over words[i:j] with its head piece and the actor it resolves to."""

    i: int
    j: int
    pieces: list[Piece]
    actor: Actor | None = None
    how: str = ""
    definite: bool = False
    office: bool = False  # the head is an office held by one person at a time
    coordinated: bool = False  # one of "Turkish and Syrian ... chiefs": singular each
    possessor: bool = False  # "Turkey" in "Turkey's National Intelligence Organisation"


@dataclass
class ArticleState:
    """What the resolver knows about one article while it works through it."""

    day: dt.date | None
    actors: dict[str, Actor] = field(default_factory=dict)
    persons: list[tuple[int, Actor, tuple[str, ...]]] = field(default_factory=list)  # (offset, actor, key)
    full_names: set[str] = field(default_factory=set)  # KB ids named in full in the article
    # first and last words of people the article names in full whom the KB does not know ("Jimmy Lai")
    other_names: set[str] = field(default_factory=set)
    by_head: dict[str, list[Actor]] = field(default_factory=dict)  # "regime" -> actors with a country
    anonymous: list[Actor] = field(default_factory=list)
    local_count: int = 0
    article_id: str = ""
    focus: str | None = None  # the article's most named country
    focus_coded: set[str] = field(default_factory=set)  # local people coded with `focus`, not the text
    acronyms: dict[str, KBMatch] = field(default_factory=dict)  # "BLA" after "Baloch Liberation Army (BLA)"
    initials: dict[str, object] = field(default_factory=dict)  # "BLA" -> the Baloch Liberation Army named
    sentence: int = 0  # the sentence being resolved
    # unnamed heads of a body that is not a country ("The head of Doctors Without Borders"): (sentence, code)
    body_offices: list[tuple[int, str]] = field(default_factory=list)
    bodies: list[Actor] = field(default_factory=list)  # organisations the article has named, in order


NAME_KINDS = frozenset({"person", "organisation", "country", "region", "group", "demonym", "capital"})
PHRASE_KINDS = NAME_KINDS | {"sector", "det", "mod", "and"}


def case_ok(ws: list[Word], key: tuple[str, ...], lower: Collection[int] = ()) -> bool:
    """Names match capitalised words; an acronym (all capitals) only an all-capitals word. A lower-case
    part after a hyphen inside the name is a part of it ("Kim Jong-un", "Prayut Chan-o-cha"), and so
    is a word at a position of `lower`, where the knowledge base writes the name in lower case
    ("Luiz Inacio Lula da Silva", "Daniel arap Moi", "UN refugee agency")."""
    if not ws:
        return False
    if all(w.fold in NAME_FILLER_WORDS for w in ws):
        return False
    for n, w in enumerate(ws):
        if w.fold in NAME_INNER_WORDS or (n > 0 and w.hyphened) or n in lower:
            continue
        if not w.is_capitalised:
            return False
    text = "".join(w.text for w in ws)
    short = len(ws) == 1 and len(text) <= 2 and not ws[0].is_upper and text not in ("Al",)
    return not short or bool(re.fullmatch(r"[A-Z]\d", text))  # "G7" is a name, "Mr" or "I" is not


NAME_LINKS = word_list("name_links")
NAME_FILLER_WORDS = word_list("name_filler_words")  # never a name on their own
NAME_INNER_WORDS = word_list("name_inner_words")  # lower-case words allowed inside a name


def extend_name(ws: list[Word], pieces: list[Piece], j: int) -> int:
    """Carry an unknown name over what spaCy left out: "Yousef" + "el-Kadiri"."""
    while j < len(pieces) and pieces[j].kind == "other" and ws[pieces[j].i].start - ws[pieces[j - 1].j - 1].end <= 1:
        word = ws[pieces[j].i]
        if word.fold in NAME_LINKS and j + 1 < len(pieces) and ws[pieces[j + 1].i].is_capitalised:
            j += 2
        elif word.is_capitalised and not word.is_upper:
            j += 1
        else:
            break
    return j


def name_word(ws: list[Word], pieces: list[Piece], j: int, text: str) -> bool:
    """Whether piece j continues a person's name: a capitalised word or a particle, no punctuation
    before it (spaCy's PERSON spans sometimes run on: "Al-Sharaa — leader of ...")."""
    word, prev = ws[pieces[j].i], ws[pieces[j - 1].j - 1]
    if any(ch not in " '’-" for ch in text[prev.end : word.start]):
        return False
    return word.is_capitalised or word.fold in NAME_LINKS


def lone_capitalised(ws: list[Word], pieces: list[Piece], k: int) -> bool:
    """A capitalised word that is a whole name by itself (no capitalised unknown word around it)."""
    i = pieces[k].i
    if not ws[i].is_capitalised:
        return False
    after = i + 1 < len(ws) and ws[i + 1].is_capitalised and ws[i + 1].start - ws[i].end <= 1
    before = k > 0 and pieces[k - 1].kind == "other" and ws[i - 1].is_capitalised and k - 1 > 0
    return not after and not before


def inside_longer_name(ws: list[Word], i: int, people: list[tuple[int, int]], before: list[Piece]) -> bool:
    """A one-word name next to another capitalised word of the same spaCy PERSON name: "Laura Bush"
    is not George W. Bush, "Saddam Hassan" not Saddam Hussein."""
    prev_unknown = i > 0 and bool(before) and before[-1].kind == "other" and ws[i - 1].is_capitalised
    if prev_unknown and any(a <= ws[i - 1].start and ws[i].end <= b for a, b in people):
        return True
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    return (
        nxt is not None and nxt.is_capitalised and nxt.start - ws[i].end <= 1
        and any(a <= ws[i].start and nxt.end <= b for a, b in people)
    )  # fmt: skip


def function_piece(ws: list[Word], i: int) -> Piece:
    f = ws[i].fold
    if f in DETERMINERS:
        return Piece(i, i + 1, "det")
    if f == "'s":
        return Piece(i, i + 1, "poss")
    if f == "and" and i > 0:
        return Piece(i, i + 1, "and")
    if (f in MODIFIERS or f in NUMBER_WORDS or f.replace(",", "").isdigit()) and not ws[i].is_upper:
        return Piece(i, i + 1, "mod")  # "300 passengers", "dozens of"
    return Piece(i, i + 1, "other")


def has_head(run: list[Piece]) -> bool:
    return any(p.kind in NAME_KINDS | {"sector"} for p in run)


def country_of(pieces: list[Piece]) -> str | None:
    for p in reversed(pieces):
        if p.kind in ("country", "demonym", "capital") and p.match and p.match.country:
            return p.match.country
        if p.kind in ("region", "group", "demonym") and p.match and p.match.kind in ("region", "group"):
            return p.match.code
    return None


def sector_of(pieces: list[Piece]) -> str | None:
    terms = [p.term for p in pieces if p.kind == "sector" and p.term]
    return terms[-1].sector if terms else None


def head_sector(pieces: list[Piece]) -> str:
    """The sector of a role phrase: its last role noun ("regime intelligence" -> SPY)."""
    return sector_of(pieces) or "GOV"


def owner_code(possessor: list[Piece]) -> str | None:
    for p in reversed(possessor):
        if p.match is not None and p.match.code:
            return p.match.code
    return None


def is_plural(ws: list[Word], head: Piece) -> bool:
    last = ws[head.j - 1].fold
    return last.endswith("s") and not last.endswith("ss") and head.term is not None and head.term.phrase != last


def role_name(ws: list[Word], phrase: Phrase) -> str:
    text = " ".join(w.text for w in ws[phrase.i : phrase.j])
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def drop_locating_possessors(phrases: list[Phrase]) -> list[Phrase]:
    """A possessor that only says whose organisation it is ("Turkey's National Intelligence
    Organisation", "the Syrian regime's National Security Bureau") is not a mention of its own:
    the tokens belong to the organisation."""
    out = []
    for p in phrases:
        if p.possessor and p.actor is not None:
            owner = next((o for o in phrases if o is not p and o.i <= p.i and p.j < o.j and not o.possessor), None)
            if (
                owner is not None and owner.actor is not None and owner.actor.kind in ("organisation", "media")
                and (owner.actor.actor_id or "").startswith("kb:") and owner.actor.country == p.actor.country
                and owner.pieces and owner.pieces[-1].kind == "organisation"
            ):  # fmt: skip
                continue
        out.append(p)
    return out


def office_code(owner: Actor, sector: str) -> tuple[str | None, str | None]:
    """The code of the head of `owner`: its own code if it has a sector, else country + `sector`."""
    if owner.code and (owner.sector or len(owner.code) > 3):
        return owner.code, owner.country
    if owner.country:
        return owner.country + sector, owner.country
    return owner.code, owner.country


def named(phrase: Phrase) -> bool:
    """The phrase names a person (a possessor's name does not count: "Trump's special envoy")."""
    posses = [n for n, p in enumerate(phrase.pieces) if p.kind == "poss"]
    own = phrase.pieces[posses[-1] + 1 :] if posses else phrase.pieces
    return any(p.kind == "person" for p in own)


def adopt_role_code(person: Actor, role: Actor | None) -> None:
    """An unknown person takes the code of their apposition ("..., the head of X")."""
    if role is None or not person.actor_id or not person.actor_id.startswith("local:"):
        return
    if role.code and (role.country or role.code.startswith(("IGO", "IMG", "NGO", "MNC"))):  # "..., the head of X"
        person.code, person.country, person.sector = role.code, role.country, role.sector


def next_outer(phrases: list[Phrase], k: int) -> int | None:
    """The longest resolved phrase starting right after phrase k (an owner's phrase, not its possessor)."""
    after = [n for n in range(k + 1, len(phrases)) if phrases[n].i >= phrases[k].j and phrases[n].actor is not None]
    if not after:
        return None
    first = min(phrases[n].i for n in after)
    return max((n for n in after if phrases[n].i == first), key=lambda n: phrases[n].j)


def comma_between(ws: list[Word], a: Phrase, b: Phrase) -> bool:
    """True when only a comma (and maybe 'of') separates the phrases: 'X, Y'."""
    if b.i < a.j:
        return False
    gap_start, gap_end = ws[a.j - 1].end, ws[b.i].start
    return 0 < gap_end - gap_start <= 3 and b.i == a.j


def ner_spans(doc: Document, start: int, end: int, label: str) -> list[tuple[int, int]]:
    spacy_doc = doc.doc
    if spacy_doc is None:
        return []
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    found: list[tuple[int, int]] = []
    for token in span:  # entities that begin in [start, end): walk the tokens, not every entity of the doc
        if token.ent_iob_ != "B" or token.ent_type_ != label or token.idx < start:
            continue
        last = token.i
        while last + 1 < len(spacy_doc) and spacy_doc[last + 1].ent_iob_ == "I":
            last += 1
        found.append((token.idx, spacy_doc[last].idx + len(spacy_doc[last].text)))
    return found


def token_at(doc: Document, offset: int) -> object | None:
    spacy_doc = doc.doc
    if spacy_doc is None:
        return None
    span = spacy_doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


LABELS = frozenset({"terrorists", "extremists", "jihadists", "separatists"})  # words of one side about the other
CODABLE_BARE = frozenset(
    {"GOV", "MIL", "REB", "COP", "OPP", "SPY", "JUD", "LEG", "REF", "CVL", "HLH", "EDU", "MED", "LAB", "UAF"}
)  # fmt: skip
PLURAL_NOUNS = frozenset({"people", "children", "women", "men", "personnel", "staff", "police", "militia"})


def bare_role_codable(term: SectorTerm, phrase: Phrase, ws: list[Word], head: Piece) -> bool:
    """A role noun without a country is coded with the article's country when it is a definite
    collective or a plural one ("the regime", "rebels", "officials", "passengers", "doctors"), or one
    definite person ("the spokesperson"); not a lone singular ("general") nor several office holders
    ("the foreign ministers")."""
    if term.sector not in CODABLE_BARE:
        return False
    if term.person:
        return phrase.definite and not is_plural(ws, head)
    last = term.phrase.split()[-1]
    plural = last.endswith(("s", "men")) or last in PLURAL_NOUNS or is_plural(ws, head)
    mass = term.sector == "COP" and not term.person  # "police arrested ..."
    return phrase.definite or mass or (plural and term.phrase not in LABELS)


def followed_by_noun(ws: list[Word], phrase: Phrase, doc: Document) -> bool:
    """A role noun directly followed by a common noun is a modifier ("army base")."""
    if phrase.j >= len(ws) or any(p.kind in ("person", "organisation") for p in phrase.pieces):
        return False
    nxt = ws[phrase.j]
    if nxt.start - ws[phrase.j - 1].end > 1 or nxt.is_capitalised:
        return False
    token = token_at(doc, nxt.start)
    if token is None or getattr(token, "ent_type_", "") in ("DATE", "TIME"):
        return False  # "Syrian officers today"
    return getattr(token, "pos_", "") == "NOUN"


def is_place_use(ws: list[Word], phrase: Phrase, doc: Document) -> bool:
    """'in Moscow', 'to Ankara': the capital is a place, not its government."""
    return phrase.i > 0 and ws[phrase.i - 1].fold in PLACE_PREPOSITIONS


def subject_mention(doc: Document, mentions: list[ActorMention]) -> ActorMention | None:
    """The mention holding the grammatical subject of its sentence, if any."""
    for m in mentions:
        span = doc.doc.char_span(m.start, m.end, alignment_mode="expand") if doc.doc is not None else None
        if span is None:
            continue
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" for t in span):
            return m
    return None


_INNER_MARKS = frozenset(" \t\n'\"‘’“”-–")


def punct_between(text: str, end: int, start: int) -> bool:
    """True when punctuation (other than quotes and hyphens) separates two words."""
    return any(ch not in _INNER_MARKS for ch in text[end:start])


def dedupe(mentions: list[ActorMention]) -> list[ActorMention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        out.append(m)
    return out


def named_body(word: str, sector: str, state: ArticleState) -> Actor | None:
    """The organisation named earlier in the article whose name holds the role noun ("the court":
    the International Court of Justice; "the agency": the U.N. Refugee Agency); an armed group's
    name gives no ordinary noun ("the army" is not the Baloch Liberation Army)."""
    for actor in reversed(state.bodies):
        if word in (w.fold for w in words(actor.name)) and (actor.sector not in ARMED or actor.sector == sector):
            return actor
    return None


def body_office(mods: list[Piece], state: ArticleState) -> str | None:
    """The code of the body whose unnamed head the text gave in this or the previous sentence, for
    a person whose title is an office without a country (the head of that body, named)."""
    if not any(p.kind == "sector" and p.term is not None and p.term.office for p in mods):
        return None
    recent = [code for n, code in state.body_offices if state.sentence - n <= 1]
    return recent[-1] if recent and len(set(recent)) == 1 else None


def code_by_bare_apposition(phrases: list[Phrase], ws: list[Word], state: ArticleState) -> None:
    """ "X, a journalist" / "the republic's president, X": a person unknown to the knowledge
    base, whose apposition is a role noun without a country, takes the role's sector and the
    article's country."""
    for a, b in itertools.pairwise(phrases):
        if not comma_between(ws, a, b):
            continue
        for person, role in ((a, b), (b, a)):
            head = role.pieces[-1] if role.pieces else None
            actor = person.actor
            if (
                role.actor is None and head is not None and head.kind == "sector" and head.term is not None
                and head.term.person and actor is not None and actor.kind == "person" and named(person)
                and not actor.code and (actor.actor_id or "").startswith("local:") and state.focus
            ):  # fmt: skip
                actor.country, actor.sector = state.focus, head.term.sector
                actor.code = state.focus + head.term.sector
                state.focus_coded.add(actor.actor_id or "")


def person_in_article(name: str, state: ArticleState) -> Actor | None:
    """An earlier person of the article this name refers to: same name, surname or variant."""
    key = name_key(name)
    vkey = variant_key(key)
    namesakes: list[Actor] = []
    for _, actor, known in reversed(state.persons):
        kv = variant_key(known)
        if key == known or vkey == kv:
            return actor
        if len(key) == 1 and kv and vkey and vkey[-1] == kv[-1]:
            namesakes.append(actor)
    # A bare surname several people of the story share ("Berisha, his wife, Liri Berisha, his son,
    # Shkelzen Berisha"): the one the story identifies, else the first named, the story's principal.
    found = next((a for a in reversed(namesakes) if a.code), namesakes[-1] if namesakes else None)
    if found is None and len(key) == 1:  # "Mahathir" after "Mahathir Mohamad": a given name used alone
        found = next((a for _, a, known in state.persons if len(known) > 1 and known[0] == key[0] and a.code), None)
    return found
