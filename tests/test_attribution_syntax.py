"""Sources by English reporting syntax: each sentence is made up, each rule fails without it."""

from storywatch.extractors.analysis import analyse_text
from storywatch.extractors.attribution import find_attributions


def sources(text, cue):
    return [a.source for a in analyse_text(text, []).attributions if a.cue == cue]


def test_a_name_after_a_participle_modifies_the_head_noun():
    # the head of "Voters backing Jane Doe" is "Voters": the phrase speaks, not Jane Doe
    assert sources("Voters backing Jane Doe have argued that the tax plan is unfair.", "argued") \
        == ["Voters backing Jane Doe"]


def test_a_name_after_inside_is_no_head():
    assert sources("An aide inside Harbor Hall said the vote would be close.", "said") \
        == ["An aide inside Harbor Hall"]


def test_an_adjective_in_ing_before_a_title_keeps_the_name():
    assert sources("The outgoing Senate leader Harry Reid said the vote would fail.", "said") \
        == ["Harry Reid"]


def test_an_adverb_in_a_title_case_headline_ends_the_name():
    from storywatch.extractors.mentions import find_person_names
    text = "Jane Roe Finally Backs City Council Member Tom Reyes."
    assert [f.who for f in find_person_names(text, 0, len(text), {})][:1] == ["Jane Roe"]


def test_team_opens_a_group_not_a_person():
    from storywatch.extractors.mentions import find_person_names
    text = "Team Roe sees the debate as a second chance."
    assert find_person_names(text, 0, len(text), {}) == []


def raw_sources(text, cue):
    from storywatch.extractors.attribution import find_attributions
    return [text[a.source_span[0]:a.source_span[1]] for a in find_attributions(text, 0, len(text))
            if text[a.cue_span[0]:a.cue_span[1]] == cue]


def test_an_opening_time_with_no_comma_is_no_part_of_the_subject():
    assert raw_sources("Sunday at the county fair Gov. Jane Roe said the budget would pass.", "said") \
        == ["Gov. Jane Roe"]


def test_an_opening_participle_clause_with_no_comma_ends_in_the_subject():
    assert raw_sources("Naming three of the bills she added, the session had been a success.", "added") \
        == ["she"]


def test_an_opening_adjunct_set_off_by_a_comma_is_no_head_of_the_subject():
    assert raw_sources("Last week, the county board approved the plan.", "approved") == ["the county board"]
    assert raw_sources("Speaking in Boston, the mayor announced a new budget.", "announced") == ["the mayor"]


def test_the_object_of_a_preposition_in_an_opening_participle_is_no_subject():
    assert raw_sources("Consulting firms like Acme asked the candidates for plans.", "asked") \
        == ["Consulting firms like Acme"]


def test_a_viewpoint_may_describe_its_holder_before_the_name():
    from storywatch.extractors.attribution import find_attributions
    text = "To Harbor College history professor Ann Bell, the mayor's silence reflected fatigue."
    found = [(text[a.source_span[0]:a.source_span[1]], a.pattern)
             for a in find_attributions(text, 0, len(text))]
    assert ("Harbor College history professor Ann Bell", "viewpoint") in found


def test_an_infinitive_after_the_cue_is_its_content_not_an_adjunct():
    from storywatch.extractors.attribution import find_attributions
    text = "To Ann Bell, the mayor's long pause seemed to reflect fatigue."
    contents = [text[a.content_span[0]:a.content_span[1]] for a in find_attributions(text, 0, len(text))
                if text[a.cue_span[0]:a.cue_span[1]] == "seemed"]
    assert contents == ["to reflect fatigue."]


def test_a_claim_inside_a_viewpoint_is_the_viewpoint_holders():
    from storywatch.extractors.claims import extract_claims
    from storywatch.records import Figure
    roe = Figure(name="Jane Roe", aliases=("Roe",))
    text = ("To Harbor College history professor Ann Bell, Roe’s long pause at the debate seemed "
            "to reflect fatigue.")
    _analysis, claims = extract_claims(text, [roe])
    assert [c.attribution.source for c in claims if c.attribution] == ["Ann Bell"]


def test_and_between_two_names_joins_one_subject():
    assert raw_sources("Leaders of the State Senate and House of Delegates filed a complaint on it.",
                       "filed a complaint") == ["Leaders of the State Senate and House of Delegates"]


def test_and_between_two_clauses_still_opens_the_second():
    assert raw_sources("Roe won the county and Bell said the count was wrong.", "said") == ["Bell"]


def roe_claim_sources(text):
    """The sources of the claims about Jane Roe ("Roe") in text."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.records import Figure

    _analysis, claims = extract_claims(text, [Figure(name="Jane Roe", aliases=("Roe",))])
    return [c.attribution.source for c in claims if c.attribution]


def test_a_claim_in_the_main_clause_of_a_speech_participle_is_the_subjects():
    text = "One aide at the county office tried to play down Roe’s remarks, saying they were “no big deal.”"
    assert roe_claim_sources(text) == ["One aide at the county office"]


def test_a_participle_of_speech_is_the_subjects_not_the_owner_of_the_object():
    assert raw_sources("The mayor dismissed Roe's remarks, saying they were unfair.", "saying") \
        == ["The mayor"]


def test_two_speakers_joined_by_and_after_the_content():
    text = "The guard pushed her back as she tried to ask a question, she and another reporter said."
    assert raw_sources(text, "said") == ["she and another reporter"]
    assert sources("Jane Roe asked a question. " + text, "said") == ["she and another reporter"]


def test_a_persons_office_speaks_for_the_person():
    assert sources("Mayor Jane Roe’s office announced Friday that the bridge would reopen.", "announced") \
        == ["Jane Roe"]


def test_a_capitalised_preposition_is_no_part_of_a_name():
    assert raw_sources("Despite Roe's call for calm, the crowd marched on City Hall.", "call") == ["Roe's"]


def test_a_passive_of_perception_has_its_agent_as_the_source():
    text = "After the vote, Roe is seen by many county officials as the likeliest successor."
    assert roe_claim_sources(text) == ["many county officials"]


def test_a_relative_clause_on_the_subject_does_not_hide_it_from_a_later_verb():
    # "Roe, who ..., arrived ... and acknowledged that": the second verb's subject is still Roe
    text = ("Roe, who has been in daily contact with the board for months, arrived at a breakfast "
            "with reporters and acknowledged that she had only read the report quickly.")
    assert sources(text, "acknowledged") == ["Roe"]


def test_a_determiner_after_the_verb_is_not_the_verb():
    # "his" ends in -s but is no verb: the subject of "softened ... by repeating" is "Mr. Lee"
    assert sources("Mr. Lee softened his tone on Friday by repeating his favorite phrase, but "
                   "reached no conclusion.", "repeating") == ["Mr. Lee"]


def raw_contents(text, cue):
    from storywatch.extractors.attribution import find_attributions
    return [text[a.content_span[0]:a.content_span[1]] for a in find_attributions(text, 0, len(text))
            if text[a.cue_span[0]:a.cue_span[1]] == cue]


def test_an_opening_time_is_no_content_of_a_told_that_follows():
    # "On Tuesday, X told a group that ...": what X told comes after the cue, not the opening
    text = "On Tuesday, the harbor master told a lunch crowd that the pier would close."
    assert raw_contents(text, "told") == ["that the pier would close."] \
        or raw_contents(text, "told") == ["the pier would close."]
    text = "While the ferry was docked, inspectors told him the hull had cracked."
    assert raw_contents(text, "told") == ["him the hull had cracked."] \
        or raw_contents(text, "told") == ["the hull had cracked."]


def test_a_bare_noun_after_the_content_is_the_subject_of_said():
    text = "A truck hit the toll booth on the bridge late Sunday, police said."
    assert raw_sources(text, "said") == ["police"]


def test_a_description_after_an_inverted_said_is_its_source():
    text = "The council will vote on the budget next month, said several aides to the mayor."
    assert raw_sources(text, "said") == ["several aides to the mayor"]
    # but not the object of a verb after a named subject and its appositive
    text = "Jane Roe, the harbor master, urged a quick vote, saying the pier was unsafe."
    assert "a quick vote" not in raw_sources(text, "urged")


def test_a_relative_pronoun_is_the_source_of_its_own_clauses_cue():
    # "Name, who said X, did Y": "said" is the relative clause's verb, whose subject is "who"
    text = "Jane Roe, who said the bridge was unsafe, voted against the budget."
    assert raw_sources(text, "said") == ["who"]
    assert sources(text, "said") == ["Jane Roe"]


def test_a_modal_after_said_opens_its_content_not_a_source():
    # "said Mexico must rebut": a modal makes what follows a clause, said by the subject before
    assert sources("Tom Reyes, the mayor, said Mexico must rebut the report.", "said") == ["Tom Reyes"]


def test_told_is_never_inverted():
    # the noun phrase after "told" is the one told, not who speaks
    assert sources("Ann Bell, who was listed as a delegate, told POLITICO, “I like the plan.”",
                   "told") == ["Ann Bell"]


def contents(text, cue):
    from storywatch.extractors.attribution import find_attributions
    return [text[a.content_span[0]:a.content_span[1]] for a in find_attributions(text, 0, len(text))
            if text[a.cue_span[0]:a.cue_span[1]] == cue]


def test_a_preposition_after_said_is_no_content_of_its_own():
    # "said over the phone", "said with a laugh", "said of the plan": an adjunct, so what the
    # speaker said is the quotation before, whatever apposition follows the name
    text = "“The bridge is unsafe,” Ann Bell, harbor master for the county, said over the phone."
    assert contents(text, "said") == ["“The bridge is unsafe,”"]


def test_a_capitalised_word_inside_a_sentence_is_a_name_not_a_learned_cue():
    # "hope" is a learned cue word ("aides hope to ..."), but "Hope said" is Ms. Hope speaking;
    # in a title-case headline a capitalised cue is still a verb
    from storywatch.extractors.attribution import find_cues
    text = "“We were wrong,” Hope said after the vote."
    assert sources(text, "said") == ["Hope"]
    assert [text[c.start:c.end] for c in find_cues(text, 0, len(text))] == ["said"]
    headline = "Party Leaders Hope Senate Vote Ends Shutdown"
    assert [headline[c.start:c.end] for c in find_cues(headline, 0, len(headline))] == ["Hope"]


def test_the_object_of_an_implicative_causative_speaks():
    # "led X to declare" entails that X declared; "urged X to deny" does not say X denied
    assert sources("The loss led party chairman Tom Reyes to declare the race over.", "declare") \
        == ["Tom Reyes"]
    assert sources("The audit forced the mayor to admit that the budget was wrong.", "admit") \
        == ["the mayor"]
    assert sources("Ann Bell urged Tom Reyes to deny the report.", "deny") == []


def test_a_plural_noun_before_an_appositive_is_no_verb():
    # "Other council members, including ..., have ..., saying": the subject runs to its head noun
    assert sources("Other council members, including Ann Bell and Tom Reyes, have joined the mayor, "
                   "saying the levy is fair.", "saying") == ["Other council members"]


def test_a_poll_two_organisations_take_is_named_with_a_slash_and_opens_the_sentence():
    # "In a Harbor Times/Channel 9 survey released Tuesday, ...": the phrase runs to its comma, and
    # what the poll found follows it
    from storywatch.extractors.attribution import find_attributions
    text = "In a Harbor Times/Channel 9 survey released Tuesday, 48 percent of voters backed the levy."
    found = [(text[slice(*a.source_span)], text[slice(*a.content_span)], a.pattern)
             for a in find_attributions(text, 0, len(text)) if text[slice(*a.cue_span)] == "In"]
    assert found == [("a Harbor Times/Channel 9 survey released Tuesday",
                      "48 percent of voters backed the levy.", "in_poll_opening")]


def test_a_quantifier_or_a_number_with_its_noun_left_out_is_a_subject():
    assert raw_sources("The members met, and most said they were worried.", "said") == ["most"]
    assert raw_sources("Of those polled, 47% say the city should act.", "say") == ["47%"]
    assert raw_sources("Asked about the plan, many said Monday that it changed nothing.", "said") == ["many"]


def test_a_conjunction_between_a_quotation_and_a_cue_is_no_subject():
    # the "and" joins "said" to "called", whose subject says what follows
    assert sources("Mayor Jane Roe called the plan “a fine start,” and said the council would vote on it.",
                   "said") == ["Jane Roe"]


def test_a_participle_after_a_quotation_does_not_invert():
    # "adding" hangs on "Roe said ..."; the quotation after it is what Roe adds, not its subject
    assert raw_sources("Roe said the vote could be “messy,” adding, “Democracy is messy.”", "adding") \
        == ["Roe"]


def test_a_preposition_or_a_conjunction_opens_no_subject_for_a_later_verb():
    # the subject a participle or a coordinated verb shares is after the opening word
    assert raw_sources("Yet the mayor held a rally and called the plan a disgrace.", "called") \
        == ["the mayor"]
    assert raw_sources("Yet Roe took the stage, saying the plan was dead.", "saying") == ["Roe"]
    assert raw_sources("With the vote near, the mayor held a rally, calling the plan a disgrace.",
                       "calling") == ["the mayor"]


def test_a_quotation_inside_the_sentence_is_no_content_of_a_verb_with_its_own_object():
    # "Harbor Nights" is a title in the opening phrase; the actor discussed the absence
    text = "In a talk on his new show, “Harbor Nights,” the actor discussed the absence of women in the room."
    from storywatch.extractors.attribution import find_attributions
    assert [text[slice(*a.content_span)] for a in find_attributions(text, 0, len(text))
            if text[slice(*a.cue_span)] == "discussed"] == ["the absence of women in the room."]


def test_an_adverb_may_split_an_infinitive():
    assert raw_sources("The county board is now trying to openly blame the mayor for the deficit.", "blame") \
        == ["The county board"]


def test_a_cue_with_a_that_clause_reports_it_not_the_opening_before_its_subject():
    from storywatch.extractors.attribution import find_attributions
    text = "Asked about it after the hearing, Roe told reporters that she backed the plan."
    assert [text[slice(*a.content_span)] for a in find_attributions(text, 0, len(text))
            if text[slice(*a.cue_span)].startswith("told")] == ["she backed the plan."]


def test_the_base_form_of_a_learned_cue_verb_after_a_modal_or_to_is_a_cue():
    # "voted" is a learned cue; after "would" or "to", "vote" can only be the verb
    assert raw_sources("Most members would vote for the levy.", "vote") == ["Most members"]
    assert raw_sources("The mayor wants to vote against the levy.", "vote") == ["The mayor"]


def test_an_opening_time_set_off_by_a_comma_is_no_subject_of_a_participle():
    assert raw_sources("A few minutes later, Roe followed up by lamenting the cost of the plan.",
                       "lamenting") == ["Roe"]
    assert raw_sources("Shortly after the vote, the founders had mobilized, warning that it would fail.",
                       "warning") == ["the founders"]


def test_no_subject_is_found_for_an_infinitive_across_another_infinitive():
    # "to show" is the purpose of "to do more work": "Roe needs" is no noun phrase
    assert raw_sources("He said Roe needs to do more work to show that she can win.", "show") == []


def test_a_learned_cue_verb_in_another_form_after_a_contracted_modal_or_a_progressive_be():
    assert raw_sources("Most members wouldn’t vote for the levy.", "vote") == ["Most members"]
    assert raw_sources("The members are voting for the levy.", "voting") == ["The members"]


def test_a_learned_cue_verb_in_s_after_a_subject_pronoun_is_a_cue():
    # "attacked" is learned; after "she", "attacks" is the verb, not a noun
    assert raw_sources("She attacks the plan as a tax grab.", "attacks") == ["She"]


def test_an_adverb_may_stand_between_a_modal_and_the_base_form_of_a_cue():
    assert raw_sources("Most members would likely vote for the levy.", "vote") == ["Most members"]


def test_the_subject_of_a_verb_of_feeling_after_be_holds_the_view():
    # "impressed by" names what the view is about, not who holds it (unlike "criticized by X")
    assert raw_sources("Few council members were impressed by the mayor's budget.", "impressed") \
        == ["Few council members"]
    # "troubled" is no learned cue: after "be" a verb of feeling is one
    assert raw_sources("The harbor pilots are troubled that the channel is still closed.", "troubled") \
        == ["The harbor pilots"]


def test_an_adverb_in_ly_set_off_before_the_verb_is_no_subject():
    # "bluntly" stands between the appositive's comma and the verb: the name before speaks
    assert raw_sources("Tom Reyes, the council's lawyer, bluntly denied the report.", "denied") \
        == ["Tom Reyes"]


def test_the_subject_of_be_and_a_noun_for_one_who_takes_a_side_holds_the_view():
    # "a fervent supporter of": the article and adjective are no part of the subject
    assert raw_sources("Tom Reyes, 52, is a fervent supporter of the levy.", "supporter") == ["Tom Reyes"]
    # "critic" is no learned cue; after "be" and an article it is one
    assert raw_sources("The harbor master has long been a critic of the dredging plan.", "critic") \
        == ["The harbor master"]


def test_the_agent_of_a_passive_asked_asks_the_question_after_it():
    # "asked by X whether ...": X asks; a question that opens the sentence ends at its comma
    text = "Asked by Tom Reyes whether she would run again, Roe said she had not decided."
    from storywatch.extractors.attribution import find_attributions
    asked = [a for a in find_attributions(text, 0, len(text)) if text[a.cue_span[0]:a.cue_span[1]] == "Asked"]
    assert [(text[a.source_span[0]:a.source_span[1]], text[a.content_span[0]:a.content_span[1]])
            for a in asked] == [("Tom Reyes", "whether she would run again")]
    assert raw_sources("The mayor was asked by a reporter if the levy would pass.", "asked") == ["a reporter"]


def test_a_participle_clause_after_said_and_an_adjunct_leaves_said_reporting_what_came_before():
    # "said in an interview, adding that ...": "adding" hangs on the clause; "said" has no object
    from storywatch.extractors.attribution import find_attributions
    text = "The levy will pass, Jane Roe said in an interview on Monday, adding that the council agreed."
    said = [a for a in find_attributions(text, 0, len(text))
            if text[a.cue_span[0]:a.cue_span[1]] == "said"]
    assert [text[a.content_span[0]:a.content_span[1]] for a in said] == ["The levy will pass"]


def test_a_verb_joined_by_and_inside_a_relative_clause_has_the_relative_pronoun_as_subject():
    # "who answered ... and said": "said" is the relative clause's, not "Tom told"'s
    assert raw_sources("Tom Reyes called Ann Bell, who listened for an hour and said the levy was fair.",
                       "said") == ["who"]


def test_a_verb_joined_by_and_inside_a_subordinate_clause_has_that_clauses_subject():
    # "when Roe thanked the crowd and said": Roe said it, not the main clause's subject
    assert raw_sources("The council members left early, and when Roe thanked the crowd and said the levy "
                       "was fair, nobody clapped.", "said") == ["Roe"]


def test_a_speaker_before_a_colon_that_ends_the_sentence_says_the_quotation_after_it():
    # "Bell responded:" has nothing after its colon in its sentence; the quotation is Bell's
    text = ("The council repeated its charges on Monday, and Tom Bell responded:\n\n"
            "“If the harbor closes, the town closes with it.”\n\nThe vote is on Friday.")
    found = [(a.source, a.content) for a in analyse_text(text, []).attributions]
    assert ("Tom Bell", "“If the harbor closes, the town closes with it.”") in found


def test_a_paragraph_after_a_speakers_colon_is_the_speakers_even_without_quotation_marks():
    # a block quotation set off as its own paragraph, as blogs print them
    text = ("In her column on Sunday, Ann Bell writes:\n\n"
            "The harbor has been dredged twice in ten years, and each time the council paid too much.\n\n"
            "The council has not answered.")
    found = [(a.source, a.content) for a in analyse_text(text, []).attributions]
    assert ("Ann Bell", "The harbor has been dredged twice in ten years, and each time the council paid "
                        "too much.") in found


def test_said_and_the_subject_after_it_are_no_source_of_a_cue_in_what_is_said():
    # "hoped" is inside what Reyes said; "said he" is a verb and a subject, no noun phrase
    text = "Tom Reyes, who runs the harbor, said he hoped the channel would reopen."
    assert raw_sources(text, "hoped") == []
    assert raw_sources(text, "said") == ["Tom Reyes"]
    text = "Tom Reyes, who runs the harbor, said pilots wanted the channel reopened."
    assert raw_sources(text, "wanted") == []


def test_since_after_a_perfects_auxiliary_is_an_adverb_not_a_conjunction():
    # "has since said" is "has said since then": no clause opens at "since", the subject stays
    assert sources("The harbor board has since said that the dredging will go ahead.", "said") \
        == ["The harbor board"]
    assert sources("Tom Bell, the harbor master, has since argued that the channel is safe.", "argued") \
        == ["Tom Bell"]


def test_early_and_late_before_a_day_open_a_time_not_a_name():
    # "Late Tuesday, Jane Roe said": a time set off by a comma, no head of an appositive
    assert raw_sources("Late Tuesday, Jane Roe said the levy was a mistake.", "said") == ["Jane Roe"]
    assert raw_sources("Early Monday, Jane Roe told reporters the levy was a mistake.", "told reporters") \
        == ["Jane Roe"]


def test_an_object_and_its_quoted_complement_after_a_verb_are_no_inverted_subject():
    # ", called Tom Bell a “fraud,” and left": Bell is the object of "called", not its speaker
    text = "At the meeting on Monday, Jane Roe rose, called Tom Bell a “fraud,” and left the hall."
    assert not any("Bell" in s for s in raw_sources(text, "called"))


def test_a_quotation_that_trails_off_in_an_ellipsis_is_what_the_speaker_after_it_said():
    # "“...tried...” Bell said, and ...": an ellipsis ends the quotation as a comma would
    from storywatch.extractors.attribution import find_attributions
    for text in ("“We tried and tried...” Tom Bell said, and the hall fell silent.",
                 "“We tried and tried …” Tom Bell said, and the hall fell silent."):
        found = [(text[a.source_span[0]:a.source_span[1]], text[a.content_span[0]:a.content_span[1]])
                 for a in find_attributions(text, 0, len(text))]
        assert found[0][0] == "Tom Bell" and found[0][1].startswith("“We tried")


def test_a_verb_joined_by_and_shares_the_main_clauses_subject_not_one_in_an_opening_clause():
    # "After the Gazette reported ..., Roe questioned ... and said": the subject of "said" is Roe;
    # the Gazette is the subject of the opening adverbial clause only
    text = "After the Gazette reported the vote, Roe questioned the levy and said it was unfair."
    assert sources(text, "said") == ["Roe"]


def test_a_name_after_a_day_set_off_by_a_comma_is_no_place_after_a_place():
    # "Tuesday, Jane Roe, the mayor, said": a time, then the subject and its appositive
    for opening in ("Tuesday", "Late Tuesday", "Yesterday"):
        assert sources(f"{opening}, Jane Roe, the mayor, said the levy was a mistake.", "said") \
            == ["Jane Roe"]


def test_opening_phrases_stack_before_the_subject_a_verb_joined_by_and_shares():
    # "On Monday, as Bell warned ..., Roe questioned ... and said": two openings, then the subject
    text = "On Monday, as Tom Bell warned of delays, Roe questioned the levy and said it was unfair."
    assert sources(text, "said") == ["Roe"]


def test_a_former_title_after_an_inverted_said_is_the_speaker():
    # ", said former harbor master Tom Bell, who ...": "former" opens the subject's description
    text = ("The harbor fund is short by $9 million, said former harbor master Tom Bell, who chairs "
            "the port board.")
    assert sources(text, "said") == ["Tom Bell"]


def test_two_nouns_joined_by_and_under_one_determiner_are_one_subject():
    # "The harbor master and former mayor told": one person, two titles; no clause opens at "and"
    assert raw_sources("The harbor master and former mayor told Harbor Radio that the port is closed.",
                       "told") == ["The harbor master and former mayor"]
    # (but a new noun phrase after "and" is a new clause's subject)
    assert raw_sources("The mayor left and the council said the port is closed.", "said") == ["the council"]


def test_an_apostrophe_inside_an_inverted_source_is_no_quotation():
    # "O'Dell" holds an apostrophe, not a quotation mark: the name after ", said" is the source
    assert sources("The plan for the harbor will cost more than the city can raise, "
                   "said Maura O'Dell, a budget analyst at the port.", "said") == ["Maura O'Dell"]


def test_a_frame_after_what_is_said_ends_the_content_of_an_earlier_cue():
    # ", according to two aides" frames the clause before it: what Roe told ends at its comma
    from storywatch.extractors.attribution import find_attributions
    text = "Jane Roe has told friends she will not run again, according to two aides."
    contents = {text[slice(*a.cue_span)].strip(): text[slice(*a.content_span)].strip(" ,")
                for a in find_attributions(text, 0, len(text))}
    assert contents["told"] == "friends she will not run again"


def test_a_passives_agent_ends_before_when_or_where():
    assert raw_sources("The plan was criticized by the mayor on Monday.", "criticized") == ["the mayor"]
    assert raw_sources("The levy was announced by the party in a statement.", "announced") == ["the party"]


def test_the_agent_after_a_participle_without_be_holds_the_view():
    # "the bill, opposed by X": a reduced passive names its agent after "by", who opposes the bill
    assert raw_sources("The farm bill, opposed by most House Democrats, passed the Senate on Tuesday.",
                       "opposed") == ["most House Democrats"]
    # "As reported by X, ...": the agent reports the clause that follows
    text = "As reported by the Harbor Gazette, the mayor wants to leave office next month."
    from storywatch.extractors.attribution import find_attributions
    found = [a for a in find_attributions(text, 0, len(text))
             if text[a.cue_span[0]:a.cue_span[1]].startswith("reported")]  # "reported (by)"
    assert [(text[slice(*a.source_span)], text[slice(*a.content_span)]) for a in found] \
        == [("the Harbor Gazette", "the mayor wants to leave office next month.")]


def test_a_participle_phrase_or_where_clause_set_off_by_commas_is_no_source():
    # the aside between the subject and its verb describes the subject; the subject speaks
    assert raw_sources("A study by the Harbor Institute, prepared for the city council, predicted "
                       "that rents would rise.", "predicted") == ["A study by the Harbor Institute"]
    assert raw_sources("The betting markets, where traders wager on the outcome, show the mayor far ahead.",
                       "show") == ["The betting markets"]


def test_a_cue_inside_an_opening_participle_clause_belongs_to_the_main_subject():
    # "Rattling off promises to ..., the mayor ...": the opening clause has no subject of its own
    assert raw_sources("Rattling off promises to lower fares and fix the docks, Mayor Jane Roe drew cheers.",
                       "promises") == ["Mayor Jane Roe"]
    assert raw_sources("Having announced that the port would close, Roe left the room.", "announced") \
        == ["Roe"]
    # (and the subject after the comma ends where its own verb begins)
    assert raw_sources("Pointing to the harbor report, the mayor said the docks were unsafe.", "Pointing") \
        == ["the mayor"]


def test_a_short_quotation_inside_a_relative_clause_does_not_invert_the_main_verb():
    # "Roe, who calls Bell a “fraud,” said he ...": the quotation is the relative clause's phrase;
    # "said" is the main verb, its subject is Roe, and what follows it is what Roe said
    text = "Tom Reyes, who calls the mayor a “fraud,” said he doubts the harbor budget."
    assert raw_sources(text, "said") == ["Tom Reyes"]


def test_an_aside_between_two_dashes_before_the_verb_is_no_part_of_the_subject():
    text = ("The ferry company - which also owns the bus depot, the marina and two hotels, among other "
            "firms - reported a loss in the third quarter.")
    assert raw_sources(text, "reported") == ["The ferry company"]
    text = ('Council leader Tom Bell - who once vowed to "shut the whole thing down" within a year - said '
            "on Monday that the port would stay open.")
    assert raw_sources(text, "said")[-1:] == ["Council leader Tom Bell"]


def test_a_part_opening_with_a_conjunction_starts_a_new_clause_and_its_subject():
    # "..., but their neighbor Tom Bell, 83, knows": the walk back over the age stops at "but"
    text = ("Ms. Roe avoids talking politics with her brother, but their neighbor Tom Bell, 83, "
            "knows the answer.")
    assert raw_sources(text, "knows") == ["their neighbor Tom Bell"]


def test_a_shared_subject_is_not_taken_from_inside_the_opening_phrase():
    # "When asked whom she backed, Roe smiled and said": "she" belongs to the opening clause; the
    # verbs joined by "and" share the main clause's subject
    text = 'When asked whom she backed, Jane Roe sighed and said, "I am waiting for the mayor."'
    assert raw_sources(text, "said") == ["Jane Roe"]
    # (and when the first verb is a cue itself, "said" goes on with its source)
    text = text.replace("sighed", "smiled")
    assert [a.source for a in analyse_text(text, [], confidence=None).attributions
            if a.cue == "said"] == ["Jane Roe"]


def test_verbs_joined_by_and_share_the_subject_of_their_own_clause():
    # ", and the league denounced ... and said": the clause after ", and" has its own subject
    text = ("A group of pastors called for a boycott of the speech, and the harbor league strongly "
            "denounced the remarks and said it would return the donations.")
    assert sources(text, "said") == ["the harbor league"]


def test_a_bare_plural_after_an_opening_adverb_heads_a_restrictive_relative_clause():
    # "Even economists who favor X agree": the relative clause picks out which economists; they agree
    text = "Even economists who favor a harbor tax agree that the change will be slow."
    assert raw_sources(text, "agree") == ["economists"]


def test_an_opening_participle_clause_holds_no_subject_for_verbs_joined_by_and():
    # "Standing before workers who ..., Roe tried ... and promised": not the relative pronoun
    text = ("Standing before hundreds of dock workers who are struggling to get by, Jane Roe tried "
            "last week to show empathy and promised to deliver change.")
    assert sources(text, "promised") == ["Jane Roe"]


def test_a_participle_after_an_opening_with_no_comma_hangs_on_the_pronoun_subject():
    text = "By Sunday afternoon she had canceled the rally in Harbor City, Maine, citing the storm."
    assert raw_sources(text, "citing") == ["she"]


def test_a_title_case_dateline_with_the_wire_name_is_no_subject():
    # "Harbor City (AFP) – Mayor Jane Roe has ...": the dateline names where, not who
    text = ("Harbor City (AFP) – Mayor Jane Roe has taken a swipe at the council over the docks, "
            "saying that the delays do more harm than good.")
    assert raw_sources(text, "saying") == ["Mayor Jane Roe"]


def test_a_title_in_quotation_marks_and_its_aside_do_not_hide_the_subject():
    # 'Jane Roe, the author of "Low Water," about the port, said': the title is a phrase of the
    # description, and what follows it is an aside; the name before them is the subject
    text = 'Jane Roe, the author of "Low Water," about the decline of the port, said the docks would close.'
    assert raw_sources(text, "said") == ["Jane Roe"]


def test_a_participle_after_the_main_clause_takes_no_source_from_the_opening_clause():
    text = ("While harbor owners and their lobbying groups push for free trade, Mayor Roe has rallied "
            "thousands by promising to tax imports.")
    assert raw_sources(text, "promising") == ["Mayor Roe"]


def test_a_wire_credit_after_a_datelines_abbreviation_opens_the_sentence():
    # "HARBOR CITY, Ore. (AP) — ...": the period of "Ore." ends no sentence; the subject after the
    # dash speaks, and the verb joined by "and" shares it
    text = ("HARBOR CITY, Ore. (AP) — Mayor Jane Roe toured the flooded port on Monday and said the "
            "city would need federal help.")
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "said"] \
        == [("Jane Roe", "the city would need federal help.")]


def test_a_word_quoted_inside_a_relative_clause_is_no_quotation_said_reports():
    # "Roe, who calls the levy a “swindle,” said he ...": the quoted word belongs to the relative
    # clause; "said" has its subject before it and its complement clause after it
    text = "Tom Roe, who calls the harbor levy a “swindle,” said he would vote against it."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "said"] \
        == [("Tom Roe", "he would vote against it.")]


def test_as_reported_by_names_who_reported_the_main_clause():
    # "As reported by X, CLAUSE" and "CLAUSE, as first reported by X.": X reports the clause
    text = "As reported by the Harbor Gazette, the port authority lost $4 million last year."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("the Harbor Gazette", "the port authority lost $4 million last year.")]
    text = "The port authority lost $4 million last year, as first reported by the Harbor Gazette."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("the Harbor Gazette", "The port authority lost $4 million last year")]


def test_a_reporting_clause_opened_by_as_reports_the_clause_beside_it():
    # "CLAUSE, as X said [when]." and "As X said [when], CLAUSE": the "as" clause has no object of
    # its own; what it reports is the main clause
    text = "The harbor fund ran dry, as the treasurer noted on Monday."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("the treasurer", "The harbor fund ran dry")]
    text = "As the treasurer said last week, the harbor fund ran dry."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("the treasurer", "the harbor fund ran dry.")]


def test_a_clause_whose_colon_opens_a_quotation_is_its_subjects_line():
    # "Roe went further: “...”": no reporting verb, but the colon after the clause introduces the
    # quotation, and the clause's subject says it
    text = "At the harbor meeting, Jane Roe went even further: “The port will close by June.”"
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("Jane Roe", "“The port will close by June.”")]


def test_a_share_of_respondents_says_what_the_poll_that_frames_it_found():
    # "In a Gazette poll, 52 percent of voters said ...": the poll is the source of what the share
    # said, as it is of the whole sentence
    text = "In a Harbor Gazette poll, 52 percent of voters said the levy should be repealed."
    said = [a for a in analyse_text(text, []).attributions if a.cue == "said"]
    assert [(a.source, a.content) for a in said] \
        == [("a Harbor Gazette poll", "the levy should be repealed.")]
    text = "Nearly two in three residents say the port should stay open, according to the survey."
    say = [a for a in analyse_text(text, []).attributions if a.cue == "say"]
    assert [a.source for a in say] == ["the survey"]


def test_a_name_after_from_before_a_colon_speaks_the_quotation():
    # "... more from Ann Bell:": the name just before the colon is whose words it introduces
    text = "The harbor vote was close, with more from Ann Bell: “We have never seen lines like these.”"
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("Ann Bell", "“We have never seen lines like these.”")]


def test_a_clause_after_told_and_its_listener_is_what_was_told():
    # "Roe, a delegate, told the Gazette she was ...": the clause after the listener is the content,
    # not the appositive before the verb
    text = "One delegate not on the harbor slate, Jane Roe, told WHRB she was leaning toward Bell."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "told"] \
        == [("Jane Roe", "she was leaning toward Bell.")]


def test_a_quotation_then_a_name_with_its_relative_clause_then_said():
    # "“...,” Tom Bell, who ..., said about ...": the name and its closed relative clause are the
    # subject; the quotation is what was said
    text = "“The port is our lifeline,” Tom Bell, who used to run the ferry, said about the vote."
    assert [a.content for a in analyse_text(text, []).attributions if a.cue == "said"] \
        == ["“The port is our lifeline,”"]


def test_adverbs_and_a_time_after_who_leave_it_the_subject_of_the_cue():
    # "Bell, who on Tuesday endorsed Roe, ...": "on Tuesday" between "who" and the verb is an
    # adjunct; "who" is still the verb's subject
    text = "The crowd cheered for Tom Bell, who on Tuesday endorsed Jane Roe for mayor."
    assert [a.content for a in analyse_text(text, []).attributions if a.cue == "endorsed"] \
        == ["Jane Roe for mayor."]


def test_a_passive_of_asking_with_its_agent_survives_the_confidence_model():
    # "asked by a reporter whether ...": the reporter asks the question; the model, learned before
    # the pattern existed, does not weigh it away
    text = "When asked by a reporter whether the harbor would close, Jane Roe said no."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "asked"] \
        == [("a reporter", "whether the harbor would close")]


def test_an_adverb_alone_after_the_cue_sends_the_content_before_it():
    # "CLAUSE, Jane Roe wrote recently.": a lone adverb after the cue is no content of its own
    text = "The harbor levy will fail, Jane Roe wrote recently."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("Jane Roe", "The harbor levy will fail")]


def test_a_long_description_between_a_quotation_and_wrote_is_its_subject():
    # "“...,” former harbor planning director Jane Roe wrote to ...": seven words of one noun
    # phrase, no clause, between the quotation and the cue
    text = ("“I have never been prouder of this port,” the former harbor planning director Jane Roe wrote to "
            "the mayor in a message bearing the subject line Bravo and sent late on Saturday.")
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "wrote"] \
        == [("the former harbor planning director Jane Roe", "“I have never been prouder of this port,”")]


def test_a_plural_noun_of_a_cue_with_its_owner_and_its_target_is_a_cue():
    # "Bell's attacks on Roe": the -s form after a possessive and before "on" is a plural noun of
    # the cue verb ("attacked"), and its owner holds the view
    text = "Tom Bell's attacks on the harbor levy have grown sharper."
    assert [(a.source, a.cue) for a in analyse_text(text, []).attributions] == [("Tom Bell's", "attacks")]


def test_a_surname_in_ing_before_a_past_verb_is_a_subject_not_a_participle():
    # "Manning waved ... and said": a capitalised word in -ing followed by a verb in the past is a
    # name, the subject the verb joined by "and" shares
    text = "At the gate, Manning waved at the crowd and said the port would reopen in June."
    assert [a.source for a in analyse_text(text, []).attributions if a.cue == "said"] == ["Manning"]


def test_at_least_opens_a_quantity_not_a_preposition():
    # "At least half of the voters say ...": "at least" modifies the quantity; the phrase is the subject
    text = "At least half of the harbor voters say the levy is too high."
    assert [a.source for a in analyse_text(text, []).attributions if a.cue == "say"] \
        == ["At least half of the harbor voters"]


def test_a_title_in_lower_case_before_a_name_after_an_inverted_says():
    # ", says political scientist Ann Bell in Bayside.": a lower-case title opens the inverted subject
    text = "The harbor matters more than the airport, says political scientist Ann Bell in Bayside."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "says"] \
        == [("Ann Bell", "The harbor matters more than the airport")]


def test_an_opening_mark_after_the_last_comma_of_a_quotation_closes_it():
    # "“...,“ said Roe": a mistyped opening mark after the comma, before a space, ends the quotation
    text = "“The port is not for sale,“ said Tom Bell, a harbor commissioner."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions] \
        == [("Tom Bell", "“The port is not for sale,“")]


def test_a_space_before_the_closing_mark_still_ends_the_quotation_with_its_comma():
    # "“..., ” he said": the comma ends the quoted words even with a stray space before the mark
    text = "“I regret having listened to that advice, ” he said, looking at the harbor."
    assert [(a.source, a.content) for a in analyse_text(text, []).attributions if a.cue == "said"] \
        == [("he", "“I regret having listened to that advice, ”")]


def test_a_place_and_a_wire_credit_open_the_sentence_before_its_subject():
    # "Bayside (AFP) – Jane Roe ..., saying ...": the dateline is no part of the subject
    text = "Bayside (AFP) – Mayor Jane Roe took a swipe at the harbor board, saying the levy was unfair."
    assert [a.source for a in analyse_text(text, []).attributions if a.cue == "saying"] == ["Jane Roe"]


def test_a_cue_word_inside_what_a_closing_report_reports_is_the_reporters():
    # "plans", "favored": no verb of saying; the clause is what the office or the clerk reports
    assert sources("The county board plans to close two libraries next spring, the clerk's office said.",
                   "plans") == ["the clerk's office"]
    assert sources("Turnout in the valley favored Jane Roe, according to the county clerk.",
                   "favored") == ["the county clerk"]


def test_an_existential_there_is_no_source():
    # "there is no doubt": no one is there to doubt; the cue noun is what there is
    assert raw_sources("There is no doubt that the harbor tax will pass in June.", "doubt") == []
    assert raw_sources("There were loud calls from the gallery to adjourn the session.", "calls") == []


def test_a_headline_kicker_before_a_colon_is_no_speaker():
    # "BREAKING:", "Wow:" open a headline; the one who speaks is inside it, if anyone
    assert raw_sources("BREAKING: Harbor Council Votes To Close The Old Pier.", ":") == []
    assert raw_sources("Wow: Mayor Jane Roe Just Said Something Surprising About The Pier.", ":") == []


def test_a_passive_before_to_leaves_the_infinitive_without_a_source():
    # someone unnamed expects it or asks for it: the subject is not saying anything
    assert raw_sources("The harbor board is expected to approve the new fees on Monday.", "approve") == []
    assert raw_sources("The clerk was asked to explain the missing ledgers.", "explain") == []


def test_a_relative_pronouns_source_span_runs_from_its_antecedent():
    # "Tom Reyes, who called": the one who calls is named by the antecedent, and the span says so
    text = "The harbor plan drew fire from Tom Reyes, who called it a giveaway to developers."
    assert [text[a.source_span[0]:a.source_span[1]] for a in analyse_text(text, []).attributions
            if a.cue == "called"] == ["Tom Reyes, who"]


def test_a_relative_pronouns_antecedent_may_open_the_sentence_or_carry_a_parenthesis():
    def spans(text, cue):
        return [text[a.source_span[0]:a.source_span[1]] for a in analyse_text(text, []).attributions
                if a.cue == cue]
    assert spans("The fees rose in May. The county's lawsuit, which argues that the fees are illegal, "
                 "was filed on Friday.", "argues") == ["The county's lawsuit, which"]
    assert spans("The fees drew a sharp reply from Jane Roe (D-Maine), who called them illegal.",
                 "called") == ["Jane Roe (D-Maine), who"]


def test_a_cue_word_inside_the_clause_a_report_interrupts_is_the_reporters():
    assert sources("Back then, the clerk said, the council wanted to sell the old pier.", "wanted") \
        == ["the clerk"]
    # not across ", and": the clause after it is no longer the one the report sits in
    assert "the clerk" not in sources(
        "Back then, the clerk said, the pier was closed, and the council wanted to sell it.", "wanted")


def test_an_adjective_of_stance_after_be_with_its_preposition_is_a_cue():
    # "has been critical of", "are wary of": the subject's view of what the preposition names
    assert sources("The harbor pilots' union has long been critical of the dredging contract.",
                   "critical") == ["The harbor pilots' union"]
    assert sources("Several shop owners on Mill Street are wary of the new parking rules.", "wary") \
        == ["Several shop owners on Mill Street"]
    # (alone, or before a noun, it describes: no view)
    assert sources("The vote on the dredging contract is critical.", "critical") == []
    assert sources("It was a critical moment for the harbor pilots.", "critical") == []
    assert sources("Dredging is critical to the harbor pilots.", "critical") == []


def test_a_semicolon_ends_the_clause_before_the_subject():
    # two clauses joined by a semicolon: the second cue's subject opens after it
    text = "Most dock workers backed the contract; 40 percent said it paid too little."
    assert raw_sources(text, "said") == ["40 percent"]


def test_a_linking_verb_and_adverbs_of_degree_before_a_state_end_the_subject():
    # "remained deeply wary of", "grew frustrated with", "are apparently so worried that": the verb
    # links the subject to its state as "be" does, and the adverbs are no part of the subject
    assert sources("The ferry operators remained deeply wary of the new harbor fees.", "wary") \
        == ["The ferry operators"]
    assert sources("Dock workers grew frustrated with the delays at the north pier.", "frustrated") \
        == ["Dock workers"]
    assert raw_sources("The pilots were apparently so worried that the pier would close.", "worried") \
        == ["The pilots"]


def test_an_adjective_of_knowing_or_certainty_with_its_clause_is_a_cue():
    # "is well aware that", "are not sure whether": the subject's view of the clause that follows
    assert sources("The ferry operators are well aware that the pier is failing.", "aware") \
        == ["The ferry operators"]
    assert sources("Several dock workers were not sure whether the pier would reopen.", "sure") \
        == ["Several dock workers"]
    # (but "sure to" forecasts: no one holds that view)
    assert sources("The harbor levy is sure to pass next week.", "sure") == []


def test_a_group_divided_on_an_issue_holds_views_on_it():
    # "are split on whether", "were divided over": the group's views of the issue
    assert sources("The harbor pilots are split on whether the levy should pass.", "split") \
        == ["The harbor pilots"]
    assert sources("Ferry riders were deeply divided over the new fares.", "divided") == ["Ferry riders"]


def test_a_participle_hangs_on_the_clause_joined_before_it():
    # after ", but" a clause with its own subject opens: the participle is that subject's
    text = "It was a long shot, but Roe was at the harbor on Tuesday, stressing the port's importance."
    assert raw_sources(text, "stressing") == ["Roe"]
    # (a clause inside a quotation is no clause of the sentence)
    text = "“We lost the vote, and we were sad,” the pilot said, recalling the long night."
    assert raw_sources(text, "recalling") == ["the pilot"]


def test_a_poll_named_at_length_or_in_title_case_is_a_source():
    # a poll's name with its sponsors runs to many words, and a proper name may capitalise "Poll"
    text = "Roe leads Bell by nine points in the latest Harbor Gazette/Channel 7 News/Marist poll."
    assert raw_sources(text, "in") == ["the latest Harbor Gazette/Channel 7 News/Marist poll"]
    text = "The mayor's approval rating in the latest Harbor Gazette Poll stands at 53 percent."
    assert raw_sources(text, "in") == ["the latest Harbor Gazette Poll"]
    # (not a poll's numbers, nor a phrase of time before "polls": "after the polls closed")
    assert raw_sources("Roe opened offices in Bay County to take advantage of Bell's falling poll numbers.",
                       "in") == []
    assert raw_sources("In the hours after the harbor polls closed, Roe thanked her staff.", "In") == []


def test_a_name_with_its_description_set_off_by_commas_is_the_subject_not_inverted():
    # "Jane Roe, a councilwoman from the port, denounced X": the verb's object is no inverted subject
    text = "Jane Roe of Bay County, a councilwoman who grew up by the docks, denounced Tom Bell's remarks."
    assert raw_sources(text, "denounced") == ["Jane Roe of Bay County"]
    # (nor is the phrase after it when a title quoted in the description closes with its comma)
    text = "Tom Bell, star of radio's “Harbor Nights,” thanked the crew for “a fine season.”"
    assert raw_sources(text, "thanked") == ["Tom Bell"]
    # (and a name's noun after its article: "A Harbor News poll, conducted ..., shows")
    text = "A Harbor News poll, conducted jointly with Bay Research, shows Roe with 47 percent."
    assert raw_sources(text, "shows") == ["A Harbor News poll"]
    # (a clause before the comma is what was said: the inversion stands)
    assert raw_sources("The levy is dead, said Jane Roe.", "said") == ["Jane Roe"]


def test_a_phrasal_verb_of_attack_or_side_taking_is_a_cue_with_its_particle():
    # "went after", "came out against", "took aim at": the subject's stance toward the target
    assert raw_sources("The harbor master went after Roe on Tuesday over the dredging delays.",
                       "went after") == ["The harbor master"]
    assert raw_sources("The ferry union came out against the levy in May.", "came out against") \
        == ["The ferry union"]
    assert raw_sources("Several pilots took aim at the new fees.", "took aim at") == ["Several pilots"]
    # (not without its particle and target: "went after dinner", "came out of the meeting")
    assert raw_sources("The harbor master went after dinner.", "went after") == []
    assert raw_sources("The ferry union came out of the meeting.", "came out") == []


def test_a_phrasal_verb_may_take_either_of_its_particles():
    # "took aim at" and "took issue with" are both the verb "take" with a particle of its own
    assert raw_sources("The ferry union took issue with the new fees.", "took issue with") \
        == ["The ferry union"]
    assert raw_sources("The ferry union took aim at the new fees.", "took aim at") == ["The ferry union"]
    assert raw_sources("Jane Roe doubled down on her criticism of the levy.", "doubled down on") \
        == ["Jane Roe"]


def test_two_adverbs_may_stand_between_an_auxiliary_and_the_verb():
    # "are definitely not voting for", "would rather vote for": the verb still has its auxiliary
    assert raw_sources("Several dock workers are definitely not voting for Jane Roe.", "voting") \
        == ["Several dock workers"]
    assert raw_sources("Many ferry riders would rather vote for Tom Bell.", "vote") == ["Many ferry riders"]


def test_weighing_in_and_rallying_behind_are_cues_with_their_particles():
    assert raw_sources("The harbor pilots rallied behind Jane Roe after the vote.", "rallied behind") \
        == ["The harbor pilots"]
    assert raw_sources("Several ferry captains chimed in on the fee dispute.", "chimed in on") \
        == ["Several ferry captains"]
    assert raw_sources("The ferry union sounded off on the new fees.", "sounded off on") \
        == ["The ferry union"]


def test_phrasal_verbs_of_stating_or_playing_down_are_cues_with_their_particle():
    assert raw_sources("The harbor master laid out her plan for the north pier.", "laid out") \
        == ["The harbor master"]
    assert raw_sources("Several pilots played down the risks of the new channel.", "played down") \
        == ["Several pilots"]


def test_a_part_opening_with_a_verb_is_the_predicate_of_the_subject_before_it():
    # "was making a new pitch ..." set off by commas before the participle is no noun phrase: the
    # subject before the connective speaks
    assert sources("Governor Dana Pruitt, meanwhile, was making a new pitch to rural voters, arguing "
                   "that the tax would hurt farms.", "arguing") == ["Dana Pruitt"]


def test_an_opening_place_phrase_is_no_subject():
    # "Outside the party" opens the sentence as a place, not a name; the subject comes after it
    # (while "Outside experts" is a noun phrase of its own)
    assert sources("Outside the party, a growing number of donors, while still loyal to Roe, are "
                   "warning against a long fight.", "warning") == ["a growing number of donors"]
    assert sources("Outside experts say the county plan is weak.", "say") == ["Outside experts"]


def test_a_participle_after_a_reported_clause_is_the_reporters():
    # the subject inside the object clause ("council members", "the state") does not say what the
    # participle after it reports: the sentence's subject goes on speaking
    assert sources("Mayor Dana Roe said Wednesday that council members rejected her attempts to add "
                   "an audit clause, calling it a needless fight.", "calling") == ["Dana Roe"]
    assert sources("Governor Ann Lowe announced on Tuesday that the state had filed its appeal, "
                   "saying the ruling would not stand.", "saying") == ["Ann Lowe"]


def test_a_name_and_its_aside_before_a_transitive_verb_are_its_subject_not_content():
    # "endorsed Tom Reyes," after "Ann Lowe, a Democrat," is no inverted "said Tom Reyes": the name
    # before is the subject, the name after the object
    text = ("Governor Ann Lowe, a Democrat, endorsed Senator Tom Reyes last week, saying he had "
            "fought for the mill towns.")
    assert sources(text, "endorsed") == ["Ann Lowe"]
    assert sources(text, "saying") == ["Ann Lowe"]
    assert sources("And Reyes, said Lowe, who knows him well, never forgets a slight.", "said") == ["Lowe"]


def test_an_opening_participle_clause_or_time_is_no_name_to_walk_back_to():
    assert sources("Speaking in Dover, Dana Roe, without naming him, also accused the mayor of hiding "
                   "the audit.", "accused") == ["Dana Roe"]
    assert sources("Last month, the Harbor Gazette, a weekly paper, revealed that the mill would close.",
                   "revealed") == ["the Harbor Gazette, a weekly paper"]


def test_a_time_phrase_with_the_opens_no_subject():
    assert raw_sources("The day before, at a rally in Dover, Mr. Roe was just as blunt, claiming that the "
                       "count was rigged.", "claiming") == ["Mr. Roe"]


def test_a_semicolon_ends_the_clause_before_a_subject_that_is_a_name():
    assert sources("Roe proposes closing the plant; Lowe backs tougher rules but embraces the 2010 law.",
                   "backs") == ["Lowe"]


def test_a_verb_after_a_comma_and_then_shares_the_clauses_subject():
    # "chief of staff" before ", then says" is the first verb's object, not the speaker
    assert sources("Lowe offered the driver a job as chief of staff, then says she will hire more "
                   "aides.", "says") == ["Lowe"]


def test_a_clause_opened_by_as_before_a_name_and_its_aside_keeps_the_name():
    assert sources("Or, as Dana Roe, a former county judge, put it: the plan was doomed from the start.",
                   "put") == ["Dana Roe"]


def test_an_inverted_subject_may_be_a_list_with_and():
    assert sources("The vote, said Roe and others, would be close.", "said") == ["Roe and others"]


def test_the_object_of_leaving_or_getting_someone_to_speak_is_the_source():
    assert sources("The ruling left some voters to question whether the count was fair.",
                   "question") == ["some voters"]


def test_a_participle_after_a_coordinated_clause_with_its_own_subject_is_that_subjects():
    assert sources("Roe attacked the plan on Monday, and the county treasurer tripped up the mayor by "
                   "calling him out on the budget.", "calling") == ["the county treasurer"]


def test_as_x_put_it_keeps_the_name_before_its_aside():
    assert sources("As Dana Roe, professor of law at Dover, put it, the vote was close.", "put") \
        == ["Dana Roe"]
    # "it" after the verb is its object, never an inverted subject
    assert "it" not in [a.source for a in analyse_text(
        "As Dana Roe, author of ''The Quiet Court,'' put it, ''The vote was close.''", [],
        confidence=None).attributions]


def test_att13_a_no_break_space_before_an_inverted_cue_is_a_space():
    # a non-breaking space between the quotation and "added" is whitespace like any other
    assert raw_sources("“The levy is fair,”\u00a0added Roe.", "added") == ["Roe"]


def test_att13_a_quotation_with_its_own_speaker_after_it_is_no_continued_quote():
    # "“...!” heckled a man": the clause after the closed quotation names who says it (with a verb
    # that is no cue), not Jane Roe, the last speaker
    text = ("Jane Roe took the stage on Monday. “We will fix the port,” she said.\n\n"
            "“Not with my money!” heckled a man in the front row.")
    assert [a.source for a in analyse_text(text, [], confidence=None).attributions
            if "money" in a.content] == ["a man in the front row"]


def test_att13_say_as_a_noun_or_in_an_idiom_reports_no_one():
    assert raw_sources("The dock workers have a larger say in the outcome than the mayor does.", "say") == []
    assert raw_sources("But “fixing the port” is easier said than done in this town.", "said") == []
    assert raw_sources("It was not long ago -- oh, say, five years -- that the port thrived.", "say") == []
    assert raw_sources("Some say the levy is fair.", "say") == ["Some"]  # a quantifier: the subject


def test_att13_an_opening_participle_before_a_word_in_ing_is_no_subject():
    # "Facing mounting pressure ...,": the participle's clause opens the sentence; the subject after
    # its comma says what the participles later in the sentence report
    text = ("Facing mounting pressure from the union, Mr. Roe released a statement, describing the levy "
            "as fair but insisting that it would pass.")
    assert [a.source for a in analyse_text(text, [], confidence=None).attributions
            if a.cue == "insisting"] == ["Mr. Roe"]


def test_att13_a_verb_we_do_not_know_after_a_closed_quotation_names_its_speaker():
    assert raw_sources("“Not with my money!” heckled a man in the front row.", "heckled") \
        == ["a man in the front row"]
    assert raw_sources("“We will rebuild the docks,” she went on.", "went on") == ["she"]
    assert raw_sources("“Low Water,” an angry Roe retorted.", "retorted") == ["an angry Roe"]
    # a title in quotation marks with a phrase after it is no one's words
    assert find_attributions_in("“Harbor Nights,” on Channel 7, is a drama about the port.") == []


def find_attributions_in(text):
    from storywatch.extractors.attribution import find_attributions
    return find_attributions(text, 0, len(text))


def test_att13_by_and_a_time_after_a_passive_is_a_deadline_not_an_agent():
    assert raw_sources("The port was ordered to release the files, finishing the work by Feb. 29.",
                       "ordered") == []
    assert raw_sources("If anyone should have been confirmed by now, it is Roe.", "confirmed") == []
    # a number after "by" counts the agents
    assert raw_sources("The levy was rejected by 64 percent of the voters.", "rejected") \
        == ["64 percent of the voters"]


def test_att13_an_archive_records_field_label_before_a_colon_is_no_speaker():
    assert raw_sources("BYLINE: Ann Bell.", ":") == []
    assert raw_sources("Paid Notice: Deaths ROE, JANE.", ":") == []
    assert raw_sources("BELL: We will rebuild the docks.", ":") == ["BELL"]  # a transcript's speaker


def test_att13_a_heading_in_quotation_marks_is_no_continued_quote():
    # a kicker before a colon, or a line in capitals, set in quotation marks: no one's words
    for heading in ("“Related:”", "“THE PORT WILL CLOSE”"):
        text = (f"Jane Roe took the stage on Monday. “We will fix the port,” she said.\n\n{heading}\n\n"
                "The vote is in May.")
        assert [a.source for a in analyse_text(text, [], confidence=None).attributions
                if a.content == heading] == []


def test_att13_the_subject_of_be_hard_or_important_is_no_speaker_of_the_infinitive():
    # "It is important to note", "is hard to say": "it", or a clause, is no one who speaks
    assert raw_sources("It is important to note that the port lost money.", "note") == []
    assert raw_sources("Whether the levy will pass is hard to say.", "say") == []
    # a subject that does the infinitive keeps it
    assert raw_sources("The mayor is likely to say no to the levy.", "say") == ["The mayor"]


def test_att13_the_attributes_of_a_markup_tag_are_no_words():
    text = '<post author="harborfan" time="1465401600" tweet_id="7403">the docks closed early</post>.'
    from storywatch.extractors.attribution import find_attributions
    assert find_attributions(text, 0, len(text)) == []


def test_att13_a_noun_cue_inside_an_opening_participle_clause_is_not_the_subjects():
    # "Responding to this criticism, Roe said": the criticism is someone else's, not Roe's
    assert raw_sources("Responding to this criticism at the hearing, Roe said the levy was fair.",
                       "criticism") == []
    # a verb there still is: "Noting that ..., Roe said"
    assert raw_sources("Noting that the port lost money, Roe said the levy was fair.", "Noting") == ["Roe"]


def test_att13_add_up_to_is_a_sum_not_a_report():
    assert raw_sources("The delays added up to a crisis for the port.", "added") == []
    assert raw_sources("Roe added that the port would close.", "added") == ["Roe"]


def test_att12_a_restrictive_relative_pronoun_after_the_main_verb_is_the_source():
    # no comma before "who", auxiliaries and an adverb before the cue: the clause hangs on the
    # object after the main verb, and the relative pronoun is its subject
    assert raw_sources("The mayor is counting on harbor pilots who have long opposed the new toll.",
                       "opposed") == ["who"]


def test_att12_a_base_form_after_a_plural_subject_pronoun_is_a_present_tense_cue():
    # "back" is a cue learned only as "backed": after "they" or "who" it can only be a verb
    assert raw_sources("At the port, they strongly back the new harbor levy.", "back") == ["they"]
    assert raw_sources("Dock workers who back the new harbor levy rallied on Friday.", "back") == ["who"]


def test_att12_an_infinitive_of_purpose_after_a_verb_of_going_is_the_subjects():
    # "went on Channel 9 ... to denounce": the one who went denounces; "went" takes no object
    # that could be the infinitive's own subject
    assert raw_sources("Councilwoman Dana Reyes went on Channel 9 on Sunday to denounce the toll.",
                       "denounce") == ["Councilwoman Dana Reyes"]


def test_att12_the_first_or_only_one_to_do_something_did_it():
    # "was the first ... to endorse": the subject that "be" ranks first endorsed
    assert raw_sources("Councilwoman Dana Reyes was the first member of the harbor board to endorse "
                       "the toll.", "endorse") == ["Councilwoman Dana Reyes"]


def test_att12_yet_in_a_negated_verb_group_is_no_part_of_the_subject():
    # "has not yet endorsed": "yet" is an adverb of the verb group, like "still" or "already"
    assert raw_sources("The harbor pilots' union has not yet endorsed the toll.", "endorsed") \
        == ["The harbor pilots' union"]


def test_att12_a_colon_ending_a_paragraph_introduces_the_block_even_when_it_reports_others():
    # the block after "Ames writes:" is hers, though it has a cue of its own ("shows"); the rule is
    # in analysis.py (the colon's speaker carried to the next paragraph), so no raw_sources() here:
    # confidence=None keeps every candidate, independent of the model's weights
    text = ("The harbor report came out on Monday. Dana Ames writes:\n\nThe report shows that the toll "
            "would pay for the dredging.\n\nThe council meets next week.")
    assert ("Dana Ames", "The report shows that the toll would pay for the dredging.") in [
        (a.source, a.content) for a in analyse_text(text, [], confidence=None).attributions]


def test_att12_the_base_form_of_an_implicative_causative_names_who_speaks():
    # "will force X to acknowledge" as "forced X to acknowledge": X is made to, and does, speak
    assert raw_sources("The audit will force Councilwoman Dana Reyes to acknowledge the deficit.",
                       "acknowledge") == ["Councilwoman Dana Reyes"]
    assert raw_sources("The toll drove hundreds of dock workers to demand a vote.", "demand") \
        == ["hundreds of dock workers"]


def test_att12_a_participle_after_without_is_the_main_clauses_subjects():
    assert raw_sources("Mayor Dana Reyes resigned on Friday without naming a successor.", "naming") \
        == ["Mayor Dana Reyes"]


def raw_pairs(text, cue):
    from storywatch.extractors.attribution import find_attributions
    return [(text[a.source_span[0]:a.source_span[1]], text[a.content_span[0]:a.content_span[1]])
            for a in find_attributions(text, 0, len(text)) if text[a.cue_span[0]:a.cue_span[1]] == cue]


def test_att14_a_relative_pronoun_before_the_subject_is_the_object_of_the_cue():
    # "which the harbor board opposed": the board opposed the toll, named before its subject; the
    # verb has nothing after it but an adjunct
    [(source, content)] = raw_pairs("The council passed the dock toll, which the harbor board strongly "
                                    "opposed.", "opposed")
    assert source == "the harbor board" and content.startswith("the dock toll, which")
    [(source, content)] = raw_pairs("It is a levy that Dana Reyes backed two years ago.", "backed")
    assert source == "Dana Reyes" and content.startswith("a levy that")


def test_att14_a_contact_clause_opens_with_its_own_subject():
    # no relative pronoun: "a move the harbor board opposed" is "a move (that) the harbor board
    # opposed"; a noun phrase after a noun, or a nominative pronoun, is the clause's subject
    assert raw_pairs("The council raised the toll again, a move the harbor board opposed.", "opposed") \
        == [("the harbor board", "a move")]
    [(source, content)] = raw_pairs("Reyes spoke in the plain style she prefers.", "prefers")
    assert source == "she" and content.startswith("the plain style")


def test_att14_a_participle_inside_a_relative_clause_is_the_relative_pronouns():
    # "by questioning", "before backing" with no comma since "who"/"that": the participle hangs on
    # the relative clause, whose subject is the pronoun (PolNeAR's source), not the main clause's
    assert raw_sources("Dana Reyes, who last week upended the race by questioning the toll, spoke "
                       "on Friday.", "questioning") == ["who"]
    assert raw_sources("It is a dockworkers' group that endorsed Reyes before backing Bell.", "backing") \
        == ["that"]


def test_att14_an_opening_adverbial_before_a_subject_with_an_aside_is_no_name():
    # "Just this week, the board, which ..., spelled out": walking back over the aside stops at the
    # subject; the adverbial before the first comma (a function word and no capital after its
    # first word, a participle, a sentence adverb) names no one
    [source] = raw_sources("Just this week, the harbor board, which runs the port, spelled out its "
                           "concerns.", "spelled out")
    assert source.endswith("the harbor board")
    [source] = raw_sources("Reached by phone, Bell, the county treasurer, declined to comment.", "declined")
    assert source.endswith("Bell")
    # (a portion is a noun phrase: "Just over a quarter, 26 percent, say")
    assert raw_sources("Just over a quarter, 26 percent, say they will vote.", "say") \
        == ["Just over a quarter"]


def test_att14_a_participle_in_an_opening_phrase_after_besides_or_a_time_is_the_main_subjects():
    # "Besides criticizing ...," and "Eight years after backing ...," open the sentence with no
    # subject of their own: the main clause's subject, after the comma, does the criticizing
    assert raw_sources("Besides criticizing the toll, Dana Reyes argued that fares were too high.",
                       "criticizing") == ["Dana Reyes"]
    assert raw_sources("Eight years after backing the mayor, the dockworkers' union is weighing its "
                       "options.", "backing") == ["the dockworkers' union"]


def test_att14_a_participle_after_a_subordinate_clause_hangs_on_that_clause():
    # the nearest clause before the comma, with its own subject and active verb, holds the participle
    assert raw_sources("Reyes asks about the toll as a plumber walks in front of her, saying he is "
                       "here to fix the sink.", "saying") == ["a plumber"]
    assert raw_sources("The march moved to the pier, where about 40 strikers had gathered on Monday "
                       "morning, chanting for a contract.", "chanting") == ["about 40 strikers"]
    # (not a possessive after the verb read as one: "won his primary", whose verb is no -ed or -s)
    assert raw_sources("Bell spoke on the radio after the young senator easily won his primary, "
                       "remarking that the toll was doomed.", "remarking") == ["Bell"]


def test_att14_a_states_abbreviation_ends_a_place_in_an_opening_phrase():
    # "At a rally in Dover, Del., Bell ...": "Del.," closes the place, the subject comes after it
    assert raw_sources("The night before, at a rally in Dover, Del., Mayor Bell was just as blunt, "
                       "claiming that the toll would fail.", "claiming") == ["Mayor Bell"]


def test_att14_an_opening_negation_is_an_adverbial():
    # "Not far away," opens no noun phrase: the subject is after it and the aside
    [source] = raw_sources("Not far away, the twins Ana and Rosa Diaz, 22 and 19, were talking about "
                           "the toll.", "talking")
    assert "Not" not in source


def test_att14_an_opening_time_named_by_its_month_is_no_clause_of_the_sentence():
    # "Last month, when I asked ..., he looked ... and said": the verbs after "and" share the main
    # clause's subject, after the opening time and the subordinate clause stacked on it
    from storywatch.extractors.attribution import after_openings
    text = "Last month, when I asked Tom Bell about the toll, he frowned and said no."
    assert text[after_openings(text, 0, len(text)):].startswith("he frowned")
    # (analysis gives "said" the subject after the openings; confidence=None: no model weights)
    text = 'Last month, when I asked Tom Bell about the toll, he looked into my camera and said, "Never."'
    [said] = [a for a in analyse_text(text, [], confidence=None).attributions if a.cue == "said"]
    assert text[said.source_span[0]:said.source_span[1]] == "he"


def test_att14_after_an_opening_subordinate_clause_with_no_comma_the_second_pronoun_speaks():
    # "When he returned he began": "when" opens a clause with its own subject and verb; the main
    # clause's subject is the pronoun after it (not "what he believes", inside the first clause)
    from storywatch.extractors.attribution import find_attributions
    text = "When she arrived she began by praising the toll."
    [began] = [a for a in find_attributions(text, 0, len(text))
               if text[a.cue_span[0]:a.cue_span[1]] == "began"]
    assert began.source_span == (text.index("she began"), text.index("she began") + 3)
    # (not after "but", which joins clauses: "But she said she ...": the first "she" stays)
    text = "But she said she had been troubled by the toll."
    [troubled] = [a for a in find_attributions(text, 0, len(text))
                  if text[a.cue_span[0]:a.cue_span[1]] == "troubled"]
    assert troubled.source_span == (4, 7)


def test_att14_only_a_verb_of_saying_inverts_after_a_comma():
    # "..., endorsed Bell last week," and "..., comparing Bell to ...": a verb that is no verb of
    # saying takes its object after it; its subject is before the comma, not the name after it
    text = ("Reyes, 76, a longtime board member from the harbor district, endorsed Tom Bell last week, "
            "saying he would win.")
    assert "Tom Bell" not in " ".join(raw_sources(text, "endorsed"))
    assert raw_sources("The mayor opened an attack on the board, comparing Tom Bell to a toll collector.",
                       "comparing") == ["The mayor"]


def test_att14_a_time_set_off_by_commas_before_the_verb_is_no_source():
    # "The board, two days later, said": the aside says when; the subject is before it
    assert raw_sources("Then the harbor board, only two months later, announced plans to merge.",
                       "announced") == ["the harbor board"]


def test_att14_a_participle_after_by_inside_a_subordinate_clause_is_its_subjects():
    # "..., as she did two years ago by announcing": the clause after "as" has its own subject
    assert raw_sources("The mayor likes surprises, as she did last year by announcing a new toll.",
                       "announcing") == ["she"]


def test_the_object_of_a_verb_of_feeling_is_the_one_who_feels():
    # "the remark alarmed X": X holds the view, of the remark (the participle after "be" is another
    # rule: "were alarmed by"); a clause after the verb keeps its subject ("worried the levy would")
    text = "The mayor's remark alarmed several council members at the hearing."
    assert raw_sources(text, "alarmed") == ["several council members"]
    assert raw_contents(text, "alarmed") == ["The mayor's remark"]
    assert raw_sources("That rattled Jane Roe, but she stayed on.", "rattled") == ["Jane Roe"]
    assert raw_sources("Harbor officials worried the levy would fail.", "worried") == ["Harbor officials"]


def test_a_dash_after_a_closing_reporting_clause_ends_it():
    # "CONTENT, SOURCE believe — ...": the dash closes the reporting clause as a full stop would;
    # what it reports is the clause before it
    text = "The levy could cost the port its budget, harbor officials believe — a budget it needs."
    assert raw_contents(text, "believe") == ["The levy could cost the port its budget"]
    assert raw_sources(text, "believe") == ["harbor officials"]


def test_a_relative_pronoun_after_a_comma_is_the_object_of_a_verb_without_one():
    # ", which most members opposed,": the verb's object is "which", the noun before it; but
    # ", which Roe said was unfair": the pronoun is the subject of what follows the verb
    text = "Roe vetoed the levy, which most council members opposed, in May."
    assert raw_sources(text, "opposed") == ["most council members"]
    [content] = raw_contents(text, "opposed")
    assert content.startswith("the levy, which")
    assert raw_contents("The tax, which Roe said was unfair, passed.", "said") == ["was unfair, passed."]


def test_that_before_a_noun_is_a_determiner_not_a_clause():
    # "that evening" is a time, no relative clause and no part of the subject; "That memo" opens
    # the subject with a determiner
    assert raw_sources("An aide at the harbor that evening denied the report.", "denied") \
        == ["An aide at the harbor"]
    assert raw_sources("That memo, on council letterhead, demanded a recount.", "demanded") == ["That memo"]


def test_only_a_verb_of_saying_inverts_after_a_comma():
    # ", said Jane Roe." inverts; ", endorsed Tom Bell" after a long description of its subject is
    # the predicate with its object, and ", carrying X" a participle of the clause before it
    text = ("62-year-old Jane Roe, founder of the Harbor Trust, board member in the 1990s and longtime "
            "port commissioner, endorsed Tom Bell last week.")
    assert "Tom Bell last week" not in raw_sources(text, "endorsed")
    assert raw_sources("The mayor won the county, carrying Harbor City by ten points.", "carrying") \
        == ["The mayor"]
    assert raw_sources("The port will close, said Jane Roe.", "said") == ["Jane Roe"]


def test_an_opening_gerund_after_a_connective_or_a_compound_preposition_is_the_subject_s():
    # the subject of a gerund adjunct is the main clause's subject, whatever opens the sentence
    assert raw_sources("But while denouncing the levy to voters, Jane Roe has not offered a plan.",
                       "denouncing") == ["Jane Roe"]
    assert raw_sources("In addition to stating that the port is broke, Roe has vowed to sell it.",
                       "stating") == ["Roe"]
    assert raw_sources("Instead of calling himself a moderate, Tom Bell said he was practical.",
                       "calling") == ["Tom Bell"]


def test_a_gerund_after_in_has_the_clause_s_subject():
    # "Roe has been the loudest in denouncing the levy": the one who denounces it is Roe
    assert raw_sources("Jane Roe has been the loudest on the council in denouncing the levy.",
                       "denouncing") == ["Jane Roe"]


def test_asked_to_act_or_challenged_on_a_topic_by_someone_gives_the_one_who_asks():
    assert raw_sources("Challenged by Tom Bell on the levy, Jane Roe said it was fair.", "Challenged") \
        == ["Tom Bell"]
    assert raw_contents("Asked by Tom Bell to respond to the audit, Jane Roe declined.", "Asked") \
        == ["to respond to the audit"]


def test_an_opening_participle_clause_may_end_in_a_quotation():
    # the clause's comma inside the closing mark: the subject after it says what the clause reports
    assert raw_sources("Citing “family obligations,” the mayor’s spokeswoman said Roe would skip the gala.",
                       "Citing") == ["the mayor’s spokeswoman"]
    assert raw_sources("Acknowledging that Bell “says a lot of silly things,” though, Roe praised him.",
                       "Acknowledging") == ["Roe"]


def test_a_plural_noun_without_an_s_is_a_subject_without_a_determiner():
    assert raw_sources("The crowd grew angry, and police blamed the organizers.", "blamed") == ["police"]
    assert raw_sources("Even then, people questioned the count.", "questioned") == ["people"]


def test_a_headline_in_capitals_keeps_its_capitalised_verbs():
    # a unit in capitals is a headline as a title-case one is: its verb is still a verb
    assert raw_sources("HARBOR BOARD REFUSES TO RAISE PORT FEES", "REFUSES") == ["HARBOR BOARD"]


def test_a_coordinated_verb_after_an_opening_without_a_subject_takes_the_nearest_subject():
    # "Along with ..." and "It's ..." open no subject of the verbs; the clause's own subject speaks
    text = "Along with her husband, a banker, she has given to many candidates, but plans to back one."
    assert raw_sources(text, "plans") == ["she"]


def test_the_owner_of_a_noun_of_saying_holds_what_its_complement_says():
    # "his call to sell the port": the one the call is his holds it, with its infinitive or "that"
    text = "Bell kept to his usual theme and his call to sell the port."
    assert raw_sources(text, "call") == ["his"]
    assert raw_contents(text, "call") == ["to sell the port."]


def test_a_verb_that_does_not_invert_after_a_word_quoted_inside_a_clause_has_its_object_after_it():
    # "... summed up Bell as “reckless,” denounced his record": no inverted source after the verb
    text = "Jane Roe summed up Tom Bell as “reckless,” denounced his record and called for a vote."
    assert "his record" not in raw_sources(text, "denounced")


def test_a_quoted_title_after_a_closing_reporting_verb_is_an_adjunct():
    # ", she wrote in her memoir, “Harbor Days.”": the title says where, not what she wrote
    text = "The port was never solvent, she wrote in her memoir, “Harbor Days.”"
    assert raw_contents(text, "wrote") == ["The port was never solvent"]
    text = "The levy will pass, he said Monday on WHRB’s “Morning Harbor.”"
    assert raw_contents(text, "said") == ["The levy will pass"]


def test_two_bare_plurals_joined_by_and_are_one_subject():
    text = "Support for Roe is strong at the port, dockworkers and union officials told the Gazette."
    assert raw_sources(text, "told") == ["dockworkers and union officials"]


def test_a_quantity_of_a_relative_pronoun_is_the_subject_of_its_clause():
    text = "Only two council members, both of whom opposed the levy, voted for the budget."
    assert raw_sources(text, "opposed") == ["both of whom"]


def test_a_story_or_a_joke_after_told_is_what_is_told_not_the_listener():
    assert raw_contents("On Friday, the mayor told a joke.", "told") == ["a joke."]
    text = "The returns told a story of two parties, with turnout falling in the suburbs."
    assert raw_contents(text, "told")[0].startswith("a story of two parties")


def test_an_aside_after_while_and_its_subject_belongs_to_that_subject():
    # "while" opens a clause with its own subject; the aside after it describes that subject, and the
    # clause before the comma (with its own verb) is no part of the source
    assert raw_sources("Turnout rose in the cities, while rural counties, including three in the north, "
                       "reported a drop.", "reported") == ["rural counties"]
    assert raw_sources("Overall, the unions reported gains this year, while the smaller groups, "
                       "including two in Ohio, reported losses.", "reported")[-1] == "the smaller groups"


def test_and_before_a_subject_pronoun_opens_the_clause_whose_subject_later_verbs_share():
    # "... and she promised ... and said", "... and he, once again, pledged ... and said": the verbs
    # after the pronoun are its own; the sentence's first subject is another mention, and the "said"
    # shares the nearest one
    text = "Jane Roe urged patience and she promised a new budget and said the port would reopen."
    said = [a for a in analyse_text(text, [], confidence=None).attributions if a.cue == "said"]
    assert [a.source_span for a in said] == [(text.index("she "), text.index("she ") + 3)]


def test_a_comma_and_while_set_a_second_main_clause_against_what_the_first_cue_reports():
    # "X named five, while Y named six": the contrast is a clause of its own, with its own subject,
    # no part of what X named (but "said that, while Bell argued ..., the plan failed" keeps it)
    from storywatch.extractors.attribution import find_attributions
    for text, cue, content, second in (
            ("The mayor endorsed three candidates, while the council endorsed two.", "endorsed",
             "three candidates", "the council"),
            ("Teachers favored the plan by a wide margin, whereas nurses favored it narrowly.", "favored",
             "the plan by a wide margin", "nurses")):
        raws = find_attributions(text, 0, len(text))
        assert text[raws[0].content_span[0]:raws[0].content_span[1]] == content
        assert raw_sources(text, cue) == [raw_sources(text, cue)[0], second]
    text = "Roe said that, while Bell argued for it, the plan failed."
    said = [a for a in find_attributions(text, 0, len(text))
            if text[a.cue_span[0]:a.cue_span[1]] == "said"]
    assert text[said[0].content_span[0]:said[0].content_span[1]] \
        == "while Bell argued for it, the plan failed."


def test_a_title_in_quotes_that_opens_a_sentence_is_no_one_s_words():
    # a few capitalised words in quotation marks, with no punctuation of their own, that the
    # sentence goes on about are a title or a term, not the last speaker's words resumed
    text = ("“We will rebuild the pier,” Mayor Jane Roe said on Monday.\n\n"
            "“Harbor Lights” is the name of her new book.\n\n"
            "“It will open in May.”")
    contents = [a.content for a in analyse_text(text, [], confidence=None).attributions]
    assert "“Harbor Lights”" not in contents
    assert "“It will open in May.”" in contents


def test_a_passive_after_a_modal_s_be_takes_its_agent_not_its_subject():
    # "will be remembered by historians": after "be" as after "was", the participle is passive; the
    # "by" phrase names who holds the view, and with no "by" the subject holds none
    assert raw_sources("The mayor will probably be remembered by historians.", "remembered") \
        == ["historians"]
    assert raw_sources("The treasurer could not be reached for comment.", "reached") == []


def test_according_to_after_an_opening_adverbial_or_subordinate_clause_frames_the_main_clause():
    # the opening phrase or clause is no sentence of its own: the report is the main clause after
    text = "In addition, according to the harbor board, ferry fares will rise in June."
    assert raw_contents(text, "according to ") == ["ferry fares will rise in June."]
    text = "While most piers were repaired, according to the port authority, two stayed closed."
    assert raw_contents(text, "according to ") == ["two stayed closed."]
    assert raw_contents("Ferry fares will rise, according to the board.", "according to ") \
        == ["Ferry fares will rise"]


def test_a_subordinate_clause_after_the_listener_of_told_is_no_content():
    # "as she left the hall" says when she told them; what she told them is the clause before
    text = "The levy will pass, the mayor told her aides as she left the hall."
    assert raw_contents(text, "told") == ["The levy will pass"]
    text = "The port is safe, Jane Roe told her aides as she walked along the pier on a cold morning."
    assert raw_contents(text, "told") == ["The port is safe"]


def raw_pattern_pairs(text, pattern):
    from storywatch.extractors.attribution import find_attributions
    return [(text[a.source_span[0]:a.source_span[1]], text[a.content_span[0]:a.content_span[1]])
            for a in find_attributions(text, 0, len(text)) if a.pattern == pattern]


def test_the_one_whose_support_a_subject_has_or_gets_holds_a_stance_on_it():
    # "X has the support of Y": Y supports X; the noun's agent after "of"/"from"/"among" is the source
    assert raw_pattern_pairs("Jane Roe has the full support of the dockworkers.", "got_support") \
        == [("the dockworkers", "Jane Roe")]
    assert raw_pattern_pairs("The ferry plan drew sharp criticism from both parties.", "got_support") \
        == [("both parties", "The ferry plan")]
    text = "Roe won strong support among harbor pilots (61 percent) while Bell trailed."
    assert raw_pattern_pairs(text, "got_support") == [("harbor pilots", "Roe")]
    text = "The levy is facing stiff resistance from dockworkers."
    assert raw_pattern_pairs(text, "got_support") == [("dockworkers", "The levy")]
    # after an auxiliary and an adverb, or "continues to"; not after "struggled to", no support had
    text = "The ferry plan has already gotten criticism from harbor pilots."
    assert raw_pattern_pairs(text, "got_support") == [("harbor pilots", "The ferry plan")]
    text = "Jane Roe continues to draw support among dockworkers."
    assert raw_pattern_pairs(text, "got_support") == [("dockworkers", "Jane Roe")]
    assert raw_pattern_pairs("Roe has struggled to win support among dockworkers.", "got_support") == []


def test_a_speaker_label_may_touch_the_quotation_after_its_colon():
    # transcripts set "NAME:" right against the opening quotation mark
    assert raw_sources('Mayor Jane Roe:"The ferry will run all winter."', ":") == ["Mayor Jane Roe"]


def test_a_bracketed_aside_after_the_subject_leaves_it_the_subject_of_later_verbs():
    # "(D-Ore.)", "(left)": a party or a photo's place set in brackets is no part of the clause
    text = "Sen. Ann Bell (D-Ore.) cut the ferry budget, but claimed the port was safe."
    assert sources(text, "claimed") == ["Ann Bell"]


def test_told_with_its_listener_and_a_long_adjunct_after_the_clause_reports_the_clause():
    # the listener and when and where it was told are no content, even when they run long
    text = "The port is safe, Jane Roe told Tom Bell last year at a harbor board dinner."
    assert raw_contents(text, "told") == ["The port is safe"]


def test_the_subject_that_holds_a_favorable_opinion_of_something_holds_that_view_of_it():
    text = "Most dockworkers hold a generally favorable opinion of Jane Roe."
    assert raw_pattern_pairs(text, "opinion_of") == [("Most dockworkers", "Jane Roe")]
    text = "While 61 percent of pilots had an unfavorable view of the levy, few opposed it."
    assert raw_pattern_pairs(text, "opinion_of") == [("61 percent of pilots", "the levy")]


def test_a_relative_pronoun_before_an_auxiliary_and_the_cue_is_its_subject():
    # "who can support": the auxiliary leaves the cue the relative clause's own verb
    text = "The pilots who will support the levy met on Tuesday."
    assert raw_sources(text, "support") == ["who"]


def test_an_object_relative_clause_hangs_on_the_nearest_noun_phrase():
    # "that the campaign estimated at 3,000 people": the campaign estimated the crowd, not "the
    # former president told a crowd"; the president's words stay his
    text = ("“Labels are for soup cans,” the former mayor told a crowd that the campaign estimated at "
            "3,000 people at a civic center here.")
    estimated = next(r for r in find_attributions(text, 0, len(text))
                     if text[r.cue_span[0]:r.cue_span[1]] == "estimated")
    assert text[estimated.content_span[0]:estimated.content_span[1]].startswith("a crowd")


def test_continue_before_an_infinitive_is_aspect_and_the_verb_after_it_reports():
    # "continued to run the port" reports no one; in "continued to say" it is "say" that reports
    for text in ("Jane Roe continued to run the ferry port after the vote.",
                 "Jane Roe will continue to run the ferry port.", "Jane Roe is continuing to run the port."):
        assert [text[a.cue_span[0]:a.cue_span[1]] for a in find_attributions(text, 0, len(text))] == []
    assert raw_sources("Jane Roe has continued to argue that the port is safe.", "argue") == ["Jane Roe"]
    text = "Even after the vote, Jane Roe continued to say the ferry was safe."
    assert raw_sources(text, "say") == ["Jane Roe"] and raw_sources(text, "continued") == []
    assert raw_sources("“The ferry is safe,” Jane Roe continued.", "continued") == ["Jane Roe"]


def test_a_gerund_after_an_opening_preposition_has_the_main_clauses_subject():
    # "By refusing to admit any fault, Roe ...": the gerund has no subject of its own, at the start of
    # the sentence or after a colon; a cue further into the clause may have one ("saying he was")
    assert raw_sources("By refusing to comment, the mayor angered the crowd.", "refusing") == ["the mayor"]
    text = ("In this case, the approach seems to have backfired: By refusing to admit any fault, Roe "
            "appeared to have prolonged the row.")
    assert raw_sources(text, "refusing") == ["Roe"] and raw_sources(text, "admit") == ["Roe"]
    assert raw_sources("In 2012, the mayor said the port was safe.", "said") == ["the mayor"]


def test_the_placeholder_it_of_appears_and_seems_is_no_source():
    # "it appears that ...": no one appears; the writer judges
    assert raw_sources("In this case, it appears that Roe had misled the council.", "appears") == []
    assert raw_sources("It seems the ferry plan was doomed.", "seems") == []
    assert raw_sources("The ferry plan appears doomed.", "appears") == ["The ferry plan"]


def test_a_subordinate_clause_after_an_inverted_source_is_no_part_of_it():
    # "said Cruz constituent Dan Golvach when asked about Lindsey Graham" named the whole stretch
    text = "“The levy is theft,” said harbor pilot Tom Hart when asked about the port."
    assert raw_sources(text, "said") == ["harbor pilot Tom Hart"]
    text = "“The levy is theft,” said Tom Hart while leaving the hall."
    assert raw_sources(text, "said") == ["Tom Hart"]


def test_a_time_set_off_before_the_subject_is_no_part_of_the_source():
    # "The next day, her Twitter account posted: ..." named the day with the account
    for text in ("The next day, her office said the levy would stay.",
                 "A day later, her office said the levy would stay.",
                 "Several weeks ago, her office said the levy would stay."):
        assert raw_sources(text, "said") == ["her office"]
    # (a name before "later" is the subject: "Shelby later said")
    assert raw_sources("Hart later said the levy would stay.", "said") == ["Hart"]


def test_an_opening_participle_with_a_bare_plural_object_takes_the_main_subject():
    # "Holding signs calling Christie “New Jersey’s Biggest Loser,” the protesters chanted ...":
    # the signs' words are the protesters'; a gerund before a plural and a finite cue is a noun's
    # modifier ("Polling averages show ...")
    text = "Holding signs calling Roe “the port’s worst mayor,” the protesters chanted outside the hall."
    assert raw_sources(text, "calling") == ["the protesters"]
    assert raw_sources("Polling averages show Roe ahead by four points.", "show") == ["Polling averages"]


def test_continued_after_an_owner_or_article_is_an_adjective_no_report():
    # "Despite Trump’s continued strength, our experts see ...": "continued" read as a cue with the
    # source "Trump’s"
    for text in ("Despite Roe’s continued strength, analysts see other candidates gaining.",
                 "The continued questions about the levy angered Roe."):
        assert raw_sources(text, "continued") == []
    assert raw_sources("“The levy stays,” Roe continued.", "continued") == ["Roe"]


def test_a_poll_inside_a_clause_reports_only_that_clause():
    # "... — and Cruz, who's running in third place in Iowa polling, was bold enough ...": the polls
    # say where Cruz runs, not what the sentence said before the dash about Rand Paul
    text = ("Roe and Hart have attacked the levy — and Hart, who’s running third in Iowa polling, "
            "was bold enough to tout it.")
    [poll] = [a for a in find_attributions(text, 0, len(text)) if text[a.source_span[0]:a.source_span[1]]
              == "Iowa polling"]
    assert text[poll.content_span[0]:poll.content_span[1]] == "who’s running third"
    text = "Roe met Hart at the port, and Hart, who has led the field in the Quinnipiac polls, left early."
    [poll] = [a for a in find_attributions(text, 0, len(text)) if "Quinnipiac" in text[slice(*a.source_span)]]
    assert text[poll.content_span[0]:poll.content_span[1]] == "who has led the field"
