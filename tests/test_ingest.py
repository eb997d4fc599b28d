"""Feeds and pages served on 127.0.0.1: passes, conditional GET, versions, isolation of failures.

Nothing here sends a packet beyond 127.0.0.0/8: feeds and pages are IP literals on loopback, the
"forbidden" redirect target is 127.0.0.2 (refused by the guard before any connection), and feeds
whose entries link elsewhere are read with `fetch.pages: false`.
"""

from __future__ import annotations

import gzip
import html
import socket
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from storywatch.config import FeedSource, Fetch, Settings, Sources
from storywatch.extractors import NEAR_DUPLICATE, most_similar
from storywatch.flows import ingest, pipeline, prepare, workers
from storywatch.records import Document
from storywatch.signatures import lsh_bands, minhash
from storywatch.storage.feeds import FeedStore

from .conftest import FIRST, SECOND, SEEDS

NOW = datetime(2025, 11, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def server():
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


def seed_text(name: str) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    return text.strip()


def page(title: str, text: str, outlet: str = "The Example Times", canonical: str | None = None) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{link}'
            f'<meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="2025-11-05T08:00:00Z"></head>'
            f"<body><nav>Home | World | Sport</nav><article><h1>{html.escape(title)}</h1>{paras}"
            f"</article><footer>Copyright 2025</footer></body></html>")


def rss(entries: list[tuple[str, str, str]], updated: str = "Wed, 05 Nov 2025 08:00:00 GMT") -> str:
    items = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link><guid>{html.escape(link)}"
        f"</guid><pubDate>{updated}</pubDate><description>{html.escape(s)}</description></item>"
        for t, link, s in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example feed'
            f"</title><link>http://127.0.0.1/</link>{items}</channel></rss>")


def atom(entries: list[tuple[str, str, str]], updated: str = "2025-11-05T08:00:00Z") -> str:
    items = "".join(
        f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/><id>{html.escape(link)}'
        f"</id><updated>{updated}</updated><summary>{html.escape(s)}</summary></entry>"
        for t, link, s in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom feed</title><id>urn:x</id><updated>{updated}</updated>{items}</feed>")


def serve_feed(server: HTTPServer, path: str, body: str | bytes, etag: str,
               content_type: str = "application/rss+xml") -> None:
    """A feed answering conditional GETs: 304 when the client already has this ETag."""

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type,
                        headers={"ETag": etag, "Last-Modified": format_datetime(NOW, usegmt=True)})

    server.expect_request(path).respond_with_handler(handler)


def settings_for(feeds: list[FeedSource], **fetch) -> Settings:
    fetch = {"allow_hosts": ["127.0.0.1"], "timeout": 5, **fetch}
    return Settings(feeds=feeds, sources=Sources(seeds=[], feeds=True), fetch=Fetch(**fetch))


def run_feeds(settings: Settings, store, now: datetime = NOW) -> dict:
    """One pass over the feeds, as the flow runs it, with plain functions."""
    pass_id = f"{now:%Y%m%dT%H%M%S}-{id(settings) % 10_000:04d}"
    from storywatch.sources.http import Fetcher

    with Fetcher(settings.fetch) as fetcher:
        jobs, failures, polls = ingest.poll_feeds(settings, store, fetcher, now)
        documents, page_failures, entries = ingest.fetch_pages(jobs, settings, fetcher)
    prepared = prepare.prepare_documents(documents, settings)
    stored = pipeline.store_batch(prepared, store, settings, pass_id, now, ["outbox"], entries)
    ingest.record_polls(polls, store, now)
    return {"jobs": jobs, "articles": prepared.articles,
            "failed": failures + page_failures + prepared.failures, "ingested": stored.ingested,
            "duplicates": stored.duplicates, "copies": stored.copies,
            "developments": stored.developments, "pass_id": pass_id}


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def test_first_pass_ingests_everything_and_the_second_downloads_no_page(server, store, settings):
    first, second = seed_text(FIRST), seed_text(SECOND)
    a, b = server.url_for("/a.html"), server.url_for("/b.html?utm_source=rss")
    server.expect_request("/a.html").respond_with_data(page("Where is Lavrov?", first),
                                                       content_type="text/html")
    server.expect_request("/b.html").respond_with_data(page("Lavrov absent", second, "Moscow Daily"),
                                                       content_type="text/html; charset=utf-8")
    serve_feed(server, "/rss.xml", rss([("Where is Lavrov?", a, "summary one")]), '"r1"')
    serve_feed(server, "/atom.xml", atom([("Lavrov absent", b, "summary two")]), '"a1"',
               "application/atom+xml")
    config = settings_for([FeedSource(url=server.url_for("/rss.xml"), name="Example"),
                           FeedSource(url=server.url_for("/atom.xml"))])
    config = config.model_copy(update={"watchlist": settings.watchlist})

    one = run_feeds(config, store)
    assert one["failed"] == [] and one["ingested"] == 2
    assert {x.key for x in one["articles"]} == {f"http://127.0.0.1:{server.port}/a.html",
                                                 f"http://127.0.0.1:{server.port}/b.html"}
    assert {x.outlet for x in one["articles"]} == {"The Example Times", "Moscow Daily"}
    assert one["developments"]

    two = run_feeds(config, store, NOW + timedelta(hours=1))
    assert two["jobs"] == [] and two["ingested"] == 0 and two["failed"] == []
    assert requests_to(server, "/a.html") == 1 and requests_to(server, "/b.html") == 1
    statuses = [r.status_code for q, r in server.log if q.path.endswith(".xml")]
    assert statuses == [200, 200, 304, 304]


def test_a_pass_that_dies_before_storing_its_articles_loses_no_entry(server, store, settings):
    url = server.url_for("/a.html")
    server.expect_request("/a.html").respond_with_data(page("Where is Lavrov?", seed_text(FIRST)),
                                                       content_type="text/html")
    serve_feed(server, "/rss.xml", rss([("Where is Lavrov?", url, "summary one")]), '"r1"')
    config = settings_for([FeedSource(url=server.url_for("/rss.xml"), name="Example")])
    config = config.model_copy(update={"watchlist": settings.watchlist})
    from storywatch.sources.http import Fetcher

    with Fetcher(config.fetch) as fetcher:  # polled and fetched, then the pass dies: nothing stored
        jobs, _, _ = ingest.poll_feeds(config, store, fetcher, NOW)
        documents, _, _ = ingest.fetch_pages(jobs, config, fetcher)
    assert len(jobs) == 1 and len(documents) == 1

    again = run_feeds(config, store, NOW + timedelta(minutes=1))
    assert [job.entry.link for job in again["jobs"]] == [url] and again["ingested"] == 1
    assert again["developments"]
    quiet = run_feeds(config, store, NOW + timedelta(hours=1))
    assert quiet["jobs"] == [] and quiet["ingested"] == 0
    statuses = [r.status_code for q, r in server.log if q.path.endswith(".xml")]
    assert statuses == [200, 200, 304]  # the validators were kept only once the entry was stored


def test_an_edited_page_becomes_a_new_version_with_only_its_new_claims(server, store, settings):
    text = seed_text(FIRST)
    url = server.url_for("/story.html")
    state = {"text": text, "etag": '"v1"', "updated": "Wed, 05 Nov 2025 08:00:00 GMT"}
    server.expect_request("/story.html").respond_with_handler(
        lambda _r: Response(page("Where is Lavrov?", state["text"]), content_type="text/html"))

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == state["etag"]:
            return Response(status=304)
        body = rss([("Where is Lavrov?", url, "s")], updated=state["updated"])
        return Response(body, content_type="application/rss+xml", headers={"ETag": state["etag"]})

    server.expect_request("/feed.xml").respond_with_handler(feed)
    config = settings_for([FeedSource(url=server.url_for("/feed.xml"))]).model_copy(
        update={"watchlist": settings.watchlist})
    one = run_feeds(config, store)
    assert one["ingested"] == 1 and len(one["developments"]) > 3

    added = "Lavrov was later seen boarding a plane to Ankara, according to Turkish officials."
    state.update(text=text + "\n" + added, etag='"v2"', updated="Wed, 05 Nov 2025 12:00:00 GMT")
    two = run_feeds(config, store, NOW + timedelta(hours=4))
    assert two["ingested"] == 1 and requests_to(server, "/story.html") == 2
    assert two["developments"] and {d.claim.text for d in two["developments"]} == {added}
    rows = store.engine.connect().exec_driver_sql("select key, version from articles").all()
    assert sorted(v for _, v in rows) == [1, 2] and len({k for k, _ in rows}) == 1


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_broken_feeds_and_pages_end_as_reasons_while_the_others_complete(server, store):
    release = threading.Event()
    good = page("A good page", "This page has enough article text to be stored as an article. " * 5)
    server.expect_request("/good.html").respond_with_data(good, content_type="text/html")
    serve_feed(server, "/good.xml", rss([("Good", server.url_for("/good.html"), "s")]), '"g"')
    server.expect_request("/500.xml").respond_with_data("boom", status=500)

    def slow(_request):
        release.wait(30)  # held until the test ends: the client must give up first
        return Response("<rss/>", content_type="application/rss+xml")

    server.expect_request("/slow.xml").respond_with_handler(slow)
    server.expect_request("/redirect.html").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.2:{server.port}/good.html"})
    summary = "The feed's own summary of the redirected story, long enough to be stored as text."
    serve_feed(server, "/redirect.xml", rss([("Redirect", server.url_for("/redirect.html"), summary)]), '"r"')

    def huge(_request):
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        return Response((chunk for _ in range(800)), content_type="text/html")  # ~52 MB, streamed

    server.expect_request("/huge.html").respond_with_handler(huge)
    serve_feed(server, "/huge.xml", rss([("Huge", server.url_for("/huge.html"), "")]), '"h"')
    feeds = [FeedSource(url=server.url_for(p)) for p in
             ("/good.xml", "/500.xml", "/slow.xml", "/redirect.xml", "/huge.xml")]
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    feeds.append(FeedSource(url=dead))
    config = settings_for(feeds, timeout=1.0)
    try:
        result = run_feeds(config, store)
    finally:
        release.set()
    reasons = {f.source: f.reason for f in result["failed"]}
    assert reasons[server.url_for("/500.xml")].startswith("HTTP 500")
    assert "timed out" in reasons[server.url_for("/slow.xml")]
    assert reasons[dead].startswith("cannot connect")
    assert reasons[server.url_for("/redirect.html")].startswith("refused: 127.0.0.2 resolves to 127.0.0.2")
    assert reasons[server.url_for("/redirect.html")].endswith("used the feed's summary")
    assert reasons[server.url_for("/huge.html")].startswith("too large")
    assert len(reasons) == 5
    assert result["ingested"] == 2  # the good page, and the redirected entry's summary
    summaries = [a for a in result["articles"] if a.from_summary]
    assert [a.text for a in summaries] == [summary]
    assert not [q for q, _ in server.log if q.host.startswith("127.0.0.2")]

    # failed feeds wait for their backoff; the good one is polled again
    before = len(server.log)
    run_feeds(config, store, NOW + timedelta(seconds=10))
    polled = {q.path for q, _ in server.log[before:]}
    assert {"/good.xml", "/redirect.xml", "/huge.xml"} <= polled and "/500.xml" not in polled
    assert requests_to(server, "/slow.xml") <= 1  # logged when released, if at all
    states = FeedStore(store.engine).feed_states([f.url for f in feeds])
    assert states[server.url_for("/500.xml")].failures == 1
    assert states[server.url_for("/500.xml")].last_error.startswith("HTTP 500")
    later = run_feeds(config, store, NOW + timedelta(hours=1))
    assert server.url_for("/500.xml") in {f.source for f in later["failed"]}
    assert FeedStore(store.engine).feed_states([server.url_for("/500.xml")])[
        server.url_for("/500.xml")].failures == 2


def test_an_oldest_first_feed_gives_its_newest_entries(server, store):
    """`max_entries_per_feed` keeps the newest entries by date, not the first in the document."""
    day = NOW - timedelta(days=10)
    items = "".join(
        f"<item><title>Entry {i}</title><link>{server.url_for(f'/e{i}.html')}</link>"
        f"<guid>{server.url_for(f'/e{i}.html')}</guid>"
        f"<pubDate>{format_datetime(day + timedelta(days=i), usegmt=True)}</pubDate>"
        f"<description>Summary of entry number {i}, long enough to be stored as an article.</description>"
        f"</item>" for i in range(8))  # oldest first
    serve_feed(server, "/old-first.xml", '<?xml version="1.0" encoding="utf-8"?><rss version="2.0">'
               f"<channel><title>Oldest first</title><link>http://127.0.0.1/</link>{items}</channel></rss>",
               '"o1"')
    for i in range(8):
        server.expect_request(f"/e{i}.html").respond_with_data(
            page(f"Entry {i}", f"Page of entry {i}. " * 40), content_type="text/html")
    config = settings_for([FeedSource(url=server.url_for("/old-first.xml"))], max_entries_per_feed=3)
    result = run_feeds(config, store)
    assert [job.entry.title for job in result["jobs"]] == ["Entry 5", "Entry 6", "Entry 7"]
    assert {q.path for q, _ in server.log if q.path.endswith(".html")} == {"/e5.html", "/e6.html",
                                                                             "/e7.html"}
    assert result["failed"] == [] and result["ingested"] == 3


def test_retry_after_sets_the_next_attempt(server, store):
    server.expect_request("/busy.xml").respond_with_data("busy", status=503, headers={"Retry-After": "7200"})
    config = settings_for([FeedSource(url=server.url_for("/busy.xml"))])
    result = run_feeds(config, store)
    assert result["failed"][0].reason.startswith("HTTP 503")
    state = FeedStore(store.engine).feed_states([server.url_for("/busy.xml")])[server.url_for("/busy.xml")]
    assert state.next_attempt_at.replace(tzinfo=UTC) >= NOW + timedelta(seconds=7200)


@pytest.mark.parametrize("retry_after", ["999999999", "Fri, 01 Jan 2100 00:00:00 GMT"])
def test_a_retry_after_is_honoured_up_to_retry_max_seconds(server, store, retry_after):
    """A 503 asking to wait for decades parks neither the feed nor the page past retry_max_seconds."""
    busy = {"Retry-After": retry_after}
    server.expect_request("/busy.xml").respond_with_data("busy", status=503, headers=busy)
    server.expect_request("/busy.html").respond_with_data("busy", status=503, headers=busy)
    serve_feed(server, "/ok.xml", rss([("Busy page", server.url_for("/busy.html"), "s")]), '"b1"')
    config = settings_for([FeedSource(url=server.url_for("/busy.xml")),
                           FeedSource(url=server.url_for("/ok.xml"))], retry_max_seconds=3600)
    result = run_feeds(config, store)
    feeds = FeedStore(store.engine)
    feed = feeds.feed_states([server.url_for("/busy.xml")])[server.url_for("/busy.xml")]
    assert feed.next_attempt_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=3600)
    fetches = {f.source: f.reason[:8] for f in result["failed"] if "(summary" not in f.source}
    assert fetches == {server.url_for("/busy.xml"): "HTTP 503", server.url_for("/busy.html"): "HTTP 503"}
    entry = feeds.entry_states(server.url_for("/ok.xml"), [server.url_for("/busy.html")])[
        server.url_for("/busy.html")]
    assert entry.next_attempt_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=3600)
    later = run_feeds(config, store, NOW + timedelta(seconds=3600))  # both are due again
    assert requests_to(server, "/busy.xml") == 2 and requests_to(server, "/busy.html") == 2
    assert len([f for f in later["failed"] if "(summary" not in f.source]) == 2


def test_a_retry_after_holds_back_the_url_that_sent_it_not_its_host(server, store):
    """Within a pass, a page's 503 with Retry-After blocks that URL only: the next page of the same
    host is fetched, and a second entry linking to the busy URL is not asked again."""
    text = seed_text(FIRST)
    server.expect_request("/busy.html").respond_with_data("busy", status=503, headers={"Retry-After": "3600"})
    server.expect_request("/fine.html").respond_with_data(page("Lavrov", text), content_type="text/html")
    serve_feed(server, "/one.xml", rss([("Busy", server.url_for("/busy.html"), "s"),
                                        ("Fine", server.url_for("/fine.html"), "s")]), '"1"')
    serve_feed(server, "/two.xml", rss([("Busy again", server.url_for("/busy.html"), "s")]), '"2"')
    # one worker: the pages are fetched in order, the busy one first
    config = settings_for([FeedSource(url=server.url_for("/one.xml")),
                           FeedSource(url=server.url_for("/two.xml"))], max_parallel=1)
    result = run_feeds(config, store)
    reasons = [f.reason for f in result["failed"] if "(summary" not in f.source]  # not the short summaries
    assert len(reasons) == 2 and reasons[0].startswith("HTTP 503")
    assert reasons[1].startswith("asked to wait (Retry-After)")
    assert requests_to(server, "/fine.html") == 1 and requests_to(server, "/busy.html") == 1
    assert [a.key for a in result["articles"] if not a.from_summary] == [server.url_for("/fine.html")]


def test_a_syndicated_copy_is_linked_to_its_original_not_analysed_and_counts_as_a_source(
        server, store, settings):
    text = seed_text(FIRST)
    copy = "MOSCOW (Wire) - " + text + "\nReporting by A. Reporter; editing by B. Editor."
    server.expect_request("/orig.html").respond_with_data(page("Lavrov", text, "Outlet One"),
                                                          content_type="text/html")
    server.expect_request("/copy.html").respond_with_data(page("Lavrov", copy, "Outlet Two"),
                                                          content_type="text/html")
    serve_feed(server, "/one.xml", rss([("Lavrov", server.url_for("/orig.html"), "s")]), '"1"')
    serve_feed(server, "/two.xml", rss([("Lavrov", server.url_for("/copy.html"), "s")]), '"2"')
    config = settings_for([FeedSource(url=server.url_for("/one.xml")),
                           FeedSource(url=server.url_for("/two.xml"))]).model_copy(
        update={"watchlist": settings.watchlist})
    result = run_feeds(config, store)
    assert result["ingested"] == 1 and result["copies"] == 1 and result["duplicates"] == 1
    assert {d.article.outlet for d in result["developments"]} == {"Outlet One"}
    alerts = store.alerts(pass_id=result["pass_id"])
    assert [s.alert.source_count for s in alerts] == [2]
    assert [(s.articles, s.sources) for s in store.stories()] == [(1, 2)]
    copies = FeedStore(store.engine)
    original = [a for a in result["articles"] if a.outlet == "Outlet One"][0]
    assert [c["outlet"] for c in copies.copies(original.content_hash)] == ["Outlet Two"]


@pytest.mark.parametrize("same_pass", [True, False])
def test_a_copy_is_found_in_the_same_batch_and_in_a_later_pass(server, store, settings, same_pass):
    text = seed_text(FIRST)
    copy = "MOSCOW (Wire) - " + text + "\nReporting by A. Reporter; editing by B. Editor."
    server.expect_request("/orig.html").respond_with_data(page("Lavrov", text, "Outlet One"),
                                                          content_type="text/html")
    server.expect_request("/copy.html").respond_with_data(page("Lavrov", copy, "Outlet Two"),
                                                          content_type="text/html")
    serve_feed(server, "/one.xml", rss([("Lavrov", server.url_for("/orig.html"), "s")]), '"1"')
    serve_feed(server, "/two.xml", rss([("Lavrov", server.url_for("/copy.html"), "s")]), '"2"')
    one, two = FeedSource(url=server.url_for("/one.xml")), FeedSource(url=server.url_for("/two.xml"))
    config = settings_for([one, two] if same_pass else [one]).model_copy(
        update={"watchlist": settings.watchlist})
    first = run_feeds(config, store)
    if not same_pass:  # the copy's feed is added after the original was stored
        assert first["copies"] == 0 and first["ingested"] == 1
        first = run_feeds(config.model_copy(update={"feeds": [one, two]}), store, NOW + timedelta(hours=1))
    assert first["copies"] == 1 and first["ingested"] == (1 if same_pass else 0)
    def nearest(key: str, body: str):
        [candidates] = FeedStore(store.engine).signatures_sharing_bands([(key, lsh_bands(minhash(body)))])
        best = most_similar(minhash(body), ((c, c.signature) for c in candidates), NEAR_DUPLICATE)
        return None if best is None else best[0]

    original = nearest("other:key", text)
    assert original is not None and original.key.endswith("/orig.html")
    assert nearest(original.key, text) is None  # an article is not a copy of its own key
    assert nearest("k", seed_text(SECOND)) is None


def test_different_articles_on_one_event_are_not_near_duplicates(server, store, settings):
    server.expect_request("/one.html").respond_with_data(page("A", seed_text(FIRST)),
                                                         content_type="text/html")
    server.expect_request("/two.html").respond_with_data(page("B", seed_text(SECOND), "Other"),
                                                         content_type="text/html")
    serve_feed(server, "/f.xml", rss([("A", server.url_for("/one.html"), "s"),
                                      ("B", server.url_for("/two.html"), "s")]), '"f"')
    config = settings_for([FeedSource(url=server.url_for("/f.xml"))]).model_copy(
        update={"watchlist": settings.watchlist})
    result = run_feeds(config, store)
    assert result["ingested"] == 2 and result["copies"] == 0


def test_pages_are_decoded_by_their_real_charset(server, store):
    text = "Министр иностранных дел Сергей Лавров не появился на заседании Совета безопасности в среду."
    body = page("Лавров", text, "Газета").replace('<meta charset="utf-8">', '<meta charset="windows-1251">')
    server.expect_request("/ru.html").respond_with_data(body.encode("cp1251"),
                                                        content_type="text/html; charset=utf-8")
    serve_feed(server, "/ru.xml", rss([("ru", server.url_for("/ru.html"), "")]), '"ru"')
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/ru.xml"))]), store)
    assert result["failed"] == []
    assert text in result["articles"][0].text and result["articles"][0].outlet == "Газета"


def test_a_compression_bomb_is_refused(server, store):
    bomb = gzip.compress(b"\0" * 60_000_000)
    server.expect_request("/bomb.html").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    serve_feed(server, "/bomb.xml", rss([("b", server.url_for("/bomb.html"), "")]), '"b"')
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/bomb.xml"))]), store)
    assert [f.reason for f in result["failed"]] == [
        "too large after decompression: over 5,000,000 bytes (a compression bomb?)"]


def test_binary_and_non_html_pages_are_refused(server, store):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    server.expect_request("/img").respond_with_data(png, content_type="image/png")
    server.expect_request("/bin").respond_with_data(b"\0\1\2" * 500, content_type="text/html")
    serve_feed(server, "/f.xml", rss([("i", server.url_for("/img"), ""), ("b", server.url_for("/bin"), "")]),
               '"f"')
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/f.xml"))]), store)
    assert sorted(f.reason for f in result["failed"]) == [
        "binary content, not an HTML page", "not an HTML page: content type image/png"]


def test_loopback_is_refused_unless_allowed(server, store):
    serve_feed(server, "/f.xml", rss([]), '"f"')
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/f.xml"))], allow_hosts=[]), store)
    assert result["failed"][0].reason.startswith("refused: 127.0.0.1 resolves to 127.0.0.1")
    assert server.log == []
    allowed = run_feeds(settings_for([FeedSource(url=server.url_for("/f.xml"))], allow_hosts=[],
                                     allow_private=True), store, NOW + timedelta(days=1))
    assert allowed["failed"] == []


def test_entity_declarations_are_refused(server, store):
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8))
              + ']><rss version="2.0"><channel><title>&i;</title></channel></rss>')
    server.expect_request("/lol.xml").respond_with_data(laughs, content_type="application/rss+xml")
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/lol.xml"))]), store)
    assert [f.reason for f in result["failed"]] == ["refused: the feed declares XML entities"]


def test_entity_declarations_are_refused_after_a_long_comment(server, store):
    """A declaration pushed past the first 64 KiB by a comment is refused all the same (issue 17)."""
    padded = ('<?xml version="1.0"?><!--' + "x" * 100_000 + '--><!DOCTYPE rss [<!ENTITY a "aaaa">]>'
              '<rss version="2.0"><channel><title>&a;</title></channel></rss>')
    server.expect_request("/padded.xml").respond_with_data(padded, content_type="application/rss+xml")
    result = run_feeds(settings_for([FeedSource(url=server.url_for("/padded.xml"))]), store)
    assert [f.reason for f in result["failed"]] == ["refused: the feed declares XML entities"]


@pytest.mark.parametrize("per_host", [1, 3])
def test_requests_to_one_host_are_limited_and_sent_with_the_user_agent(server, per_host):
    from storywatch.sources.http import Fetcher

    lock, in_flight, peak, agents = threading.Lock(), [0], [0], set()
    crowded = threading.Event()

    def handler(request: Request) -> Response:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
            agents.add(request.headers.get("User-Agent"))
            if in_flight[0] >= 3:
                crowded.set()
        crowded.wait(0.2)  # a request lingers until three are in flight, or briefly
        with lock:
            in_flight[0] -= 1
        return Response("ok", content_type="text/html")

    server.expect_request("/slowish").respond_with_handler(handler)
    fetch = Fetch(allow_hosts=["127.0.0.1"], per_host_concurrency=per_host, max_parallel=6,
                  user_agent="storywatch-test/1")
    with Fetcher(fetch) as fetcher:
        results = ingest.parallel(range(6), lambda _i: fetcher.get(server.url_for("/slowish"), "*/*"),
                                  fetch.max_parallel)
    assert [r.status for r in results] == [200] * 6
    assert peak[0] == per_host and agents == {"storywatch-test/1"}


def test_redirect_loops_and_other_schemes_are_refused(server):
    from storywatch.sources.http import Fetcher, FetchFailed

    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    server.expect_request("/file").respond_with_data("", status=301, headers={"Location": "file:///etc/passwd"})
    with Fetcher(Fetch(allow_hosts=["127.0.0.1"], max_redirects=3)) as fetcher:
        with pytest.raises(FetchFailed, match="more than 3 redirects"):
            fetcher.get(server.url_for("/loop"), "*/*")
        with pytest.raises(FetchFailed, match="refused: file scheme"):
            fetcher.get(server.url_for("/file"), "*/*")
    assert requests_to(server, "/loop") == 4


def test_a_page_that_failed_is_fetched_again_after_its_backoff_even_when_the_feed_is_unchanged(
        server, store, settings):
    text = seed_text(FIRST)
    summary = text.split("\n")[0]
    state = {"up": False}
    server.expect_request("/p.html").respond_with_handler(
        lambda _r: Response(page("Lavrov", text), content_type="text/html") if state["up"]
        else Response("down", status=503))
    serve_feed(server, "/f.xml", rss([("Lavrov", server.url_for("/p.html"), summary)]), '"f"')
    config = settings_for([FeedSource(url=server.url_for("/f.xml"))], retry_base_seconds=60).model_copy(
        update={"watchlist": settings.watchlist})
    one = run_feeds(config, store)
    assert [f.reason for f in one["failed"]] == ["HTTP 503 SERVICE UNAVAILABLE; used the feed's summary"]
    assert one["ingested"] == 1 and one["articles"][0].from_summary

    state["up"] = True
    early = run_feeds(config, store, NOW + timedelta(seconds=30))
    assert early["jobs"] == [] and requests_to(server, "/p.html") == 1
    later = run_feeds(config, store, NOW + timedelta(seconds=61))
    assert requests_to(server, "/p.html") == 2 and later["failed"] == []
    assert later["ingested"] == 1 and not later["articles"][0].from_summary
    assert later["articles"][0].key == one["articles"][0].key  # a new version of the same article
    assert all(summary not in d.claim.text for d in later["developments"])


def test_many_feeds_are_parsed_on_the_workers_and_an_unreadable_one_is_a_reason(server, store):
    """Enough feeds that they are parsed on the worker processes: each feed's entries come back to
    its own feed, and one that is not a feed fails alone, with feedparser's reason."""
    feeds = []
    for n in range(workers.PARALLEL_MIN + 2):
        url = server.url_for(f"/page-{n}.html")
        serve_feed(server, f"/feed-{n}.xml", rss([(f"Story {n}", url, f"summary {n}")]), f'"e{n}"')
        feeds.append(FeedSource(url=server.url_for(f"/feed-{n}.xml")))
    png = b"\x89PNG\r\n\x1a\n" + bytes(200)
    serve_feed(server, "/not-a-feed.xml", png, '"png"', content_type="image/png")
    serve_feed(server, "/html.xml", "<html><body><p>a page, not a feed</p></body></html>", '"h"',
               content_type="text/html")
    feeds += [FeedSource(url=server.url_for("/not-a-feed.xml")), FeedSource(url=server.url_for("/html.xml"))]
    from storywatch.sources.http import Fetcher

    config = settings_for(feeds)
    with Fetcher(config.fetch) as fetcher:
        jobs, failures, polls = ingest.poll_feeds(config, store, fetcher, NOW)
    assert sorted((job.feed.url, job.entry.link) for job in jobs) == sorted(
        (server.url_for(f"/feed-{n}.xml"), server.url_for(f"/page-{n}.html"))
        for n in range(workers.PARALLEL_MIN + 2))
    reasons = {f.source: f.reason for f in failures}
    assert set(reasons) == {server.url_for("/not-a-feed.xml"), server.url_for("/html.xml")}
    assert reasons[server.url_for("/not-a-feed.xml")] == "not a feed: content type image/png"
    assert reasons[server.url_for("/html.xml")].startswith("not an RSS or Atom feed")
    assert len(polls) == workers.PARALLEL_MIN + 2  # the failed two keep their old validators


def test_a_batch_prepared_as_its_pages_come_equals_the_batch_prepared_after_fetching(server, store):
    """pipeline.prepare_batch hands each page to the workers as it comes: the same articles,
    signatures, claims, failures and entry outcomes, in the same order, as fetching the whole batch
    (ingest.fetch_pages) and then preparing it, with pages that fail, fall back to their summary or
    have none, and seed documents before them."""
    from storywatch.sources.http import Fetcher

    entries = []
    for i in range(30):
        path = f"/p{i}.html"
        if i % 7 == 3:
            server.expect_request(path).respond_with_data("gone", status=404)
        else:
            text = f"Sergei Lavrov said on day {i} that the talks in Geneva would resume. " * 3 + \
                   f"Page {i} has enough article text to be stored as an article of its own. " * 4
            server.expect_request(path).respond_with_data(page(f"Page {i}", text), content_type="text/html")
        summary = f"The feed's own summary of entry {i}, long enough to be stored as text." if i % 2 else ""
        entries.append((f"Entry {i}", server.url_for(path), summary))
    serve_feed(server, "/batch.xml", rss(entries), '"b"')
    settings = settings_for([FeedSource(url=server.url_for("/batch.xml"))])
    seeds = [Document(source=f"seed{i}.txt", name=f"seed{i}.txt", kind="txt",
                      content=f"A seed document about the budget, number {i}, with text enough.".encode())
             for i in range(3)]
    with Fetcher(settings.fetch) as fetcher:
        jobs, _, _ = ingest.poll_feeds(settings, store, fetcher, NOW)
        streamed, failures, outcomes = pipeline.prepare_batch(seeds, settings, jobs, fetcher,
                                                              pipeline.FetchTurn())
        pages, whole_failures, whole_outcomes = ingest.fetch_pages(jobs, settings, fetcher)
    whole = prepare.prepare_documents(seeds + pages, settings)
    assert len(jobs) == 30 and len(streamed.articles) > 20 and len(failures) == 4
    assert streamed.articles == whole.articles
    assert streamed.signatures == whole.signatures and streamed.claims == whole.claims
    assert any(streamed.claims)
    assert streamed.failures == whole.failures
    assert failures == whole_failures and outcomes == whole_outcomes
