"""Word lists the claims engine reads: cues, hedges, negations, officials, aspects.

Kept in one place so a change of vocabulary is a change of data, not of code.
"""

from __future__ import annotations

import re

# Reporting verbs: the cue of an attribution. Longest first so "went on to say" beats "say".
CUE_VERBS = (
    "went on to say|went on to add|told reporters|told journalists|told media|told the media|"
    "told|said|says|say|stated|added|adds|claimed|denied|denies|confirmed|confirms|"
    "reported|announced|announces|warned|warns|argued|argues|insisted|insists|noted|"
    "wrote|writes|commented|explained|explains|suggested|suggests|asserted|acknowledged|admitted|"
    "admits|alleged|alleges|believes|believed|thinks|thought|tweeted|posted|declared|declares|"
    "maintained|maintains|predicted|predicts|recalled|replied|responded|stressed|stresses|"
    "emphasized|emphasised|dismissed|rejected|described|called|urged|urges|vowed|promised|"
    "estimated|concluded|observed|contended|countered|conceded|testified|blasted|slammed|lambasted|"
    "praised|criticized|criticised|accused|questioned|pointed out|made clear|"
    "made the case|indicated|revealed|disclosed|boasted|complained|mused|quipped|cautioned|"
    "speculated|assured|reiterated|repeated|signaled|signalled|hinted|fumed|joked|told CNN|told Fox|"
    # phrasal verbs of retort and comment, as common in news as the verbs above
    "fired back|hit back|shot back|pushed back|weighed in|lashed out|brushed off|brushed aside|"
    "played down|"
    # a legal filing says what it alleges: "McCrory filed a complaint against the DOJ, Lynch ..."
    "filed (?:a |an )?(?:separate |new |federal )?(?:complaint|lawsuit|suit|motion|petition)|"
    # verbs of criticism beside "blasted", "slammed"
    "trashed"
)
CUE_PREFIXES = ("also|later|recently|previously|then|repeatedly|publicly|reportedly|has|have|had|"
                "would|will|did")
CUE_RE = re.compile(rf"\b(?:(?:{CUE_PREFIXES})\s+)*({CUE_VERBS})\b")
# After "told"/"informed" comes the listener, then the content: "told journalists that".
LISTENER_RE = re.compile(
    r"\s+(?:(?:the|a|an|his|her|their|reporters|journalists|media|[A-Z][\w.]*)\b[\w.' -]{0,40}?)"
    r"(?=\s+that\b|\s*[:,]|\s*[“\"‘']|\s+(?:he|she|they|it|we|I|there)\s)"
)
ACCORDING_RE = re.compile(r"\b[Aa]ccording to\s+")

DENIAL_CUES = {"denied", "denies", "dismissed"}
CONFIRM_CUES = {"confirmed", "confirms", "announced", "announces", "stated", "states", "declared"}

# the letters other than its two cases that a Latin letter matches case-blind: "İ" and "ı" are "i",
# "ſ" is "s", the Kelvin sign is "k" (test_pattern_speed checks the table against the regex engine)
CASE_BLIND_EXTRAS = {"i": "İı", "k": "\u212a", "s": "ſ"}
# ... of them, those that lower-case to no ASCII letter (the Kelvin sign lower-cases to "k")
_UNLOWERED_EXTRAS = "".join(c for extras in CASE_BLIND_EXTRAS.values() for c in extras
                            if not c.lower().isascii())


class _Worded:
    """A case-blind pattern searched only in a text that holds, lower-cased, one of `words`: a
    word or part of one that each of its matches holds ("rumo" of "rumours", "rumored"). The
    pattern opens with \\b and many words, and is tried at every position of a clause that most
    often has none of them. (A text with a letter that matches a Latin one case-blind but lower-cases
    to something else, _UNLOWERED_EXTRAS, is searched.)"""

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...]):
        self.pattern, self.words = pattern, words

    def search(self, text: str) -> re.Match | None:
        lowered = text.lower()
        if any(map(lowered.__contains__, self.words)) \
                or not text.isascii() and any(c in text for c in _UNLOWERED_EXTRAS):
            return self.pattern.search(text)
        return None


# Words that make a clause speculative, when the outlet (not a quoted speaker) uses them.
HEDGES = _Worded(re.compile(
    r"\b(?:may|might|could|possibly|perhaps|likely|unlikely|apparently|appears? to|seems? to|"
    r"it looks like|rumou?rs?|speculation|if accurate|unclear|not clear|uncertain)\b",
    re.IGNORECASE,
), ("may", "might", "could", "possibly", "perhaps", "likely", "apparently", "appear", "seem",
    "it looks like", "rumo", "speculation", "if accurate", "unclear", "not clear", "uncertain"))
REPORTED = _Worded(re.compile(
    r"\b(?:reportedly|allegedly|according to|rumou?red|media reports|sources|reports|"
    # a passive of saying with no one who says it: "X is said to be ...", "X was accused of ..."
    r"(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?"
    r"(?:said|alleged|accused|believed|understood|thought)\s+(?:to|of)"
    r")\b",
    re.IGNORECASE,
), ("report", "alleged", "according to", "rumo", "sources",
    "said", "accused", "believed", "understood", "thought"))
# Negation, including expressions whose meaning is "not": absence, exclusion.
NEGATIONS = _Worded(re.compile(
    r"\b(?:not|n't|never|no longer|nowhere|neither|nor|without|absent|absence|"
    r"left off|dropped from|excluded from|failed to|refused to|declined to)\b|n’t\b|n't\b",
    re.IGNORECASE,
), ("no", "n't", "n’t", "never", "neither", "without", "absen", "left off", "dropped from",
    "excluded from", "failed to", "refused to", "declined to"))  # ("no" of not, nor, nowhere)



def case_blind_words(alternatives: list[str]) -> str:
    """r"\b(?:ALTERNATIVE|...)" for a case-blind pattern whose alternatives each open with a letter,
    written so that the regex engine scans for their first letters: a pattern that opens with \b is
    tried at every position of the text, one that opens with a class only where the class matches
    (a case-sensitive class: the engine does not scan for a case-blind one). After the letter, a
    lookbehind asks what \b asks, and one per letter picks the alternatives that open with it (in
    their order)."""
    rests: dict[str, list[str]] = {}
    for alternative in alternatives:
        rests.setdefault(alternative[0].lower(), []).append(alternative[1:])
    letters = "".join(first + first.upper() + CASE_BLIND_EXTRAS.get(first, "") for first in rests)
    branches = "|".join(f"(?<={first})(?:{'|'.join(rest)})" for first, rest in rests.items())
    return rf"(?-i:[{letters}])(?<!\w.)(?:{branches})"


# Who speaks on the record: officials and institutions. "former" takes it away.
# (r"\b(?:spokes(?:person|man|woman)|press secretary|...)\b", opening with a class: case_blind_words)
OFFICIAL_TITLE_WORDS = [
    "spokes(?:person|man|woman)", "press secretary", "minister", "ministry", "secretary", "president",
    "prime minister", "chancellor", "governor", "senator", "ambassador", "official", "government", "kremlin",
    "white house", "department", "embassy", "office", "commission", "police", "prosecutors?"]
OFFICIAL_TITLES = re.compile(case_blind_words(OFFICIAL_TITLE_WORDS) + r"\b", re.IGNORECASE)
UNNAMED_SOURCES = re.compile(
    r"^(?:an?|the|some|several|two|three|multiple|many|other)?\s*(?:former|senior|anonymous|"
    r"unnamed|western|russian|american|us|u\.s\.|european)?\s*(?:\w+\s)?(?:officials?|sources?|"
    r"reports?|media reports|insiders?|diplomats?|people|analysts|observers|aides?)$",
    re.IGNORECASE,
)

# Long-standing facts: a state held since a year or for a span of years or decades ("has known him
# for years", "connected them decades ago"), a biography's milestones.
BACKGROUND = _Worded(re.compile(
    r"\bsince (?:19|20)\d\d\b|\bfor (?:over|more than|nearly|almost)"
    r" \d+ years\b|\bfor a decade\b|\bfor (?:years|decades)\b|\bdecades ago\b|\bwas elected\b|"
    r"\blongest-serving\b|\bbefore (?:his|her) appointment\b|\bwas born\b|\bgraduated\b|"
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty) years ago\b",
    re.IGNORECASE,
), ("since 19", "since 20", "years", "for a decade", "for decades", "decades ago", "was elected",
    "longest-serving", "appointment", "was born", "graduated"))
# What happened now: a claim dated so is news, whatever span of years it mentions. News dates the
# week's events by their weekday ("clashed on Monday"; AP style for the last seven days).
NEWS_TIME = re.compile(r"\b(?:recently|now|today|yesterday|this (?:week|morning)|last week|"
                       r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.I)

# Default aspect taxonomy: aspect -> keywords (prefixes). config/ may replace it.
DEFAULT_ASPECTS: dict[str, list[str]] = {
    "attendance": ["attend", "absen", "nowhere to be seen", "turn up", "turned up",
                   "show up", "showed up", "skipped", "missed", "not at the"],
    "role": ["delegation", "lead ", "appoint", "replace", "resign", "dismissed from", "post",
             "successor", "left off"],
    "standing": ["favour", "favor", "displeasure", "falling out", "fallen out", "tension",
                 "continues to work", "still working", "at work", "sacked", "fired", "fractures",
                 "disgrace", "sidelined"],
    "communication": ["call", "phone", "spoke", "conversation", "talks with", "met with",
                      "counterpart", "letter"],
    "legal": ["court", "charged", "indict", "investigat", "lawsuit", "sanctioned"],
    "health": ["ill", "health", "hospital", "sick", "surgery"],
    "travel": ["visit", "trip", "travel", "flew", "arrived", "landed"],
    "position": ["strateg", "position", "stance", "pushed", "maximalist", "policy", "line"],
    "opinion": ["comfortable", "seasoned", "bureaucrat", "improbable", "mishandled", "mess"],
}

# Common English reporting verbs (every form) and attribution nouns, from general knowledge, not
# from any corpus: they make candidates for cues too rare in PolNeAR train to be learned there
# (benchmarks/learn_cues.py); the confidence model weighs them (feature "cue_kind=general").
GENERAL_CUES = frozenset("""
acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting affirm affirms
affirmed affirming allege alleges alleged alleging announce announces announced announcing argue
argues argued arguing assert asserts asserted asserting boast boasts boasted boasting caution
cautions cautioned cautioning claim claims claimed claiming concede concedes conceded conceding
confirm confirms confirmed confirming contend contends contended contending declare declares
declared declaring deny denies denied denying disclose discloses disclosed disclosing emphasize
emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising estimate estimates
estimated estimating explain explains explained explaining indicate indicates indicated indicating
insist insists insisted insisting maintain maintains maintained maintaining note notes noted noting
predict predicts predicted predicting reveal reveals revealed revealing signal signals signaled
signaling signalled signalling stress stresses stressed stressing suggest suggests suggested
suggesting testify testifies testified testifying warn warns warned warning
advise advises advised advising answer answers answered brag brags bragged bragging complain
complains complained complaining conclude concludes concluded concluding confess confesses
confessed confessing contradict contradicts contradicted counter counters countered countering
criticize criticizes criticized criticizing criticise criticises criticised criticising decry
decries decried dispute disputes disputed disputing doubt doubts doubted echo echoes echoed
elaborate elaborated forecast forecasts forecasted forecasting grumble grumbled grumbles hint hints
hinted hinting imply implies implied implying inform informs informed informing lament laments
lamented lamenting mention mentions mentioned mentioning muse mused musing mutter muttered object
objects objected objecting observe observes observed observing opine opines opined plead pleads
pleaded pleading proclaim proclaims proclaimed proclaiming quip quips quipped reassure reassures
reassured reassuring recall recalls recalled recalling reckon reckons reckoned recount recounts
recounted recounting reiterate reiterates reiterated reiterating remark remarks remarked reply
replies replied replying retort retorts retorted scoff scoffs scoffed speculate speculates
speculated speculating stipulate stipulated summarize summarizes summarized summed swear swears
swore sworn testify theorize theorized tout touts touted touting tweet tweets tweeted tweeting
underscore underscores underscored underscoring urge urges urged urging vow vows vowed vowing
whisper whispered write writes wrote written yell yelled chide chides chided rebut rebuts rebutted
rebutting assail assails assailed assailing denounce denounces denounced condemn condemns condemned
condemning applaud applauds applauded fault faults faulted faulting lambaste lambastes lambasted
ridicule ridicules ridiculed defend defends defended hail hails hailed refute refutes refuted scold
scolds scolded berate berates berated points pointing reaffirm reaffirms reaffirmed reaffirming
affirm affirms affirmed affirming
statement statements testimony allegation allegations accusation accusations assessment
assessments belief beliefs warning warnings pledge pledges promise promises claim claims argument
arguments memo memos filing filings lawsuit lawsuits complaint complaints assertion assertions
admission acknowledgment confirmation denial denials prediction predictions projection projections
interview interviews announcement declaration insistence contention
""".split())

# What people say or write things in: "said in a statement that", "fired back a response saying",
# "In an interview about X, Y said", "Tuttle's article accused X". One list for all the patterns
# that read them (attribution.py, claims.py, analysis.py), longest first so "blog post" wins.
COMMUNICATIONS = "|".join(sorted(map(re.escape, (
    "statement", "response", "interview", "letter", "speech", "email", "e-mail", "memo", "message",
    "tweet", "post", "blog post", "note", "release", "video", "ad", "advertisement", "op-ed",
    "article", "column", "essay", "book", "memoir", "editorial", "piece")), key=len, reverse=True))
