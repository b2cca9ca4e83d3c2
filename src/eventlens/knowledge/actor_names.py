"""Name handling for actors: word tokens with offsets, folding, and transliteration keys.

The actor knowledge base and the actor stage compare names through these functions, so
that "Côte d'Ivoire" and "Cote d'Ivoire", "U.S." and "US", "al-Assad" and "Al Assad" meet.

`variant_key` is deliberately coarse: it makes common transliterations of Arabic, Persian
and Russian names equal (Mamluk/Mamlouk, Gaddafi/Qaddafi/Kadhafi, Mohammed/Muhammad,
Hussein/Husain/Hossein) while keeping Hussein and Hassan apart. It is only ever used on
full names (two words or more) or against people already named in the same article.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .datafiles import word_list

_WORD_RE = re.compile(r"[^\W_]+(?:[.'’&][^\W_]+)*\.?", re.UNICODE)
_PLAIN_NAME_RE = re.compile(r"[A-Za-z ]+")
_POSSESSIVE_RE = re.compile(r"['’]s$", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʽ": "'"})

# Arabic article and connecting particles dropped from a name's variant key.
NAME_PARTICLES = word_list("name_particles")

# Titles and honorifics stripped in front of a person's name ("General Ali Mamlouk").
TITLES = word_list("titles")

# Spelling rules for variant keys, applied in order to a folded word.
_VARIANT_RULES: tuple[tuple[str, str], ...] = (
    ("abdel", "abdal"), ("abdul", "abdal"), ("abdol", "abdal"),
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("ph", "f"), ("ck", "k"), ("dj", "j"), ("zh", "j"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "ai"), ("ey", "ai"), ("ay", "ai"),
    ("q", "k"), ("c", "k"), ("g", "k"), ("o", "u"), ("e", "a"), ("y", "i"), ("w", "v"),
)  # fmt: skip


@dataclass(frozen=True)
class Word:
    """A word of a text with its character offsets. `fold` is the comparison form; `hyphened`: the
    word goes on from the one before it after a hyphen ("un" of "Kim Jong-un")."""

    text: str
    start: int
    end: int
    fold: str
    hyphened: bool = False

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


@functools.lru_cache(maxsize=1 << 18)  # a pure function of its string; memoised for speed
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a word or name."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return text.casefold().replace(".", "")


def words(text: str) -> list[Word]:
    """Word tokens with offsets; a possessive 's is its own word; hyphens split words."""
    out: list[Word] = []
    for match in _WORD_RE.finditer(text):
        raw, start = match.group(0), match.start()
        abbreviation = len(raw) <= 4 and raw[:1].isupper() and not raw[:-1].isupper()  # "Gen.", "Mr."
        if raw.endswith(".") and raw.count(".") == 1 and not abbreviation:
            raw = raw[:-1]  # a sentence's full stop ("... said VOA."), not part of the word
        poss = _POSSESSIVE_RE.search(raw)
        if poss and len(raw) > 2:
            stem = raw[: poss.start()]
            out.append(Word(stem, start, start + len(stem), fold(stem)))
            out.append(Word(raw[poss.start() :], start + poss.start(), start + len(raw), "'s"))
            continue
        hyphened = start >= 2 and text[start - 1] in "-\u2010" and text[start - 2].isalnum()
        out.append(Word(raw, start, start + len(raw), fold(raw), hyphened))
    return out


@functools.lru_cache(maxsize=1 << 17)  # pure; the knowledge base folds each name more than once
def name_key(name: str) -> tuple[str, ...]:
    """The folded words of a name, without a leading "the"."""
    if _PLAIN_NAME_RE.fullmatch(name):  # plain ASCII words: the same key without the tokenizer
        key = tuple(name.lower().split())
    else:
        key = tuple(w.fold for w in words(name))
    if len(key) > 1 and key[0] == "the":
        key = key[1:]
    return key


def strip_titles(key: tuple[str, ...]) -> tuple[str, ...]:
    """Drop leading titles ("general", "president") from a folded name key."""
    i = 0
    while i < len(key) - 1 and key[i] in TITLES:
        i += 1
    return key[i:]


@functools.lru_cache(maxsize=1 << 16)  # a pure function of its string; memoised for speed
def variant_word(word: str) -> str:
    """One folded word reduced by the transliteration rules, doubled letters collapsed."""
    out = word.replace("'", "").replace("-", "")
    for old, new in _VARIANT_RULES:
        out = out.replace(old, new)
    collapsed = []
    for ch in out:
        if not collapsed or collapsed[-1] != ch:
            collapsed.append(ch)
    return "".join(collapsed)


@functools.lru_cache(maxsize=1 << 17)  # pure, as `name_key`
def variant_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """A transliteration-insensitive key of a folded name (particles dropped)."""
    kept = [w for w in key if w not in NAME_PARTICLES and w != "-"]
    return tuple(variant_word(w) for w in kept if w)


def word_variants(folds: list[str]) -> list[str | None]:
    """`variant_word` of each folded word, None for particles: a name's variant key is the
    non-None entries of its words (the same as `variant_key` of the name)."""
    return [None if f in NAME_PARTICLES or f == "-" else (variant_word(f) or None) for f in folds]


def slug(name: str) -> str:
    """An id-safe form of a name: "Hakan Fidan" -> "hakan-fidan"."""
    return "-".join(w for w in re.split(r"[^a-z0-9]+", fold(name)) if w)
