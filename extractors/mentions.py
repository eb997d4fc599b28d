"""Find who is mentioned: watchlist figures by name, alias, role or possessive, and other people."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal, NamedTuple

from nameparser.config import CONSTANTS as NAME_CONSTANTS
from wordfreq import zipf_frequency

from storywatch.records import Figure


def _word_opening(first: str) -> str:
    """r"\\b" + first, for a class `first` of word characters, written so that the regex engine can
    scan for the class: a pattern that opens with \\b is tried at every position of the text, one
    that opens with a class only where the class matches. The lookbehind after the first character
    asks what \\b asks: that no word character comes before it."""
    return rf"{first}(?<!\w{first})"


# he, she, his, her, him (r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b"), opening with a class
PRONOUNS = re.compile(_word_opening("[HhSs]") + r"(?:(?<=[Hh])(?:e|is|er|im)|(?<=[Ss])he)\b")
# the set each of PRONOUNS belongs to, named as a watchlist's `pronouns:` names it
PRONOUN_SETS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_POSSESSIVE = r"(?:['’]s)?"
DAYS_AND_MONTHS = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December""".split())
# Adverbs that open a sentence before its subject, or stand capitalised in a Title Case headline
_ADVERBS = frozenset("""Even Also Then Still Now Later Earlier First Finally Only Instead Indeed However
    Yet So Meanwhile""".split())
# Capitalised words that start names of places, organisations and times, not people.
_NOT_NAMES = DAYS_AND_MONTHS | frozenset(
    """The A An And But In On At Of For To From With By As If When While After Before Since
    According Unlike Echoes Veteran Former Putin's Multiple Minister Foreign Secretary State
    United States Kingdom Nations Union European Europe Russia Russian Russia's America American
    Moscow Kremlin Times Washington Budapest Ukraine Africa South North East West New House
    White Senate Congress Council Security Ministry Department Court Party Republican Democrat
    Democratic Republicans Democrats
    G20 NATO UN US UK EU Italy Italy's Corriere Sera Pentagon Metro Getty Images Cold War
    Street Post News Journal Press Agency Office Committee Commission Bank Fox CNN Twitter
    Facebook University Institute Center Centre
    One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Dozens Hundreds Thousands Several
    Many Some Both All Most Few""".split()
) | _ADVERBS | frozenset(
    # words that open the name of a group around someone: "Team Trump", "Camp Clinton"
    "Team Camp".split()
) | frozenset(
    # the rest of English's closed classes of prepositions and subordinating conjunctions, which
    # open a sentence before a name ("Despite Ted Cruz's shortcoming ...") and are no part of it
    """Despite Amid Among Although Though Because During Without Within Against Toward Towards
    Across Behind Beyond Beside Besides Throughout Until Unless Whether Once Upon Via Inside
    Outside Onto Into Underneath Whereas Following Including Regarding Concerning""".split()
)
# Words that end the names of organisations: a run of capitalised words that goes on into one of them
# names the organisation ("the Democratic Congressional Campaign Committee"), not a person
_ORGANISATION_ENDS = frozenset(
    """Committee Commission Council Party Department Ministry Agency Office Bank University Institute
    Center Centre Court Association Foundation Group Corporation Company Fund Union Board
    Authority Service Network Channel""".split()
)
# Titles before a name are no part of it ("Attorney General Loretta Lynch", "Chairman Bob
# Goodlatte"): nameparser's titles, and the compound office nouns it leaves out
TITLES = frozenset(NAME_CONSTANTS.titles) | frozenset(
    "chairman chairwoman chairperson spokesman spokeswoman spokesperson congressman congresswoman "
    "councilman councilwoman assemblyman assemblywoman sen".split())  # "Sen.", AP's abbreviation
# A proper name after "the" is an institution's, a paper's or a body's ("The Denver Ledger", "the
# Associated Press"), never a person's: English names people without an article.
_THE_BEFORE = re.compile(r"(?:^|(?<=\W))[Tt]he\s+$")
# a state's abbreviation set off after a place, as AP style writes it ("Little Rock, Ark.,", "Nashua,
# N.H.,"): not a generational suffix ("Jr.", "Sr."), which follows a person's name
_STATE_AFTER = re.compile(r",\s+(?!(?:Jr|Sr)\.)(?:[A-Z][a-z]{1,4}|[A-Z]\.[A-Z])\.,")
_INSTITUTION = re.compile(r"[Tt]he\s+[A-Z]")
# four capitalised words or more, the last two (with a middle initial) in group 1; not a suffix
_RUN_WORD = r"(?!(?:Jr|Sr)\b)[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?"
_LONG_RUN = re.compile(rf"(?:{_RUN_WORD}\s+(?:[A-Z]\.\s+)?){{2,}}"
                       rf"({_RUN_WORD}\s+(?:[A-Z]\.\s+)?{_RUN_WORD})\b(?!\s+[A-Z][a-z])")
_MORE_CAPITALISED = re.compile(r"(?:\s+[A-Z][a-z]+)+")
# Up to two words may describe a role's holder between its possessive and the rest of the role:
# "Trump's 41-year-old campaign manager", "Trump's new campaign manager". They are lower-case words,
# hyphenated words or numbers; a capitalised word ("Trump's Senate chief of staff") names another post.
_MODIFIERS = r"(?:\s+(?-i:[a-z0-9][a-z0-9-]*)){0,2}"
# The commonest English words (the, of, and, to, with, his: Zipf frequency 6.5 and more in wordfreq)
# join phrases rather than describe a person: "Trump's firing of campaign manager Lewandowski".
_JOINING_FREQUENCY = 6.5
# A word of a name: capitalised, with at most one more capital inside ("McCain", "DeMoro", "RoseAnn")
_NAME_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?"
# _NAME's runs of letters and spaces are possessive (++): a letter or a space given back would
# be followed by one, which nothing after a run accepts (a capital, a hyphen, a space, a word's
# end), so the engine need not give any back before it fails ("The president": "The", then no
# capital after the space; the same matches, found sooner)
_NAME_WORD_KEPT = r"[A-Z][a-z]++(?:[A-Z][a-z]++)?"
_NAME = re.compile(  # r"\b(NAME_WORD...)\b", opening with a class (_word_opening)
    rf"({_word_opening('[A-Z]')}[a-z]++(?:[A-Z][a-z]++)?(?:-{_NAME_WORD_KEPT})?"
    rf"(?:\s++(?:[A-Z]\.\s++)?{_NAME_WORD_KEPT}(?:-{_NAME_WORD_KEPT})?){{1,2}})\b"
)


# how a mention was found; "person" is someone off the watchlist (or a surname seen in full before)
FoundKind = Literal["name", "alias", "role", "possessive", "person", "reference"]


class Found(NamedTuple):
    """A mention found in the text: who, where, and how."""

    who: str
    start: int
    end: int
    kind: FoundKind


class FigureMatcher:
    """Finds watchlist figures in text by canonical name, alias and role phrase."""

    def __init__(self, figures: list[Figure]):
        patterns = []
        self._kinds: dict[str, tuple[str, FoundKind]] = {}
        for figure in figures:
            phrases: list[tuple[str, FoundKind]] = [(figure.name, "name")]
            phrases += [(a, "alias") for a in figure.aliases]
            phrases += [(r, "role") for r in figure.roles]
            for phrase, kind in phrases:
                key = phrase.casefold().replace("’", "'")
                self._kinds.setdefault(key, (figure.name, kind))
                patterns.append(phrase)
        patterns.sort(key=len, reverse=True)
        alternatives = "|".join(_flexible(p) for p in patterns)
        self._regex = re.compile(rf"(?<![\w-])({alternatives}){_POSSESSIVE}(?![\w-])", re.IGNORECASE)
        self._case = {p.casefold().replace("’", "'"): p for p in patterns}
        # One word of each phrase that must be in a text for the phrase to be: a cheap first test
        self._keys = tuple({_key_word(p) for p in patterns}) if all(map(_key_word, patterns)) else ()

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Found]:
        if not self._kinds:
            return []  # an empty watchlist mentions nobody
        end = len(text) if end is None else end
        if self._keys:
            lowered = text[start:end].lower()
            # (map of the method, not a generator: asked of every unit)
            if not any(map(lowered.__contains__, self._keys)):
                return []
        found = []
        for match in self._regex.finditer(text, start, end):
            phrase = match.group(1)
            key = " ".join(phrase.casefold().replace("’", "'").split())
            entry = self._kinds.get(key) or self._without_modifiers(key)
            if entry is None:
                continue
            figure, kind = entry
            if kind != "role" and not _first_letter(phrase).isupper():
                # names are capitalised ("@Handle" after its sign); "lavrov" in a URL slug is no mention
                continue
            if kind in ("name", "alias") and _suffix_of_another(text, match.end(1), figure):
                continue  # "Donald Trump Jr." is not Donald Trump
            if kind == "alias" and (self._ends_another_name(text, match.start(1), figure, match.end(1))
                                    or self._opens_another_name(text, match.end(1), figure, start, end)):
                continue
            stop = match.end(0)
            if match.group(0) != phrase and is_contraction(text, stop):
                stop = match.end(1)  # "Roe's been": Roe, then "has"
            elif kind != "role" and match.group(0) != phrase:
                kind = "possessive"
            found.append(Found(figure, match.start(1), stop, kind))
        return found

    @staticmethod
    def _ends_another_name(text: str, start: int, figure: str, end: int) -> bool:
        """Whether the alias at `start` ends someone else's full name: "Bush" in "George W. Bush"
        or "Laura Bush" is not Jeb Bush, "Christie" in "Mary Pat Christie" not Chris Christie (a
        given name or an initial before it, not a title: "Gov. Bush", "President Bush" are)."""
        before = _GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
        if before is None:
            return False
        words = before.group(0).split()
        last = words[-1]
        if _describes_a_holder(last) \
                or any(_same_given_name(word, given) for word in words for given in figure.split()[:-1]):
            # a title, or the figure's own given name ("Paul D. Ryan", "James B. Comey"), even
            # mistyped ("Rence Priebus", "Human Abedin")
            return False
        # a sentence's first word is capitalised whatever it is ("Firing Ivanova was a mistake"):
        # alone there, it is read as a given name only if it is an initial
        opens_sentence = _SENTENCE_START.search(text, max(0, before.start() - 3), before.start()) is not None
        if opens_sentence and len(words) == 1 and len(last.rstrip(".")) > 1:
            # ... unless the article writes the same two words inside a sentence too: "Bill Clinton
            # said" opening a sentence is Bill Clinton when "... former President Bill Clinton ..."
            # is written elsewhere
            return _written_inside_a_sentence(text, f"{last} {text[start:end]}")
        return True

    @staticmethod
    def _opens_another_name(text: str, end_of_alias: int, figure: str, start: int, end: int) -> bool:
        """Whether the alias opens someone else's full name: "Kelly" in "Kelly Ayotte" is not Megyn
        Kelly, "Warren" in "Warren Buffett" not Elizabeth Warren (a capitalised word right after
        it that is no title, place, body, day or word of the figure's own name; not in a headline
        in title case, where every word is capitalised: "Warren Endorses Clinton")."""
        after = _SURNAME_AFTER.match(text, end_of_alias, end)
        if after is None:
            return False
        word = after.group(1)
        if word in figure.split() or _describes_a_holder(word):
            return False
        # (a headline in title case has no longer word in lower case)
        return _LOWER_CASE_WORD.search(text, start, end) is not None

    def _without_modifiers(self, key: str) -> tuple[str, FoundKind] | None:
        """The watchlist phrase a match with words after its possessive stands for, if those words
        describe the holder ("trump's new campaign manager"); None if one is a joining word."""
        words = key.split()
        for i, word in enumerate(words[:-1]):
            if not word.endswith("'s"):
                continue
            for n in (1, 2):
                entry = self._kinds.get(" ".join(words[:i + 1] + words[i + 1 + n:]))
                if entry is not None:
                    modifiers = words[i + 1:i + 1 + n]
                    if any(zipf_frequency(w, "en") >= _JOINING_FREQUENCY for w in modifiers):
                        return None
                    return entry
        return None


# a generational suffix after a name: "Jr.", "Sr.", a Roman numeral ("I" and "V" alone would be a
# pronoun or an initial)
_GENERATION_SUFFIXES = frozenset(("jr", "sr", "jnr", "snr", "junior", "senior", "ii", "iii", "iv"))
_SUFFIX_AFTER = re.compile(r",?[ \t]+([A-Z][A-Za-z]+)\.?(?![\w'’-])")


def _suffix_of_another(text: str, end: int, figure: str) -> bool:
    """Whether a generational suffix follows the name at `end` that the figure's own name does not
    have: "Donald Trump Jr." names the son, not the figure Donald Trump."""
    after = _SUFFIX_AFTER.match(text, end)
    if after is None or after.group(1).lower() not in _GENERATION_SUFFIXES:
        return False
    return after.group(1) not in {word.rstrip(".,") for word in figure.split()}


# After a name, 's before one of these words is "has" or "is", not a possessive: "Roe's been
# saying", "Roe's not running", "Roe's got a point"; a possessive is followed by what is owned.
_CONTRACTED = re.compile(r"\s+(?:been|not|never|got|gotten|going|gone|had|already|still|also|just)\b(?!-)")


# a surname right after a word, on the same line: "Kelly Ayotte", not "Kelly's", "Kelly, Ayotte"
_SURNAME_AFTER = re.compile(r"[ \t]+([A-Z][a-z][\w’'-]*)\b(?![’']s\s+[a-z]+\s+[A-Z])")
_LOWER_CASE_WORD = re.compile(r"\b[a-z][a-z’'-]{3,}")
# the capitalised words or initials right before a word, as a full name's given names stand (on
# the same line; a dot only after an initial: "Trump. Ryan" is two sentences)
_GIVEN_NAME_BEFORE = re.compile(r"(?:\b(?:[A-Z][\w’'-]*|[A-Z]\.)[ \t]+)+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?][”’\"')]?\s+|\n\s*|[“\"]\s*)$")


def _written_inside_a_sentence(text: str, phrase: str) -> bool:
    """Whether the phrase occurs somewhere in the text after a word of its sentence."""
    at = text.find(phrase)
    while at >= 0:
        if at > 0 and _SENTENCE_START.search(text, max(0, at - 3), at) is None:
            return True
        at = text.find(phrase, at + 1)
    return False


def _same_given_name(word: str, given: str) -> bool:
    """The word is that given name, or that name mistyped by a letter (added, dropped or changed)."""
    if word == given:
        return True
    if len(given) < 4 or abs(len(word) - len(given)) > 1:
        return False
    return SequenceMatcher(None, word, given).ratio() >= 0.8


def is_contraction(text: str, end: int) -> bool:
    """Whether the 's that ends at `end` is a contracted "has" or "is"."""
    return _CONTRACTED.match(text, end) is not None


def _first_letter(phrase: str) -> str:
    return next((c for c in phrase if c.isalpha()), "")


def _key_word(phrase: str) -> str:
    """The longest word of a phrase without an apostrophe, lower-cased ('' when there is none)."""
    words = [w.lower() for w in phrase.split() if "'" not in w and "’" not in w]
    return max(words, key=len, default="")


def _flexible(phrase: str) -> str:
    """A phrase pattern that tolerates straight/curly apostrophes and any whitespace, and up to
    two modifiers after a possessive inside the phrase ("Trump's new campaign manager").

    Each word is cut at its apostrophes and the pieces joined by a class of both: rewriting one
    apostrophe into the class and then the other would rewrite the ’ inside the class itself.
    """
    words = phrase.split()
    parts = ["['’]".join(map(re.escape, re.split("['’]", word))) for word in words]
    for i, word in enumerate(words[:-1]):
        if re.search("['’]s$", word):
            parts[i] += _MODIFIERS
    return r"\s+".join(parts)


def _without_titles(words: list[str]) -> list[str]:
    """The words of a capitalised run without the titles and capitalised non-names it opens with."""
    while words and (words[0] in _NOT_NAMES or words[0].lower() in TITLES):
        words = words[1:]
    return words


def names_an_institution(who: str) -> bool:
    """Whether a source or a name is an institution's: it opens with "The" ("The New York
    Times"), so "he" or "she" cannot refer to it."""
    return _INSTITUTION.match(who) is not None


_OPENING_QUOTES = ("“", '"', "‘")
_QUOTED_TITLE = re.compile(r"[,.]?[”\"’]")


def _describes_a_holder(word: str) -> bool:
    """A capitalised word that is no part of a person's name: a title, an organisation's word, or
    a word that names no one ("Senate", "News")."""
    return word.lower() in TITLES or word in _NOT_NAMES or word in _ORGANISATION_ENDS


def find_person_names(text: str, start: int, end: int, known: dict[str, str]) -> list[Found]:
    """People named in text[start:end]: 'Dmitry Peskov', or a surname seen in full before (alone or
    after a title: 'Mr. Peskov'); `known` maps a surname to the full name."""
    found = []
    pos = start
    while (match := _NAME.search(text, pos, end)) is not None:
        # an adverb ends a run ("Donald Trump Finally Endorses House Speaker Paul Ryan"): what is
        # before it is read as a name of its own
        # (a run of four capitalised words or more opens with three the search took, "Senate
        # Minority Whip" of "Senate Minority Whip Richard J. Durbin": a match of two words, most
        # matches, opens none)
        run_words = match.group(1).split()
        after_two = run_words[2:]
        run = _LONG_RUN.match(text, match.start(1), end) \
            if after_two and _ADVERBS.isdisjoint(after_two) else None
        if run is not None and not any(map(_describes_a_holder, run.group(1).split())):
            # "Senate Minority Whip Richard J. Durbin", "McCain Challenger Kelli Ward": a run of
            # four capitalised words or more is a description, then a name; the name follows the
            # run's last title or organisation ("DNC Chairwoman Debbie Wasserman Schultz", "Fox
            # News Channel Megyn Kelly"), else it is the last two words (with a middle initial)
            words = text[match.start(1):run.start(1)].split()
            last_title = max((i for i, w in enumerate(words) if _describes_a_holder(w)), default=None)
            if last_title is None:
                pos = run.start(1)
            else:
                pos = match.start(1) + len(" ".join(words[:last_title + 1])) + 1
            if pos > match.start(1):
                continue
        words = _without_titles(run_words)
        if text[match.end(1):match.end(1) + 1] == "." and words and words[-1].lower() in TITLES:
            pos = match.end(1)  # "Texas Sen. Ted Cruz": a place and an abbreviated title, no name
            continue
        while words and words != run_words:
            # "Republican Christine Todd Whitman", "Attorney General Loretta Lynch": the name runs
            # on past the words left off
            match = _NAME.match(text, match.start(1) + match.group(1).index(words[0]), end) or match
            run_words = match.group(1).split()
            longer = _without_titles(run_words)
            if longer == words:
                break
            words = longer
        # a run that is no name may still end in one: "House Judiciary Committee Chairman Bob
        # Goodlatte" is searched again from its second word
        second = text.find(" ", match.start(1), match.end(1))
        pos = match.end(1)
        # "President Barack Obama Tuesday said": a day or a month after a name is no part of it,
        # nor an adverb, capitalised in a Title Case headline ("Donald Trump Finally Endorses")
        cut = len(words) if _AFTER_A_NAME.isdisjoint(words) \
            else next(i for i, w in enumerate(words) if w in _AFTER_A_NAME)
        if 2 <= cut < len(words) and _NOT_NAMES.isdisjoint(words[:cut]):
            words = words[:cut]
        elif text[match.end(1) + 1:match.end(1) + 2].isupper():
            # a run that goes on into an organisation's word names the organisation (not when
            # the name was cut before the rest of the run)
            more = _MORE_CAPITALISED.match(text, match.end(1), end)
            if more and not _ORGANISATION_ENDS.isdisjoint(more.group().split()):
                continue
        if len(words) < 2 or not _NOT_NAMES.isdisjoint(words):
            pos = second + 1 if second > 0 else match.end(1)
            continue
        if words[-1] in _ORGANISATION_ENDS:  # "Clinton Foundation", "Library Foundation": a body
            continue
        name = " ".join(words)
        offset = match.start(1) + match.group(1).index(words[0])
        name_end = offset + len(name)
        before = text[max(0, offset - 5):offset]  # (searched only with the "he" of a "the" in it)
        if "he" in before and _THE_BEFORE.search(before) or _QUOTED_TITLE.match(text, name_end) \
                and text[match.start(1) - 1:match.start(1)] in _OPENING_QUOTES:
            continue  # nor is a name in quotation marks of its own: the “Bathroom Bill”
        if _STATE_AFTER.match(text, name_end):
            continue  # "a Little Rock, Ark., event": a place with its state's abbreviation, as AP writes it
        kind: FoundKind = ("possessive" if text[name_end:name_end + 2] in ("'s", "’s")
                           and not is_contraction(text, name_end + 2) else "person")
        # the end of a full name seen before: "(Rep.) Wasserman Schultz" is Debbie Wasserman Schultz
        seen = known.get(words[-1], "")
        who = seen if seen.endswith(" " + name) else name
        found.append(Found(who, offset, offset + len(name), kind))
    taken = [(f.start, f.end) for f in found]
    # a surname after its full name in the same sentence names that person too ("Hillary Clinton
    # has chosen ..., to be in sync with Clinton, who ...")
    named_here = {f.who.split()[-1]: (f.who, f.end) for f in found if " " in f.who}
    if known or named_here:
        # (one pass over the capitalised words: most units name a surname, and a first pass to
        # test for one would read the unit twice)
        for match in _CAPITALISED.finditer(text, start, end):
            word = match.group()
            if word not in known and word not in named_here:
                continue
            s, e = match.span()
            here = named_here.get(word)
            full_name = known.get(word) or (here[0] if here and here[1] <= s else None)
            if full_name and not any(a <= s < b for a, b in taken):
                kind = ("possessive" if text[e:e + 2] in ("'s", "’s") and not is_contraction(text, e + 2)
                        else "person")
                found.append(Found(full_name, s, e, kind))
    return sorted(found, key=lambda f: f.start)


_AFTER_A_NAME = DAYS_AND_MONTHS | _ADVERBS  # words that end a name's run: "Obama Tuesday", "Trump Finally"
_CAPITALISED = re.compile(_word_opening("[A-Z]") + r"[\w-]*\b")  # r"\b[A-Z][\w-]*\b"


@lru_cache(maxsize=8)
def matcher_for(figures: tuple[Figure, ...]) -> FigureMatcher:
    """One compiled matcher per watchlist, not one per article."""
    return FigureMatcher(list(figures))


def may_mention(text: str, figures: list[Figure]) -> bool:
    """False only when no figure can be mentioned in the text: none of their names, aliases or role
    phrases, nor a surname (the article walk takes a figure's surname alone as the figure). Every
    claim rests on such a mention, so a text without one has no claims about the figures."""
    if matcher_for(tuple(figures)).find(text):
        return True
    return any(figure.name.split()[-1] in text for figure in figures if figure.name.split())
