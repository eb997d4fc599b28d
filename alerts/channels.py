"""Delivery channels. Each sends one alert payload or raises DeliveryError with a reason."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Protocol, TextIO

from storywatch.errors import DeliveryError

from .render import render_html, render_text


class Channel(Protocol):
    name: str

    def send(self, alert: dict) -> None: ...


class ConsoleChannel:
    """Prints the alert's text to a stream (stdout, or stderr when stdout carries JSON)."""

    name = "console"

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream

    def send(self, alert: dict) -> None:
        stream = self.stream or sys.stdout
        stream.write(render_text(alert) + "\n")
        stream.flush()


class OutboxChannel:
    """Writes each alert to a folder as JSON, text and HTML; rewriting the same alert is harmless."""

    name = "outbox"

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, alert: dict) -> None:
        stem = alert["key"].replace(":", "-")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for suffix, content in (
                (".json", json.dumps(alert, indent=2, ensure_ascii=False)),
                (".txt", render_text(alert)),
                (".html", render_html(alert)),
            ):
                target = self.folder / f"{stem}{suffix}"
                partial = target.with_suffix(suffix + ".partial")
                partial.write_text(content, encoding="utf-8")
                os.replace(partial, target)  # atomic: a crash never leaves half an alert
        except OSError as exc:
            raise DeliveryError(f"outbox {self.folder}: {exc.strerror or exc}") from exc
