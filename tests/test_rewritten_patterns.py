"""Patterns rewritten for speed find what the patterns they replace found (the old ones kept here as
the reference), on every window of small texts built from the characters that matter to them."""

from __future__ import annotations

import itertools
import re

from storywatch.extractors.attribution import _POSSESSIVE_END
from storywatch.extractors.sentences import _word_before

_OLD_POSSESSIVE_END = re.compile(
    r"(?<!\bhe)(?<!\bshe)(?<!\bit)(?<!\bwho)(?<!\bthat)(?<!\bthere)(?<!\bwhat)"
    r"(?<!\bHe)(?<!\bShe)(?<!\bIt)(?<!\bThat)(?<!\bThere)(?<!\bWhat)['’]s$")
_OLD_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _windows(text: str):
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            yield start, end


def test_the_possessive_end_matches_where_the_old_pattern_did():
    words = ["he", "she", "it", "who", "that", "there", "what", "He", "She", "It", "That", "There",
             "What", "the", "Trump", "ahe", "whatever", "—he"]
    texts = [before + word + apostrophe + after
             for word, apostrophe in itertools.product(words, "'’")
             for before in ("", "x", " ", "\n")
             for after in ("s", "s\n", "s.", "", "ss")]
    for text in texts:
        for start, end in _windows(text):
            old = _OLD_POSSESSIVE_END.search(text, start, end)
            new = _POSSESSIVE_END.search(text, start, end)
            assert (old and old.span()) == (new and new.span()), (text, start, end)


def test_the_word_before_a_stop_is_what_the_old_search_found():
    for text in ("U.S. officials", "e.g. this", "Mr_X. Y", "café.\n", "a\n.", "Ⅻ٣ b. c", " - .x",
                 "so.\n\n", "word . next", "it’s. Then"):
        for start, end in _windows(text):
            old = _OLD_WORD_BEFORE.search(text, start, end)
            assert _word_before(text, start, end) == (old.group(1) if old else ""), (text, start, end)
