"""Stories' headlines kept current: chosen again (stories.choose_headline) from what the store
holds of a story and what an article adds to it, each time an article develops it; and, once, for
stories stored before the rule that chose theirs (storage migration 0008)."""

from __future__ import annotations

from collections.abc import Iterable

from storywatch.config import Settings
from storywatch.records import Figure, PlannedClaim
from storywatch.storage import HEADLINE_CLAIMS, Store, StoryReader
from storywatch.stories import HEADLINE_RULE, StoryClaim, choose_headline

# Stories headlined again per pass after an upgrade (most recently developed first): a large store
# catches up over a few passes instead of making one pass slow.
REFRESH_PER_PASS = 500


def story_headlines(planned: Iterable[PlannedClaim], new_story_ids: set[str], store: Store,
                    figures: list[Figure]) -> dict[str, str]:
    """The headline of each story an article's claims develop or start, with those claims."""
    by_name = {figure.name: figure for figure in figures}
    adding: dict[str, list[StoryClaim]] = {}
    figure_of: dict[str, str] = {}
    for item in planned:
        d = item.development
        adding.setdefault(d.story_id, []).append(StoryClaim(d.claim, d.article, item.terms))
        figure_of[d.story_id] = d.figure
    headlines = {}
    for story_id, claims in sorted(adding.items()):
        # read through the store's claim cache: each claim decoded once a pass, not per article
        held = [] if story_id in new_story_ids else [
            StoryClaim(c.stored.claim, c.stored.article, c.terms)
            for c in store.story_claims(story_id, HEADLINE_CLAIMS)]
        figure = by_name.get(figure_of[story_id]) or Figure(name=figure_of[story_id])
        headlines[story_id] = choose_headline(figure, held + claims)
    return headlines


def refresh_headlines(store: Store, settings: Settings, limit: int = REFRESH_PER_PASS) -> int:
    """Choose again the headlines an earlier rule chose (at most `limit`); how many were."""
    reader = StoryReader(store.engine)
    stale = reader.stale_headlines(HEADLINE_RULE, limit)
    if not stale:
        return 0
    by_name = {figure.name: figure for figure in settings.figures()}
    headlines = {}
    for story_id, name in stale:
        claims = [StoryClaim(c.stored.claim, c.stored.article, c.terms)
                  for c in store.story_claims(story_id, HEADLINE_CLAIMS)]
        headlines[story_id] = choose_headline(by_name.get(name) or Figure(name=name), claims)
    reader.set_headlines(headlines, HEADLINE_RULE)
    return len(headlines)
