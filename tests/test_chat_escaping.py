"""Article text sent to a chat channel is escaped for its medium: a quoted `<!channel>` or
`@everyone` never pings, and a quoted link never dresses itself up. The bodies are read as a
real receiver on loopback gets them."""

from __future__ import annotations

import json

import pytest

from storywatch.alerts.message import alert_message
from storywatch.alerts.webhook import WebhookChannel
from storywatch.config import WebhookChannelConfig
from storywatch.records import Alert

HOSTILE = "He told them <!channel> @everyone <https://evil.example|click> & <@U123> *bold* _x_ @here"


def received(httpserver, format: str) -> dict:
    alert = Alert.model_validate({
        "key": "s:p", "story_id": "s", "kind": "story_developed", "figures": ["Sergei Lavrov"],
        "headline": "Sergei Lavrov: where is he?", "source_count": 2, "items": [{
            "label": "new", "figure": "Sergei Lavrov", "text": HOSTILE, "status": "reported",
            "polarity": "affirmed", "source": "Dmitry Peskov", "quote": None, "outlet": "Example",
            "url": None, "title": None, "changed": [], "before": None}]})
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    config = WebhookChannelConfig(name="chat", type="webhook", url=httpserver.url_for("/hook"),
                                  format=format)
    WebhookChannel(config).send(alert_message(alert))
    [(request, _)] = httpserver.log
    return json.loads(request.get_data())


def test_slack_text_shows_the_quote_with_its_control_characters_escaped(httpserver):
    text = received(httpserver, "slack")["text"]
    assert text.startswith("*Sergei Lavrov: 1 new claim: where is he?*\n")
    assert ("He told them &lt;!channel&gt; @everyone &lt;https://evil.example|click&gt; &amp; "
            "&lt;@U123&gt; *bold* _x_ @here") in text
    for raw in ("<!channel>", "<@U123>", "<https://evil.example|click>", " & "):
        assert raw not in text
    assert "<" not in text and ">" not in text


def test_discord_content_pings_no_one(httpserver):
    body = received(httpserver, "discord")
    assert body["allowed_mentions"] == {"parse": []}
    content = body["content"]
    assert content.startswith("**Sergei Lavrov: 1 new claim: where is he?**\n")
    assert "@everyone" not in content and "@here" not in content
    assert "@\u200beveryone" in content and "@\u200bhere" in content
    assert "He told them <!channel> @\u200beveryone <https://evil.example|click> & <@U123>" in content


def test_teams_text_escapes_markup_from_the_article(httpserver):
    card = received(httpserver, "teams")
    assert card["title"] == "Sergei Lavrov: 1 new claim: where is he?"
    text = card["text"]
    assert text.startswith("STORY DEVELOPED: Sergei Lavrov: where is he?  \n")  # line breaks kept
    assert (r"He told them &lt;!channel&gt; @everyone &lt;https://evil.example\|click&gt; &amp; "
            r"&lt;@U123&gt; \*bold\* \_x\_ @here") in text
    assert "<" not in text and ">" not in text and "*bold*" not in text and "_x_" not in text


@pytest.mark.parametrize("format", ["slack", "discord", "teams"])
def test_chat_bodies_keep_the_words(httpserver, format):
    body = json.dumps(received(httpserver, format), ensure_ascii=False)
    for word in ("He told them", "channel", "everyone", "evil.example", "click", "U123", "bold",
                 "Dmitry Peskov"):
        assert word in body


def test_the_json_webhook_carries_the_article_text_as_data(httpserver):
    body = received(httpserver, "json")
    assert HOSTILE in body["text"] and body["alerts"][0]["new"][0]["evidence"] == HOSTILE
