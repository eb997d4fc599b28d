"""Which stories an article develops, and the alerts that follows: the decisions between the
judgement of each claim (matching.py) and the store's write, so that storage only persists them.

An article's claims about one figure develop the story most of their matched claims belong to,
or start a new one; a story that develops with at least one `new`, `update` or `contradict` claim
gets an alert (one per story per pass: a later article of the same pass adds to it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from storywatch.records import (
    Alert,
    AlertItem,
    Article,
    ArticleRef,
    Claim,
    Development,
    EarlierClaim,
    PlannedClaim,
    Story,
    StoryState,
)

from .matching import Judgement

ALERTING_LABELS = frozenset({"new", "update", "contradict"})


@dataclass(frozen=True)
class JudgedClaim:
    """A claim of an article, its content terms, and how it relates to what the store holds."""

    claim: Claim
    terms: frozenset[str]
    judgement: Judgement


def claim_time(article: Article, now: datetime) -> datetime:
    """When an article's claims were made, for a story's window (docs/claims.md): the article's
    published time when it gives one, else now (when storywatch first sees it); in UTC. So a replay
    or a backfill of old coverage forms the stories live monitoring did."""
    when = article.published or now
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def story_id_for(figure: str, article: Article) -> str:
    """Deterministic: two workers starting the same story from the same article agree on its id."""
    return hashlib.sha256(f"{figure}\n{article.content_hash}".encode()).hexdigest()[:16]


def assign_stories(article: Article, judged: list[JudgedClaim], linked: Mapping[str, str | None],
                   pass_id: str, now: datetime) -> tuple[list[PlannedClaim], list[Story]]:
    """Each claim's development in the story its figure's claims develop (`linked`, per figure:
    the open story the article joins, or None to start one), and the stories the article starts."""
    ref = ArticleRef(key=article.key, url=article.url, title=article.title, outlet=article.outlet,
                     published=article.published)
    planned: list[PlannedClaim] = []
    new_stories: dict[str, Story] = {}
    figures = list(dict.fromkeys(j.claim.figure for j in judged))
    title = article.title or (judged[0].claim.text[:90] if judged else "")
    headline = headline_for(figures, [], title)
    for figure in figures:
        mine = [j for j in judged if j.claim.figure == figure]
        existing = linked.get(figure)
        story_id = existing or story_id_for(figure, article)
        if existing is None:
            new_stories[story_id] = Story(id=story_id, figures=(figure,), headline=headline,
                                          created_pass=pass_id, first_seen=now,
                                          last_claim_at=claim_time(article, now))
        for j in mine:
            development = Development(
                story_id=story_id, figure=figure, label=j.judgement.label, claim=j.claim, article=ref,
                before=j.judgement.before, changed=j.judgement.changed,
            )
            planned.append(PlannedClaim(development=development, terms=j.terms))
    return planned, list(new_stories.values())


def develop_alerts(article: Article, planned: list[PlannedClaim], new_stories: list[Story],
                   stored: dict[str, StoryState], copy_outlets: frozenset[str], pass_id: str) -> list[Alert]:
    """The alert of each story the article develops with something a person should hear about.

    `stored` holds the stories already in the store (with the alert this pass wrote for each, if
    any, and their outlets); `copy_outlets` the outlets of the article's syndicated copies, which
    carry the story too although they are not analysed again."""
    started = {story.id: StoryState(story=story) for story in new_stories}
    by_story: dict[str, list[Development]] = {}
    for item in planned:
        by_story.setdefault(item.development.story_id, []).append(item.development)
    alerts = []
    for story_id, developments in sorted(by_story.items()):
        items = alert_items(developments)
        if not items:
            continue
        state = stored.get(story_id) or started[story_id]
        carrying = state.outlets | copy_outlets | {article.outlet or article.key}
        sources = tuple(sorted(carrying, key=str.casefold))
        earlier = state.alert
        if earlier is not None:
            alerts.append(earlier.model_copy(update={"items": earlier.items + tuple(items),
                                                     "source_count": len(sources), "sources": sources,
                                                     "headline": state.story.headline}))
            continue
        story = state.story
        alerts.append(Alert(
            story_id=story_id, kind="new_story" if story.created_pass == pass_id else "story_developed",
            figures=story.figures, headline=story.headline, items=tuple(items), source_count=len(sources),
            sources=sources, key=f"{story_id}:{pass_id}",
        ))
    return alerts


def alert_items(developments: Iterable[Development]) -> list[AlertItem]:
    """The developments a person should hear about, as alert items: never a repeat or background."""
    items = []
    for development in developments:
        if development.label not in ALERTING_LABELS:
            continue
        claim = development.claim
        attribution = claim.attribution
        items.append(AlertItem(
            label=development.label,
            figure=development.figure,
            text=claim.text,
            status=claim.status,
            polarity=claim.polarity,
            source=attribution.source if attribution else None,
            quote=attribution.quote if attribution else None,
            outlet=development.article.outlet,
            url=development.article.url,
            title=development.article.title,
            changed=development.changed,
            before=development.before.claim.text if development.before else None,
            published=development.article.published,
            article_key=development.article.key,
            earlier=_earlier(development) if development.label in ("update", "contradict") else None,
        ))
    return items


def _earlier(development: Development) -> EarlierClaim | None:
    """The claim an update or contradiction is judged against, with its article, for the alert."""
    before = development.before
    if before is None:
        return None
    claim, article = before.claim, before.article
    return EarlierClaim(text=claim.text, status=claim.status, polarity=claim.polarity,
                        source=claim.attribution.source if claim.attribution else None,
                        outlet=article.outlet, url=article.url, title=article.title,
                        published=article.published, first_seen=before.first_seen, article_key=article.key)


def headline_for(figures: Iterable[str], items: list[AlertItem], title: str | None) -> str:
    """A subject line a person would open: the figure and what changed."""
    who = ", ".join(sorted(set(figures)))
    if title:
        return f"{who}: {title}"
    first = items[0].text if items else ""
    return f"{who}: {first[:90]}"
