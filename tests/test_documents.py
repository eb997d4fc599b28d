import functools
import json

import pytest

from storywatch.errors import Rejected
from storywatch.extractors import parse_document
from storywatch.records import Document

BODY = "Sergei Lavrov met his counterpart on Monday and said the talks went well, officials said."


def doc(content: bytes, kind="txt", name="a.txt"):
    return Document(source=name, name=name, kind=kind, content=content)


def test_front_matter_sets_metadata_and_key():
    text = ("---\ntitle: Talks\nurl: https://example.org/a\nsource: Example\n"
            f"published: 2025-11-05\n---\n{BODY}")
    article = parse_document(doc(text.encode()))
    assert (article.title, article.url, article.outlet) == ("Talks", "https://example.org/a", "Example")
    assert article.key == "https://example.org/a"
    assert article.published.year == 2025
    assert article.text == BODY


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    ("Lavrov said ça va, très bien, à Moscou aujourd'hui.".encode("latin-1"), "not valid UTF-8"),
    (b"---\ntitle: x\n" + BODY.encode(), "never closed"),
    (b"---\ntitle: [unclosed\n---\n" + BODY.encode(), "not valid YAML"),
    (b"---\nauthor: x\n---\n" + BODY.encode(), "unknown front matter key"),
    (b"---\npublished: someday\n---\n" + BODY.encode(), "not a date"),
    (b"short", "no article text"),
])
def test_bad_documents_are_rejected_with_a_reason(content, reason):
    with pytest.raises(Rejected, match=reason):
        parse_document(doc(content))


def test_oversized_document_is_rejected():
    with pytest.raises(Rejected, match="too large"):
        parse_document(doc(b"a " * 3_000_000))


def test_whitespace_and_boilerplate_copies_share_a_fingerprint():
    a = parse_document(doc(f"{BODY}\n\nSecond paragraph here, with more words.".encode()))
    b = parse_document(doc(f"  {BODY}\n\n\nTo view this video please enable JavaScript\n"
                           f"Second   paragraph here,\nwith more words.".encode()))
    assert a.content_hash == b.content_hash


def test_html_is_reduced_to_main_text():
    html = (f"<html><head><title>Talks</title></head><body><nav>Home | News</nav><article><h1>Talks</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article><footer>Copyright</footer></body></html>")
    article = parse_document(doc(html.encode(), kind="html", name="a.html"))
    assert BODY in article.text
    assert "Copyright" not in article.text


def test_json_seed_needs_a_text_field():
    with pytest.raises(Rejected, match="'text' string"):
        parse_document(doc(b'{"title": "x"}', kind="json", name="a.json"))
    article = parse_document(doc(json.dumps({"title": "T", "text": BODY}).encode(), kind="json"))
    assert article.title == "T"


def test_only_a_page_with_little_fast_mode_text_goes_through_trafilaturas_whole_cascade(monkeypatch):
    from storywatch.extractors import pages
    from storywatch.records import Document

    cascades = []
    main_text = pages.main_text

    def spy(html, fast=True):
        if not fast:
            cascades.append(1)
        return main_text(html, fast)

    monkeypatch.setattr(pages, "main_text", spy)
    def sentence(day: int) -> str:
        return f"Sergei Lavrov said on day {day} that the talks in Geneva would resume. "

    def parsed(body: str) -> str:
        html = f"<html><body><article>{body}</article></body></html>".encode()
        return pages.parse_page(Document(source="p", name="p", kind="html", content=html,
                                         url="http://127.0.0.1/p")).text

    assert parsed("<p>" + sentence(1) + sentence(2) + "</p>").count("Lavrov") == 2 and len(cascades) == 1
    assert parsed("".join(f"<p>{sentence(day)}</p>" for day in range(8))).count("Lavrov") == 8
    assert len(cascades) == 1  # 8 sentences are over pages.FULL_CASCADE_BELOW: the fast text stands


@pytest.mark.parametrize("canonical, trusted", [
    ("https://news.bbc.co.uk/story-1", True),  # the same site, another host
    ("https://evil.co.uk/story-1", False),  # another site under the same public suffix
    ("https://bbc.com/story-1", False),
])
def test_a_canonical_link_is_trusted_only_within_the_pages_own_site(canonical, trusted):
    from storywatch.extractors.pages import parse_page

    body = "".join(f"<p>Sergei Lavrov said on day {day} that the talks would resume.</p>" for day in range(6))
    html = (f'<html><head><link rel="canonical" href="{canonical}"></head>'
            f"<body><article>{body}</article></body></html>").encode()
    url = "https://www.bbc.co.uk/news/story-1?ref=rss"
    article = parse_page(Document(source=url, name=url, kind="html", content=html, url=url))
    assert article.key == (canonical if trusted else url)


def _benchmark_pages() -> list[str]:
    import gzip

    from storywatch.extractors.pages import decode_html
    from tests.conftest import SHARED_EVAL

    folder = SHARED_EVAL / "extraction" / "html"
    return [decode_html(gzip.decompress(path.read_bytes())) for path in sorted(folder.glob("*.html.gz"))]


def test_our_parse_gives_the_text_and_metadata_trafilaturas_own_parse_gives():
    """parse_html swaps lxml.html's Python class lookup for lxml's C one (for speed); on the 61
    real pages of the extraction benchmark, main text and metadata must not change."""
    from trafilatura.utils import load_html

    from storywatch.extractors.metadata import page_metadata
    from storywatch.extractors.pages import main_text, parse_html

    pages_ = _benchmark_pages()
    assert len(pages_) == 61
    for html in pages_:
        ours, theirs = parse_html(html), load_html(html)
        assert type(ours).__name__ == "HtmlElement"
        url = "https://example.org/a"
        assert page_metadata(ours, url) == page_metadata(theirs, url)
        assert main_text(ours) == main_text(theirs)


@pytest.mark.parametrize("html", [
    "",  # lxml: "Document is empty"
    "just a line of text, no markup at all",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    "<!DOCTYPE html><html/><body><p>self-closing html tag</p></body>",
])
def test_odd_input_parses_as_trafilatura_parses_it(html):
    from lxml import etree
    from trafilatura.utils import load_html

    from storywatch.extractors.pages import parse_html

    ours, theirs = parse_html(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)


BOILERPLATE_LINES = [
    "To view this video please enable JavaScript", "a browser that supports HTML5 video", "Video",
    "browser that", "Get in touch with our news team", "For more stories like this, follow us",
    "Sign up to our newsletter", "Sign up for the newsletter today", "Credits: AP", "Photo: Reuters",
    "Images: Getty", "Advertisement", "Read more: the talks", "Share this article", "Share this story",
]


def _case_variants(line: str) -> list[str]:
    """The line with each letter in turn replaced by every other character that re.IGNORECASE
    matches it with (upper case, and such as "İ" for "i", "ſ" for "s", the Kelvin sign for "k")."""
    same = _ignorecase_equals()
    return [line[:i] + c + line[i + 1:] for i, a in enumerate(line) if a in same for c in same[a]]


@functools.cache
def _ignorecase_equals() -> dict[str, list[str]]:
    import re
    import string
    import sys

    letters = set(string.ascii_letters)
    near = [chr(c) for c in range(sys.maxunicode + 1)
            if letters.intersection(chr(c).lower() + chr(c).upper() + chr(c).casefold())]
    return {a: [c for c in near if c != a and re.fullmatch(a, c, re.IGNORECASE)] for a in letters}


def test_the_boilerplate_hints_skip_only_lines_the_regex_would_not_match():
    """is_boilerplate tests a few substrings before the regex (for speed); it must agree with the
    regex alone on every line of the 61 real pages, on boilerplate, and on every case variant."""
    from storywatch.extractors.text import BOILERPLATE, is_boilerplate

    lines = [" ".join(line.split()) for html in _benchmark_pages() for line in html.split("\n")]
    variants = [v for line in BOILERPLATE_LINES for v in [line, line.upper(), *_case_variants(line)]]
    assert {"ſign up to our newsletter", "Sİgn up to our newsletter", "Sıgn up for the newsletter today",
            "Read more: the talKs"} <= set(variants)  # the last with the Kelvin sign
    matched = 0
    for line in [*lines, *variants, *(f"{line} (AP)" for line in BOILERPLATE_LINES)]:
        assert is_boilerplate(line) == (BOILERPLATE.search(line) is not None), line
        matched += is_boilerplate(line)
    assert matched >= len(variants)  # every variant is boilerplate to both


def test_a_seed_that_links_outside_its_folder_is_refused_with_a_reason(tmp_path):
    """A seed folder holds its seeds: `passwd.txt -> /etc/passwd` is not read (issue #17)."""
    from storywatch.flows.seeds import read_seed_documents

    outside = tmp_path / "secret.txt"
    outside.write_text("not a seed")
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "real.txt").write_text("Maria Ivanova said the inquiry would report.")
    (folder / "alias.txt").symlink_to(folder / "real.txt")  # inside the folder: read
    (folder / "passwd.txt").symlink_to(outside)
    documents, failures = read_seed_documents([folder])
    assert sorted(d.name for d in documents) == ["alias.txt", "real.txt"]
    [failure] = failures
    assert failure.source.endswith("passwd.txt") and "outside its seed folder" in failure.reason
