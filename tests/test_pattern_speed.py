"""Patterns rewritten for speed find exactly what their plain forms find (issue #16)."""

import re

import pytest

from storywatch.extractors import mentions

# Own sentences with the edges of a word opening: the text's start, after an apostrophe, a hyphen,
# an underscore, a digit, an accented letter, inside a word, at a slice's start and end.
TEXTS = [
    "He said she had told him that his aide and her lawyer would go.",
    "Shelby Hersh-Hill, whose team_He left, met O'Hara and Ashe in Hisarya; 4He was a typo.",
    "“She’s out,” said Mr. Jonah McAvoy. JoséHe and éShe are not words; the heHim neither.",
    "Governor Tilda Brannigan-Shaw of the Harbour Authority said Rep. Ola K. Mensah's plan failed.",
]
PLAIN = {
    "PRONOUNS": r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b",
    "_NAME": rf"\b({mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?(?:\s+(?:[A-Z]\.\s+)?"
             rf"{mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?){{1,2}})\b",
    "_CAPITALISED": r"\b[A-Z][\w-]*\b",
}


def _spans(pattern: re.Pattern, text: str, start: int, end: int) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_pattern_opening_with_a_class_finds_what_its_word_boundary_form_finds(name):
    fast, plain = getattr(mentions, name), re.compile(PLAIN[name])
    assert any(_spans(plain, text, 0, len(text)) for text in TEXTS)  # something to find
    for text in TEXTS:
        for start in range(len(text)):
            end = min(len(text), start + 25)
            assert _spans(fast, text, start, end) == _spans(plain, text, start, end)
            assert (fast.match(text, start, len(text)) or re.match("", "")).span() \
                == (plain.match(text, start, len(text)) or re.match("", "")).span()
