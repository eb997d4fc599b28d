"""Pronouns that cannot refer to a figure (issue #18): gender and number agreement.

A person's pronouns come from the watchlist (`pronouns: he`) or, never assumed, from the first
pronoun after their name in the article; a pronoun that disagrees with them, or whose nearest
agreeing antecedent is someone else, is no mention of them."""

from storywatch.config import Settings
from storywatch.extractors import extract_claims
from storywatch.extractors.analysis import analyse_text
from storywatch.records import Figure

DORSEY = Figure(name="Paul Dorsey")


def dorsey_claims(text, figures=(DORSEY,)):
    return [c.text for c in extract_claims(text, list(figures))[1] if c.figure == "Paul Dorsey"]


def referent(text, pronoun, figures=(DORSEY,)):
    """Who the first occurrence of `pronoun` was resolved to (None: to no one)."""
    at = text.index(pronoun)
    found = [p.who for u in analyse_text(text, list(figures)).units for p in u.people
             if p.start == at and p.kind in ("reference", "possessive")]
    return found[0] if found else None


def test_her_is_not_a_man_whose_pronouns_the_article_gave():
    text = ("Paul Dorsey said that he would oppose the budget. Critics were unmoved.\n\n"
            "In her reply, the committee chair noted that the vote was close.")
    assert referent(text, "her") is None
    assert not any("her reply" in c for c in dorsey_claims(text))


def test_her_refers_to_the_woman_named_before_not_the_salient_man():
    text = ("Paul Dorsey said that he would oppose the budget. Maria Alvarez said that she would "
            "support it. Dorsey called the plan reckless.\n\nIn her view, the budget is balanced.")
    assert referent(text, "her view") == "Maria Alvarez"
    assert not any("her view" in c for c in dorsey_claims(text))


def test_a_paragraph_he_after_another_man_was_named_is_that_man():
    text = ("Paul Dorsey said that he would oppose the budget. The amendment was drafted by "
            "Robert Lane.\n\nHe said the vote would come in May.")
    assert referent(text, "He said") == "Robert Lane"
    assert not any("vote would come in May" in c for c in dorsey_claims(text))


def test_pronouns_set_in_the_watchlist():
    settings = Settings.model_validate(
        {"watchlist": [{"name": "Paul Dorsey", "roles": ["the senator"], "pronouns": "he"}]})
    figures = settings.figures()
    assert figures[0].pronouns == "he"
    # no pronoun follows his name here: only the watchlist says "her" is not him
    text = "Paul Dorsey voted against the budget.\n\nHer reply came on Monday: the vote was close."
    assert referent(text, "Her", figures) is None
    assert referent(text, "Her") == "Paul Dorsey"  # unknown pronouns: the one named before
    assert not any("Her reply" in c for c in dorsey_claims(text, figures))


def test_a_pronoun_in_an_opening_phrase_looks_ahead_to_the_speaker_it_describes():
    # "In her reply, the mayor said": "her" is the mayor's, whoever the mayor is, not Dorsey's,
    # whose pronouns the article never gives
    text = "Paul Dorsey voted against the budget.\n\nIn her reply, the mayor said the vote was close."
    assert referent(text, "her") is None
    assert not any("her reply" in c for c in dorsey_claims(text))
    # not a description that says nothing: "In her view, the budget is balanced" is someone's view
    assert referent("Jane Roe spoke first.\n\nIn her view, the budget is balanced.", "her",
                    (Figure(name="Jane Roe"),)) == "Jane Roe"


def test_unknown_pronouns_keep_the_salient_figure():
    text = "Paul Dorsey voted against the budget.\n\nHe said the vote was close."
    assert referent(text, "He") == "Paul Dorsey"


def test_a_pronoun_after_an_opening_prepositional_phrase_is_the_subject_not_its_object():
    # "At an interview with Bloomberg Politics, he said": he is the one speaking before, not the outlet
    from storywatch.extractors import extract_claims
    from storywatch.records import Figure

    roe = Figure(name="Jane Roe", aliases=("Roe",), pronouns="she")
    text = ("Sam Wills has long opposed Jane Roe. At a round-table interview with Local Politics Weekly, "
            "he said he would back her challenger because Roe had lost touch.")
    claims = [c for c in extract_claims(text, [roe])[1] if "round-table" in c.text]
    assert [c.attribution.source for c in claims] == ["Sam Wills"]


def test_he_never_refers_to_a_paper_that_reported_on_the_figure():
    # A proper name opening with "The" is an institution's: "he" passes over it to the figure.
    text = ("Paul Dorsey spoke in Dayton on Friday.\n\n"
            "The Denver Ledger quoted one of Dorsey's aides as saying the senator is tired.\n\n"
            "He dismissed the report.")
    assert referent(text, "He dismissed") == "Paul Dorsey"
    assert any("He dismissed the report" in c for c in dorsey_claims(text))


def test_a_person_whose_possessive_opens_the_sentence_is_what_he_refers_to_next():
    text = ('"We stand by our reporting," said Tom Fenwick, the paper\'s editor.\n\n'
            "Paul Dorsey's apology to the voters came late. He may still lose the primary, he said.")
    assert referent(text, "He may") == "Paul Dorsey"
    assert any("He may still lose the primary" in c for c in dorsey_claims(text))


def test_the_one_asked_answers_the_next_quote():
    text = ("Paul Dorsey spoke to the host of a morning show on Tuesday.\n\n"
            "Kim Okafor then asked Dorsey which counties he could carry.\n\n"
            '"We will do well in all of them," he said.')
    assert referent(text, "he said") == "Paul Dorsey"
    assert any("We will do well in all of them" in c for c in dorsey_claims(text))


def test_a_sentence_he_goes_on_with_the_one_person_the_sentence_before_named():
    text = ('"The rules were never written for a case like this," said Tom Fenwick, a law professor.\n\n'
            "That may surprise anyone who watched Paul Dorsey's hearing on Monday. He called the "
            "contract careless.")
    assert referent(text, "He called") == "Paul Dorsey"
    assert any("He called the contract careless" in c for c in dorsey_claims(text))


def test_a_pronoun_that_may_be_the_salient_womans_teaches_nothing_about_the_man_just_named():
    # "her" and "she" after Dorsey's name go as well to Alvarez, known as "she": they are no
    # evidence that Dorsey is "she", so his "He" in the next sentence is still his
    text = ("Maria Alvarez said that she had misspoken. Alvarez explained that Paul Dorsey was "
            "referring only to her remarks, but she also insisted that her record was clean.\n\n"
            "Critics noted that Dorsey had praised her answers. "
            "He also said he would not comment on her speeches.")
    assert referent(text, "He also") == "Paul Dorsey"
    claims = [c for c in extract_claims(text, [DORSEY])[1] if c.text.startswith("He also")]
    assert [c.attribution.source for c in claims if c.attribution] == ["Paul Dorsey"]


def test_an_honorific_gives_the_pronouns_before_any_pronoun_does():
    """"Mr. Dorsey" is a man however the article goes on: the "She" after him, with no pronoun of
    his yet, is not his, and makes no claim about him."""
    text = ("Mr. Dorsey described the harbour board's accounts in blunt terms. "
            "She kept no ledger of the grants.")
    assert referent(text, "She") is None
    assert dorsey_claims(text) == ["Mr. Dorsey described the harbour board's accounts in blunt terms."]


def test_a_reflexive_after_the_name_gives_the_pronouns():
    """"Dorsey dug himself a hole" says he is "he", though "a hole" stands between the name and
    any later pronoun; so a later "She" is someone else."""
    text = ("Paul Dorsey dug himself a hole on the morning shows. Critics pounced. "
            "She said the harbour board would not forget it.")
    assert referent(text, "She") is None


def test_an_object_pronoun_of_the_named_ones_verb_is_someone_else():
    """"Dorsey praised her" names someone else by "her": it teaches nothing of Dorsey's pronouns, so
    his "he" later in the article is still his."""
    text = ("Paul Dorsey praised her at the dinner. The guests clapped. "
            "Later he said the harbour board would meet again.")
    assert referent(text, "he said") == "Paul Dorsey"


def test_a_possessive_in_the_predicate_of_an_office_holder_described_is_theirs():
    # "the Maine senator" is the subject of "suspended", so "his" is the senator's, not Dorsey's
    text = ("Anna Price has more votes than Paul Dorsey has, and the Maine senator suspended his "
            "campaign on Tuesday.")
    assert referent(text, "his") is None
    assert dorsey_claims(text) == ["Anna Price has more votes than Paul Dorsey has"]


def test_a_possessive_after_a_figures_own_role_is_still_the_figures():
    dorsey = Figure(name="Paul Dorsey", roles=["the Maine senator"], pronouns="he")
    text = "Polls closed at eight, and the Maine senator thanked his volunteers."
    assert referent(text, "his", (dorsey,)) == "Paul Dorsey"


def test_a_second_predicate_of_a_pronoun_is_no_person_the_next_pronoun_goes_to():
    # "He later suggested ..., called her ..." is Bray's second predicate, not a person named
    # "He later suggested her plan was reckless" whom the next "She" could be
    lind = Figure(name="Mara Lind", aliases=["Lind"], pronouns="she")
    text = ("Tom Bray took offense when Lind questioned him about his remarks. He later suggested "
            "her plan was reckless, called her “a rookie” and skipped a debate.\n\n"
            "In the interview, the two did not discuss his attacks. "
            "She told a radio host on Monday the feud was over.")
    found = [c for c in extract_claims(text, [lind])[1] if "feud was over" in c.text]
    assert found and found[0].attribution is not None
    assert found[0].attribution.source == "Mara Lind"


def test_a_pronoun_no_one_in_its_sentence_takes_goes_to_the_person_named_since():
    # Dorsey's pronouns are unknown; Anna Price was named after him, so "her" is not his
    text = ("Paul Dorsey and other aides were seen shaking hands after the speech.\n\n"
            "Then, once Anna Price's team was back at the hotel, the networks turned to the story. "
            "Portions of her speech matched an older one.")
    assert referent(text, "her speech matched") != "Paul Dorsey"
    assert not [c for c in dorsey_claims(text) if "Portions" in c]


def test_his_or_her_is_anyone_not_a_person_of_the_article():
    text = "Paul Dorsey said the choice should be left to a patient and his or her doctor."
    at = text.index("his or her")
    assert [p for u in analyse_text(text, [DORSEY]).units for p in u.people if p.start == at] == []


def test_a_surname_after_its_full_name_in_the_same_sentence_is_that_person():
    # "Anna Price has chosen Dorsey ..., in tune with Price, who believes ...": "who" is Price's
    text = ("Anna Price has chosen Paul Dorsey as her running mate, a man who moved to be in tune "
            "with Price, who believes the tax should go.")
    assert not [c for c in dorsey_claims(text) if c.startswith("who believes")]


def test_an_object_pronoun_is_not_the_subject_of_its_own_verb():
    # Dorsey's pronouns are unknown, and he is the nearest person; but "her" is the object of his
    # own verb (or of a gerund he controls), which would be "himself" if it were him
    text = "Anna Price accused Paul Dorsey of grabbing her at the market on Monday."
    assert referent(text, "her") == "Anna Price"
    text = "Paul Dorsey yanked her out of the way, a reporter said."
    assert referent(text, "her") is None
    # before a noun "her" is a possessive, which may be the subject's own
    text = "Paul Dorsey raised her hand and smiled."
    assert referent(text, "her") == "Paul Dorsey"


def test_the_sentences_subject_known_to_take_the_pronoun_comes_before_a_nearer_unknown_person():
    # Price is known as "she" (the pronoun right after her name); Dorsey's pronouns are unknown
    # and he is nearer, but the subject who takes the pronoun is the one it goes on with
    text = ("Anna Price said she would vote no. Price acknowledged that she had misspoken when "
            "Paul Dorsey had described all of her statements as true.")
    assert referent(text, "her statements") == "Anna Price"
    # not someone known to take it who is not the sentence's subject
    text = ("Tom Bell said he was pleased. Paul Dorsey has been the city's auditor for years. "
            "Before his appointment by Bell, he was a banker.")
    assert referent(text, "he was a banker") == "Paul Dorsey"


def test_a_person_named_inside_the_figures_role_may_be_what_a_pronoun_refers_to():
    # "Anna Price's campaign manager" is a mention of Dorsey; Price, named inside it, is the
    # nearest person "her" may refer to
    dorsey = Figure(name="Paul Dorsey", roles=["Anna Price's campaign manager"])
    text = "On Monday, Anna Price's campaign manager raised money for her in the harbor district."
    assert referent(text, "her", (dorsey,)) == "Anna Price"


def test_the_subject_of_a_relative_clause_is_not_the_one_the_relative_pronoun_stands_for():
    # Dorsey's pronouns are unknown and he is the nearest person, but "whom he praised" has "whom"
    # for Dorsey and "he" for someone else
    text = "Sam Price met Paul Dorsey, whom he praised on Monday, at the harbor."
    assert referent(text, "he praised") == "Sam Price"
    text = "Sam Price met Paul Dorsey, who he said had been unfair to him."
    assert referent(text, "he said") == "Sam Price"


def test_a_pronoun_no_one_in_its_sentence_takes_goes_to_the_subject_of_the_sentence_before():
    # Dorsey is salient and his pronouns are unknown, but he is named inside an opening phrase;
    # the sentence's subject is Price, and the next sentence's "she" goes on with her
    text = ("Anna Price starts her week on Monday in Dover. Prior to that, along with her running mate "
            "Paul Dorsey, Price traveled to Salem on their bus tour. Last week, she made stops in the "
            "hill towns.")
    assert referent(text, "she made") == "Anna Price"


def test_pronouns_learned_later_in_the_article_decide_a_pronoun_guessed_before():
    # "her" comes before anything shows Dorsey's pronouns (too far from his name to teach them), and
    # the article shows them later ("Paul Dorsey said he"): "her" was never his
    text = ("Paul Dorsey voted against the budget. The vote was five to four. The council then "
            "adjourned.\n\nIn her reply, the mayor said the vote was close.\n\n"
            "Paul Dorsey said he would vote again in May.")
    assert referent(text, "her") is None
    assert not any("her reply" in c for c in dorsey_claims(text))


def test_a_possessive_opening_the_main_clause_after_an_opening_phrase_makes_its_owner_salient():
    # the sentence is about Holbrook, as it would be without "Despite the early warnings, "
    text = ("Paul Dorsey said he had shoved a photographer at the rally in Dover.\n\n"
            "Despite the early warnings, Tom Holbrook's tone often seems to invite conflict.\n\n"
            "Last year, he suggested the protesters deserved it.")
    assert referent(text, "he suggested") == "Tom Holbrook"


def test_a_pronoun_opening_a_clause_after_a_dateline_looks_ahead_to_the_subject():
    """"BOSTON (AP) — Weeks after he mocked her, Tom Bell tells Paul Dorsey ...": the wire's dateline
    comes before the opening clause, whose "he" is the main clause's subject, not the figure the
    headline named (nor is a time clause, "Weeks after ...", anything but an opening clause)."""
    text = ("Paul Dorsey is asked about bullying.\n\n"
            "BOSTON (AP) — Weeks after he mocked him in a speech, Tom Bell tells Paul Dorsey that "
            "the budget is balanced.")
    assert referent(text, "he mocked") == "Tom Bell"
    text = text.replace("BOSTON (AP) — ", "")
    assert referent(text, "he mocked") == "Tom Bell"


def test_an_honorific_among_the_aliases_gives_pronouns_that_no_pronoun_near_the_name_unlearns():
    # "Mrs. Roe" in the watchlist says she: "Of the scrutiny over Jane Roe, he said" neither teaches
    # that she is "he" nor makes "he" hers (Melania Trump's held-out set had Gingrich's remark hers)
    roe = Figure(name="Jane Roe", aliases=("Roe", "Mrs. Roe"))
    text = ("Tom Hart defended the campaign on Tuesday. Of the scrutiny over Jane Roe, he said, "
            "\"It's a little much.\"")
    assert referent(text, "he said", (roe,)) == "Tom Hart"
    assert [c.attribution.source for c in extract_claims(text, [roe])[1] if c.figure == "Jane Roe"] \
        == ["Tom Hart"]
