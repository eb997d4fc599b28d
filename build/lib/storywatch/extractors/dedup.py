"""Near-duplicate detection: which article a text is a copy of, by its signature
(storywatch/signatures.py: MinHash over 5-word shingles, LSH bands).

Syndicated copies of one wire story differ by a headline, a byline, an added paragraph or trimmed
ending; their 5-word shingle sets still overlap heavily, while two different articles about the same
event share few 5-word sequences. The LSH bands find the candidates; the estimate over all 100
rows then decides (NEAR_DUPLICATE). No I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from storywatch.signatures import similarity

NEAR_DUPLICATE = 0.7
T = TypeVar("T")


def most_similar(signature: list[int], candidates: Iterable[tuple[T, list[int]]],
                 threshold: float) -> tuple[T, float] | None:
    """The candidate (item, its signature) most similar to `signature`, with its similarity, if at
    least `threshold`; the first of equals."""
    best = None
    for item, other in candidates:
        score = similarity(signature, other)
        if score >= threshold and (best is None or score > best[1]):
            best = (item, score)
    return best
