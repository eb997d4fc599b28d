"""Email and webhook channels against real servers on loopback, driven by the outbox."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from markupsafe import escape
from standardwebhooks import Webhook
from werkzeug import Response

from storywatch.alerts.message import alert_message
from storywatch.alerts.render import render_html, subject_line
from storywatch.config import Alerts, Settings
from storywatch.flows import delivery
from storywatch.records import Alert

from .alert_servers import SmtpServer
from .conftest import FIRST, SECOND
from .test_store import run_pass

NOW = datetime(2025, 11, 5, 12, tzinfo=UTC)
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def with_channels(settings: Settings, tmp_path, *channels: dict) -> Settings:
    alerts = Alerts.model_validate({"console": False, "outbox_dir": str(tmp_path / "outbox"),
                                    "max_attempts": 4, "channels": list(channels)})
    return settings.model_copy(update={"alerts": alerts})


def email_channel(smtp, **policy) -> dict:
    return {"name": "mail", "type": "email", "host": "127.0.0.1", "port": smtp.port,
            "security": "none", "from": "storywatch@example.org", "to": ["desk@example.org"], **policy}


def webhook_channel(httpserver, **more) -> dict:
    return {"name": "hook", "type": "webhook", "url": httpserver.url_for("/hook"),
            "secret_env": "SW_TEST_WEBHOOK_SECRET", **more}


def deliver(store, settings, now=NOW):
    channels, policies = delivery.build_channels(settings)
    return delivery.deliver_due(store, channels, policies, now, settings.alerts.max_attempts)


def states(store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for deliveries in (s.deliveries for s in store.alerts()):
        for d in deliveries:
            out.setdefault(d.channel, []).append(d.state)
    return out


def test_seeds_pass_sends_a_multipart_email_and_a_signed_webhook(
        store, settings, seed_dir, tmp_path, smtp, httpserver, monkeypatch):
    monkeypatch.setenv("SW_TEST_WEBHOOK_SECRET", SECRET)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, email_channel(smtp), webhook_channel(httpserver))
    run_pass(store, settings, seed_dir(FIRST, SECOND), "p1",
             channels=delivery.channel_names(settings))

    attempts = deliver(store, settings)

    assert {(a.channel, a.state) for a in attempts} == {("outbox", "sent"), ("mail", "sent"),
                                                        ("hook", "sent")}
    [alert] = [s.alert for s in store.alerts()]
    [mail] = smtp.inbox.messages
    assert "Lavrov" in mail["Subject"]
    assert mail["Message-ID"] == f"<{alert.key.replace(':', '.')}@example.org>"  # stable per alert
    assert mail.is_multipart()
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert alert.items and all(item.text in text for item in alert.items)
    quoted = [item.text for item in alert.items if any(c in item.text for c in "\"'&<>")]
    assert quoted, "the seeds' evidence has quotation marks to escape"
    for evidence in quoted:
        assert str(escape(evidence)) in html and evidence not in html

    [(request, response)] = httpserver.log
    assert response.status_code == 200
    body = request.get_data(as_text=True)
    payload = Webhook(SECRET).verify(body, dict(request.headers))
    assert payload["type"] == "storywatch.alert" and payload["id"] == alert.key
    assert request.headers["Idempotency-Key"] == alert.key == request.headers["webhook-id"]
    assert [a["key"] for a in payload["alerts"]] == [alert.key]
    with pytest.raises(Exception):  # noqa: B017 - any verification error: a wrong secret never verifies
        Webhook("whsec_" + "A" * 32).verify(body, dict(request.headers))

    assert deliver(store, settings, NOW + timedelta(days=1)) == []  # sent once, never again
    assert len(smtp.inbox.messages) == 1 and len(httpserver.log) == 1


def test_smtp_down_keeps_the_alert_and_the_next_pass_sends_it_once(
        store, settings, seed_dir, tmp_path, smtp):
    settings = with_channels(settings, tmp_path, email_channel(smtp))
    smtp.stop()
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))

    [failed] = [a for a in deliver(store, settings) if a.channel == "mail"]
    assert failed.state == "failed" and "127.0.0.1" in failed.error
    assert states(store)["mail"] == ["failed"]
    [deliveries] = [s.deliveries for s in store.alerts()]
    assert [d.last_error for d in deliveries if d.channel == "mail"] == [failed.error]

    smtp.start()
    assert deliver(store, settings, NOW + timedelta(seconds=5)) == []  # still backing off
    later = deliver(store, settings, NOW + timedelta(minutes=5))
    assert [(a.channel, a.state) for a in later] == [("mail", "sent")]
    assert deliver(store, settings, NOW + timedelta(hours=5)) == []
    assert len(smtp.inbox.messages) == 1 and states(store)["mail"] == ["sent"]


def test_webhook_answering_500_then_200_is_delivered_once(store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_ordered_request("/hook").respond_with_data("busy", status=500)
    httpserver.expect_ordered_request("/hook").respond_with_data("ok", status=200)
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))

    [first] = [a for a in deliver(store, settings) if a.channel == "hook"]
    assert first.state == "failed" and "HTTP 500" in first.error
    [second] = deliver(store, settings, NOW + timedelta(minutes=1))
    assert second.state == "sent"
    assert deliver(store, settings, NOW + timedelta(days=1)) == []
    keys = [r.headers["webhook-id"] for r, _ in httpserver.log]
    assert len(keys) == 2 and len(set(keys)) == 1  # a retry carries the same idempotency key
    assert states(store)["hook"] == ["sent"]


@pytest.mark.parametrize("status, dead", [(410, True), (404, True), (429, False), (408, False)])
def test_webhook_refusal_is_dead_lettered_at_once_unless_retryable(
        store, settings, seed_dir, tmp_path, httpserver, status, dead):
    httpserver.expect_request("/hook").respond_with_data("gone away", status=status)
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))

    [attempt] = [a for a in deliver(store, settings) if a.channel == "hook"]
    assert attempt.state == ("dead" if dead else "failed")
    [deliveries] = [s.deliveries for s in store.alerts()]
    [hook] = [d for d in deliveries if d.channel == "hook"]
    assert f"HTTP {status}: gone away" in hook.last_error
    if dead:
        assert deliver(store, settings, NOW + timedelta(days=1)) == []
        assert len(httpserver.log) == 1


@pytest.mark.parametrize("retry_after, wait", [("7200", timedelta(hours=2)), (None, timedelta(seconds=30)),
                                               ("Wed, 05 Nov 2025 15:00:00 GMT", timedelta(hours=3))])
def test_a_webhooks_retry_after_is_honoured(store, settings, seed_dir, tmp_path, httpserver, retry_after,
                                            wait, monkeypatch):
    import storywatch.http_headers as http_module

    monkeypatch.setattr(http_module, "datetime", type("Clock", (), {"now": staticmethod(lambda tz: NOW)}))
    headers = {"Retry-After": retry_after} if retry_after else {}
    httpserver.expect_request("/hook").respond_with_response(Response("slow down", status=429,
                                                                      headers=headers))
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))

    [attempt] = [a for a in deliver(store, settings) if a.channel == "hook"]
    assert attempt.state == "failed"
    def hook_attempts(at):
        return [a.state for a in deliver(store, settings, at) if a.channel == "hook"]

    # the wait runs from the failed attempt, stamped when it happened (a moment after NOW)
    assert hook_attempts(NOW + wait - timedelta(seconds=1)) == []
    assert hook_attempts(NOW + wait + timedelta(seconds=5)) == ["failed"]
    assert len(httpserver.log) == 2


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_email_over_tls_is_sent_only_to_a_server_whose_certificate_verifies(
        store, settings, seed_dir, tmp_path, monkeypatch, security):
    import ssl

    import trustme

    authority = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_tls)
    server = SmtpServer(security, server_tls).start()
    try:
        channel = {**email_channel(server), "security": security}
        settings = with_channels(settings, tmp_path, channel)
        run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))

        [refused] = [a for a in deliver(store, settings) if a.channel == "mail"]  # unknown authority
        assert refused.state == "failed" and "CERTIFICATE_VERIFY_FAILED" in refused.error
        assert server.inbox.messages == []

        bundle = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(bundle))
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # the system trusts the authority now
        [sent] = [a for a in deliver(store, settings, NOW + timedelta(hours=1)) if a.channel == "mail"]
        assert sent.state == "sent"
        [mail] = server.inbox.messages
        assert "Lavrov" in mail["Subject"] and mail.is_multipart()
    finally:
        server.stop()


def test_smtp_permanent_refusal_is_dead_lettered(store, settings, seed_dir, tmp_path, smtp):
    async def refuse(server, session, envelope):
        return "554 5.7.1 message refused"

    smtp.inbox.handle_DATA = refuse
    settings = with_channels(settings, tmp_path, email_channel(smtp))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    [attempt] = [a for a in deliver(store, settings) if a.channel == "mail"]
    assert attempt.state == "dead" and "554" in attempt.error


def test_missing_smtp_password_waits_with_a_reason(store, settings, seed_dir, tmp_path, smtp, monkeypatch):
    monkeypatch.delenv("SW_TEST_SMTP_PASSWORD", raising=False)
    settings = with_channels(settings, tmp_path, email_channel(
        smtp, username="desk", password_env="SW_TEST_SMTP_PASSWORD"))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    [attempt] = [a for a in deliver(store, settings) if a.channel == "mail"]
    assert attempt.state == "failed" and "SW_TEST_SMTP_PASSWORD is not set" in attempt.error
    assert smtp.inbox.messages == []


@pytest.mark.parametrize("format, field", [("slack", "text"), ("discord", "content"), ("teams", "title")])
def test_chat_formats(store, settings, seed_dir, tmp_path, httpserver, format, field):
    httpserver.expect_request("/hook").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None, format=format))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    deliver(store, settings)
    [(request, _)] = httpserver.log
    assert "Lavrov" in json.loads(request.get_data())[field]


def test_apprise_url_delivers_to_a_json_endpoint(store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/apprise", method="POST").respond_with_data("ok")
    url = httpserver.url_for("/apprise").replace("http://", "json://")
    settings = with_channels(settings, tmp_path, {"name": "app", "type": "apprise", "url": url})
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    [attempt] = [a for a in deliver(store, settings) if a.channel == "app"]
    assert attempt.state == "sent"
    [(request, _)] = httpserver.log
    assert "Lavrov" in json.loads(request.get_data())["title"]


def test_apprise_unreachable_is_retried(store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/apprise").respond_with_response(Response("no", status=503))
    url = httpserver.url_for("/apprise").replace("http://", "json://")
    settings = with_channels(settings, tmp_path, {"name": "app", "type": "apprise", "url": url})
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=delivery.channel_names(settings))
    [attempt] = [a for a in deliver(store, settings) if a.channel == "app"]
    assert attempt.state == "failed" and "did not accept" in attempt.error


def test_html_escapes_article_text_and_refuses_script_links():
    alert = Alert.model_validate({
             "key": "s:p", "story_id": "s", "kind": "story_developed", "figures": ["Sergei Lavrov"],
             "headline": "Sergei Lavrov: <i>title</i>", "source_count": 2, "items": [{
                 "label": "update", "figure": "Sergei Lavrov", "text": "He said <script>x()</script> & left",
                 "status": "confirmed", "polarity": "affirmed", "source": "Dmitry Peskov", "quote": None,
                 "outlet": "The <b>Times</b>", "url": "javascript:alert(1)", "title": "t",
                 "changed": ["status: reported -> on the record"],
                 "before": "He was <u>reported</u> absent"}]})
    html = render_html(alert, document=True)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; left" in html
    assert "<b>Times" not in html and "javascript:" not in html
    assert "“He was &lt;u&gt;reported&lt;/u&gt; absent”</blockquote>" in html  # the earlier claim
    assert "What changed: now on the record, per Dmitry Peskov (was reported)" in html
    assert "-&gt;" not in html and "confirmed" not in html
    assert subject_line(alert) == "Sergei Lavrov: updated: now on the record, per Dmitry Peskov"
    message = alert_message(alert)
    assert message.key == "s:p" and "  Before: “He was <u>reported</u> absent”" in message.text
