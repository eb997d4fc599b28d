"""Issue #18: mentions that never matched, and sentences cut after a title."""

from storywatch.extractors import split_units
from storywatch.extractors.analysis import analyse_text
from storywatch.extractors.mentions import FigureMatcher
from storywatch.records import Figure

KOWALCZYK = Figure(name="Marta Kowalczyk", roles=("Brandt's chief of staff", "Hugo Brandt’s chief of staff"))
ORTEGA = Figure(name="Delia Ortega Ruiz")


def matched(figure: Figure, text: str) -> list[str]:
    return [text[f.start:f.end] for f in FigureMatcher([figure]).find(text)]


def mentioned(figures: list[Figure], text: str) -> list[tuple[str, str]]:
    return [(m.figure, m.text) for m in analyse_text(text, figures, confidence=None).mentions]


# 1. a role with an apostrophe matches either apostrophe, whichever the watchlist wrote
def test_a_possessive_role_matches_straight_and_curly_apostrophes():
    assert matched(KOWALCZYK, "Brandt's chief of staff resigned on Friday.") == ["Brandt's chief of staff"]
    assert matched(KOWALCZYK, "Brandt’s chief of staff resigned on Friday.") == ["Brandt’s chief of staff"]
    assert matched(KOWALCZYK, "Hugo Brandt's chief of staff flew home.") == ["Hugo Brandt's chief of staff"]


# 2. one or two modifiers between the possessive and the role's head
def test_a_possessive_role_allows_a_modifier_before_its_head():
    assert matched(KOWALCZYK, "Brandt’s 38-year-old chief of staff declined.") == [
        "Brandt’s 38-year-old chief of staff"]
    assert matched(KOWALCZYK, "Brandt's recently appointed chief of staff declined.") == [
        "Brandt's recently appointed chief of staff"]
    assert matched(KOWALCZYK, "Hugo Brandt's new chief of staff declined.") == [
        "Hugo Brandt's new chief of staff"]


def test_a_possessive_role_does_not_reach_over_other_words():
    assert matched(KOWALCZYK, "Brandt's very new, untested chief of staff declined.") == []
    assert matched(KOWALCZYK, "Brandt's firing of chief of staff Kim Loy surprised no one.") == []
    assert matched(KOWALCZYK, "Brandt's Senate chief of staff declined.") == []
    assert matched(KOWALCZYK, "Brandt's three most trusted chief of staff candidates met.") == []


# 3. a title with the surname is the figure whose name ends with it
def test_a_title_with_the_surname_is_the_figure():
    text = ("Sen. Ortega Ruiz voted against the bill. Mrs. Kowalczyk abstained. "
            "Later Dr. Ruiz and Ms. Kowalczyk left together.")
    assert mentioned([KOWALCZYK, ORTEGA], text) == [
        ("Delia Ortega Ruiz", "Ortega Ruiz"), ("Marta Kowalczyk", "Kowalczyk"),
        ("Delia Ortega Ruiz", "Ruiz"), ("Marta Kowalczyk", "Kowalczyk"),
    ]


# 4. a first name alone, after the full name appeared in the same article
def test_a_first_name_after_the_full_name_is_the_figure():
    text = "Delia Ortega Ruiz opened the hearing in Tucson.\n\nHours later, Delia walked out."
    assert mentioned([ORTEGA], text)[-1] == ("Delia Ortega Ruiz", "Delia")


def test_a_first_name_alone_needs_the_full_name_before_it_and_no_namesake():
    before = "Delia walked out of the hearing. Delia Ortega Ruiz said nothing after it."
    assert mentioned([ORTEGA], before) == [("Delia Ortega Ruiz", "Delia Ortega Ruiz")]
    namesake = ("Delia Ortega Ruiz opened the hearing. Delia Marsh, a lobbyist, watched it. "
                "Then Delia walked out.")
    assert [t for _, t in mentioned([ORTEGA], namesake)] == ["Delia Ortega Ruiz"]
    common = Figure(name="Rose Tallis")
    word = "Rose Tallis spoke first. Prices rose again. Rose left early."
    assert [t for _, t in mentioned([common], word)] == ["Rose Tallis"]


# 5. a title's period does not end the sentence
def test_a_sentence_is_not_cut_after_a_title():
    text = ("The panel met at noon. Rep. Ortega Ruiz asked for a vote, and Sen. Hale agreed. "
            "Gov. Ames and Mrs. Lind sent Ms. Ito and Dr. Oyelaran to Mr. Brandt.")
    assert [text[u.start:u.end] for u in split_units(text)] == [
        "The panel met at noon.",
        "Rep. Ortega Ruiz asked for a vote, and Sen. Hale agreed.",
        "Gov. Ames and Mrs. Lind sent Ms. Ito and Dr. Oyelaran to Mr. Brandt.",
    ]
