"""What a pass did, shaped for people: JSON for --json, markdown and tables for the Prefect UI."""

from __future__ import annotations

from datetime import datetime

from storywatch.records import STATUS_WORDS, Delivery, Development, PassReport, StoredAlert


def report_json(report: PassReport, now: datetime) -> dict:
    """The documented JSON of `storywatch run --json` (see README: JSON output), as of `now`."""
    return {
        "pass_id": report.pass_id,
        "articles": {
            "ingested": report.ingested,
            "duplicates": report.duplicates,
            "failed": [f.model_dump() for f in report.failed],
        },
        "developments": [development_json(d) for d in report.developments],
        "alerts": [alert_json(a, now) for a in reversed(report.alerts)],
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


def alert_json(stored: StoredAlert, now: datetime) -> dict:
    """An alert and its deliveries; each open delivery says why and until when it waits at `now`."""
    alert = stored.alert
    return {
        "story_id": alert.story_id,
        "kind": alert.kind,
        "key": alert.key,
        "headline": alert.headline,
        "source_count": alert.source_count,
        "sources": list(alert.sources),
        "items": [item.model_dump(mode="json") for item in alert.items],
        "deliveries": [{**d.model_dump(mode="json"), "waiting": waiting_json(d, now)}
                       for d in stored.deliveries],
    }


def waiting_json(d: Delivery, now: datetime) -> dict | None:
    """Why and until when an open delivery waits, at `now`; None once it is sent, dead or skipped.

    `on` is what it waits on (records.Waiting, or null when it was due at once), `until` when that
    ends, `due` whether it has, and `why` says it in a line, with the last error after a failure."""
    if d.state not in ("pending", "failed") or d.next_attempt_at is None:
        return None
    until = d.model_dump(mode="json", include={"next_attempt_at"})["next_attempt_at"]  # as beside it
    return {"on": d.waiting_on, "until": until, "due": d.next_attempt_at <= now, "why": waiting_line(d, now)}


def waiting_line(d: Delivery, now: datetime) -> str:
    """An open delivery's wait in a line: "waiting until ...: why", or "due since ...: why"."""
    assert d.next_attempt_at is not None
    at = f"{d.next_attempt_at:%Y-%m-%d %H:%M:%S} UTC"
    due = d.next_attempt_at <= now
    when = f"due since {at}" if due else f"waiting until {at}"
    failed = f"attempt {d.attempts} failed: {d.last_error}"
    if d.waiting_on == "lease":
        holder = d.claimed_by or "another process"
        if due:
            return (f"due: the claim of {holder} ran out at {at} with no outcome recorded (that process "
                    "stopped or died); the next pass or `storywatch deliver` sends it")
        return (f"claimed by {holder} until {at}: being sent (renewed while the send goes on); if that "
                "process died, it is sent again after then")
    if d.waiting_on == "retry_after":
        return f"{when}, as the receiver's Retry-After asked; {failed}"
    if d.waiting_on == "backoff" or (d.waiting_on is None and d.state == "failed"):
        return f"{when}, backing off; {failed}"
    if d.note:  # a hold of the channel's policy, or requeued from dead letters
        return f"{when}: {d.note}" if due or d.waiting_on != "hold" else d.note
    return when
