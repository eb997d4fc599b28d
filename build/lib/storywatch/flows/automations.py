"""`storywatch automations install`: Prefect automations on storywatch's events, notifying the ops channel.

The ops channel is a Prefect notification block: an existing one (`--block slack-webhook/ops`), or a
custom webhook block storywatch saves for a URL (`--webhook-url`). Installing again replaces the
automations of the same names, so it is safe to rerun after changing the block or the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import cast

from storywatch.errors import ConfigError

from .events import ALERT_FAILED, ALERT_RESOURCES, FEED_FAILED, FEED_RESOURCES

PREFIX = "storywatch: "
WEBHOOK_BLOCK = "storywatch-ops"


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    events: tuple[str, ...]
    match: dict
    threshold: int
    within: timedelta
    for_each: tuple[str, ...]
    subject: str
    body: str
    match_related: dict | None = None


RULES = [
    Rule(
        name=PREFIX + "feed failing",
        description="A feed failed three polls in a row (within 6 hours; failing feeds are retried "
                    "with backoff, so this spans several passes).",
        events=(FEED_FAILED,), match={"prefect.resource.id": FEED_RESOURCES},
        threshold=3, within=timedelta(hours=6), for_each=("prefect.resource.id",),
        subject="storywatch: feed {{ event.resource.name }} keeps failing",
        body="The feed {{ event.resource['storywatch.feed.url'] }} failed 3 polls in a row. "
             "Last reason: {{ event.payload.reason }}",
    ),
    Rule(
        name=PREFIX + "alert delivery failing",
        description="Deliveries to one channel failed three times within an hour.",
        events=(ALERT_FAILED,), match={"prefect.resource.id": ALERT_RESOURCES},
        threshold=3, within=timedelta(hours=1), for_each=("storywatch.channel",),
        subject="storywatch: alerts are not getting through on {{ event.resource['storywatch.channel'] }}",
        body="Deliveries on channel {{ event.resource['storywatch.channel'] }} failed 3 times within an "
             "hour; latest: {{ event.payload.error }}",
    ),
    Rule(
        name=PREFIX + "monitor pass failed",
        description="A `monitor` flow run failed or crashed.",
        events=("prefect.flow-run.Failed", "prefect.flow-run.Crashed"),
        match={"prefect.resource.id": "prefect.flow-run.*"},
        match_related={"prefect.resource.role": "flow", "prefect.resource.name": "monitor"},
        threshold=1, within=timedelta(0), for_each=("prefect.resource.id",),
        subject="storywatch: a monitor pass failed",
        body="Flow run {{ event.resource.name }} of monitor failed: {{ event.payload }}",
    ),
]


def notification_block_id(block: str | None, webhook_url: str | None):
    """The ops channel's block document id: an existing block, or a webhook block saved now."""
    from prefect.blocks.core import Block

    if webhook_url:
        from prefect.blocks.notifications import CustomWebhookNotificationBlock

        saved = CustomWebhookNotificationBlock(
            name="storywatch ops", url=webhook_url, method="POST",
            json_data={"subject": "{{subject}}", "body": "{{body}}"},
        )
        saved.save(WEBHOOK_BLOCK, overwrite=True)
        # Block.load is async-dispatched, typed "Block | Coroutine": called from sync code it returns
        # the block (here and below)
        reloaded = cast(CustomWebhookNotificationBlock, CustomWebhookNotificationBlock.load(WEBHOOK_BLOCK))
        return reloaded._block_document_id
    if not block or "/" not in block:
        raise ConfigError("give --block TYPE/NAME (a notification block, e.g. slack-webhook/ops) "
                          "or --webhook-url URL")
    try:
        loaded = cast(Block, Block.load(block))
    except (ValueError, RuntimeError) as exc:
        raise ConfigError(f"no notification block {block!r} on this Prefect server: {exc}") from exc
    return loaded._block_document_id


def build_automations(block_document_id) -> list:
    from prefect.automations import Automation, EventTrigger, Posture, SendNotification

    automations = []
    for rule in RULES:
        trigger = EventTrigger(
            expect=set(rule.events), match=rule.match, match_related=rule.match_related or {},
            for_each=set(rule.for_each), posture=Posture.Reactive, threshold=rule.threshold,
            within=rule.within,
        )
        automations.append(Automation(
            name=rule.name, description=rule.description, enabled=True, trigger=trigger,
            actions=[SendNotification(block_document_id=block_document_id, subject=rule.subject,
                                      body=rule.body)],
        ))
    return automations


def install(block: str | None, webhook_url: str | None) -> list[str]:
    """Create (or replace) storywatch's automations; returns their names."""
    from prefect.automations import Automation

    block_id = notification_block_id(block, webhook_url)
    installed = []
    for automation in build_automations(block_id):
        while True:  # replace every earlier copy of the same name
            try:
                # read's overloads are typed async; called from sync code it returns the automation
                cast(Automation, Automation.read(name=automation.name)).delete()
            except ValueError:
                break
        automation.create()
        installed.append(automation.name)
    return installed
