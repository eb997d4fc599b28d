"""Patterns rewritten for speed find exactly what their plain forms find (issue #16)."""

import re

import pytest

from storywatch.extractors import analysis, attribution, lexicon, mentions

# Own sentences with the edges of a match: the text's start, after an apostrophe, a hyphen, an
# underscore, a digit, an accented letter, inside a word, doubled apostrophes, commas in numbers,
# at a slice's start and end.
TEXTS = [
    "He said she had told him that his aide and her lawyer would go.",
    "Shelby Hersh-Hill, whose team_He left, met O'Hara and Ashe in Hisarya; 4He was a typo.",
    "“She’s out,” said Mr. Jonah McAvoy. JoséHe and éShe are not words; the heHim neither.",
    "Governor Tilda Brannigan-Shaw of the Harbour Authority said Rep. Ola K. Mensah's plan failed.",
    "''It's ''odd,''' she said of the 1,250 «votes», 3, 4 and ‘5,’ counted,4 times ,7 over.\"",
    "Dr. Ames, St. Jude's, Gov. Bell and Sen. Roe's J. Doe. wait; but that is who we sent, "
    "which  and the Mrs.",
    "The ſpokesman of the \u212aREMLIN, a White House official and its Prime Minister's police, "
    "said PROSECUTOR prosecutors at the embassy_office, ex-governor, ministry/officials, presidential.",
    "As reported by the Globe, she would not\nvote; it was also seen, as noted by Roe. He can’t, they'll go, "
    "ſhould WOULD Not do it. Being been be is are were; Was widely. 'd ’ll asked,\nAs first noted by X.",
    "Roe said the plan was widely ", "Bell said they'll not ", "as reported by Ann Roe",  # ($ at the end)
    "Ann saw the photo ", "Mabe ", "“As noted by Roe, it fell.",
    "The loss led Jane Doe to ", "It compelled ann to ", "Deleted rows to ", "Shelby ", "a fight BETWEEN ",
    "She left because", "Hoping that, unleſs once ", "They also ", "Wyou ", "I ", "the ones who ", "ſwhich ",
]
PLAIN = {  # (module, name) -> the plain form the pattern stands for
    (mentions, "PRONOUNS"): r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b",
    (mentions, "_NAME"): rf"\b({mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?(?:\s+(?:[A-Z]\.\s+)?"
                         rf"{mentions._NAME_WORD}(?:-{mentions._NAME_WORD})?){{1,2}})\b",
    (mentions, "_CAPITALISED"): r"\b[A-Z][\w-]*\b",
    (attribution, "_QUOTE_MARK"): r"''|[“”«»„‘’‹›\"']",
    (attribution, "_COMMA"): r"(?<!\d),|,(?!\d)",
    (attribution, "_PHRASE_END"): r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bGov)(?<!\bRep)"
                                  r"(?<!\bSt)(?<!\bJr)(?<!\b[A-Z])[.]|[,;:!?”\"]|’(?!\w)|''|\s(?:and|but|that|who|which)\s",
    (attribution, "_PASSIVE"): r"\b(?:was|were|been|is|are|being|be)\s+(?:\w+ly\s+|first\s+|also\s+|"
                               r"widely\s+)?$",
    (attribution, "_BEFORE_A_BASE_FORM"): r"(?i)(?:\b(?:to|will|would|can|could|should|shall|may|might|"
                                          r"must|did|do|does|not)|n['’]t|['’](?:ll|d))\s+(?:(?:\w+ly|also|never|"
                                          r"not|still|even|just|ever|rather)\s+){0,2}$",
    (attribution, "_AS_REPORTED_BY"): r"(?m)(?:^|(?<=^\W)|(?<=,\s)|(?<=\.\s))[Aa]s\s+(?:(?:first|previously|"
                                      r"originally|earlier|also)\s+)?((?:reported|noted|revealed|detailed|"
                                      r"documented|disclosed)\s+by)\s+((?:the\s+)?(?:[\w.’'&-]+\s+){0,5}?"
                                      r"[A-Z][\w.’'&-]*)(?:(,\s+)|(?=[.;]?$))",
    (attribution, "_CAUSED_TO"): r"\b(?:led|leads?|leading|prompt(?:ed|s|ing)?|forc(?:e|ed|es|ing)|"
                                 r"caus(?:e|ed|es|ing)|spurr?(?:ed|s|ing)?|compel(?:led|s|ling)?|got|gets|"
                                 r"getting|left|leaves|leaving|drove|driven)\s+((?!(?:to|by|in|on|at|for|with|"
                                 r"from|of|into|after|before|was|were|is|are|be|been)\b)(?:[\w.’'-]+\s+){0,6}?"
                                 r"[\w.’'-]+)\s+to\s+$",
    (attribution, "_SUBORDINATE_END"): r"(?i)\b(?:because|since|although|though|if|unless|when|after|before|"
                                       r"while|as|once|until)\s*$",
    (attribution, "_BEFORE_A_PRESENT"): r"(?<![\w’'])(?:I|[Ww]e|[Tt]hey|[Yy]ou|who|which)\s+"
                                        r"(?:(?:\w+ly|also|still|now|all|both|even|just|often|never)\s+){0,2}$",
    (analysis, "_PREPOSITION_BEFORE"): r"(?i)\b(?:by|with|of|to|between|from|for|against|about)\s+$",
    (lexicon, "OFFICIAL_TITLES"): r"(?i)\b(?:spokes(?:person|man|woman)|press secretary|minister|ministry|"
                                  r"secretary|president|prime minister|chancellor|governor|senator|"
                                  r"ambassador|official|government|kremlin|white house|department|embassy|"
                                  r"office|commission|police|prosecutors?)\b",
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


# _TRAILING as it was written before each piece opened with the class of its first character
PLAIN_TRAILING = re.compile(
    r"(?:(?<=[a-z])[’'](?:ve|d|ll|re)|(?:(?<=\bhe)|(?<=\bshe)|(?<=\bit)|(?<=\bwho))[’']s"
    r"|\s+[a-z]+n[’']t|\s+(?:also|later|recently|previously|then|yesterday|today|has|have|had|"
    r"would|will|did|once|again|repeatedly|publicly|reportedly|earlier|not|never|yet|further|all|both|"
    r"can|cannot|could|should|may|might|must|does|do|still|already|long|often|now|ever|just|even|since|"
    r"strongly|openly|frequently|consistently|initially|originally|privately|quickly|"
    r"sharply|flatly|firmly|widely|is|are|was|were|been|be|"
    r"(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|week|month|year|morning|night|evening)))+$", re.I)
# own subjects and the words that may trail them, to be put together every way
SUBJECTS = ["Ola Mensah", "the harbour board, which", "Tilda’s lawyer", "he", "She", "it", "who",
            "a 41-year-old aide — she", "THE MAYOR", "Rep. Jonah McAvoy (D-Maine)", "the council’s", "x"]
TRAILS = ["", " has", " has also", " didn’t", " couldn't", "’ve", "’s", "'d", " had not since", " on Monday",
          " last  week", "\thas\nnever", " ALREADY", " Has Also", " was—also", " is now", "’d also", " ’ve",
          " did n’t", " who’s", " it's", " the", " this morning had", "  ", " ON MONDAY", " Last Week",
          " alſo"]


def _plain_strip_trailing(phrase: str) -> str:
    """attribution._strip_trailing before it searched only the tail after the last word no piece
    can cover."""
    words = phrase.rsplit(None, 1)
    last = words[-1].lower() if words else ""
    if last not in attribution._TRAILING_WORDS and not last.endswith(attribution._CLITICS):
        return phrase
    cut = max(0, len(phrase) - 120)
    while cut and phrase[cut - 1].isalnum():
        cut -= 1
    return phrase[:cut] + PLAIN_TRAILING.sub("", phrase[cut:])


def _phrases():
    for subject in SUBJECTS:
        for first in TRAILS:
            for second in TRAILS:
                yield subject + first + second
    yield "word " * 40 + "has also"  # longer than the 120 characters the search reads at most


def test_the_trailing_pieces_rewritten_for_speed_strip_what_their_plain_form_strips():
    stripped = 0
    for phrase in _phrases():
        for start in range(0, len(phrase), 3):
            tail = phrase[start:]
            assert attribution._TRAILING.pattern.sub("", tail) == PLAIN_TRAILING.sub("", tail), repr(tail)
            # (_CaseBlindAscii: an ASCII tail searched lower-cased, cut where the pieces begin)
            found = attribution._TRAILING.search(tail)
            assert (tail[:found.start()] if found else tail) == PLAIN_TRAILING.sub("", tail), repr(tail)
        stripped += PLAIN_TRAILING.search(phrase) is not None
        assert attribution._strip_trailing(phrase) == _plain_strip_trailing(phrase), repr(phrase)
    assert stripped > 100  # the phrases do have pieces to strip


def test_the_clause_opener_found_from_the_end_is_the_patterns_match():
    """attribution._clause_opener finds the last opener in the reversed phrase: the same match as
    _CLAUSE_OPENER's, with one opener or several, "since" after an auxiliary or not, any spaces."""
    openers = ("", " who ", " and then ", "(which ", " has since ", " since ", "—that ", " whereas\n",
               "_that ", " ıf ", " ſince ", " WHY ", " thatch ", " had\tsince  ", " hashad since ",
               " although ", " though\n\n", " whom ", " as", "As ")
    phrases = [subject + trail + opener for subject in SUBJECTS for trail in TRAILS for opener in openers]
    phrases += [first + subject + second for subject in SUBJECTS for first in openers for second in openers]
    matched = 0
    for phrase in phrases:
        plain = attribution._CLAUSE_OPENER.match(phrase)
        fast = attribution._clause_opener(phrase)
        found = (fast.group(), fast.end()) if fast else None
        assert found == ((plain.group(), plain.end()) if plain else None), repr(phrase)
        matched += plain is not None
    assert 0 < matched < len(phrases)


@pytest.mark.parametrize("name", ["HEDGES", "REPORTED", "NEGATIONS", "BACKGROUND"])
def test_a_pattern_searched_only_with_its_words_finds_what_it_finds_everywhere(name):
    """lexicon's _Worded patterns skip the search when none of their words is in the text: every
    phrase the pattern's own text spells out (each alternative's words, as written in it, in a
    sentence, in capitals) must still be found when the pattern finds it, so a word added to the
    pattern and not to its list fails here."""
    worded = getattr(lexicon, name)
    phrases = re.findall(r"[a-z’']+(?:\\?\s[a-z’']+)*", worded.pattern.pattern)
    texts = [t for p in phrases for t in (p.replace("\\", ""), f"Roe {p.replace(chr(92), '')} 2012 there.",
                                           p.replace("\\", "").upper(), "since 1998 for 12 years")]
    texts += TEXTS + ["She said ſince 1999 it was not so.", "İt is UNLIKELY, ıt seems."]
    found = 0
    for text in texts:
        plain = worded.pattern.search(text)
        fast = worded.search(text)
        assert (fast.span() if fast else None) == (plain.span() if plain else None), (name, text)
        found += plain is not None
    assert found >= 5


def test_the_letters_a_latin_letter_matches_case_blind_are_all_in_the_table():
    """lexicon.case_blind_words opens with a case-sensitive class of the first letters' cases and
    CASE_BLIND_EXTRAS: every character the regex engine matches to a letter case-blind is there."""
    everything = "".join(map(chr, range(0x10000))) + "".join(map(chr, range(0x10000, 0x110000, 7)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found = set(re.findall(f"(?i){letter}", everything))
        assert found == {letter, letter.upper(), *lexicon.CASE_BLIND_EXTRAS.get(letter, "")}, letter


# (plain pattern, made-up sentences it matches) for the patterns find_attributions searches only in a
# unit that holds some words: every match holds them
GUARDED = {
    "_QUOTED_AS": (r"\b(?:quoted|quotes|quoting|cited|cites|citing)\s+([^,;:“”\"]{3,80}?)\s+as\s+"
                   r"(saying|telling|writing|stating)\b",
                   ["The Post quoted an aide as saying so.", "It quotes Roe as telling them.",
                    "quoting the mayor as writing it", "The memo cited Bell as stating that.",
                    "Reports cite her as saying, and cites him as saying it.",
                    "citing two people as saying"]),
    "_SEEN_BY": (r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?((?:seen|viewed|regarded|considered|"
                 r"perceived)\s+by)\s+((?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+as\b",
                 ["She is seen by party leaders as credible.", "He was widely viewed by voters as aloof.",
                  "They are regarded by many as a threat.", "It was considered by the board as final.",
                  "Roe is perceived by the staff as fair."]),
}


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_a_pattern_searched_only_with_its_words_finds_what_its_plain_form_finds(name):
    plain, sentences = GUARDED[name]
    fast = getattr(attribution, name)
    for sentence in sentences + TEXTS:
        end = len(sentence)
        assert _spans(fast, sentence, 0, end) == _spans(re.compile(plain), sentence, 0, end)
    words = {"_QUOTED_AS": attribution._QUOTING_STEMS, "_SEEN_BY": attribution._SEEN_PARTICIPLES}[name]
    for sentence in sentences:
        assert re.search(plain, sentence), sentence  # (each sentence has a match to hold the words)
        assert any(word in sentence for word in words), sentence


def test_what_was_written_by_someone_is_found_only_with_that():
    """_WRITTEN_BY is searched only in a unit with "that": its every match ends with it."""
    sentences = ["a report by Politico that he lied", "A statement from the Harbor Gazette that it closed",
                 "the story from The New York Times that Roe quit", "claims by Tom Bell that they won"]
    for sentence in sentences:
        match = attribution._WRITTEN_BY.search(sentence)
        assert match is not None and "that" in match.group(), sentence


# _TAIL_SOURCE as it was written before it opened with the class of its first letters
PLAIN_TAIL_SOURCE = re.compile(
    r"(?:\b(?P<pronoun>he|she|they|we|I)|(?P<name>(?:(?:[A-Z][\w.’'-]*|of|de|van|von)\s+){0,5}"
    r"[A-Z][\w.’'-]*))(?:\s+\([^()]{1,100}\))?(?:\s+(?:here|there|now|too|\w+ly))*$"
)
TAILS = ["he", "she", "they", "we", "I", "the", "She", "Ithey", "ashe", "Jo Roe", "Mary de la Cruz",
         "Ludwig van Beethoven", "Prof Ann Roe", "of Roe", "Sen. Bell (D-Maine) here", "Roe too",
         "Bell quickly", "A B C D E F G H", "x"]


def test_the_tail_source_rewritten_for_speed_finds_what_its_plain_form_finds():
    """_tail_source's pronoun or name: the same span as the plain pattern's group, after any lead."""
    found = 0
    for lead in ("", "At the debate ", "Speaking in Iowa, ", "while ", "Then ", "de ", "von "):
        for tail in TAILS:
            for end in ("", " here", " (R-Texas)", " now too", " said"):
                phrase = lead + tail + end
                for start in range(len(phrase)):
                    part = phrase[start:]
                    plain = PLAIN_TAIL_SOURCE.search(part)
                    fast = attribution._TAIL_SOURCE.search(part)
                    assert (fast is None) == (plain is None), repr(part)
                    if plain is not None:
                        group = "pronoun" if plain.group("pronoun") else "name"
                        which = "pronoun" if fast.group("pronoun") is not None else "name"
                        spans = (which, fast.start(), fast.end(which)), (group, *plain.span(group))
                        assert spans[0] == spans[1], repr(part)
                        found += 1
    assert found > 1000


def test_a_viewpoint_is_looked_for_only_in_a_unit_that_opens_with_its_words_or_a_space():
    """find_attributions matches _VIEWPOINT only in a unit that opens with "For", "To" or a space
    (the pattern's \\s*, which str.isspace answers as the regex engine does, for every character)."""
    everything = "".join(map(chr, range(0x110000)))
    assert [c for c in everything if c.isspace()] == re.findall(r"\s", everything)
    for sentence in ("For Sanders, the mission is different.", "To Ms. Gil, skating is freedom.",
                     "  For Ann Roe, it was over.", "\u3000To Ann Bell, it was news.",
                     "\nFor Jo Roe, the vote came late."):
        assert attribution._VIEWPOINT.match(sentence)
        found = attribution.find_attributions(sentence, 0, len(sentence))
        assert "viewpoint" in [raw.pattern for raw in found], repr(sentence)


def test_a_stretch_that_opens_with_said_is_found_only_with_its_words():
    for phrase in ("said he was", "says allies", "told\ta", "tells them", "saidx", "Said he", " said he",
                   "told"):
        plain = re.match(r"(?:said|says|told|tells)\s", phrase)
        words, pattern = attribution._SAID_THEN_WORDS, attribution._SAID_THEN_SUBJECT
        fast = phrase.startswith(words) and pattern.match(phrase)
        assert bool(fast) == bool(plain), phrase


def test_what_was_sent_from_someone_is_theirs():
    """analysis matches _SENT_FROM only in a source phrase with "from" or "by": the sender speaks."""
    from storywatch.extractors.analysis import analyse_text
    text = ("A statement from the mayor's office said the port would close. "
            "The letter by Ann Roe argued that it lost.")
    assert [(a.source, a.cue) for a in analyse_text(text, [], None).attributions] \
        == [("the mayor's office", "said"), ("Ann Roe", "argued")]


def test_an_ascii_phrase_lower_cased_finds_the_clause_opener_the_case_blind_pattern_finds():
    """_clause_opener searches an ASCII phrase lower-cased with a case-sensitive pattern: the same
    last opener as the case-blind pattern's in the phrase as written, in any case; a phrase beyond
    ASCII ("ſince", "ıf") keeps the case-blind search."""
    phrases = ["Roe, WHO said", "the union, Which has", "As", "AS the mayor", "Then THAT ", "x—When ",
               "He said BECAUSE\tit", "and Although ", "whOm ", "Hashad since ", "not thatch ", "_That ",
               "ſince ", "ıf ", "İf ", "Roe ſaid as ", "cafés where ", "that's why it "]
    found = 0
    for phrase in phrases + [p.upper() for p in phrases] + [p.title() for p in phrases]:
        plain = attribution._CLAUSE_OPENER.match(phrase)
        fast = attribution._clause_opener(phrase)
        assert (fast.span() if fast else None) == (plain.span() if plain else None), repr(phrase)
        found += fast is not None
    assert found > 20


@pytest.mark.parametrize("name", ["_LEADING", "_PREPOSITION_START", "_QUANTITY"])
def test_a_case_blind_pattern_matched_lower_cased_in_ascii_matches_where_it_matches(name):
    """_CaseBlindAscii matches an ASCII string lower-cased with the pattern compiled case-sensitive:
    the same spans as the case-blind pattern's, for strings in every case; a string beyond ASCII
    ("ſince", "İn") keeps the case-blind pattern."""
    fast = getattr(attribution, name)
    strings = ["But then, the mayor", "and so", "However Roe", "first lady Ann", "First, the", "In Iowa",
               "at least half", "At most", "outside the hall", "Outside experts", "Despite it", "via Roe",
               "most", "Half", "47 percent", "47%", "2012", "1,200", "two", "Ten", "none of them", "so",
               "ſince then", "ſo", "İn Iowa", "ın Iowa", "\u212aremlin", "Bút", "the", "", " in it"]
    strings += [s.upper() for s in strings] + [s.title() for s in strings] + [s.swapcase() for s in strings]
    matched = 0
    for string in strings:
        for method in ("match", "fullmatch"):
            plain = getattr(fast.pattern, method)(string)
            found = getattr(fast, method)(string)
            assert (found.span() if found else None) == (plain.span() if plain else None), (method, string)
            matched += plain is not None
    assert matched > 20
