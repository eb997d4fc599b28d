"""`storywatch feeds import` of a real reader's OPML export into the config file, and `storywatch
feeds` listing each feed's state, run as a user runs them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storywatch.config import FeedSource, load_settings
from storywatch.config_file import add_feeds
from storywatch.errors import ConfigError, Rejected
from storywatch.sources import ListedFeed, parse_opml
from storywatch.storage import FeedStore, Store

from .test_cli import storywatch

EXPORT = Path(__file__).with_name("opml") / "thunderbird-export.opml"
REUTERS = "http://www.reutersagency.com/feed/?best-topics=political-general&post_type=best"
IMPORTED = [
    FeedSource(url="https://meduza.io/rss/en/all", name="Meduza — English", tags=["Politics", "Russia"]),
    FeedSource(url="https://tass.com/rss/v2.xml", name="TASS & Russian Politics",
               tags=["Politics", "Russia"]),
    FeedSource(url=REUTERS, name="Reuters World", tags=["Politics", "Diplomacy", "World"]),
    FeedSource(url="https://feeds.bbci.co.uk/news/world/rss.xml", name="BBC News - World", tags=["World"]),
    FeedSource(url="https://www.theguardian.com/world/rss", name="The Guardian — World news"),
]


def test_a_thunderbird_export_gives_its_feeds_with_nested_folders_as_tags():
    feeds, skipped = parse_opml(EXPORT.read_bytes())
    assert feeds[0] == ListedFeed("https://meduza.io/rss/en/all", "Meduza — English", ("Politics", "Russia"))
    assert [f.url for f in feeds] == [f.url for f in IMPORTED]
    # listed in two folders: once, with both; its feed:// URL read as the http URL it wraps
    assert feeds[2] == ListedFeed(REUTERS, "Reuters World", ("Politics", "Diplomacy", "World"))
    assert [(s.url, s.reason) for s in skipped] == [("file:///var/spool/news.xml", "not an http(s) URL")]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b'<?xml version="1.0"?><!-- exported -->\n<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
     b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><opml version="1.0"><body>'
     b'<outline text="&b;" xmlUrl="https://x.example/rss"/></body></opml>', "declares XML entities"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>',
     "not an OPML subscription list"),
    (b"<html><body><a href='https://x.example/rss'>feed</a></body></html>", "not an OPML subscription list"),
])
def test_what_is_not_an_opml_list_is_refused_with_its_reason(content, reason):
    with pytest.raises(Rejected, match=reason):
        parse_opml(content)


def test_import_appends_to_the_config_keeping_its_comments_and_importing_again_adds_nothing(project):
    config = project / "config" / "storywatch.yaml"
    before = config.read_text(encoding="utf-8")
    result = storywatch("feeds", "import", str(EXPORT), cwd=project)
    assert "5 feeds added to config/storywatch.yaml, 0 already there, 1 skipped" in result.stderr
    assert "skipped file:///var/spool/news.xml: not an http(s) URL" in result.stderr
    after = config.read_text(encoding="utf-8")

    # Every line the user had is still there, in order (comments included); only feeds were added.
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    assert [line for line in new_lines if line in old_lines] == [
        line for line in old_lines if line != "feeds: []"]
    assert "#  - url: https://www.example.org/world/rss.xml" in new_lines
    assert "  - url: https://meduza.io/rss/en/all" in new_lines
    assert "    tags: [Politics, Russia]" in new_lines
    assert load_settings(config).feeds == IMPORTED

    again = storywatch("feeds", "import", str(EXPORT), "--json", cwd=project)
    assert json.loads(again.stdout)["added"] == []
    assert json.loads(again.stdout)["already_configured"] == [f.url for f in IMPORTED]
    assert config.read_text(encoding="utf-8") == after  # not a byte changed

    listed = json.loads(storywatch("feeds", "--json", cwd=project).stdout)
    assert [(f["url"], f["state"], f["tags"]) for f in listed] == [
        (f.url, "never polled", f.tags) for f in IMPORTED]


def test_import_keeps_a_feed_already_configured_as_the_user_wrote_it(tmp_path):
    config = tmp_path / "sw.yaml"
    config.write_text("# mine\nfeeds:\n- url: https://TASS.com/rss/v2.xml  # by hand\n  name: TASS\n"
                      "watchlist:\n- name: Sergei Lavrov\n  aliases: [Lavrov]\n", encoding="utf-8")
    result = add_feeds(config, IMPORTED)
    assert [f.url for f in result.already] == ["https://tass.com/rss/v2.xml"]
    assert len(result.added) == 4 and not result.reformatted and not result.created
    text = config.read_text(encoding="utf-8")
    # the user's own indentation (sequences flush with their key) is the one used for the new lines
    assert text.startswith("# mine\nfeeds:\n- url: https://TASS.com/rss/v2.xml  # by hand\n  name: TASS\n"
                           "- url: https://meduza.io/rss/en/all\n")
    assert text.endswith("watchlist:\n- name: Sergei Lavrov\n  aliases: [Lavrov]\n")
    assert [f.url for f in load_settings(config).feeds][0] == "https://TASS.com/rss/v2.xml"


def test_import_says_when_the_yaml_writer_could_not_keep_other_lines_as_they_were(tmp_path):
    config = tmp_path / "sw.yaml"
    config.write_text("aspects: ~   # the default taxonomy\nfeeds: []\n", encoding="utf-8")
    result = add_feeds(config, IMPORTED[:1])
    assert result.reformatted and len(result.added) == 1
    assert config.read_text(encoding="utf-8").startswith("aspects: null # the default taxonomy\nfeeds:\n")
    assert load_settings(config).aspects is None


def test_import_without_a_config_file_writes_one_with_the_feeds(tmp_path):
    result = storywatch("feeds", "import", str(EXPORT), cwd=tmp_path)
    config = tmp_path / "config" / "storywatch.yaml"
    assert "(created)" in result.stderr
    assert load_settings(config).feeds == IMPORTED
    assert config.read_text(encoding="utf-8").startswith("# storywatch configuration")


def test_import_into_an_invalid_config_is_refused_and_leaves_it_unchanged(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("colour: blue\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="colour"):
        add_feeds(config, IMPORTED)
    assert config.read_text(encoding="utf-8") == "colour: blue\n"
    result = storywatch("feeds", "import", str(EXPORT), "--config", str(config), cwd=tmp_path, check=False)
    assert result.returncode != 0 and "colour" in result.stderr
    missing = storywatch("feeds", "import", str(EXPORT), "--config", "nope.yaml", cwd=tmp_path, check=False)
    assert missing.returncode != 0 and "nope.yaml does not exist" in missing.stderr
    assert not (tmp_path / "nope.yaml").exists()


def test_import_of_a_file_that_is_not_opml_says_so(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>hello</body></html>", encoding="utf-8")
    result = storywatch("feeds", "import", str(page), cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert f"{page}: not an OPML subscription list" in result.stderr
    assert not (tmp_path / "config").exists()


def test_feeds_lists_each_feeds_last_fetch_failures_and_next_due(project):
    config = project / "config" / "storywatch.yaml"
    add_feeds(config, IMPORTED[:3])
    store = Store.open(f"sqlite:///{project / 'data' / 'storywatch.db'}")
    feed_store = FeedStore(store.engine)
    now = datetime.now(UTC).replace(microsecond=0)
    feed_store.record_poll_ok(IMPORTED[0].url, None, '"etag"', None, now - timedelta(minutes=5))
    for minutes in (20, 10):
        feed_store.record_poll_failure(IMPORTED[1].url, None, "HTTP 503 Service Unavailable",
                                       now - timedelta(minutes=minutes), base=3600, cap=86_400)
    store.engine.dispose()

    rows = {r["url"]: r for r in json.loads(storywatch("feeds", "--json", cwd=project).stdout)}
    ok, failing, never = (rows[f.url] for f in IMPORTED[:3])
    assert ok["state"] == "ok" and ok["failures"] == 0 and ok["next_due"] is None
    assert datetime.fromisoformat(ok["last_fetch"]) == now - timedelta(minutes=5)
    assert failing["state"] == "failing" and failing["failures"] == 2
    assert failing["last_error"] == "HTTP 503 Service Unavailable"
    assert datetime.fromisoformat(failing["last_fetch"]) == now - timedelta(minutes=10)
    # second failure: twice the base from then
    assert datetime.fromisoformat(failing["next_due"]) == now - timedelta(minutes=10) + timedelta(hours=2)
    assert never["state"] == "never polled" and never["last_fetch"] is None

    table = storywatch("feeds", cwd=project)
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["STATE", "LAST", "FETCH", "FAILS", "NEXT", "DUE", "FEED"]
    assert lines[1].startswith("ok ") and "next pass" in lines[1] and "Meduza — English" in lines[1]
    assert lines[2].startswith("failing ") and " 2  " in lines[2]
    assert "HTTP 503 Service Unavailable" in lines[3]
    assert lines[4].startswith("never polled  never")
    assert "polled only by `storywatch run --feeds`" in table.stderr


def test_feeds_without_any_says_how_to_add_them(project):
    result = storywatch("feeds", cwd=project)
    assert result.stdout == "" and "storywatch feeds import FILE.opml" in result.stderr
    assert json.loads(storywatch("feeds", "--json", cwd=project).stdout) == []
