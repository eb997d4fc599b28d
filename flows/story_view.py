"""A story's timeline shaped for people: JSON for `storywatch story --json`, plain text for the
terminal, and markdown for the story's Prefect artifact."""

from __future__ import annotations

from datetime import datetime

from storywatch.records import STATUS_WORDS, Claim, StoryTimeline, TimelineArticle

from .report import alert_json


def said_by(claim: Claim) -> str:
    """Who says it, as a reader takes it: "on the record, per Dmitry Peskov", "asserted by the outlet"."""
    words = STATUS_WORDS[claim.status]
    return f"{words}, per {claim.attribution.source}" if claim.attribution else words


def timeline_json(timeline: StoryTimeline, now: datetime) -> dict:
    """The documented JSON of `storywatch story ID --json` (README, Commands)."""
    story = timeline.story
    return {
        "id": story.id, "figures": list(story.figures), "headline": story.headline,
        "first_seen": story.first_seen.isoformat(), "last_claim_at": story.last_claim_at.isoformat(),
        "sources": list(timeline.sources),
        "articles": [{
            **entry.article.model_dump(mode="json"), "stored_at": entry.first_seen.isoformat(),
            "claims": [{"id": c.id, "label": c.label, "text": c.claim.text, "figure": c.claim.figure,
                        "status": c.claim.status, "polarity": c.claim.polarity, "said_by": said_by(c.claim),
                        "source": c.claim.attribution.source if c.claim.attribution else None,
                        "changed": list(c.changed), "before": c.before} for c in entry.claims],
        } for entry in timeline.articles],
        "alerts": [dict(alert_json(a, now), created_at=a.created_at.isoformat()) for a in timeline.alerts],
    }


def _when(entry: TimelineArticle) -> str:
    """Its published time, else when storywatch stored it, said so."""
    published = entry.article.published
    return f"{published:%Y-%m-%d %H:%M}" if published else f"seen {entry.first_seen:%Y-%m-%d %H:%M}"


def _article_line(entry: TimelineArticle) -> str:
    a, when = entry.article, _when(entry)
    return f"{a.outlet or 'unknown outlet'}, {when}: {a.title or a.key}"


def timeline_text(timeline: StoryTimeline) -> str:
    """The timeline for the terminal: article by article, each claim with its label and who says it."""
    story = timeline.story
    lines = [story.headline, f"story {story.id}, {len(timeline.articles)} articles, "
             f"sources: {', '.join(timeline.sources) or 'none'}", ""]
    for entry in timeline.articles:
        lines.append(_article_line(entry))
        if entry.article.url:
            lines.append(f"  {entry.article.url}")
        for c in entry.claims:
            lines.append(f"  [{c.label}] {c.claim.text}")
            lines.append(f"      {said_by(c.claim)}")
            lines.extend(f"      changed {change}" for change in c.changed)
            if c.before and c.label in ("update", "contradict"):
                lines.append(f"      before: {c.before}")
        lines.append("")
    lines.append("alerts:" if timeline.alerts else "alerts: none")
    for stored in timeline.alerts:
        states = ", ".join(f"{d.channel}={d.state}" for d in stored.deliveries)
        lines.append(f"  {stored.created_at:%Y-%m-%d %H:%M}  {stored.alert.kind}  "
                     f"{len(stored.alert.items)} items  [{states}]")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Article text inside markdown: its own markup characters shown, not rendered."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(text.split()))


def timeline_markdown(timeline: StoryTimeline, pass_id: str | None = None) -> str:
    """The story's Prefect artifact: titled by figure and headline, the timeline with links; the
    articles this pass added are marked."""
    story = timeline.story
    lines = [f"# {_md(story.headline)}", "",
             f"Story `{story.id}` · {len(timeline.articles)} articles · sources: "
             f"{_md(', '.join(timeline.sources)) or 'none'}" + (f" · pass `{pass_id}`" if pass_id else ""),
             "", "## Timeline", ""]
    for entry in timeline.articles:
        a = entry.article
        title = _md(a.title or a.key)
        linked = f"[{title}]({a.url})" if a.url else title
        when = _when(entry)
        lines.append(f"### {linked}")
        lines.append(f"{_md(a.outlet or 'unknown outlet')}, {when}")
        lines.append("")
        for c in entry.claims:
            lines.append(f"- **{c.label}** ({_md(said_by(c.claim))}): {_md(c.claim.text)}")
            lines.extend(f"  - changed {_md(change)}" for change in c.changed)
            if c.before and c.label in ("update", "contradict"):
                lines.append(f"  - before: {_md(c.before)}")
        lines.append("")
    lines += ["## Alerts", ""]
    sent = [f"- {s.created_at:%Y-%m-%d %H:%M} {s.alert.kind}, {len(s.alert.items)} items: "
            + ", ".join(f"{d.channel} {d.state}" for d in s.deliveries) for s in timeline.alerts]
    lines += sent or ["- none"]
    return "\n".join(lines)
