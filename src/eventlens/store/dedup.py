"""Near-duplicate articles: MinHash signatures over word shingles, LSH buckets kept in the store.

Syndicated wire copy and updated versions of a story share most of their wording;
rewrites of the same facts do not. An article's cleaned text is cut into
overlapping 5-word shingles; `datasketch.MinHash` turns the set into a signature
of 128 values. The signature is cut into 32 bands of 4 values, and each band is
hashed into a bucket key ("band:hash"): two articles whose Jaccard similarity is
0.5 share at least one bucket with probability 0.87 (0.99 at 0.65). The buckets
live in a table, so the index is persistent and incremental; the signatures of
the candidates that share a bucket are then compared, and a candidate whose
estimated Jaccard similarity reaches the threshold is a near-duplicate.

Texts shorter than `MIN_SHINGLES` shingles are not judged: short items (alerts,
briefs, templates) look alike without repeating each other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
MIN_SHINGLES = 20
DEFAULT_THRESHOLD = 0.5
MINHASH_SEED = 1  # fixed: signatures must agree across processes and runs
MINHASH_SCHEME = "affine32"  # datasketch >= 2.0; stored signatures are only comparable within one scheme

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    """A MinHash signature of a text, with the size of its shingle set."""

    values: np.ndarray  # uint32, NUM_PERM values
    num_shingles: int

    @property
    def usable(self) -> bool:
        return self.num_shingles >= MIN_SHINGLES

    def to_hex(self) -> str:
        return self.values.astype("<u4").tobytes().hex()

    @classmethod
    def from_hex(cls, text: str, num_shingles: int) -> Signature:
        return cls(np.frombuffer(bytes.fromhex(text), dtype="<u4").astype(np.uint32), num_shingles)

    def buckets(self) -> list[str]:
        """One LSH bucket key per band."""
        raw = self.values.astype("<u4").tobytes()
        step = ROWS * 4
        return [
            f"{band}:{hashlib.sha1(raw[band * step : (band + 1) * step]).hexdigest()[:16]}" for band in range(BANDS)
        ]

    def jaccard(self, other: Signature) -> float:
        """The estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


def shingles(text: str) -> set[bytes]:
    """Overlapping 5-word shingles of the case-folded words (a shorter text is one shingle)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


class Signer:
    """Computes signatures; owns the MinHash permutations and a small cache of recent texts."""

    def __init__(self, cache_size: int = 256) -> None:
        self._permutations = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME).permutations
        self._cache: dict[str, Signature] = {}
        self._cache_size = cache_size

    def sign(self, text: str) -> Signature:
        key = hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        items = shingles(text)
        minhash = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, permutations=self._permutations, scheme=MINHASH_SCHEME)
        if items:
            minhash.update_batch(list(items))
        signature = Signature(np.array(minhash.hashvalues, dtype=np.uint32), len(items))
        if len(self._cache) >= self._cache_size:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = signature
        return signature
