"""Attribution inside one sentence unit: who says what, with the cue that says so.

Patterns, in the order tried:
1. "according to SOURCE, CONTENT" and "CONTENT, according to SOURCE"
2. quote first: "“QUOTE,” said SOURCE" / "“QUOTE,” SOURCE said"
3. source first: "SOURCE [also] CUE [listener] [that|:] CONTENT", passives "was CUE ... by SOURCE"
Sources here are raw text; pronouns are resolved by the article walk (analysis.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .lexicon import (
    ACCORDING_RE,
    COMMUNICATIONS,
    CUE_PREFIXES,
    CUE_VERBS,
    GENERAL_CUES,
    LISTENER_RE,
    case_blind_words,
)
from .mentions import DAYS_AND_MONTHS
from .sentences import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN, YEAR_CUT_SHORT


class _CaseBlindAscii:
    """A case-blind pattern matched against a whole string: an ASCII string lower-cased, with the
    pattern compiled case-sensitive, any other with the pattern itself. The regex engine lower-cases
    a letter for every comparison it makes case-blind; in ASCII a letter matches a pattern's
    lower-case letter case-blind just when its lower case is that letter (the letters beyond ASCII
    that match case-blind, "ſ" for "s", "ı" for "i", are not lower-case ASCII). For patterns whose
    letters are all lower-case; spans as the pattern's (a group's text is lower-cased)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._lower = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def match(self, string: str) -> re.Match[str] | None:
        return self._lower.match(string.lower()) if string.isascii() else self.pattern.match(string)

    def fullmatch(self, string: str) -> re.Match[str] | None:
        return self._lower.fullmatch(string.lower()) if string.isascii() else self.pattern.fullmatch(string)

    def search(self, string: str) -> re.Match[str] | None:
        return self._lower.search(string.lower()) if string.isascii() else self.pattern.search(string)


_LEADING = _CaseBlindAscii(re.compile(
    r"^(?:(?:but|and|however|meanwhile|so|then|now|also|yet|still|instead|indeed|"
    r"unsurprisingly|separately|later|earlier|even|finally|first(?!\s+[Ll]ady))\b[,]?\s*)+",
    re.IGNORECASE,
))
# the words that open a clause
_OPENERS = ("that", "when", "as", "after", "before", "while", "whereas", "because", "and", "but", "if",
            "where", "who", "which", "since", "although", "though", "whom", "why")
# the text up to the last of them and the spaces after it ("since" not after a perfect's auxiliary,
# where it is the adverb, "since then": "She has since said")
_CLAUSE_OPENER = re.compile(
    r".*\b(?:" + "|".join(r"(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)since" if word == "since" else word
                          for word in _OPENERS) + r")\s+",
    re.IGNORECASE | re.DOTALL,
)
# ... and one of them reversed, after spaces, in the reversed phrase: the last one that may open a
# clause (opening with a class, the space, that the regex engine scans for; an ASCII phrase
# lower-cased and searched case-sensitive, _CaseBlindAscii: the engine's lower-casing of a letter
# for every word it compares case-blind was half the cost of _clause_opener)
_OPENER_REVERSED = _CaseBlindAscii(re.compile(r"(?-i:\s)\s*(?:" + "|".join(word[::-1] for word in _OPENERS)
                                              + r")\b", re.IGNORECASE))


def _clause_opener(phrase: str) -> re.Match | None:
    """_CLAUSE_OPENER.match(phrase): its greedy ".*" tries every position from the end, each with
    every word; the last of its words is found instead in the reversed phrase, and the pattern
    matched only up to the spaces after it, where it matches at once (or goes further back, for
    "since" after "has": the pattern decides)."""
    last = _OPENER_REVERSED.search(phrase[::-1])
    return _CLAUSE_OPENER.match(phrase, 0, len(phrase) - last.start()) if last is not None else None


# the words that may trail a subject before its verb: adverbs, auxiliaries and times
_TRAILING_ADVERBS = """also later recently previously then yesterday today has have had would will did once
again repeatedly publicly reportedly earlier not never yet further all both can cannot could should may might
must does do still already long often now ever just even since strongly openly frequently consistently
initially originally privately quickly sharply flatly firmly widely is are was were been be""".split()
_TRAILING_TIMES = """monday tuesday wednesday thursday friday saturday sunday week month year morning night
evening""".split()
_TRAILING_WORDS = frozenset(_TRAILING_ADVERBS + _TRAILING_TIMES)
# what ends a phrase without belonging to it: a contraction's "’ve", "’d" after a word, "’s" after
# he, she, it or who, or a space and a negated auxiliary or a word of _TRAILING_WORDS; one or more
# of them, to the end. Each piece opens with a quote mark or a space, and the pattern with that
# class (the piece's own kind checked behind it), so that the regex engine tries only those places
_TRAILING_PIECE = (r"(?:(?<=[a-z][’'])(?:ve|d|ll|re)"
                   r"|(?:(?<=\bhe[’'])|(?<=\bshe[’'])|(?<=\bit[’'])|(?<=\bwho[’']))s"
                   rf"|(?<=\s)\s*(?:[a-z]+n[’']t|{'|'.join(_TRAILING_ADVERBS)}|"
                   rf"(?:on\s+|last\s+|this\s+)?(?:{'|'.join(_TRAILING_TIMES)})))")
# (its letters all lower-case, for _CaseBlindAscii; searched, the phrase is cut where it matches)
_TRAILING = _CaseBlindAscii(re.compile(rf"[’'\s]{_TRAILING_PIECE}(?:[’'\s]{_TRAILING_PIECE})*$", re.I))
_CLITICS = ("’s", "'s", "’ve", "'ve", "’d", "'d", "’ll", "'ll", "’re", "'re", "n’t", "n't")
_NOT_SOURCES = {"this", "that", "what", "there", "one", "reports", "report"}
_FUNCTION_WORDS = frozenset("""a an the to of by for with from in on at into onto over under after before
during while when if as since because though although not even still also was were is are be been
being has have had do does did will would can could should may might must and or but nor so yet
then than that this these those there here very just only more most less least much many
""".split())
# (not "at least", "at most", which open a quantity: "At least half of voters say")
_PREPOSITION_START = _CaseBlindAscii(re.compile(
    r"(?:in|on|at(?!\s+(?:least|most)\b)|for|with|by|from|to|of|into|after|"
    r"before|during|while|when|if|as|since|because|though|although|unlike|despite|via|per|"
    r"like|among|amid|under|without|within|through|throughout|across|around|beyond|"
    # ("Outside the hall", not the adjective of "outside experts")
    r"behind|against|upon|until|alongside|(?:out|in)side(?=\s+(?:the|a|an|his|her|"
    r"their|its|this|that)\s))\b",
    re.IGNORECASE))
# r"\b(?:was|were|been|is|are|being|be)\s+...$" opening with the class of the words' first letters, so
# that the regex engine scans for it (mentions._word_opening), and telling the words apart after it
_PASSIVE = re.compile(r"[wbia](?<!\w.)(?:(?<=w)(?:as|ere)|(?<=b)(?:een|eing|e)|(?<=i)s|(?<=a)re)"
                      r"\s+(?:\w+ly\s+|first\s+|also\s+|widely\s+)?$")
_RELATIVE = re.compile(r"\s*(?:who|which|whose|whom|that)\b", re.I)
NAME_ONLY = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*")
# (or whose someone they are: "Armstrong Williams, Carson's longtime friend, said")
_APPOSITIVE = re.compile(r"\s*(?:[\w.-]+[’']s\s|the|a|an|founder|head|chairman|director|president|ceo|"
                         r"spokes\w+|"
                         r"\d+|former|who|which|[A-Z][\w.’'-]*\s+(?:of|at|for)\b|[a-z]+\s+of\b|[a-z]+ing\b|"
                         r"(?-i:[a-z]+ed)\b|clad|dressed|flanked)", re.I)
_RELATIVES = {"who", "which"}
_CLAUSE_SUBJECT_START = re.compile(r"\s*(?:while|whereas|although|though|because)\s+"
                                   r"(?!(?:in|at|on|under|out|still|not|also|never|only|there|it)\b)"
                                   r"(?![a-z]+ing\b)(?:[a-z]|[A-Z](?![a-z]+ing\b))")
# (a subordinator that only joins clauses opens one whatever its subject begins with: "..., while
# liberal groups, including unions, reported"; not a reduced clause, "while campaigning", "while in
# office", whose subject is the main clause's)
_CONJUNCTION_START = re.compile(r"\s*(?:but|and|yet|while|whereas|although|though|as|As|because|when)\s+"
                                r"(?:the|a|an|his|her|their|its|our|[A-Z])|" + _CLAUSE_SUBJECT_START.pattern)
_ASIDE_START = re.compile(r"\s*(?:and\s+)?(?:[a-z]+ly\s+)?(?:[a-z]{3,}ing|[a-z]{3,}ed|where)\s")
_WITH_SUBJECT = re.compile(r"(?:^|[,;—–]\s*|\s-\s)with\s+((?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+$")
_PLURAL_NOUN = re.compile(r"[a-z]{3,}[^s'’]s")  # "polls show", "prosecutors said"
_CLOSING_DASH = re.compile(r"\s(?:--|[-—–―])\s*$|[—―]\s*$")


def _last_dash(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """Where the last dash between start and stop stands, if one does."""
    spans = [m.span() for m in _DASHES.finditer(text, start, stop)]
    return spans[-1] if spans else None


_DASHES = re.compile(r"\s+(?:--|[-—–―])\s+|[—―]")
_NOT_SOURCE_NAMES = {"The", "A", "An", "In", "On", "At", "But", "And", "If", "When", "After", "Before",
                     "It", "This", "That", "There", "Then", "As", "Although", "While", "Since"}
_PRONOUN_SOURCES = {"he", "she", "it", "they", "we", "i", "you", "officials", "sources", "critics",
                    "analysts", "experts", "democrats", "republicans", "aides", "supporters",
                    "some", "many", "others", "another", "both", "most", "few", "several", "everyone",
                    "someone", "nobody", "those"}
MAX_SOURCE_WORDS = 14


class RawAttribution(NamedTuple):
    """One candidate attribution's spans in the article text (a named tuple: the patterns make one
    or more for every cue, and a frozen dataclass costs three times as much to make)."""

    source_span: tuple[int, int]
    cue_span: tuple[int, int]
    content_span: tuple[int, int]
    quote_span: tuple[int, int] | None = None
    inherits_source: bool = False  # "... and confirmed that": the subject is the previous source
    colon: bool = False  # "X commented on the rumours:" introduces the next quotation
    pattern: str = "source_first"  # which pattern found it: a feature of its confidence


# a quotation mark, or '' (two apostrophes): r"''|[“”«»„‘’‹›\"']" opening with a class, which the
# regex engine scans for instead of trying every position
_QUOTE_MARK = re.compile(r"[“”«»„‘’‹›\"'](?:(?<=')')?")


@lru_cache(maxsize=512)
def quote_regions(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans of quotations in text[start:end], marks included (cached: every stage asks)."""
    regions, open_at, closer, skip = [], None, "", start
    for match in _QUOTE_MARK.finditer(text, start, end):
        i, mark = match.start(), match.group()
        prev = text[i - 1] if i > start else " "
        nxt = text[match.end()] if match.end() < end else " "
        if mark == "''":  # ''newspaper style'' double quotes
            if open_at is None:
                open_at, closer = i, "''"
            elif closer == "''":
                # "''... on 'Morning Show,''' said X": a single quotation closes with the double
                close = i + 3 if text.startswith("'", i + 2) and i + 3 <= end else i + 2
                regions.append((open_at, close))
                open_at, skip = None, close
            continue
        if i < skip:
            continue
        if open_at is None:
            if mark in DOUBLE_OPEN or mark == '"':
                open_at, closer = i, DOUBLE_CLOSE + '"'
            elif (mark in SINGLE_OPEN or mark == "'") and not prev.isalnum() and not nxt.isspace() \
                    and not YEAR_CUT_SHORT.match(text, match.end(), end):  # "in ‘08": an apostrophe
                open_at, closer = i, SINGLE_CLOSE + "'"
        elif closer != "''" and (mark in closer and (closer[0] in DOUBLE_CLOSE or not nxt.isalnum())
                                 or mark == "“" and closer[0] in DOUBLE_CLOSE and prev in ",.?!"
                                 and nxt.isspace()) \
                and i > open_at + 1:
            # (an opening mark typed after the quotation's last punctuation and before a space,
            # "“It's unusual,“ said Roe", can only close it)
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, end))
    return tuple(regions)


def _learned_cues() -> dict[str, float]:
    """Cue words learned from PolNeAR train, each with the share of its occurrences that are cues."""
    path = Path(__file__).with_name("cues.txt")
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, share = line.partition("\t")
            shares[word.strip()] = float(share or 0.0)
    return shares


_CUE_SHARES = _learned_cues()
_FILE_CUES = frozenset(_CUE_SHARES)
# Words that are cues only by the general list (not learned from train): the model sees them apart.
GENERAL_ONLY_CUES = GENERAL_CUES - _FILE_CUES
LEARNED_CUES = _FILE_CUES | GENERAL_CUES
# A learned word reports speech when it is a cue more often than not in train ("blamed", "vowed",
# "noting"); words that are cues only now and then ("made", "tried", "think") report no one.
SPEECH_SHARE = 0.5
SPEECH_CUE_RE = re.compile(rf"(?:{CUE_VERBS}|according to)", re.IGNORECASE)


class _Cue(NamedTuple):
    start: int  # the cue word(s)
    end: int
    prefix: int  # where auxiliaries and adverbs before it begin ("has also said")


@lru_cache(maxsize=2048)
def is_speech_cue(cue: str) -> bool:
    """A reporting verb: a curated one (said, told, denied...), or a learned cue that is a cue more
    often than not."""
    # "" continues a quotation's speaker; ":" is a headline's or a paragraph's speaker ("AP: ...")
    return cue in ("", ":") or SPEECH_CUE_RE.fullmatch(cue) is not None \
        or _CUE_SHARES.get(cue.lower(), 0.0) >= SPEECH_SHARE \
        or not _CURATED_BASES.isdisjoint(_base_forms(cue.lower()))


def is_cue_word(cue: str) -> bool:
    """A lower-case word PolNeAR train uses as a cue at all (however rarely): a verb that reports
    in the right construction ("“...,” X charged")."""
    return cue.islower() and cue in _CUE_SHARES


def _base_forms(word: str) -> set[str]:
    """What an inflected word may be the form of: "saying" -> "say", "noting" -> "note"."""
    forms = {word}
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms |= {stem, stem + "e"}
    return forms


# Another form of a curated reporting verb is one too: "warning" and "warned", "saying" and "say".
_CURATED_BASES = frozenset().union(*(_base_forms(cue) for cue in CUE_VERBS.lower().split("|")
                                     if " " not in cue))


_CURATED_AT = re.compile(rf"(?:{CUE_VERBS})\b")
_CURATED_FIRST = frozenset(phrase.split()[0] for phrase in CUE_VERBS.split("|"))
_AUXILIARIES = frozenset(CUE_PREFIXES.split("|"))
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# The base form of a learned cue verb learned only in another form ("vote" of "voted", "focus" of
# "focused"): a cue when a modal, "to" or "not" before it makes it a verb ("would vote for").
_BASE_CUES = frozenset(base for word in LEARNED_CUES if word.isalpha() for base in _base_forms(word)
                       if len(base) >= 4 and base not in LEARNED_CUES)
# (r"(?:\b(?:to|will|...|not)|n['’]t|['’](?:ll|d))\s+...$", opening with a case-sensitive class of every
# alternative's first character, so that the regex engine scans for it, and telling them apart after it
# (lexicon.case_blind_words))
_BEFORE_A_BASE_FORM = re.compile(r"(?-i:[tTwWcCsSſmMdDnN'’])"
                                 r"(?:(?<!\w.)(?:(?<=t)o|(?<=w)(?:ill|ould)|(?<=c)(?:an|ould)|(?<=s)(?:hould|hall)|"
                                 r"(?<=m)(?:ay|ight|ust)|(?<=d)(?:id|o|oes)|(?<=n)ot)|(?<=n)['’]t|(?<=['’])(?:ll|d))"
                                 r"\s+(?:(?:\w+ly|also|never|not|still|even|just|ever|rather)\s+){0,2}$",
                                 re.IGNORECASE)
# ... and after a subject pronoun that takes the plain present ("they back", "voters who favor",
# "I share"): no noun follows "they" or "who", so the word is the verb of its clause
# (r"(?<![\w’'])(?:I|[Ww]e|[Tt]hey|[Yy]ou|who|which)\s+...", opening with the class of the words' first
# letters, so that the regex engine scans for it, and the lookbehind after it)
_BEFORE_A_PRESENT = re.compile(r"[IWwTtYy](?<![\w’'].)(?:(?<=I)|(?<=[Ww])e|(?<=[Tt])hey|(?<=[Yy])ou|(?<=w)ho|"
                               r"(?<=w)hich)\s+"
                               r"(?:(?:\w+ly|also|still|now|all|both|even|just|often|never)\s+){0,2}$")
# ... and its form in -ing after a form of "be", where it is a progressive ("are voting for")
_ING_CUES = frozenset(base + "ing" for word in LEARNED_CUES if word.isalpha()
                      for base in _base_forms(word) - {word} if not base.endswith("e")) - LEARNED_CUES
_BEFORE_A_PROGRESSIVE = re.compile(r"(?:\b(?:is|are|was|were|be|been|being|am)|['’](?:re|m))\s+"
                                   r"(?:(?:\w+ly|not|also|still|now|even|just|already|never|always)\s+){0,2}$",
                                   re.IGNORECASE)
# ... and its form in -s after a subject pronoun, where it is a verb ("she points to", "who attacks")
_S_CUES = frozenset(base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
                    for word in LEARNED_CUES if word.isalpha()
                    for base in _base_forms(word) - {word}) - LEARNED_CUES
_AFTER_A_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|it|who|which)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+)?$",
                                      re.IGNORECASE)
# a form of "be" (or "become", "remain") with an article and up to two adjectives: what comes next
# is a predicate noun ("is a fervent supporter of", "has been the chief critic of")
_PREDICATE_NOUN = re.compile(r"\b(?:is|are|was|were|be|been|being|remains?|remained|becomes?|became)\s+"
                             r"(?:(?:\w+ly|also|still|long|not|now)\s+)?(?:an?|the|one\s+of\s+the)\s+"
                             r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# a noun for the one who does something: "supporter", "advocate", "opponent", "ally"
_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:er|or|ist|(?<!m)ent|ant|ate|ic)s?|all(?:y|ies)|fans?|champions?|foes?")
# Verbs of feeling whose object feels it ("the remark worried them", "his answer impressed no one"),
# in their participle: after "be" it is an adjective of the subject's state of mind, and the one who
# feels is the subject, whatever follows (Belletti and Rizzi's object-experiencer verbs)
_FEELING_PARTICIPLES = frozenset("""worried concerned troubled bothered disappointed impressed alarmed
angered frustrated dismayed distressed rattled upset surprised shocked pleased satisfied encouraged
convinced offended outraged excited delighted annoyed irritated scared frightened terrified confused
puzzled amused embarrassed horrified stunned thrilled unnerved disturbed depressed inspired interested
intrigued disgusted appalled baffled befuddled heartened disheartened saddened infuriated incensed
enraged relieved unimpressed unconvinced perplexed unsettled disillusioned discouraged energized
exasperated irked miffed""".split())
# ... and those not learned as cues are cues there too, after a form of "be" ("were troubled by")
_FEELING_CUES = _FEELING_PARTICIPLES - LEARNED_CUES
# (a form of "be" and an adverb or "not"; an "'s" only after a pronoun: "Roe's troubled past" owns)
# (or a verb that links a subject to its state as "be" does: "seemed worried", "remain wary of",
# "grew frustrated with"; and up to two adverbs of degree or time: "are apparently so worried")
_STATE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|being|am|seems?|seemed|seeming|appears?|appeared|"
                         r"remains?|remained|remaining|becomes?|became|becoming|grows?|grew|growing|"
                         r"feels?|felt|feeling|looks?|looked|sounds?|sounded)\s+"
                         r"(?:(?:\w+ly|not|also|still|so|too|very|more|less|most|both|all|now|even|quite|"
                         r"rather|far|much|well)\s+){0,2}$", re.IGNORECASE)
_BEFORE_A_STATE = re.compile(_STATE_VERB.pattern
                             + r"|['’](?:re|m)\s+$|\b(?:he|she|it|that|who)['’]s\s+$", re.IGNORECASE)
# ... and nouns for one who is for or against something, cues after "be" and an article too ("has
# long been a critic of the plan")
_STANCE_CUES = frozenset("""critic opponent proponent advocate backer defender champion ally skeptic
admirer detractor foe fan supporter believer""".split()) - LEARNED_CUES
# Adjectives of a stance toward something, with the preposition that names it: after "be" they say
# what the subject thinks of it ("has been critical of the deal", "are wary of him", "was proud of
# the vote", "are split on whether"), as the verbs do ("criticized", "distrusted"); alone they
# describe ("a critical vote")
_ATTITUDE_ADJECTIVES = frozenset("""critical wary leery suspicious distrustful mistrustful dismissive
contemptuous scornful proud ashamed fond tired weary sick angry furious mad bitter resentful
sympathetic unsympathetic hostile receptive loyal grateful appreciative vocal upbeat sanguine
bullish bearish cynical lukewarm ambivalent enthusiastic unenthusiastic doubtful unhappy happy
comfortable uncomfortable aware unaware mindful fearful afraid anxious jealous envious protective
respectful tolerant intolerant unapologetic apologetic uneasy sure unsure certain uncertain
divided split""".split()) - LEARNED_CUES
_STATES = _ATTITUDE_ADJECTIVES | _FEELING_PARTICIPLES
_SURE = frozenset(("sure", "certain"))  # "is sure to win": a forecast, no one's view
# (or the clause it holds, "aware that ...", "not sure whether ...")
_ADJECTIVE_OBJECT = re.compile(r"\s+(?:of|about|with|at|toward|towards|to|over|on|that|whether|if|how|what|"
                               r"where|who|why|which)\b")
# A form of a learned cue that is a cue only after what must come before it, and how far back to
# look for that: the -s form after a subject pronoun, a side-taking noun after "be" and an article,
# a feeling participle after "be", the -ing form after "be" (a word in two sets takes the first)
_GATED_CUES: dict[str, tuple[re.Pattern[str], int]] = {}
for _words, _before, _reach in ((_S_CUES, _AFTER_A_SUBJECT_PRONOUN, 20), (_STANCE_CUES, _PREDICATE_NOUN, 60),
                                (_FEELING_CUES, _BEFORE_A_STATE, 20), (_ING_CUES, _BEFORE_A_PROGRESSIVE, 20),
                                (_ATTITUDE_ADJECTIVES, _BEFORE_A_STATE, 20)):
    for _word in _words:
        _GATED_CUES.setdefault(_word, (_before, _reach))
# Phrasal verbs that take a side or go on the attack, cues only with their particle and an object
# after it ("went after Roe", "came out against the levy", "took aim at her", "turned against him"): the
# verb alone is no view ("went after dinner", "came out of the meeting", "took the stage")
_TARGET = r"(?:[A-Z]|(?:him|her|them|his|their|its|the|a|an)\b)"
_PHRASAL_CUES: dict[str, re.Pattern[str]] = {}
for _forms, _particle in (
        ("go goes went going gone", rf"\s+after\s+(?={_TARGET})"),
        ("come comes came coming", r"\s+out\s+(?:strongly\s+|publicly\s+|firmly\s+)?"
                                   r"(?:against|for|in\s+favor\s+of|in\s+support\s+of|in\s+opposition\s+to)\s"),
        ("take takes took taking taken", rf"\s+aim\s+at\s+(?={_TARGET})"),
        ("turn turns turned turning", rf"\s+against\s+(?={_TARGET})"),
        ("pile piles piled piling", rf"\s+on\s+(?={_TARGET})"),
        ("lash lashes lashed lashing", r"\s+out\s+(?:at|against)\s"),
        ("speak speaks spoke speaking spoken", r"\s+out\s+(?:against|for|on|about|in\s+favor\s+of)\s"),
        ("take takes took taking taken", rf"\s+issue\s+with\s+(?={_TARGET})"),
        ("side sides siding", rf"\s+with\s+(?={_TARGET})"),
        ("stand stands stood standing", rf"\s+(?:by|with)\s+(?={_TARGET})"),
        ("fire fires fired firing hit hits hitting push pushes pushed pushing",
         r"\s+back\s+(?:at|on|against)\s"),
        ("break breaks broke breaking", rf"\s+with\s+(?={_TARGET})"),
        ("stick sticks stuck sticking", rf"\s+(?:with|by)\s+(?={_TARGET})"),
        ("double doubles doubled doubling", r"\s+down\s+on\s"),
        ("rally rallies rallied rallying", rf"\s+(?:behind|around)\s+(?={_TARGET})"),
        ("get gets got getting", rf"\s+behind\s+(?={_TARGET})"),
        ("chime chimes chimed chiming", r"\s+in\b(?:\s+on\b)?"),
        ("lay lays laid laying spell spells spelled spelling", rf"\s+out\s+(?={_TARGET})"),
        ("play plays played playing", rf"\s+down\s+(?={_TARGET})"),
        ("hit hits hitting", r"\s+out\s+at\s"),
        ("open opens opened opening", r"\s+up\s+about\s"),
        ("sound sounds sounded sounding", r"\s+off\b(?:\s+(?:on|about|against)\b)?")):
    for _form in _forms.split():
        # (a verb with two particles takes either: "took aim at", "took issue with")
        _previous = _PHRASAL_CUES.get(_form)
        _PHRASAL_CUES[_form] = re.compile(f"{_previous.pattern}|{_particle}" if _previous else _particle)
_OWNED_NOUN = re.compile(r"(?:\b(?:his|her|their|its)|\w[’']s?)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE)
_AIMED_AT = re.compile(r"\s+(?:on|against)\b")
_INTERESTING = frozenset(_CURATED_FIRST | _AUXILIARIES | LEARNED_CUES | _BASE_CUES | _ING_CUES | _S_CUES
                         | _FEELING_CUES | _STANCE_CUES | _ATTITUDE_ADJECTIVES | frozenset(_PHRASAL_CUES)
                         | {w.capitalize() for w in LEARNED_CUES} | {w.upper() for w in LEARNED_CUES})


def find_cues(text: str, start: int, end: int) -> list[_Cue]:
    """Reporting cues: the curated phrases, then single words learned from PolNeAR train.

    One pass over the words: a curated phrase may open with auxiliaries and adverbs ("has also
    said"), which become its prefix; a learned word inside a curated cue is not a cue of its own.
    """
    cues: list[_Cue] = []
    covered = start  # the end of the last curated cue
    run_start = -1  # where the current run of auxiliaries began
    previous_end = -1
    learned = LEARNED_CUES
    interesting = _INTERESTING
    for match in _WORD_TOKEN.finditer(text, start, end):
        word = match.group()
        if word not in interesting:  # most words: neither a cue nor an auxiliary
            run_start = -1
            continue
        word_start, word_end = match.span()
        if word_start < covered:
            continue
        if word in _CONTINUE_FORMS and (infinitive := _TO_INFINITIVE.match(text, word_end, end)):
            # "continued to run the port" is aspect, no report; in "continued to say" the verb
            # after "to" reports, with "continued to" (and an auxiliary before it) its prefix
            if is_speech_cue(infinitive.group(1)):
                after_auxiliary = run_start >= 0 and text[previous_end:word_start].isspace()
                prefix = run_start if after_auxiliary else word_start
                cues.append(_Cue(infinitive.start(1), infinitive.end(1), prefix))
                covered = infinitive.end(1)
            run_start = previous_end = -1
            continue
        if word in _CONTINUING and _DETERMINER_BEFORE.search(text, max(start, word_start - 8), word_start):
            # "Trump's continued strength", "the continuing inquiry": after an owner or an
            # article the participle is an adjective, no verb and no report
            run_start = previous_end = -1
            continue
        if word in _CURATED_FIRST:
            curated = _CURATED_AT.match(text, word_start, end)
            if curated and (word in _SAY_FORMS and _say_reports_nothing(text, start, word_start, end)
                            or word in _ADD_FORMS and _ADDS_UP.match(text, curated.end(), end)):
                run_start = -1
                continue
            if curated and _word_boundary_before(text, word_start):
                prefix = word_start
                if run_start >= 0 and text[previous_end:word_start].isspace():
                    prefix = run_start
                    while cues and cues[-1].start >= prefix:
                        cues.pop()
                cues.append(_Cue(word_start, curated.end(), prefix))
                covered = curated.end()
                run_start = previous_end = -1
                continue
        if word in _AUXILIARIES and _word_boundary_before(text, word_start):
            if run_start < 0 or not text[previous_end:word_start].isspace():
                run_start = word_start
            previous_end = word_end
            if word.lower() in learned:
                cues.append(_Cue(word_start, word_end, word_start))
            continue
        run_start = previous_end = -1
        phrasal = _PHRASAL_CUES.get(word)
        if phrasal is not None and (particle := phrasal.match(text, word_end, end)) is not None:
            # (the particle is part of the cue: what follows it is the target)
            cues.append(_Cue(word_start, word_end + len(particle.group().rstrip()), word_start))
            covered = particle.end()
            continue
        if word in _BASE_CUES:
            modal = _BEFORE_A_BASE_FORM.search(text, max(start, word_start - 24), word_start)
            if modal is not None:
                # (the modal and an adverb after it are the cue's prefix, not the subject's end;
                # an infinitive's "to" stays outside it, where its subject is looked for)
                to = text[modal.start():modal.start() + 3].lower() == "to "
                cues.append(_Cue(word_start, word_end, word_start if to else modal.start()))
            elif _BEFORE_A_PRESENT.search(text, max(start, word_start - 24), word_start) is not None:
                cues.append(_Cue(word_start, word_end, word_start))
            continue
        gate = _GATED_CUES.get(word)
        if gate is not None:
            before, reach = gate
            if word in _ATTITUDE_ADJECTIVES and (not _ADJECTIVE_OBJECT.match(text, word_end, end)
                                                 or word == "critical" and text.startswith(" to", word_end)
                                                 or word in _SURE and text.startswith(" to", word_end)):
                continue  # "is proud", "was angry.": no stance toward anything named ("critical to": needed)
            gated = before.search(text, max(start, word_start - reach), word_start)
            if gated or word in _S_CUES \
                    and _OWNED_NOUN.search(text, max(start, word_start - 30), word_start) \
                    and _AIMED_AT.match(text, word_end, end):
                # (the -s form as a plural noun with its owner and its target: "his attacks on Roe")
                # (a progressive's "be" and its adverbs are the cue's prefix, no part of the subject:
                # "are definitely not voting for")
                prefix = gated.start() if gated and before is _BEFORE_A_PROGRESSIVE else word_start
                cues.append(_Cue(word_start, word_end, prefix))
            continue
        if word.lower() in learned:
            if word[0].isupper() and word_start > start and not _title_case(text, start, end):
                continue  # "“I'm sorry,” Quick said": a capital inside a sentence makes a name
            cues.append(_Cue(word_start, word_end, word_start))
    return cues


# "continue" reports speech on its own ("“We will win,” she continued"), never before an infinitive
_CONTINUE_FORMS = frozenset(("continue", "continues", "continued", "continuing",
                             "Continue", "Continues", "Continued", "Continuing"))
_TO_INFINITIVE = re.compile(r"\s+to\s+([a-z]+)\b")
# ... and its participles after an owner or an article are adjectives: "Trump's continued strength"
_CONTINUING = frozenset(("continued", "continuing"))
_DETERMINER_BEFORE = re.compile(r"(?:[\w.][’']s|(?<![\w’'])(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|"
                                r"[Tt]he|a|an))\s+$")
_LONG_WORD = re.compile(r"[A-Za-z][a-z’'-]{3,}")
_CAPITALS = re.compile(r"[A-Z]{4,}")
_LOWER = re.compile(r"[a-z]")
_SAY_FORMS = frozenset(("say", "said"))
# "the delays added up to a crisis": "add up (to)" sums, it reports no one
_ADD_FORMS = frozenset(("add", "adds", "added", "adding"))
_ADDS_UP = re.compile(r"\s+up\b")
# "say" as a noun, after a determiner and perhaps an adjective: "had their say", "a larger say in"
# (not after a quantifier, which is its subject: "some say", "many say")
_SAY_AS_NOUN = re.compile(r"\b(?:a|the|their|his|her|its|our|my|your|no|equal)\s+"
                          r"(?:(?:final|last|larger|bigger|greater|real|direct|big|little|strong|equal|full)\s+)?$",
                          re.IGNORECASE)
# "easier said than done": a comparison, no report
_SAID_THAN = re.compile(r"said\s+than\b")
# ", say, five years": "for example", before a number or a quantity
_SAY_FOR_EXAMPLE = re.compile(r"say,\s+(?:\d|a\s|an\s|one|two|three|four|five|six|seven|eight|nine|ten|"
                              r"twenty|thirty|forty|fifty|hundred|half)")


def _say_reports_nothing(text: str, start: int, pos: int, end: int) -> bool:
    """Whether "say" or "said" at pos is an idiom that reports no one: a noun ("their say"), a
    comparison ("easier said than done") or "for example" between commas ("in, say, five years")."""
    if text.startswith("say", pos):
        return _SAY_AS_NOUN.search(text, max(start, pos - 30), pos) is not None \
            or (text[pos - 2:pos] == ", " and _SAY_FOR_EXAMPLE.match(text, pos, end) is not None)
    return _SAID_THAN.match(text, pos, end) is not None


def _title_case(text: str, start: int, end: int) -> bool:
    """Whether the unit is written in title case, as some headlines are ("Trump Slams Cruz Over
    Ads"), where a capitalised verb is still a verb: most of its longer words capitalised."""
    words = _LONG_WORD.findall(text, start, end)
    if not words:
        # ("AUSTRALIAN TEAM REFUSES TO STAY": a headline in capitals is as capitalised as can be)
        return _CAPITALS.search(text, start, end) is not None and _LOWER.search(text, start, end) is None
    return sum(word[0].isupper() for word in words) * 2 > len(words)


def _word_boundary_before(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def find_attributions(text: str, start: int, end: int) -> list[RawAttribution]:
    """Every attribution in the unit text[start:end]."""
    quotes = quote_regions(text, start, end)
    unit_text = text[start:end]  # (for the cheap tests of a word's presence)
    inside = lambda pos: any(a <= pos < b for a, b in quotes)  # noqa: E731
    found: list[RawAttribution] = []
    for match in (ACCORDING_RE.finditer(text, start, end) if text.find("ccording", start, end) >= 0 else ()):
        if inside(match.start()):
            continue
        found.append(_according(text, start, end, match))
    colon = _COLON_SPEAKER.match(text, start, end) if text.find(":", start, end) >= 0 else None
    if colon is None and text.find(":", start, end) >= 0 and (lead := _ROUNDUP_LEAD.match(text, start, end)):
        # "POLLSTERS AGREE - Carl Bialik: “...”": a roundup's item names its topic, then who speaks
        colon = _COLON_SPEAKER.match(text, lead.end(), end)
    if colon and not inside(colon.start(2)) and colon.group(1).lower() not in _KICKERS \
            and not find_cues(text, *colon.span(1)):
        verb = _VERB_BEFORE_COLON.search(text, colon.start(1), colon.end(1))
        subject = _subject_phrase(text, colon.start(1), verb.start()) if verb else None
        if subject:
            # "And Mr. Christie gloated: ...": a verb ends the phrase, its subject speaks
            # (the colon is the cue: whatever the verb, it introduces what was said)
            found.append(RawAttribution(subject, colon.span(2), _strip_span(text, colon.end(), end),
                                        pattern="colon"))
        else:
            # "Sanders: Clinton email story has moved." (but not "Giles told Metro: ...")
            found.append(RawAttribution(colon.span(1), colon.span(2),
                                        _strip_span(text, colon.end(), end), pattern="colon"))
    # (the pattern opens with "quoted" or "cited" in some form: a unit with neither is not searched)
    if text.find(" as ", start, end) >= 0 and any(stem in unit_text for stem in _QUOTING_STEMS):
        for match in _QUOTED_AS.finditer(text, start, end):
            if not inside(match.start()):
                # "The Post quoted an official as saying that ...": the official says it
                found.append(RawAttribution(match.span(1), match.span(2),
                                            _content_after(text, match.end(), end), pattern="quoted_as"))
    if text.find("oll", start, end) >= 0 or text.find("urvey", start, end) >= 0:
        for match in _IN_POLL.finditer(text, start, end):
            if not inside(match.start()):
                found.append(_in_poll(text, start, end, match))
    # (what was written is followed by "that": "a report by Politico that ...")
    if (" by " in unit_text or " from " in unit_text) and "that" in unit_text:
        for match in _WRITTEN_BY.finditer(text, start, end):
            if not inside(match.start()):
                # "a report by Politico that he fabricated ...": what was written says what its
                # author says (as "a statement from X said", analysis._SENT_FROM)
                found.append(RawAttribution(match.span(2), match.span(1),
                                            _strip_span(text, match.end(), end), pattern="written_by"))
    if " by " in unit_text:
        for match in _AS_REPORTED_BY.finditer(text, start, end):
            if not inside(match.start()):
                # "As reported by the Harbor Gazette, the port lost money": the clause after the
                # comma is the reporter's; at the end (", as reported by X.") the clause before it
                opens = not text[start:match.start()].strip(" “\"")
                if opens != bool(match.group(3)):
                    continue  # "The mayor, as reported by X, is ...": an aside inside its clause
                content = _strip_span(text, match.end(), end) if opens \
                    else _strip_span(text, start, match.start())
                source = (match.start(2), match.end(2) - text[match.start(2):match.end(2)].endswith("."))
                found.append(RawAttribution(source, match.span(1), content, pattern="according"))
        for match in (_SEEN_BY.finditer(text, start, end)
                      if any(word in unit_text for word in _SEEN_PARTICIPLES) else ()):
            if not inside(match.start()):
                # "she is seen by party leaders as credible": the view is theirs, of the whole clause
                found.append(RawAttribution(match.span(2), match.span(1), _strip_span(text, start, end),
                                            pattern="viewpoint"))
    if any(noun in unit_text for noun in _STANCE_NOUNS):
        for match in _GOT_SUPPORT.finditer(text, start, end):
            if not inside(match.start()) and (raw := _got_support(text, start, end, match, quotes)):
                found.append(raw)
    if text.find("avorabl", start, end) >= 0 or text.find(" view", start, end) >= 0:
        for match in _OPINION_OF.finditer(text, start, end):
            if not inside(match.start()) and (raw := _opinion_of(text, start, end, match, quotes)):
                found.append(raw)
    # (the pattern opens with "For" or "To", perhaps after spaces: a unit that opens with neither is
    # not searched)
    viewpoint = _VIEWPOINT.match(text, start, end) \
        if text.startswith(_VIEWPOINT_WORDS, start) or text[start:start + 1].isspace() else None
    if viewpoint and viewpoint.group(2).split()[0] not in _NOT_VIEWPOINTS:
        # "For Sanders, the mission is different." "To Ms. Gil, skateboarding represents ...":
        # the view is the named one's
        found.append(RawAttribution(viewpoint.span(2), viewpoint.span(1),
                                    _strip_span(text, viewpoint.end(), end), pattern="viewpoint"))
    according = [(a.cue_span[0], a.source_span[1]) for a in found]
    # the attributes of a markup tag left in the text are no words ('<tweet tweet_id="...">')
    tags = [m.span() for m in _MARKUP_TAG.finditer(text, start, end)] \
        if text.find("<", start, end) >= 0 else []
    for cue in find_cues(text, start, end):
        if according and any(a <= cue.start < b for a, b in according) \
                or quotes and inside(cue.start) or tags and any(a <= cue.start < b for a, b in tags):
            continue
        if found and any(a.source_span[0] <= cue.start < a.source_span[1] for a in found):
            continue  # "... said Smith, who denied": a cue inside a source belongs to it
        raw = (_asked_by(text, start, end, cue)
               or _quote_first(text, start, end, cue, quotes)
               or _inverted(text, start, end, cue)
               or _participle(text, start, end, cue, found)
               or _experiencer(text, start, end, cue, quotes)
               or _source_first(text, start, end, cue, quotes))
        if raw is not None and raw.inherits_source and (not found or all(
                a.source_span[0] < opening for opening in (after_openings(text, start, raw.cue_span[0]),)
                for a in found)):
            # "Carson took the stage and called ...", and "When asked whom she backed, Roe smiled
            # and said": a source inside the opening phrase is no subject of the verbs after it
            raw = _with_subject(text, start, raw) or (raw if found else None)
        if raw is not None:
            found.append(raw)
    if not found and quotes and quotes[0][0] == start:
        found.extend(_speaker_after_quote(text, end, quotes[0]))
    if quotes and text.find(":", start, end) >= 0:
        found.extend(_colon_quotes(text, start, end, quotes, found))
    found.sort(key=lambda a: a.cue_span[0])
    polls = [a for a in found if a.pattern in _POLL_PATTERNS]
    if polls:
        found = [_respondents_to_poll(text, a, polls) for a in found]
    # (or set off inside the clause it reports: "Back then, Roe said, the port lost money")
    closing = [a for a in found if a.pattern in _CLOSING_PATTERNS
               and (a.content_span[1] <= a.cue_span[0] or a.pattern != "according")
               and is_speech_cue(text[a.cue_span[0]:a.cue_span[1]].strip())]
    if closing and len(found) > 1:
        found = [_reported_by_closing(text, start, a, closing) for a in found]
    found = _trim_contents(text, found)
    if found:
        found = [_object_relative(text, start, end, a) for a in found]
    return [a for a in _continued_quotes(text, end, found, quotes)
            if (a.content_span[1] > a.content_span[0] or a.inherits_source or a.colon)
            and not _a_time(text, a)]


# what may follow a verb whose object has moved before its subject, in a relative clause: nothing
# of its own, or an adjunct of time, place or manner ("which the mayor opposed.", "a plan she backed
# last year", "that Roe pushed three years ago with Bell")
_NO_OBJECT_AFTER = re.compile(
    r"[ \xa0]*(?:[.,;:!?)—–]|--|-\s|$|(?:last|this|next|on|in|at|during|over|under|with|from|"
    r"when|while|before|after|since|until|through|earlier|later|again|yesterday|today|back|then|too|"
    r"[a-z]+ly|(?:a|one|two|three|four|five|six|several|many|some|few|\d+)\s+(?:years?|months?|weeks?|"
    r"days?|decades?)\s+ago)\b)")
# a relative pronoun that opens the clause, right before its subject: "the deal, which", "a point that"
_RELATIVE_BEFORE = re.compile(r"(?<![\w’'])(which|that|whom)\s+$")
# the noun phrase the relative clause hangs on, ending right before the pronoun
_ANTECEDENT_BEFORE = re.compile(r"(?<![\w’'])(?:the|a|an|this|these|those|his|her|their|its|our|my|your|"
                                r"some|any|another)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+\s*[,(]?\s*$")
# a noun phrase, then with no relative pronoun the subject of a clause on it (a contact clause): "the
# lesson they intended", "an offer the leadership rebuffed", "something she opposed"; English puts
# no second noun phrase (a pronoun in the nominative, or one with its own determiner) inside a noun
# phrase, so the clause's subject starts there (not a name, which may be apposed to a title before it:
# "the candidate Jane Roe said")
_CONTACT_CLAUSE = re.compile(
    r"(?:^|(?<=[\s,]))((?:(?:the|a|an|this|these|those|some|any|every|many|all|no|another|his|her|their|"
    r"its|our|my|your)\s+)((?:[\w’'-]+\s+){0,2}?[a-z][\w’'-]*)|something|anything|everything|nothing)"
    r"\s+((?:he|she|they|we|I|you)|(?:the|several|most|many|some|few)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+)$")


def _object_relative(text: str, start: int, end: int, raw: RawAttribution) -> RawAttribution:
    """A cue whose object is a relative pronoun or the noun its clause hangs on, before the subject:
    "the deal, which the mayor opposed.", "a move the mayor opposed": what the subject holds a view
    of is that noun phrase, not what follows the verb (nothing, or an adjunct)."""
    s, e = raw.source_span
    if not s < e <= raw.cue_span[0] or _NO_OBJECT_AFTER.match(text, raw.cue_span[1], end) is None:
        return raw
    relative = _RELATIVE_BEFORE.search(text, max(start, s - 7), s)
    if relative is not None:
        antecedent = _ANTECEDENT_BEFORE.search(text, max(start, relative.start(1) - 60), relative.start(1))
        if antecedent is None and relative.group(1) == "that":
            return raw  # ("knew that he lied": a "that" with no noun before it opens a complement)
        # (the nearest noun phrase: "the former president told a crowd that the campaign estimated
        # at 3,000" estimated the crowd, not "the former president told a crowd")
        while antecedent is not None and (nearer := _ANTECEDENT_BEFORE.search(
                text, antecedent.start() + 1, relative.start(1))) is not None:
            antecedent = nearer
        first = antecedent.start() if antecedent is not None else relative.start(1)
        # (set off by a comma, "the levy, which most members opposed", the clause is a pattern of
        # its own, which PolNeAR marks nearly always, whatever its verb: confidence.UNWEIGHED_PATTERNS)
        pattern = "object_relative" if relative.group(1) != "that" \
            and text[max(start, relative.start(1) - 2):relative.start(1)] == ", " else raw.pattern
        return raw._replace(content_span=(first, _content_end(raw, relative.end(1))), pattern=pattern)
    contact = _CONTACT_CLAUSE.search(text, s, e) if e - s > 6 else None
    if contact is not None and not any(w.lower() in _FUNCTION_WORDS or w.lower() in _AUXILIARY_VERBS
                                       or w.endswith("ly") or w.lower() in _SAID_WORDS
                                       for w in (contact.group(2) or "").split()):
        return raw._replace(source_span=contact.span(3),
                            content_span=(contact.start(1), _content_end(raw, contact.end(1))))
    return raw


def _content_end(raw: RawAttribution, end: int) -> int:
    """Where a content that opens with the noun phrase before the subject ends: with the adjuncts
    after the cue when its content followed it ("which he described as “...”"), else at the phrase."""
    return raw.content_span[1] if raw.content_span[0] >= raw.cue_span[1] else end


# after a quotation closed by its own comma, "!" or "?", a verb we know as no cue and who says it:
# "“Choke!” blared the Herald.", "“...,” beamed Tom Bell of Dover, who ..." (the verb inverted, a
# phrase after it), or "“...,” she went on.", "“...,” an angry Roe retaliated." (the subject first,
# the clause ends with its verb and perhaps a particle)
_UNKNOWN_VERB_THEN_SOURCE = re.compile(r"\s*([a-z]{3,})\s+(?=(?:the|a|an|[A-Z])\b)")
_SOURCE_THEN_UNKNOWN_VERB = re.compile(
    r"\s*((?:he|she|they|we|I|(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,4}?[\w’'-]+))\s+"
    r"([a-z]{3,}(?:\s+(?:back|on|up|out|in))?)\s*[.,]?\s*$")


def _speaker_after_quote(text: str, end: int, quote: tuple[int, int]) -> list[RawAttribution]:
    """"“Choke!” blared the Herald.", "“...,” she went on.": a quotation that opens its unit, closed
    by its own comma, "!" or "?", and a clause after it of a verb and a noun phrase, the one who
    says it, though the verb is no cue we know (nor a word of a quotation's title: "“Billions,” on
    Showtime, is ...", whose word after it is a function word)."""
    if not closed_by_own_break(text, quote):
        return []
    inverted = _UNKNOWN_VERB_THEN_SOURCE.match(text, quote[1], end)
    if inverted is not None and inverted.group(1) not in _FUNCTION_WORDS:
        s = inverted.end()
        stop = _phrase_end(text, s, end)
        if stop > s and len(text[s:stop].split()) <= 12:
            return [RawAttribution((s, stop), inverted.span(1), quote, quote, pattern="quote_said_source")]
    subject = _SOURCE_THEN_UNKNOWN_VERB.match(text, quote[1], end)
    if subject is not None and subject.group(2).split()[0] not in _FUNCTION_WORDS \
            and (subject.group(1)[:1].isupper() or subject.group(1).split()[0] in _INVERTED_OPENERS):
        return [RawAttribution(subject.span(1), subject.span(2), quote, quote, pattern="quote_source_said")]
    return []


def closed_by_own_break(text: str, quote: tuple[int, int]) -> bool:
    """Whether a quotation ends with its own comma, "!" or "?" inside its marks ("“...,” she went
    on."): the sentence goes on after it, with whoever says it."""
    return text[quote[0]:quote[1]].rstrip("”’\"'").endswith((",", "!", "?"))


_MARKUP_TAG = re.compile(r"<[A-Za-z/][^<>]{0,300}>")
_NO_SUBJECTS = frozenset("why how what it’s it's that’s that's here’s here's there’s there's".split())
_TITLE_WORDS = frozenset("former late then acting deputy vice".split())
_NAMED_BEFORE_COLON = re.compile(r"(?:\s[-—–]\s+|\bfrom\s+)"
                                 r"((?:[A-Z][\w.’'-]*\s+(?:and\s+)?){0,3}[A-Z][\w.’'-]*)$")
_COLON_BEFORE_QUOTE = re.compile(r"(?<=\w):[ \t]*(?=[“\"]|'')")


def _colon_quotes(text: str, start: int, end: int, quotes,
                  found: list[RawAttribution]) -> list[RawAttribution]:
    """"Trump went even further: “If he loses, ...”", "he demurred: “...”": a clause whose colon
    opens a quotation introduces it, and its subject says it (unless a reporting verb of the
    clause has it already)."""
    result = []
    for colon in _COLON_BEFORE_QUOTE.finditer(text, start, end):
        quote = next(((a, b) for a, b in quotes if a == colon.end()), None)
        if quote is None or any(a <= colon.start() < b for a, b in quotes) or any(
                raw.content_span[0] <= quote[0] < max(raw.content_span[1], quote[0] + 1) or raw.colon
                for raw in found if is_speech_cue(text[raw.cue_span[0]:raw.cue_span[1]])):
            continue
        named = _NAMED_BEFORE_COLON.search(text, max(start, colon.start() - 60), colon.start())
        if named is not None:
            # "... the Iowa results - Ann Selzer:", "More from Blumenthal and Cohen:": a name set off
            # by a dash or after "from" just before the colon is whose words follow
            result.append(RawAttribution(named.span(1), (colon.start(), colon.start() + 1), quote, quote,
                                         pattern="colon"))
            continue
        subject = _leading_subject(text, start, colon.start())
        if subject is None or text.find(",", subject[1], colon.start()) >= 0:
            continue  # (a clause after the subject's, "Roe said, ...": not the subject's line)
        words = text[subject[0]:subject[1]].lower().split()
        if words[-1] in _FUNCTION_WORDS or not words[-1][-1].isalpha() or words[0] in _NO_SUBJECTS \
                or words[-1] in _TITLE_WORDS:
            continue  # "It’s ...:", "The 60 second ad ...:", "Former secretary ...:": no whole subject
        result.append(RawAttribution(subject, (colon.start(), colon.start() + 1), quote, quote,
                                     pattern="colon"))
    return result


_POLL_PATTERNS = frozenset(("according", "in_poll_opening"))
# the share of a poll's respondents that answered: "51 percent of respondents", "Nearly three in
# four", "42% of Ohioans", "a majority of voters"
_RESPONDENTS = re.compile(r"(?:\w+\s+){0,2}?(?:\d+(?:\.\d+)?\s*(?:%|percent)|"
                          r"(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out\s+of)\s+\w+|(?-i:(?:a\s+)?(?:majority|majorities|plurality|"
                          r"minority|half))\b)", re.IGNORECASE)


def _respondents_to_poll(text: str, raw: RawAttribution, polls: list[RawAttribution]) -> RawAttribution:
    """"According to a Post-ABC survey, 51 percent of respondents said they would ...": the share
    of respondents who said it is the poll's finding; the poll that frames it is the source."""
    if raw.pattern in _POLL_PATTERNS:
        return raw
    poll = next((p for p in polls if p.content_span[0] <= raw.cue_span[0] < p.content_span[1]
                 or p.pattern == "according" and p.cue_span[0] >= raw.cue_span[1]), None)
    if poll is None:
        return raw
    if _RESPONDENTS.match(text, *raw.source_span):
        return raw._replace(source_span=poll.source_span)
    return raw


# the reports that close the sentence they report on: "..., according to the Gazette.", "..., Roe
# said.", "..., said Roe."
_CLOSING_PATTERNS = frozenset(("according", "inverted_source_said", "inverted_said_source"))
# the patterns of a subject and its verb, inside what such a report reports
_REPORTED_PATTERNS = frozenset(("source_first", "infinitive", "participle"))


def _reported_by_closing(text: str, start: int, raw: RawAttribution,
                         closing: list[RawAttribution]) -> RawAttribution:
    """"The mayor plans to cut the budget, her aide said.", "Turnout favored Roe, according to the
    Gazette.": a word inside what a closing report reports that is no verb of saying ("plans",
    "favored") makes no speaker of its subject: the clause is the reporter's, who is its source.
    So too inside the one clause a report set off by commas interrupts ("Back then, Roe said, the
    port lost money"), in a sentence that opens with no subordinate clause of its own."""
    if raw.pattern not in _REPORTED_PATTERNS or raw.inherits_source or raw.quote_span is not None:
        return raw
    report = next((a for a in closing if a.content_span[0] <= raw.cue_span[0]
                   and raw.cue_span[1] <= a.content_span[1]
                   and (raw.cue_span[1] <= a.cue_span[0] if a.content_span[1] <= a.cue_span[0]
                        else _one_clause(text, start, raw, a))), None)
    if report is None or is_speech_cue(text[raw.cue_span[0]:raw.cue_span[1]]):
        return raw
    return raw._replace(source_span=report.source_span)


def _one_clause(text: str, start: int, raw: RawAttribution, report: RawAttribution) -> bool:
    """Whether a cue and a report set off inside the sentence share one clause: no ", and", ", but",
    ";" or dash between them, and no subordinate clause opening the sentence ("When X ..., Y said,
    ..."), whose verbs the report does not report."""
    if _OPENING_SUBORDINATE.match(text, start):
        return False
    a = min(raw.cue_span[0], report.source_span[0])
    b = max(raw.cue_span[0], report.cue_span[1])
    return _CLAUSE_BREAK.search(text, a, b) is None


_OPENING_SUBORDINATE = re.compile(r"(?:When|If|As|After|Before|Because|Although|Though|While|Since|Until|"
                                  r"Once|Unless)\b")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|or)\s+|;\s+|\s[—–-]{1,2}\s")


def _a_time(text: str, attribution: RawAttribution) -> bool:
    """"Wednesday added one more development": a time is when, not who."""
    words = text[attribution.source_span[0]:attribution.source_span[1]].split()
    return bool(words) and all(w.lower() in _TIMES for w in words)


def _continued_quotes(text: str, end: int, found: list[RawAttribution],
                      quotes: tuple[tuple[int, int], ...]) -> list[RawAttribution]:
    """“Q1,” he said of Trump, “Q2.”: a quotation resumed after its attribution, with no other
    cue between, is the same speaker's, so the content runs on to the end of the last part."""
    result = []
    for index, raw in enumerate(found):
        if raw.quote_span is None or raw.content_span != raw.quote_span \
                or raw.content_span[1] > raw.cue_span[0]:
            result.append(raw)
            continue
        after = max(raw.source_span[1], raw.cue_span[1])
        stop = min((a.cue_span[0] for a in found[index + 1:] if a.cue_span[0] >= after), default=end)
        resumed = [q for q in quotes if after <= q[0] < stop]
        if resumed:
            raw = raw._replace(content_span=(raw.content_span[0], resumed[-1][1]))
        result.append(raw)
    return result


_VERB_BEFORE_COLON = re.compile(r"(?<=\s)[a-z]+ed$")


# "Roe has the support of the union", "The plan drew sharp criticism from both parties": the
# subject of a verb of having or getting holds the stance of the one after "of"/"from"/"among";
# that one's is the stance, about the subject (PolNeAR's source and content)
_STANCE_NOUN = (r"support|backing|endorsements?|criticism|opposition|praise|scorn|attacks|heat|fire|"
                r"resistance|approval")
_GOT_SUPPORT = re.compile(
    # (after an auxiliary or an adverb: "has already gotten", "continues to draw"; not after "to"
    # alone, "struggled to win support among", which says the support is not had)
    r"\b(?:(?:has|have|had|will|would|could|may|might|can|must|continues\s+to|continue\s+to|"
    r"continued\s+to)\s+)?(?:(?:also|already|still|now|again|[a-z]+ly)\s+)?"
    r"(?:has|have|had|having|received|receives|receive|receiving|won|wins|win|winning|drew|draws|"
    r"drawn|draw|drawing|earned|earns|earn|got|gets|get|gotten|gained|gains|gain|picked\s+up|"
    r"picks\s+up|secured|secures|enjoys|enjoy|enjoyed|snagged|garnered|garners|attracted|attracts|"
    r"landed|lands|consolidated|retains|retained|lacks|lacked|lost|loses|faces|faced|facing|face|"
    r"sparked|sparks|(?:is|was|are|were|been)\s+(?:taking|meeting|facing|subject\s+to))\s+"
    r"(?:(?:the|an?|their|his|her|its|more|much|less|little|no|some|any|strong|strongest|broad|"
    r"wide|widespread|full|overwhelming|solid|key|crucial|sharp|growing|fierce|stiff|heavy|"
    r"significant|even|stronger|greater|greatest|most|increasing|mounting|intense|harsh|[a-z]+ly)"
    rf"\s+){{0,3}}({_STANCE_NOUN})\s+(?:of|from|among|by)\s+")
# ... and its cheap test: one of the nouns, without which it cannot match (the pattern itself is
# tried at every position of the unit; a test of each noun in the unit's text costs less)
_STANCE_NOUNS = tuple(noun.removesuffix("s?") for noun in _STANCE_NOUN.split("|"))


# "Most voters hold a favorable opinion of Roe", "they had an unfavorable view of the port": the
# subject of "have" or "hold" with an opinion of something holds that opinion of it
_OPINION_OF = re.compile(
    r"\b(?:has|have|had|having|hold|holds|held|holding)\s+(?:(?:an?|the|their|his|her|its|more|less|"
    r"generally|largely|mostly|very|overwhelmingly|[a-z]+ly)\s+){0,3}"
    r"((?:un)?favorable|positive|negative|dim|high|low|poor)\s+"
    r"(?:opinions?|views?|impressions?)\s+of\s+")


def _opinion_of(text: str, start: int, end: int, match: re.Match, quotes) -> RawAttribution | None:
    s = match.end()
    stop = _object_phrase_end(text, s, end)
    subject = _source_before(text, start, match.start(), quotes)
    if subject is None or stop <= s or "," in text[subject[0]:subject[1]]:
        return None
    return RawAttribution(subject, match.span(1), (s, stop), pattern="opinion_of")


_AGENT_END = re.compile(r"\s+(?:while|whereas|because|but|by\s+\w+ing|and\s+(?:he|she|they|it)\b)\s"
                        r"|\s*[(—–]|\s-\s")


def _got_support(text: str, start: int, end: int, match: re.Match, quotes) -> RawAttribution | None:
    s = match.end()
    stop = _object_phrase_end(text, s, end)
    subject = _source_before(text, start, match.start(), quotes)
    if subject is None or stop <= s or text[s:stop].split()[0].lower() in _RELATIVES \
            or "," in text[subject[0]:subject[1]] or text[subject[0]:subject[1]].isupper():
        return None
    return RawAttribution((s, stop), match.span(1), subject, pattern="got_support")


def _object_phrase_end(text: str, s: int, end: int) -> int:
    """Where the noun phrase at s after "the support of", "a favorable view of" ends: at the
    phrase's end or before a clause or an aside joined to it ("among women (60 percent) while
    Roe"), without the punctuation before that."""
    stop = _phrase_end(text, s, end)
    cut = _AGENT_END.search(text, s, stop)
    return _end_before(text, cut.start() if cut else stop, " ,-—–")


def _subject_phrase(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The subject before a verb, without the conjunctions that open the sentence."""
    phrase = text[start:stop]
    lead = _LEADING.match(phrase)
    s = start + (lead.end() if lead else 0)
    s, e = _strip_span(text, s, stop)
    words = text[s:e].split()
    return (s, e) if words and words[0][:1].isupper() and words[0] not in _NOT_SOURCE_NAMES else None


# (the stems of "quoted", "quotes", "quoting", "cited", "cites", "citing": find_attributions searches
# only a unit with one of them)
_QUOTING_STEMS = ("quot", "cit")
_QUOTED_AS = re.compile(rf"\b(?:{'|'.join(_QUOTING_STEMS)})(?:ed|es|ing)\s+([^,;:“”\"]{{3,80}}?)\s+as\s+"
                        r"(saying|telling|writing|stating)\b")
_WRITTEN_BY = re.compile(rf"\b((?:{COMMUNICATIONS}|reports?|story|stories|claims?))\s+(?:by|from)\s+"
                         r"((?:the\s+)?(?:[A-Z][\w.’'&-]*\s+){0,4}[A-Z][\w.’'&-]*)\s+that\s+")
# "in recent polls from Quinnipiac and Fox News": the poll, and who took it (not "in matchups in ...");
# a poll two organisations take together is named with a slash between them ("an ABC/Ipsos poll")
# (a name of up to nine words: "the latest Harbor Gazette/Channel 7 News/Marist poll", "Poll" in title
# case; no time phrase before it: "in the hours after the polls closed")
_IN_POLL = re.compile(r"\b[Ii]n\s+((?:(?!(?:in|after|before|when|while|since|during|until)\s)"
                      r"(?:the|a|an|this|that|its|their|our|[\w.’'/-]+)\s+){0,8}?"
                      r"(?:[Pp]olls?|[Ss]urveys?|polling)"
                      # (not a poll's numbers nor a polling place: "falling poll numbers")
                      r"(?!\s+(?:numbers|standings?|places?|stations?|workers|booths|watchers|ratings|data)\b)"
                      r"(?:\s+(?:from|by)\s+[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*){0,5})?)(?![\w’'])")
# (or a description before the name: "To Harbor College history professor Ann Bell, ...")
_VIEWPOINT_WORDS = ("For", "To")
_VIEWPOINT = re.compile(rf"\s*({'|'.join(_VIEWPOINT_WORDS)})\s+"
                        r"((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*(?:\s+[a-z]+s)?"
                        r"|[A-Z][\w.’'-]*\s+(?:[a-z][\w-]*\s+|[A-Z][\w.’'-]*\s+){0,6}?"
                        r"(?:[A-Z][\w.’'-]*\s+){1,2}[A-Z][\w.’'-]*),\s+(?=\S)")
# a passive of perception with its agent: "is widely seen by X as", "are regarded by X as"
# "As reported by X, ...", "..., as first noted by X." (a passive of reporting with "as": the
# reporter's words stand in the main clause)
# (r"(?:^|(?<=^\W)|(?<=,\s)|(?<=\.\s))[Aa]s\s+...": the "A" first, so that the regex engine scans for it,
# and what may come before it looked behind it)
_AS_REPORTED_BY = re.compile(r"[Aa](?:(?<=^[Aa])|(?<=^\W[Aa])|(?<=,\s[Aa])|(?<=\.\s[Aa]))s\s+"
                             r"(?:(?:first|previously|originally|earlier|also)\s+)?((?:reported|noted|revealed|detailed|documented|disclosed)\s+by)\s+"
                             r"((?:the\s+)?(?:[\w.’'&-]+\s+){0,5}?[A-Z][\w.’'&-]*)(?:(,\s+)|(?=[.;]?$))",
                             re.MULTILINE)
# (find_attributions searches only a unit with one of these participles in it)
_SEEN_PARTICIPLES = ("seen", "viewed", "regarded", "considered", "perceived")
_SEEN_BY = re.compile(rf"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?((?:{'|'.join(_SEEN_PARTICIPLES)})"
                      r"\s+by)\s+((?:[\w.’'-]+\s+){0,7}?[\w.’'-]+)\s+as\b")
_NOT_VIEWPOINTS = frozenset("""The A An This That These Those Now Example Instance Years Months Weeks Days
Decades Date Be Some Many Most All Each Every Its His Her Their Our My Your One Two Three More January
February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday""".split())


_POLL_CLAUSE_BREAK = re.compile(r"\s(?:--|[—–])\s|[—;]\s*|,\s+(?:and|but|while|whereas)\s+|"
                                r",\s+(?=(?:who|which)\b)")


def _in_poll(text: str, start: int, end: int, match: re.Match) -> RawAttribution:
    """"In the latest polls, he doesn't." "Trump leads in a CBS News poll": the poll is the source."""
    if text[start:match.start()].strip():
        # (from the clause the poll phrase ends: "..., and Cruz, who's running in third place in
        # Iowa polling, ...": the polls say where Cruz runs, not what the sentence said before)
        breaks = list(_POLL_CLAUSE_BREAK.finditer(text, start, match.start()))
        content = _strip_span(text, breaks[-1].end() if breaks else start, match.start())
        if content[1] - content[0] < 15:
            content = _content_after(text, match.end(), end)
    else:
        comma = text.find(",", match.end(), end)
        rest = text[match.end():comma]
        if comma > 0 and len(rest.split()) <= 8 and not _QUOTE_MARK.search(rest):
            # "In a poll released Monday by the Times, 48 percent ...": a phrase that opens the
            # sentence runs to its comma, and what describes the poll in it names the poll too
            return RawAttribution((match.start(1), _end_before(text, comma)),
                                  (match.start(), match.start() + 2), _strip_span(text, comma + 1, end),
                                  pattern="in_poll_opening")
        content = _content_after(text, match.end(), end)
        # (a poll that opens the sentence frames all of it, as "according to" does; "leads in the
        # polls" more often tells where one stands: the model weighs the two apart)
        return RawAttribution(match.span(1), (match.start(), match.start() + 2), content,
                              pattern="in_poll_opening")
    return RawAttribution(match.span(1), (match.start(), match.start() + 2), content, pattern="in_poll")


# what opens a sentence before its main clause: a sentence adverb or a short phrase of time or
# manner ("In addition,", "On Tuesday,", "For now,"), or a subordinate clause ("While most were
# cleared,"); "according to X" set off after one of these frames the main clause that follows
_OPENING_ADVERBIAL = re.compile(
    r"(?:(?:in|on|at|for|by|during|after|before|since|over|under|with|without|despite|among|"
    r"last|this|next)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}|in addition|moreover|furthermore|"
    r"additionally|overall|today|yesterday|likewise|similarly|nationally|nationwide|"
    r"[a-z]+ly)",
    re.IGNORECASE,
)


def _frames_main_clause(lead: str, before: str) -> bool:
    """"In addition, according to X, CONTENT", "While A, according to X, CONTENT"."""
    if not before.rstrip().endswith(",") or "," in lead:
        return False
    lead = _LEADING.pattern.sub("", lead)
    if _OPENING_ADVERBIAL.fullmatch(lead):
        return True
    first = lead.split(maxsplit=1)[0].lower() if lead else ""
    return first in _SUBORDINATORS and first != "as" and len(lead.split()) > 2


def _according(text: str, start: int, end: int, match: re.Match) -> RawAttribution:
    s = match.end()
    stop = _phrase_end(text, s, end)
    lead = text[start:match.start()].strip(" ,")
    if match.start() <= start + 1 or lead.endswith(":") or _LEADING.fullmatch(lead) \
            or _frames_main_clause(lead, text[start:match.start()]):
        # "According to X, CONTENT", "But, according to the poll, CONTENT"
        comma = text.find(",", stop, end)
        content = (_skip(text, comma if comma > 0 else stop, end), end)
    else:
        content = (start, match.start())
    return RawAttribution((s, stop), (match.start(), match.end()), _strip_span(text, *content),
                          pattern="according")


def _quote_first(text, start, end, cue: _Cue, quotes) -> RawAttribution | None:
    """“QUOTE,” said SOURCE / “QUOTE,” SOURCE said."""
    cue_start = cue.prefix
    for q_start, q_end in quotes:
        between = text[q_end:cue_start]
        if q_end > cue_start or len(between) > 150 \
                or (len(between) > 60 and not _APPOSED_NAME.match(between.strip(" ,"))):
            continue
        between_stripped = between.strip(_BLANKS)
        if between_stripped and all(w.lower() in _FUNCTION_WORDS for w in between_stripped.split()):
            # "called it “a fine start,” and said ...": a conjunction (with an adverb) before the cue
            # joins it to the verb before the quotation, whose subject says it; it is no subject
            continue
        if not between_stripped and _subject_with_asides(text, start, q_end):
            # "Tom Bell, star of television's “Harbor Nights,” thanked the crew": a title quoted in
            # what describes the subject, which the verb after it has
            continue
        if not between_stripped:  # “...,” said Peskov.
            s = _skip(text, cue.end, end)
            stop = _phrase_end(text, s, end)
            if text[cue.start:cue.end].endswith("ing"):
                # "“...,” adding, “...”", "“...,” referring to ...": a participle does not invert;
                # it hangs on the clause before, whose subject says it
                continue
            lead = text[start:q_start].rstrip()
            if _CLAUSE_AFTER_CUE.match(text, cue.end, end) \
                    or lead and lead[-1].isalnum() and _SUBJECT_CLAUSE.match(text, s, end):
                # "Roe, who calls Bell a “fraud,” said he ...": a subject pronoun or "that" after the
                # cue opens what is said; the verb does not invert, its subject came before (a
                # quotation run into the clause before it is a word quoted there)
                continue
            if lead and lead[-1].isalnum() and text[cue.start:cue.end].lower() not in _INVERTING \
                    and _CURATED_AT.fullmatch(text, cue.start, cue.end) is None:
                # "Roe summed up Bell as “terrible,” denounced his record": a word quoted inside a
                # clause, then a verb that English does not invert; it has its object after it
                continue
            if stop > s and len(text[s:stop].split()) <= 12 and text[s:stop] not in _OBJECT_IT:
                # (not "“...,” put it": "it" after the verb is its object, not an inverted subject)
                return RawAttribution((s, stop), (cue.start, cue.end), (q_start, q_end),
                                      (q_start, q_end), pattern="quote_said_source")
        elif not _speech_between(text, q_end, cue_start) and (
            (len(between_stripped.split()) <= 8 and "," not in between_stripped
             and not _CLAUSE_WORD.search(between_stripped)
             and not between.rstrip().endswith(",")
             or len(between_stripped.split()) <= 10 and (_APPOSED_NAME.match(between_stripped)
                                                          or _NAME_AND_RELATIVE.match(between)))
            and (text[q_start:q_end].rstrip("”’\"'»›“ ").endswith((",", "?", "!", "…", "..."))  # trailing off
                 or between.startswith(","))
        ):
            rest = text[cue.end:end].lstrip(" ")
            lead = text[start:q_start].strip()
            if lead and not lead.endswith(":") and not _LEADING.fullmatch(lead + " ") \
                    and rest and rest[0] not in ".,;:!?)—–-”’\"'" \
                    and not _only_adjunct(text, end - len(rest), end, text.startswith("told", cue.start)):
                # "In a talk on his show, “Harbor Nights,” the actor discussed the absence of ...":
                # a quotation inside the sentence may be a title, and a verb with its own object
                # after it reports that, not the quotation before its subject
                continue
            s = q_end + len(between) - len(between.lstrip(" ,"))
            # "“...,” he often says": the adverbs before the cue end no noun phrase
            e = s + len(_strip_trailing(between_stripped).rstrip(" ,") or between_stripped)
            return RawAttribution((s, e), (cue.start, cue.end), (q_start, q_end),
                                  (q_start, q_end), pattern="quote_source_said")
    return None


# a short quotation inside a clause, after a word of it: "calls Bell a “fraud,”"
_OBJECT_IT = frozenset(("it", "this", "that", "so"))
_EMBEDDED_QUOTE = re.compile(r"\b([A-Za-z]+)\s+[“\"‘](?:[^\s“”\"]+\s+){0,3}[^\s“”\"]+[”\"’]$")
# what may follow a title in quotation marks before the verb, with no subject of its own: its
# translation in brackets or a preposition's phrase ("“Sin Miedo” (Without Fear), said", "“Low Water,”
# about the port, said")
_ASIDE_AFTER_TITLE = re.compile(r"[\s,]*\([^()]*\)[\s,]*$|(?<=,[”\"])\s+(?:about|on|of|for|in|from|by|with)\s"
                                r"[^,]*,\s*$")
_REPORTING_WORD = re.compile(r"that|said|says|say|told|tells|wrote|writes|added|adds", re.I)
_CLAUSE_AFTER_CUE = re.compile(r"\s+(?:that|he|she|they|we|I|it)\s+(?![,.;:])|\s+(?!who|which|that)"
                               r"(?:[\w’'-]+\s+(?!who|which|that)){1,4}?"
                               r"(?:would|will|could|should|can|is|was|are|were|has|had|have|did|does|may|"
                               r"might|must)\s")
# a pronoun subject and its verb, the opening of a reported clause
_SUBJECT_CLAUSE = re.compile(r"(?:he|she|they|we|I|it|that)\s+(?:[a-z]+n['’]t|[a-z]+)\b")


# "asked by a reporter whether ...", "Asked by Ann Bell if ...": a passive of asking with its agent
# and the question, direct or reported, that the agent asked
_ASKED_BY = re.compile(r"\s+by\s+((?:[\w.’'-]+\s+){0,6}?[\w.’'-]+)"
                       r"(?:\s+(?:on|in|at|during)\s+(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)?"
                       r",?\s+(?=(?:if|whether|about|why|how|what|when|who|which|where|to|on|over)\b|[“\"])")
# a participle that opens a sentence and the words after it up to a cue, with no comma between
# (not a preposition in -ing: "According to", "Including")
_NOT_A_PREPOSITION_IN_ING = r"(?!According|Including|Regarding|Concerning|During)"
_OPENING_PARTICIPLE_CLAUSE = re.compile(rf"\s*{_NOT_A_PREPOSITION_IN_ING}"
                                        r"(?:Having\s+|[A-Z][a-z]+ing\s+(?:the|a|an|his|her|their|its|our|my|this|"
                                        r"that|these|those|to|on|off|in|at|with|about|up|out|for|from|over|back|"
                                        r"[a-z]+ed)\s[^,;:“”\"()—–]*)")
# ... or with a bare plural for its object, when the cue is a participle too: "Holding signs calling
# Roe a fraud, the protesters ..." (a bare plural after a cue that is a finite verb makes the
# gerund a noun's modifier: "Polling averages show", "Voting rights advocates have expressed")
_OPENING_PARTICIPLE_AND_PLURAL = re.compile(rf"\s*{_NOT_A_PREPOSITION_IN_ING}"
                                            r"[A-Z][a-z]+ing\s+[a-z]{3,}s\s[^,;:“”\"()—–]*")
_ASKED_OPENING = re.compile(r"\s*(?:When|After|Once|If|As|While|Before|Since)\s+")
# a preposition with a gerund that opens a clause: "By refusing to admit any fault, Trump and Roe
# appeared ...", "After saying he was nervous, the man ...": the gerund has no subject of its own,
# the main clause's after the comma is its subject (PolNeAR's annotators mark the cue and give it
# that source); the gerund is the cue, or governs it with "to"
_OPENING_PREPOSITIONS = r"(?:By|After|Before|Without|In|Despite|Upon|On|Since|Through)"
_CAPITALISED_PREPOSITION = re.compile(rf"\b{_OPENING_PREPOSITIONS}\s")
_OPENING_PREPOSITION_GERUND = re.compile(rf"\s*{_OPENING_PREPOSITIONS}\s+(?:[a-z]+ing\s+to\s+)?")
# (or pressed to act, or on a topic: "Asked by Roe to respond, ...", "Challenged by Roe on the fees,
# ...", "Pushed by the host on his plans, ...")
_ASKING = frozenset(("asked", "Asked", "questioned", "Questioned", "pressed", "Pressed", "challenged",
                     "Challenged", "pushed", "Pushed"))


def _asked_by(text: str, start: int, end: int, cue: _Cue) -> RawAttribution | None:
    """"Asked by Jane Roe if he would run, Bell said no": the one who asks is the source of the
    question; a question that opens the sentence ends at its comma, before the main clause."""
    if text[cue.start:cue.end] not in _ASKING:
        return None
    agent = _ASKED_BY.match(text, cue.end, end)
    if agent is None:
        return None
    opening = not text[start:cue.prefix].strip(" ,") \
        or _ASKED_OPENING.fullmatch(text, start, cue.prefix) is not None
    stop = end
    if opening:
        comma = text.find(",", agent.end(), end)
        stop = comma if comma > 0 else end
    return RawAttribution(agent.span(1), (cue.start, cue.end), _strip_span(text, agent.end(), stop),
                          pattern="asked_by")


# a conjunction or a subject pronoun: a clause of its own between a quotation and a cue
_CLAUSE_WORD = re.compile(r"\b(?:but|because|when|while|if|after|before|he|she|they|we)\b(?!\s*$)", re.I)
# the subject that opens a clause, up to its verb (an aside set off by commas may come between)
_SUBJECT_AFTER_BREAK = re.compile(
    r"((?:the|a|an|his|her|their|its|The|A|An|His|Her|Their|Its)\s+(?:[\w.’'-]+\s+){0,4}?[\w.’'-]+|"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*|he|she|they|we|I)"
    r"(?:,\s+[^,;:“”\"]{1,50},)?"
    r"(?=\s+(?:has|had|have|is|was|were|are|will|would|did|can|could|also|then|\w+ly|\w+ed|\w+s)\b)")
_SUBORDINATOR_BEFORE = re.compile(r"\b(?:when|as|while|after|before|because|since|if|once|until|which|"
                                  r"where|whom|who)\s+$", re.IGNORECASE)
_CONTENT_FIRST_PATTERNS = frozenset(("content_before", "inverted_source_said", "inverted_said_source",
                                     "according", "quote_said_source", "quote_source_said", "colon"))
_SPEECH_PARTICIPLES = frozenset(("saying", "adding", "telling", "writing", "arguing", "noting"))
# (one of them anywhere in a stretch, before its cues are looked for at all)
_SPEECH_PARTICIPLE = re.compile("|".join(_SPEECH_PARTICIPLES))


def _speech_between(text: str, start: int, end: int) -> bool:
    """Whether a verb of speech stands between a quotation and a later cue ("“...,” Rubio
    responded before adding"): the quotation is the nearer cue's."""
    return any(is_speech_cue(text[c.start:c.end]) for c in find_cues(text, start, end))


_NAME_AFTER_DESCRIPTION = re.compile(r",\s+((?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w.’'-]*)(?=\s*[,.;])")


_NOT_INVERTED = frozenset({"told", "tells", "tell"})
# the words a name may hold besides capitalised ones: "Mike Coffman of Colorado", "Jane de Roe"
_NAME_JOINERS = frozenset("of the and for de van von at".split())


def _subject_with_asides(text: str, start: int, stop: int) -> bool:
    """Whether text[start:stop] is a name and, after it, only what describes it, set off by commas:
    "Mike Coffman of Colorado, a Republican who served as a Marine," (a verb after it has that
    subject, not an inverted one after it), not "Bell is wrong," (a clause: what was said)."""
    parts = _COMMA.split(text[start:stop])
    if len(parts) < 2 or not text[start:stop].rstrip(" ”’\"'").endswith(","):
        return False
    words = parts[0].split()
    if words and words[0] in ("A", "An", "The"):
        words = words[1:]  # ("A Fox News poll, conducted with ...,": a name's noun after its article)
        if words and words[-1].islower() and len(words) > 1:
            words = words[:-1]
    if not words or len(words) > 8 or not words[0][:1].isupper() or words[0] in _NOT_SOURCE_NAMES \
            or _PREPOSITION_START.match(words[0]) or _LEADING.fullmatch(words[0]) is not None:
        return False
    for previous, word in zip(["", *words[:-1]], words, strict=True):
        if not (word[:1].isupper() or word in _NAME_JOINERS or previous.endswith(("’s", "'s"))):
            return False  # ("Bell is wrong": a verb in lower case makes a clause)
    asides = [p for p in parts[1:] if p.strip(" ”’\"'")]
    return bool(asides) and all(_APPOSITIVE.match(p) for p in asides)


def _inverted(text, start, end, cue: _Cue) -> RawAttribution | None:
    """CONTENT, said SOURCE. / CONTENT, SOURCE said. / Said SOURCE, CONTENT. Not "told", whose
    noun phrase after it is the one told ("Roe, who ..., told POLITICO, “...”"): English does not
    invert it (its subject may still follow what was told: _told_after_content)."""
    if text[cue.start:cue.end].lower() in _NOT_INVERTED:
        return _told_after_content(text, start, end, cue)
    before = text[start:cue.prefix].rstrip()
    if not before and text[cue.start:cue.start + 1].isupper():
        # "Said Comey, “The thought that ...”": the cue opens the sentence, its source follows
        s = _skip(text, cue.end, end)
        stop = _phrase_end(text, s, end)
        words = text[s:stop].split()
        if 0 < len(words) <= 6 and (words[0][:1].isupper() or words[0] == "the") \
                and text[stop:stop + 1] in (",", ":"):
            return RawAttribution((s, stop), (cue.start, cue.end), _content_after(text, stop + 1, end),
                                  pattern="inverted_said_source")
    if before.endswith(",") and _subject_with_asides(text, start, start + len(before)):
        # "Jane Roe, a councilwoman from the port, denounced Bell's remarks": a name and what
        # describes it, set off by commas, are the verb's subject; the words after it, its object
        return None
    if before.endswith(","):  # ", said Steve Elmendorf, a strategist."
        s = _skip(text, cue.end, end)
        stop = _phrase_end(text, s, end)
        if text.startswith(" and ", stop) and (joined := _AND_OTHERS.match(text, stop, end)) is not None:
            stop = joined.end()  # ", said Roe and others,": the speakers of a list
        words = text[s:stop].split()
        after = stop + len(text[stop:end]) - len(text[stop:end].lstrip(" "))
        # (or a description: ", said several observers.", ", said a former spokesman for the
        # ministry, Oleg Voloshyn,", ", say some Democrats who ..."; "told" never gets here; and
        # never a phrase that opens a quotation: ", called Roe a “fraud,” and ..." has an object
        # and its quoted complement after the verb, not an inverted subject)
        # (only a verb of saying inverts: "..., endorsed Bell last week,", "..., comparing Bell to X,"
        # have their object after the verb, their subject before the comma)
        cue_word = text[cue.start:cue.end]
        described = 0 < len(words) <= 10 and words[0] in _DESCRIPTION_OPENERS \
            and not cue_word.endswith("ing") and is_speech_cue(cue_word) \
            and not NAME_ONLY.fullmatch(before.split(",", 1)[0].strip())  # "Roe, an aide, urged a ..."
        titled = 0 < len(words) <= 6 and _TITLE_THEN_NAME.match(text, s, stop) is not None \
            and words[0] not in _FUNCTION_WORDS and not text[cue.start:cue.end].endswith("ing") \
            and is_speech_cue(text[cue.start:cue.end])
        if 0 < len(words) and (len(words) <= 6 and (words[0][:1].isupper() or titled) or described) \
                and words[0] not in _TIME_WORDS \
                and cue_word.lower() in _INVERTING \
                and not any(w in _AUXILIARY_VERBS for w in words) \
                and not any(s <= q < stop for q, _ in quote_regions(text, start, end)) \
                and (after >= end or text[after] in ".,;!?)"  # not "told Fox News that ..."
                     or described and _RELATIVE.match(text, after, end) is not None):
            comma = start + len(before) - 1
            return RawAttribution((s, stop), (cue.start, cue.end), _strip_span(text, start, comma),
                                  pattern="inverted_said_source")
        named = _NAME_AFTER_DESCRIPTION.match(text, stop, end)
        if 0 < len(words) <= 6 and words[0] in ("the", "a", "an") and named is not None \
                and not any(w in _AUXILIARY_VERBS for w in words):
            # ", said the bureau's director, James B. Comey, on Monday.": the description comes
            # first and the name it is apposed to is the source
            comma = start + len(before) - 1
            return RawAttribution(named.span(1), (cue.start, cue.end), _strip_span(text, start, comma),
                                  pattern="inverted_said_source")
        return None
    comma = before.rfind(",")
    tail = _skip(text, cue.end, end)
    # "After being told, police said, he went": a reporting clause set off by commas on both sides
    # is inserted into what it reports, which runs on both sides of it
    parenthetical = text[cue.end:end].lstrip(" ").startswith(",") and tail < end \
        and text[tail] not in ".;!?" and not _quote_opens(text, tail)
    # "..., The New York Times reported on Sunday.": a day or a time after a reporting verb, and
    # nothing more, says when it was said (the verb has no object of its own)
    if comma <= 0 or (tail < end and text[tail] not in ".,;!?" and not parenthetical
                      and not (_WHEN_SAID.fullmatch(text, tail, end) is not None
                               and _CURATED_AT.fullmatch(text, cue.start, cue.end) is not None)):
        return None
    phrase = before[comma + 1:].strip()
    words = phrase.split()
    # ("..., she and another reporter said.": an "and" that joins two speakers opens no clause)
    if 0 < len(words) <= 6 and (not _clause_opener(phrase + " ") or _TWO_SPEAKERS.fullmatch(phrase)) \
            and (words[0][:1].isupper() or words[0].lower() in _INVERTED_OPENERS
                 or _PLURAL_NOUN.fullmatch(words[-1])  # "..., political experts said."
                 or _BARE_NOUN_SUBJECT.fullmatch(phrase) and words[0].lower() not in _NOT_A_SUBJECT
                 or parenthetical and len(words) <= 3 and words[0].isalpha()
                 and not _AUXILIARY_VERBS.intersection(w.lower() for w in words)):
        s = start + comma + 1 + (len(before[comma + 1:]) - len(before[comma + 1:].lstrip()))
        content = _strip_span(text, start, end if parenthetical else start + comma)
        # (an auxiliary before the verb is the verb's: "..., the founders had warned," is theirs)
        phrase = _strip_trailing(phrase).rstrip()
        return RawAttribution((s, s + len(phrase)), (cue.start, cue.end), content,
                              pattern="inverted_source_said")
    return None


# verbs of saying that English inverts after what they report ("..., said Roe"); others after a
# name are its verb and take an object ("Roe, a Democrat, endorsed Tom Reyes, ...")
_INVERTING = frozenset("""said says say added adds asked asks wrote writes continued continues explained
explains noted notes replied replies recalled recalls insisted insists declared declares warned warns
argued argues quipped remarked observed acknowledged conceded countered cautioned predicted joked
answered responded told tells""".split())


_AND_OTHERS = re.compile(r"\s+and\s+(?:others|other\s+[a-z]+s|(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*)"
                         r"(?=\s*[,.;])")


def _name_then_asides(text: str, start: int, stop: int) -> bool:
    """"Governor Ann Lowe, a Democrat, endorsed Tom Reyes, ...": a name set off by commas, its
    asides after it, opens the stretch before the verb; it is the verb's subject, not content that an
    inverted subject after the verb reports."""
    begin = after_openings(text, start, stop)
    first, _, rest = text[begin:stop].partition(",")
    return bool(rest) and NAME_ONLY.fullmatch(first.strip()) is not None \
        and not any(mark in text[begin:stop] for mark in "“”\"")


# who was told, and nothing more to the end of the sentence: "the Gazette.", "reporters on Monday."
_LISTENER_ONLY = re.compile(r"(?:(?:[Tt]he\s+)?[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3}|"
                            r"reporters|journalists|me|us|him|her|them)(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                            r"Saturday|Sunday|yesterday|today|(?:last|this)\s+week))?[.!?]?[”’\"']?\s*")


def _told_after_content(text, start, end, cue: _Cue) -> RawAttribution | None:
    """"CONTENT, a person familiar with the meeting told the Gazette.": "told" does not invert,
    but its subject may come after what was told, its listener closing the sentence."""
    before = text[start:cue.prefix].rstrip()
    comma = before.rfind(",")
    tail = _skip(text, cue.end, end)
    if comma <= 0 or tail >= end or _LISTENER_ONLY.fullmatch(text, tail, end) is None:
        return None
    phrase = before[comma + 1:].strip()
    words = phrase.split()
    if not 0 < len(words) <= 8 or _clause_opener(phrase + " ") \
            or not (words[0][:1].isupper() or words[0].lower() in _INVERTED_OPENERS | _DESCRIPTION_OPENERS
                    or _PLURAL_NOUN.fullmatch(words[-1])) \
            or _AUXILIARY_VERBS.intersection(w.lower() for w in words):
        return None
    s = start + comma + 1 + (len(before[comma + 1:]) - len(before[comma + 1:].lstrip()))
    return RawAttribution((s, s + len(phrase)), (cue.start, cue.end), _strip_span(text, start, start + comma),
                          pattern="inverted_source_said")


_WHEN_SAID = re.compile(
    r"(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|"
    r"evening|night))?|(?:last|this)\s+(?:week|month|morning|afternoon|evening)|yesterday|today|tonight|"
    r"earlier|late\s+\w+day)[.!?]?[”’\"']?\s*")


# "..., police said.", "..., several observers said.": a quantifier or a bare noun or two between
# the comma and the cue is the reporting clause's subject (not an adverb or a conjunction)
_BARE_NOUN_SUBJECT = re.compile(r"(?:(?:some|several|many|most|few|two|three|other|one)\s+)?"
                                r"(?:[a-z]+\s+)?[a-z]{3,}(?<!ly)")
_NOT_A_SUBJECT = _FUNCTION_WORDS | _TRAILING_WORDS


# a title in lower case before a name: ", says political scientist Ann Bell", ", said state Sen. Roe"
_TITLE_THEN_NAME = re.compile(r"(?:(?!(?:by|of|in|on|at|to|for|from|with|and|or|the|a|an)\s)[a-z][a-z-]+\s+)"
                              r"{1,3}[A-Z][\w.’'-]*\s+[A-Z]")
_DESCRIPTION_OPENERS = frozenset("a an several some many most few two three four five other former".split())


_TWO_SPEAKERS = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*)"
                           r"\s+and\s+"
                           r"(?:(?:an?|the|another|other|his|her|their|two|several)\s+)?(?:[\w’'-]+\s+)?"
                           r"[\w’'-]+")


def _quote_opens(text: str, pos: int) -> bool:
    return text.startswith(("“", '"', "''", "‘"), pos)


# a clause joined to the one before it, with a subject of its own: ", but Roe ...", "; she ..."
_JOINED_CLAUSE = re.compile(r"(?:,\s+(?:and|but|yet|while|whereas)|;)\s+(?=[A-Z]|(?:he|she|they|we|I|the)\s)")


def _participle(text, start, end, cue: _Cue, found) -> RawAttribution | None:
    """MAIN CLAUSE, saying that CONTENT: the source is the main clause's subject."""
    if not text[cue.start:cue.end].endswith("ing"):
        return None
    if _OPENING.fullmatch(text, start, cue.prefix) or _opens_with_preposition_and_gerund(text, start, cue):
        return _opening_participle(text, end, cue)
    absolute = _WITH_SUBJECT.search(text, max(start, cue.prefix - 90), cue.prefix) \
        if "with " in text[max(start, cue.prefix - 90):cue.prefix] else None
    if absolute is not None:
        # "..., with DNC Chairwoman Ann Bell comparing X to Y": after "with", the participle has its
        # own subject
        return RawAttribution(absolute.span(1), (cue.start, cue.end), _content_after(text, cue.end, end),
                              pattern="participle")
    shown = _SHOWN_SAYING.search(text, max(start, cue.prefix - 60), cue.prefix)
    if shown is not None:
        # "a clip of Jane Doe saying ...": the participle is said of the one shown, not of the clip
        return RawAttribution(shown.span(1), (cue.start, cue.end), _content_after(text, cue.end, end),
                              pattern="participle")
    linked = _BEFORE_PARTICIPLE.search(text, max(start, cue.prefix - 20), cue.prefix)
    if not linked and not _AFTER_A_NOUN.search(text, max(start, cue.prefix - 40), cue.prefix):
        return None
    content = _content_after(text, cue.end, end)
    relative = _RELATIVE_CLAUSE_BEFORE.search(text, max(start, cue.prefix - 150), cue.prefix) \
        if linked is not None and not linked.group().startswith(",") \
        and (" who " in text[max(start, cue.prefix - 150):cue.prefix]
             or " which " in text[max(start, cue.prefix - 150):cue.prefix]
             or " that " in text[max(start, cue.prefix - 150):cue.prefix]) else None
    if relative is not None and (relative.group(2) != "that" or (
            _NOUN_BEFORE_THAT.fullmatch(relative.group(1)) is not None
            and relative.group(1) not in _FUNCTION_WORDS and not is_cue_word(relative.group(1)))):
        # "Roe, who last week shook the race by questioning ...", "a group that endorsed Roe before
        # backing Bell": a participle after "by", "before" and the like, with no comma since a
        # relative pronoun, hangs on the relative clause, whose subject is the pronoun
        return RawAttribution(relative.span(2), (cue.start, cue.end), content, pattern="participle")
    subordinate = _SUBORDINATE_WITH_SUBJECT.search(text, max(start, cue.prefix - 120), cue.prefix) \
        if linked is not None and not linked.group().startswith(",") and relative is None else None
    if subordinate is not None and subordinate.start(1) > after_openings(text, start, cue.prefix):
        # "..., as he did two years ago by announcing ...": likewise inside a subordinate clause in
        # the main clause's tail, whose subject (a pronoun or a name) is the participle's
        return RawAttribution(subordinate.span(1), (cue.start, cue.end), content, pattern="participle")
    clause = None
    if ", " in text[start:cue.prefix] or ";" in text[start:cue.prefix]:
        # "It was close, but Roe stayed in the race, saying ...": after ", but", ", and" or ";" a
        # clause of its own opens, whose subject the participle hangs on
        # (not inside a quotation: "“We lost, and we were sad,” she said, recalling ...")
        quotes = quote_regions(text, start, end)
        clause = next((m for m in reversed(list(_JOINED_CLAUSE.finditer(text, start, cue.prefix)))
                       if not any(a <= m.start() < b for a, b in quotes)), None)
        if clause is not None and any(clause.end() <= a < cue.prefix for a, _ in quotes):
            clause = None  # (a quotation after it: "..., and Roe wrote “...,” adding": its own pattern)
    if clause is not None:
        subject = _SUBJECT.match(text, clause.end(), cue.prefix)
        if subject is not None and not _opens_no_subject(subject.group(1)) \
                and subject.group(1).split()[0] not in _NOT_SOURCE_NAMES:
            return RawAttribution(subject.span(1), (cue.start, cue.end), content, pattern="participle")
    subordinate = _SUBORDINATE_CLAUSE_BEFORE.search(text, max(start, cue.prefix - 200), cue.prefix) \
        if linked is not None and linked.group().startswith(",") and clause is None else None
    if subordinate is not None and subordinate.start(1) > after_openings(text, start, cue.prefix):
        # "..., as a repairman walks in, saying ...", "..., where 50 strikers had gathered on Monday,
        # chanting ...": a participle right after a subordinate clause in the main clause's tail,
        # its subject acting, hangs on that clause, the nearest; its subject is the source
        return RawAttribution(subordinate.span(1), (cue.start, cue.end), content, pattern="participle")
    # the subject that speaks, not the owner of a noun in the object ("played down Roe's remarks,
    # saying": Roe's remarks are reported, the one who played them down says what follows)
    # (nor a noun's owner by a determiner: "went after Trump over his refusal ..., calling")
    # (nor the subject an infinitive's search found: "over his refusal to release his taxes,
    # calling it ...": the main clause's subject, found again below, says it)
    found = [a for a in found if not _POSSESSIVE_END.search(text, *a.source_span)
             and not _DETERMINER_END.search(text, *a.source_span) and a.pattern != "infinitive"]
    if found:
        # (nor a source inside the sentence's opening phrase: "While business leaders push for free
        # trade, Trump has rallied thousands by promising": the main clause's subject promises)
        opening = after_openings(text, start, cue.prefix)
        found = [a for a in found if a.source_span[0] >= opening] if opening > start else found
    if found:
        # ("Roe, the mayor, repeated claims that Bell lied, calling him ...": the subject that opens
        # the sentence goes on speaking, not the one inside its object clause)
        # (not after a reporting clause that follows its content, "..., an aide said, adding", nor
        # across a clause break, "..., and the union sued, saying")
        # (nor when the last subject opens a subordinate clause the participle hangs on: "..., even as
        # he defended it, saying", "... when he announced it, calling")
        last = found[-1].source_span[0]
        main = [a for a in found if a.source_span[0] <= opening
                and _ADJUNCT_OPENING.match(text, a.source_span[0]) is None
                and text[a.source_span[0]:a.source_span[1]].split()[0].lower() not in _NO_SUBJECTS] \
            if found[-1].pattern not in _CONTENT_FIRST_PATTERNS \
            and _CLAUSE_BREAK.search(text, start, cue.prefix) is None \
            and _SUBORDINATOR_BEFORE.search(text, max(start, last - 12), last) is None else []
        chosen = (main or found)[-1].source_span
        brk = next(reversed(list(_CLAUSE_BREAK.finditer(text, chosen[1], cue.prefix))), None) \
            if chosen[1] < cue.prefix else None
        if brk is not None and brk.group().startswith(",") \
                and (subject_match := _SUBJECT_AFTER_BREAK.match(text, brk.end(), cue.prefix)) is not None:
            # "Roe attacked the plan, and the treasurer tripped him up by calling ...": a clause after
            # ", and" with a subject of its own, and no cue found in it, holds the participle
            chosen = subject_match.span(1)
        return RawAttribution(chosen, (cue.start, cue.end), content, pattern="participle")
    # (after an opening phrase, the noun phrase that follows it: "A few minutes later, Roe ...")
    subject = _SUBJECT.match(text, start, cue.prefix) if after_openings(text, start, cue.prefix) == start \
        else None
    if subject is not None and _opens_no_subject(subject.group(1)):
        subject = None  # "Before the debate, Roe ..., saying": the subject comes after the adjunct
    span = (subject.start(1), subject.end(1)) if subject else _leading_subject(text, start, cue.prefix)
    if span is None and (pronoun := _OPENING_THEN_PRONOUN.match(text, start, cue.prefix)) is not None:
        # "By Sunday afternoon she had canceled the rally, citing ...": an opening phrase with no
        # comma after it, then a subject pronoun and its verb
        span = pronoun.span(1)
    if span is None:
        return None
    plural = _PLURAL_BEFORE_COMMA.match(text, span[1]) if subject else None
    if plural:
        span = (span[0], plural.end() - 1)  # "Other Republican candidates, including ...": no verb
    return RawAttribution(span, (cue.start, cue.end), content, pattern="participle")


# a subordinate clause opened by its subordinator, a pronoun or a name as its subject, with no punctuation
# up to here
_SUBORDINATE_WITH_SUBJECT = re.compile(r"\b(?:as|when|after|because|while|since|once|until|before)\s+"
                                       r"(he|she|they|we|I|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
                                       r"\s+[a-z][^,;:“”\"()—–]*$")
# a subordinate clause with its own subject and an active verb, then what follows the verb (at least
# two words), up to the comma before a participle
_SUBORDINATE_CLAUSE_BEFORE = re.compile(
    r"\b(?:as|where|when|while|after|before|because|since|until|once)\s+"
    r"((?:he|she|they|we|I|(?:the|a|an|about|some|many|several|dozens\s+of|hundreds\s+of|\d+|his|her|their|"
    r"its|[A-Z][\w.’'-]*)(?:\s+(?!(?:on|over|in|at|of|for|with|from|by|to|about|into|and|or)\b)[\w.’'-]+)"
    r"{0,5}?))\s+"
    # (a word in -s before an auxiliary is the subject's plural noun: "50 strikers had gathered")
    r"(?:(?:had|has|have|would|will|could)\s+)?(?!(?:was|were|is|are|been|being|his|its|this|us|as|thus)\b)"
    r"(?:[a-z]+ed|[a-z]+s(?!\s+(?:had|has|have|would|will|could|were|are)\b))"
    r"(?:\s+[^\s,;:“”\"]+){2,}\s*,(?:[”’\"]|'')?\s*$")
# a relative pronoun after the word it follows, and its clause up to here, with no punctuation
_RELATIVE_CLAUSE_BEFORE = re.compile(r"([\w’'-]+),?\s+(who|which|that)\s+[^,;:“”\"()—–]*$")
# a noun before "that" (not "so that", "now that", a verb before its complement: "said that")
_NOUN_BEFORE_THAT = re.compile(r"(?!(?:so|now|given|such|except|provided|[a-z]+ed)$)[a-z][\w’'-]+")


# The noun phrase a sentence opens with, before its verb: "Rubio hit back again, saying ...",
# "Later that day, Trump fired back a response saying ...", "Her campaign quickly blasted out ..."
_LEADING_NP = re.compile(
    # (or what ends a place in an opening, a state's abbreviation: "At a rally in Dover, Del., ")
    r"(?:[A-Z][\w ’'-]{0,30},\s+|(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.),\s+(?=[A-Z]))?"
    # after it, the subject may open in lower case: "Later that day, the mayor", "..., he"
    r"((?:(?:The|A|An|His|Her|Their|Its|the|a|an|his|her|their|its)\s+(?:[A-Z][\w.’'-]*\s+){0,3}"
    r"[\w.’'-]+)|he|she|they|we|"
    # a name's possessive heads no phrase: "Hillary Clinton’s right-hand woman rallied ..."
    r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.-]*[’']s\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*"
    r"(?=\s+(?:has|had|have|is|was|were|are|will|would|did|does|can|could|also|then|said|told|"
    r"\w+ly|\w+ed|\w+s)\b)|"
    # a name, before its verb or a relative clause on it ("Roe, who has been ..., arrived"), or a
    # short aside in brackets after it, a party's or a photo's ("Roe (D-Ore.) met ...")
    r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)(?=\s+[a-z]|,\s+who\s|\s*\([^()]{1,25}\)\s+[a-z])")


# what may stand before a sentence's subject: a wire dateline ("WASHINGTON, Dec. 8 (UPI) — "), then
# a prepositional opening set off by a comma ("In response to Trump's proposal to ..., ")
DATELINE_OPENING = re.compile(r"[A-Z][A-Z .'’-]+,[^—―\n]{0,40}?\s(?:--|[—―–-])\s+"
                               # (or a place in title case and the wire's name: "Washington (AFP) – ")
                               r"|(?:[A-Z][\w.'’-]*\s){1,3}\([A-Z][A-Za-z]{1,8}\)\s(?:--|[—―–-])\s+"
                               r"|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}\s\([A-Z][A-Za-z .&]{0,30}\)"
                               r"\s*(?:--|[—―–-])\s+")
# a dateline of capitals alone, with a dash: "CLEVELAND - ", "WASHINGTON -- ", "ST. LOUIS — "
_DATELINE_DASH = re.compile(r"[A-Z][A-Z.'’]+(?:[ \t][A-Z][A-Z.'’]+){0,2}[ \t]*(?:--|[—―–-])\s+")
_PREPOSITIONAL_OPENING = re.compile(
    r"(?:In|On|At|After|Before|Despite|During|Amid|Following|Asked|Speaking|With|Without|For|Under|Since|"
    r"Unlike|Among|Through|From|As|While|When|If|Although|Though|Because|Once|Until|Upon|Over|Within|"
    # (or a participle's clause: "Standing before the crowd, ", "Having lost the vote, ", "Facing
    # mounting criticism, ")
    r"(?!According|Including|Regarding|Concerning)[A-Z][a-z]+ing(?=\s+(?:the|a|an|his|her|their|its|to|"
    r"on|in|at|before|with|about|for|from|up|out|off|back|[a-z]+ed|[a-z]{3,}ing)\s))"
    r"\s[^,;“”\"]{0,150},\s+")


# a time that opens a sentence, set off by a comma: "A few minutes later, ", "Two weeks after X died, ",
# "Shortly after the vote, "
TIME_OPENING = re.compile(
    r"(?:(?:(?:A|An|One|Two|Three|Four|Five|Six|Several|Many|A\s+few|\d+)\s+)?(?:[a-z]+\s+)?"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?:later|ago|earlier|after|before)|"
    r"(?:Shortly|Soon|Moments|Minutes|Hours|Days|Weeks|Months|Years|Long)\s+(?:after|before|later|ago|earlier)|"
    # ("The day before, ", "That night, ", "The next morning, ")
    r"(?:The|That|Each|Every)\s+(?:(?:next|following|same|previous)\s+)?(?:day|night|morning|afternoon|"
    r"evening|weekend)(?:\s+(?:before|after|earlier|later))?(?=,)|"
    # ("Last month, ", "Earlier this year, ", "Late Tuesday, ": a time named by its week, month or day)
    r"(?:(?:Earlier|Later|Early|Late)\s+)?(?:(?:Last|This|Next|Earlier|Later|Early|Late|this|last|next)\s+)"
    r"(?:week|month|year|spring|summer|fall|autumn|winter|weekend|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|"
    r"November|December)(?=,))"
    r"\b[^,;“”\"]{0,100},\s+")


def after_openings(text: str, start: int, stop: int) -> int:
    """Where the subject of a sentence may begin: after a dateline, an opening conjunction, and an
    opening phrase of place, time or circumstance set off by a comma."""
    first = start
    for opening in (DATELINE_OPENING, _LEADING.pattern, _PREPOSITIONAL_OPENING, TIME_OPENING):
        # (and a conjunction or a linking adverb: "Yet Roe took the stage, saying ...")
        skipped = opening.match(text, start, stop)
        start = skipped.end() if skipped else start
    # (openings stack, the second in lower case: "On Monday, as Bell warned of delays, Roe ...")
    while start > first and (skipped := _STACKED_OPENING.match(text, start, stop)) is not None:
        start = skipped.end()
    return start


_STACKED_OPENING = re.compile(_PREPOSITIONAL_OPENING.pattern, re.IGNORECASE)


def _leading_subject(text: str, start: int, stop: int) -> tuple[int, int] | None:
    # the openings skipped, else the phrase as it stands ("Later that day, the treasurer ...": a
    # linking adverb skipped alone leaves "that day, ...", with no subject at its start)
    for begin in dict.fromkeys((after_openings(text, start, stop), start)):
        match = _LEADING_NP.match(text, begin, stop)
        if match and match.group(1).split()[0] not in _NOT_SOURCE_NAMES - {"The", "A", "An"} \
                and (not _opens_no_subject(match.group(1))
                     or _NAME_IN_ING.fullmatch(match.group(1))
                     and _FINITE_AFTER.match(text, match.end(1), stop) is not None):
            # ("Ebeling reminisced ...": a name in -ing before a verb in the past is no participle)
            return match.span(1)
    return None


_NAME_IN_ING = re.compile(r"[A-Z][a-z]+ing")
_FINITE_AFTER = re.compile(r"\s+(?!being\b)[a-z]{3,}ed\b")


def _opens_no_subject(phrase: str) -> bool:
    """Whether a capitalised first word is a preposition, a conjunction, a day or a participle
    ("With ...", "Yet ...", "Tuesday ...", "Standing ..."), which opens an adjunct, not a subject."""
    first = phrase.split()[0]
    return _PREPOSITION_START.fullmatch(first) is not None or _LEADING.fullmatch(first) is not None \
        or first in _TIME_WORDS \
        or first[:1].isupper() and first.endswith("ing") and len(phrase.split()) == 1


# (or a preposition that adds or sets aside, "Besides criticizing ...,", "Instead of ...,", or a time
# before "after" or "before": "Eight years after backing ...,", "Days before announcing ...,"; or
# one after a connective, "And in explaining why ...,", "Now, after arguing that ...,")
_OPENING = re.compile(
    r"\s*(?:(?:After|Before|Despite|In|By|While|When|Since|Upon|Without|Besides|Beyond|Instead\s+of|"
    r"Rather\s+than|(?:Apart|Aside)\s+from|In\s+addition\s+to|"
    r"(?:(?:Just|Only|Nearly|Almost|About)\s+)?(?:(?:[A-Z][a-z]*|\d+)\s+)?(?:few\s+)?"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+(?:after|before)|"
    r"(?:Minutes|Hours|Days|Weeks|Months|Years|Decades|Shortly|Soon|Long|Moments|Right|Even|Just)"
    r"\s+(?:after|before))\s+"
    r"|(?:And|But|Yet|So|Still|Now|Then|Even|Also)\s*,?\s+(?:after|before|despite|in|by|while|"
    r"when|since|upon|without|in\s+addition\s+to|instead\s+of|besides)\s+)?")
_MAIN_SUBJECT = re.compile(
    r",\s+((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*|(?:the|a|an|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}"
    r"[\w’'-]+|he|she|they|we|I|it)(?=[\s,])"
)


# ... or after a quotation that closes the clause, its comma inside or outside the closing mark, or
# after a connective set off by commas ("Acknowledging that Roe “says stupid stuff,” though, Bell ...")
_MAIN_SUBJECT_AFTER_QUOTE = re.compile(
    r"(?:,[”’\"]|,''|[”\"],|'',)\s+(?:(?:though|however|too),\s+)?"
    r"((?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*|(?:the|a|an|his|her|their|its)\s+(?:[\w’'-]+\s+){0,3}"
    r"[\w’'-]+|he|she|they|we|I|it)(?=[\s,])")


def _opening_participle(text: str, end: int, cue: _Cue) -> RawAttribution | None:
    """"Noting that CONTENT, Allen said ...": the source is the subject after the comma."""
    subject = _MAIN_SUBJECT.search(text, cue.end, end)
    if subject is not None and ("“" in text[cue.end:subject.start()] or '"' in text[cue.end:subject.start()]):
        subject = None
    if subject is None and (text.find("“", cue.end, end) >= 0 or text.find("''", cue.end, end) >= 0
                            or text.find('"', cue.end, end) >= 0):
        # "Citing “obligations in Tennessee,” the spokeswoman said": the clause may quote, its comma
        # inside the closing mark; the subject follows the first comma outside any quotation
        quotes = quote_regions(text, cue.end, end)
        subject = next((m for m in _MAIN_SUBJECT_AFTER_QUOTE.finditer(text, cue.end, end)
                        if not any(a < m.start(1) < b for a, b in quotes)), None)
    if subject is None:
        return None
    s, e = subject.span(1)
    inner = find_cues(text, s, e)
    if inner and inner[0].prefix > s:
        # "..., the mayor said the docks": the subject ends where a verb of its own begins
        # (a noun after a determiner is the subject's head, not a verb: "the statement urged")
        e = _end_before(text, inner[0].prefix) if text[s:inner[0].prefix].strip().lower() not in \
            ("the", "a", "an", "his", "her", "their", "its") else inner[0].end
    return RawAttribution((s, e), (cue.start, cue.end),
                          _content_after(text, cue.end, subject.start()), pattern="opening_participle")


# a roundup item's topic before a dash: a few words without sentence punctuation ("RED STATES
# OUTNUMBER BLUE STATES - ", "Pollsters agree - ")
_ROUNDUP_LEAD = re.compile(r"[A-Z][^.:;!?“”\"\n]{2,80}?\s[-—–]\s+(?=[A-Z])")
_COLON_SPEAKER = re.compile(r"([A-Z][\w.’'-]*(?:[ \t]+[\w.’'()-]+){0,4}?)[ \t]*(:)(?:[ \t]+(?=\S)|(?=[“\"]))")
# a headline's kicker, a connective or a field's label before a colon, no one's name: "BREAKING: ...",
# "Wow: ...", "So: ...", "For example: ..."
_KICKERS = frozenset(("breaking", "breaking news", "wow", "boom", "busted", "revealed", "look", "watch",
                      "exclusive", "update", "updated", "just in", "just leaked", "leaked", "so", "plus",
                      "also", "note", "for example", "for instance", "bottom line", "translation",
                      "correction", "related", "read more", "see also", "video", "photos", "listen",
                      "stat of the week", "quote of the day",
                      # (and the fields of a news archive's record or a form: "BYLINE: Ann Bell",
                      # "EMAIL: desk@...", "Paid Notice: Deaths ...", "Name: ... Age: ...")
                      "byline", "dateline", "email", "e-mail", "paid notice", "section", "length",
                      "load-date", "language", "publication-type", "name", "age", "city", "job"))
_PARTICIPLE = re.compile(r"(?:ed|en|wn|told|said|sold|heard|thought|found|brought|sought|made|"
                         r"held|left|taught|caught|felt|kept|meant|put|read|set|shut|cut|hit|led)$")
_APPOSED_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*,\s+(?:a|an|the|\d+|[a-z]+ of)\b")
# "“...,” Tom Bell, who used to work at the port, said": a name and its relative clause, closed
_NAME_AND_RELATIVE = re.compile(r"\s*(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*,\s+who\s[^,;:“”\"]*,\s*$")
_AUXILIARY_VERBS = set("""has have had is are was were will would can could should shall may might must
did does do""".split())
_TIME_WORDS = set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday".split())
_INVERTED_OPENERS = {"the", "a", "an", "he", "she", "they", "we", "it", "i", "you"}
# "fired back a response saying", "blasted out an email to supporters stating": what was sent says it,
# so its sender is the source
_AFTER_A_NOUN = re.compile(rf"\b(?:a|an|the|his|her|their|its)\s+(?:[\w’'-]+\s+){{0,1}}(?:{COMMUNICATIONS})"
                           r"(?:\s+(?:to|on|about)\s+(?:the\s+)?\w+)?\s+$", re.I)
_DETERMINER_END = re.compile(r"\s(?:his|her|their|its)$")
_PLURAL_BEFORE_COMMA = re.compile(r"\s+[a-z]+s,")
_SHOWN_SAYING = re.compile(r"\bof\s+((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+$")
# (the comma may stand inside a closing quotation mark, as American style puts it: "“messy,” adding")
# (a participle clause opened by "without" or "upon", and an adverb, hangs on the main clause too:
# "Roe left without naming a successor", "without specifically naming her")
_BEFORE_PARTICIPLE = re.compile(r"(?:,(?:[”’\"]|'')?|\b(?:by|after|before|while|when|then|without|upon|in|"
                                r"instead\s+of|in\s+addition\s+to|besides)"
                                r"(?:\s+(?-i:[a-z]+ly))?)\s*$", re.I)


# an expletive or an adverb that opens a sentence, no subject of its verbs
_NO_LEADING_SUBJECT = re.compile(r"(?:It|That|There|What|Here)[’']s\b"
                                 r"|(?:Along|Outside|Inside|By|Is|More|Most)\b")
# a subject pronoun or a name after a clause boundary, and its verb
_NEAR_SUBJECT = re.compile(r"(?:^|[,;]\s+|\b(?:that|but|and|because|when|while|if)\s+)"
                           r"(he|she|they|we|I|(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*)\s+"
                           r"(?:\w+ly\s+)?(?=(?:has|have|had|is|are|was|were|will|would|can|could|"
                           r"[a-z]{3,}ed|[a-z]{3,}s)\b)")


def _with_subject(text: str, start: int, raw: RawAttribution) -> RawAttribution | None:
    """A cue that shares its subject ("... and called"), when no attribution came before it."""
    # the noun phrase the sentence opens with, before its first verb: "President Ann Bell met ...
    # and said" (any verb, not only one that ends like "-ed" or "-s")
    span = _leading_subject(text, start, raw.cue_span[0])
    if span is not None and _NO_LEADING_SUBJECT.match(text, span[0]):
        span = None
    if span is None:
        subject = _SUBJECT.match(text, start, raw.cue_span[0])
        if subject and _NO_LEADING_SUBJECT.match(subject.group(1)):
            subject = None
        if not subject or subject.group(1).split()[0] in _NOT_SOURCE_NAMES \
                or _opens_no_subject(subject.group(1)):
            # "It’s such a presence that Roe thanked them and called ...", "Along with her husband,
            # she has given to many, but plans ...": the sentence opens with no subject of these
            # verbs; the last subject pronoun or name before a verb is theirs
            nearest = [m.span(1) for m in _NEAR_SUBJECT.finditer(text, start, raw.cue_span[0])]
            if not nearest:
                return None
            span = nearest[-1]
        else:
            span = subject.span(1)
    return raw._replace(source_span=span, inherits_source=False, pattern="coordinated")


# A subject and the verb after it; a word ending in -s after the subject is a verb ("says"), but
# not a determiner or a preposition ("Roe softened his tone ... by saying": the subject is "Roe",
# not "Roe softened" before "his")
_SUBJECT = re.compile(
    r"((?:(?:The|A|An|His|Her|Their|Its|[A-Z][\w.’'-]*)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}"
    r"[A-Za-z][\w.’'-]*)\s+(?!(?:his|its|this|us|as|thus|across|towards)\b)"
    r"(?=(?:has|had|have|is|was|were|are|will|would|did|does|do|can|could|should|"
    r"may|might|must|also|then|\w+ly|\w+ed|\w+s)\b)"
)


# what "by" opens when it gives a deadline, not an agent: a time ("by now", "by Feb. 29", "by Tuesday",
# "by the end of the year"; not a number, which counts the agents: "rejected by 64 percent of voters";
# nor "May", left out as it was: a name as well as a month)
_DEADLINE = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|(?:now|then|"
                       + "|".join(sorted(DAYS_AND_MONTHS - {"May"}))
                       + r"|midnight|noon|the\s+(?:end|time))\b")
_NOUN_AFTER = re.compile(r"\b(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|\w+['’]s?)\s+"
                         r"(?:[a-z-]+\s+)?$", re.IGNORECASE)
_THEN_BEFORE = re.compile(r",\s+(?:and\s+)?(?:then|afterward|afterwards)"
                          r"(?:\s+(?:later|also|again|\w+ly))?\s+$")
_AGENT_ADJUNCT = re.compile(r"\s+(?:on|in|at|during|after|before|last|this|earlier|when|while)\s")


# Verbs of feeling whose object feels it (the active voice of _FEELING_PARTICIPLES): "The remark
# worried some analysts", "Attacks on judges alarm legal experts", "That rattled Rubio". The one who
# feels, and so holds the view, is the object; the subject is what the view is of
_EXPERIENCER_VERBS = frozenset("""worry worries worried trouble troubles troubled bother bothers bothered
disappoint disappoints disappointed alarm alarms alarmed anger angers angered frustrate frustrates
frustrated dismay dismays dismayed rattle rattles rattled surprise surprises surprised shock shocks
shocked offend offends offended outrage outrages outraged annoy annoys annoyed irritate
irritates irritated scare scares scared frighten frightens frightened unnerve unnerves unnerved
disturb disturbs disturbed stun stuns stunned horrify horrifies horrified appall appalls appalled
baffle baffles baffled infuriate infuriates infuriated enrage enrages enraged incense incensed
unsettle unsettles unsettled exasperate exasperates exasperated irk irks irked spook spooks spooked
hearten heartens heartened dishearten disheartens disheartened sadden saddens
saddened disgust disgusts disgusted embarrass embarrasses embarrassed""".split())
# the object: a noun phrase (not a preposition, "worried about", nor "that", "worried that")
_EXPERIENCER_OBJECT = re.compile(
    r"\s+(?!(?i:that|this|about|over|by|with|to|at|for|of|on|in|as|and|or|but|when|if|because|whether|"
    r"what|how|why|into|up|out|off|away|down|back|is|was|has|does|always|sometimes|perhaps|less|thus|"
    r"unless|across|its|it)\b)"
    r"(?=(?:the|a|an|his|her|their|our|my|your|some|many|most|several|both|all|those|these|other|"
    r"fellow|every|him|them|us|me)\b|[A-Z]|(?:[a-z-]{3,}\s+){0,2}[a-z]{3,}s\b)")
# where the object ends: a preposition's phrase, a time, a participle, a relative, or a verb (then the
# noun phrase was the subject of a clause: "officials worried the deal would collapse")
_EXPERIENCER_TAIL = re.compile(r"\s(?:in|on|at|for|during|after|before|to|with|from|over|since|about|as|last|"
                               r"this|earlier|when|while|because|by|into|who|whom|which|that|"
                               r"(?P<verb>is|was|are|were|has|have|had|will|would|could|can|may|might|"
                               r"should|must|did|does|do|[a-z]{3,}ed)|[a-z]{3,}ing)\b")
# a noun or an adjective, not the verb: "the anger", "their worry", "with disappointed voters"
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|this|no|any|much|of|to|with|for|from|"
                          r"by|among|and|or)\s+$",
                          re.IGNORECASE)


def _experiencer(text, start, end, cue: _Cue, quotes) -> RawAttribution | None:
    """SUBJECT worried OBJECT: the object of a verb of feeling holds the view, of the subject."""
    if text[cue.start:cue.end].lower() not in _EXPERIENCER_VERBS:
        return None
    lead = text[start:cue.prefix].rstrip()
    if not lead or lead.endswith((",", ";", ":")) \
            or _BEFORE_A_STATE.search(text, max(start, cue.prefix - 30), cue.prefix) \
            or _NOUN_BEFORE.search(text, max(start, cue.prefix - 8), cue.prefix):
        return None  # "Worried the plan ...," opens a participle; "were worried": the subject feels
    obj = _EXPERIENCER_OBJECT.match(text, cue.end, end)
    if obj is None:
        return None
    s = obj.end()
    stop = _phrase_end(text, s, end)
    tail = _EXPERIENCER_TAIL.search(text, s, stop)
    if tail is not None:
        if tail.group("verb"):
            return None  # "worried the deal would collapse": a clause, whose subject feels nothing
        stop = tail.start()
    if stop <= s or text.count(" ", s, stop) > 7:
        return None
    content = _source_before(text, start, cue.prefix, quotes)
    if content is None:
        # "That rattled Rubio", "... fumbles that rattled supporters": the clause up to the verb
        brk = max(lead.rfind(","), lead.rfind(";"), lead.rfind(":"), lead.rfind("—"))
        content = _strip_span(text, start + brk + 1, cue.prefix)
    if content[1] <= content[0]:
        return None
    return RawAttribution((s, stop), (cue.start, cue.end), content, pattern="experiencer")


# the owner of a noun right before it, a possessive determiner or a name's "'s" ("his call",
# "the administration's hopes"), and what may complete such a noun: an infinitive, a "that" clause,
# or "for"/"of" ("his call for a recount")
_OWNER_BEFORE = re.compile(r"(?<![\w’'])((?:his|their|its|our|my)|(?:[Tt]he\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}"
                           r"[A-Z][\w.’'-]*(?:\s+[a-z]+)?[’']s)\s+$")
_NOUN_COMPLEMENT = re.compile(r"\s+(?:to\s+(?!the\b|a\b|an\b|his\b|her\b|their\b)[a-z]+|that\s|for\s)")


# the object of "told" that is a thing told, not the one told it
_TOLD_THING = re.compile(r"\s+(?:a|an|the|his|her|their)\s+(?:[a-z-]+\s+)?"
                         r"(?:story|stories|tale|tales|joke|jokes|lie|lies|anecdote|anecdotes|truth|parable)\b")


# verbs whose subject "it" is a placeholder, no one who holds the view ("it appears that ...")
_IMPERSONAL_VERBS = frozenset(("appear", "appears", "appeared", "seem", "seems", "seemed"))


def _opens_with_preposition_and_gerund(text: str, start: int, cue: _Cue) -> bool:
    """Whether the cue is the gerund after a preposition that opens a clause, or the infinitive
    that gerund governs, at the unit's start or after a colon or a semicolon: "By refusing to admit
    any fault, ...", "... has backfired: By refusing to admit ...". A cue further into the clause
    may have a subject of its own ("After saying he was nervous")."""
    near = max(start, cue.prefix - 30)  # (the opening is a word, or a gerund and "to", long)
    if _CAPITALISED_PREPOSITION.search(text, near, cue.prefix) is None:
        return False  # (most cues: none just before them)
    clause = max(start, text.rfind(": ", near, cue.prefix) + 1, text.rfind("; ", near, cue.prefix) + 1)
    opening = _OPENING_PREPOSITION_GERUND.fullmatch(text, clause, cue.prefix)
    return opening is not None and (opening.group().rstrip().endswith(" to")
                                    or text.endswith("ing", cue.start, cue.end))


def _source_first(text, start, end, cue: _Cue, quotes) -> RawAttribution | None:
    cue_start, cue_end = cue.start, cue.end
    if _OPENING_PARTICIPLE_CLAUSE.fullmatch(text, start, cue.prefix) \
            or _opens_with_preposition_and_gerund(text, start, cue) \
            or text.endswith("ing", cue_start, cue_end) \
            and _OPENING_PARTICIPLE_AND_PLURAL.fullmatch(text, start, cue.prefix):
        # "Having announced that ..., Judge Roe left", "Rattling off promises to ..., the mayor":
        # a clause that opens the sentence with a participle has no subject of its own; the main
        # clause's subject, after the comma that closes it, holds what the cue inside it reports
        # (a verb's; not a noun's, after a determiner or an owner: "Responding to this criticism,
        # Roe said", "Basing its projections on ...": the criticism is someone else's)
        if _NOUN_AFTER.search(text, max(start, cue.prefix - 20), cue.prefix):
            return None
        return _opening_participle(text, end, cue)
    before = text[start:cue.prefix]
    state = _STATE_VERB.search(text, max(start, cue.prefix - 40), cue.prefix) \
        if text[cue_start:cue_end].lower() in _STATES else None
    if state is not None:
        # "The union remained deeply wary of ...": the linking verb and its adverbs end the subject
        cue = _Cue(cue.start, cue.end, state.start())
        before = text[start:cue.prefix]
    passive = _PASSIVE.search(text, max(start, cue.prefix - 40), cue.prefix)
    if passive is not None and text.startswith("be ", passive.start()) \
            and text.endswith("ing", cue_start, cue_end):
        passive = None  # "seems to be hoping": a progressive after "be", no passive
    # (nor a verb of feeling, whose participle after "be" says how the subject feels: "Democrats
    # are worried that ...", "Neither man was impressed by her": the subject holds the view, the
    # "by" phrase names what it is about, not who holds it)
    if passive and (not _PARTICIPLE.search(text, cue_start, cue_end)  # "is seeking", "are wary"
                    or text[cue_start:cue_end].lower() in _FEELING_PARTICIPLES):
        cue = _Cue(cue.start, cue.end, passive.start())
        before, passive = text[start:cue.prefix], None
    elif _AGENT_NOUN.fullmatch(text, cue_start, cue_end) \
            and (nominal := _PREDICATE_NOUN.search(text, max(start, cue.prefix - 60), cue.prefix)):
        # "Roe has long been a fierce opponent of the plan": a noun for one who does something,
        # after "be" and its article, says what the subject does; the subject holds the view, as
        # with the verb ("opposed")
        cue = _Cue(cue.start, cue.end, nominal.start())
        before = text[start:cue.prefix]
    if passive:
        by = re.compile(r"\bby\s+").search(text, cue_end, end)
        if not by or _DEADLINE.match(text, by.end(), end):
            return None  # ("was ordered to finish by Feb. 29", "confirmed by now": a time, no agent)
        s = by.end()
        stop = _phrase_end(text, s, end)
        # the agent ends before a time or a place that says when or where ("by the mayor on Monday",
        # "by the party in a statement")
        adjunct = _AGENT_ADJUNCT.search(text, s, stop)
        stop = adjunct.start() if adjunct else stop
        return RawAttribution((s, stop), (cue_start, cue_end), _strip_span(text, start, by.start()),
                              pattern="passive")
    agent = _AGENT_AFTER_BY.match(text, cue_end, end) \
        if text.startswith(" by ", cue_end) and _PARTICIPLE.search(text, cue_start, cue_end) \
        and text[cue_start:cue_end].lower() not in _FEELING_PARTICIPLES \
        and not _COMMUNICATION_BEFORE.search(text, max(start, cue.prefix - 30), cue.prefix) else None
    if agent is not None:
        # "the bill, opposed by House Democrats", "As reported by the Globe, ...": a participle with
        # its agent after "by" and no "be" before it; the agent holds the view, of the noun the
        # participle describes or, after an opening "As", of the clause that follows
        # (not "a letter released by X": what was released speaks for its author, found elsewhere)
        s = agent.start(1)
        stop = _phrase_end(text, s, end)
        if (after := _AGENT_TAIL.search(text, s, stop)) is not None:
            stop = _end_before(text, after.start())  # "by the House on Tuesday", "by X was"
        if _AS_BEFORE.fullmatch(text, start, cue.prefix):
            content = _content_after(text, stop, end)
        else:
            content = _source_before(text, start, cue.prefix, quotes) or _strip_span(text, start, cue.prefix)
        return RawAttribution((s, stop), (cue_start, cue_end), content, pattern="passive")
    if _THEN_BEFORE.search(text, max(start, cue_start - 30), cue_start) is not None \
            and not _name_then_asides(text, start, cue.prefix):  # "Roe, who was away, then asked"
        # "Roe offered him a job, then says ...", "..., then later criticized it": a verb after a
        # comma and "then" shares the clause's subject, found as for "and"; the noun before the comma
        # is the first verb's object
        return RawAttribution((cue.prefix, cue.prefix), (cue_start, cue_end),
                              _content_after(text, cue_end, end), None, True, pattern="inherited")
    source = _source_before(text, start, cue.prefix, quotes)
    if source is not None and text[source[0]:source[1]] in ("it", "It") \
            and text[cue_start:cue_end].lower() in _IMPERSONAL_VERBS:
        return None  # "it appears that ...", "It seems ...": no one appears, the writer judges
    owner = _OWNER_BEFORE.search(text, max(start, cue.prefix - 60), cue.prefix) \
        if source is None and cue.prefix == cue_start \
        and not text.endswith(("ed", "ing"), cue_start, cue_end) else None
    if owner is not None and _NOUN_COMPLEMENT.match(text, cue_end, end):
        # "... and his call to bring both parties together", "a boost to the administration's hopes
        # that Burma will ...": where no subject comes before it, the owner of a noun of saying or
        # wanting holds what its complement says
        return RawAttribution(owner.span(1), (cue_start, cue_end), _content_after(text, cue_end, end),
                              pattern="source_first")
    if source is not None and _POSSESSIVE_END.search(text, source[0], source[1]) \
            and _CURATED_AT.fullmatch(text, cue_start, cue_end) is None:
        # "Obama's announcement", "an editor's note": after a possessive comes a noun, whose
        # source is the name that owns it; with no name before the "'s" ("... with an editor's
        # note on the story saying"), no source (a curated verb may follow "'s" for "has")
        if _tail_source(text[source[0]:source[1] - 2], source[0]) is None:
            return None
    content_start = cue_end
    # ("told a joke", "told a tale of two parties": what is told, no listener; asked only of "told",
    # the one cue both of its uses below read it for)
    thing_told = text.startswith("told", cue_start) and _TOLD_THING.match(text, cue_end, end) is not None
    if text[cue_start:cue_end].startswith("told") and cue_end - cue_start <= 5 and not thing_told:
        listener = LISTENER_RE.match(text, cue_end, end)
        if listener:
            content_start = listener.end()
            last = text.rfind(" ", cue_end, content_start) + 1
            if text[last:content_start].lower() in _SUBORDINATORS:
                # "told her aides as she left": the pronoun after the listener opens a subordinate
                # clause, an adjunct of the telling, not what was told
                content_start = last
    if source is None:
        # "... and on Monday announced", "... and then called": time and adverbs after the "and"
        tail = _strip_trailing(before.rstrip())
        if tail.lower().endswith((" and", " but")) or tail.endswith(("’ and", "” and")):
            relative = _OPEN_RELATIVE.search(before) or _OPEN_SUBORDINATE.search(before)
            if relative is not None:
                # "Roe, who met the council and said ...": the verbs after a relative pronoun, with
                # no comma closing its clause before the "and", are the clause's; "who" is their
                # subject (and PolNeAR's source), not the sentence's subject
                return RawAttribution((start + relative.start(1), start + relative.end(1)),
                                      (cue_start, cue_end), _content_after(text, content_start, end),
                                      pattern="source_first")
            return RawAttribution((cue.prefix, cue.prefix), (cue_start, cue_end),
                                  _content_after(text, content_start, end), None, True,
                                  pattern="inherited")
        caused = _CAUSED_TO.search(text, max(start, cue.prefix - 90), cue.prefix)
        if caused:
            # "The defeat led Jane Doe to declare ...": an implicative causative says the one it
            # moved did speak, so its object is the source (not "urged Congress to", which does not)
            return RawAttribution(caused.span(1), (cue_start, cue_end),
                                  _content_after(text, content_start, end), pattern="caused")
        source = _infinitive_subject(text, start, cue.prefix, quotes)
        if source is None:
            return None
        return RawAttribution(source, (cue_start, cue_end), _content_after(text, content_start, end),
                              pattern="infinitive")
    content = _content_after(text, content_start, end)
    lead = text[start:source[0]].rstrip()
    as_clause = _AS_SAID.search(text, max(start, source[0] - 8), source[0]) \
        if text.startswith(("as", "As"), source[0] - 3) else None
    if as_clause is not None and _CURATED_AT.fullmatch(text, cue_start, cue_end) is not None:
        # "The deal fell apart, as the Gazette reported last week.", "As Roe said on the radio, the
        # port is ...": a reporting clause opened by "as" (with no object of its own) reports the
        # main clause beside it
        if as_clause.group(1) and _AS_ADJUNCT.fullmatch(text, content[0], content[1]):
            content = _strip_span(text, start, source[0] - len(as_clause.group()))
            return RawAttribution(source, (cue_start, cue_end), content, pattern="content_before")
        comma = text.find(",", cue_end, end)
        if not as_clause.group(1) and comma > 0 and _AS_ADJUNCT.fullmatch(text, content[0], comma):
            return RawAttribution(source, (cue_start, cue_end), _strip_span(text, comma + 1, end),
                                  pattern="source_first")
    told = text.startswith("told", cue_start) and not thing_told  # "..., Ash Carter told a panel Monday."
    # (not when a "that" or a colon after the cue opens what it reports: "Asked about it, Trump
    # told CNN that he believed ...")
    # ("..., X said in an interview, adding that ...": a participle clause after a comma hangs on
    # the whole clause; the cue's own complement ends before it)
    # (only after "said", "told" and the like, whose phrases after them are adjuncts: not "pointed
    # to China, remarking", where the phrase is the verb's own)
    participle = _COMMA_PARTICIPLE.search(text, content[0], content[1]) \
        if text[cue_start:cue_end] in _SAID_WORDS else None
    # ("Such a move could cost him votes, his allies believe — votes he needs": a dash after the
    # verb and its adjuncts closes the reporting clause, as a full stop would)
    # (not after a relative pronoun, whose clause hangs on the noun before it: "spots, which focus
    # on the economy - ...")
    dash = _DASHES.search(text, content[0] - 1, content[1]) \
        if lead.endswith(",") and text[source[0]:source[1]].lower() not in _RELATIVES else None
    if lead.endswith((",", "”", '"', "’", "''")) \
            and _only_adjunct(text, content[0], participle.start() if participle
                              else dash.start() if dash else content[1], told) \
            and not _OPENING_ADJUNCT.fullmatch(lead) \
            and _ADJUNCT_THAT.match(text, _skip(text, content_start, end), end) is None:
        # "“It is over,” Jeff Weaver, the campaign manager, said in an interview."
        before = _strip_span(text, start, start + len(lead))
        quote = next(((a, b) for a, b in quotes if before[0] <= a < before[1]), None)
        return RawAttribution(source, (cue_start, cue_end), before, quote, pattern="content_before")
    colon = text[start:end].rstrip().endswith(":") and content[1] - content[0] < 40
    quote = next(((a, b) for a, b in quotes if content[0] <= a < content[1]), None)
    return RawAttribution(source, (cue_start, cue_end), content, quote, colon=colon)



# "..., as" before the source of a reporting clause, or "As" opening the sentence
_AS_SAID = re.compile(r"(?:(,)\s+as|(?<![\w,])\s*As)\s+$")
# ... and what may follow its verb: nothing, or when and where ("as Roe said on Monday", "as the
# Gazette reported a week later"), not an object or a topic ("As Roe spoke about the port")
_AS_ADJUNCT = re.compile(r"(?:(?:in|on|last|this|earlier|later|recently|yesterday|today|"
                         r"a\s+\w+\s+\w+\s+later|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\w+ly)\b[^,;:“”\"]{0,60})?[.!?]?")


# a possessive, not the "'s" of "he's", "that's" (is, has); the "'s" first and the words before it
# looked behind from its end, so that a search tries the lookbehinds only where an "'s" is, not at
# every position of the source (35 times faster on a 60-character span, the same matches)
_POSSESSIVE_END = re.compile(r"['’]s(?<!\bhe['’]s)(?<!\bshe['’]s)(?<!\bit['’]s)(?<!\bwho['’]s)"
                             r"(?<!\bthat['’]s)(?<!\bthere['’]s)(?<!\bwhat['’]s)(?<!\bHe['’]s)"
                             r"(?<!\bShe['’]s)(?<!\bIt['’]s)(?<!\bThat['’]s)(?<!\bThere['’]s)"
                             r"(?<!\bWhat['’]s)$")
# a relative pronoun after a comma whose clause runs on, unclosed by another comma or a quotation
# the agent after a participle or a noun: "by" and a name or a determiner's phrase (not "by phone",
# "by 10 points", "by far")
_AGENT_AFTER_BY = re.compile(r" by ((?:the|a|an|his|her|their|its|our|some|many|most|several|both|other|"
                             r"[A-Z][\w.’'-]*)\b)")
_AS_BEFORE = re.compile(r"\s*As\s+(?:(?:first|previously|originally|widely)\s+)?")
_COMMUNICATION_BEFORE = re.compile(rf"\b(?:{COMMUNICATIONS}|reports?)\s+(?:\w+ly\s+)?$", re.I)
# where an agent after "by" ends: a preposition's phrase, a time or a verb after it
_AGENT_TAIL = re.compile(r"\s(?:in|on|at|for|during|after|before|to|with|from|over|since|about|as|last|"
                         r"late|this|earlier|when|while|is|was|are|were|has|have|had|will|would|[a-z]+ed)\b")
_OPEN_RELATIVE = re.compile(r",\s+(who|which)\s+[^,;:“”\"()—–]*$")
# ... or a subordinate clause with its own subject, a name or a pronoun ("... booed, and when Rubio
# thanked Miami and said": Rubio said it)
_OPEN_SUBORDINATE = re.compile(r"\b(?:when|after|while|because|although|though|since|as|before|if|once|"
                               r"until)\s+((?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*|he|she|they|we|I)"
                               r"\s+[a-z][^,;:“”\"()—–]*$")
_TO_BEFORE = re.compile(r"\s+to\s+(?:[a-z]+ly\s+)?$")
_OBJECT_PRONOUNS = frozenset("him her them us me it you".split())


def _infinitive_subject(text: str, start: int, stop: int, quotes) -> tuple[int, int] | None:
    """The subject of the verbs an infinitive cue hangs on: "Sullivan had to explain", "Cruz is now
    trying to cast", "polls continue to show": what comes before one to four lower-case words
    (the verbs and adverbs) before "to". Not "asked him to explain" nor "urged Congress to": there
    the one before "to" is the infinitive's own subject, named after the verb."""
    to = _TO_BEFORE.search(text, max(start, stop - 24), stop)
    if to is None:
        return None
    pos = to.start()
    if _PASSIVE_BEFORE_TO.search(text, max(start, pos - 40), pos):
        # "The board is expected to approve", "an aide not authorized to speak", "Roe was asked to
        # explain": someone else expects, authorizes or asks it; the subject says nothing here
        return None
    last = _LAST_WORD.search(text, max(start, pos - 20), pos)
    if last is not None and last.group(1) in _HARD_LAST_WORDS \
            and _HARD_BEFORE_TO.search(text, max(start, pos - 40), pos):
        # "It is important to note", "It's hard not to wonder", "Whether it works is hard to say":
        # the subject of "be" and such an adjective is no one who says the infinitive
        return None
    if (ranked := _ranked_subject(text, start, pos, quotes)) is not None:
        return ranked
    for _ in range(4):
        word = _LAST_WORD.search(text, max(start, pos - 40), pos)
        if word is None or not word.group(1).islower() or word.group(1) in _OBJECT_PRONOUNS \
                or word.group(1) == "to":
            # ("needs to do more work to show": another "to" before the cue's opens another
            # infinitive, whose object may lie between; no subject is found across it)
            break
        pos = word.start()
        if _AFTER_A_PREPOSITION.search(text, max(start, pos - 20), word.start(1)):
            return None  # "despite having to defend", "by trying to show": no subject here
        source = _source_before(text, start, pos, quotes)
        if source is not None:
            return source
    return _purpose_subject(text, start, to.start(), quotes)


# "the first Democrat in Congress to endorse", "the only candidate to have pledged", "among 25
# senators to vote against": a noun ranked first, only or among others, then "to" and the cue: the
# noun did it; after "be" or "become" the subject it describes did ("Roe was the first to endorse")
# (no verb in the noun phrase: "the first one that called us to offer", "the first sitting members")
_RANKED = re.compile(r"\b(?:(?:the|a)\s+(?:very\s+)?(?:first|only|lone|sole)\s+|among\s+)"
                     r"(?:(?![\w-]+(?:ing|ed)\b|that\b|who\b|which\b)[\w.’'-]+\s+){0,6}?[\w.’'-]+$",
                     re.IGNORECASE)
_COPULA_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|became|becomes|become|remains|remained)\s+"
                            r"(?:(?:also|now|still|not|\w+ly)\s+)?$")


def _ranked_subject(text: str, start: int, to: int, quotes) -> tuple[int, int] | None:
    """The one ranked first or only that an infinitive cue follows, or None."""
    ranked = _RANKED.search(text, max(start, to - 80), to)
    if ranked is None or _PURPOSE_BREAK.search(text, ranked.start(), to):
        return None
    copula = _COPULA_BEFORE.search(text, max(start, ranked.start() - 30), ranked.start())
    if copula is not None:
        return _source_before(text, start, copula.start(), quotes)
    if ranked.group().lower().startswith("among"):
        return None
    return ranked.start(), _end_before(text, to)


# A verb of going, appearing or meeting, then where or with whom, then "to" and the cue: an
# infinitive of purpose, whose subject is the verb's ("Roe went on the radio to denounce", "Roe
# visited the Gazette's newsroom to discuss", "Roe met with the union on Monday to address"); the
# verb takes no object that could be the infinitive's own subject, as "asked Roe to" does
_PURPOSE_VERB = re.compile(r"\b(?:went|goes|go|going|came|comes|come|coming|took|takes|taking|visited|visits|"
                           r"visiting|appeared|appears|appearing|met|meets|meeting|gathered|traveled|travelled|"
                           r"flew|headed|rushed|returned|stopped|logged)\s+(?=\S)")
_PURPOSE_BREAK = re.compile(r"[,;:.!?()—–]|\s-\s|\bto\s+(?!the\b)[a-z]+\b")


def _purpose_subject(text: str, start: int, to: int, quotes) -> tuple[int, int] | None:
    """The subject of a verb of going or meeting that an infinitive of purpose follows, or None."""
    verb = None
    for match in _PURPOSE_VERB.finditer(text, max(start, to - 80), to):
        verb = match  # the last one: "came to Iowa and went on the radio to denounce"
    if verb is None or _PURPOSE_BREAK.search(text, verb.end(), to) \
            or _AFTER_A_PREPOSITION.search(text, max(start, verb.start() - 20), verb.start()):
        return None
    return _source_before(text, start, verb.start(), quotes)


# a passive before "to" whose agent is someone else, unnamed: "is expected to", "was asked to", "are
# scheduled to", "is said to", "not authorized to"
_PASSIVE_BEFORE_TO = re.compile(
    r"\b(?:be|is|are|was|were|been|being|[’']s|[’']re|not)\s+(?:(?:also|still|now|not|widely|\w+ly)\s+)?"
    r"(?:expected|scheduled|slated|authorized|asked|allowed|permitted|believed|thought|said|reported|"
    r"rumored|supposed|projected|predicted|forecast|required|told|invited|urged)\s*$")


# a form of "be" and an adjective that extraposes or raises its infinitive ("it is important to
# note", "is hard to say", "it's hard not to wonder"): the subject of "be" is "it", a clause, or what the
# infinitive is about ("Roe is hard to beat"), never its speaker
_HARD_ADJECTIVES = ("hard", "easy", "difficult", "impossible", "possible", "important", "safe", "tough",
                    "premature", "early", "necessary", "crucial", "essential", "worth", "interesting", "fun",
                    "unfair", "unreasonable", "useful", "helpful")
_HARD_BEFORE_TO = re.compile(
    r"(?:\b(?:is|was|are|were|be|been|being|seems?|seemed)|['’]s)(?:\s+(?:not|also|very|so|too|always|still|"
    rf"often|especially|extremely|really|particularly|equally))*\s+(?:{'|'.join(_HARD_ADJECTIVES)})(?:\s+not)?\s*$")
# (the word before "to" first, one of these or "not", before the search)
_HARD_LAST_WORDS = frozenset((*_HARD_ADJECTIVES, "not"))


# implicative causatives (Karttunen 1971): "X led/forced Y to do" entails that Y did it, and so do
# their base forms after a modal ("will force Y to acknowledge") and "drove Y to demand"
# (r"\b(?:led|leads?|...)\s+...", opening with the class of the verbs' first letters, so that the regex
# engine scans for it, and telling them apart after it)
_CAUSED_TO = re.compile(r"[lpfcsgd](?<!\w.)(?:(?<=l)(?:ed|eads?|eading)|(?<=p)rompt(?:ed|s|ing)?|"
                        r"(?<=f)orc(?:e|ed|es|ing)|(?<=c)aus(?:e|ed|es|ing)|(?<=s)purr?(?:ed|s|ing)?|"
                        r"(?<=c)ompel(?:led|s|ling)?|(?<=g)(?:ot|ets|etting)|(?<=l)(?:eft|eaves|eaving)|"
                        r"(?<=d)(?:rove|riven))\s+"
                        r"((?!(?:to|by|in|on|at|for|with|from|of|into|after|before|was|were|is|are|be|been)\b)"
                        r"(?:[\w.’'-]+\s+){0,6}?[\w.’'-]+)\s+to\s+$")
_AFTER_A_PREPOSITION = re.compile(r"\b(?:in|on|at|for|with|by|from|of|after|before|while|when|"
                                  r"since|because|though|although|despite|without|upon|about)\s+$",
                                  re.IGNORECASE)
_LAST_WORD = re.compile(r"\s*\b([\w’'-]+)\s*$")
# (or how or of what: "said over the phone", "said with a laugh", "said of the plan"; or a lone adverb,
# "wrote recently.")
_ADJUNCT = re.compile(r"[\w-]+ly[.!?]?$|"
                      r"(?:in|on|at|over|with|of|by|outside|during|when|after|before|while|last|this|"
                      r"yesterday|today|earlier|later|to|through|via|from|as|Monday|Tuesday|Wednesday|Thursday|Friday|"
                      r"Saturday|Sunday)\b|[.!?]?$")


# "On Tuesday, Roe told a lunch group that ...", "While he was away, aides told him ...": a
# sentence that opens with a time, a preposition's phrase or a subordinate clause, set off by a
# comma, has its subject's words after the cue; the opening is no content of the cue
_OPENING_ADJUNCT = re.compile(
    r"(?:(?:In|On|At|After|Before|During|While|When|As|Since|Although|Though|If|Because|Despite|"
    r"Amid|Following|Earlier|Later|Yesterday|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Behind|Beyond|Across|Around|Until|Alongside|Outside|Inside|Among|Under|Within|Without|"
    r"Sunday|(?:Last|This|Next)\s+(?:week|month|year|[A-Z][a-z]+))\b[^,;:“”\"']*),")


_SAID_WORDS = frozenset("said says say told tells added adds".split())
_COMMA_PARTICIPLE = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")
_INFINITIVE = re.compile(r"to\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|"
                         r"reporters|voters|supporters|me|him|them|us|you)\b)[a-z]+\b(?!['’]s)")


_CLAUSE_SUBJECT = re.compile(r"\s*(?:he|she|they|we|I|it|you|there)\s+(?!said\b|says\b)[a-z’']+",
                             re.IGNORECASE)


_QUOTED_TITLE = re.compile(r"^(?:[^“”\"]*\s)?(?:in|on|at)\s[^“”\"]*"
                           r"[“\"](?:[A-Z][\w’'.!?-]*[ ,]?){1,5}[”\"]\W*$")


_ADJUNCT_CLAUSE = re.compile(r"(?:as|while|because|after|before|since|once|until)\s+"
                             r"(?:he|she|they|we|I|it)\s", re.IGNORECASE)


def _only_adjunct(text: str, start: int, end: int, listener: bool = False) -> bool:
    """"in an interview on Saturday.": after the cue comes no content of its own."""
    rest = text[start:end]
    if _INFINITIVE.match(rest):
        return False  # "seemed to reflect sadness": an infinitive is the verb's complement
    if listener and _CLAUSE_SUBJECT.match(rest):
        return False  # "told POLITICO she was leaning ...": a clause after the listener is what was told
    # (a short quotation after a preposition is a title, "on MSNBC's “Morning Joe.”", "in her
    # memoir, “Tough Choices.”", no words of the speaker's)
    # (a clause opened by "as", "while", "because" after the listener is an adjunct of any length:
    # "told his aides as he worked on the speech")
    return (len(rest.split()) <= 10
            or listener and _ADJUNCT_CLAUSE.match(rest) is not None) \
        and (listener or _ADJUNCT.match(rest) is not None) \
        and not re.search(r"\bthat\b|:", rest) \
        and (not re.search(r"[“”\"]", rest) or _QUOTED_TITLE.search(rest) is not None)


def _strip_trailing(phrase: str) -> str:
    """Without the auxiliaries and adverbs that end it ("Obama has also"); only its tail is read."""
    words = phrase.rsplit(None, 1)
    last = words[-1].lower() if words else ""
    if last not in _TRAILING_WORDS and not last.endswith(_CLITICS):
        return phrase
    cut = max(0, len(phrase) - 120)
    while cut and phrase[cut - 1].isalnum():
        cut -= 1
    # each piece is a word of _TRAILING's (or a contraction's end inside one), so the pieces begin
    # after the last word that is none of them: the search starts at the space before that word
    tail = phrase.rsplit(None, 4)[-4:]  # (the last four words: a fifth item would be the rest)
    pieces = next((n for n, word in enumerate(reversed(tail)) if not _may_trail(word)), None)
    if pieces is not None and len(head := phrase.rsplit(None, pieces + 1)) == pieces + 2:
        cut = max(cut, len(head[0]))
    trailing = _TRAILING.search(phrase[cut:])
    return phrase[:cut + trailing.start()] if trailing is not None else phrase


# every word _TRAILING's pieces are made of, and any other of its letters (more is harmless: a
# word of these only makes the search start further back)
_TRAILING_LETTERS = frozenset(re.findall(r"[a-z]+", _TRAILING_PIECE.lower()))


def _may_trail(word: str) -> bool:
    """Whether the pieces may cover the word: one of theirs, or one with an apostrophe ("didn’t",
    "could’ve")."""
    return word.lower() in _TRAILING_LETTERS or "’" in word or "'" in word


_THAT_TIME = re.compile(r"\s+[Tt]hat\s+(?:day|night|evening|morning|afternoon|week|weekend|month|year|time|"
                        r"season|summer|winter|spring|fall|autumn)\s*$")
_THAT_NOUN = re.compile(r"\s*That\s+(?!(?:he|she|they|we|it|you|the|a|an|this|there|is|was|has|had|will|"
                        r"would|in|on|at|of|for|to)\b)(?:[a-z][\w’'-]*\s+)?[a-z][\w’'-]*(?<!ed)\s*")


def _source_before(text: str, start: int, stop: int, quotes) -> tuple[int, int] | None:
    """The noun phrase that ends where the cue begins, or None."""
    if text[start:start + 2].isupper() and (dateline := _DATELINE_DASH.match(text, start, stop)) is not None:
        # "WASHINGTON -- President Obama, dedicating ..., said": the dateline opens the sentence
        # and is no part of its subject (nor, read back from the commas, the subject itself)
        start = dateline.end()
    if (dash := _CLOSING_DASH.search(text, max(start, stop - 4), stop)) is not None \
            and (opening := _last_dash(text, start, dash.start())) is not None \
            and text[start:opening[0]].strip():
        # "Tom Bell - who once vowed to ... - said": an aside between two dashes right before the
        # verb is no part of its subject; the subject ends where the aside opens
        return _source_before(text, start, opening[0], quotes)
    segment_start, closing = start, " "
    for q_start, q_end in quotes:
        if q_end <= stop:
            if q_end > segment_start and text[q_end:stop].strip() in ("", ",") \
                    and "," in text[q_end - 3:q_end + 1] \
                    and _scare_quote(text, start, q_start, q_end):
                # "Roe, who calls Bell a “fraud,” said": a word or two quoted at the end of a clause
                # set off by commas just before the cue is part of that clause (its closing mark
                # after the comma ends no phrase)
                closing = " ”’\"'"
                continue
            segment_start = max(segment_start, q_end)
    segment = text[segment_start:stop]
    if segment_start > start \
            and (not segment.strip(" ,") or _ASIDE_AFTER_TITLE.match(text, segment_start, stop)) \
            and (last := _EMBEDDED_QUOTE.search(
            text, max(start, segment_start - 60), segment_start)) is not None \
            and not _REPORTING_WORD.fullmatch(last.group(1)):
        # "Roe, who calls Bell a “fraud,” said he ...": nothing after the quotation but a comma, and
        # words before it in the clause: the quotation is a phrase inside the clause, whose subject
        # came before it (the quotation marks set aside, so that a comma inside them still ends a part)
        segment_start = start
        segment = "".join(" " if start + i in marks else ch for i, ch in enumerate(text[start:stop])) \
            if (marks := {p for a, b in quotes if b <= stop for p in (a, b - 1)}) else text[start:stop]
    colon = max(segment.rfind(": "), segment.rfind("; "))
    if colon >= 0:
        # "Yet coverage was merciless: The Union Leader said": a colon ends the clause before it, and
        # so does a semicolon ("Most backed the plan; a third said it went too far")
        segment_start += colon + 2
        segment = segment[colon + 2:]
    if "—" in segment or "―" in segment or " -" in segment or " –" in segment:
        segment = _DASHES.sub(lambda m: "," + " " * (len(m.group()) - 1), segment)
    parts = _COMMA.split(segment)  # not "10,000"
    # Walk back over appositives: "The spokesperson for the Kremlin, Dmitry Peskov, also"
    chosen_index = len(parts) - 1
    # "The nurses, however, said": a connective set off by commas is no source either
    # ("Jane Roe, the mayor, flatly rejected": an adverb in -ly before the verb is no noun phrase)
    # ("Jane Roe, meanwhile, was courting rural voters, arguing", "Roe, a Democrat, drew a contrast,
    # saying": a part that opens with a verb is the predicate of the subject before it, no noun phrase)
    while chosen_index > 0 and (not _strip_trailing(" " + parts[chosen_index].rstrip()).strip(closing)
                                or _only_connective(parts[chosen_index])
                                or _MANNER_ADVERBS.fullmatch(parts[chosen_index]) is not None
                                or _predicate_part(parts[chosen_index], chosen_index < len(parts) - 1)
                                or _TIME_ASIDE.fullmatch(parts[chosen_index]) is not None):
        chosen_index -= 1
    # "Democratic economists, like their Republican counterparts, say": not the aside
    # (nor a participle's phrase or a "where" clause set off by commas: "The mayor, contradicting the
    # governor, said", "A memo ..., and obtained by the Gazette, concluded", "The markets, where
    # traders bet, show")
    stepped = False
    while 0 < chosen_index < len(parts) - 1 and (_PREPOSITION_START.match(parts[chosen_index].strip())
                                                 or _ASIDE_START.match(parts[chosen_index])) \
            and not (stepped and _CLAUSE_SUBJECT_START.match(parts[chosen_index])):
        # (but an aside after a clause's opening subordinator and its subject is that subject's:
        # "..., while liberal groups, including unions, reported")
        chosen_index -= 1
        stepped = True
    # "Barkley, who said he votes Democratic, said": the relative clause is not the source
    # ("Obama, who has often complained": with no comma before the cue, "who" is the source)
    while 0 < chosen_index < len(parts) - 1 and _RELATIVE.match(parts[chosen_index]) \
            and parts[chosen_index].strip().lower() not in _RELATIVES:
        chosen_index -= 1
    # "Neil Sroka, communications director of ..., or DFA, said": back to the name
    if 0 < chosen_index < len(parts) - 1:
        index = chosen_index
        while index > 0 and _appositive_like(parts[index], parts[index - 1]) \
                and not _CONJUNCTION_START.match(parts[index]):
            index -= 1
        # (a part that opens with a conjunction opens a clause, whose subject is in it: "..., but
        # their neighbor Tom Bell, 83, knows"; the walk goes no further back)
        if index == 0 and index != chosen_index and _opening_adjunct_like(parts[0]):
            index = 1  # "Just this week, the board, which runs the port, said": no name opens it
        if index != chosen_index and (_starts_like_a_name(parts[index])
                                      or _CONJUNCTION_START.match(parts[index]) is not None):
            chosen_index = index
    # "Tom Reyes, the editor of the weekly paper, the Harbor Gazette, said": a name right after a
    # description names the description's noun (the paper); the person it describes speaks
    # (not when the name's part opens a clause of its own: "Overall, groups reported ..., while
    # liberal groups, including unions, reported")
    if 2 <= chosen_index < len(parts) - 1 and _appositive_like(parts[chosen_index - 1], "") \
            and not _CONJUNCTION_START.match(parts[chosen_index]) \
            and not _PREPOSITION_START.match(parts[chosen_index - 1].strip()) \
            and _is_plain_name(parts[chosen_index - 2]):
        chosen_index -= 2
    # "Morton Blackwell, the conservative icon who founded ..., has endorsed": the name first
    # (but "Roe, who said ...": when the relative pronoun is the cue's own subject, it is the
    # source, as the cue belongs to the relative clause, not to the name's main clause)
    head = parts[0].strip()
    # (a time set off by a comma is no name: "Late Tuesday, the senator said")
    if chosen_index >= 1 and NAME_ONLY.fullmatch(head) and len(head.split()) >= 2 \
            and _strip_trailing(" " + parts[chosen_index].rstrip()).strip().lower() not in _RELATIVES \
            and not _clause_opener(parts[0]) and not _PREPOSITION_START.match(head) \
            and not _ADJUNCT_OPENING.match(head):
        if all(_APPOSITIVE.match(p) for p in parts[1:chosen_index + 1] if p.strip()):
            chosen_index = 0
    first = _list_start(parts, chosen_index)
    if first < chosen_index:
        # "Carson, Fiorina and Huckabee have all said": the names of a list speak together
        offset = segment_start + sum(len(p) + 1 for p in parts[:first])
        phrase = ",".join(parts[first:chosen_index + 1])
        indent = len(phrase) - len(phrase.lstrip())
        return _checked_source(_strip_trailing(phrase.strip()).rstrip(" ,"), offset + indent)
    offset = segment_start + sum(len(p) + 1 for p in parts[:chosen_index])
    phrase = parts[chosen_index]
    if chosen_index > 0 and len(parts[chosen_index - 1].split()) <= 6:
        # include an appositive head before the name: "The spokesperson for the Kremlin, Dmitry Peskov"
        prev = parts[chosen_index - 1]
        # (a head has a noun: "Even so, many backers say" has none)
        if (re.match(r"\s*(?:the|a|an)\s", prev, re.I) or prev.strip()[:1].isupper()) \
                and not all(w.lower() in _FUNCTION_WORDS for w in prev.split()) \
                and not _SENTENCE_ADVERB.fullmatch(prev.strip()) \
                and phrase.strip().lower() not in _PRONOUN_SOURCES \
                and not _AUXILIARY_VERBS.intersection(prev.lower().split()) \
                and not _DATELINE.fullmatch(prev.strip()) \
                and not _ADJUNCT_OPENING.match(prev.strip()):
            # (a clause, a dateline or an adjunct, "Last week, ...", "Speaking in Iowa, ...", is
            # no head either)
            opener = _clause_opener(prev)
            if not opener and not _LEADING.match(prev.strip()) \
                    and not _PREPOSITION_START.match(prev.strip()):
                offset -= len(prev) + 1
                phrase = prev + "," + phrase
    opener = _clause_opener(phrase)
    if opener and (_joins_names(phrase, opener) or _joins_nouns(phrase, opener)):
        opener = None  # "Leaders of the State Senate and House said": one subject, two names
    if opener and "hat " in phrase and (time := _THAT_TIME.search(phrase)) is not None:
        # "An officer at the base that evening backed ...": "that" before a time is a determiner,
        # no clause's opening, and the time is no part of the subject
        phrase = phrase[:time.start()]
        opener = _clause_opener(phrase)
        if opener and (_joins_names(phrase, opener) or _joins_nouns(phrase, opener)):
            opener = None
    elif opener and offset == start and _THAT_NOUN.fullmatch(phrase):
        opener = None  # "That letter demanded ...": a determiner before the subject's noun
    if opener:
        relative = _RELATIVE_END.search(opener.group())
        rest = phrase[opener.end():]
        if relative and _ONLY_ADJUNCTS.fullmatch(rest) and _COMMA_BEFORE.search(
                text, max(start, offset + relative.start(1) - 3), offset + relative.start(1)):
            # "the mayor, who on Tuesday endorsed", "Roe, who had long backed": auxiliaries, adverbs
            # and a time between the relative pronoun (after a comma) and the cue leave it the subject
            rest = ""
        elif relative and _AUXILIARIES_ONLY.fullmatch(rest):
            # "the leaders who can support any candidate": an auxiliary alone between the
            # relative pronoun and the cue leaves the cue the clause's own verb, as with nothing
            rest = ""
        if relative and (not rest.strip() or _verb_group(rest) and (_COMMA_BEFORE.search(
                text, max(start, offset + relative.start(1) - 3), offset + relative.start(1))
                or _restrictive_head(phrase, relative.start(1)) is None)):
            # "Barkley, who said", "the union, which has long backed": a relative pronoun with no
            # subject after it is the subject of its clause, and PolNeAR's source is the pronoun;
            # so too with no comma when the clause hangs on a noun after the main verb ("relying on
            # legislators who have endorsed him", "a poll which has consistently shown"), where it
            # runs to the sentence's end; but "leaders who implicitly rebuked X included Y" is the
            # subject's own clause, with nothing to end it before the main verb
            return offset + relative.start(1), offset + relative.end(1)
        # (unless the cue is the relative clause's own verb: "leaders who implicitly rebuked")
        head = _restrictive_head(phrase, relative.start(1)) \
            if relative and rest.strip() and not _verb_group(rest) else None
        if head is not None:
            # "Supporters who have heard from the campaign say": with no comma before it, the
            # relative clause picks out which supporters; the noun it follows heads the subject
            return offset + head[0], offset + head[1]
        else:
            offset += opener.end()
            phrase = phrase[opener.end():]
    unquoted = phrase.lstrip(" \t\n“”‘’\"'")  # "’ she wrote" after a closing quote
    lead = _LEADING.match(unquoted)
    skip = len(phrase) - len(unquoted) + (lead.end() if lead else 0)
    offset += skip
    unstripped = phrase[skip:].rstrip()
    phrase = _strip_trailing(unstripped).rstrip(" ,")
    if len(phrase) < len(unstripped.rstrip(" ,")) and (filed := _FILED.search(phrase)) is not None:
        # "A court document filed Thursday says": a participle with a time after it describes the
        # noun before it, which heads the source
        phrase = phrase[:filed.start(1)].rstrip()
    while phrase.endswith("ly") and (adverb := _ADVERB_AFTER_NAME.search(phrase)) is not None:
        # "when he formally announced", "Bell quietly said": an adverb ends no noun phrase
        phrase = _strip_trailing(phrase[:adverb.start("verbs")].rstrip()).rstrip(" ,")
    inner = [c for c in find_cues(text, offset, offset + len(phrase))
             if text[c.start:c.end] in _SPEECH_PARTICIPLES] \
        if _SPEECH_PARTICIPLE.search(text, offset, offset + len(phrase)) else []
    if inner:
        # "Trump responded first by saying he should not have called": a noun phrase holds no verb
        # of speech; the subject is the pronoun or name that ends what follows it
        after = inner[-1].end - offset
        return _tail_source(phrase[after:], offset + after)
    # ("When he returned he began": after a subordinator opening the stretch, its clause's subject
    # and verb, then the main clause's subject pronoun, which speaks)
    pronoun = (_CLAUSE_THEN_PRONOUN.fullmatch(phrase) if opener is not None
               and opener.group().split()[-1].lower() in _SUBORDINATORS else None) \
        or _PRONOUN_THEN_VERB.match(phrase)
    if pronoun is not None:
        # "Then he began dismissing ...": a subject pronoun and the verbs after it; it speaks
        return offset + pronoun.start(1), offset + pronoun.end(1)
    if _ADJUNCT_OPENING.match(phrase):
        # "Saturday at the convention Sen. Jane Roe said", "Listing his failures she added": an
        # opening adjunct (a time, a participle clause) with no comma after it; its subject is the
        # pronoun or name the stretch ends with
        tail = _tail_source(phrase, offset)
        if tail is not None and tail[0] > offset \
                and not _PREPOSITION_START.fullmatch(phrase[:tail[0] - offset].rsplit(None, 1)[-1]):
            # (not the object of a preposition: "Speaking in Iowa", "firms like Acme")
            return tail
    if phrase.startswith(_SAID_THEN_WORDS) and _SAID_THEN_SUBJECT.match(phrase):
        # "Roe said he was confident that ...", "Roe said allies wanted ...": a stretch that opens
        # with a reporting verb is no noun phrase but that verb and the start of its complement
        # clause, whose own cue is reported inside Roe's words
        return None
    span = _checked_source(phrase, offset)
    return span if span is not None else _tail_source(phrase, offset)


def _scare_quote(text: str, start: int, q_start: int, q_end: int) -> bool:
    """"a “sociopath,”": a word or two quoted inside a clause, after a word of it with no
    punctuation between, is part of that clause, not speech that ends a stretch of its own."""
    return q_start > start + 1 and text[q_start - 1] == " " and text[q_start - 2].isalpha() \
        and text[q_start] in "“\"‘'" and q_end - q_start <= 40 and text.count(" ", q_start, q_end) <= 1


_SAID_THEN_WORDS = ("said", "says", "told", "tells")
_SAID_THEN_SUBJECT = re.compile(rf"(?:{'|'.join(_SAID_THEN_WORDS)})\s")


# what opens a clause as an adjunct, not as its subject: a day or a time ("Saturday", "Last week",
# "Earlier Tuesday", "The next day", "A week later", "Two days ago"), or a participle with its
# object ("Listing several ...", "Speaking in ..."); not a preposition in -ing ("According to the
# post, Roe said": the post is a source of its own)
_ADJUNCT_OPENING = re.compile(r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|"
                              r"Today|Tonight|Earlier|Later|Early|Late)\b(?![’'])|(?:This|Last|Next)\s+(?:week|month|year|"
                              r"weekend|morning|afternoon|evening|night|spring|summer|fall|autumn|winter|"
                              r"[A-Z][a-z]+day|January|February|March|April|May|June|July|August|September|"
                              r"October|November|December)\b"
                              r"|The\s+(?:next|following|previous|same)\s+(?:day|week|month|year|weekend|morning|"
                              r"afternoon|evening|night)\b|(?:(?:An?|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Some|\d+)"
                              r"(?:\s+[a-z]+){1,2}|Days|Weeks|Months|Years|Hours|Minutes|Moments)\s+(?:later|earlier|ago)\b)"
                              r"|(?!According|Including|Regarding|Concerning)[A-Z][a-z]+ing\s+[a-z]")


def _joins_names(phrase: str, opener: re.Match) -> bool:
    """Whether the "and" that ends the opener joins two noun phrases, not two clauses: all before it
    is capitalised words and the words that join names ("of", "the", "for"), as in "Leaders of the
    State Senate and House", "Doyle and others"; a clause before it has a verb in lower case."""
    before = opener.group()
    if not before.rstrip().endswith(" and") and before.strip() != "and":
        return False
    words = before.split()[:-1]
    lead = _LEADING.match(" ".join(words))
    if lead and lead.end():
        return False  # "But Roe and ...": the and-clause may open after a conjunction
    rest = _strip_trailing(opener.string[opener.end():].rstrip()).split()
    # (and what follows it ends as a noun phrase does: "House", "others", "their allies")
    return bool(words) and words[0][:1].isupper() and words[0] not in _NOT_SOURCE_NAMES \
        and all(w[:1].isupper() or w in ("of", "the", "for") for w in words) \
        and bool(rest) and (rest[-1][:1].isupper() or _PLURAL_NOUN.fullmatch(rest[-1]) is not None)


def _joins_nouns(phrase: str, opener: re.Match) -> bool:
    """Whether the "and" that ends the opener joins two nouns under one determiner: "the harbor master
    and former mayor told": after the "and" no determiner opens a new noun phrase, and no verb
    stands before it."""
    before = opener.group()
    if not before.rstrip().endswith(" and"):
        return False
    words = before.split()[:-1]
    rest = _strip_trailing(" " + phrase[opener.end():].rstrip()).split()
    if len(words) == 1 and _PLURAL_NOUN.fullmatch(words[0]) and 1 <= len(rest) <= 3 \
            and _PLURAL_NOUN.fullmatch(rest[-1]) \
            and all(w.islower() and w not in _FUNCTION_WORDS for w in rest):
        return True  # "teachers and union officials told": two bare plurals, one subject
    return 2 <= len(words) <= 5 and words[0].lower() in ("the", "a", "an") \
        and not any(w.lower() in _AUXILIARY_VERBS | _FUNCTION_WORDS | _PRONOUN_SOURCES or w.endswith(",")
                    or w.endswith("ed") for w in words[1:]) \
        and 1 <= len(rest) <= 4 and rest[0][:1].islower() and rest[0].lower() not in _FUNCTION_WORDS \
        and rest[0].lower() not in _PRONOUN_SOURCES and not rest[0].endswith("ed") \
        and not _AUXILIARY_VERBS.intersection(w.lower() for w in rest)


# a subject pronoun, capitalised or not, then its verb and an adverb or two: "He also acknowledged"
# a short opening phrase of a preposition and its object, with no comma, then a subject pronoun and
# a verb: "By Sunday afternoon she had"
_OPENING_THEN_PRONOUN = re.compile(r"\s*(?:In|On|At|By|After|Before|Since|During|Over|Within|Earlier|Later)"
                                   r"\s+(?:[\w.’'-]+\s+){1,4}?(he|she|they|we|I)\s+[a-z]")
_PRONOUN_THEN_VERB = re.compile(r"([Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?:\s+[a-z]+){1,3}$")
# a subordinate clause's pronoun subject and its verb, then the main clause's subject pronoun
_SUBORDINATORS = frozenset("when after before while because if as since although though once until".split())
# (not a pronoun of a clause inside the first: "While he embraces what he believes")
_CLAUSE_THEN_PRONOUN = re.compile(r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)"
                                  r"(?:\s+(?!(?:what|that|which|who|whom|how|where|why|when|if|whether|"
                                  r"and|but|or|said|says|say|told|tells)\b)[a-z]+){1,3}"
                                  r"\s+(he|she|they|we|I)")


_LIST_END = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*\s+and\s+"
                       r"(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*")


def _list_start(parts: list[str], index: int) -> int:
    """Where a list of names ending in parts[index] ("Fiorina and Huckabee") begins, after the
    names before it, each alone between commas ("Carson, "); index when it is no such list."""
    if index == 0 or not _LIST_END.fullmatch(_strip_trailing(" " + parts[index].rstrip()).strip()):
        return index
    first = index
    while first > 0 and NAME_ONLY.fullmatch(parts[first - 1].strip()) \
            and parts[first - 1].split()[0] not in _NOT_SOURCE_NAMES \
            and not _PREPOSITION_START.match(parts[first - 1].strip()):
        first -= 1
    return first


# (or a quantity of them: "two Democrats, both of whom opposed the deal")
_RELATIVE_END = re.compile(r"\b((?:(?:all|both|some|most|many|none|each|one|two|three|several|neither|either)"
                           r"\s+of\s+(?:whom|which))|who|which)\s+$")
_ONLY_ADJUNCTS = re.compile(r"(?:(?:\w+ly|also|once|still|now|then|later|earlier|previously|already|never|"
                            r"not|"
                            r"even|just|long|has|have|had|would|will|could|may|might|can|should|did|does|do|is|"
                            r"was|were|are|been|be|(?:on|last|this|in)\s+(?:[A-Z][a-z]+|\d{4}|week|month|year))\s+)+")
_AUXILIARIES_ONLY = re.compile(r"(?:(?:will|would|can|could|may|might|should|must|did|does|do|has|have|had)"
                               r"\s+)+")
_HEAD_WORDS = frozenset("and or the a an many some most few several all other".split())


def _restrictive_head(phrase: str, relative: int) -> tuple[int, int] | None:
    """The noun phrase before a relative pronoun with no comma before it, when it opens the phrase
    and reads as one: "Current and former officials who ..."; not "it was Roe who"."""
    before = phrase[:relative].rstrip()
    lead = _LEADING.match(before.lstrip())
    s = len(before) - len(before.lstrip()) + (lead.end() if lead else 0)
    words = before[s:].split()
    if not words or len(words) > 6 or before.endswith(",") or not words[-1][:1].isalpha() \
            or any(w.lower() not in _HEAD_WORDS and _CLAUSE_OPENER.fullmatch(w + " ") for w in words) \
            or _AUXILIARY_VERBS.intersection(w.lower() for w in words) \
            or not (words[0][:1].isupper() or words[0].lower() in _HEAD_WORDS
                    # ("Even economists who ...": after an opening adverb, a bare plural noun)
                    or lead is not None and len(words) == 1 and _PLURAL_NOUN.fullmatch(words[0])):
        return None
    return _checked_source(before[s:], s)


def _only_connective(part: str) -> bool:
    """"however", "meanwhile": an adverb set off by commas inside a clause, linking it to what came
    before ("and" or "but" between commas opens a new clause instead)."""
    return _PARENTHETICAL.fullmatch(part.strip()) is not None


# a time set off by commas inside a clause: "DuPont, only two months later, announced"
_TIME_ASIDE = re.compile(r"\s*(?:(?:only|just|about|some|nearly|almost|barely|more\s+than)\s+)?"
                         r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|"
                         r"a\s+couple\s+of|few|many|\d+)\s+"
                         r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+"
                         r"(?:later|earlier|ago|before|after|on|afterward|afterwards)\s*")
_MANNER_ADVERBS = re.compile(r"(?:\s*[a-z]{3,}ly)+\s*")
# a verb (after adverbs) opening a part: an auxiliary, or a past tense with its object or particle
def _predicate_part(part: str, before_comma: bool) -> bool:
    """Whether a part opens with a verb: followed by a comma before the cue (a participle clause
    after it: "was courting voters, arguing"), or only auxiliaries and adverbs ("has always")
    before the cue (not "issued a statement after Bell said": the cue is in its own clause)."""
    if before_comma:
        return _PREDICATE_PART.match(part) is not None
    return _AUXILIARIES_ONLY.fullmatch(part) is not None


_AUXILIARIES_ONLY = re.compile(
    r"\s*(?:(?:also|then|still|later|now|once|never|always|already|again|soon|[a-z]{3,}ly)\s+)*"
    r"(?:has|have|had|is|are|was|were|will|would|can|could|should|may|might|must|did|does)(?:n[’']t)?"
    r"(?:\s+(?:also|then|still|later|now|once|never|always|already|again|long|not|[a-z]{3,}ly))*\s*")
_PREDICATE_PART = re.compile(
    r"\s*(?:(?:also|then|still|later|now|once|never|always|already|again|soon|[a-z]{3,}ly)\s+)*"
    r"(?:(?:has|have|had|is|are|was|were|will|would|can|could|should|may|might|must|did|does)"
    r"(?:n[’']t)?\s|(?:[a-z]{3,}ed|drew|made|took|gave|ran|threw|spent|sent|found|went|came|held|led|"
    r"wrote|brought|kept|put|met|saw|began)\s+(?:the|a|an|his|her|their|its|this|that|these|those|"
    r"out|up|back|off)\s)")
_PARENTHETICAL = re.compile(r"however|meanwhile|instead|indeed|moreover|furthermore|nonetheless|"
                            r"nevertheless|though|too|in turn|in fact|for (?:example|instance|their part|"
                            r"(?:his|her|its) part)|of course|in particular|in response", re.IGNORECASE)
_COMMA_BEFORE = re.compile(r",\s*$")


def _verb_group(phrase: str) -> bool:
    """Whether what comes between a relative pronoun and the cue is only auxiliaries and adverbs
    ("has long", "would also"), so the pronoun is the clause's subject, not "that he"."""
    words = phrase.split()
    return all(w.lower() in _TRAILING_WORDS or w.lower().endswith(_CLITICS) or w.endswith("ly")
               for w in words)


# a lower-case word in -ly of seven letters or more after a name or a pronoun: an adverb ("he
# formally", "Trump repeatedly"), not a noun ("the Trump family", "a Bell ally")
# "Bell quietly", "he formally", "Giuliani wouldn’t directly", "Trump has avoided directly": a
# subject, its auxiliaries (a perfect's participle too), and an -ly adverb
_VERB_GROUP_WORDS = "|".join(sorted(_AUXILIARY_VERBS | {"may", "might", "must", "not", "never"}))
_ADVERB_AFTER_NAME = re.compile(
    r"(?:\b(?:he|she|they|we|I|it|who)|[A-Z][\w.’'-]*)"
    rf"(?P<verbs>(?:\s+(?:{_VERB_GROUP_WORDS}|[a-z]+n[’']t)(?:\s+[a-z]{{3,}}ed)?)*)\s+([a-z]{{5,}}ly)$")
_FILED = re.compile(r"\b[a-z]{3,}\s+([a-z]{3,}ed)$")
_SENTENCE_ADVERB = re.compile(r"[A-Z][a-z]+ly")  # "Privately, some officials think": not a head
# a comma not between two digits: r"(?<!\d),|,(?!\d)" opening with the comma (scanned for, not
# tried at every position)
_COMMA = re.compile(r",(?:(?<!\d,)|(?!\d))")
# "PHILADELPHIA ―", "LA CROSSE, Wisc. —": the place an article was filed from, before its first words
# (and the wire's name after it: "Nev. (AP) —")
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w.]*\.?)?"
                       r"|(?:[A-Z][\w.]*\s+)?\([A-Z][A-Za-z .&]{0,30}\)")
_LOCATION = re.compile(r"\s*(?:[A-Z][\w.]*\s?){1,2}")


def _appositive_like(part: str, previous: str) -> bool:
    """A stretch between commas that describes a name rather than being one: "a strategist"."""
    stripped = part.strip()
    lead = _LEADING.match(stripped)
    stripped = stripped[lead.end():] if lead else stripped
    if not stripped:
        return False
    if stripped[0].islower() or stripped[0].isdigit() or re.match(r"(?:the|a|an)\s", stripped):
        return True
    # "in Columbus, Ohio,": a place after a place (not after a day or a month: "Tuesday, Jane Roe,"
    # names the subject after a time set off by a comma)
    return _LOCATION.fullmatch(part) is not None and previous.rstrip()[-1:].isalpha() \
        and previous.split()[-1][:1].isupper() and previous.split()[-1] not in _CALENDAR_WORDS


_CALENDAR_WORDS = _TIME_WORDS | set("Tonight January February March April May June July August "
                                    "September October November December".split())


def _is_plain_name(part: str) -> bool:
    """Capitalised words only, as a person's or a body's name is: not "On Monday", "Last week"."""
    stripped = part.strip()
    words = stripped.split()
    return bool(words) and len(words) <= 4 and NAME_ONLY.fullmatch(stripped) is not None \
        and words[0] not in _NOT_SOURCE_NAMES and _TIME_WORDS.isdisjoint(words) \
        and not _PREPOSITION_START.match(stripped)


# sentence adverbs a clause may open with, set off by a comma, that end in neither -ly nor -ed (those
# _LEADING skips, "Still", "Instead", are read past by _starts_like_a_name)
_OPENING_ADVERBS = frozenset("overall nonetheless nevertheless otherwise again here there".split())
# a part of a whole, which a stretch with a function word may be: "Just over a quarter, 26 percent, say"
_PORTION = re.compile(r"\d|\b(?:quarter|half|third|percent|majority|minority|most|many|few|some|all|"
                      r"none|dozens?|hundreds|thousands|millions)\b", re.I)


def _opening_adjunct_like(part: str) -> bool:
    """Whether the stretch before a sentence's first comma is an adverbial, not a noun phrase: an
    adverb ("Overall", "Recently"), a participle ("Reached by phone"), or a capitalised word and a
    function word after it, with no capitalised word or quantity in it ("Just this week", "Eight
    years after ..."), or a negation ("Not far away")."""
    words = part.split()
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    if len(words) == 1:
        return first in _OPENING_ADVERBS or len(first) >= 6 and first.endswith("ly")
    return len(first) >= 6 and first.endswith(("ly", "ed")) and words[1].islower() or first == "not" \
        or words[1] in _FUNCTION_WORDS and not any(w[:1].isupper() for w in words[1:]) \
        and _PORTION.search(part) is None


def _starts_like_a_name(part: str) -> bool:
    stripped = part.strip()
    lead = _LEADING.match(stripped)
    stripped = stripped[lead.end():] if lead else stripped
    # (not an opening participle's clause or a day: "Speaking in Dover, Roe, without naming him,")
    return stripped[:1].isupper() and not _PREPOSITION_START.match(stripped) \
        and stripped.split()[0] not in _NOT_SOURCE_NAMES and len(stripped.split()) <= MAX_SOURCE_WORDS \
        and not _ADJUNCT_OPENING.match(stripped)


# plural and collective nouns that stand without a determiner and with no -s: "police said",
# "people want", "the riot grew, and police allowed it"
_BARE_PLURALS = frozenset("police people media press public staff clergy".split())


def _checked_source(phrase: str, offset: int) -> tuple[int, int] | None:
    """The span of phrase (at offset) when it reads as a whole noun phrase, or None."""
    words = phrase.split()
    if not words or len(words) > MAX_SOURCE_WORDS or phrase.lower() in _NOT_SOURCES:
        return None
    if _QUANTITY.fullmatch(phrase):
        # "most said", "half said so", "47% say", "(all but) two said": a quantifier or a number
        # with its noun left out is a noun phrase of its own, here the subject
        return offset, offset + len(phrase)
    if len(words) == 1 and words[0].islower() and words[0] not in _PRONOUN_SOURCES | _RELATIVES \
            and not _PLURAL_NOUN.fullmatch(words[0]) and words[0] not in _BARE_PLURALS:
        return None  # "Having announced", "large majorities rejected": not a source
    # ("officials there said": a place adverb after a noun ends the phrase as a modifier)
    place_after_noun = len(words) > 1 and words[-1] in ("there", "here")
    if _PREPOSITION_START.match(phrase) \
            or words[-1].lower() in _FUNCTION_WORDS and not place_after_noun \
            or all(w.lower() in _FUNCTION_WORDS for w in words):
        return None  # "In a video posted", "accepting money to advocate", "was not authorized"
    if not any(w[:1].isalpha() for w in words):
        return None
    if words[0] in _THERE and _THERE_IS.fullmatch(phrase):
        return None  # "there is no doubt", "There was no immediate claim": no one is there
    return offset, offset + len(phrase)


_THERE = frozenset(("there", "There", "there's", "There's", "there’s", "There’s"))
# an existential "there" and its verb, then at most a determiner and one word (an adjective): no
# noun of its own, the cue noun after it is what there is ("there is no doubt", "There is a
# reasonable argument"; not "there is anecdotal evidence suggesting")
_THERE_IS = re.compile(r"[Tt]here(?:['’]s|\s+(?:is|are|was|were|(?:has|have|had|will|would)\s+been|will\s+be|"
                       r"would\s+be))(?:\s+(?:no|a|an|the|some|any|little|much|many|few))?(?:\s+[a-z][a-z-]*)?")


_TIMES = frozenset(word.lower() for word in DAYS_AND_MONTHS) | frozenset(
    "today yesterday tonight tomorrow last this next week month year morning afternoon evening night".split())


# a quantifier or a number standing for a noun phrase (not a year: "in 2012 said")
_QUANTITY = _CaseBlindAscii(re.compile(
    r"(?:most|many|half|all|some|few|several|both|none|each|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|(?!(?:1[89]|20)\d\d\b)\d+(?:\.\d+)?(?:\s*%|\s+percent)?)",
    re.IGNORECASE))


# r"(?:\b(?P<pronoun>he|she|they|we|I)|(?P<name>(?:(?:[A-Z][\w.’'-]*|of|de|van|von)\s+){0,5}[A-Z][\w.’'-]*))
# (?:\s+\([^()]{1,100}\))?(?:\s+(?:here|there|now|too|\w+ly))*$", opening with the class of the first
# letters of its pronouns and of a name's words, so that the regex engine scans for it (it was tried at
# every position of the phrase), each alternative after it told apart by the letter behind: each
# group holds what follows that letter, from the match's start to the group's end
_NAME_PART = r"[A-Z][\w.’'-]*"
_TAIL_SOURCE = re.compile(
    rf"[hstwIodvA-Z](?:(?<!\w.)(?P<pronoun>(?<=h)e|(?<=s)he|(?<=t)hey|(?<=w)e|(?<=I))"
    rf"|(?P<name>(?:(?<=[A-Z])[\w.’'-]*|(?<=o)f|(?<=d)e|(?<=v)an|(?<=v)on)\s+(?:(?:{_NAME_PART}|of|de|van|von)\s+){{0,4}}"
    rf"{_NAME_PART}|(?<=[A-Z])[\w.’'-]*))(?:\s+\([^()]{{1,100}}\))?(?:\s+(?:here|there|now|too|\w+ly))*$"
)


def _tail_source(phrase: str, offset: int) -> tuple[int, int] | None:
    """A pronoun or name that ends a longer stretch: "At the debate in Iowa she said"."""
    match = _TAIL_SOURCE.search(phrase)
    if not match:
        return None
    # (the pronoun or the name runs from the match's start: its first letter opens the pattern)
    s, e = match.start(), match.end("pronoun" if match.group("pronoun") is not None else "name")
    words = phrase[s:e].split()
    while len(words) > 1 and _PREPOSITION_START.fullmatch(words[0]):
        # "Despite Trump's": a capitalised preposition opening the sentence is no part of a name
        s += phrase[s:].index(words[1])
        words = words[1:]
    while words and words[0] in ("of", "de", "van", "von"):
        s += phrase[s:].index(words[1]) if len(words) > 1 else len(words[0])
        words = words[1:]
    if not words or words[0] in _NOT_SOURCE_NAMES:
        return None
    return offset + s, offset + e


# "said Friday that", "told reporters on Monday night that": time and manner before the content
_ADJUNCT_THAT = re.compile(
    r"(?:out\s+)?"  # the particle of a phrasal cue: "pointing out that"
    r"(?:(?:yesterday|today|tonight|earlier|later|again|publicly|privately|repeatedly|on \w+|this \w+|"
    r"last \w+|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|"
    rf"evening|night))?|in (?:a|an|his|her|their|its) (?:\w+ )?(?:{COMMUNICATIONS}))[,]?\s+)*"
    r"(?:that\b|:)\s*", re.I)


def _content_after(text: str, pos: int, end: int) -> tuple[int, int]:
    pos = _skip(text, pos, end)
    that = _ADJUNCT_THAT.match(text, pos, end)
    if that:
        pos = that.end()
    return _strip_span(text, pos, end)


_CONTRAST_BEFORE = re.compile(r"(?<=\w),\s+(?:while|whereas)\s+$")
# (r"\b(?:because|since|...)\s*$", opening with a class: case_blind_words)
_SUBORDINATE_END = re.compile(case_blind_words(["because", "since", "although", "though", "if", "unless",
                                                "when", "after", "before", "while", "as", "once", "until"])
                              + r"\s*$", re.IGNORECASE)


def _trim_contents(text: str, found: list[RawAttribution]) -> list[RawAttribution]:
    """A content ends where the next attribution in the unit begins, unless that one is inside it:
    "reported that Lavrov pushed ...", "went on to say that, because Smith testified, ..."."""
    trimmed = []
    for index, raw in enumerate(found):
        s, e = raw.content_span
        for later in found[index + 1:]:
            if s < later.source_span[0] < e and text.find(", wh", s, later.source_span[0]) >= 0 \
                    and (contrast := _CONTRAST_BEFORE.search(text, s, later.source_span[0])) is not None:
                # "Roe named five, while Bell named six": after a comma, "while" or "whereas" sets a
                # second main clause against the first, with its own subject and verb; what the
                # first cue reports ends at the comma (not "said that while Bell argued ...", where
                # the clause opens the content and is part of it)
                e = contrast.start()
                break
            if not is_speech_cue(text[later.cue_span[0]:later.cue_span[1]].strip()):
                continue  # "said that he and X introduced ...": a learned cue reports no one
            boundary = min(later.source_span[0], later.cue_span[0])
            nested = later.source_span[0] == s \
                or (s < later.source_span[0] < e
                    and _SUBORDINATE_END.search(text[s:later.source_span[0]].rstrip(" ,")) is not None)
            # (a later attribution whose content comes before its cue, or runs on both sides of it,
            # frames what precedes it, this one too: "X told friends he will quit, according to
            # aides", "X has misled the council, Roe said, and ...": what X told or did ends there)
            frame = later.content_span[1] <= boundary \
                or later.content_span[0] <= later.cue_span[0] < later.content_span[1]
            if s < boundary < e and (later.content_span[0] > s or frame) and not nested:
                e = boundary
                break
        trimmed.append(raw if e == raw.content_span[1] else raw._replace(content_span=(s, max(s, e))))
    return trimmed


# a full stop (not an abbreviation's), a comma or another mark, '' or a conjunction or relative
# pronoun between spaces; r"(?<!\bMr)...[.]|[,;:!?”’\"]|''|\s(?:and|...)\s" opening with the class of
# every one's first character, so that the regex engine scans for it, and telling them apart after it
_PHRASE_END = re.compile(r"[.,;:!?”’\"'\s](?:(?<=[,;:!?”\"])|(?<=’)(?!\w)"
                         r"|(?<=\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSen\.)(?<!\bGov\.)"
                         r"(?<!\bRep\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\b[A-Z]\.)"
                         r"|(?<=')'|(?<=\s)(?:and|but|that|who|which|when|while|after|before|because)\s)")


def _phrase_end(text: str, pos: int, end: int) -> int:
    match = _PHRASE_END.search(text, pos, end)
    return _end_before(text, match.start() if match else end)


def _end_before(text: str, stop: int, blanks: str | None = None) -> int:
    """len(text[:stop].rstrip(blanks)), without copying all the text before stop."""
    if blanks is None:
        while stop and text[stop - 1].isspace():
            stop -= 1
    else:
        while stop and text[stop - 1] in blanks:
            stop -= 1
    return stop


# what a span is trimmed of: spaces and commas, and the no-break space some outlets type before a
# verb or a time ("“...,”\u00a0added Roe", "reported\u00a0late Thursday"), a space like any other
_BLANKS = " ,\xa0"


def _skip(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in _BLANKS:
        pos += 1
    return pos


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _BLANKS:
        s += 1
    while e > s and text[e - 1] in _BLANKS:
        e -= 1
    return s, e
