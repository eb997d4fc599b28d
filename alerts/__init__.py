"""Alert rendering (text and HTML) and delivery channels."""

from .channels import Channel, ConsoleChannel, OutboxChannel
from .render import render_html, render_text, subject_line

__all__ = ["Channel", "ConsoleChannel", "OutboxChannel", "render_html", "render_text", "subject_line"]
