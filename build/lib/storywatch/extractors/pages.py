"""A fetched page -> Article: decode with the right charset, main text, metadata. No I/O.

Also a feed entry's own summary -> Article, when its page cannot be fetched (marked as such)."""

from __future__ import annotations

import codecs
import functools
import re
from typing import TypeGuard

from storywatch.errors import Rejected
from storywatch.records import Article, Document

from .metadata import page_metadata
from .text import content_fingerprint, normalise_text

MIN_TEXT_CHARS = 40
# Under this many characters of fast-mode text, trafilatura's whole cascade runs instead: its own
# threshold (MIN_EXTRACTED_SIZE) below which it calls an extraction too short and tries jusText.
FULL_CASCADE_BELOW = 250
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_html(content: bytes, http_charset: str | None = None) -> str:
    """The page as text: BOM, then the HTTP charset, then <meta charset>, then UTF-8, then a guess.

    A declared charset that does not decode the bytes is wrong (it happens), so the next is tried."""
    if b"\x00" in content[:1024] and not content.startswith(tuple(b for b, _ in BOMS[1:])):
        raise Rejected("binary content, not an HTML page")
    for bom, codec in BOMS:
        if content.startswith(bom):
            text = _decode(content, codec, strict=False)
            if text is not None:  # always: a BOM's codec exists, and "replace" does not fail
                return text
    meta = META_CHARSET.search(content[:4096])
    candidates = [http_charset, meta.group(1).decode("ascii", "ignore") if meta else None, "utf-8"]
    for charset in candidates:
        text = _decode(content, charset, strict=True) if charset else None
        if text is not None:
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        text = _decode(content, best.encoding, strict=False)
        if text is not None:  # None: a codec name Python does not know
            return text
    raise Rejected("cannot tell the page's text encoding")


def _decode(content: bytes, charset: str, strict: bool) -> str | None:
    try:
        codec = codecs.lookup(charset.strip().lower()).name
    except LookupError:
        return None
    if codec in ("ascii", "latin-1", "iso8859-1"):  # browsers read these as windows-1252
        codec = "cp1252"
    try:
        return content.decode(codec, "strict" if strict else "replace")
    except UnicodeDecodeError:
        return None


def main_text(html, fast: bool = True) -> str:
    """The article's text, by trafilatura with tables and without comments, in its fast mode: on
    the 61 pages of benchmarks/extraction.py this scores shingle F1 0.962 where its defaults score
    0.951 (favor_recall 0.950, favor_precision 0.949, without tables 0.943), and the fast mode's
    text is identical to the full cascade's on all 61 at about half the cost. `fast=False` runs the
    whole cascade (its own extractor, then readability and jusText as fallbacks), for pages where
    the fast mode finds little. `html` is text or a tree from parse_html (which trafilatura then
    changes: read its metadata first)."""
    import trafilatura  # slow to import; only pages need it

    return normalise_text(trafilatura.extract(html, include_comments=False, fast=fast) or "")


def parse_html(html: str):
    """The page parsed once, for metadata and then main text: as trafilatura.utils.load_html parses
    it (its repairs, its parser options, its rejection of what is not HTML, None then), with one
    change: every element is an lxml.html HtmlElement by lxml's own C lookup. lxml.html's lookup
    is a Python call per element object (to make forms and inputs their own classes, which
    trafilatura never uses); without it extraction takes about 4% less CPU, and the text and
    metadata are the same (tests/test_documents.py)."""
    from lxml.etree import LxmlError
    from lxml.html import fromstring
    from trafilatura.utils import fromstring_bytes, is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    as_bytes = False
    try:
        tree = fromstring(html, parser=_html_parser())
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree, as_bytes = fromstring_bytes(html), True
    except LxmlError:  # an empty document, say: trafilatura tries the bytes then
        tree = None
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = fromstring_bytes(html)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


@functools.cache
def _html_parser():
    """trafilatura's HTML parser (utils.HTML_PARSER), but with lxml's C-level class lookup."""
    from lxml import etree, html

    parser = html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                             remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=html.HtmlElement, comment=html.HtmlComment, pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity))
    return parser


def parse_page(document: Document) -> Article:
    """A fetched HTML page (document.url set) -> Article keyed by the page's canonical link (or
    its URL); flows/pipeline.py normalises that key with sources.urls.canonical_url."""
    html = decode_html(document.content, document.hints.get("charset"))
    tree = parse_html(html)
    meta = page_metadata(tree if tree is not None else html, document.url)
    text = main_text(tree if tree is not None else html)
    if len(text) < FULL_CASCADE_BELOW:  # little text: let the fallback extractors have a go
        text = main_text(html, fast=False)
    hints = document.hints
    if len(text) < MIN_TEXT_CHARS:
        raise Rejected(f"no article text on the page (only {len(text)} characters)")
    url = document.url or document.name
    key_url = meta.canonical_url if _same_site(meta.canonical_url, url) else url
    return Article(
        key=key_url, url=url, title=meta.title or hints.get("title"),
        outlet=meta.outlet or hints.get("outlet"),
        published=meta.published or _iso(hints.get("published")), text=text,
        content_hash=content_fingerprint(text), origin=document.source, byline=meta.byline,
    )


def parse_summary(document: Document) -> Article:
    """The feed's own summary of an entry, used when its page could not be fetched."""
    text = normalise_text(document.content.decode("utf-8", "replace"))
    hints = document.hints
    if len(text) < MIN_TEXT_CHARS:
        raise Rejected(f"the feed's summary is too short to use (only {len(text)} characters)")
    url = document.url or document.name
    return Article(key=url, url=url, title=hints.get("title"), outlet=hints.get("outlet"),
                   published=_iso(hints.get("published")), text=text,
                   content_hash=content_fingerprint(text), origin=document.source, from_summary=True)


def _same_site(canonical: str | None, url: str) -> TypeGuard[str]:
    """Trust a page's canonical link only within its own site: a page cannot claim another's key.
    A site is the registrable domain by the public suffix list (bbc.co.uk, not co.uk), or the
    whole host for an address or a single-label name."""
    if not canonical:
        return False
    return _site(canonical) == _site(url)


def _site(url: str) -> str:
    from urllib.parse import urlsplit

    from tld import get_fld  # its public suffix list ships with it: no download

    host = (urlsplit(url).hostname or "").lower()
    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def _iso(value: str | None):
    from datetime import datetime

    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
