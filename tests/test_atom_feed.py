"""The Atom feed of alerts, read as a feed reader reads it: feedparser on the document, from the
command line and over real HTTP from the server `storywatch serve` runs, on loopback."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest

from storywatch.alerts import atom_feed
from storywatch.config import AtomFeed, Settings, WatchedFigure
from storywatch.flows.alert_feed import (
    UnknownFigure,
    alert_feed_document,
    start_alert_feed_server,
    watched_figure,
)
from storywatch.records import (
    Alert,
    AlertItem,
    Article,
    ArticleDevelopment,
    ArticleRef,
    Claim,
    Development,
    PlannedClaim,
    Story,
)
from storywatch.storage import Store

from .test_cli import storywatch

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'He said <script>alert("x")</script> & then ]]> "quoted" \x0b\x00end'
LAVROV, ZAKHAROVA = "Sergei Lavrov", "Maria Zakharova"


@pytest.fixture
def watch() -> Settings:
    return Settings(watchlist=[WatchedFigure(name=LAVROV, aliases=["Lavrov", "Сергей Лавров"]),
                               WatchedFigure(name=ZAKHAROVA, aliases=["Zakharova"])],
                    atom_feed=AtomFeed(entries=10))


def record_alert(store: Store, n: int, figure: str, text: str, urls: tuple[str | None, ...] = (),
                 headline: str | None = None) -> Alert:
    """One article with one claim per URL (or one claim), its new story and the alert, stored as a
    pass stores them; written `n` hours after NOW."""
    at = NOW + timedelta(hours=n)
    story_id, pass_id = f"{n:016x}", f"pass-{n}"
    urls = urls or (None,)
    article = Article(key=f"article-{n}", url=urls[0], title=f"Title {n} & <b>", outlet="The Outlet",
                      text=text, content_hash=f"{n:064x}", origin=f"article-{n}")
    planned, items = [], []
    for i, url in enumerate(urls):
        claim = Claim(figure=figure, role="subject", text=f"{text} ({i})", span=(i, i + 1),
                      aspect="statement", polarity="affirmed", status="reported")
        ref = ArticleRef(key=article.key, url=url, title=f"Article {i} of {n}", outlet="The Outlet")
        planned.append(PlannedClaim(development=Development(
            story_id=story_id, figure=figure, label="new", claim=claim, article=ref), terms=frozenset()))
        items.append(AlertItem(label="new", figure=figure, text=claim.text, status="reported",
                               polarity="affirmed", source=None, quote=None, outlet="The Outlet", url=url,
                               title=ref.title))
    headline = headline or f"{figure}: story {n}"
    alert = Alert(story_id=story_id, kind="new_story", figures=(figure,), headline=headline,
                  items=tuple(items), source_count=1, key=f"{story_id}:{pass_id}")
    story = Story(id=story_id, figures=(figure,), headline=headline, created_pass=pass_id, first_seen=at,
                  last_claim_at=at)
    developed = ArticleDevelopment(new_stories=(story,), claims=tuple(planned), alerts=(alert,))
    assert store.record_article(article, 1, developed, pass_id, at, ["console"])
    return alert


def entry_id(alert: Alert) -> str:
    return f"urn:storywatch:alert:{alert.key}"


def test_each_alert_is_an_entry_a_feed_reader_reads_with_its_key_time_subject_and_links(store, watch):
    first = record_alert(store, 1, LAVROV, "Lavrov said the talks would resume",
                         ("https://news.example/a", "https://news.example/b", "https://news.example/a"))
    second = record_alert(store, 2, ZAKHAROVA, "Zakharova denied it")
    parsed = feedparser.parse(alert_feed_document(watch, store, None, NOW))

    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10" and parsed.feed.title == "storywatch alerts"
    assert [e.id for e in parsed.entries] == [entry_id(second), entry_id(first)]  # newest first
    lavrov = parsed.entries[1]
    assert lavrov.title.startswith("Sergei Lavrov: new story")
    assert lavrov.updated_parsed[:5] == (NOW + timedelta(hours=1)).timetuple()[:5]
    assert lavrov.link == "https://news.example/a"  # the first article is the alternate link
    assert [(link.rel, link.href) for link in lavrov.links] == [
        ("alternate", "https://news.example/a"), ("related", "https://news.example/b")]
    assert "Lavrov said the talks would resume (0)" in lavrov.summary
    assert "Lavrov said the talks would resume (0)" in lavrov.content[0].value
    assert [t.term for t in lavrov.tags] == ["sergei-lavrov"]
    assert parsed.entries[0].get("links", []) == []  # an alert without URLs links nowhere
    assert parsed.feed.updated_parsed[:5] == (NOW + timedelta(hours=2)).timetuple()[:5]


def test_hostile_article_text_survives_escaped_in_title_summary_and_content(store, watch):
    alert = record_alert(store, 1, LAVROV, HOSTILE, ("https://news.example/a?x=1&y=<2>",),
                         headline=f"{LAVROV}: {HOSTILE}")
    document = alert_feed_document(watch, store, None, NOW)

    # Well-formed XML whose text is the hostile text itself (less the characters XML cannot carry).
    kept = HOSTILE.replace("\x0b", "").replace("\x00", "")
    root = ET.fromstring(document)
    entry = root.find(f"{ATOM}entry")
    assert kept in entry.find(f"{ATOM}title").text
    assert f"{kept} (0)" in entry.find(f"{ATOM}summary").text
    assert "&lt;script&gt;" in entry.find(f"{ATOM}content").text  # HTML content: the HTML escaped once
    assert "<script>" not in entry.find(f"{ATOM}content").text
    assert entry.find(f"{ATOM}link").get("href") == "https://news.example/a?x=1&y=<2>"
    assert b"<script>" not in document and b"]]>" not in document

    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.bozo_exception
    [read] = parsed.entries
    assert read.id == entry_id(alert)
    assert kept in read.title and f"{kept} (0)" in read.summary
    assert "&lt;script&gt;" in read.content[0].value and "<script>" not in read.content[0].value


def test_a_figure_feed_holds_only_that_figures_alerts_by_name_alias_or_slug_in_any_case(store, watch):
    lavrov = record_alert(store, 1, LAVROV, "Lavrov spoke")
    record_alert(store, 2, ZAKHAROVA, "Zakharova spoke")
    lavrov_again = record_alert(store, 3, LAVROV, "Lavrov spoke again")
    for given in ("Sergei Lavrov", "lavrov", "LAVROV", "сергей лавров", "sergei-lavrov"):
        parsed = feedparser.parse(alert_feed_document(watch, store, given, NOW))
        assert [e.id for e in parsed.entries] == [entry_id(lavrov_again), entry_id(lavrov)], given
        assert parsed.feed.title == "storywatch alerts: Sergei Lavrov"
        assert parsed.feed.id == "urn:storywatch:alerts:sergei-lavrov"
    with pytest.raises(UnknownFigure, match="'Nobody' is not on the watchlist .*Sergei Lavrov"):
        watched_figure(watch, "Nobody")


def test_an_empty_store_is_a_valid_feed_without_entries(store, watch):
    parsed = feedparser.parse(alert_feed_document(watch, store, None, NOW))
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries == []


def test_a_feed_holds_the_newest_alerts_up_to_the_configured_number(store, watch):
    made = [record_alert(store, n, LAVROV, f"claim {n}") for n in range(12)]
    parsed = feedparser.parse(alert_feed_document(watch, store, "lavrov", NOW))
    assert [e.id for e in parsed.entries] == [entry_id(a) for a in reversed(made)][:10]


def test_the_pure_renderer_needs_no_store_and_takes_its_time_from_the_caller():
    document = atom_feed([], NOW, "Sergei Lavrov", "http://127.0.0.1:4201/figures/sergei-lavrov.atom")
    parsed = feedparser.parse(document)
    assert parsed.feed.updated_parsed[:6] == NOW.timetuple()[:6]
    assert parsed.feed.links[0].rel == "self"


# --- over HTTP ------------------------------------------------------------------------------------


@pytest.fixture
def feed_server(store, watch):
    server = start_alert_feed_server(watch, store, "127.0.0.1", 0)
    yield server
    server.shutdown()
    server.server_close()


def test_the_server_serves_all_alerts_and_each_figures_to_feedparser_over_http(store, feed_server):
    lavrov = record_alert(store, 1, LAVROV, "Lavrov <b>spoke</b> & left")
    zakharova = record_alert(store, 2, ZAKHAROVA, "Zakharova spoke")
    base = feed_server.url
    assert base.startswith("http://127.0.0.1:")

    everything = feedparser.parse(f"{base}/alerts.atom")  # feedparser fetches it itself, as a reader
    assert everything.status == 200 and not everything.bozo, everything.get("bozo_exception")
    assert everything.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert [e.id for e in everything.entries] == [entry_id(zakharova), entry_id(lavrov)]
    assert everything.feed.links[0].href == f"{base}/alerts.atom"  # rel=self: where it was read

    for path in ("/figures/sergei-lavrov.atom", "/figures/lavrov.atom", "/alerts.atom?figure=LAVROV",
                 "/alerts.atom?figure=Sergei%20Lavrov", "/figures/Sergei%20Lavrov.atom"):
        one = feedparser.parse(base + path)
        assert one.status == 200 and [e.id for e in one.entries] == [entry_id(lavrov)], path
        assert "Lavrov <b>spoke</b> & left (0)" in one.entries[0].summary

    # a new alert shows at the next read: nothing is cached in the server
    again = record_alert(store, 3, LAVROV, "Lavrov again")
    assert feedparser.parse(f"{base}/figures/lavrov.atom").entries[0].id == entry_id(again)


def test_the_server_answers_unknown_paths_and_figures_with_404_and_revalidates_with_etags(store, feed_server):
    record_alert(store, 1, LAVROV, "Lavrov spoke")
    base = feed_server.url
    with httpx.Client(base_url=base, timeout=10) as client:
        unknown = client.get("/figures/nobody.atom")
        assert unknown.status_code == 404 and "'nobody' is not on the watchlist" in unknown.text
        assert client.get("/etc/passwd").status_code == 404
        assert client.get("/figures/a/b.atom").status_code == 404
        assert client.post("/alerts.atom").status_code == 501

        first = client.get("/alerts.atom")
        assert first.status_code == 200 and first.headers["etag"]
        head = client.head("/alerts.atom")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["content-length"] == str(len(first.content))
        cached = client.get("/alerts.atom", headers={"If-None-Match": first.headers["etag"]})
        assert cached.status_code == 304 and cached.content == b""

        index = client.get("/")
        assert index.status_code == 200 and 'href="/figures/sergei-lavrov.atom"' in index.text
        assert 'type="application/atom+xml"' in index.text  # readers discover the feeds from it
        discovered = feedparser.parse(index.content)
        assert discovered.version == ""  # the index is a page, not a feed


def test_a_port_in_use_is_one_line_with_the_fix(store, watch, feed_server):
    from storywatch.errors import StorywatchError

    port = feed_server.server_address[1]
    with pytest.raises(StorywatchError, match=f"cannot listen on 127.0.0.1:{port}.*--feed-port"):
        start_alert_feed_server(watch, store, "127.0.0.1", port)


# --- the command line ---------------------------------------------------------------------------


def test_alerts_atom_prints_the_feed_and_figure_filters_it(project):
    db = project / "data" / "storywatch.db"
    store = Store.open(f"sqlite:///{db}")
    lavrov = record_alert(store, 1, LAVROV, HOSTILE)
    record_alert(store, 2, "Someone Else", "someone spoke")
    store.engine.dispose()

    everything = feedparser.parse(storywatch("alerts", "--atom", cwd=project).stdout)
    assert not everything.bozo and len(everything.entries) == 2
    only = feedparser.parse(storywatch("alerts", "--atom", "--figure", "lavrov", cwd=project).stdout)
    assert [e.id for e in only.entries] == [entry_id(lavrov)]
    listed = storywatch("alerts", "--figure", "LAVROV", "--json", cwd=project).stdout
    assert lavrov.key in listed and "Someone Else" not in listed
    nobody = storywatch("alerts", "--atom", "--figure", "Nobody", cwd=project, check=False)
    assert nobody.returncode != 0 and "'Nobody' is not on the watchlist" in nobody.stderr


@pytest.mark.prefect
def test_serve_serves_the_atom_feed_on_the_port_given(project):
    """`storywatch serve --feed-port 0` prints where the feed is, and a reader gets it from there."""
    store = Store.open(f"sqlite:///{project / 'data' / 'storywatch.db'}")
    lavrov = record_alert(store, 1, LAVROV, "Lavrov spoke")
    store.engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "STORYWATCH_"))}
    process = subprocess.Popen([sys.executable, "-m", "storywatch.flows.cli", "serve", "--feed-port", "0",
                                "--interval", "3600"], cwd=project, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = _line_containing(process, "Atom feed of alerts: ", deadline=time.monotonic() + 120)
        url = line.split("Atom feed of alerts: ", 1)[1].split()[0]
        parsed = feedparser.parse(url)
        assert parsed.status == 200 and [e.id for e in parsed.entries] == [entry_id(lavrov)]
        assert url.startswith("http://127.0.0.1:")  # loopback unless configured otherwise
    finally:
        _stop(process)


def _line_containing(process: subprocess.Popen, text: str, deadline: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen = []
    while time.monotonic() < deadline:
        if selector.select(timeout=max(0.0, deadline - time.monotonic())):
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
            seen.append(line)
            if text in line:
                return line
    raise AssertionError(f"no {text!r} from serve; it said: {''.join(seen)[-2000:]}")


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C, as a person stops serve, then whatever of its session is left."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    process.stderr.close()
