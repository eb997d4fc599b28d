"""When a request must end: the whole-request deadline, carried down to every socket operation, and
each host's time budget within a pass.

httpx's timeouts are per operation: a server that sends a byte a second never trips a 15 s read
timeout, for headers or body. So the Fetcher sets the deadline of the request it is making
(`request_deadline`, per thread), and every connection its backend opens is a DeadlineStream, whose
connect, reads, writes and TLS handshake wait no longer than the time left: a trickle ends at the
deadline, within one read. (Name resolution is not bounded: getaddrinfo cannot be interrupted.)
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore

Clock = Callable[[], float]


@dataclass(frozen=True)
class Deadline:
    """The moment, on `clock`, by which a request must have ended."""
    at: float
    clock: Clock

    def left(self) -> float:
        return self.at - self.clock()


_current: ContextVar[Deadline | None] = ContextVar("storywatch_request_deadline", default=None)


@contextmanager
def request_deadline(deadline: Deadline) -> Iterator[None]:
    """Inside the block, every socket operation of this thread ends by `deadline`."""
    token = _current.set(deadline)
    try:
        yield
    finally:
        _current.reset(token)


def bounded(timeout: float | None, expired: type[Exception]) -> float | None:
    """`timeout` cut to the time left before this thread's request deadline; raises `expired` when
    none is left (a zero timeout would make the socket non-blocking, not expire)."""
    deadline = _current.get()
    if deadline is None:
        return timeout
    left = deadline.left()
    if left <= 0:
        raise expired("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation waits no longer than the current request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # the socket timeout bounds the whole handshake (CPython's ssl module keeps a deadline)
        return DeadlineStream(self._stream.start_tls(ssl_context, server_hostname,
                                                     bounded(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class BudgetSpent(Exception):
    """The host has had its time for this pass."""


@dataclass
class _HostTime:
    spent: float = 0.0  # in earlier stretches with requests in flight
    in_flight: int = 0
    since: float = 0.0  # start of the current stretch, while in_flight > 0


class HostBudgets:
    """Each host's time in one pass: the wall time during which it had a request in flight. A
    request starts only while its host has time left, and must end when that time would run out,
    so no host holds a pass longer than its budget, however many pages it has."""

    def __init__(self, seconds: float, clock: Clock):
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._hosts: dict[str, _HostTime] = {}

    @contextmanager
    def hold(self, host: str) -> Iterator[float]:
        """Count the block as the host's time; yields when the host's budget runs out (if it stays
        busy from now on). Raises BudgetSpent when it has none left."""
        with self._lock:
            now = self.clock()
            use = self._hosts.setdefault(host, _HostTime())
            spent = use.spent + (now - use.since if use.in_flight else 0.0)
            if spent >= self.seconds:
                raise BudgetSpent(host)
            if not use.in_flight:
                use.since = now
            use.in_flight += 1
        try:
            yield now + self.seconds - spent
        finally:
            with self._lock:
                use.in_flight -= 1
                if not use.in_flight:
                    use.spent += self.clock() - use.since
