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
from datetime import datetime

import httpx

from storywatch.config import WebhookChannelConfig
from storywatch.errors import DeliveryError, PermanentDeliveryError
from storywatch.http_headers import retry_after_seconds
from storywatch.records import Alert

from .message import Message
from .render import Markup, render_lines
from .view import ClaimView, ItemView, alert_view

# 2: each alert is the structure people read (summary, sources named, items grouped as new /
# updated / contradicted, each claim with its article, the earlier claim beside an update);
# 1 carried the flat records. The schema: alerts/schema/webhook.v2.json (README, "Alert channels").
SCHEMA_VERSION = 2
USER_AGENT = "storywatch-webhook/2"
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
    """The documented JSON schema (README, "Alert channels"; alerts/schema/webhook.v2.json)."""
    return {
        "type": "storywatch.digest" if message.is_digest else "storywatch.alert",
        "schema_version": SCHEMA_VERSION,
        "version": SCHEMA_VERSION,  # the name version 1 used, kept so its readers see the change
        "id": message.key,
        "subject": message.subject,
        "text": message.text,
        "window": None if message.window is None else {
            "start": message.window[0].isoformat(), "end": message.window[1].isoformat()},
        "alerts": [alert_json(a) for a in message.alerts],
    }


def alert_json(alert: Alert) -> dict:
    """One alert as the webhook carries it: what a person reads, as data (text unescaped)."""
    view = alert_view(alert)
    groups: dict[str, list[dict]] = {"new": [], "update": [], "contradict": []}
    for section in view.sections:
        groups[section.label] = [_item_json(i) for i in section.items]
    return {
        "story_id": alert.story_id, "kind": alert.kind, "key": alert.key, "figures": list(alert.figures),
        "headline": alert.headline, "summary": view.summary,
        "sources": list(view.sources), "source_count": alert.source_count,
        "new": groups["new"], "updated": groups["update"], "contradicted": groups["contradict"],
    }


def _item_json(item: ItemView) -> dict:
    record = item.item
    now = _claim_json(item.now, record.text, record.status, record.polarity, record.source,
                      record.published, None, record.url)
    now.update({"figure": item.figure, "quote": record.quote})
    earlier = record.earlier
    before = None
    if earlier is not None and item.before is not None:
        before = _claim_json(item.before, earlier.text, earlier.status, earlier.polarity, earlier.source,
                             earlier.published, earlier.first_seen, earlier.url)
    elif item.before is not None:  # an alert stored before version 2 kept only the earlier text
        before = {"evidence": record.before, "says": None, "status": None, "polarity": None,
                  "source": None, "article": None}
    return {**now, "label": item.label, "changed": list(item.changes), "before": before}


def _claim_json(view: ClaimView, text: str, status: str, polarity: str, source: str | None,
                published: datetime | None, first_seen: datetime | None, url: str | None) -> dict:
    return {
        "evidence": text, "says": view.says, "status": status, "polarity": polarity, "source": source,
        "article": {"outlet": view.article.outlet, "title": view.article.title,
                    "published": published.isoformat() if published else None,
                    "first_seen": first_seen.isoformat() if first_seen else None,
                    "when": view.article.when, "url": url},
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


def _link_target(url: str) -> str:
    """A URL that cannot end a chat link early: the characters that close one, percent-encoded."""
    return url.replace(" ", "%20").replace("|", "%7C").replace(")", "%29").replace(">", "%3E") \
        .replace("<", "%3C")


def _bracketed(label: str) -> str:
    """A Markdown link label: brackets inside it escaped."""
    return label.replace("[", "\\[").replace("]", "\\]")


SLACK = Markup(escape=slack_escape, strong=lambda s: f"*{s}*",
               link=lambda url, label: f"<{slack_escape(_link_target(url))}|{label}>")
# <url> inside a Discord link keeps Discord from unfurling a preview of every article
DISCORD = Markup(escape=discord_escape, strong=lambda s: f"**{s}**",
                 link=lambda url, label: f"[{_bracketed(label)}](<{_link_target(url)}>)")
TEAMS = Markup(escape=teams_escape, strong=lambda s: f"**{s}**",
               link=lambda url, label: f"[{label}]({_link_target(url)})")


def chat_lines(message: Message, markup: Markup) -> list[str]:
    """The message in a chat medium: each alert in the structure of the plain text."""
    lines: list[str] = []
    if message.window is not None:
        start, end = message.window
        digest = f"Digest {start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M} UTC"
        lines += [markup.strong(markup.escape(digest)), ""]
    for index, alert in enumerate(message.alerts):
        lines += ([""] if index else []) + render_lines(alert, markup)
    return lines


def _fit(lines: list[str], limit: int, newline: str = "\n") -> str:
    """The lines joined, within `limit` characters: whole lines, then a note of what was left out
    (the email and the JSON carry everything)."""
    text = newline.join(lines)
    if len(text) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for line in lines:
        note = f"… {len(lines) - len(kept)} more lines in the email and the JSON webhook"
        if size + len(line) + len(newline) + len(note) > limit:
            return newline.join(kept + [note])
        kept.append(line)
        size += len(line) + len(newline)
    return _cut(text, limit)


def chat_body(message: Message, format: str) -> dict:
    if format == "slack":
        head = f"*{slack_escape(message.subject)}*"
        return {"text": _fit([head, ""] + chat_lines(message, SLACK), 39000)}
    if format == "discord":
        head = f"**{discord_escape(message.subject)}**"
        return {"content": _fit([head, ""] + chat_lines(message, DISCORD), 2000),
                "allowed_mentions": {"parse": []}}
    return {  # teams: an Office 365 connector card, which Teams incoming webhooks accept
        "@type": "MessageCard", "@context": "https://schema.org/extensions",
        "summary": message.subject[:200], "title": message.subject,  # plain text, not rendered
        "text": _fit(chat_lines(message, TEAMS), 25000, newline="  \n"),
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
