"""Split article text into sentence units with character offsets.

News text is hard on naive splitters: quotes span sentences, abbreviations end in periods,
headlines and captions have no final punctuation. A unit here is one sentence, except that a
quotation is never cut: a quote that runs over several sentences stays one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

DOUBLE_OPEN, DOUBLE_CLOSE = "“«„", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sen rep gov gen col lt sgt capt st jr sr inc corp ltd co no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft u.s u.k u.n e.u a.m p.m i.e e.g "
    "approx dept est fig rev".split()
)
_END = re.compile(r"[.!?…]+")
YEAR_CUT_SHORT = re.compile(r"\d\d(?:s)?(?![\w’'])")  # "’08", "‘90s" after the apostrophe
_MARKS = re.compile(r"[“«„”»\"‘‹’›'.!?…]")
# (the sets of marks the splitter asks about at every mark, joined once)
_QUOTE_CLOSES = DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
_CLOSES_AFTER_END = _QUOTE_CLOSES + ")]"  # what may follow a sentence's final stop: .” .') .]
_OPENS_A_SENTENCE = DOUBLE_OPEN + SINGLE_OPEN + "\"'(["


@dataclass(frozen=True)
class Unit:
    """A sentence (or a whole multi-sentence quotation) at text[start:end]."""

    start: int
    end: int
    paragraph: int
    kind: Literal["sentence", "heading", "question"]


def split_units(text: str) -> list[Unit]:
    """All units of a text, in order; headings and questions are marked as such."""
    units: list[Unit] = []
    for paragraph, (start, end) in enumerate(_paragraphs(text)):
        heading = _CAPITALS_HEADING.match(text, start, end)
        if heading:  # "DNC CHAIR RESIGNS After months of ...": a digest's heading, then its item
            units.append(Unit(start, heading.end(1), paragraph, "heading"))
            start = heading.end()
        spans = _split_paragraph(text, start, end)
        for s, e in spans:
            units.append(Unit(s, e, paragraph, _kind(text[s:e], len(spans))))
    return units


# A paragraph that opens with a heading in capitals run into its first sentence, as newsletters and
# digests set them ("TOP STORY HEADLINE IN CAPITALS  The first sentence ..."): three or more words
# in capitals, then a capitalised word in lower case. Not a dateline ("WASHINGTON (AP) — ..."),
# which is followed by a dash, nor a sentence about an acronym ("NATO said"), which is one word.
_CAPITALS_HEADING = re.compile(r"((?:[A-Z0-9][A-Z0-9’'&.,:-]*\s+){2,}[A-Z0-9][A-Z0-9’'&.,:-]*[A-Z0-9])"
                               r"[\s\u00a0]+(?=[A-Z][a-z])")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The spans of the text's lines that are not blank, without the spaces around them."""
    return [match.span() for match in _LINE.finditer(text)]


# A line from its first character to its last that is not a space: what str.strip() leaves of each
# line of text.split("\n") (\s is what str.isspace() accepts; "\r" and the like stay inside a line)
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph at sentence ends that lie outside quotations."""
    spans, unit_start, depth_double, in_single = [], start, False, False
    i = start
    while i < end:
        mark = _MARKS.search(text, i, end)  # jump to the next character that matters
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch == "'" and nxt == "'" and not in_single:
            # '' is a double quotation mark typed as two apostrophes (``...'' in some wire copy)
            depth_double = not prev.isalnum() and prev not in ".,!?;:…" and not depth_double
            i += 2
            if not depth_double and i < end and text[i - 3] in ".!?…" \
                    and _next_starts_sentence(text, i, end) \
                    and not (text[i - 3] in "?!" and _SPEAKER_AFTER.match(text, i, end)):
                spans.append((unit_start, i))
                unit_start = _skip_space(text, i, end)
                i = unit_start
            continue
        if ch in DOUBLE_OPEN:
            depth_double = True
        elif ch in DOUBLE_CLOSE:
            depth_double = False
        elif ch == '"':
            depth_double = not depth_double
        elif ch in SINGLE_OPEN or (ch == "'" and not prev.isalnum()):
            # (not the apostrophe of a year cut short, "in ‘08", "the ‘90s", which opens nothing)
            if not prev.isalnum() and not nxt.isspace() and not YEAR_CUT_SHORT.match(text, i + 1, end):
                in_single = True
        elif ch in SINGLE_CLOSE or ch == "'":
            if in_single and not prev.isspace() and not nxt.isalnum():
                in_single = False
        elif ch in ".!?…" and not depth_double and not in_single:
            match = _END.match(text, i, end)
            assert match is not None  # text[i] is one of .!?… and i < end: the pattern matches there
            stop = match.end()
            while stop < end and text[stop] in _CLOSES_AFTER_END:
                stop += 1
            if _is_boundary(text, unit_start, i, stop, end):
                spans.append((unit_start, stop))
                unit_start = _skip_space(text, stop, end)
                i = unit_start
                continue
            i = stop
            continue
        i += 1
        # A quotation closed by punctuation ends the sentence with it: `…it.” He said`
        if i < end and not depth_double and not in_single and ch in _QUOTE_CLOSES:
            before = text[i - 2] if i - 2 >= start else ""
            if before in ".!?…" and _next_starts_sentence(text, i, end) \
                    and not (before in "?!" and _SPEAKER_AFTER.match(text, i, end)):
                spans.append((unit_start, i))
                unit_start = _skip_space(text, i, end)
                i = unit_start
    if unit_start < end:
        spans.append((unit_start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# A question or exclamation mark closing a quotation stands for the comma before its speaker, so
# the sentence runs on when the speaker follows: "“Who do they think they are?” Trump said of ...",
# "“Why now?” asked Jane Roe." (not "“Why now?” Trump took the stage ...")
_SAID = r"(?:said|says|asked|asks|added|adds|wrote|writes|told|tells|replied|continued|shouted|yelled|" \
        r"joked|quipped|tweeted|wondered|exclaimed|responded|declared|insisted|recalled|explained)"
_SPEAKER_AFTER = re.compile(rf"\s+(?:(?:[A-Z][\w.’'-]*\s+){{1,4}}|(?:he|she|they|I|we)\s+)"
                            rf"(?:\w+ly\s+)?{_SAID}\b|\s+{_SAID}\s+(?:[A-Z]|the\s|a\s|an\s)")


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where sentences end in text[start:end] read as plain prose, quotation marks aside: the
    sentences of what someone says inside one quotation ("I never met him. He lies.")."""
    ends = []
    for match in _END.finditer(text, start, end):
        stop = match.end()
        while stop < end and text[stop] in _CLOSES_AFTER_END:
            stop += 1
        if stop < end and _is_boundary(text, start, match.start(), stop, end):
            ends.append(stop)
    return ends


def _is_boundary(text: str, unit_start: int, dot: int, stop: int, end: int) -> bool:
    if stop >= end:
        return True
    if not text[stop].isspace():
        return False
    if _WIRE_CREDIT.match(text, stop, end):
        # "RENO, Nev. (AP) — ...": a dateline's place, then the wire's name and a dash, opens the
        # sentence; the period was the abbreviation's
        return False
    if text[dot] == ".":
        token = _word_before(text, max(unit_start, dot - 60), dot).lower()
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()) \
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S, e.g
            # an abbreviation ends no sentence, unless a subject pronoun follows, which no name or
            # title runs on into ("... in Washington D.C. He recalled ...")
            return _PRONOUN_OPENING.match(text, stop) is not None
    return _next_starts_sentence(text, stop, end)


_WIRE_CREDIT = re.compile(r"\s+\([A-Z][A-Za-z .&]{0,30}\)\s*(?:--|[-—–―])")
_PRONOUN_OPENING = re.compile(r"\s+(?:He|She|They|We|It|I)\s")


def _word_before(text: str, start: int, end: int) -> str:
    r"""The run of word characters and dots that ends at `end`, from `start` at the earliest ('' if
    none): what re.search(r"([\w.]+)$", ...) finds, without trying the pattern at every position of
    the window (\w is what str.isalnum() accepts, and "_"; "$" also matches before a final "\n")."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    pos = end
    while pos > start and (text[pos - 1].isalnum() or text[pos - 1] in "._"):
        pos -= 1
    return text[pos:end]


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    pos = _skip_space(text, pos, end)
    if pos >= end:
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in _OPENS_A_SENTENCE


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _kind(sentence: str, units_in_paragraph: int) -> Literal["sentence", "heading", "question"]:
    stripped = sentence.rstrip(_QUOTE_CLOSES + ") ")
    if stripped.endswith("?"):
        return "question"
    if units_in_paragraph == 1 and stripped[-1:] not in ".!…:;," and len(sentence.split()) <= 12:
        return "heading"
    return "sentence"
