"""Email over SMTP (smtplib): one multipart message with a plain-text and an HTML part."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from storywatch.config import EmailChannelConfig
from storywatch.errors import DeliveryError, PermanentDeliveryError

from .message import Message


class EmailChannel:
    def __init__(self, config: EmailChannelConfig, password: str | None = None,
                 password_problem: str | None = None):
        self.name = config.name
        self.config = config
        self.password = password
        self.password_problem = password_problem  # e.g. "env SMTP_PASSWORD is not set"

    def build(self, message: Message) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = message.subject
        mail["From"] = self.config.sender
        mail["To"] = ", ".join(self.config.to)
        domain = self.config.sender.rpartition("@")[2] or "storywatch.local"
        # A stable Message-ID from the idempotency key lets a mail client drop a repeat.
        mail["Message-ID"] = f"<{_safe(message.key)}@{_safe(domain)}>"
        mail["X-Storywatch-Key"] = message.key
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        return mail

    def send(self, message: Message) -> None:
        config = self.config
        where = f"smtp {config.host}:{config.port}"
        if config.username and self.password is None:
            raise DeliveryError(f"{where}: no password: {self.password_problem or 'not configured'}")
        mail = self.build(message)
        try:
            client: smtplib.SMTP  # SMTP_SSL is an SMTP
            if config.security == "ssl":
                client = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout_seconds,
                                          context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(config.host, config.port, timeout=config.timeout_seconds)
            with client:
                if config.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if config.username:
                    client.login(config.username, self.password or "")
                client.send_message(mail)
        except smtplib.SMTPAuthenticationError as exc:
            raise DeliveryError(f"{where}: login refused: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = {code for code, _ in exc.recipients.values()}
            error = DeliveryError if any(c < 500 for c in codes) else PermanentDeliveryError
            raise error(f"{where}: recipients refused: {_recipients(exc.recipients)}") from exc
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError, smtplib.SMTPHeloError) as exc:
            error = PermanentDeliveryError if exc.smtp_code >= 500 else DeliveryError
            raise error(f"{where}: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
        except smtplib.SMTPNotSupportedError as exc:  # e.g. no STARTTLS: fix the config, then it retries
            raise DeliveryError(f"{where}: {_text(exc)} (security: {config.security})") from exc
        except (smtplib.SMTPException, OSError) as exc:  # TimeoutError is an OSError
            reason = getattr(exc, "strerror", None) or _text(exc) or type(exc).__name__
            raise DeliveryError(f"{where}: {reason}") from exc


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return " ".join(str(value).split())[:300]


def _recipients(recipients: dict) -> str:
    return "; ".join(f"{to}: {code} {_text(msg)}" for to, (code, msg) in recipients.items())


def _safe(key: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-." else "." for ch in key)
