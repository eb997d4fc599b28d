"""Namesakes: people who share a figure's surname.

A gendered honorific that disagrees with a figure's pronouns names someone else of that surname:
"Mr. Hale" is not Nora Hale, her husband is. The figure's pronouns are the watchlist's: its own
`pronouns`, else those of an honorific among its aliases ("Ms. Hale"). Pronouns learned from the
article are no ground for it (they are learned from these very honorifics).

A watchlist that gives a figure aliases but leaves the bare surname out of them ("Ivanka", "Ms.
Trump", not "Trump") means the surname alone is someone else: whoever of that name the article
names in full. A figure with no aliases, or with the surname among them, keeps it."""

from storywatch.extractors import extract_claims
from storywatch.extractors.analysis import analyse_text
from storywatch.records import Figure

NORA = Figure(name="Nora Hale", aliases=("Hale", "Ms. Hale"))
NORA_SHE = Figure(name="Nora Hale", aliases=("Hale",), pronouns="she")
NORA_UNKNOWN = Figure(name="Nora Hale", aliases=("Hale",))
OWEN = Figure(name="Owen Pratt", aliases=("Pratt", "Mr. Pratt"))

COUPLE = ("Nora Hale spoke in Dayton on Monday about trade.\n\n"
          "Mr. Hale, who ran the family firm for decades, said the firm had never paid a bribe.\n\n"
          "Ms. Hale told reporters she would release her tax returns.\n")


def claims_of(figure: Figure, text: str) -> list[str]:
    _, claims = extract_claims(text, [figure], None, confidence=None)
    return [c.text for c in claims if c.figure == figure.name]


def mentions_of(figure: Figure, text: str) -> list[str]:
    return [m.text for m in analyse_text(text, [figure], confidence=None).mentions if m.figure == figure.name]


def test_a_husband_named_mr_is_not_the_figure_whose_alias_says_ms():
    claims = claims_of(NORA, COUPLE)
    assert not any(c.startswith("Mr. Hale") for c in claims)
    assert any(c.startswith("Nora Hale spoke") for c in claims)
    assert any(c.startswith("Ms. Hale told") for c in claims)


def test_his_words_are_his_not_the_figures():
    analysis = analyse_text(COUPLE, [NORA], confidence=None)
    said = {a.source for a in analysis.attributions if "bribe" in a.content}
    assert said and "Nora Hale" not in said


def test_the_watchlists_pronouns_decide_as_an_honorific_alias_does():
    mentions = mentions_of(NORA_SHE, COUPLE)
    assert "Nora Hale" in mentions and "Mr. Hale" not in mentions
    assert not any(c.startswith("Mr. Hale") for c in claims_of(NORA_SHE, COUPLE))


def test_without_pronouns_from_the_watchlist_the_honorific_is_not_judged():
    # nothing says what the figure's pronouns are: "Mr. Hale" stays a mention, as before
    assert any(c.startswith("Mr. Hale") for c in claims_of(NORA_UNKNOWN, COUPLE))


def test_a_wife_named_mrs_is_not_the_figure_whose_alias_says_mr():
    text = ("Owen Pratt said on Tuesday that he would stay in the race.\n\n"
            "Mrs. Pratt said she would keep her job at the hospital.\n")
    claims = claims_of(OWEN, text)
    assert any(c.startswith("Owen Pratt said") for c in claims)
    assert not any(c.startswith("Mrs. Pratt") for c in claims)


def test_mr_and_mrs_name_both_of_them():
    text = "Owen Pratt campaigned in Iowa.\n\nMr. and Mrs. Pratt were not invited to the wedding.\n"
    assert any(c.startswith("Mr. and Mrs. Pratt") for c in claims_of(OWEN, text))


def test_an_agreeing_honorific_is_the_figure():
    text = "Owen Pratt campaigned in Iowa.\n\nMr. Pratt said the race was far from over.\n"
    assert any(c.startswith("Mr. Pratt said") for c in claims_of(OWEN, text))


DAUGHTER = Figure(name="Lena Voss", aliases=("Lena", "Ms. Voss"))
FATHER_TEXT = ("Karl Voss held a rally in Toledo on Monday.\n\n"
               "Lena Voss introduced her father at the convention on Thursday.\n\n"
               "Voss said the economy was rigged.\n\n"
               "Mr. Voss later told reporters he would win Ohio.\n\n"
               "Ms. Voss has said she will not take a role in the campaign.\n")


def test_a_surname_the_watchlist_leaves_out_is_the_namesake_named_in_full():
    claims = claims_of(DAUGHTER, FATHER_TEXT)
    assert any(c.startswith("Lena Voss introduced") for c in claims)
    assert any(c.startswith("Ms. Voss has said") for c in claims)
    assert not any(c.startswith(("Voss said", "Mr. Voss")) for c in claims)
    said = {a.source for a in analyse_text(FATHER_TEXT, [DAUGHTER], confidence=None).attributions
            if "rigged" in a.content or "win Ohio" in a.content}
    assert said == {"Karl Voss"}


def test_a_figure_without_aliases_keeps_its_surname():
    lone = Figure(name="Lena Voss")
    text = "Lena Voss spoke in Toledo on Monday.\n\nVoss said the plant would stay open.\n"
    assert any(c.startswith("Voss said") for c in claims_of(lone, text))


def test_a_surname_among_the_aliases_stays_the_figures_whatever_namesake_is_named():
    aliased = Figure(name="Lena Voss", aliases=("Voss", "Ms. Voss"))
    assert any(c.startswith("Voss said") for c in claims_of(aliased, FATHER_TEXT))


def test_a_generational_suffix_names_the_son_not_the_figure():
    father = Figure(name="Karl Voss", aliases=("Voss", "Mr. Voss"))
    text = ("Karl Voss Jr. said his father would win Ohio.\n\n"
            "Karl Voss Jr., the eldest son, told reporters the campaign was fine.\n\n"
            "Karl Voss said the plant would stay open.\n")
    claims = claims_of(father, text)
    assert not any("Jr" in c for c in claims)
    assert any(c.startswith("Karl Voss said") for c in claims)
    # a figure whose own name has the suffix keeps it
    son = Figure(name="Karl Voss Jr.", aliases=("Voss Jr.",))
    assert any(c.startswith("Karl Voss Jr. said") for c in claims_of(son, text))


def test_a_given_name_opening_a_sentence_is_read_as_one_when_the_article_writes_it_inside_one():
    wife = Figure(name="Nora Hale", aliases=("Hale", "Ms. Hale"))
    text = ("Nora Hale spoke in Dayton on Monday, with her husband, Owen Hale, at her side.\n\n"
            "Owen Hale said the economy grew in the 1990s.\n\n"
            "Firing Hale aides was a mistake, a donor said.\n")
    claims = claims_of(wife, text)
    assert not any(c.startswith("Owen Hale said") for c in claims)
    assert any(c.startswith("Firing Hale aides") for c in claims)  # "Firing" is no given name
    # written only at a sentence's start, the word is not taken for a given name
    alone = "Nora Hale spoke in Dayton on Monday.\n\nOwen Hale said the economy grew in the 1990s.\n"
    assert any(c.startswith("Owen Hale said") for c in claims_of(wife, alone))


def test_a_role_that_is_someones_said_with_their_possessive_pronoun_is_the_figure():
    wife = Figure(name="Nora Voss", aliases=("Nora", "Mrs. Voss"), roles=("Voss's wife", "Karl Voss's wife"))
    text = ("Karl Voss won the Ohio primary on Tuesday.\n\n"
            "His wife had warned him not to attack his rivals.\n\n"
            "Karl Voss said four of his children and his wife would speak at the convention.\n")
    claims = claims_of(wife, text)
    assert any(c.startswith("His wife had warned") for c in claims)
    assert any(c.startswith("Karl Voss said four") for c in claims)
    # another man's wife is not hers
    other = "Karl Voss won the Ohio primary on Tuesday.\n\nPaul Reed said his wife would vote for him.\n"
    assert not any("Paul Reed" in c for c in claims_of(wife, other))
