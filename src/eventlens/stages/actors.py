"""actors stage: who is mentioned, as what, with its CAMEO code on the article's date.

For each sentence the stage
1. finds knowledge-base names (people, organisations, countries, capitals, demonyms, regions,
   ethnic groups) and role nouns ("intelligence chief", "regime", "rebels") by longest match over
   folded words (`knowledge.actor_names`); the knowledge base overrules spaCy's entity labels
   (SANA is an agency, not a person);
2. assembles noun phrases from them: `[det] [modifiers] [country/demonym/possessor 's] [role
   nouns] [name]`, e.g. "Turkish intelligence chief Hakan Fidan", "a senior Turkish official",
   "the Syrian regime's National Security Bureau", "regime news agency SANA"; a phrase's last
   piece is its head and decides the actor; "head of X" takes X's code; coordinated demonyms
   share the head ("Turkish and Syrian regime intelligence chiefs");
3. joins appositions ("General Ali Mamlouk, the head of ...") into one mention of the person and
   codes unknown people from their title or apposition;
4. resolves within the article: a surname or a variant spelling after the full name, an office
   ("Turkish intelligence chief") to the one person named in the article who holds it, "the
   regime" / "rebels" to the earlier phrase with a country, "the Turkish official" to the earlier
   official, and a sentence-initial He/She/It/They to the previous sentence's subject.

Mentions may nest (the possessor "the Syrian regime" inside "the Syrian regime's National Security
Bureau"). A consumer that maps a token to an actor should take the smallest mention containing it:
`actor_records.actor_at(document, start, end)`.

Codes of people are taken on the article's publication date (`Article.published`); the event's own
date is resolved later, so `actor_records.code_on(kb, actor, day)` re-codes an actor for another date.
"""

from __future__ import annotations

import datetime as dt
import logging

from ..knowledge.actor_names import Word, name_key, strip_titles, variant_key, word_variants, words
from ..knowledge.actors import ActorKB, Country, KBMatch, Person, sector_of_code
from ..knowledge.datafiles import word_list
from ..model import Actor, ActorMention, Document
from .actor_phrases import (
    PERSON_PRONOUNS,
    PHRASE_KINDS,
    REGION_MEMBERS,
    SECTOR_NAMES,
    THING_PRONOUNS,
    TITLE_SECTORS,
    ArticleState,
    Phrase,
    Piece,
    adopt_role_code,
    bare_role_codable,
    body_office,
    case_ok,
    code_by_bare_apposition,
    comma_between,
    country_of,
    dedupe,
    drop_locating_possessors,
    extend_name,
    followed_by_noun,
    function_piece,
    has_head,
    head_sector,
    inside_longer_name,
    is_place_use,
    is_plural,
    lone_capitalised,
    name_word,
    named,
    named_body,
    ner_spans,
    next_outer,
    office_code,
    owner_code,
    person_in_article,
    punct_between,
    role_name,
    sector_of,
    subject_mention,
)
from .actor_records import code_on, outside_dateline

logger = logging.getLogger(__name__)
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})  # bodies every state has
WORKS_AT = ("at", "for", "with")  # "director at Human Rights Watch", "a spokesman for the U.N."
_STREETS = word_list("street_nouns")  # "Paris Square" names a square, not France
# A role phrase that would take the article's country takes instead the body or country its
# preposition names: "diplomats from the Group of Seven", "officials of the EU" (not "in": "insurgents
# in Qatar" says only where they are).


class ActorResolver:
    """`actors` stage: fills `Document.actor_mentions` (see the module docstring)."""

    name = "actors"
    requires: tuple[str, ...] = ("doc", "sentences")
    provides: tuple[str, ...] = ("actor_mentions",)

    def __init__(self, kb: ActorKB | None = None) -> None:
        self.kb = kb if isinstance(kb, ActorKB) else ActorKB.load()

    def code_on(self, actor: Actor, day: dt.date | None) -> str | None:
        """`actor`'s code on another date (for the dates stage, once an event's own date is known)."""
        return code_on(self.kb, actor, day)

    def __call__(self, doc: Document) -> Document:
        state = ArticleState(day=doc.article.published, article_id=doc.article.id)
        sentence_words = [self._sentence_words(doc, s.start, s.end) for s in doc.sentences]
        self._collect_full_names(sentence_words, state, doc.text)
        self._collect_other_names(doc, state)
        mentions: list[ActorMention] = []
        for sent, ws in zip(doc.sentences, sentence_words, strict=True):
            state.sentence = sent.index
            pieces = self._pieces(ws, doc, state)
            phrases = self._phrases(ws, pieces, doc.text)
            for phrase in phrases:
                self._resolve_phrase(phrase, ws, state, doc)
            phrases = self._join_head_of(phrases, ws, state)
            code_by_bare_apposition(phrases, ws, state)
            self._code_by_loose_apposition(phrases, ws, doc.text)
            phrases = self._join_appositions(phrases, ws)
            phrases = drop_locating_possessors(phrases)
            for phrase in phrases:
                if phrase.actor is not None:
                    mentions.append(self._mention(doc, ws, phrase, sent.index))
            mentions += self._pronoun_mentions(doc, sent.index, ws, mentions)
        self._link_offices(mentions, state)
        doc.actor_mentions = outside_dateline(doc, dedupe(mentions))
        return doc

    # ------------------------------------------------------------------ words and pieces
    @staticmethod
    def _sentence_words(doc: Document, start: int, end: int) -> list[Word]:
        return [Word(w.text, w.start + start, w.end + start, w.fold, w.hyphened) for w in words(doc.text[start:end])]

    def _collect_full_names(self, sentence_words: list[list[Word]], state: ArticleState, text: str) -> None:
        """People named with two words or more anywhere in the article (licenses their surnames)."""
        for ws in sentence_words:
            folds = [w.fold for w in ws]
            variants = word_variants(folds)
            for i in range(len(ws)):
                if not ws[i].is_capitalised or not self.kb.may_start(folds[i], variants[i]):
                    continue
                for n in range(min(self.kb.longest_from(folds[i], variants[i]), len(ws) - i), 1, -1):
                    key = tuple(folds[i : i + n])
                    vkey = tuple(v for v in variants[i : i + n] if v)
                    entries = self.kb.name_index.get(key) or self.kb.variant_index.get(vkey) or []
                    cased = bool(entries) and case_ok(ws[i : i + n], key, self.kb.lower_case_positions(key))
                    for entry in entries if cased else []:
                        if isinstance(entry, Person):
                            state.full_names.add(entry.id)
                        elif not isinstance(entry, Country):
                            initials = "".join(w.text[0] for w in ws[i : i + n] if w.is_capitalised)
                            if len(initials) >= 2:  # "Baloch Liberation Army" -> "BLA", if the text uses it
                                state.initials.setdefault(initials, entry)
        state.focus = self._focus_country(sentence_words)
        for ws in sentence_words:
            self._collect_acronyms(ws, text, state)

    def _collect_other_names(self, doc: Document, state: ArticleState) -> None:
        """Names of people the article names in full (spaCy PERSON, two words or more without titles)
        whom the knowledge base does not know: their surname alone then names them, not an office
        holder of that surname ("Lai" after "Jimmy Lai" is not Lai Ching-te)."""
        for a, b in ner_spans(doc, 0, len(doc.text), "PERSON"):
            if doc.text[b : b + 1] in ("-", "\u2010"):
                continue  # a name cut at a hyphen ("Kim Jong" of "Kim Jong-un")
            ws = words(doc.text[a:b])
            key = strip_titles(tuple(w.fold for w in ws if w.fold != "'s"))
            if len(key) < 2 or not all(w.is_capitalised for w in ws[len(ws) - len(key) :]):
                continue
            match = self.kb.lookup(" ".join(key), state.day)
            if match is None or match.kind != "person":
                state.other_names.update((key[0], key[-1]))

    def _collect_acronyms(self, ws: list[Word], text: str, state: ArticleState) -> None:
        """ "the Baloch Liberation Army (BLA)" / "the Baloch Liberation Army, or BLA,": the article's own
        short name for a known body; so are a known body's initials once the article has named it in
        full ("the Baloch Liberation Army ... the BLA")."""
        for w in ws:
            entry = state.initials.get(w.text) if w.is_upper and len(w.text) <= 6 else None
            if entry is not None and w.fold not in state.acronyms and not self.kb.name_index.get((w.fold,)):
                state.acronyms[w.fold] = self.kb.match(entry, state.day, "alias")
        for i, w in enumerate(ws):
            before, after = text[max(0, w.start - 5) : w.start], text[w.end : w.end + 1]
            parenthesised = before.endswith("(") and after == ")"
            end = i - 1 if before.endswith(", or ") and after in (",", ")", ".") else i  # "the X, or XY,"
            if i == 0 or not w.is_upper or not (parenthesised or end < i):
                continue
            for n in range(min(self.kb.max_words, end), 0, -1):
                key = tuple(x.fold for x in ws[end - n : end])
                entries = self.kb.name_index.get(key) or []
                entry = self.kb._choose(list(entries), state.day) if entries else None
                if entry is not None and case_ok(ws[end - n : end], key, self.kb.lower_case_positions(key)):
                    state.acronyms[w.fold] = self.kb.match(entry, state.day, "alias")
                    break
                found = self._national_body(ws[end - n : end], state) if n >= 2 else None
                if found is not None:  # "the Haitian National Police (HNP)"
                    state.acronyms[w.fold] = found
                    break

    def _national_body(self, ws: list[Word], state: ArticleState) -> KBMatch | None:
        """A capitalised "<demonym or country> <role noun>" name ("Haitian National Police") as a
        match coded country + sector, for an acronym the article gives it."""
        if not all(w.is_capitalised for w in ws):
            return None
        country = self.kb.country_by_demonym(ws[0].text) or self.kb.country_by_name(ws[0].text)
        term = self.kb.sector_term_key(tuple(w.fold for w in ws[1:]))
        if country is None or term is None or term.person:
            return None
        code = country.iso3 + term.sector
        name = " ".join(w.text for w in ws)
        return KBMatch(country, name, code, "organisation", country.iso3, term.sector, "alias", "code:" + code)

    def _focus_country(self, sentence_words: list[list[Word]]) -> str | None:
        """The country the article names most often (by name, demonym or capital); ties: the first."""
        counts: dict[str, int] = {}
        for ws in sentence_words:
            for i, w in enumerate(ws):
                if not w.is_capitalised:
                    continue
                for n in (3, 2, 1):
                    if i + n < len(ws) and ws[i + n].fold in _STREETS:
                        continue  # "Paris Square" in Haifa does not set a story in France
                    key = tuple(x.fold for x in ws[i : i + n])
                    found = [e for e in self.kb.name_index.get(key, []) if isinstance(e, Country)]
                    found = found or self.kb.demonym_index.get(key, []) or self.kb.capital_index.get(key, [])
                    if found and isinstance(found[0], Country):
                        counts[found[0].iso3] = counts.get(found[0].iso3, 0) + 1
                        break
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _pieces(self, ws: list[Word], doc: Document, state: ArticleState) -> list[Piece]:
        pieces: list[Piece] = []
        people = ner_spans(doc, ws[0].start if ws else 0, ws[-1].end if ws else 0, "PERSON")
        folds = [w.fold for w in ws]
        variants = word_variants(folds)
        i = 0
        while i < len(ws):
            piece = self._longest_match(ws, i, state, folds, variants) or function_piece(ws, i)
            if piece.kind == "person" and piece.j - piece.i == 1 and inside_longer_name(ws, i, people, pieces):
                piece = Piece(i, i + 1, "other")  # "Laura Bush" is not George W. Bush
            pieces.append(piece)
            i = piece.j
        return self._mark_unknown_people(pieces, ws, doc, state)

    def _longest_match(
        self, ws: list[Word], i: int, state: ArticleState, folds: list[str], variants: list[str | None]
    ) -> Piece | None:
        defined = state.acronyms.get(folds[i]) if ws[i].is_upper else None
        if defined is not None:
            return Piece(i, i + 1, "person" if defined.kind == "person" else "organisation", defined)
        if folds[i] in ("'s", "the") or not self.kb.may_start(folds[i], variants[i]):
            return None
        for n in range(min(self.kb.longest_from(folds[i], variants[i]), len(ws) - i), 0, -1):
            key = tuple(folds[i : i + n])
            if key[-1] == "'s":
                continue
            vkey = tuple(v for v in variants[i : i + n] if v)
            piece = self._name_piece(ws, i, n, key, vkey, state)
            if piece:
                return piece
            term = self.kb.sector_term_key(key) if all(w.isalpha() or "-" in w for w in key) else None
            if term is not None and not (n == 1 and ws[i].is_upper and len(ws[i].text) <= 4):
                return Piece(i, i + n, "sector", term=term)
        return None

    def _name_piece(
        self, ws: list[Word], i: int, n: int, key: tuple[str, ...], vkey: tuple[str, ...], state: ArticleState
    ) -> Piece | None:
        if not case_ok(ws[i : i + n], key, self.kb.lower_case_positions(key)):
            return None
        if n == 1 and not ws[i].is_upper and self.kb.is_acronym_key(key):
            return None  # "Who" is not the WHO, "Us" not the US
        entries = self.kb.name_index.get(key)
        if entries:
            entry = self.kb._choose(list(entries), state.day)
            if isinstance(entry, Person) and n == 1 and not self._surname_licensed(entry, state):
                return None
            named_other = key[0] in state.other_names and entry is not None and entry.id not in state.full_names
            if isinstance(entry, Person) and n == 1 and named_other:
                return None  # "Lai" after "Jimmy Lai": not an office holder named Lai
            if entry is not None:
                via = "name" if name_key(entry.name) == key else "alias"
                match = self.kb.match(entry, state.day, via)
                return Piece(i, i + n, match.kind if match.kind != "organisation" else "organisation", match)
        if n >= 2:
            people = self.kb.variant_index.get(vkey)
            if people:
                person = self.kb._choose(list(people), state.day)
                if person is not None:
                    return Piece(i, i + n, "person", self.kb.match(person, state.day, "variant"))
        dem = self.kb.demonym_index.get(key)
        if dem:  # "Congolese": the first listed country (the larger one is listed first)
            return Piece(i, i + n, "demonym", self.kb.match(dem[0], state.day, "demonym"))
        caps = self.kb.capital_index.get(key)
        if caps:
            return Piece(i, i + n, "capital", self.kb.match(caps[0], state.day, "capital"))
        return None

    def _counterpart(self, match: KBMatch, country: str | None) -> bool:
        """A state body of one country named with another country ("the German Foreign Office",
        "Pakistan's Foreign Office", "the Brazilian Congress"): that country's like body, not ours."""
        return (
            country is not None and match.country is not None and country != match.country
            and match.sector in STATE_SECTORS and getattr(match.entry, "kind", "") != "armed_group"
            and self.kb.country(country) is not None
        )  # fmt: skip

    @staticmethod
    def _surname_licensed(person: Person, state: ArticleState) -> bool:
        """A one-word name of a person counts if the article names them in full or they hold office."""
        return person.id in state.full_names or person.is_active_on(state.day)

    @staticmethod
    def _named_before(word: Word, state: ArticleState) -> bool:
        """A capitalised word that is the last name of a person the article named in full earlier
        (someone the knowledge base does not know), even where spaCy sees no name."""
        if len(word.text) < 3:
            return False
        vword = variant_key((word.fold,))
        return any(
            len(key) >= 2 and variant_key(key[-1:]) == vword
            for _, actor, key in state.persons
            if (actor.actor_id or "").startswith("local:")
        )

    def _mark_unknown_people(
        self, pieces: list[Piece], ws: list[Word], doc: Document, state: ArticleState
    ) -> list[Piece]:
        """Names the knowledge base does not know by their full form: a surname of a person in
        office on the date ("Assad" in 2015), or a spaCy PERSON name, unknown to the KB."""
        spans = ner_spans(doc, ws[0].start if ws else 0, ws[-1].end if ws else 0, "PERSON")
        out: list[Piece] = []
        k = 0
        while k < len(pieces):
            p = pieces[k]
            word = ws[p.i]
            in_person = next(((a, b) for a, b in spans if a <= word.start < b), None)
            lone = lone_capitalised(ws, pieces, k) and (
                in_person is None or in_person[1] - in_person[0] <= len(word.text) + 1
            )
            if p.kind == "other" and lone and not word.is_upper and self._named_before(word, state):
                out.append(Piece(p.i, p.j, "person"))  # "Balkani said": the person named in full earlier
                k += 1
                continue
            if p.kind == "other" and lone and not word.is_upper and (k > 0 or in_person):
                person = self.kb.person_by_surname(word.text, state.day, among=state.full_names)
                if person is None and word.fold not in state.other_names:
                    person = self.kb.person_by_surname(word.text, state.day)
                if person is not None:
                    out.append(Piece(p.i, p.j, "person", self.kb.match(person, state.day, "surname")))
                    k += 1
                    continue
            if p.kind == "other" and word.fold in ("al", "el") and k + 1 < len(pieces):
                two = f"{word.text} {ws[pieces[k + 1].i].text}"  # "Al-Sharaa": a surname with its article
                person = self.kb.person_by_surname(two, state.day, among=state.full_names)
                person = person or self.kb.person_by_surname(two, state.day)
                if person is not None and pieces[k + 1].kind == "other" and ws[pieces[k + 1].i].is_capitalised:
                    out.append(Piece(p.i, pieces[k + 1].j, "person", self.kb.match(person, state.day, "surname")))
                    k += 2
                    continue
            if p.kind in ("other", "sector") and word.is_capitalised and in_person is not None:
                j = k + 1
                while (
                    j < len(pieces) and pieces[j].kind in ("other", "sector") and ws[pieces[j].i].start < in_person[1]
                ):
                    if not name_word(ws, pieces, j, doc.text):
                        break
                    j += 1
                j = extend_name(ws, pieces, j)
                # Leading titles ("General", "President") stay role pieces in front of the name.
                while k < j - 1 and pieces[k].kind == "sector":
                    out.append(pieces[k])
                    k += 1
                out.append(Piece(pieces[k].i, pieces[j - 1].j, "person"))
                k = j
                continue
            out.append(p)
            k += 1
        return out

    # ------------------------------------------------------------------ phrases
    def _phrases(self, ws: list[Word], pieces: list[Piece], text: str) -> list[Phrase]:
        """Group pieces into noun phrases (possessors become phrases of their own, nested).
        Punctuation other than quotes and hyphens ends a phrase ("told reporters, Commissioner X")."""
        phrases: list[Phrase] = []
        run: list[Piece] = []
        for k, piece in enumerate(pieces):
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            if run and punct_between(text, ws[run[-1].j - 1].end, ws[piece.i].start):
                phrases += self._split_run(run, ws)
                run = []
            prev = run[-1] if run else None
            if piece.kind == "and":
                coordinated = (
                    prev is not None
                    and prev.kind in ("demonym", "country")
                    and nxt is not None
                    and nxt.kind == "demonym"
                )
                if coordinated:
                    run.append(piece)
                    continue
                phrases += self._split_run(run, ws)
                run = []
                continue
            if piece.kind not in PHRASE_KINDS | {"poss"}:
                phrases += self._split_run(run, ws)
                run = []
                continue
            if piece.kind == "demonym" and prev is not None and prev.kind == "demonym":
                phrases += self._split_run(run, ws)  # "Syrian-Turkish border": two countries
                run = []
            run.append(piece)
            if piece.kind in ("person", "organisation", "capital", "country", "region"):
                after = pieces[k + 2] if k + 2 < len(pieces) else None
                continues = nxt is not None and (
                    nxt.kind == "poss"
                    or (nxt.kind == "sector" and piece.kind != "capital")
                    or (
                        nxt.kind == "mod"
                        and piece.kind == "organisation"
                        and after is not None
                        and after.kind == "sector"
                    )  # "United Nations-appointed special rapporteur"
                    or (piece.kind == "country" and nxt.kind == "and" and after is not None and after.kind == "demonym")
                )
                if not continues:
                    phrases += self._split_run(run, ws)
                    run = []
        phrases += self._split_run(run, ws)
        return phrases

    def _split_run(self, run: list[Piece], ws: list[Word]) -> list[Phrase]:
        """One run of phrase pieces: trim its edges, split possessors and coordinated demonyms off."""
        while run and run[0].kind in ("poss", "and"):
            run = run[1:]
        while run and run[-1].kind in ("det", "mod", "poss", "and"):
            run = run[:-1]
        if not has_head(run):
            return []
        out: list[Phrase] = []
        for idx, piece in enumerate(run):
            if piece.kind == "poss" and idx > 0:
                owner = run[:idx]
                cut = max([n for n, p in enumerate(owner) if p.kind == "poss"] or [-1])
                owner = owner[cut + 1 :]
                if has_head(owner):
                    out.append(Phrase(owner[0].i, owner[-1].j, owner, possessor=True))
        conj = [n for n, p in enumerate(run) if p.kind == "and"]
        if conj:
            n = conj[0]
            tail = [p for p in run[n + 1 :] if p.kind in ("sector", "person", "organisation")]
            first = [p for p in run[:n] if p.kind != "and"]
            if first:
                out.append(Phrase(first[0].i, first[-1].j, first + tail, coordinated=True))
            rest = run[n + 1 :]
            if has_head(rest):
                out.append(Phrase(rest[0].i, rest[-1].j, rest, coordinated=True))
            return out
        out.append(Phrase(run[0].i, run[-1].j, run))
        return out

    # ------------------------------------------------------------------ resolution
    def _resolve_phrase(self, phrase: Phrase, ws: list[Word], state: ArticleState, doc: Document) -> None:
        pieces = [p for p in phrase.pieces if p.kind not in ("det", "mod", "and")]
        phrase.definite = bool(phrase.pieces) and phrase.pieces[0].kind == "det" and ws[phrase.i].fold == "the"
        if any(p.kind == "poss" for p in pieces):
            last_poss = max(n for n, p in enumerate(pieces) if p.kind == "poss")
            possessor, pieces = pieces[:last_poss], pieces[last_poss + 1 :]
        else:
            possessor = []
        if not pieces:
            return
        head = pieces[-1]
        country = country_of(pieces[:-1]) or country_of(possessor)
        if head.kind == "person":
            self._resolve_person(phrase, head, pieces[:-1], country, ws, state)
        elif head.kind == "organisation" and head.match and self._counterpart(head.match, country):
            assert country is not None and head.match.sector is not None
            phrase.actor = self._code_actor(country + head.match.sector, country, head.match.sector, state)
            phrase.how = "role:counterpart"
        elif head.kind == "organisation" and head.match:
            phrase.actor = self._kb_actor(head.match, state)
            phrase.how = f"kb:{head.match.via}"
            state.bodies.append(phrase.actor)
        elif head.kind == "sector" and head.term:
            org = next((p for p in reversed(pieces[:-1]) if p.kind == "organisation" and p.match), None)
            if org is not None and org.match is not None and country is None:
                phrase.actor, phrase.how = self._kb_actor(org.match, state), "kb:modifier"
                return
            self._resolve_role(phrase, head, pieces, country, possessor, ws, state, doc)
        elif head.kind == "capital" and head.match:
            if is_place_use(ws, phrase, doc):
                return
            phrase.actor = self._kb_actor(head.match, state)
            phrase.how = "kb:capital"
        elif head.match is not None and head.match.kind == "group" and country != head.match.code:
            how = "kb:group"
            if country is None:  # "Uyghurs": their home country; "Kurds": the text's country
                home = getattr(head.match.entry, "home", "")
                country, how = (state.focus, "kb:group+focus") if home == "*" else (home or None, "kb:group+home")
            if country is None:
                phrase.actor, phrase.how = self._kb_actor(head.match, state), f"kb:{head.match.via}"
                return
            code = country + head.match.code  # "Iraqi Kurds" -> IRQKUR
            phrase.actor, phrase.how = self._code_actor(code, country, None, state), how
        elif head.match is not None:
            body = self._region_body(country or head.match.code, state) if head.kind == "demonym" else None
            if body is not None and not ws[head.j - 1].fold.endswith("s"):  # "European sanctions": the EU's
                phrase.actor, phrase.how = body, "kb:region-body"
                return
            phrase.actor = self._kb_actor(head.match, state)
            phrase.how = f"kb:{head.match.via}"

    def _region_body(self, code: str | None, state: ArticleState) -> Actor | None:
        """The organisation a region's adjective names (regions.tsv `body`: European -> the EU)."""
        region = self.kb.region_by_code(code) if code else None
        match = self.kb.lookup(region.body, state.day) if region is not None and region.body else None
        return self._kb_actor(match, state) if match is not None else None

    def _resolve_person(
        self, phrase: Phrase, head: Piece, mods: list[Piece], country: str | None, ws: list[Word],
        state: ArticleState,
    ) -> None:  # fmt: skip
        name = " ".join(w.text for w in ws[head.i : head.j])
        if head.match is not None and country and not self._country_fits(head.match, country):
            head = Piece(head.i, head.j, "person")  # "Algerian President Levy" is not Israel's Levy
        if head.match is not None:
            phrase.actor = self._kb_actor(head.match, state)
            phrase.how = f"kb:{head.match.via}"
            if state.day is None:
                self._code_by_title(phrase.actor, sector_of(mods) or TITLE_SECTORS.get(ws[head.i].fold))
        else:
            known = person_in_article(name, state)
            if known is not None:
                phrase.actor, phrase.how = known, "coref:name"
                sector = sector_of(mods) or TITLE_SECTORS.get(ws[head.i].fold)
                if country and sector and known.actor_id in state.focus_coded:  # the text now says whose
                    known.code, known.country, known.sector = country + sector, country, sector
                    state.focus_coded.discard(known.actor_id or "")
            else:
                sector = sector_of(mods) or TITLE_SECTORS.get(ws[head.i].fold)
                org = next((p.match for p in reversed(mods) if p.kind == "organisation" and p.match), None)
                if sector and not country and org is not None and org.code:
                    code = org.code  # "U.N. special rapporteur X" speaks for the U.N.
                    phrase.actor = self._local_actor(name, code, org.country, org.sector, "person", state)
                    phrase.how = "ner+org-title"
                    state.persons.append((ws[head.i].start, phrase.actor, name_key(name)))
                    return
                body = body_office(mods, state) if sector and not country else None
                if body is not None:  # "The head of MSF told the council ... said Secretary General X"
                    phrase.actor = self._local_actor(name, body, None, None, "person", state)
                    phrase.how = "ner+body-office"
                    state.persons.append((ws[head.i].start, phrase.actor, name_key(name)))
                    return
                by_focus = bool(sector and not country and state.focus)
                if by_focus:
                    country = state.focus  # "President Laurent Gbagbo" in an Ivory Coast story
                code = (country or "") + (sector or "") or None
                phrase.actor = self._local_actor(name, code, country, sector, "person", state)
                if by_focus:
                    state.focus_coded.add(phrase.actor.actor_id or "")
                phrase.how = "ner+title" if code else "ner"
        if phrase.actor.kind == "person":
            key = name_key(name)
            state.persons.append((ws[head.i].start, phrase.actor, key))

    @staticmethod
    def _country_fits(match: KBMatch, country: str) -> bool:
        """Whether a person the text calls "<country's> ..." can be this known person: one of the
        countries of their roles (a namesake of another country is someone else)."""
        if not match.country or country == match.country:
            return True
        if not isinstance(match.entry, Person):
            return False
        return any(r.code.startswith(country) for r in match.entry.roles)

    def _code_by_title(self, actor: Actor, sector: str | None) -> None:
        """With no date to read roles on, the title the text gives picks the role
        ("intelligence chief Hakan Fidan" is TURSPY, whatever office he holds today)."""
        person = self.kb.person_by_id(actor.actor_id) if sector else None
        if person is None:
            return
        fitting = [r for r in person.roles if r.code.endswith(sector or "")]
        if fitting and actor.code not in {r.code for r in fitting}:
            actor.code = fitting[-1].code
            actor.sector = sector

    def _resolve_role(
        self, phrase: Phrase, head: Piece, pieces: list[Piece], country: str | None,
        possessor: list[Piece], ws: list[Word], state: ArticleState, doc: Document,
    ) -> None:  # fmt: skip
        term = head.term
        assert term is not None
        sector = head_sector(pieces)
        owner = owner_code(possessor)
        if owner is None and possessor and possessor[-1].kind == "sector" and possessor[-1].term is not None:
            body = named_body(ws[possessor[-1].j - 1].fold, possessor[-1].term.sector, state)
            owner = body.code if body is not None else None  # "the court's president": the court named before
        if term.person and phrase.j < len(ws) and ws[phrase.j].fold == "of" and country is None:
            return  # "the head of X": coded from X when the phrases are joined
        if followed_by_noun(ws, phrase, doc) and country is None and not possessor:
            return  # "intelligence contacts", "army base": the role noun modifies a thing
        phrase.office = term.office
        if country is None and owner and self.kb.country(owner[:3]) is not None:
            country = owner[:3]
        elif country is None and owner and term.person:  # "UNICEF's executive director" speaks for UNICEF
            phrase.actor = self._local_actor(role_name(ws, phrase), owner, None, None, "person", state)
            phrase.how = "role:owner"
            return
        if country is None and pieces[:-1] and any(p.kind == "person" for p in pieces[:-1]):
            country = next((p.match.country for p in pieces[:-1] if p.kind == "person" and p.match), None)
        body = self._region_body(country, state) if ws[head.j - 1].fold not in REGION_MEMBERS else None
        if body is not None:  # "European officials", "the European side": the EU
            phrase.actor, phrase.how = body, "kb:region-body"
            return
        lemma = ws[head.j - 1].fold.rstrip("s")
        focus = ""
        earlier_body = named_body(ws[head.j - 1].fold, sector, state) if phrase.definite and not country else None
        if earlier_body is not None:  # "the court" after "the International Court of Justice"
            phrase.actor, phrase.how = earlier_body, "coref:body"
            state.by_head.setdefault(f"{lemma}/{sector}", []).append(earlier_body)
            return
        if country is None:
            antecedent = (state.by_head.get(f"{lemma}/{sector}") or [None])[-1]
            if antecedent is not None and (phrase.definite or not term.person):
                phrase.actor, phrase.how = antecedent, "coref:role"
                return
            if state.focus is None or not bare_role_codable(term, phrase, ws, head):
                return  # "general", "people" without anyone's country: nothing to code
            country, focus = state.focus, "+focus"  # "the regime", "rebels" in a Syria story
        code = (country or "") + sector
        group = self.kb.region_by_code(country) if country else None
        if group is not None and group.kind == "group" and group.home and group.home != "*":
            # "Rohingya militants": MMRREBROH. A group of several countries keeps its own code
            # first, as CAMEO dictionaries do ("Kurdish forces": KURMIL, not the story's country's)
            country, code = group.home, group.home + sector + group.code
        if term.person and phrase.definite and not term.office:
            earlier = next((a for a in reversed(state.anonymous) if a.code == code), None)
            if earlier is not None:
                phrase.actor, phrase.how = earlier, "coref:role"
                return
        if term.person and (phrase.coordinated or not is_plural(ws, head)):
            phrase.actor = self._local_actor(role_name(ws, phrase), code, country, sector, "person", state)
            state.anonymous.append(phrase.actor)
            phrase.how = "role" + focus
            return
        primary = self.kb.primary_organisation(code)
        if primary is not None:
            phrase.actor = self._kb_actor(self.kb.match(primary, state.day), state)
            phrase.how = "role:primary" + focus
        else:
            phrase.actor = self._code_actor(code, country, sector, state)
            phrase.how = "role" + focus
        state.by_head.setdefault(f"{lemma}/{sector}", []).append(phrase.actor)

    # ------------------------------------------------------------------ appositions, offices, pronouns
    def _join_head_of(self, phrases: list[Phrase], ws: list[Word], state: ArticleState) -> list[Phrase]:
        """ "the head of X" (an office noun, then "of" and a resolved phrase) takes X's code; so does
        "a director at X" / "a spokesman for X" when X is an organisation."""
        out: list[Phrase] = []
        for k, cur in enumerate(phrases):
            head = cur.pieces[-1] if cur.pieces else None
            prep = ws[cur.j].fold if cur.j < len(ws) else ""
            by_focus = cur.actor is not None and (cur.how.endswith("+focus") or cur.how == "coref:role")
            joins = (cur.actor is None and prep in ("of", *WORKS_AT) and head is not None and head.term is not None
                     and head.term.person) or (by_focus and prep in ("of", "from", *WORKS_AT))  # fmt: skip
            if joins and head is not None and head.kind == "sector" and head.term is not None:
                owners = [
                    p for p in phrases[k + 1 :]
                    if p.i == cur.j + 1 and p.actor is not None and p.actor.code
                    and (prep in ("of", "from") or p.actor.kind in ("organisation", "media"))
                ]  # fmt: skip
                if owners:
                    owner = max(owners, key=lambda p: p.j)
                    assert owner.actor is not None
                    code, country = office_code(owner.actor, head.term.sector)
                    name = " ".join(w.text for w in ws[cur.i : owner.j])
                    sector = sector_of_code(code, country)
                    if head.term.office and code and self.kb.country(code[:3]) is None:
                        state.body_offices.append((state.sentence, code))
                    if head.term.person:
                        actor = self._local_actor(name, code, country, sector, "person", state)
                    else:  # "top diplomats from the Group of Seven", "officials of the EU"
                        actor = self._code_actor(code or "", country, sector, state)
                    out.append(Phrase(cur.i, owner.j, cur.pieces + owner.pieces, actor, "role:head-of",
                                       cur.definite, office=True))  # fmt: skip
                    continue
            out.append(cur)
        return sorted(out, key=lambda p: (p.i, -p.j))

    @staticmethod
    def _code_by_loose_apposition(phrases: list[Phrase], ws: list[Word], text: str) -> None:
        """ "X, the associate women's rights director at Human Rights Watch": an unknown person
        takes the code of an office phrase that ends their apposition, when only lower-case words
        (a few) stand between the comma's article and that phrase."""
        for k, cur in enumerate(phrases):
            actor = cur.actor
            if actor is None or actor.kind != "person" or actor.code or not named(cur) or cur.j >= len(ws):
                continue
            if text[ws[cur.j - 1].end : ws[cur.j].start].strip() != "," or ws[cur.j].fold not in ("the", "a", "an"):
                continue
            for other in phrases[k + 1 :]:
                gap = ws[cur.j + 1 : other.i]
                if len(gap) > 5 or any(w.is_capitalised or w.fold in ("and", "who") for w in gap):
                    break
                if any(ch in ",;:()" for ch in text[ws[cur.j].end : ws[other.i].start]):
                    break
                if other.office and other.actor is not None and other.actor.code:
                    adopt_role_code(actor, other.actor)
                    break

    def _join_appositions(self, phrases: list[Phrase], ws: list[Word]) -> list[Phrase]:
        """ "NAME, the head of X," and "The head of X, NAME," become one mention of the person."""
        out: list[Phrase] = []
        k = 0
        while k < len(phrases):
            cur = phrases[k]
            nxt = next_outer(phrases, k)
            if nxt is not None and cur.actor and phrases[nxt].actor and comma_between(ws, cur, phrases[nxt]):
                other = phrases[nxt]
                person, role = (cur, other) if cur.actor.kind == "person" and named(cur) else (other, cur)
                role_is_person = role.office or (
                    role.actor is not None and role.actor.kind == "person" and not named(role)
                )
                if person.actor and person.actor.kind == "person" and named(person) and role_is_person:
                    adopt_role_code(person.actor, role.actor)
                    merged = Phrase(cur.i, other.j, cur.pieces + other.pieces, person.actor, person.how + "+appos")
                    out += [p for p in phrases[k + 1 : nxt] if p.actor is not None]
                    out.append(merged)
                    k = nxt + 1
                    continue
            out.append(cur)
            k += 1
        return out

    def _link_offices(self, mentions: list[ActorMention], state: ArticleState) -> None:
        """An office phrase ("Turkish intelligence chief") is the one named person of its code."""
        named = {}
        for m in mentions:
            if m.actor.kind == "person" and m.how.startswith(("kb:", "coref:name", "ner")) and m.actor.code:
                named.setdefault(m.actor.code, {})[m.actor.actor_id] = m.actor
        for m in mentions:
            if not m.how.startswith("office") or not m.actor.code:
                continue
            holders = named.get(m.actor.code, {})
            if len(holders) == 1:
                m.actor = next(iter(holders.values()))
                m.how = "coref:office"

    def _pronoun_mentions(
        self, doc: Document, sentence: int, ws: list[Word], mentions: list[ActorMention]
    ) -> list[ActorMention]:
        """A sentence-initial He/She (It/They) is the previous sentence's person (other) subject."""
        if not ws or ws[0].fold not in PERSON_PRONOUNS | THING_PRONOUNS or sentence == 0:
            return []
        want_person = ws[0].fold in PERSON_PRONOUNS
        prev = [m for m in mentions if m.sentence == sentence - 1]
        subject = subject_mention(doc, prev)
        if subject is not None and (subject.actor.kind == "person") == want_person:
            target = subject.actor
        elif want_person:
            people = [m for m in mentions if m.actor.kind == "person" and m.sentence < sentence]
            if not people:
                return []
            target = people[-1].actor
        else:
            return []
        w = ws[0]
        return [ActorMention(target, w.start, w.end, w.text, sentence, "coref:pronoun")]

    # ------------------------------------------------------------------ actors
    def _kb_actor(self, match: KBMatch, state: ArticleState) -> Actor:
        actor = state.actors.get(match.actor_id)
        if actor is None:
            kind = {"organisation": "organisation", "person": "person", "group": "group"}.get(match.kind, "country")
            if match.kind == "organisation" and match.sector == "MED":
                kind = "media"
            actor = Actor(match.name, match.code, match.country, match.sector, match.actor_id, kind)
            state.actors[match.actor_id] = actor
        return actor

    def _code_actor(self, code: str, country: str | None, sector: str | None, state: ArticleState) -> Actor:
        actor_id = "code:" + code
        actor = state.actors.get(actor_id)
        if actor is None:
            name = self._collective_name(country, sector)
            actor = Actor(name, code, country, sector, actor_id, "group" if sector else "country")
            state.actors[actor_id] = actor
        return actor

    def _collective_name(self, country: str | None, sector: str | None) -> str:
        place = self.kb.country(country) if country else None
        label = place.name if place else (country or "")
        if not sector:
            return label
        return f"{label}: {SECTOR_NAMES.get(sector, sector)}" if label else SECTOR_NAMES.get(sector, sector)

    def _local_actor(
        self, name: str, code: str | None, country: str | None, sector: str | None, kind: str, state: ArticleState
    ) -> Actor:
        state.local_count += 1
        actor_id = f"local:{state.article_id}:{state.local_count}"
        actor = Actor(name, code or None, country, sector, actor_id, kind)
        state.actors[actor_id] = actor
        return actor

    def _mention(self, doc: Document, ws: list[Word], phrase: Phrase, sentence: int) -> ActorMention:
        start, end = ws[phrase.i].start, ws[phrase.j - 1].end
        assert phrase.actor is not None
        how = phrase.how
        if phrase.office and phrase.actor.actor_id and phrase.actor.actor_id.startswith("local:"):
            how = "office:" + how
        text = doc.text[start:end]
        name_like = "appos" not in how and "head-of" not in how and "," not in text and len(text.split()) <= 6
        if name_like and text not in phrase.actor.aliases and text != phrase.actor.name:
            phrase.actor.aliases.append(text)  # the names an actor goes by in the article
        return ActorMention(phrase.actor, start, end, text, sentence, how)
