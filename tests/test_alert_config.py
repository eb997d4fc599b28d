"""Channel configuration: validated, secrets never in the file, resolved from the environment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import yaml
from click.testing import CliRunner

from storywatch.config import Settings, load_settings
from storywatch.errors import ConfigError
from storywatch.flows import delivery
from storywatch.flows.cli import main

from .conftest import FIRST
from .test_alert_channels import SmtpServer, deliver, email_channel, with_channels
from .test_store import run_pass

NOW = datetime(2025, 11, 5, 12, tzinfo=UTC)


@pytest.mark.parametrize("channel, message", [
    ({"name": "x", "type": "sms"}, "does not match any of the expected tags"),
    ({"name": "x", "type": "webhook", "url": "ftp://x"}, "url"),
    ({"name": "x", "type": "email", "host": "h", "from": "a@b", "to": ["c@d"], "password": "hunter2"},
     "password"),
    ({"name": "x", "type": "apprise"}, "exactly one of url and url_env"),
    ({"name": "x", "type": "webhook", "url": "https://x", "quiet_hours": {
        "start": "22:00", "end": "07:00", "timezone": "Mars/Olympus"}}, "unknown time zone"),
    ({"name": "console", "type": "webhook", "url": "https://x"}, "not be console or outbox"),
])
def test_bad_channel_config_is_refused(tmp_path, channel, message):
    config = tmp_path / "storywatch.yaml"
    config.write_text(yaml.safe_dump({"alerts": {"channels": [channel]}}))
    with pytest.raises(ConfigError, match=message):
        load_settings(config)


def test_default_config_has_console_and_outbox_only():
    settings = Settings()
    assert settings.alerts.channels == [] and delivery.channel_names(settings) == ["console", "outbox"]


def test_secrets_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SW_TEST_SECRET", "s3cret")
    assert delivery.resolve_secret("SW_TEST_SECRET", None) == ("s3cret", None)
    monkeypatch.delenv("SW_TEST_SECRET")
    assert delivery.resolve_secret("SW_TEST_SECRET", None) == (None, "env SW_TEST_SECRET is not set")


def test_starttls_against_a_server_without_it_retries_with_a_reason(store, settings, seed_dir, tmp_path):
    smtp = SmtpServer().start()
    try:
        settings = with_channels(settings, tmp_path, email_channel(smtp, security="starttls"))
        run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
        [attempt] = [a for a in deliver(store, settings) if a.channel == "mail"]
    finally:
        smtp.stop()
    assert attempt.state == "failed" and "STARTTLS" in attempt.error and "starttls" in attempt.error


def test_alerts_command_shows_why_a_delivery_waits(store, settings, seed_dir, tmp_path, monkeypatch):
    settings = with_channels(settings, tmp_path, {
        "name": "hook", "type": "webhook", "url": "http://127.0.0.1:9/hook",
        "quiet_hours": {"start": "00:00", "end": "23:59", "timezone": "UTC"}})
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    deliver(store, settings, NOW + timedelta(minutes=1))
    monkeypatch.delenv("STORYWATCH_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["alerts", "--db", str(store.engine.url)])
    assert result.exit_code == 0, result.output
    assert "hook=pending" in result.output and "outbox=sent" in result.output
    # the hold ended long before the real clock this command reads: due since, and why it was held
    assert "hook: pending: due since 2025-11-05 23:59:00 UTC: held until 2025-11-05 23:59 UTC: " \
           "quiet hours" in result.output
