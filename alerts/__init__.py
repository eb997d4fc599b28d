"""Alert rendering (text and HTML), the delivery policy of a channel, and the channels: each sends
one Message (an alert or a digest) or raises DeliveryError."""

from .apprise_channel import AppriseChannel
from .atom import ATOM_TYPE, atom_feed, figure_slug
from .channels import Channel, ConsoleChannel, OutboxChannel
from .email import EmailChannel
from .message import Message, alert_message, digest_message
from .policy import Due, plan_channel
from .render import render_html, render_text, subject_line
from .webhook import WebhookChannel

__all__ = ["ATOM_TYPE", "AppriseChannel", "Channel", "ConsoleChannel", "Due", "EmailChannel", "Message",
           "OutboxChannel", "WebhookChannel", "alert_message", "atom_feed", "digest_message", "figure_slug",
           "plan_channel", "render_html", "render_text", "subject_line"]
