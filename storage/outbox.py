"""The outbox's delivery side: what is due, claiming it, holding it, and recording the outcome.

Alerts and their deliveries (one row per alert and channel) are written by ``Store.record_article``
in the transaction of the developments that cause them. This module moves a delivery through
``pending -> sent``, ``pending -> failed -> ... -> dead`` (exponential backoff, dead-lettered after
``max_attempts`` or at once for a permanent refusal), or ``skipped`` (routing). A delivery is
*claimed* (its next attempt pushed past a lease) before it is sent, so two processes delivering at
once never both send it; a process that dies after claiming is retried when the lease runs out.

Every open delivery records why it waits (``waiting_on``, records.Waiting) beside when: a claim's
lease (and the process holding it, ``claimed_by``), the receiver's Retry-After, backoff after a
failure (the error is ``last_error``), or a hold of the channel's policy (the reason is ``note``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.engine import Engine

from storywatch.records import Alert, Waiting

from .schema import alerts, deliveries
from .transactions import transaction, utc

OPEN_STATES = ("pending", "failed")
LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)
MAX_RETRY_AFTER = timedelta(days=1)  # a receiver's Retry-After is honoured up to this


@dataclass(frozen=True)
class DueDelivery:
    delivery_id: int
    channel: str
    attempts: int
    alert: Alert
    created_at: datetime


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at an hour: the wait after the `attempts`-th failure."""
    return min(MAX_BACKOFF, timedelta(seconds=30 * 2 ** (attempts - 1)))


def _wait_after_failure(attempts: int, asked: timedelta | None) -> tuple[timedelta, Waiting]:
    """How long after the `attempts`-th failure, and why: the backoff, or the receiver's
    Retry-After when it asked for longer."""
    if asked is not None and asked > backoff(attempts):
        return asked, "retry_after"
    return backoff(attempts), "backoff"


class Outbox:
    def __init__(self, engine: Engine):
        self.engine = engine

    def _transaction(self):
        return transaction(self.engine, integrity_errors_pass=False)

    def due(self, now: datetime) -> list[DueDelivery]:
        """Deliveries whose next attempt has come, oldest first."""
        with self._transaction() as c:
            rows = c.execute(
                select(deliveries.c.id, deliveries.c.channel, deliveries.c.attempts, alerts.c.payload,
                       alerts.c.created_at)
                .join(alerts, alerts.c.id == deliveries.c.alert_id)
                .where(deliveries.c.state.in_(OPEN_STATES), deliveries.c.next_attempt_at <= now)
                .order_by(deliveries.c.id)
            ).all()
        return [DueDelivery(r.id, r.channel, r.attempts, Alert.model_validate(r.payload), utc(r.created_at))
                for r in rows]

    def claim(self, ids: Iterable[int], now: datetime, lease: timedelta = LEASE,
              holder: str | None = None) -> set[int]:
        """Take the deliveries that are still due, for `holder` (the process, as people read it);
        the ones another process took are left out."""
        claimed = set()
        with self._transaction() as c:
            for delivery_id in ids:
                result = c.execute(update(deliveries).where(
                    deliveries.c.id == delivery_id, deliveries.c.state.in_(OPEN_STATES),
                    deliveries.c.next_attempt_at <= now,
                ).values(next_attempt_at=now + lease, waiting_on="lease",
                         claimed_by=holder[:200] if holder else None))
                if result.rowcount == 1:
                    claimed.add(delivery_id)
        return claimed

    def renew(self, ids: Iterable[int], until: datetime, holder: str | None = None) -> None:
        """Keep a claim while its send goes on: no other process takes it before `until`. Only a
        claim still held (by `holder`, when given): an outcome recorded meanwhile stands."""
        query = update(deliveries).where(deliveries.c.id.in_(list(ids)), deliveries.c.state.in_(OPEN_STATES),
                                         deliveries.c.waiting_on == "lease")
        if holder:
            query = query.where(deliveries.c.claimed_by == holder[:200])
        with self._transaction() as c:
            c.execute(query.values(next_attempt_at=until))

    def hold(self, ids: Iterable[int], until: datetime, reason: str) -> None:
        """Not now: try again at `until` (quiet hours, a digest window, a rate limit)."""
        with self._transaction() as c:
            c.execute(update(deliveries).where(deliveries.c.id.in_(list(ids)),
                                               deliveries.c.state.in_(OPEN_STATES))
                      .values(next_attempt_at=until, waiting_on="hold", claimed_by=None,
                              note=f"held until {until:%Y-%m-%d %H:%M} UTC: {reason}"))

    def skip(self, delivery_id: int, reason: str) -> None:
        with self._transaction() as c:
            c.execute(update(deliveries).where(deliveries.c.id == delivery_id,
                                               deliveries.c.state.in_(OPEN_STATES))
                      .values(state="skipped", note=reason[:2000], next_attempt_at=None, waiting_on=None,
                              claimed_by=None))

    def mark_sent(self, ids: Iterable[int], message_key: str, now: datetime) -> None:
        with self._transaction() as c:
            c.execute(update(deliveries).where(deliveries.c.id.in_(list(ids))).values(
                state="sent", sent_at=now, attempts=deliveries.c.attempts + 1, last_error=None,
                message_key=message_key[:300], note=None, next_attempt_at=None, waiting_on=None,
                claimed_by=None))

    def mark_failed(self, ids: Iterable[int], reason: str, now: datetime, max_attempts: int,
                    permanent: bool = False, retry_after: float | None = None) -> dict[int, str]:
        """Count a failed attempt; back off (at least as long as the receiver's Retry-After, up to a
        day), or dead-letter with the reason. Returns id -> state."""
        asked = timedelta(seconds=min(retry_after, MAX_RETRY_AFTER.total_seconds())) if retry_after else None
        states = {}
        with self._transaction() as c:
            for delivery_id in ids:
                attempts = c.execute(select(deliveries.c.attempts).where(
                    deliveries.c.id == delivery_id)).scalar_one() + 1
                state = "dead" if permanent or attempts >= max_attempts else "failed"
                wait, waiting_on = _wait_after_failure(attempts, asked)
                c.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(
                    state=state, attempts=attempts, last_error=reason[:2000], note=None, claimed_by=None,
                    next_attempt_at=None if state == "dead" else now + wait,
                    waiting_on=None if state == "dead" else waiting_on))
                states[delivery_id] = state
        return states

    def requeue_dead(self, now: datetime, channel: str | None = None) -> int:
        """Give dead-lettered deliveries (of one channel, or all) a fresh set of attempts, due now:
        for after the cause is fixed (a webhook URL corrected, a mailbox unblocked). Their last
        error stays until they are sent. Returns how many were requeued."""
        query = (update(deliveries).where(deliveries.c.state == "dead")
                 .values(state="pending", attempts=0, next_attempt_at=now, note="requeued from dead letters",
                         waiting_on=None, claimed_by=None))
        if channel is not None:
            query = query.where(deliveries.c.channel == channel)
        with self._transaction() as c:
            return c.execute(query).rowcount

    def sent_times(self, channel: str, since: datetime) -> list[datetime]:
        """When the channel's messages went out since `since`: one time per message, not per alert."""
        with self._transaction() as c:
            rows = c.execute(
                select(func.min(deliveries.c.sent_at))
                .where(deliveries.c.channel == channel, deliveries.c.state == "sent",
                       deliveries.c.sent_at > since)
                .group_by(func.coalesce(deliveries.c.message_key, cast(deliveries.c.id, String)))
            ).scalars().all()
        return [utc(t) for t in rows]
