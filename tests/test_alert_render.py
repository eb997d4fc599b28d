"""Alerts as people read them, rendered from a real pass over the seeds (000, then 003, one pass
each): a summary line, items grouped New / Updated / Contradicted, evidence quoted once, who says it
in words, each claim's article, the earlier claim beside an update, and the sources named; the same
structure in the text, the HTML email (looked at in a real browser), Slack, Discord, Teams and the
versioned webhook JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from storywatch.alerts.email import EmailChannel
from storywatch.alerts.message import alert_message, digest_message
from storywatch.alerts.render import render_html, render_text
from storywatch.alerts.view import describe_changes, quote_once, who_says
from storywatch.alerts.webhook import SCHEMA_VERSION, chat_body, json_body
from storywatch.config import EmailChannelConfig, Settings, WatchedFigure
from storywatch.records import Alert
from storywatch.storage import Store

from .alert_servers import SmtpServer, wait_for
from .conftest import FIRST, GOLD, SECOND, SEEDS
from .test_store import NOW, run_pass

# The seeds with front matter, as a feed or a publisher's page gives it (the seeds as given name
# neither outlet nor link nor date).
FRONT = {
    FIRST: ("The Example Times", "https://example.org/world/where-is-lavrov", "2025-11-05T09:00:00Z", None),
    SECOND: ("The Other Post", "https://example.net/lavrov-g20?src=feed&x=1", "2025-11-06T10:30:00Z",
             "Lavrov has reportedly fallen out of favour with Putin"),
}


def replay(tmp: Path, front_matter: bool) -> tuple[Alert, Alert]:
    """The seeds' two alerts: 000 in one pass, then 003 in the next, into an empty store."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    settings = Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]])
    store = Store.open(f"sqlite:///{tmp}/alerts.db")
    try:
        for index, name in enumerate((FIRST, SECOND)):
            folder = tmp / f"pass{index}"
            folder.mkdir()
            text = (SEEDS / name).read_text(encoding="utf-8")
            if front_matter:
                outlet, url, published, title = FRONT[name]
                head = f"source: {outlet}\nurl: {url}\npublished: {published}\n"
                head += f"title: {title}\n" if title else ""
                text = f"---\n{head}---\n{text}"
            (folder / name).write_text(text, encoding="utf-8")
            run_pass(store, settings, folder, f"p{index}", now=NOW + timedelta(days=index))
        first, second = sorted((s.alert for s in store.alerts()), key=lambda a: a.key)
    finally:
        store.engine.dispose()
    return first, second


@pytest.fixture(scope="module")
def seeds_alerts(tmp_path_factory) -> tuple[Alert, Alert]:
    return replay(tmp_path_factory.mktemp("seeds"), front_matter=False)


@pytest.fixture(scope="module")
def published_alerts(tmp_path_factory) -> tuple[Alert, Alert]:
    return replay(tmp_path_factory.mktemp("published"), front_matter=True)


def g20_update(alert: Alert):
    [item] = [i for i in alert.items if "will not lead the Russian delegation" in i.text]
    return item


def test_the_developed_alert_leads_with_a_summary_then_groups_its_items(published_alerts):
    _, developed = published_alerts
    lines = render_text(developed).splitlines()
    assert lines[0].startswith("STORY DEVELOPED: Sergei Lavrov: ")
    assert lines[1] == ("Sergei Lavrov: 3 updates and 2 new claims from The Other Post; "
                        "one is now on the record, per Dmitry Peskov.")
    assert lines[2] == "Sources carrying the story (2): The Example Times, The Other Post"
    headings = [line for line in lines if line in ("NEW (2)", "UPDATED (3)", "CONTRADICTED (1)")]
    assert headings == ["NEW (2)", "UPDATED (3)"]
    new = lines[lines.index("NEW (2)"):lines.index("UPDATED (3)")]
    assert any("he was the only permanent member of the council" in line for line in new)


def test_an_update_shows_before_and_now_with_their_outlets_dates_and_links(published_alerts):
    _, developed = published_alerts
    text = render_text(developed)
    block = text[text.index("• What changed: now on the record"):]
    block = block[:block.find("\n\n") if "\n\n" in block else None].splitlines()
    assert block[0] == ("• What changed: now on the record, per Dmitry Peskov "
                        "(was the outlet's own reporting)")
    assert block[1].startswith("  Before: “he's now been left off Russia's delegation")
    assert block[2:5] == [
        "          the outlet's own reporting",
        "          The Example Times · “Where is Sergei Lavrov? ‘Everything is fine’ says the Kremlin”"
        " · 5 Nov 2025, 09:00 UTC",
        "          https://example.org/world/where-is-lavrov"]
    assert block[5].startswith("  Now:    “The spokesperson for the Kremlin, Dmitry Peskov")
    assert block[6:9] == [
        "          on the record, per Dmitry Peskov",
        "          The Other Post · “Lavrov has reportedly fallen out of favour with Putin”"
        " · 6 Nov 2025, 10:30 UTC",
        "          https://example.net/lavrov-g20?src=feed&x=1"]


def test_what_changed_is_said_in_words_not_as_matching_terms(published_alerts, seeds_alerts):
    for _, developed in (published_alerts, seeds_alerts):
        text = render_text(developed)
        assert "more specific: names “Wednesday”" in text
        assert "changed detail" not in text and "detail: wednesday" not in text
        assert "->" not in text and "status:" not in text


def test_who_says_it_is_in_words_a_reader_understands(seeds_alerts):
    first, developed = seeds_alerts
    text = render_text(first) + render_text(developed)
    for words in ("on the record, per Dmitry Peskov", "reported, per media reports",
                  "the outlet's own reporting", "reported, per a former official",
                  "reported, per multiple sources", "speculation by the outlet"):
        assert words in text
    assert "confirmed" not in text and "asserted" not in text


@pytest.mark.parametrize("which", [0, 1])
def test_evidence_is_quoted_once_and_shown_once(seeds_alerts, which):
    alert = seeds_alerts[which]
    text, html = render_text(alert), render_html(alert, document=True)
    for doubled in ("““", "””", '""', "“\"", "\"”"):
        assert doubled not in text and doubled not in html
    if which == 0:
        assert "\n• “We are counting on common sense" in text  # a quotation keeps its own marks, once
    for item in alert.items:
        assert text.count(item.text) == 1, item.text
    assert "<q>" not in html  # a browser adds its own marks around <q>


def test_the_seeds_as_given_name_their_files_as_the_sources(seeds_alerts):
    first, developed = seeds_alerts
    assert render_text(first).splitlines()[1] == ("Sergei Lavrov: new story, 15 claims from an article "
                                                  "naming no outlet, 3 of them on the record.")
    assert (f"Sources carrying the story (2): {FIRST} (seed file, outlet not named), "
            f"{SECOND} (seed file, outlet not named)") in render_text(developed)
    # an earlier claim of an article without a date shows when storywatch first saw it
    assert "first seen 5 Nov 2025, 12:00 UTC" in render_text(developed)


def test_the_html_email_has_the_same_structure_with_before_and_now_side_by_side(published_alerts):
    _, developed = published_alerts
    page = BeautifulSoup(render_html(developed, document=True), "html.parser")
    assert [h.get_text() for h in page.find_all("h3")] == ["New (2)", "Updated (3)"]
    assert page.select_one("p.summary").get_text().startswith("Sergei Lavrov: 3 updates and 2 new claims")
    assert page.select_one("p.sources").get_text().endswith("The Example Times, The Other Post")
    tables = page.find_all("table")
    assert len(tables) == 3
    headers = [th.get_text() for th in tables[-1].find_all("th")]
    before, now = tables[-1].find_all("td")
    assert headers == ["Before", "Now"]
    assert "The Example Times" in before.get_text() and "5 Nov 2025, 09:00 UTC" in before.get_text()
    assert "The Other Post" in now.get_text() and "6 Nov 2025, 10:30 UTC" in now.get_text()
    links = {a["href"] for a in page.find_all("a")}
    assert links == {"https://example.org/world/where-is-lavrov", "https://example.net/lavrov-g20?src=feed&x=1"}


def test_chat_messages_carry_the_same_structure_in_their_markup(published_alerts):
    _, developed = published_alerts
    message = alert_message(developed)
    slack = chat_body(message, "slack")["text"]
    assert "\n*New (2)*\n" in slack and "\n*Updated (3)*\n" in slack
    assert "one is now on the record, per Dmitry Peskov." in slack
    assert ("The Other Post · <https://example.net/lavrov-g20?src=feed&amp;x=1|“Lavrov has reportedly "
            "fallen out of favour with Putin”> · 6 Nov 2025, 10:30 UTC") in slack
    discord = chat_body(message, "discord")["content"]
    assert "\n**Updated (3)**\n" in discord
    assert ("[“Lavrov has reportedly fallen out of favour with Putin”](<https://example.net/lavrov-g20?"
            in discord)
    teams = chat_body(message, "teams")["text"]
    assert "  \n**Updated (3)**  \n" in teams
    assert "(https://example.net/lavrov-g20?src=feed&x=1)" in teams
    for body in (slack, discord, teams):
        assert "Before:" in body and "Now:" in body and "The Example Times" in body


def test_a_long_alert_is_cut_at_a_whole_line_for_discord(published_alerts):
    first, _ = published_alerts
    content = chat_body(alert_message(first), "discord")["content"]
    assert len(content) <= 2000
    assert re.search(r"\n… \d+ more lines in the email and the JSON webhook$", content)


def schema() -> dict:
    path = resources.files("storywatch.alerts").joinpath("schema/webhook.v2.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_webhook_json_is_versioned_and_valid_against_its_schema(published_alerts):
    first, developed = published_alerts
    validator = jsonschema.Draft202012Validator(schema())
    body = json.loads(json.dumps(json_body(alert_message(developed))))
    validator.validate(body)
    assert body["schema_version"] == SCHEMA_VERSION == 2
    [alert] = body["alerts"]
    assert alert["summary"].startswith("Sergei Lavrov: 3 updates and 2 new claims")
    assert alert["sources"] == ["The Example Times", "The Other Post"]
    assert [len(alert[k]) for k in ("new", "updated", "contradicted")] == [2, 3, 0]
    [g20] = [i for i in alert["updated"] if "will not lead" in i["evidence"]]
    assert g20["says"] == "on the record, per Dmitry Peskov" and g20["status"] == "confirmed"
    assert g20["article"]["outlet"] == "The Other Post"
    assert g20["article"]["published"] == "2025-11-06T10:30:00+00:00"
    assert g20["before"]["article"]["outlet"] == "The Example Times"
    assert g20["before"]["evidence"].startswith("he's now been left off Russia's delegation")
    assert g20["changed"] == ["now on the record, per Dmitry Peskov (was the outlet's own reporting)"]
    window = (datetime(2025, 11, 6, tzinfo=UTC), datetime(2025, 11, 7, tzinfo=UTC))
    validator.validate(json.loads(json.dumps(json_body(digest_message("daily", [first, developed], window)))))


def test_an_alert_stored_before_the_new_fields_still_renders():
    old = Alert.model_validate({
        "key": "s:p", "story_id": "s", "kind": "story_developed", "figures": ["Sergei Lavrov"],
        "headline": "Sergei Lavrov: where is he?", "source_count": 2, "items": [{
            "label": "update", "figure": "Sergei Lavrov", "text": "Peskov said he will not go.",
            "status": "confirmed", "polarity": "negated", "source": "Dmitry Peskov", "quote": None,
            "outlet": "Example", "url": None, "title": None,
            "changed": ["status: reported -> on the record"], "before": "He will not go, reports say."}]})
    text = render_text(old)
    assert "Sources carrying the story: 2" in text
    assert "  Before: “He will not go, reports say.”" in text
    assert "What changed: now on the record, per Dmitry Peskov (was reported)" in text
    jsonschema.validate(json.loads(json.dumps(json_body(alert_message(old)))), schema())


def test_change_and_attribution_words():
    assert quote_once("“We are counting,”") == "“We are counting,”"
    assert quote_once("He said it would ‘end it’.") == "“He said it would ‘end it’.”"
    assert who_says("denied", "The Kremlin") == "denied on the record, per The Kremlin"
    assert who_says("reported", None) == "reported, source not named"
    assert who_says("asserted", "A former official") == "the outlet's own reporting, citing a former official"
    flipped = Alert.model_validate({
        "key": "s:p", "story_id": "s", "kind": "story_developed", "figures": ["X"], "headline": "X: y",
        "source_count": 1, "items": [{
            "label": "contradict", "figure": "X", "text": "X will not lead the delegation.",
            "status": "asserted", "polarity": "negated", "source": None, "quote": None, "outlet": None,
            "url": None, "title": None, "changed": ["polarity: affirmed -> negated"],
            "before": "X will lead it."}]})
    assert describe_changes(flipped.items[0]) == (
        "says the opposite: that it is not so, where the earlier claim said it is",)
    assert render_text(flipped).splitlines()[1] == (
        "X: 1 contradiction from an article naming no outlet; it says the opposite: that it is not so, "
        "where the earlier claim said it is.")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--disable-background-networking", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=120, check=True)


IN_CI = os.environ.get("CI", "").lower() in ("true", "1")


@pytest.mark.skipif(CHROMIUM is None and not IN_CI, reason="needs Debian's chromium to render the "
                    "email (apt-get install -y chromium; .ci/run installs it); README, Development")
def test_the_email_as_received_renders_in_a_real_browser(published_alerts, tmp_path):
    _, developed = published_alerts
    smtp = SmtpServer().start()
    try:
        config = EmailChannelConfig.model_validate({
            "name": "mail", "type": "email", "host": "127.0.0.1", "port": smtp.port, "security": "none",
            "from": "storywatch@example.org", "to": ["desk@example.org"]})
        EmailChannel(config).send(alert_message(developed))
        [mail] = wait_for(lambda: smtp.inbox.messages, what="the email")
    finally:
        smtp.stop()
    page = tmp_path / "email.html"
    page.write_text(mail.get_body(("html",)).get_content(), encoding="utf-8")
    screenshot = tmp_path / "email.png"
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    chromium(profile, "--window-size=800,1400", f"--screenshot={screenshot}", page.as_uri())
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 10_000
    dom = BeautifulSoup(chromium(profile, "--dump-dom", page.as_uri()).stdout, "html.parser")
    shown = " ".join(dom.get_text(" ").split())
    assert "Story developed: Sergei Lavrov" in shown
    assert "Sergei Lavrov: 3 updates and 2 new claims from The Other Post" in shown
    assert "Sources carrying the story (2): The Example Times, The Other Post" in shown
    assert "New (2)" in shown and "Updated (3)" in shown and "Contradicted" not in shown
    assert "Before Now" in shown  # the two columns of each update
    assert "on the record, per Dmitry Peskov" in shown and "6 Nov 2025, 10:30 UTC" in shown
    assert "““" not in shown and "””" not in shown


def test_the_readme_shows_the_alert_the_seeds_send(seeds_alerts):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\nSTORY DEVELOPED:", 1)[1].split("\n```", 1)[0]
    first_seen = re.compile(r"first seen \d+ \w+ \d{4}, \d\d:\d\d UTC")
    rendered = render_text(seeds_alerts[1]).rstrip("\n").removeprefix("STORY DEVELOPED:")
    assert first_seen.sub("first seen …", shown) == first_seen.sub("first seen …", rendered)
