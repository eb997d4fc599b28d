"""Real SMTP (aiosmtpd) and helpers for tests of alert channels; everything on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
import time
from email import message_from_bytes
from email import policy as email_policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content, policy=email_policy.default))
        return "250 OK"


class SmtpServer:
    """A real SMTP server on a fixed loopback port that can be stopped and started again; with a
    TLS context, either implicit TLS (`ssl`, SMTPS) or plain SMTP that requires STARTTLS."""

    def __init__(self, security: str = "none", tls: ssl.SSLContext | None = None):
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None
        self.security, self.tls = security, tls

    def start(self) -> SmtpServer:
        if self.security == "ssl":
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port,
                                         ssl_context=self.tls)
        elif self.security == "starttls":
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port,
                                         tls_context=self.tls, require_starttls=True)
        else:
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):
    """Poll until predicate() is truthy, with a deadline (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
