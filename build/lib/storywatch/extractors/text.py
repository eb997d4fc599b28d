"""Text normalisation and fingerprints: what counts as 'the same text'."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

# Lines that outlets wrap around the article and that say nothing about the story.
BOILERPLATE = re.compile(
    r"enable JavaScript|supports HTML5|^video$|^browser that$|Get in touch with our|"
    r"For more stories like this|Sign up (?:to|for) (?:our|the) newsletter|"
    r"^(?:Credit|Photo|Image)s?:|^Advertisement$|^Read more:|^Share this (?:article|story)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Unify newlines and spaces, keep paragraphs; the result is the stored article text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


# Every match of BOILERPLATE holds one of these in the lower-cased line, so a line that holds none
# is not boilerplate and the regex (0.4 ms of a page's 13 when it ran on every line) need not run.
# None holds an "i" or an "s": IGNORECASE also matches those as "ı" and "ſ", which lower() keeps.
_BOILERPLATE_HINTS = ("enable java", "html5", "touch", "for more", "letter", "deo", "brow", "cred",
                      "photo", "mage", "read more", "advert", "hare th")


def is_boilerplate(line: str, lowered: str | None = None) -> bool:
    """Whether a line (spaces collapsed; `lowered` is line.lower()) matches BOILERPLATE."""
    lowered = line.lower() if lowered is None else lowered
    return any(hint in lowered for hint in _BOILERPLATE_HINTS) and BOILERPLATE.search(line) is not None


def content_lines(text: str) -> list[str]:
    """The lines that carry the article: no boilerplate, lower-cased, spaces collapsed."""
    lines = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if line:
            lowered = line.lower()
            if not is_boilerplate(line, lowered):
                lines.append(lowered)
    return lines


def content_fingerprint(text: str) -> str:
    """Hash of the article's words, blind to whitespace, line breaks, markup and boilerplate."""
    words = " ".join(content_lines(text)).split()
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    metadata: dict = field(default_factory=dict)


def html_to_text(html: str) -> ExtractedPage:
    """Main text and metadata of an HTML page, with trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    meta = trafilatura.extract_metadata(html)
    metadata = {}
    if meta is not None:
        for key, attr in (("title", "title"), ("url", "url"), ("source", "sitename"),
                          ("published", "date")):
            value = getattr(meta, attr, None)
            if value:
                metadata[key] = value
    return ExtractedPage(normalise_text(text or ""), metadata)
