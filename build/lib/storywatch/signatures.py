"""The near-duplicate signature of a text: MinHash over word shingles, with LSH bands for an
indexed lookup. Its values are stored (article_signatures, article_bands) and compared across
versions, so it is part of the stored data's format: it lives here, beside the records, where the
extractors and storage's migrations both reach it; extractors/dedup.py decides what is a copy.

The signature is one-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification
(Shrivastava & Li 2014): each shingle is hashed once and falls into one of 100 bins, whose minimum
is kept; an empty bin borrows from the next non-empty one. Equal positions estimate Jaccard
similarity as with 100 permutations, at one hash per shingle instead of 100 (a page's signature
cost about as much as its extraction before). The hash is 64-bit XXH3 (since migration 0006; it
was blake2b, which took half of a signature's time). 20 bands of 5 rows find pairs with Jaccard
similarity >= ~0.55 with high probability. No I/O.
"""

from __future__ import annotations

import hashlib
import re

from xxhash import xxh3_64_intdigest

SHINGLE = 5
BANDS, ROWS = 20, 5
PERMUTATIONS = BANDS * ROWS
_ROTATION = 0x9E3779B9  # a large odd offset per step of densification
_MASK = (1 << 32) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {_hash(" ".join(words))} if words else set()
    # the words at offsets 0..size-1 side by side: one C-level join per shingle, no slicing; the
    # hash through map, not _hash (a Python call per shingle is a fifth of the signature's time)
    grams = map(" ".join, zip(*(words[i:len(words) - size + 1 + i] for i in range(size)), strict=True))
    return set(map(xxh3_64_intdigest, map(str.encode, grams)))


def minhash(text: str) -> list[int]:
    """100 bin minimums of the text's shingle hashes; equal positions estimate Jaccard similarity."""
    values = shingles(text)
    if not values:
        return [_MASK] * PERMUTATIONS
    bins: list[int | None] = [None] * PERMUTATIONS
    for value in values:
        index, rank = value % PERMUTATIONS, (value >> 8) & _MASK
        current = bins[index]
        if current is None or rank < current:
            bins[index] = rank
    return _densify(bins)


def _densify(bins: list[int | None]) -> list[int]:
    """Fill empty bins from the next non-empty bin (circularly), offset by the distance, so two
    similar sets fill their empty bins alike."""
    n = len(bins)
    result = []
    for i, value in enumerate(bins):
        distance = 0
        while value is None:
            distance += 1
            value = bins[(i + distance) % n]
        result.append((value + distance * _ROTATION) & _MASK)
    return result


def lsh_bands(signature: list[int]) -> list[str]:
    """One key per band of rows: two signatures sharing any band key are candidates."""
    return [hashlib.blake2b(f"{i}:{signature[i * ROWS:(i + 1) * ROWS]}".encode(), digest_size=16)
            .hexdigest() for i in range(BANDS)]


def similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=False)) / max(1, len(a))


def _hash(shingle: str) -> int:
    """A shingle's 64-bit hash (shingles() maps the same function over its shingles)."""
    return xxh3_64_intdigest(shingle.encode())
