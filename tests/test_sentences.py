from storywatch.extractors import split_units


def texts(text):
    return [(text[u.start:u.end], u.kind) for u in split_units(text)]


def test_quotation_spanning_sentences_stays_one_unit():
    text = 'He said “It is fine. We work.” Then he left.'
    assert texts(text) == [('He said “It is fine. We work.”', "sentence"), ("Then he left.", "sentence")]


def test_abbreviations_do_not_end_sentences():
    text = "The U.S. envoy met Mr. Smith in Sept. last year. He left."
    assert [t for t, _ in texts(text)] == ["The U.S. envoy met Mr. Smith in Sept. last year.", "He left."]


def test_headings_and_questions_are_marked():
    text = "Where is he? Nobody knows\n\nThe call to Trump\n\nA full sentence here."
    kinds = texts(text)
    assert kinds[0] == ("Where is he?", "question")
    assert ("The call to Trump", "heading") in kinds
    assert kinds[-1] == ("A full sentence here.", "sentence")


def test_offsets_point_into_the_text():
    text = "One here.  Two there!\nThree."
    for unit in split_units(text):
        assert text[unit.start:unit.end].strip() == text[unit.start:unit.end]


def test_two_apostrophes_are_a_double_quotation_mark():
    # wire copy types “ and ” as '' (and sometimes ``): a sentence ends after a quotation closed so
    text = ("Bell said the remark was ''the textbook definition of a racist comment.'' "
            "But Bell reiterated her support. ''It won't last,'' Roe said. ''Nothing does.''")
    assert [text[u.start:u.end] for u in split_units(text)] == [
        "Bell said the remark was ''the textbook definition of a racist comment.''",
        "But Bell reiterated her support.",
        "''It won't last,'' Roe said.",
        "''Nothing does.''",
    ]


def test_a_digest_heading_in_capitals_is_cut_from_the_sentence_it_runs_into():
    """Newsletters run an item's heading in capitals into its first sentence; a dateline ("CITY —")
    and an acronym opening a sentence are not headings."""
    text = ("HARBOUR BOARD CHAIR QUITS\u00a0 After weeks of pressure, the board said she would go.\n"
            "OSLO — The board met. NATO said nothing.")
    assert texts(text) == [("HARBOUR BOARD CHAIR QUITS", "heading"),
                           ("After weeks of pressure, the board said she would go.", "sentence"),
                           ("OSLO — The board met.", "sentence"), ("NATO said nothing.", "sentence")]


def test_a_subject_pronoun_after_an_abbreviation_starts_a_sentence():
    # no name or title runs on into "He"; "Sen. Roe" and "U.S. Senate" stay whole
    text = "The mayor spoke in Washington D.C. He said the levy was fair. Sen. Roe met U.S. Senate staff."
    assert [text[u.start:u.end] for u in split_units(text)] == [
        "The mayor spoke in Washington D.C.", "He said the levy was fair.",
        "Sen. Roe met U.S. Senate staff."]


def test_a_question_mark_closing_a_quotation_runs_on_into_its_speaker():
    # "?”" stands for the comma before the speaker: "“Why now?” Roe asked" is one sentence
    text = "“Why now?” Jane Roe asked the council. “Who pays?” asked Tom Reyes. “Why?” The room fell silent."
    assert [t for t, _ in texts(text)] == ["“Why now?” Jane Roe asked the council.",
                                           "“Who pays?” asked Tom Reyes.", "“Why?”", "The room fell silent."]
    text = "''Who pays?'' he asked. Nobody answered."
    assert [t for t, _ in texts(text)] == ["''Who pays?'' he asked.", "Nobody answered."]


def test_the_apostrophe_of_a_year_cut_short_opens_no_quotation():
    # "in ‘08": were "‘" an opening quote, the rest of the paragraph would be one unit
    text = "Roe said in ‘08 that the harbor would close. “It will not,” Bell said. Then the ‘90s came."
    assert [t for t, _ in texts(text)] == ["Roe said in ‘08 that the harbor would close.",
                                           "“It will not,” Bell said.", "Then the ‘90s came."]
