"""storywatch's Prefect events, defined once: their names, their resources, and the calls that emit
them (inside a flow run). Automations (automations.py) and deployment triggers match these names."""

from __future__ import annotations

import hashlib
import re

from prefect.events import emit_event

from storywatch.records import Failure, PassReport

from .delivery import Attempt

STORY_DEVELOPED = "storywatch.story.developed"
FEED_FAILED = "storywatch.feed.failed"
ALERT_SENT = "storywatch.alert.sent"
ALERT_FAILED = "storywatch.alert.failed"
FEED_RESOURCES = "storywatch.feed.*"  # every feed's resource id, as automations match them
ALERT_RESOURCES = "storywatch.alert.*"


def story_resource_id(story_id: str) -> str:
    return f"storywatch.story.{story_id}"


def figure_resource_id(figure: str) -> str:
    """A figure as an event's related resource: automations can match every story of one person."""
    return "storywatch.figure." + "-".join(re.findall(r"\w+", figure.casefold()))


def alert_resource_id(alert_key: str) -> str:
    return f"storywatch.alert.{alert_key}"


def feed_resource_id(url: str) -> str:
    """A stable event resource per feed URL (URLs make awkward ids; the URL is a label beside it)."""
    return f"storywatch.feed.{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def emit_pass_events(report: PassReport, feeds: dict[str, str | None]) -> None:
    """A feed-failed event per feed that failed (not per page: automations count these), and a
    story-developed event per alert of the pass."""
    for failure in report.failed:
        if failure.source in feeds:
            emit_feed_failed(failure, feeds[failure.source], report.pass_id)
    for stored in report.alerts:
        alert = stored.alert
        emit_event(
            event=STORY_DEVELOPED,
            resource={"prefect.resource.id": story_resource_id(alert.story_id),
                      "prefect.resource.name": alert.headline[:200],
                      "storywatch.headline": alert.headline[:200],
                      "storywatch.figure": ", ".join(alert.figures)},
            related=[{"prefect.resource.id": figure_resource_id(figure), "prefect.resource.role": "figure",
                      "prefect.resource.name": figure} for figure in alert.figures],
            payload={"kind": alert.kind, "items": len(alert.items), "headline": alert.headline,
                     "figures": list(alert.figures), "source_count": alert.source_count,
                     "alert": alert.key},
        )


def emit_feed_failed(failure: Failure, name: str | None, pass_id: str) -> None:
    emit_event(
        event=FEED_FAILED,
        resource={"prefect.resource.id": feed_resource_id(failure.source),
                  "prefect.resource.name": name or failure.source,
                  "storywatch.feed.url": failure.source},
        payload={"reason": failure.reason, "pass_id": pass_id},
    )


def emit_attempts(attempts: list[Attempt]) -> None:
    """An event per alert sent or failed, with the alert as resource and its story related."""
    for attempt in attempts:
        emit_event(
            event=ALERT_SENT if attempt.state == "sent" else ALERT_FAILED,
            resource={"prefect.resource.id": alert_resource_id(attempt.alert_key),
                      "storywatch.channel": attempt.channel},
            related=[{"prefect.resource.id": story_resource_id(attempt.story_id),
                      "prefect.resource.role": "story"}],
            payload={"channel": attempt.channel, "state": attempt.state, "error": attempt.error,
                     "message": attempt.message_key},
        )
