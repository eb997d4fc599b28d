"""The Prefect flow `deliver`: send what the outbox holds that is due, without reading any articles.

`storywatch deliver` runs it after an outage (SMTP back up, a webhook fixed); `storywatch serve` can
schedule it beside `monitor` so digests and held alerts go out between passes.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from storywatch.storage import Outbox

from . import delivery, events
from .monitor import deliver_alerts
from .resolve import resolve_pass


@flow(name="deliver", log_prints=False)
def deliver(config: str | None = None, db_url: str | None = None, json_output: bool = False,
            retry_dead: bool = False, channel: str | None = None) -> dict:
    """Deliver every due alert in the outbox, per channel and its policy; with `retry_dead`, first
    requeue the dead letters (of `channel`, or of all channels)."""
    settings, store = resolve_pass(config, None, db_url)
    now = datetime.now(UTC)
    requeued = Outbox(store.engine).requeue_dead(now, channel) if retry_dead else 0
    attempts = deliver_alerts(store, settings, now, json_output)
    counts = Counter(a.state for a in attempts)
    get_run_logger().info("deliver: %d requeued from dead letters, %d sent, %d failed, %d dead-lettered",
                          requeued, counts["sent"], counts["failed"], counts["dead"])
    return {"attempts": [{"alert": a.alert_key, "channel": a.channel, "state": a.state,
                          "error": a.error, "message": a.message_key} for a in attempts],
            "requeued": requeued, "sent": counts["sent"], "failed": counts["failed"], "dead": counts["dead"]}


@flow(name="digest", log_prints=False)
def digest(config: str | None = None, db_url: str | None = None) -> dict:
    """Send the digests of the hourly and daily channels whose window has closed.

    `deliver` sends them too when it runs; this flow is for a digest schedule of its own
    (`digest_schedule` in the config) when `deliver` is not served every minute."""
    settings, store = resolve_pass(config, None, db_url)
    digest_channels = {c.name for c in settings.alerts.channels if c.mode != "immediate"}
    attempts = delivery.deliver_configured(store, settings, datetime.now(UTC), only=digest_channels)
    events.emit_attempts(attempts)
    counts = Counter(a.state for a in attempts)
    get_run_logger().info("digest: %d channels, %d sent, %d failed", len(digest_channels),
                          counts["sent"], counts["failed"])
    return {"channels": sorted(digest_channels), "sent": counts["sent"], "failed": counts["failed"]}
