"""What a pass did, shaped for people: JSON for --json, markdown and tables for the Prefect UI."""

from __future__ import annotations

from storywatch.records import STATUS_WORDS, Development, PassReport, StoredAlert


def report_json(report: PassReport) -> dict:
    """The documented JSON of `storywatch run --json` (see README: JSON output)."""
    return {
        "pass_id": report.pass_id,
        "articles": {
            "ingested": report.ingested,
            "duplicates": report.duplicates,
            "failed": [f.model_dump() for f in report.failed],
        },
        "developments": [development_json(d) for d in report.developments],
        "alerts": [alert_json(a) for a in reversed(report.alerts)],
    }


def developments_by_story(report: PassReport) -> dict[str, list[Development]]:
    grouped: dict[str, list[Development]] = {}
    for d in report.developments:
        grouped.setdefault(d.story_id, []).append(d)
    return grouped


def story_markdown(report: PassReport, story_id: str, developments: list[Development]) -> str:
    lines = [f"# Story {story_id}", "", f"Pass `{report.pass_id}`", ""]
    for d in developments:
        said = STATUS_WORDS[d.claim.status]
        said += f", per {d.claim.attribution.source}" if d.claim.attribution else ""
        lines.append(f"- **{d.label}** ({said}): {d.claim.text}")
        lines.extend(f"  - changed {c}" for c in d.changed)
    return "\n".join(lines)


def claims_table(report: PassReport) -> list[dict]:
    return [
        {"story": d.story_id, "figure": d.figure, "label": d.label, "aspect": d.claim.aspect,
         "status": d.claim.status, "polarity": d.claim.polarity,
         "source": d.claim.attribution.source if d.claim.attribution else "",
         "text": d.claim.text[:300], "article": d.article.key}
        for d in report.developments
    ]


def run_name(report: PassReport) -> str:
    """A flow run's name says what the pass did, so the runs list in the UI reads as a history."""
    stories = len(developments_by_story(report))
    if report.developments:
        what = (f"{len(report.developments)} developments in {stories} "
                f"{'story' if stories == 1 else 'stories'}")
    elif report.ingested:
        what = f"{report.ingested} new articles, no developments"
    else:
        what = "nothing new"
    failed = f", {len(report.failed)} failed" if report.failed else ""
    return f"{what}{failed} ({report.pass_id})"


def development_json(d: Development) -> dict:
    claim = d.claim
    attribution = claim.attribution
    return {
        "story_id": d.story_id,
        "figure": d.figure,
        "label": d.label,
        "changed": list(d.changed),
        "before": d.before.claim.text if d.before else None,
        "claim": {
            "text": claim.text,
            "span": list(claim.span),
            "role": claim.role,
            "aspect": claim.aspect,
            "polarity": claim.polarity,
            "status": claim.status,
            "attribution": None if attribution is None else {
                "source": attribution.source, "cue": attribution.cue, "quote": attribution.quote,
            },
        },
        "article": d.article.model_dump(mode="json"),
    }


def alert_json(stored: StoredAlert) -> dict:
    alert = stored.alert
    return {
        "story_id": alert.story_id,
        "kind": alert.kind,
        "key": alert.key,
        "headline": alert.headline,
        "source_count": alert.source_count,
        "sources": list(alert.sources),
        "items": [item.model_dump(mode="json") for item in alert.items],
        "deliveries": [d.model_dump(mode="json") for d in stored.deliveries],
    }
