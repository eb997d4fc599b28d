"""Near-duplicate detection: MinHash over word shingles, with LSH bands for an indexed lookup.

Syndicated copies of one wire story differ by a headline, a byline, an added paragraph or trimmed
ending; their 5-word shingle sets still overlap heavily, while two different articles about the same
event share few 5-word sequences. 20 bands of 5 rows find pairs with Jaccard similarity >= ~0.55 with
high probability; the estimate over all 100 rows then decides (NEAR_DUPLICATE). No I/O.
"""

from __future__ import annotations

import hashlib
import re

SHINGLE = 5
BANDS, ROWS = 20, 5
PERMUTATIONS = BANDS * ROWS
NEAR_DUPLICATE = 0.7
_PRIME = (1 << 61) - 1
_MASK = (1 << 32) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def _coefficients() -> list[tuple[int, int]]:
    seed = hashlib.sha256(b"storywatch-minhash").digest()
    out = []
    for i in range(PERMUTATIONS):
        digest = hashlib.sha256(seed + i.to_bytes(2, "big")).digest()
        out.append((int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1,
                    int.from_bytes(digest[8:16], "big") % _PRIME))
    return out


COEFFICIENTS = _coefficients()


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i:i + size])) for i in range(len(words) - size + 1)}


def minhash(text: str) -> list[int]:
    """100 minimum hashes of the text's shingles; equal positions estimate Jaccard similarity."""
    values = shingles(text)
    if not values:
        return [_MASK] * PERMUTATIONS
    return [min(((a * v + b) % _PRIME) & _MASK for v in values) for a, b in COEFFICIENTS]


def lsh_bands(signature: list[int]) -> list[str]:
    """One key per band of rows: two signatures sharing any band key are candidates."""
    return [hashlib.blake2b(f"{i}:{signature[i * ROWS:(i + 1) * ROWS]}".encode(), digest_size=16)
            .hexdigest() for i in range(BANDS)]


def similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=False)) / max(1, len(a))


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
