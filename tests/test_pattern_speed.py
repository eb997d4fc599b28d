"""Patterns rewritten for speed find exactly what their plain forms find (issue #16)."""

import re

import pytest

from storywatch.extractors import attribution, mentions

# Own sentences with the edges of a match: the text's start, after an apostrophe, a hyphen, an
# underscore, a digit, an accented letter, inside a word, doubled apostrophes, commas in numbers,
# at a slice's start and end.
TEXTS = [
    "He said she had told him that his aide and her lawyer would go.",
    "Shelby Hersh-Hill, whose team_He left, met O'Hara and Ashe in Hisarya; 4He was a typo.",
    "“She’s out,” said Mr. Jonah McAvoy. JoséHe and éShe are not words; the heHim neither.",
    "Governor Tilda Brannigan-Shaw of the Harbour Authority said Rep. Ola K. Mensah's plan failed.",
    "''It's ''odd,''' she said of the 1,250 «votes», 3, 4 and ‘5,’ counted,4 times ,7 over.\"",
]
PLAIN = {  # (module, name) -> the plain form the pattern stands for
    (mentions, "PRONOUNS"): r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b",
    (mentions, "_NAME"): rf"\b({mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?(?:\s+(?:[A-Z]\.\s+)?"
                         rf"{mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?){{1,2}})\b",
    (mentions, "_CAPITALISED"): r"\b[A-Z][\w-]*\b",
    (attribution, "_QUOTE_MARK"): r"''|[“”«»„‘’‹›\"']",
    (attribution, "_COMMA"): r"(?<!\d),|,(?!\d)",
}


def _spans(pattern: re.Pattern, text: str, start: int, end: int) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]


def _match_span(pattern: re.Pattern, text: str, start: int) -> tuple[int, int] | None:
    match = pattern.match(text, start)
    return match.span() if match else None


@pytest.mark.parametrize(("module", "name"), sorted(PLAIN, key=lambda key: key[1]))
def test_a_pattern_rewritten_for_speed_finds_what_its_plain_form_finds(module, name):
    fast, plain = getattr(module, name), re.compile(PLAIN[module, name])
    assert any(_spans(plain, text, 0, len(text)) for text in TEXTS)  # something to find
    for text in TEXTS:
        assert fast.split(text) == plain.split(text)
        for start in range(len(text)):
            end = min(len(text), start + 25)
            assert _spans(fast, text, start, end) == _spans(plain, text, start, end)
            assert _match_span(fast, text, start) == _match_span(plain, text, start)
