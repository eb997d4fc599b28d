"""Claim recall (issue #16): mentions the article walk used to miss, and claims cut so that each
proposition about a figure is a claim of its own. Sentences written for these tests."""

from storywatch.extractors import extract_claims
from storywatch.extractors.analysis import analyse_text
from storywatch.records import Figure

HALE = Figure(name="Nora Hale", aliases=["Hale", "@MayorHale"], roles=["the mayor"])
VOSS = Figure(name="Martin Voss", aliases=["Voss"], roles=["the senator"], pronouns="he")


def claims(text, figure=HALE):
    return [c for c in extract_claims(text, [figure])[1] if c.figure == figure.name]


def people(text, figure=HALE):
    return [(p.who, text[p.start:p.end], p.kind) for u in analyse_text(text, [figure]).units
            for p in u.people]


def test_an_alias_that_is_a_handle_is_a_mention_and_its_post_is_the_figures_word():
    text = ('The council voted late on Monday.\n'
            '<tweet id="1" author="@MayorHale">We will appeal this decision in every court we can.')
    found = [c for c in claims(text) if "appeal this decision" in c.text]
    assert found and found[0].role == "speaker"
    assert found[0].attribution is not None and found[0].attribution.source == "Nora Hale"


def test_s_before_been_is_has_not_a_possessive():
    # a contraction leaves the name the subject, so the next "he said" is him
    text = ("Martin Voss has served two terms.\n"
            "Voss's been arguing for weeks that Dana Pruitt cannot win. "
            '"She has never run anything," he said.')
    assert ("Martin Voss", "Voss", "alias") in people(text, VOSS)
    said = [c for c in claims(text, VOSS) if "never run anything" in c.text]
    assert said and said[0].role == "speaker"


def test_a_number_word_does_not_start_a_name():
    text = "Nora Hale spoke first. Three Harbor unions later said she had broken her word."
    assert not any(who == "Three Harbor" for who, _, _ in people(text))
    assert any("broken her word" in c.text for c in claims(text))


def test_capitalised_words_that_run_into_an_organisation_name_no_one():
    text = ("Nora Hale faces a close race. "
            "Officials at the Regional Transit Planning Board said they would not back her.")
    assert not any(who == "Transit Planning" for who, _, _ in people(text))
    assert any("would not back her" in c.text for c in claims(text))


def test_the_speaker_of_a_quote_is_not_someone_the_quote_names():
    text = ("Nora Hale toured the flooded district on Sunday. "
            '"Peter Grant will have to answer for the delays," she said.')
    said = [c for c in claims(text) if "answer for the delays" in c.text]
    assert said and said[0].role == "speaker"


def test_a_name_with_a_capital_inside_is_a_person():
    # "LuAnn McKee" is someone: "her" after her is not the figure named before
    text = ('Nora Hale said the budget was final. '
            "LuAnn McKee, who chairs the finance panel, said her staff would review it.")
    assert any(who == "LuAnn McKee" for who, _, _ in people(text))
    assert not any("her staff would review" in c.text for c in claims(text))


def test_each_sentence_a_figure_says_is_a_claim_of_its_own():
    text = ('"The audit found nothing we did not already know. I have never signed a contract '
            'with that firm," Hale said on Tuesday.')
    said = [c.text for c in claims(text) if c.role == "speaker"]
    assert len(said) == 2
    assert said[0].endswith("already know.")
    assert said[1].startswith("I have never signed")


def test_a_short_sentence_of_a_quotation_stays_with_the_next():
    text = '"Look. The audit found nothing we did not already know," Hale said.'
    assert len([c for c in claims(text) if c.role == "speaker"]) == 1


def test_a_quotation_that_finishes_the_writers_sentence_stays_whole():
    text = ('Hale said the council was "wasting everyone\'s time. It has met four times and '
            'decided nothing."')
    assert len([c for c in claims(text) if c.role == "speaker"]) == 1


def test_a_quoted_sentence_that_opens_with_a_conjunction_stays_with_the_one_before():
    text = ('"The audit found nothing we did not already know. So I think the council should '
            'move on to the budget," Hale said.')
    assert len([c for c in claims(text) if c.role == "speaker"]) == 1


def test_he_inside_a_quotation_is_not_its_speaker():
    # the watchlist figure is Voss; Carl Benning speaks about him
    text = ("Carl Benning said Voss should answer for the missing funds if he approved them.\n"
            '"If he signed off on this, he should step down," Benning said.')
    found = [c for c in claims(text, VOSS) if "he should step down" in c.text]
    assert found and found[0].role == "subject"
    assert found[0].attribution is not None and found[0].attribution.source == "Carl Benning"


def test_he_inside_a_quotation_is_no_one_when_someone_unnamed_was_brought_in():
    text = ("Martin Voss spoke at the rally on Friday.\n"
            'As a heckler was led out, Carl Benning said, "Throw him out."')
    assert not any("Throw him out" in c.text for c in claims(text, VOSS))


def test_a_role_set_off_after_someone_elses_name_is_theirs():
    text = ("Nora Hale opened the session. "
            "Greta Lund, the mayor of the neighbouring town, said the budget would fail.")
    assert not any("Greta Lund" in c.text for c in claims(text))


def test_a_role_after_to_be_names_the_post_not_its_holder():
    text = ("Nora Hale opened the session. "
            "Greta Lund has entered the race to be the mayor of the city.")
    assert not any("Greta Lund" in c.text for c in claims(text))


def test_a_pronoun_opening_a_clause_looks_ahead_to_the_subject_after_its_comma():
    text = ("Carl Benning praised the plan on Monday. Rivals were less kind.\n"
            "While he has won two endorsements, the embattled Voss trails in the polls. "
            "In the latest survey, he is third.")
    assert any("he is third" in c.text for c in claims(text, VOSS))


def test_a_pronoun_after_a_name_in_the_opening_clause_is_not_looked_ahead():
    text = "While Carl Benning has argued that he can win, Voss remains the favourite."
    at = text.index("he can")
    assert not [p for u in analyse_text(text, [VOSS]).units for p in u.people
                if p.start == at and p.who == "Martin Voss"]


def test_a_name_after_a_word_that_starts_no_name_is_found_whole():
    text = "Nora Hale spoke first. Democrat Anna Maria Lindqvist answered her."
    assert any(who == "Anna Maria Lindqvist" for who, _, _ in people(text))


def test_a_coordinated_clause_with_a_speaker_of_its_own_is_a_claim_of_its_own():
    text = ("The audit report was released on Friday, and council members said they could "
            "no longer support Hale.")
    found = claims(text)
    assert [c.text for c in found] == ["council members said they could no longer support Hale."]


def test_a_contrast_that_names_no_one_stays_with_the_clause_it_is_set_against():
    text = "Hale will keep her title as chair, but the budget decisions now rest with the council."
    assert [c.text for c in claims(text)] == [text]


def test_an_absolute_clause_with_a_named_subject_is_a_claim_of_its_own():
    text = ("The council has rejected the audit, with Hale taking to the radio to call it "
            "\"a partisan stunt.\"")
    found = claims(text)
    assert [c.text for c in found] == ['Hale taking to the radio to call it "a partisan stunt."']
    assert found[0].attribution is None or found[0].attribution.source != "The council"


def test_an_absolute_clause_with_a_titled_subject_is_its_word_on_it():
    text = ("The protest angered the city council, with Party Chairwoman Nora Hale comparing "
            "the scenes to a riot.")
    found = claims(text)
    assert [c.text for c in found] == ["Party Chairwoman Nora Hale comparing the scenes to a riot."]
    assert found[0].attribution is not None and found[0].attribution.source == "Nora Hale"


def test_a_plural_source_is_they_not_he_or_she():
    text = ("Nora Hale said she faces a primary in August. "
            "Some party officials think the race is close. "
            "Officials at the state party said Monday they would not spend money to save her.")
    assert any("save her" in c.text for c in claims(text))


def test_the_office_of_a_named_place_refers_back_to_its_holder():
    # "Port Alby mayor": "the mayor" after her name is her; "council chair" names no institution
    council = Figure(name="Nora Hale", aliases=["Hale"], roles=["council chair", "Port Alby mayor"])
    text = "Nora Hale spoke. Critics said the chair had ignored them."
    assert not any("ignored them" in c.text for c in claims(text, council))
    text = "Nora Hale spoke. Critics said the mayor had ignored them."
    assert any("ignored them" in c.text for c in claims(text, council))


def test_a_contrast_with_a_new_subject_in_what_a_figure_says_is_a_claim_of_its_own():
    text = ('"The council has chosen to delay the audit, but we have nothing to hide and we will '
            'publish every invoice," Hale said.')
    said = [c.text for c in claims(text) if c.role == "speaker"]
    assert len(said) == 2 and said[1].startswith("we have nothing to hide")


def test_a_relative_clause_that_reports_what_someone_says_is_a_claim_of_its_own():
    text = ("The remark drew a sharp reply from Carl Benning, who said in a radio interview "
            "that Voss was trying to stay in the headlines.")
    assert [c.text for c in claims(text, VOSS)] == [
        "who said in a radio interview that Voss was trying to stay in the headlines."]


def test_a_relative_clause_of_the_figure_stays_with_it():
    text = "The plan was backed by Martin Voss, who said it would pass."
    assert len(claims(text, VOSS)) == 1 and claims(text, VOSS)[0].text == text


def test_the_one_a_quotations_she_said_goes_to_is_she():
    # Greta Lund is "she" once '“...,” she said' is hers: "he" after it is someone else
    text = ("Greta Lund told the Harbor Gazette on Monday that the vote was rigged.\n"
            '"I am tired of the excuses," she said.\n'
            "Two unions later said he had misled them.")
    at = text.index("he had")
    assert not [p for u in analyse_text(text, [VOSS]).units for p in u.people
                if p.start == at and p.who == "Greta Lund"]


def test_a_pronoun_with_no_one_outside_quotations_is_the_first_person_the_last_unit_named():
    text = ("Greta Lund told the Harbor Gazette on Monday that the vote was rigged.\n"
            '"I am ashamed that Voss would side with anyone who has backed Carl Benning," she said.\n'
            "Two unions later said he had misled them. They called him a liar.")
    found = [c.text for c in claims(text, VOSS)]
    assert any("he had misled them" in t for t in found)
    assert any("called him a liar" in t for t in found)


def test_he_after_who_said_is_the_one_the_relative_clause_is_about():
    text = ("Martin Voss took questions for an hour.\n"
            "The last question came from a retired teacher, who said he and his wife had "
            "driven four hours to attend.")
    assert not any("driven four hours" in c.text for c in claims(text, VOSS))
    text = ("Martin Voss took questions for an hour.\n"
            "The plan was praised by Carl Benning, who said he would vote for it.")
    at = text.index("he would")
    assert [p.who for u in analyse_text(text, [VOSS]).units for p in u.people
            if p.start == at] == ["Carl Benning"]


def test_what_the_figure_says_stays_a_claim_when_a_later_clause_is_cut_off_about_it():
    """"X responded that ..., and the senator felt ...": the cut gives the second clause its own
    claim, and the first clause is still the figure's own words."""
    text = ("Martin Voss responded that the governor had been misleading voters all year, and the "
            "senator finally felt he had to answer in kind.")
    said = claims(text, VOSS)
    responded = [c for c in said if "misleading voters" in c.text]
    assert responded and responded[0].role == "speaker"
    assert any("finally felt" in c.text for c in said)


def test_a_question_the_figure_is_quoted_asking_is_what_it_said():
    text = ('Pressed on the audit, Voss said, "Why would anyone trust a report written in a week?"\n\n'
            "Will the council vote before Voss returns?")
    said = [c for c in extract_claims(text, [VOSS])[1] if c.figure == "Martin Voss"]
    assert [c.role for c in said] == ["speaker"]
    assert "Why would anyone trust a report" in said[0].text


def test_a_question_someone_is_quoted_asking_about_the_figure_is_theirs():
    text = ('In a column on Monday, the critic Ann Lowe wrote: "The real question about Voss is: can '
            'a first-term senator hold the committee together?"')
    about = [c for c in extract_claims(text, [VOSS])[1] if c.figure == "Martin Voss"]
    assert [(c.role, c.attribution.source if c.attribution else None) for c in about] == \
        [("subject", "Ann Lowe")]


def test_a_speaker_qualifying_their_own_point_with_but_makes_one_claim():
    # "I ..., but I ...": the same subject qualifies one point, not a second proposition
    text = ('"I have my own personal view, but I strongly support the council deciding this," '
            "Hale told reporters.")
    said = [c.text for c in claims(text) if c.role == "speaker"]
    assert said == [text]
