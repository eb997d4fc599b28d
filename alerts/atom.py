"""The alerts as an Atom feed (RFC 4287), the way Google Alerts and changedetection.io offer theirs:
any feed reader subscribes to it and shows each alert once.

Written with lxml's element tree, so every text and attribute is escaped by the serializer, never
by hand (feedgen, the usual library, drops every attribute of an entry's links in its last release:
lkiesow/python-feedgen#135, open since 2024). An alert's entry keeps its key as its id (a reader
dedupes on it), its writing time as `updated`, the subject line as title, the plain text as summary
and the HTML rendering as content, and links to its articles. A pure function: the caller reads
the store and passes `now` in.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from urllib.parse import quote

from lxml import etree

from storywatch.records import StoredAlert

from .render import render_html, render_text, subject_line

ATOM_NS = "http://www.w3.org/2005/Atom"
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
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    _text(feed, "id", f"{FEED_ID}:{figure_slug(figure)}" if figure else FEED_ID)
    _text(feed, "title", f"storywatch alerts: {figure}" if figure else "storywatch alerts")
    _text(feed, "subtitle", "New stories and developments about the people storywatch tracks")
    _text(feed, "updated", _timestamp(max((a.created_at for a in alerts), default=now, key=_aware)))
    _text(_child(feed, "author"), "name", "storywatch")
    _text(feed, "generator", "storywatch", uri="https://github.com/storywatch/storywatch")
    if self_url:
        _child(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    for stored in alerts:
        _entry(feed, stored)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(feed: etree._Element, stored: StoredAlert) -> None:
    alert = stored.alert
    entry = _child(feed, "entry")
    _text(entry, "id", entry_id(alert.key))
    _text(entry, "title", subject_line(alert), type="text")
    _text(entry, "updated", _timestamp(stored.created_at))
    _text(entry, "published", _timestamp(stored.created_at))
    seen: set[str] = set()
    for item in alert.items:
        url = _xml_text(item.url or "")
        if not url.startswith(("http://", "https://")) or url in seen:
            continue
        # Atom allows one alternate link per entry: the first article; the others are related.
        _child(entry, "link", rel="related" if seen else "alternate", type="text/html", href=url,
               title=item.title or item.outlet or url)
        seen.add(url)
    for name in alert.figures:
        _child(entry, "category", term=figure_slug(name), label=name)
    _text(entry, "summary", render_text(alert), type="text")
    _text(entry, "content", render_html(alert), type="html")


def _child(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}",
                            {k: _xml_text(v) for k, v in attributes.items()})


def _text(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = _child(parent, tag, **attributes)
    element.text = _xml_text(text)
    return element


def _timestamp(value: datetime) -> str:
    return _aware(value).astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _aware(value: datetime) -> datetime:
    """SQLite returns naive datetimes; the store writes UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)
