"""One outgoing message: a single alert, or a digest of several, rendered once for every channel.

The message key is the idempotency key a receiver can use to drop a repeat (a crash between
sending and marking sent sends it again): the alert key for an immediate alert, and
``digest:<channel>:<window end>`` for a digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storywatch.records import Alert

from .render import render_digest_html, render_digest_text, render_html, render_text, subject_line


@dataclass(frozen=True)
class Message:
    key: str
    subject: str
    text: str
    html: str  # a whole HTML document; article text escaped
    alerts: tuple[Alert, ...]
    window: tuple[datetime, datetime] | None = None  # a digest's window

    @property
    def is_digest(self) -> bool:
        return self.window is not None


def alert_message(alert: Alert) -> Message:
    return Message(key=alert.key, subject=subject_line(alert), text=render_text(alert),
                   html=render_html(alert, document=True), alerts=(alert,))


def digest_message(channel: str, alerts: list[Alert], window: tuple[datetime, datetime]) -> Message:
    start, end = window
    stories = len({a.story_id for a in alerts})
    figures = sorted({f for a in alerts for f in a.figures})
    who = ", ".join(figures) or "storywatch"
    noun = "story" if stories == 1 else "stories"
    subject = f"{who}: {stories} {noun} developed ({start:%d %b %H:%M}–{end:%H:%M} UTC)"
    return Message(key=f"digest:{channel}:{end.isoformat()}", subject=subject[:200],
                   text=render_digest_text(alerts, window), html=render_digest_html(alerts, window),
                   alerts=tuple(alerts), window=window)
