"""RSS 0.9x/1.0/2.0 and Atom, parsed with feedparser from bytes we fetched ourselves.

feedparser is never given a URL (it would fetch it, bypassing the guard in http.py). Documents that
declare XML entities are refused before parsing: expat limits entity amplification, but a feed has no
business declaring entities, and refusing them makes "billion laughs" a one-line reason.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from storywatch.errors import Rejected

ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.IGNORECASE | re.DOTALL)
# What may stand before a document's DOCTYPE: a byte order mark, space, processing instructions
# (the XML declaration) and comments, however long.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                "application/octet-stream", "application/gzip", "application/x-gzip")


def declares_entities(content: bytes) -> bool:
    """Whether the document declares XML entities in its DOCTYPE, wherever that stands: after a
    comment of any length as well as at the top."""
    if ENTITY_DECLARATION.search(content[:65_536]):
        return True
    prolog = _PROLOG.match(content)
    return prolog is not None and ENTITY_DECLARATION.match(content, prolog.end()) is not None


@dataclass(frozen=True)
class FeedEntry:
    key: str  # the entry's id, else its link: what the feed state remembers
    link: str | None
    title: str | None
    summary: str  # plain text
    published: str | None  # ISO 8601
    fingerprint: str  # changes when the feed says the entry changed


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    warning: str | None = None  # feedparser's complaint about a feed it could still read


def parse_feed(content: bytes, content_type: str | None = None, charset: str | None = None,
               base_url: str = "") -> ParsedFeed:
    """Entries of a feed; raises Rejected with a reason when it cannot be read as a feed."""
    if not content.strip():
        raise Rejected("empty feed")
    if content_type and content_type.startswith(BINARY_TYPES):
        raise Rejected(f"not a feed: content type {content_type}")
    if declares_entities(content):
        raise Rejected("refused: the feed declares XML entities")
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    try:
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers,
                                  resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's failures are many; each becomes a reason
        raise Rejected(f"unreadable feed: {_one_line(exc)}") from exc
    problem = _one_line(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        raise Rejected(f"not an RSS or Atom feed{': ' + problem if problem else ''}")
    entries = [e for e in (_entry(raw) for raw in parsed.entries) if e is not None]
    title = (parsed.feed.get("title") or "").strip() or None
    return ParsedFeed(title=title, entries=entries, warning=problem)


def newest_entries(entries: list[FeedEntry], limit: int) -> list[FeedEntry]:
    """The `limit` newest entries, by their date (published, else updated), in document order.

    Feeds list entries newest first by convention, but some list them oldest first: taking the first
    `limit` in document order would never look at such a feed's newest entries. So dated entries
    compete by date (on a tie the earlier in the document wins). An entry without a date keeps its
    slot in the document and the other slots go to the dated entries, newest first; the first
    `limit` slots are taken. So an undated entry is considered exactly when it is among the first
    `limit` in the document, as before, and a feed without dates is read in document order.
    """
    if len(entries) <= limit:
        return list(entries)
    dated = sorted((i for i, e in enumerate(entries) if e.published),
                   key=lambda i: (-_timestamp(entries[i].published), i))
    newest_first = iter(dated)
    slots = [i if not e.published else next(newest_first) for i, e in enumerate(entries)]
    return [entries[i] for i in sorted(slots[:limit])]


def _timestamp(iso: str | None) -> float:
    return datetime.fromisoformat(iso).timestamp() if iso else 0.0


def _entry(raw) -> FeedEntry | None:
    link = (raw.get("link") or "").strip() or None
    if link and not link.lower().startswith(("http://", "https://")):
        link = None
    key = (raw.get("id") or "").strip() or link
    title = _text(raw.get("title")) or None
    summary = _text(raw.get("summary") or _first_content(raw))
    if not key:
        if not (title or summary):
            return None
        key = "sha:" + hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()[:32]
    updated_parsed = dict.get(raw, "updated_parsed")  # plain dict access: no feedparser fallback
    published = _time(dict.get(raw, "published_parsed") or updated_parsed)
    updated = _time(updated_parsed) or ""
    fingerprint = hashlib.sha256(
        "\n".join((link or "", published or "", updated, title or "", summary)).encode()).hexdigest()[:32]
    return FeedEntry(key=key[:1000], link=link, title=title, summary=summary, published=published,
                     fingerprint=fingerprint)


def _first_content(raw) -> str:
    for content in raw.get("content") or []:
        if content.get("value"):
            return content["value"]
    return ""


def _text(value: str | None) -> str:
    """Plain text of a (sanitised) HTML fragment."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(value, "html.parser")
    blocks = [" ".join(s.split()) for s in soup.get_text("\n").split("\n")]
    return "\n".join(b for b in blocks if b)


def _time(value: Sequence[int] | None) -> str | None:
    """A feed's parsed time (feedparser's 9-tuple, UTC) as ISO text; None when absent or not a date."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = value[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:300]
