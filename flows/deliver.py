"""The Prefect flow `deliver`: send what the outbox holds that is due, without reading any articles.

`storywatch deliver` runs it after an outage (SMTP back up, a webhook fixed); `storywatch serve` can
schedule it beside `monitor` so digests and held alerts go out between passes.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from .monitor import deliver_alerts
from .resolve import resolve_pass


@flow(name="deliver", log_prints=False)
def deliver(config: str | None = None, db_url: str | None = None, json_output: bool = False) -> dict:
    """Deliver every due alert in the outbox, per channel and its policy."""
    settings, store = resolve_pass(config, None, db_url)
    attempts = deliver_alerts(store, settings, datetime.now(UTC), json_output)
    counts = Counter(a.state for a in attempts)
    get_run_logger().info("deliver: %d sent, %d failed, %d dead-lettered", counts["sent"],
                          counts["failed"], counts["dead"])
    return {"attempts": [{"alert": a.alert_key, "channel": a.channel, "state": a.state,
                          "error": a.error, "message": a.message_key} for a in attempts],
            "sent": counts["sent"], "failed": counts["failed"], "dead": counts["dead"]}
