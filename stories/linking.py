"""Which open story an article develops: story link detection over weighted term profiles.

As in topic detection and tracking (Allan et al., "Topic Detection and Tracking Pilot Study",
1998; Yang et al., "A study of retrospective and on-line event detection", SIGIR 1998), an article
joins the story whose accumulated profile is most similar to what the article says, if that is
similar enough, and otherwise starts a new story:

- the article's profile is what it says about the figure: its title (its editor's summary) and
  the sentences of its claims about the figure (storywatch.profiles.development_profile), not the
  whole article, since a development is what those claims are about together (docs/claims.md): a
  briefing on a tariff whose one paragraph on the figure is about an inquiry develops the inquiry's
  story; a story's profile is the sum of the profiles of its first three articles
  (storywatch.profiles.STORY_ARTICLES), as topic tracking defines a topic by its first few stories:
  a profile that took in every later article would drift toward what all of the figure's news
  shares (reactions, background) and draw the next development in;
- a term weighs by how rare it is in English (an inverse document frequency taken from wordfreq's
  background frequencies, not from the stories themselves);
- the similarity is the cosine of the two weighted profiles, decayed with the time between the
  article and the story's last claim (a story fades as it goes quiet).

The thresholds are fitted on the development stories and checked by leave-one-out
cross-validation over figures (benchmarks/fit_linking.py; docs/experiments.md, Stories). No I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from storywatch.profiles import rarity
from storywatch.records import StoryProfile

LINK_THRESHOLD = 0.08  # fitted: benchmarks/fit_linking.py
HALF_LIFE_DAYS = 7.0  # a story silent for this long counts half as similar


def weighted(terms: Mapping[str, float] | Iterable[str]) -> dict[str, float]:
    counts = terms if isinstance(terms, Mapping) else Counter(terms)
    return {term: count * rarity(term) for term, count in counts.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # fsum: exactly rounded, so a profile scores the same whatever order its terms come in
    dot = math.fsum(value * b.get(term, 0.0) for term, value in a.items())
    if not dot:
        return 0.0
    return dot / (math.sqrt(math.fsum(v * v for v in a.values()))
                  * math.sqrt(math.fsum(v * v for v in b.values())))


def decay(days: float, half_life: float = HALF_LIFE_DAYS) -> float:
    return 0.5 ** (max(0.0, days) / half_life)


def story_similarity(article_terms: Mapping[str, float], story: StoryProfile, at: datetime,
                     half_life: float = HALF_LIFE_DAYS) -> float:
    days = (at - story.last_claim_at).total_seconds() / 86400
    return cosine(weighted(article_terms), weighted(story.terms)) * decay(abs(days), half_life)


def link_story(article_terms: Mapping[str, float], stories: Iterable[StoryProfile], at: datetime,
               threshold: float = LINK_THRESHOLD, half_life: float = HALF_LIFE_DAYS) -> str | None:
    """The story the article develops: the most similar open story, if similar enough; else None
    (the article starts a new story)."""
    best, best_score = None, threshold
    for story in stories:
        score = story_similarity(article_terms, story, at, half_life)
        if score >= best_score:
            best, best_score = story.story_id, score
    return best
