"""Any Apprise URL (Slack, Telegram, ntfy, Matrix, mailto, json://...). Apprise ships with Prefect."""

from __future__ import annotations

import apprise

from storywatch.errors import DeliveryError, PermanentDeliveryError

from .message import Message


class AppriseChannel:
    def __init__(self, name: str, url: str | None, url_problem: str | None = None):
        self.name = name
        self.url = url
        self.url_problem = url_problem

    def send(self, message: Message) -> None:
        if not self.url:
            raise DeliveryError(f"apprise {self.name}: no URL: {self.url_problem or 'not configured'}")
        notifier = apprise.Apprise()
        if not notifier.add(self.url):
            # The URL itself is never printed: it often holds a token.
            raise PermanentDeliveryError(f"apprise {self.name}: not a URL Apprise understands")
        body = message.text
        if not notifier.notify(title=message.subject, body=body, body_format=apprise.NotifyFormat.TEXT):
            raise DeliveryError(f"apprise {self.name}: the service did not accept the notification")
