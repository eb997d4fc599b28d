"""The alerts as an Atom feed (RFC 4287), the way Google Alerts and changedetection.io offer theirs:
any feed reader subscribes to it and shows each alert once.

Built with feedgen, which writes through lxml: every text is escaped by the serializer, never by
hand. An alert's entry keeps its key as its id (a reader dedupes on it), its writing time as
`updated`, the subject line as title, the plain text as summary and the HTML rendering as content,
and links to its articles. A pure function: the caller reads the store and passes `now` in.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from storywatch.records import StoredAlert

from .render import render_html, render_text, subject_line

ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_ID = "urn:storywatch:alerts"
# Characters XML 1.0 cannot carry at all (lxml refuses them rather than escape them): article text
# is hostile input, so they are dropped, as a browser would not show them either.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def figure_slug(name: str) -> str:
    """A figure's name as a URL path segment: 'Sergei Lavrov' -> 'sergei-lavrov'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or quote(name.strip().lower(), safe="")


def entry_id(alert_key: str) -> str:
    """An alert's Atom id: its key, as the absolute IRI Atom asks for."""
    return f"urn:storywatch:alert:{quote(alert_key, safe=':')}"


def atom_feed(alerts: list[StoredAlert], now: datetime, figure: str | None = None,
              self_url: str | None = None) -> bytes:
    """The Atom document of `alerts` (newest first), for one figure's feed or, without one, all."""
    feed = FeedGenerator()
    feed.id(f"{FEED_ID}:{figure_slug(figure)}" if figure else FEED_ID)
    feed.title(_xml_text(f"storywatch alerts: {figure}" if figure else "storywatch alerts"))
    feed.subtitle("New stories and developments about the people storywatch tracks")
    feed.author({"name": "storywatch"})
    feed.generator("storywatch", uri="https://github.com/storywatch/storywatch")
    if self_url:
        feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.updated(max((_aware(a.created_at) for a in alerts), default=_aware(now)))
    for stored in alerts:
        _add_entry(feed, stored)
    return feed.atom_str(pretty=True, encoding="UTF-8")


def _add_entry(feed: FeedGenerator, stored: StoredAlert) -> None:
    alert = stored.alert
    entry = feed.add_entry(order="append")
    entry.id(entry_id(alert.key))
    entry.title(_xml_text(subject_line(alert)))
    entry.updated(_aware(stored.created_at))
    entry.published(_aware(stored.created_at))
    entry.summary(_xml_text(render_text(alert)), type="text")
    entry.content(_xml_text(render_html(alert)), type="html")
    for name in alert.figures:
        entry.category(term=figure_slug(name), label=_xml_text(name))
    seen: set[str] = set()
    for item in alert.items:
        url = _xml_text(item.url or "")
        if not url.startswith(("http://", "https://")) or url in seen:
            continue
        # Atom allows one alternate link per entry: the first article; the others are related.
        entry.link(href=url, rel="related" if seen else "alternate", type="text/html",
                   title=_xml_text(item.title or item.outlet or url))
        seen.add(url)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; the store writes UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
