"""Delivering the outbox: channels from the settings, policy per channel, outcomes per delivery.

Plain functions, so tests drive them with an injected clock; the pass's deliver stage (pipeline.py,
a task in monitor.py) and the `deliver` and `digest` flows (outbox_flows.py) run them. Secrets are
resolved here, at the edge: from the environment, or from a Prefect Secret block named in the config.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from storywatch.alerts import (
    AppriseChannel,
    Channel,
    ConsoleChannel,
    Due,
    EmailChannel,
    Message,
    OutboxChannel,
    WebhookChannel,
    alert_message,
    digest_message,
    plan_channel,
)
from storywatch.config import ChannelPolicy, EmailChannelConfig, Settings, WebhookChannelConfig
from storywatch.errors import DeliveryError, PermanentDeliveryError
from storywatch.storage import LEASE, Outbox, Store


@dataclass(frozen=True)
class Attempt:
    """One alert's outcome on one channel in one delivery run."""

    alert_key: str
    story_id: str
    channel: str
    state: str  # sent | failed | dead
    error: str | None = None
    message_key: str | None = None


def channel_names(settings: Settings) -> list[str]:
    """Every channel an alert gets a delivery row for (routing is decided when it is delivered)."""
    builtin = (["console"] if settings.alerts.console else []) + ["outbox"]
    return builtin + [c.name for c in settings.alerts.channels]


def deliver_configured(store: Store, settings: Settings, now: datetime, json_output: bool = False,
                       only: set[str] | None = None) -> list[Attempt]:
    """Every due delivery on the configured channels, per channel and its policy."""
    channels, policies = build_channels(settings, json_output)
    return deliver_due(store, channels, policies, now, settings.alerts.max_attempts, only)


def build_channels(settings: Settings,
                   json_output: bool = False) -> tuple[dict[str, Channel], dict[str, ChannelPolicy]]:
    """The configured channels, by name, and their policies."""
    channels: dict[str, Channel] = {"outbox": OutboxChannel(settings.alerts.outbox_dir)}
    if settings.alerts.console:
        channels["console"] = ConsoleChannel(sys.stderr if json_output else None)
    policies: dict[str, ChannelPolicy] = {}
    for config in settings.alerts.channels:
        policies[config.name] = config
        if isinstance(config, EmailChannelConfig):
            password, problem = (None, None)
            if config.username:
                password, problem = resolve_secret(config.password_env, config.password_block)
            channels[config.name] = EmailChannel(config, password, problem)
        elif isinstance(config, WebhookChannelConfig):
            secret, _ = resolve_secret(config.secret_env, config.secret_block)
            if (config.secret_env or config.secret_block) and not secret:
                channels[config.name] = _Unavailable(config.name, "webhook secret is not set "
                                                     f"({config.secret_env or config.secret_block})")
            else:
                channels[config.name] = WebhookChannel(config, secret)
        else:
            url, problem = resolve_secret(config.url_env, None) if config.url_env else (config.url, None)
            channels[config.name] = AppriseChannel(config.name, url, problem)
    return channels, policies


def resolve_secret(env: str | None, block: str | None) -> tuple[str | None, str | None]:
    """(secret, None), or (None, why not). The environment first, then a Prefect Secret block."""
    if env and os.environ.get(env):
        return os.environ[env], None
    if block:
        try:
            from prefect.blocks.system import Secret

            # Block.load is async-dispatched, typed "Secret | Coroutine": called from sync code it
            # returns the block
            secret = cast(Secret, Secret.load(block))
            return str(secret.get()), None
        except Exception as exc:  # noqa: BLE001 - any failure to load is reported, the pass goes on
            return None, f"Prefect Secret block {block!r}: {' '.join(str(exc).split())[:200]}"
    return None, f"env {env} is not set" if env else "no secret configured"


class _Unavailable:
    """A channel that cannot work until its configuration is fixed; deliveries wait and retry."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason

    def send(self, message: Message) -> None:
        raise DeliveryError(f"{self.name}: {self.reason}")


Clock = Callable[[], datetime]


def this_process() -> str:
    """Who holds a claim, as `storywatch alerts` shows it: the host and the process id."""
    return f"{socket.gethostname()} pid {os.getpid()}"


def running_from(now: datetime) -> Clock:
    """A clock that starts at `now` (the run's time, which tests set) and runs with real time: each
    claim, send and failure is stamped when it happens, not when the run began (a run's later leases
    would otherwise start expired, and a Retry-After be counted from before the wait)."""
    started = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - started)


def deliver_due(store: Store, channels: dict[str, Channel], policies: dict[str, ChannelPolicy], now: datetime,
                max_attempts: int, only: set[str] | None = None, clock: Clock | None = None,
                lease: timedelta = LEASE) -> list[Attempt]:
    """Send what is due now, per channel and its policy; record every outcome in the outbox.

    `only` limits the work to these channels (the `digest` flow sends digest channels only). What
    is due is decided at `now`; each action is stamped by `clock` (by default: `now` plus the time
    the run has taken)."""
    clock = clock or running_from(now)
    outbox = Outbox(store.engine)
    holder = this_process()
    by_channel: dict[str, list] = {}
    for row in outbox.due(now):
        if only is None or row.channel in only:
            by_channel.setdefault(row.channel, []).append(row)
    attempts: list[Attempt] = []
    for name, rows in by_channel.items():
        channel = channels.get(name)
        if channel is None:
            reason = f"channel {name!r} is not configured"
            states = outbox.mark_failed([r.delivery_id for r in rows], reason, clock(), max_attempts)
            attempts += [Attempt(r.alert.key, r.alert.story_id, name, states[r.delivery_id], reason)
                         for r in rows]
            continue
        policy = policies.get(name)
        sent = []
        if policy is not None and policy.rate_limit is not None:
            sent = outbox.sent_times(name, now - timedelta(minutes=policy.rate_limit.per_minutes))
        plan = plan_channel(policy, [Due(r.delivery_id, r.alert, r.created_at) for r in rows], now, sent)
        for delivery_id, reason in plan.skip:
            outbox.skip(delivery_id, reason)
        for ids, until, reason in plan.hold:
            outbox.hold(ids, until, reason)
        for batch in plan.send:
            claimed = outbox.claim([d.delivery_id for d in batch.deliveries], clock(), lease, holder)
            members = [d for d in batch.deliveries if d.delivery_id in claimed]
            if members:
                with _renewing(outbox, [d.delivery_id for d in members], clock, lease, holder):
                    attempts += _send(outbox, name, channel, members, batch.window, clock, max_attempts)
    return attempts


@contextmanager
def _renewing(outbox: Outbox, ids: list[int], clock: Clock, lease: timedelta, holder: str) -> Iterator[None]:
    """Renew the claim every third of its lease while the send goes on, however slow the receiver:
    a concurrent `deliver` never takes a delivery whose send is still in progress."""
    done = threading.Event()

    def renew() -> None:
        while not done.wait(lease.total_seconds() / 3):
            outbox.renew(ids, clock() + lease, holder)

    thread = threading.Thread(target=renew, name="storywatch-lease", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _send(outbox: Outbox, name: str, channel: Channel, members: list[Due], window, clock: Clock,
          max_attempts: int) -> list[Attempt]:
    ids = [d.delivery_id for d in members]
    alerts = [d.alert for d in members]
    message = digest_message(name, alerts, window) if window else alert_message(alerts[0])
    try:
        channel.send(message)
    except Exception as exc:  # noqa: BLE001 - one channel's failure never stops the pass or the others
        reason = str(exc) if isinstance(exc, DeliveryError) else f"{name}: {type(exc).__name__}: {exc}"
        reason = " ".join(reason.split())[:500]
        states = outbox.mark_failed(ids, reason, clock(), max_attempts,
                                    permanent=isinstance(exc, PermanentDeliveryError),
                                    retry_after=getattr(exc, "retry_after", None))
        return [Attempt(d.alert.key, d.alert.story_id, name, states[d.delivery_id], reason,
                        message.key) for d in members]
    outbox.mark_sent(ids, message.key, clock())
    return [Attempt(d.alert.key, d.alert.story_id, name, "sent", None, message.key) for d in members]
