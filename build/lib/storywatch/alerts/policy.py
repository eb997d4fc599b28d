"""Pure decisions about when a channel gets what: routing, quiet hours, digests, rate limits.

Every function takes ``now``; nothing here reads the clock, the network or the database, so each
rule is tested with plain values. A delivery the policy does not send now is *held* (given a time
to try again), never dropped; only routing *skips* a delivery, and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storywatch.config import ChannelPolicy, QuietHours, RateLimit
from storywatch.records import Alert


@dataclass(frozen=True)
class Due:
    """A delivery that is due on a channel: its id, the alert, and when the alert was written."""

    delivery_id: int
    alert: Alert
    created_at: datetime


@dataclass(frozen=True)
class Batch:
    """One message to send: a single alert, or a digest of the alerts of a closed window."""

    deliveries: tuple[Due, ...]
    window: tuple[datetime, datetime] | None = None


@dataclass
class Plan:
    send: list[Batch] = field(default_factory=list)
    hold: list[tuple[list[int], datetime, str]] = field(default_factory=list)  # ids, until, why
    skip: list[tuple[int, str]] = field(default_factory=list)  # id, why


def route(alert: Alert, policy: ChannelPolicy) -> str | None:
    """None when the channel takes this alert; otherwise why it does not."""
    figures = set(alert.figures)
    if policy.figures and not figures & set(policy.figures):
        return f"not routed: figures {', '.join(sorted(figures)) or '-'} are not {', '.join(policy.figures)}"
    if policy.kinds and alert.kind not in policy.kinds:
        return f"not routed: kind {alert.kind} is not {', '.join(policy.kinds)}"
    if alert.source_count < policy.min_sources:
        return f"not routed: {alert.source_count} sources, the channel needs {policy.min_sources}"
    return None


def quiet_until(now: datetime, quiet: QuietHours | None) -> datetime | None:
    """When `now` falls in the quiet hours, the moment they end (UTC); else None."""
    if quiet is None or quiet.start == quiet.end:
        return None
    zone = ZoneInfo(quiet.timezone)
    local = now.astimezone(zone)
    t = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside, end_day = quiet.start <= t < quiet.end, local.date()
    else:  # across midnight, e.g. 22:00-07:00
        inside = t >= quiet.start or t < quiet.end
        end_day = local.date() if t < quiet.end else local.date() + timedelta(days=1)
    if not inside:
        return None
    return datetime.combine(end_day, quiet.end, tzinfo=zone).astimezone(UTC)


def digest_window(created_at: datetime, policy: ChannelPolicy) -> tuple[datetime, datetime]:
    """The hourly or daily window (UTC bounds) an alert written at `created_at` belongs to."""
    zone = ZoneInfo(policy.timezone)
    local = created_at.astimezone(zone)
    if policy.mode == "hourly":
        start = local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
        return start, start + timedelta(hours=1)
    close = datetime.combine(local.date(), policy.digest_at, tzinfo=zone)
    if local >= close:
        close = datetime.combine(local.date() + timedelta(days=1), policy.digest_at, tzinfo=zone)
    opened = datetime.combine(close.date() - timedelta(days=1), policy.digest_at, tzinfo=zone)
    return opened.astimezone(UTC), close.astimezone(UTC)


def free_slots(now: datetime, sent: list[datetime], limit: RateLimit | None) -> tuple[int, datetime | None]:
    """How many messages may go now, and when the next slot frees when none may."""
    if limit is None:
        return 1_000_000, None
    period = timedelta(minutes=limit.per_minutes)
    recent = sorted(t for t in sent if t > now - period)
    free = limit.messages - len(recent)
    if free > 0:
        return free, None
    return 0, recent[len(recent) - limit.messages] + period


def plan_channel(policy: ChannelPolicy | None, due: list[Due], now: datetime,
                 sent: Sequence[datetime] = ()) -> Plan:
    """What to do now with a channel's due deliveries; `sent`: when its recent messages went."""
    plan = Plan()
    if policy is None:  # console and outbox: everything, at once
        plan.send = [Batch((d,)) for d in due]
        return plan
    routed = []
    for d in due:
        reason = route(d.alert, policy)
        if reason:
            plan.skip.append((d.delivery_id, reason))
        else:
            routed.append(d)
    if not routed:
        return plan
    quiet = quiet_until(now, policy.quiet_hours)
    if quiet is not None:
        plan.hold.append(([d.delivery_id for d in routed], quiet, "quiet hours"))
        return plan
    if policy.mode == "immediate":
        batches = [Batch((d,)) for d in routed]
    else:
        windows: dict[tuple[datetime, datetime], list[Due]] = {}
        for d in routed:
            windows.setdefault(digest_window(d.created_at, policy), []).append(d)
        batches = []
        for window, members in sorted(windows.items(), key=lambda w: w[0]):
            if window[1] <= now:
                batches.append(Batch(tuple(members), window))
            else:
                plan.hold.append(([d.delivery_id for d in members], window[1], f"{policy.mode} digest"))
    limit = policy.rate_limit
    if limit is None:  # no rate limit: every batch goes now
        plan.send = batches
        return plan
    free, next_slot = free_slots(now, list(sent), limit)
    plan.send = batches[:free]
    late = batches[free:]
    if late:
        until = next_slot or now + timedelta(minutes=limit.per_minutes)
        plan.hold.append(([d.delivery_id for b in late for d in b.deliveries], until, "rate limit"))
    return plan
