"""Delivery channels. Each sends one Message (an alert, or a digest of several), or raises
DeliveryError with a reason."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Protocol, TextIO

from storywatch.errors import DeliveryError
from storywatch.records import Alert

from .message import Message
from .render import render_html, render_text


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None: ...


class ConsoleChannel:
    """Prints the alert's text to a stream (stdout, or stderr when stdout carries JSON)."""

    name = "console"

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream

    def send(self, message: Message) -> None:
        stream = self.stream or sys.stdout
        stream.write(message.text + "\n")
        stream.flush()


class OutboxChannel:
    """Writes each alert of a message to a folder as JSON, text and HTML; rewriting the same alert
    is harmless."""

    name = "outbox"

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, message: Message) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for alert in message.alerts:
                self._write(alert)
        except OSError as exc:
            raise DeliveryError(f"outbox {self.folder}: {exc.strerror or exc}") from exc

    def _write(self, alert: Alert) -> None:
        stem = alert.key.replace(":", "-")
        for suffix, content in (
            (".json", json.dumps(alert.model_dump(mode="json"), indent=2, ensure_ascii=False)),
            (".txt", render_text(alert)),
            (".html", render_html(alert)),
        ):
            target = self.folder / f"{stem}{suffix}"
            partial = target.with_suffix(suffix + ".partial")
            partial.write_text(content, encoding="utf-8")
            os.replace(partial, target)  # atomic: a crash never leaves half an alert
