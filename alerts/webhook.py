"""Webhooks over HTTP (httpx), signed per the Standard Webhooks convention.

Every request carries the message's idempotency key as ``webhook-id`` and ``Idempotency-Key``: a
crash between sending and marking sent sends the same key again, and the receiver drops the repeat.
With a secret, ``webhook-signature`` is ``v1,<base64 HMAC-SHA256 of "id.timestamp.body">``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import time

import httpx

from storywatch.config import WebhookChannelConfig
from storywatch.errors import DeliveryError, PermanentDeliveryError
from storywatch.http_headers import retry_after_seconds

from .message import Message

SCHEMA_VERSION = 1
USER_AGENT = "storywatch-webhook/1"
RETRYABLE = {408, 425, 429}


def secret_key(secret: str) -> bytes:
    """A ``whsec_<base64>`` secret (the Standard Webhooks form) decodes to its bytes; any other
    string is used as UTF-8 bytes."""
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret.removeprefix("whsec_") + "==")
        except (binascii.Error, ValueError):
            pass
    return secret.encode()


def sign(key: bytes, message_id: str, timestamp: int, body: str) -> str:
    digest = hmac.new(key, f"{message_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def json_body(message: Message) -> dict:
    """The documented JSON schema (README, "Alert channels")."""
    return {
        "type": "storywatch.digest" if message.is_digest else "storywatch.alert",
        "version": SCHEMA_VERSION,
        "id": message.key,
        "subject": message.subject,
        "text": message.text,
        "window": None if message.window is None else {
            "start": message.window[0].isoformat(), "end": message.window[1].isoformat()},
        "alerts": [a.model_dump(mode="json") for a in message.alerts],
    }


# Chat bodies carry article text, which must not act on the channel: a quoted `<!channel>` or
# `@everyone` would ping everyone in it, and `<https://x|label>` or `[label](https://x)` would dress
# a link up as something else. Each medium gets its own escaping; the JSON body stays raw data.
_ZERO_WIDTH_SPACE = "\u200b"
_DISCORD_EVERYONE = re.compile(r"@(?=(?:everyone|here)\b)", re.IGNORECASE)
_TEAMS_MARKDOWN = re.compile(r"([\\`*_~\[\]#|])")
_PARTIAL_ESCAPE = re.compile(r"(?:&[#a-z0-9]*|\\)$")


def slack_escape(text: str) -> str:
    """Slack's "Escaping text": only `&`, `<` and `>` are control characters (mentions, links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def discord_escape(text: str) -> str:
    """`@everyone` and `@here` shown, not parsed (a zero-width space after the `@`); the body's
    `allowed_mentions` stops every other mention from pinging."""
    return _DISCORD_EVERYONE.sub("@" + _ZERO_WIDTH_SPACE, text)


def teams_escape(text: str) -> str:
    """A connector card's text is Markdown with some HTML: markup characters escaped with a
    backslash, `&`, `<` and `>` as entities (so no tag, and no `>` quote)."""
    return slack_escape(_TEAMS_MARKDOWN.sub(r"\\\1", text))


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, never ending inside an escape."""
    return text if len(text) <= limit else _PARTIAL_ESCAPE.sub("", text[:limit])


def chat_body(message: Message, format: str) -> dict:
    if format == "slack":
        return {"text": _cut(f"*{slack_escape(message.subject)}*\n\n{slack_escape(message.text)}", 39000)}
    if format == "discord":
        return {"content": discord_escape(f"**{message.subject}**\n\n{message.text}")[:2000],
                "allowed_mentions": {"parse": []}}
    return {  # teams: an Office 365 connector card, which Teams incoming webhooks accept
        "@type": "MessageCard", "@context": "https://schema.org/extensions",
        "summary": message.subject[:200], "title": message.subject,  # plain text, not rendered
        "text": _cut(teams_escape(message.text).replace("\n", "  \n"), 25000),
    }


class WebhookChannel:
    def __init__(self, config: WebhookChannelConfig, secret: str | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.name = config.name
        self.config = config
        self.secret = secret
        self.transport = transport

    def request(self, message: Message, timestamp: int | None = None) -> tuple[dict, str]:
        """The headers and body of the request for a message."""
        payload = json_body(message) if self.config.format == "json" else chat_body(message,
                                                                                     self.config.format)
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        timestamp = int(time.time()) if timestamp is None else timestamp  # transport time, not the pass clock
        headers = dict(self.config.headers)
        headers.update({
            "content-type": "application/json", "user-agent": USER_AGENT,
            "idempotency-key": message.key, "webhook-id": message.key,
            "webhook-timestamp": str(timestamp),
        })
        if self.secret:
            headers["webhook-signature"] = sign(secret_key(self.secret), message.key, timestamp, body)
        return headers, body

    def send(self, message: Message) -> None:
        headers, body = self.request(message)
        where = f"webhook {self.config.url}"
        try:
            with httpx.Client(timeout=self.config.timeout_seconds, transport=self.transport,
                              follow_redirects=False, trust_env=False) as client:
                response = client.post(self.config.url, content=body.encode(), headers=headers)
        except httpx.TimeoutException as exc:
            raise DeliveryError(f"{where}: timed out after {self.config.timeout_seconds:g}s") from exc
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{where}: {' '.join(str(exc).split())[:300] or type(exc).__name__}") from exc
        status = response.status_code
        if 200 <= status < 300:
            return
        detail = " ".join(response.text.split())[:200]
        reason = f"{where}: HTTP {status}" + (f": {detail}" if detail else "")
        if status >= 500 or status in RETRYABLE:  # 429 and 503 may say when to come back
            raise DeliveryError(reason, retry_after_seconds(response.headers.get("retry-after")))
        if 300 <= status < 400:
            reason += f" (redirect to {response.headers.get('location', '?')}; configure the final URL)"
        raise PermanentDeliveryError(reason)
