"""Pure parts of ingestion: canonical URLs, feed parsing, page metadata, charsets, near-duplicates;
and the feed-parser corpus served as feeds in one pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from storywatch.config import FeedSource
from storywatch.errors import Rejected
from storywatch.extractors.metadata import page_metadata
from storywatch.extractors.pages import decode_html
from storywatch.signatures import lsh_bands, minhash, similarity
from storywatch.sources.feeds import newest_entries, parse_feed
from storywatch.sources.urls import canonical_url

from .conftest import SHARED_EVAL
from .test_ingest import NOW, run_feeds, settings_for

FEED_TESTS = SHARED_EVAL / "feeds" / "tests"
CORPUS = sorted([*(FEED_TESTS / "illformed").rglob("*.xml"), *(FEED_TESTS / "encoding").rglob("*.xml")])


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://www.example.com/news/story?utm_source=rss&utm_medium=feed#comments",
     "https://example.com/news/story"),
    ("http://m.example.com/news/story/", "https://example.com/news/story"),
    ("https://amp.example.com/news/story/amp/", "https://example.com/news/story"),
    ("https://example.com/news/story.amp.html", "https://example.com/news/story.html"),
    ("https://example.com/a?id=7&fbclid=x&b=1", "https://example.com/a?b=1&id=7"),
    ("HTTPS://EXAMPLE.com:443/A", "https://example.com/A"),
    ("http://127.0.0.1:8080/p?id=3&gclid=z", "http://127.0.0.1:8080/p?id=3"),
])
def test_canonical_urls_drop_tracking_fragments_amp_and_mobile(url, canonical):
    assert canonical_url(url) == canonical


def test_metadata_from_json_ld_opengraph_and_meta_tags():
    html = """<html><head><title>Site | Headline</title>
      <link rel="canonical" href="/news/lavrov">
      <meta property="og:site_name" content="The Example Times">
      <meta property="og:title" content="OG headline">
      <meta name="author" content="By Jane Doe">
      <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "x"},
        {"@type": "NewsArticle", "headline": "Where is Lavrov?", "datePublished": "2025-11-05T09:00:00Z",
         "dateModified": "2025-11-05T11:30:00+00:00", "author": [{"@type": "Person", "name": "Ann Smith"}],
         "publisher": {"@type": "Organization", "name": "Example Times Ltd"}}]}</script>
      </head><body></body></html>"""
    meta = page_metadata(html, "https://example.com/x/y")
    assert meta.title == "Where is Lavrov?" and meta.byline == "Ann Smith"
    assert meta.published.isoformat() == "2025-11-05T09:00:00+00:00"
    assert meta.updated.isoformat() == "2025-11-05T11:30:00+00:00"
    assert meta.canonical_url == "https://example.com/news/lavrov"
    assert meta.outlet == "The Example Times"
    bare = page_metadata('<meta name="author" content="By Jane Doe"><title>T</title>'
                         '<time datetime="2025-01-02T03:04:05Z">x</time>')
    assert (bare.title, bare.byline, bare.published.year) == ("T", "Jane Doe", 2025)


def test_a_declared_charset_that_does_not_fit_is_not_trusted():
    text = "Министр иностранных дел Сергей Лавров не появился на заседании Совета безопасности."
    assert decode_html(f"<p>{text}</p>".encode("cp1251"), "utf-8").endswith(f"{text}</p>")
    assert decode_html(f'<meta charset="koi8-r"><p>{text}</p>'.encode("koi8_r")).endswith(f"{text}</p>")
    assert decode_html("<p>café</p>".encode("utf-16")) == "<p>café</p>"
    with pytest.raises(Rejected, match="binary"):
        decode_html(b"\0\1\2\3" * 100)


def test_feeds_are_parsed_from_bytes_and_bad_ones_rejected_with_a_reason():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            b'<entry><id>urn:1</id><title>One</title><link href="/a"/><updated>2025-11-05T08:00:00Z'
            b"</updated><summary type=\"html\">&lt;p&gt;Hello &lt;b&gt;there&lt;/b&gt;&lt;/p&gt;</summary>"
            b"</entry></feed>")
    feed = parse_feed(atom, "application/atom+xml", None, "http://127.0.0.1:9/feed")
    assert feed.title == "T" and len(feed.entries) == 1
    entry = feed.entries[0]
    assert (entry.key, entry.link, entry.summary) == ("urn:1", "http://127.0.0.1:9/a", "Hello\nthere")
    for content, reason in [(b"", "empty feed"), (b"<html><body>hi</body></html>", "not an RSS or Atom"),
                            (b"\x89PNG", "not a feed: content type image/png")]:
        with pytest.raises(Rejected, match=reason):
            parse_feed(content, "image/png" if content.startswith(b"\x89") else "text/html")


def test_the_newest_entries_are_kept_by_date_and_undated_ones_keep_their_place():
    def rss(dates: list[str | None]) -> bytes:
        items = "".join(f"<item><guid>urn:{i}</guid><title>{i}</title>"
                        + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>"
                        for i, d in enumerate(dates))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
                "</channel></rss>").encode()

    def kept(dates: list[str | None], limit: int) -> list[str]:
        return [e.key for e in newest_entries(parse_feed(rss(dates), "application/rss+xml").entries, limit)]

    day = "{:02d} Nov 2025 08:00:00 GMT".format
    assert kept([day(d) for d in range(1, 7)], 2) == ["urn:4", "urn:5"]  # oldest first: the last two
    assert kept([day(d) for d in range(6, 0, -1)], 2) == ["urn:0", "urn:1"]  # newest first
    assert kept([None] * 5, 2) == ["urn:0", "urn:1"]  # no dates: document order
    # undated entries keep their slots; the dated ones fill the rest, newest first, in document order
    assert kept([day(1), None, day(3), day(2), None, day(5)], 3) == ["urn:1", "urn:2", "urn:5"]
    assert kept([day(1), day(1), day(1)], 2) == ["urn:0", "urn:1"]  # ties: document order
    # updated when there is no published date (Atom)
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            + "".join(f"<entry><id>urn:{i}</id><title>{i}</title>"
                      f"<updated>2025-11-0{i + 1}T08:00:00Z</updated></entry>" for i in range(4))
            + "</feed>").encode()
    assert [e.key for e in newest_entries(parse_feed(atom, "application/atom+xml").entries, 1)] == ["urn:3"]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(FEED_TESTS)))
def test_every_corpus_feed_is_parsed_or_rejected_with_a_reason(path: Path):
    try:
        feed = parse_feed(path.read_bytes(), *_declared_type(path), base_url="http://127.0.0.1/")
    except Rejected as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert feed.entries is not None


def _declared_type(path: Path) -> tuple[str | None, str | None]:
    """The Content-Type the feedparser test file says it is served with."""
    match = re.search(rb"Header:\s*Content-type:\s*([^\n;]+)(?:;\s*charset=['\"]?([\w.-]+))?",
                      path.read_bytes()[:1000], re.IGNORECASE)
    if not match:
        return "application/xml", None
    return match.group(1).decode().strip().lower(), (match.group(2) or b"").decode() or None


def test_a_pass_over_the_whole_corpus_served_as_feeds_completes(store):
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        feeds = []
        for index, path in enumerate(CORPUS):
            media, charset = _declared_type(path)
            server.expect_request(f"/{index}.xml").respond_with_data(
                path.read_bytes(), content_type=media + (f"; charset={charset}" if charset else ""))
            feeds.append(FeedSource(url=server.url_for(f"/{index}.xml"), name=path.name))
        # entries link to made-up hosts: read their summaries, never resolve those names
        settings = settings_for(feeds, pages=False)
        result = run_feeds(settings, store, NOW)
    finally:
        server.stop()
    assert len(CORPUS) >= 90
    assert all(f.reason and "\n" not in f.reason for f in result["failed"])
    rejected = [f for f in result["failed"] if f.source in {feed.url for feed in feeds}]
    assert len(rejected) < len(feeds) // 10  # most are read despite their flaws
    assert result["articles"]  # entries with a usable summary became articles


def test_near_duplicates_are_found_by_band_and_told_from_different_texts():
    base = " ".join(f"word{i} appears in sentence {i // 7} of the wire story" for i in range(120))
    copy = "LONDON (Wire) - " + base[: int(len(base) * 0.9)] + " Reporting by someone."
    other = " ".join(f"token{i} is part of another article {i // 5}" for i in range(120))
    a, b, c = minhash(base), minhash(copy), minhash(other)
    assert similarity(a, b) > 0.7 and similarity(a, c) < 0.2
    assert set(lsh_bands(a)) & set(lsh_bands(b)) and not set(lsh_bands(a)) & set(lsh_bands(c))


def test_signatures_stay_what_the_store_holds():
    """Stored signatures are compared with new ones: a change to shingling or hashing would make
    every stored article look different. These values are the signature since migration 0006."""
    text = ("Russia's foreign minister Sergei Lavrov said on Monday that talks on grain exports "
            "would resume in Istanbul within two weeks.")
    signature = minhash(text)
    assert len(signature) == 100
    assert signature[:5] == [3390959148, 736523379, 2377054906, 4017586433, 1363150664]
    assert sum(signature) == 213774469014
    assert minhash("") == minhash("...") == [2**32 - 1] * 100
    assert minhash("too few words") != minhash("too few")  # under five words: one shingle of all
