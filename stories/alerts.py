"""Decide alerts from a pass's developments: one per developed story, never for repeats."""

from __future__ import annotations

from collections.abc import Iterable

from storywatch.records import AlertItem, Development

ALERTING_LABELS = frozenset({"new", "update", "contradict"})


def alert_items(developments: Iterable[Development]) -> list[AlertItem]:
    """The developments a person should hear about, as alert items."""
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
        ))
    return items


def choose_story(story_ids: Iterable[str]) -> str | None:
    """The story most of an article's matched claims belong to (earliest on a tie)."""
    counts: dict[str, int] = {}
    for story_id in story_ids:
        counts[story_id] = counts.get(story_id, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda s: counts[s])


def headline_for(figures: Iterable[str], items: list[AlertItem], title: str | None) -> str:
    """A subject line a person would open: the figure and what changed."""
    who = ", ".join(sorted(set(figures)))
    if title:
        return f"{who}: {title}"
    first = items[0].text if items else ""
    return f"{who}: {first[:90]}"
