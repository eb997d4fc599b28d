"""Article metadata from HTML, with lxml: title, byline, published and updated times, canonical URL
and outlet, from JSON-LD first, then OpenGraph and other meta tags. No I/O.

lxml, not beautifulsoup4: building a soup of a 240 KB page cost as much as trafilatura's whole
extraction (benchmarks/run.py), and a page parsed once by lxml serves both this and trafilatura."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.etree import ParserError

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                 "blogposting", "webpage", "opinionnewsarticle", "backgroundnewsarticle", "report"}


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    canonical_url: str | None = None
    outlet: str | None = None


def page_metadata(html, base_url: str | None = None) -> PageMetadata:
    """Metadata of a page given as text or as an lxml tree (which is only read, never changed)."""
    tree = _tree(html) if isinstance(html, str) else html
    if tree is None:
        return PageMetadata()
    ld = _json_ld_article(tree)
    meta = _meta_tags(tree)
    titles = tree.xpath("//title")
    title = (_str(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
             or _str(titles[0].text_content() if titles else None))
    byline = _authors(ld.get("author")) or meta.get("author") or meta.get("article:author") \
        or meta.get("parsely-author") or meta.get("byl") or meta.get("dc.creator")
    if byline and byline.lower().startswith("by "):
        byline = byline[3:].strip()
    published = _time(ld.get("datePublished")) or _time(meta.get("article:published_time")) \
        or _time(meta.get("og:published_time")) or _time(meta.get("pubdate")) \
        or _time(meta.get("dc.date")) or _time(meta.get("date")) or _time(_time_tag(tree))
    updated = _time(ld.get("dateModified")) or _time(meta.get("article:modified_time")) \
        or _time(meta.get("og:updated_time"))
    canonical = None
    for link in tree.xpath("//link[@href and @rel]"):
        if "canonical" in link.get("rel").lower().split():
            canonical = link.get("href").strip()
            break
    canonical = canonical or meta.get("og:url") or _str(ld.get("url"))
    if canonical and base_url:
        canonical = urljoin(base_url, canonical)
    if canonical and not canonical.lower().startswith(("http://", "https://")):
        canonical = None
    publisher = ld.get("publisher")
    outlet = meta.get("og:site_name") or (
        _str(publisher.get("name")) if isinstance(publisher, dict) else _str(publisher)) \
        or meta.get("application-name")
    return PageMetadata(title=_clean(title), byline=_clean(byline), published=published,
                        updated=updated, canonical_url=canonical, outlet=_clean(outlet))


def _tree(html: str):
    try:
        return lxml_html.document_fromstring(html)
    except (ParserError, ValueError):  # empty, or a str with an encoding declaration
        try:
            return lxml_html.document_fromstring(html.encode("utf-8"))
        except (ParserError, ValueError):
            return None


def _meta_tags(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in tree.xpath("//meta"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = tag.get("content")
        if name and isinstance(content, str) and content.strip() and name not in found:
            found[name] = " ".join(content.split())
    return found


def _json_ld_article(tree) -> dict:
    for script in tree.xpath("//script[@type]"):
        if "ld+json" not in script.get("type").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for item in _walk(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
                return item
    return {}


def _walk(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"], depth + 1)


def _authors(value) -> str | None:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return ", ".join(dict.fromkeys(names)) or None


def _time_tag(tree) -> str | None:
    tags = tree.xpath("//time[@datetime]")
    return tags[0].get("datetime") if tags else None


def _time(value) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _str(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _clean(value: str | None) -> str | None:
    return " ".join(value.split())[:500] or None if value else None
