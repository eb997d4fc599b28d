"""OPML subscription lists, as every feed reader exports them, parsed with listparser from bytes.

listparser is never given a URL or a path string (a string starting with http is fetched by it);
documents that declare XML entities are refused first, as feeds are (feeds.py). Folders (nested
outlines) become tags, outermost first; a feed listed in several folders comes once, with all of
their names.
"""

from __future__ import annotations

from dataclasses import dataclass

import listparser

from storywatch.errors import Rejected

from .feeds import declares_entities

MAX_OPML_BYTES = 10_000_000  # a reader's export of thousands of feeds is well under 1 MB


@dataclass(frozen=True)
class ListedFeed:
    """One feed of a subscription list: its URL, its title there, and its folders as tags."""

    url: str
    title: str | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedOutline:
    """An outline that names a feed storywatch cannot poll, with the reason."""

    url: str
    reason: str


def parse_opml(content: bytes) -> tuple[list[ListedFeed], list[SkippedOutline]]:
    """The feeds of an OPML document, in document order; raises Rejected when it is not one."""
    if len(content) > MAX_OPML_BYTES:
        raise Rejected(f"refused: larger than {MAX_OPML_BYTES // 1_000_000} MB")
    if not content.strip():
        raise Rejected("empty file")
    if declares_entities(content):
        raise Rejected("refused: the document declares XML entities")
    parsed = listparser.parse(bytes(content))
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        raise Rejected(f"unreadable OPML: {parsed['bozo_exception']}")
    if not str(parsed.get("version", "")).startswith("opml"):
        raise Rejected("not an OPML subscription list (no <opml> root with a <body>)")
    feeds: list[ListedFeed] = []
    skipped: list[SkippedOutline] = []
    for raw in parsed["feeds"]:
        url = feed_url(str(raw.get("url") or ""))
        if url is None:
            skipped.append(SkippedOutline(str(raw.get("url") or ""), "not an http(s) URL"))
            continue
        folders = [name for path in raw.get("categories") or [] for name in path]
        folders += list(raw.get("tags") or [])
        tags = tuple(dict.fromkeys(" ".join(str(f).split()) for f in folders if str(f).strip()))
        title = " ".join(str(raw.get("title") or "").split()) or None
        feeds.append(ListedFeed(url=url, title=title, tags=tags))
    return _merged(feeds), skipped


def feed_url(given: str) -> str | None:
    """An http(s) feed URL, with the `feed:` scheme some readers export read as what it wraps."""
    url = given.strip()
    if url.lower().startswith("feed:"):
        rest = url[len("feed:"):]
        url = rest if rest.lower().startswith(("http://", "https://")) else "http:" + rest
    if not url.lower().startswith(("http://", "https://")) or len(url) > 2000:
        return None
    if any(c.isspace() for c in url):
        return None
    return url


def _merged(feeds: list[ListedFeed]) -> list[ListedFeed]:
    """One feed per URL: the first title, every folder."""
    by_url: dict[str, ListedFeed] = {}
    for feed in feeds:
        first = by_url.get(feed.url)
        by_url[feed.url] = feed if first is None else ListedFeed(
            first.url, first.title or feed.title, tuple(dict.fromkeys(first.tags + feed.tags)))
    return list(by_url.values())
