"""The article walk: sentences -> mentions -> attributions, with pronouns resolved in order.

1. split the text into units (sentences; a quotation is never cut)
2. per unit, find watchlist figures, other people, and raw attributions
3. resolve pronouns ("He added that…") to the most salient person so far, and quotes with no
   cue to the speaker who introduced them; a pronoun only refers to a person whose pronouns it
   agrees with, when they are known (from the watchlist, or the first pronoun after the name)
4. hand each unit, with who is mentioned and who speaks, to the claims builder
"""

from __future__ import annotations

import re

from storywatch.records import Attribution, Figure, Mention

from .attribution import (
    DATELINE_OPENING,
    TIME_OPENING,
    RawAttribution,
    after_openings,
    closed_by_own_break,
    find_attributions,
    is_speech_cue,
    quote_regions,
)
from .confidence import MODEL, ConfidenceModel, speakers
from .lexicon import COMMUNICATIONS, OFFICIAL_TITLES, case_blind_words
from .mentions import (
    PRONOUN_SETS,
    PRONOUNS,
    TITLES,
    FigureMatcher,
    Found,
    FoundKind,
    find_person_names,
    matcher_for,
    names_an_institution,
)
from .sentences import DOUBLE_OPEN, SINGLE_OPEN, Unit, split_units
from .units import ArticleAnalysis, UnitAnalysis

# An opening adjunct before the subject ("At an interview with X, he said"): the pronoun after its
# comma is the sentence's subject, not someone named inside the adjunct.
_SUBORDINATE_START = re.compile(r"(?:Before|After|When|While|As|Although|Since|Unlike|In|On|At|"
                                r"During|Despite|Following|If|With|Without|Amid|Throughout|Upon|Under)\b")
# the named one's verb, then the pronoun: "Roe dubbed her", "Roe has told him"
_OBJECT_OF_THEIR_VERB = re.compile(r"\s+(?:[a-z]+ly\s+|has\s+|had\s+|have\s+)?[a-z]+(?:ed|s)\s+")
# between the one named and an object pronoun, their own verb: "Roe yanked her", "Roe has told him",
# "Roe roughly grabbed her", or a gerund they control: "accused Roe of grabbing her"
_VERB_OF = re.compile(_OBJECT_OF_THEIR_VERB.pattern + r"|\s+(?:of|for)\s+[a-z]+ing\s+")
# a relative pronoun right before a subject pronoun: "Kelly, who he claims", "with whom she"
_RELATIVE_BEFORE = re.compile(r"[,—–-]\s*(?:(?:with|to|for|of|about|at|from)\s+)?(?:who|whom)\s+$")
# what follows "her" when it is an object, not a possessive: a preposition, a conjunction,
# punctuation or the end
_AFTER_AN_OBJECT = re.compile(r"\s*(?:[,.;:!?)”\"'’—-]|$)|\s+(?:at|in|on|out|off|of|to|for|with|from|by|"
                              r"about|into|and|or|as|when|while|that|because|after|before|again|back|up|"
                              r"down)\b")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
# a finite verb right after a subject: "Clinton traveled", "Roe has said", "Roe also says"
_FINITE_VERB = re.compile(r"\s+(?:[a-z]+ly\s+|also\s+)?(?:has\s+|had\s+|was\s+|is\s+|will\s+)?"
                          r"[a-z]+(?:ed|s)\b")
# the named one's verb (an adverb or auxiliary before it), then a reflexive: "Roe dug himself"
_REFLEXIVE_AFTER = re.compile(r"\s+(?:[a-z]+\s+){1,2}?(him|her)self\b")
# between a name and a pronoun, someone the pronoun may refer to instead: someone new ("a
# reporter"), or a capitalised word within a sentence (a name not found as a person: "Clinton")
_SOMEONE_ELSE = re.compile(r"\b[Aa]n?\s|(?<![.!?\n] )(?<!\n)\b[A-Z][a-z]")
_IN_APPOSITION = re.compile(r"(?:['’]s)?,\s+(?:(?:the|a|an)\s+)?(?:(?:former|then|onetime|longtime)\s+)?")
_ANOTHER_POST_BEFORE = re.compile(r"\b(?:[Dd]eputy|[Aa]ssistant|[Aa]ssociate|[Vv]ice|[Uu]nder)[\s-]+$")
_AS_A_POST = re.compile(r"\b(?:to\s+be(?:come)?|as)\s+(?:(?:the|a|an)\s+)?(?:(?:next|new)\s+)?$", re.I)
# what may open a main clause before its subject: "the", a few lower-case words ("the combative")
_MAIN_SUBJECT_BEFORE = re.compile(r"(?:[Tt]he\s+)?(?:[a-z-]+\s+){0,2}")
# a main clause opened by a description, no name: "the mayor said", "a committee aide noted" (its
# first four lower-case words, read for the verb)
_DESCRIPTION_OPENING = re.compile(r"(?:[Tt]he|[Aa]n?)\s+([a-z-]+)\s+([a-z-]+)"
                                  r"(?:\s+([a-z-]+))?(?:\s+([a-z-]+))?")
# a noun phrase whose head (its last word before a preposition or clause) is a plural noun
_PLURAL_HEAD = re.compile(r"[^,]*?\b[a-z]+[^s\W]s(?:\s+(?:of|with|in|at|from|for|on|who|that)\b.*)?$", re.S)
_WHO_SAYS_HE = re.compile(r",\s+who\s+(?:[a-z]+\s+){1,2}(?:that\s+)?$")
# A clause whose subject is a person described by their office ("the Florida senator", "a former
# governor") and not named, up to a possessive or object pronoun in its predicate: the pronoun is
# the subject's own ("..., and the Florida senator suspended his campaign": his is the senator's,
# not whoever was named before), unless the description is a figure's role (then a mention).
_DESCRIBED_SUBJECT = re.compile(
    r"(?:^|[;:]\s+|,\s+(?:and|but|while|as|though|although|because|after|before|when)\s+)"
    r"(?:[Tt]he|[Aa]n?)\s+(?:[\w.’'-]+\s+){0,3}?([a-z]+)\s+(?:[a-z]+ly\s+)?(?:has\s+|had\s+|will\s+)?"
    r"[a-z]+(?:ed|s)\s+(?:[\w’'-]+\s+){0,6}?$")
# between a subject and its verb: nothing but an adverb ("He later suggested")
_VERB_AFTER_SUBJECT = re.compile(r"\s+(?:[a-z]+ly\s+|later\s+|then\s+|also\s+|soon\s+)?")
# a negation or a modal of inability right before a verb of saying: "cannot say", "did not say"
_NEGATED_BEFORE = re.compile(r"\b(?:cannot|can[’']t|could\s+not|couldn[’']t|did\s+not|didn[’']t|does\s+not|"
                             r"doesn[’']t|never|will\s+not|won[’']t|would\s+not|wouldn[’']t)\s+$")
# what closes a possessive before the noun it owns: "Priebus' assertion", "Roe’s claim"
_POSSESSIVE_TAIL = re.compile(r"(?:['’]s?)?\s+")
_SOMEONE_NEW = re.compile(r"\b[Aa]n?\s")
# (r"\b(?:by|with|...)\s+$", opening with a class: case_blind_words)
_PREPOSITION_BEFORE = re.compile(case_blind_words(["by", "with", "of", "to", "between", "from", "for",
                                                   "against", "about"]) + r"\s+$", re.I)
# a pronoun that speaks at a sentence's start: "He said", "She also added" (_speaker_going_on)
_SPEECH_AFTER_PRONOUN = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?(?:said|says|added|adds|told|tells|"
                                   r"continued|noted|explained|argued|insisted|went on)\b")
# a name joined to the source phrase after it: "X (D) and Y (R) announced" (_figure_joined_before)
_JOINED_BEFORE = re.compile(r"(?:\s*\([A-Z][\w.-]{0,10}\))?\s+and\s+$")
# ", and he decided": a subject pronoun opening a coordinated clause (_subject_coordinated)
_AND_BEFORE = re.compile(r",\s+and\s+$")
_SUBJECT_NEXT = re.compile(r"(?:he|she)\s+[a-z]+")
# titles before a name that opens a sentence, not "The Roe plan"
_OPENS_WITH = re.compile(r"\s*(?:(?!(?:The|A|An|This|That)\s)[A-Z][a-z]*\.?\s+){0,3}")


# After a name inside a source phrase, a lower-case word makes the name a modifier ("the Trump
# campaign"); before it, a preposition makes it an object ("an adviser to Trump").
_MODIFIES_A_NOUN = re.compile(r"\s+(?!(?:of|and|or|who|whose|from|in|at|on|with|for|to)\b)[a-z]")
_PREPOSITION_BEFORE_NAME = re.compile(r"\b(?:of|to|for|with|at|from|by|in|on|about|among|near|inside|"
                                      r"outside|within|around|behind|across|against|including|like|"
                                      r"under|toward|towards|alongside)\s+(?:the\s+)?[^,]*$")
# A participle after a noun opens a post-modifier whose object a name is: "Democrats supporting
# Mrs. X", "lawyers representing X" (the head is the noun before it; not an adjective in -ing
# before a title, "the outgoing Senate leader X", nor one after a determiner or a possessive)
_PARTICIPLE_BEFORE_NAME = re.compile(
    r"(?<![’'])\b(?!(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|and|or)\s)[A-Za-z][\w-]*\s+"
    r"(?!(?:outgoing|incoming|leading|ranking|sitting|presiding|retiring|managing|acting|reigning|"
    r"founding|governing|remaining|visiting|polling|morning|evening|during|nothing|something|"
    r"anything|everything)\b)[a-z]{3,}ing\s+(?:[^,\s]+\s+){0,3}$")
Candidate = tuple[Attribution, str]  # an attribution and the pattern that found it


# a clause after a quotation, opening with a word and another: "“Choke!” blared the Herald."
_CLAUSE_AFTER_QUOTE = re.compile(r"\s*[A-Za-z]+\s+[A-Za-z]")

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?=[A-Z])")
_HONORIFIC_PRONOUNS = {"Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she"}
_BOTH_HONORIFICS = re.compile(r"\b(?:Mr|Mrs|Ms)\.?\s+and\s+$")


# a role that is someone's: "Trump's wife", "Donald Trump's campaign manager" (the owner's name,
# capitalised words; what is owned, lower case)
_OWNED_ROLE = re.compile(r"(?:the\s+)?((?:[A-Z][\w.]*\s+)*[A-Z][\w.-]*)'s\s+([a-z][a-z -]*[a-z])")


def _honorific_pronouns(figure: Figure) -> str | None:
    """The pronouns a gendered honorific among the figure's aliases gives ("Mr. Comey": he; "Ms.
    Lynch": she), if its aliases hold such honorifics and they agree."""
    found = {_HONORIFIC_PRONOUNS[m.group(1)] for alias in figure.aliases if (m := _HONORIFIC.match(alias))}
    return found.pop() if len(found) == 1 else None


class _Walk:
    """State carried from unit to unit: who is salient, who introduced the next quote."""

    def __init__(self, text: str, matcher: FigureMatcher, figures: list[Figure],
                 learned: dict[str, str] | None = None):
        self.text = text
        self.matcher = matcher
        self.figure_names = {f.name for f in figures}
        # "the chair" for a figure whose role is "DNC chair": the head noun of a role, after "the",
        # when no other figure's role shares it
        heads: dict[str, set[str]] = {}
        for figure in figures:
            for role in figure.roles:
                head = _role_head(role)
                if head:
                    heads.setdefault(head, set()).add(figure.name)
        self.short_roles = {h: next(iter(w)) for h, w in heads.items() if len(w) == 1}
        self._short_role = re.compile(
            rf"\bthe\s+({'|'.join(map(re.escape, self.short_roles))})\b(?![\w-]|\s+of\b)"
        ) if self.short_roles else None
        self.known: dict[str, str] = {}  # surname -> full name, learned from the article
        for figure in figures:
            # a figure's surname alone is the figure, unless the watchlist gives aliases and leaves
            # the surname out of them: "Trump" is not Ivanka Trump (her aliases "Ivanka", "Ms.
            # Trump"), it is whoever of that name the article names in full first (Donald Trump)
            if not figure.aliases or figure.name.split()[-1] in figure.aliases:
                self.known[figure.name.split()[-1]] = figure.name
        # A figure's first name alone ("Debbie") is the figure once its full name has appeared, when
        # no other figure or person named in the article shares it and the article never uses it as
        # a lower-case word ("Rose" of "prices rose").
        self.first_names: dict[str, set[str]] = {}  # first word -> full names that start with it
        for figure in figures:
            self._saw_full_name(figure.name)
        self.named_in_full: set[str] = set()  # figures whose full name has appeared
        self.lower_case_uses: dict[str, bool] = {}  # first name -> used as a lower-case word
        self.salient: str | None = None
        self.salient_span: tuple[int, int] = (0, 0)  # where the salient person was last named
        self.salient_unit_end = 0  # the end of the unit that named them
        self.colon_speaker: tuple[str, tuple[int, int], tuple[int, int]] | None = None
        self.officials: set[str] = set()
        self.previous_quote: tuple[int, int] | None = None
        # who -> "he"/"she"/"they": from the watchlist, else learned from this article (`learned`:
        # by an earlier reading of it)
        self.pronouns: dict[str, str] = dict(learned or {})
        self.pronouns.update({f.name: f.pronouns for f in figures if f.pronouns})
        # the pronouns the watchlist gives: its own, else those of an honorific among the aliases
        self.given_pronouns = {f.name: p for f in figures if (p := f.pronouns or _honorific_pronouns(f))}
        # a figure's roles that are someone's ("Trump's wife", "Donald Trump's campaign manager"):
        # that someone's surname -> (what follows the possessive, as a pattern; the figure)
        self.kin_roles: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for figure in figures:
            for role in figure.roles:
                if (owned := _OWNED_ROLE.fullmatch(role.replace("’", "'"))) is not None:
                    tail = re.compile(rf"\s+{re.escape(owned.group(2))}\b")
                    self.kin_roles.setdefault(owned.group(1).split()[-1], []).append((tail, figure.name))
        # (who, pronoun) for each pronoun taken as someone's while their own pronouns were unknown
        self.guessed: set[tuple[str, str]] = set()
        # someone just named whose pronouns are unknown: who, where the name ends, units left
        self.learning: tuple[str, int, int] | None = None
        # "he"/"she" -> whom it last referred to, and in which unit
        self.last_referent: dict[str, tuple[str, int]] = {}
        self.named: list[tuple[str, int, int]] = []  # people named outside quotes: who, where, unit
        self.mentioned: list[str] = []  # people named in the unit before, quotations included
        self.units = 0
        self.last_source: tuple[str, int] | None = None  # the last speech's source, and its unit

    def unit(self, unit: Unit) -> UnitAnalysis:
        text, s, e = self.text, unit.start, unit.end
        figures = self.matcher.find(text, s, e)
        people = [Found(f.who, f.start, f.end, f.kind) for f in figures]
        if figures and self.given_pronouns:
            # ("Mr. Clinton" for a figure the watchlist has as "she": someone else, kept as a person)
            others = [self._someone_else_by_honorific(f) for f in figures]
            if any(others):
                figures = [f for f, other in zip(figures, others, strict=True) if other is None]
                people = [Found(f.who, f.start, f.end, f.kind) for f in figures]
                people += [other for other in others if other is not None]
        in_roles: list[Found] = []
        for person in find_person_names(text, s, e, self._known()):
            if self.given_pronouns and person.who in self.figure_names:
                person = self._someone_else_by_honorific(person) or person  # "Mr. Trump" found by surname
            overlapping = [f for f in people if f.start <= person.start < f.end
                           or person.start <= f.start < person.end]
            # (one test of the overlapping roles, and none for most people, who overlap nothing)
            if not overlapping:
                people.append(person)
            elif all(f.kind == "person" and f.who not in self.figure_names for f in overlapping):
                continue  # "Mr. Clinton", found above as someone other than the figure
            elif all(f.kind == "role" for f in overlapping):
                in_roles.append(person)
            else:
                continue
            # "Donald Trump" inside the role "chairman of Donald Trump's campaign" is someone
            # too: his surname alone names him later, not a figure a pronoun goes to
            self.known.setdefault(person.who.split()[-1], person.who)
            self._saw_full_name(person.who)
        people = self._not_someone_elses_role(people) + self._short_roles(unit, people)
        for figure in figures:  # "Debbie Wasserman Schultz", not "Wasserman Schultz" nor a role
            first = figure.who.split()[0]
            if first != figure.who and text[figure.start:figure.end].split()[0] == first:
                self.named_in_full.add(figure.who)
        people.sort(key=lambda f: f.start)
        self._learn_from_honorifics(people)
        pronouns = [m for m in PRONOUNS.finditer(text, s, e) if not _generic(text, m)]
        quotes = quote_regions(text, s, e)
        referents = dict(self.last_referent)  # as the units before left them
        # where an opening phrase ends, when its pronouns look ahead to a described speaker (the
        # opening read once: "While he campaigned there, " serves both readings below)
        intro_end = _intro_end(text, unit) if pronouns or self.learning else None
        ahead = self._opening_phrase_end(people, intro_end) if intro_end is not None else None
        self._learn_pronouns(unit, people, pronouns, quotes, ahead)
        if pronouns:
            people = self._resolve_pronouns(unit, people, pronouns, quotes, in_roles, ahead, intro_end)
            if self.kin_roles:
                people = self._roles_by_pronoun(people)
        self.units += 1
        self.named += [(p.who, p.start, self.units) for p in people
                       if p.kind != "reference" and not (quotes and _inside(quotes, p.start))]
        self.mentioned = [p.who for p in people]
        figures = [p for p in people if p.who in self.figure_names]
        found = self._quote_before(unit, self._attributions(unit, people))
        attributions = [a for a, _ in found]
        if quotes and any(p.kind in ("reference", "possessive") for p in people):
            people = self._not_the_speaker(unit, people, attributions, quotes, referents)
            figures = [p for p in people if p.who in self.figure_names]
        if unit.kind == "sentence":  # a learned cue ("made", "plans") does not make a speaker
            self._update_salience(unit, people, [a for a in attributions if is_speech_cue(a.cue)], quotes)
            if unit.start <= self.salient_span[0] < unit.end:
                self.salient_unit_end = unit.end
        return UnitAnalysis(unit, figures, people, attributions, set(self.officials),
                            [p for _, p in found])

    def _short_roles(self, unit: Unit, people: list[Found]) -> list[Found]:
        """"the chair" refers back to the figure whose role it heads ("DNC chair"), when the figure
        was named in this unit or the one before and nobody found here stands at that place."""
        if self._short_role is None:
            return []
        found = []
        for match in self._short_role.finditer(self.text, unit.start, unit.end):
            who = self.short_roles[match.group(1)]
            recent = any(w == who and n >= self.units - 1 for w, _, n in self.named) \
                or any(p.who == who and p.start < match.start() for p in people)
            if recent and not any(p.start <= match.start(1) < p.end for p in people):
                found.append(Found(who, match.start(), match.end(), "role"))
        return found

    def _not_someone_elses_role(self, people: list[Found]) -> list[Found]:
        """A role phrase set off right after someone else's name describes that person ("Jo Hart,
        the former city manager, said"), and one after "to be" or "as" names the post, not
        its holder ("the race to be the city manager"): neither is a mention of the figure."""
        if all(p.kind != "role" for p in people):
            return people
        people.sort(key=lambda f: f.start)
        kept: list[Found] = []
        for p in people:
            if p.kind == "role":
                before = next((q for q in reversed(kept) if q.end <= p.start), None)
                if before is not None and before.who != p.who \
                        and _IN_APPOSITION.fullmatch(self.text, before.end, p.start):
                    continue
                if _AS_A_POST.search(self.text, max(0, p.start - 30), p.start):
                    continue
                # "Illinois Attorney General Lisa M. Madigan": a title right before someone else's
                # name is theirs; "deputy attorney general", "assistant secretary": another post
                after = next((q for q in people if q.start >= p.end), None)
                if after is not None and after.who != p.who and after.kind in ("person", "name", "alias") \
                        and not self.text[p.end:after.start].strip():
                    continue
                if _ANOTHER_POST_BEFORE.search(self.text, max(0, p.start - 20), p.start):
                    continue
            kept.append(p)
        return kept

    def _saw_full_name(self, name: str):
        words = name.split()
        if len(words) >= 2:
            self.first_names.setdefault(words[0], set()).add(name)

    def _known(self) -> dict[str, str]:
        """Surnames, and first names of figures named in full that nobody else shares."""
        if not self.named_in_full:
            return self.known
        firsts = {}
        for name in self.named_in_full:  # a few figures, not every person the article names
            first = name.split()[0]
            if len(self.first_names.get(first, ())) == 1 and first not in self.known \
                    and not self._used_as_a_word(first):
                firsts[first] = name
        return self.known | firsts if firsts else self.known

    def _used_as_a_word(self, name: str) -> bool:
        """Whether the article uses the name as a lower-case word (read once per name)."""
        if name not in self.lower_case_uses:
            # (the word search runs only where the lower-case word is in the text at all: "debbie"
            # is in few articles, and the search would try every position of the whole text)
            word = name.lower()
            self.lower_case_uses[name] = word in self.text \
                and re.search(rf"\b{re.escape(word)}\b", self.text) is not None
        return self.lower_case_uses[name]

    def _quote_before(self, unit: Unit, attributions: list[Candidate]) -> list[Candidate]:
        """“Quote.” / Barkley said.: a cue with no content of its own takes the quote before it."""
        quote, self.previous_quote = self.previous_quote, None
        if _opens_with_quote(self.text, unit):
            regions = quote_regions(self.text, unit.start, unit.end)
            if regions and regions[0][1] >= unit.end - 2:
                self.previous_quote = regions[0]
        if quote is None:
            return attributions
        result = []
        for a, pattern in attributions:
            if a.cue and a.content_span[0] > a.cue_span[0] \
                    and len(self.text[a.cue_span[1]:unit.end].split()) < 4:
                a = a.model_copy(update={"content": self.text[quote[0]:quote[1]],
                                         "content_span": quote, "quote": self.text[quote[0]:quote[1]]})
                pattern = "quote_before"
            result.append((a, pattern))
        return result

    def _roles_by_pronoun(self, people: list[Found]) -> list[Found]:
        """A figure's role that is someone's ("Trump's wife"), said with a possessive pronoun that
        refers to that someone: "His wife had warned him ..." after Donald Trump is Melania Trump, as
        "Trump's wife" would be."""
        found = []
        for person in people:
            pronoun = self.text[person.start:person.end].lower()
            if person.kind != "possessive" or pronoun not in ("his", "her"):
                continue  # (a pronoun's, not a name's: "Trump's wife" is a role of its own)
            for tail, figure in self.kin_roles.get(person.who.split()[-1], ()):
                if figure != person.who and (owned := tail.match(self.text, person.end)) is not None:
                    found.append(Found(figure, person.start, owned.end(), "role"))
        return sorted(people + found, key=lambda f: f.start) if found else people

    def _someone_else_by_honorific(self, found: Found) -> Found | None:
        """The person a figure's name stands for when a gendered honorific before it disagrees with
        the figure's pronouns as the watchlist gives them: "Mr. Clinton" is not Hillary Clinton,
        "Mrs. Pence" not Mike Pence; grammar tells them apart as it does a pronoun of the wrong
        gender. Pronouns learned from the article are no ground for it: they are learned from these
        very honorifics, and an article that names "Mr. Clinton" first would teach "he". None when
        the honorific agrees, or there is none."""
        known = self.given_pronouns.get(found.who)
        if known not in ("he", "she") or found.kind in ("role", "reference"):
            return None
        honorific = self._honorific_before(found)
        if honorific is None or honorific.start() > found.start or honorific.end() < found.start:
            return None
        if _HONORIFIC_PRONOUNS[honorific.group(1)] == known or _BOTH_HONORIFICS.search(
                self.text, max(0, honorific.start() - 9), honorific.start()):
            return None  # (nor "Mr. and Mrs. Trump": both of them)
        start = min(honorific.start(), found.start)
        return Found(self.text[start:found.end].removesuffix("'s").removesuffix("’s"), start, found.end,
                     "person")

    def _learn_from_honorifics(self, people: list[Found]):
        """A person named with a gendered honorific ("Mr. Comey", "Mrs. Clinton's") is known by
        its pronouns from then on, unless the watchlist or the article said otherwise first: many
        outlets name everyone so on second reference, and it is better evidence than the next
        pronoun."""
        for person in people:
            if person.who in self.pronouns or person.kind == "reference":
                continue
            honorific = self._honorific_before(person)
            if honorific and honorific.start() <= person.start + 1:
                self.pronouns[person.who] = _HONORIFIC_PRONOUNS[honorific.group(1)]

    def _honorific_before(self, found: Found) -> re.Match[str] | None:
        """The first gendered honorific from six characters before a name to its end ("Mr. Comey",
        or inside an alias, "Mrs. Clinton"); the callers say how close to the name it must open."""
        window = max(0, found.start - 6)
        if self.text.find("M", window, found.start + 2) < 0:
            return None  # no "M" where an honorific would open: most names, written without one
        return _HONORIFIC.search(self.text, window, found.end)

    def _learn_pronouns(self, unit: Unit, people: list[Found], matches: list[re.Match],
                        quotes: tuple[tuple[int, int], ...], ahead: int | None):
        """A person's pronouns are those of the first pronoun after their name, in the same or the
        next unit, when no one else is named in the unit before them or in between ("Jane Roe said
        her…", not "Jo Hart accused Jane Roe of grabbing her"), nor what may be someone else
        (_SOMEONE_ELSE: "Roe asked a reporter whether she…"); never assumed."""
        if self.learning is None and all(p.who in self.pronouns or p.kind == "possessive" for p in people):
            return  # no one whose pronouns are still to learn: most units
        text = self.text
        # (nor one that looks ahead to a description: "In her reply, the mayor noted" is no evidence)
        pronouns = [Found(m.group(0), m.start(), m.end(), "reference")
                    for m in matches
                    if not _inside(quotes, m.start()) and not (ahead and m.start() < ahead)]
        first: str | None = None  # the unit's first person, named or referred to
        for found in sorted(people + pronouns, key=lambda f: f.start):
            if found.kind == "reference" and self.learning \
                    and _OBJECT_OF_THEIR_VERB.fullmatch(text, self.learning[1], found.start) \
                    and found.who.lower() in ("her", "him"):
                # "Roe dubbed her ...", "Roe told him": an object pronoun of the named one's own
                # verb is someone else (a reflexive would be theirs: "Roe told himself"); no
                # evidence of their pronouns, and the next pronoun may still be
                continue
            if found.kind == "reference":
                # within the sentence that named them, a pronoun the salient person is known by
                # may be theirs ("Roe explained that Hart referred to her remarks"): no evidence;
                # nor one that disagrees with the watchlist's honorific ("Of Mrs. Roe, he said")
                said = PRONOUN_SETS[found.who.lower()]
                if self.learning and self.given_pronouns.get(self.learning[0], said) == said \
                        and not _SOMEONE_ELSE.search(text, self.learning[1], found.start) \
                        and not (self.learning[2] == 2
                                 and self._taken_by_someone_else(said, self.learning[0])):
                    self.pronouns[self.learning[0]] = said
                self.learning = None
                first = first or "a pronoun"
                continue
            first = first or found.who
            if not self.learning or found.who != self.learning[0]:
                # someone else named: the next pronoun may be theirs when they are the first one
                # of the unit; a possessive ("Roe's aide said she") is rarely the one it refers to
                new = found.who not in self.pronouns and found.kind != "possessive" and first == found.who
                self.learning = (found.who, found.end, 2) if new else None
        if self.learning:
            reflexive = _REFLEXIVE_AFTER.match(text, self.learning[1])
            if reflexive:
                # "Roe dug himself a hole": a reflexive is bound by its clause's subject, the
                # surest sign of their pronouns
                self.pronouns[self.learning[0]] = PRONOUN_SETS[reflexive.group(1).lower()]
                self.learning = None
        if self.learning:
            who, end, left = self.learning
            self.learning = (who, end, left - 1) if left > 1 else None

    def _taken_by_someone_else(self, pronoun: str, who: str) -> bool:
        """Whether the pronoun may as well be the salient person's, someone else known to use it,
        than that of `who`, whose pronouns are not known ("Clinton explained that Roe was referring
        to her interviews, but she insisted ...": "her" and "she" are Clinton's)."""
        return self.salient not in (None, who) and self.pronouns.get(self.salient) == pronoun

    def _agrees(self, who: str | None, pronoun: str) -> bool:
        """Whether a pronoun (he/she) may refer to who: their pronouns agree, or are unknown (an
        honorific among a figure's aliases is known: "Mrs. Roe" is no "he", though the article's
        pronouns are what is learned and preferred, self.pronouns)."""
        return (who is not None and not names_an_institution(who)
                and self.pronouns.get(who, self.given_pronouns.get(who, pronoun)) == pronoun)

    def _first_named_before(self, pronoun: str) -> str | None:
        """Whom a pronoun with no one to refer to outside quotations refers to: the first person
        named in the unit before, quotations included, whose pronouns it fits (the
        subject of what was said: '“... that Roe would endorse anyone ...,” she said. Papers
        said he ...')."""
        return next((who for who in self.mentioned if self._agrees(who, pronoun)), None)

    def _only_one_named_before(self, pronoun: str) -> str | None:
        """The one person the unit before named outside quotations, if there is exactly one and
        the pronoun may refer to them."""
        before = {who for who, _, unit in self.named if unit == self.units}
        if len(before) != 1:
            return None
        who = next(iter(before))
        return who if self._agrees(who, pronoun) else None

    def _named_since(self, pronoun: str, after: int, units: int, unknown: bool = False) -> str | None:
        """The last person named after position `after`, in the last `units` units, whose known
        pronouns are `pronoun` (or, with `unknown`, whose pronouns are not known otherwise)."""
        for who, start, unit in reversed(self.named):
            if start < after or unit <= self.units - units:
                return None
            if self.pronouns.get(who, pronoun if unknown else None) == pronoun \
                    and not names_an_institution(who):
                return who
        return None

    def _resolve_pronouns(self, unit: Unit, people: list[Found], matches: list[re.Match],
                          quotes: tuple[tuple[int, int], ...], in_roles: list[Found],
                          ahead: int | None, intro_end: int | None) -> list[Found]:
        """Who each pronoun of the unit refers to (a Found of theirs), among the people found and
        those named inside a figure's role ("Tim Kaine, Hillary Clinton's running mate, raised
        money for her": Clinton), who are no mentions of their own; `intro_end` is _intro_end's."""
        text = self.text
        resolved = list(people)
        first_pronoun_referent = None
        paragraph_start = text[max(0, unit.start - 1):unit.start] in ("", "\n")
        unnamed_until = 0
        for match in matches:
            pos = match.start()
            at_start = pos == unit.start or text[unit.start:pos].strip() in ("", "But", "And")
            # (resolved is kept in order: only people in a role, rarely any, need sorting in)
            earlier = sorted((p for p in (*resolved, *in_roles) if p.end <= pos), key=lambda f: f.start) \
                if in_roles else [p for p in resolved if p.end <= pos]
            if not _inside(quotes, pos):
                # who the quotation names is talked about, not who talks: “Roe lied,” he said
                earlier = [p for p in earlier if not _inside(quotes, p.start)]
            pronoun = PRONOUN_SETS[match.group(0).lower()]
            candidates: list[str | None] = [first_pronoun_referent, self.salient]
            if not (at_start or (intro_end is not None and pos <= intro_end)):
                candidates = [*[p.who for p in reversed(earlier)], self.salient]
            if intro_end is not None and pos < intro_end - 2 and not earlier:
                # "While he campaigned there, the senator's rival ...": a pronoun that opens a
                # clause before anyone is named in it looks ahead to the subject after its comma
                subject = next((p for p in people if p.start >= intro_end
                                and p.kind not in ("possessive", "reference")
                                and _MAIN_SUBJECT_BEFORE.fullmatch(text, intro_end, p.start)), None)
                if subject is not None and self._agrees(subject.who, pronoun):
                    candidates = [subject.who]
                elif ahead is not None:
                    # "In her reply, the mayor noted ...": the pronoun is the description's, whoever
                    # the mayor is; it is someone named before only if they are known to take it
                    known: list[str | None] = [c for c in candidates
                                               if c is not None and self.pronouns.get(c) == pronoun]
                    if not known:
                        continue
                    candidates = known
            if pos < unnamed_until:
                continue  # "a young child, who said he and his father ...": the child's
            if match.group(0).lower() in ("his", "her", "him") \
                    and self._described_subject(unit, pos, earlier):
                continue
            relative = _WHO_SAYS_HE.search(text, unit.start, pos)
            if relative is not None and relative.end() == pos:
                # "..., who said he ...": he is who the relative clause is about, the one named
                # right before it, or someone unnamed ("a young child, who said he ...")
                before = next((p for p in reversed(earlier) if p.end == relative.start()), None)
                if before is None or not self._agrees(before.who, pronoun):
                    comma = text.find(",", pos, unit.end)
                    unnamed_until = comma if comma > 0 else unit.end
                    continue
                candidates = [before.who]
            # "Roe yanked her", "Hart accused Roe of grabbing her": an object pronoun is not the
            # subject of its own verb (that would be "herself"), nor "he" in "Roe, whom he
            # praised" the one "whom" stands for, whoever else it may be
            binder = self._who_it_cannot_be(match, earlier)
            candidates = [c for c in candidates if c != binder]
            who = next((c for c in candidates if self._agrees(c, pronoun)), None)
            if who is not None and self.pronouns.get(who) is None and not at_start:
                # "Clinton acknowledged that she ... when Comey had characterized all of her
                # statements": the sentence's subject, known to take the pronoun, before a nearer
                # person whose pronouns are not known
                opener = next((p for p in earlier if p.kind not in ("possessive", "reference")), None)
                if opener is not None and opener.who != binder and self.pronouns.get(opener.who) == pronoun \
                        and _OPENS_WITH.fullmatch(self.text, unit.start, opener.start):
                    who = opener.who
            speaker = self._speaker_going_on(unit, match, pronoun) if at_start else None
            coordinated = self._subject_coordinated(unit, pos, earlier, pronoun) if not at_start else None
            if coordinated is not None:
                # "Trump has said that ... because Romney let him down, and he decided ...": the
                # subject of a clause joined by ", and" is the first clause's subject, not a name
                # inside its subordinate clause
                who = coordinated
            elif speaker is not None:
                # "..., Tester said. He said Grassley could lose ...": a sentence that opens with
                # "He said" goes on with the one who spoke in the sentence before
                who = speaker
            elif who is None:  # no one it can refer to here: the last person named it fits
                who = self._named_since(pronoun, 0, 3) or self._first_named_before(pronoun)
            elif pos == unit.start and who == self.salient and not paragraph_start \
                    and (nearer := self._only_one_named_before(pronoun)) not in (None, who):
                # "... listening to X's statement on Tuesday. He called ...": a sentence's "He"
                # goes on with the one person the sentence before named, not with someone
                # salient from further back
                who = nearer
            elif who == self.salient and not at_start and self.pronouns.get(who) is None \
                    and not any(self._agrees(p.who, pronoun) for p in earlier):
                # "... for Melania Trump's speech. Then, once Donald Trump's team ..., Portions of her
                # speech ...": a pronoun no one in its sentence can take, when the salient person's
                # pronouns are not known, is the person named since (the nearest who may take it)
                who = self._named_since(pronoun, self.salient_unit_end, 3, True) \
                    or (self._subject_before(pronoun, who) if not earlier else None) or who
            elif paragraph_start and pos == unit.start and who == self.salient:
                # a paragraph's "He" when another man was named in a sentence after the salient
                # one's is the nearer man (or the nearer person whose pronouns are not known,
                # when the salient one's are not known either)
                unknown = self.pronouns.get(who) is None
                who = self._named_since(pronoun, self.salient_unit_end, 3, unknown) or who
            if who is None or who == binder:
                continue
            if who not in self.pronouns:
                self.guessed.add((who, pronoun))
            first_pronoun_referent = first_pronoun_referent or who
            self.last_referent[pronoun] = (who, self.units)
            kind: FoundKind = "possessive" if match.group(0).lower() in ("his", "her") else "reference"
            resolved.append(Found(who, match.start(), match.end(), kind))
            resolved.sort(key=lambda f: f.start)
        return resolved

    def _opening_phrase_end(self, people: list[Found], intro_end: int) -> int | None:
        """Where the unit's opening phrase ends (`intro_end`, _intro_end's), when it names no one and
        the main clause after it has for its subject a description of who speaks, no name ("In her
        reply, the mayor noted"): a pronoun in the phrase looks ahead to that subject (not in "In
        her view, the budget is balanced", where no one speaks); else None."""
        if any(p.start < intro_end for p in people):
            return None
        opening = _DESCRIPTION_OPENING.match(self.text, intro_end)
        if opening is None or any(intro_end <= p.start < opening.end() and p.kind != "possessive"
                                  for p in people):
            return None
        # a reporting verb after the description's one to three words: "the mayor said"
        speaks = any(word is not None and is_speech_cue(word) for word in opening.groups()[1:])
        return intro_end if speaks else None

    def _subject_before(self, pronoun: str, salient: str) -> str | None:
        """The subject of the sentence before, when it is someone other than the salient person
        and may take the pronoun: "Along with her running mate Tim Kaine, Clinton traveled to
        Pittsburgh. Last week, she made stops in Denver." (a clause's subject is named at the
        sentence's start or after a comma, right before its verb)."""
        for who, start, unit in self.named:
            if unit != self.units or who == salient:
                continue
            before = self.text[max(0, start - 2):start]
            name = _CAPITALISED_RUN.match(self.text, start)
            if (before in ("", ", ") or before.endswith("\n")) and name is not None \
                    and _FINITE_VERB.match(self.text, name.end()) and self._agrees(who, pronoun):
                return who
        return None

    def _who_it_cannot_be(self, match: re.Match, earlier: list[Found]) -> str | None:
        """Who a pronoun cannot be: for an object pronoun, the one named right before its verb ("Roe
        told him", "Roe of grabbing her"); for the subject of a relative clause, the one the
        relative pronoun stands for ("Roe, whom he praised"). "her" is an object only before a
        preposition, a conjunction or punctuation; before a noun it is a possessive ("Roe raised
        her hand"), which may be them."""
        word = match.group(0).lower()
        if word in ("he", "she") and _RELATIVE_BEFORE.search(self.text, max(0, match.start() - 20),
                                                                match.start()):
            # "Kelly, who he claims has been unfair", "Kelly, whom he lit into": the relative
            # pronoun is the one named before it, and the subject of its clause someone else
            return next((p.who for p in reversed(earlier) if p.kind != "possessive"), None)
        if word not in ("him", "her") or word == "her" and not _AFTER_AN_OBJECT.match(self.text, match.end()):
            return None
        before = next((p for p in reversed(earlier) if p.kind != "possessive"), None)
        if before is None or not _VERB_OF.fullmatch(self.text, before.end, match.start()):
            return None
        return before.who

    def _subject_coordinated(self, unit: Unit, pos: int, earlier: list[Found], pronoun: str) -> str | None:
        """The sentence's subject, for a subject pronoun right after ", and" when the subject (a
        person named at the sentence's start) may take it."""
        if not _AND_BEFORE.search(self.text, max(unit.start, pos - 8), pos) or not _SUBJECT_NEXT.match(
                self.text, pos):
            return None
        subject = next((p for p in earlier if p.kind not in ("possessive", "reference")), None)
        if subject is None or not _OPENS_WITH.fullmatch(self.text, unit.start, subject.start):
            return None
        return subject.who if self._agrees(subject.who, pronoun) else None

    def _speaker_going_on(self, unit: Unit, match: re.Match, pronoun: str) -> str | None:
        """The speaker of the sentence before, named there, when this sentence opens with a
        pronoun that speaks ("He said", "She added") and may be theirs."""
        if self.last_source is None or self.last_source[1] != self.units \
                or not _SPEECH_AFTER_PRONOUN.match(self.text, match.end(), unit.end):
            return None
        who = self.last_source[0]
        named = any(w == who and n == self.units for w, _, n in self.named)
        return who if named and self._agrees(who, pronoun) else None

    def _described_subject(self, unit: Unit, pos: int, earlier: list[Found]) -> bool:
        """Whether the pronoun at pos is in the predicate of a clause whose subject is an office's
        unnamed holder ("the Florida senator suspended his campaign")."""
        text, start = self.text, max(unit.start, pos - 160)
        if start > 0 and text.find(",", start, pos) < 0 and text.find(";", start, pos) < 0 \
                and text.find(":", start, pos) < 0:
            return False  # (such a clause opens the text, or follows a comma, semicolon or colon)
        for match in _DESCRIBED_SUBJECT.finditer(text, start, pos):
            if match.end() == pos and match.group(1) in TITLES \
                    and not any(match.start() <= p.start < pos for p in earlier):
                return True
        return False

    def _not_the_speaker(self, unit: Unit, people: list[Found], attributions: list[Attribution],
                         quotes: tuple[tuple[int, int], ...],
                         referents: dict[str, tuple[str, int]]) -> list[Found]:
        """A third-person pronoun inside a quotation is not its speaker, who says "I": “If he
        knew, he should resign,” Roe said. It is whom the same pronoun last referred to, else the
        last other person named before whose pronouns are known to agree, else no one."""
        result = []
        for p in people:
            word = self.text[p.start:p.end].lower()
            if p.kind not in ("reference", "possessive") or word not in PRONOUN_SETS \
                    or not _inside(quotes, p.start):
                result.append(p)
                continue
            # (not one who "cannot say" or "did not say" it: a negated verb of saying reports no
            # words of theirs, and the quotation is the next speaker's)
            speaker = next((a.source for a in attributions if a.quote
                            and a.content_span[0] <= p.start < a.content_span[1]
                            and not _NEGATED_BEFORE.search(self.text, max(0, a.cue_span[0] - 20),
                                                           a.cue_span[0])), None)
            if speaker != p.who:
                result.append(p)
                continue
            pronoun = PRONOUN_SETS[word]
            if _SOMEONE_NEW.search(self.text, unit.start, p.start):
                continue  # "As a protester left, X said: “Punch him”": someone brought in unnamed
            other, at = referents.get(pronoun, (None, 0))
            if other == speaker or at < self.units - 2:  # from the unit before at most (this one is
                other = None                                # self.units - 1 until it is done)
            if other is None:
                other = next((who for who, start, named_in in reversed(self.named)
                              if named_in > self.units - 3 and start < p.start and who != speaker
                              and self.pronouns.get(who) == pronoun), None)
            if other is not None:
                result.append(p._replace(who=other))
                self.last_referent[pronoun] = (other, self.units)
        return result

    def _attributions(self, unit: Unit, people: list[Found]) -> list[Candidate]:
        text = self.text
        raws = find_attributions(text, unit.start, unit.end)
        result: list[Candidate] = []
        for raw in raws:
            if raw.inherits_source and result:
                # "Trump summed up Clinton as terrible, denounced her record and said ...": the
                # verbs share the sentence's subject, the source that comes first, not whatever
                # the last cue word before the "and" was given
                # (not one inside an opening phrase: "In a December interview with the AP, Trump
                # questioned ... and refused": the interview's "December" is no subject)
                opening = after_openings(text, unit.start, raw.cue_span[0])
                # (after ", and", ", while" or ";" a new clause opens with its own subject: "X
                # called for a boycott, and the league denounced it and said ...": the league)
                clause = max((m.end() for m in _NEW_CLAUSE.finditer(text, opening, raw.cue_span[0])),
                             default=opening)
                previous = min((a for a, _ in result if a.source_span[0] >= clause),
                               key=lambda a: a.source_span[0], default=None) \
                    or min((a for a, _ in result if a.source_span[0] >= opening),
                           key=lambda a: a.source_span[0], default=None) \
                    or min((a for a, _ in result), key=lambda a: a.source_span[0])
                result.append((_attribution(text, raw, previous.source, previous.source_span),
                               raw.pattern))
                continue
            if raw.inherits_source:
                continue
            phrase = text[raw.source_span[0]:raw.source_span[1]]
            source = self._name_in(raw.source_span, people) or self._office_of(raw.source_span, people) \
                or self._owner_named(phrase, raw, people)
            # (what was sent is "from" or "by" its sender: a phrase with neither is not matched)
            sent = _SENT_FROM.fullmatch(phrase) if "from" in phrase or "by" in phrase else None
            if sent:
                # "A statement from Ryan's office indicated ...": what was sent says what its
                # sender says, so the sender is the source
                sender = (raw.source_span[0] + sent.start(1), raw.source_span[1])
                source = self._name_in(sender, people) or sent.group(1)
            if phrase.lower() == "they":
                # "They called him ...": two people just named, else the group that spoke last
                # ("Six newspapers said ... They called him ...")
                source = self._pair_named_before(raw.source_span[0]) or self._group_before() or source
            if phrase.lower() == "it" and self.last_source and self.last_source[1] >= self.units - 1 \
                    and is_speech_cue(text[raw.cue_span[0]:raw.cue_span[1]].strip()):
                # "Bujnowski wrote in the affidavit. It continued: ...", "The report found ... It
                # said ...": "it" reporting speech goes on with the writing just reported, whose
                # source speaks
                source = self.last_source[0]
            source_span = raw.source_span
            if phrase.isdigit() and len(phrase) <= 3:
                # "his cousin James York, 40, cited ...": an age set off after a name is that
                # person's, and the person speaks
                named = next((p for p in reversed(people) if p.end <= raw.source_span[0]
                              and _AGE_GAP.fullmatch(text, p.end, raw.source_span[0])), None)
                if named is not None:
                    source, source_span = named.who, (named.start, raw.source_span[1])
            if phrase.lower() in ("who", "which"):  # a relative clause: its antecedent speaks
                # ("which" stands for a thing or a body, never a person: "Cruz got a decision from
                # the board, which ruled ...")
                earlier = [p for p in people if p.end <= raw.source_span[0]] \
                    if phrase.lower() == "who" else []
                source = earlier[-1].who if earlier else phrase
                # (the span runs from the antecedent to the relative pronoun: "Jo Roe, who")
                if earlier:
                    source_span = (earlier[-1].start, raw.source_span[1])
                between = text[earlier[-1].end:raw.source_span[0]] if earlier else ""
                if earlier and between.strip(" ,") and _PARENTHESIS.fullmatch(between):
                    pass  # "Jo Roe (D-Maine), who": the party and state set off are hers
                elif not earlier or between.strip(" ,"):
                    # "The union, which has backed Roe": no person just before, the phrase is
                    source_span = raw.source_span
                    nearest = _nearest_noun_phrase if phrase.lower() == "which" else _restrictive_antecedent
                    antecedent = _antecedent(text, unit.start, raw.source_span[0]) \
                        or nearest(text, unit.start, raw.source_span[0])
                    if antecedent is not None:
                        source = text[antecedent[0]:antecedent[1]]
                        source_span = (antecedent[0], raw.source_span[1])
                # "said a longtime adviser to Roe, who asked": the source just before, whole
                before = next((a for a, _ in reversed(result)
                               if 0 <= raw.source_span[0] - a.source_span[1] <= 3), None)
                if before is not None:
                    source, source_span = before.source, (before.source_span[0], raw.source_span[1])
            source = self._figure_joined_before(raw.source_span, people) or source
            subject = self._predicate_of(raw, [a for a, _ in result], people)
            source = subject.source if subject is not None else source
            source = self._possessor_of_the_cue(raw, people) or source
            if raw.pattern == "participle":
                # "Roe threw her support behind X, saying ...": the participle's subject is the
                # main clause's, as it was resolved there (there "her support" found its owner)
                main = next((a for a, _ in reversed(result) if a.source_span == raw.source_span), None)
                source = main.source if main is not None else source
            # (an official known already is not looked for again: the phrase would only add them anew)
            if source not in self.officials and OFFICIAL_TITLES.search(phrase) and not _FORMER.search(phrase):
                self.officials.add(source)
            if _is_pronoun(phrase) and source != phrase \
                    and not self._taken_by_someone_else(PRONOUN_SETS[phrase.lower()], source):
                # '"...," she said': the one who speaks is "she" (unless "she" may as well be
                # the salient person: then the resolution was a guess, nothing to learn from)
                self.pronouns.setdefault(source, PRONOUN_SETS[phrase.lower()])
            if source == phrase and source not in self.pronouns and _PLURAL_HEAD.match(phrase):
                # "some Democratic officials", "Six newspapers in the state": "they", never he or she
                self.pronouns.setdefault(source, "they")
            if raw.content_span[1] <= raw.content_span[0]:
                # "Breitbart News responded:" with nothing after the colon in its unit: no
                # attribution here, but its speaker says what the colon introduces, next
                self.colon_speaker = (source, raw.source_span, raw.cue_span)
                continue
            result.append((_attribution(text, raw, source, source_span), raw.pattern))
            if is_speech_cue(text[raw.cue_span[0]:raw.cue_span[1]].strip()):
                self.last_source = (source, self.units)
            if raw.colon:
                self.colon_speaker = (source, raw.source_span, raw.cue_span)
        if self.colon_speaker is not None and not _opens_with_quote(text, unit) and unit.kind == "sentence" \
                and (not raws or _block_after_colon(text, self.colon_speaker[2][1], unit.start)):
            # "Hewitt writes:" then a paragraph set off as a block, with no quotation marks: what
            # the colon introduces is the speaker's, as a quotation after it would be; a colon that
            # ends its paragraph introduces the block even when the block reports others in turn
            # ("Hewitt writes:\n\nThe movie mentions neither ...": Hewitt's, and the movie's)
            introduced_by = self.colon_speaker
            result.append((Attribution(
                source=introduced_by[0], cue="", content=text[unit.start:unit.end],
                source_span=introduced_by[1], cue_span=introduced_by[2],
                content_span=(unit.start, unit.end), quote=None,
            ), "colon_quote"))
        elif not raws and _opens_with_quote(text, unit):
            speaker = self.colon_speaker or (
                (self.salient, self.salient_span, (unit.start, unit.start))
                if self.salient else None
            )
            regions = quote_regions(text, unit.start, unit.end)
            q = regions[0] if regions else (unit.start, unit.end)
            if speaker is not None and not _clause_after_quote(text, q, unit.end) \
                    and not _heading_in_quotes(text, q) and not _title_in_quotes(text, q, unit.end):
                result.append((Attribution(
                    source=speaker[0], cue="", content=text[q[0]:q[1]],
                    source_span=speaker[1], cue_span=speaker[2], content_span=q,
                    quote=text[q[0]:q[1]],
                ), "colon_quote" if self.colon_speaker else "continued_quote"))
        if not (raws and raws[-1].colon) and unit.kind == "sentence":
            self.colon_speaker = None
        return result

    def _predicate_of(self, raw: RawAttribution, earlier: list[Attribution],
                      people: list[Found]) -> Attribution | None:
        """The attribution whose subject this one's source phrase runs on from, through its verb:
        "He suggested X, called her “third-rate” ...": the phrase "He suggested X" before
        "called" is He's predicate, not someone, and He speaks again. Only when that subject is a
        person named or a pronoun and its verb follows it (an adverb between), not a participle
        ("Voters backing X said": the phrase is a noun's)."""
        text = self.text
        for attribution in earlier:
            source_start, source_end = attribution.source_span
            cue_start, cue_end = attribution.cue_span
            if source_start == raw.source_span[0] and source_end < cue_start < raw.source_span[1] \
                    and not text[cue_start:cue_end].endswith("ing") \
                    and _VERB_AFTER_SUBJECT.fullmatch(text, source_end, cue_start) \
                    and any(p.start == source_start and p.end == source_end for p in people):
                return attribution
        return None

    def _possessor_of_the_cue(self, raw: RawAttribution, people: list[Found]) -> str | None:
        """"... fuel concern about Priebus' assertion that the party ...": a cue noun right after a
        person's possessive is that person's act of saying, whatever came before in the phrase."""
        text = self.text
        if not text[raw.cue_span[0]:raw.cue_span[1]].strip()[:1].islower():
            return None
        # (the tail needs a character at least: no one after the cue is tried)
        owner = next((p for p in people if raw.source_span[0] < p.start and p.end < raw.cue_span[0]
                      and (p.kind == "possessive" or text[p.end:p.end + 1] in "'’")
                      and _POSSESSIVE_TAIL.fullmatch(text, p.end, raw.cue_span[0])), None)
        return owner.who if owner is not None else None

    def _group_before(self) -> str | None:
        """The source of the last speech, in this unit or the one before, when it is a group ("they")."""
        if self.last_source is None or self.last_source[1] < self.units - 1:
            return None
        who = self.last_source[0]
        return who if self.pronouns.get(who) == "they" else None

    def _owner_named(self, phrase: str, raw: RawAttribution, people: list[Found]) -> str:
        """A source that opens with a possessive, said with its owner: "Her campaign" as "Hillary
        Clinton's campaign" once the pronoun is resolved; "Tuttle's article also attacked X" as
        Tuttle, since what a piece of writing says, its author says."""
        owner = next((p for p in people if p.start == raw.source_span[0] and p.kind == "possessive"), None)
        if owner is None:
            return phrase
        if _is_pronoun(phrase[:owner.end - owner.start]):
            return f"{owner.who}'s {phrase.split(' ', 1)[1]}" if " " in phrase else phrase
        return owner.who if _AUTHORED.fullmatch(phrase) else phrase

    def _office_of(self, span: tuple[int, int], people: list[Found]) -> str | None:
        """"Senator Roe's office announced": a person's office speaks for the person (it issues
        their statements, as their spokesperson does not: a spokesperson is someone of their own)."""
        if not self.text.endswith("office", span[0], span[1]):
            return None  # (the phrase ends with the office: most phrases have none)
        owner = next((p for p in people if span[0] <= p.start < span[1] and p.kind == "possessive"
                      and _OFFICE_AFTER.fullmatch(self.text, p.end, span[1])), None)
        return owner.who if owner is not None else None

    def _figure_joined_before(self, span: tuple[int, int], people: list[Found]) -> str | None:
        """"Former Gov. X (D) and former Gov. Y (R) announced ...": a figure named just before the
        source phrase and joined to it by "and" speaks with it, and for the pair (as in
        _name_in); a source phrase alone, or a figure after a preposition, is not joined."""
        text = self.text
        # (the window must end with "and" and spaces, as the pattern does, for the search to be
        # tried at each of its twenty positions: most source phrases stand alone)
        window = max(0, span[0] - 20)
        joined = _JOINED_BEFORE.search(text, window, span[0]) \
            if text[window:span[0]].rstrip().endswith("and") else None
        if joined is None:
            return None
        figure = next((p for p in people if p.end == joined.start() and p.who in self.figure_names
                       and p.kind != "possessive"), None)
        if figure is None or _PREPOSITION_BEFORE_NAME.search(text, max(0, figure.start - 30), figure.start):
            return None
        return figure.who

    def _pair_named_before(self, pos: int) -> str | None:
        """"Trump and Lewandowski said ... They had asserted": the last two people named as a pair
        ("A and B") in this unit or the one before; a figure among them speaks for the pair, since
        what they said together is the figure's own word."""
        recent = [(who, start) for who, start, unit in self.named
                  if unit >= self.units - 1 and start < pos]
        for (first, a), (second, b) in zip(reversed(recent[:-1]), reversed(recent[1:]), strict=True):
            if first != second and re.fullmatch(r"\S+(?:\s+\S+){0,3}\s+and\s+", self.text[a:b]):
                pair = (first, second)
                figure = next((who for who in pair if who in self.figure_names), None)
                return figure or f"{first} and {second}"
        return None

    def _name_in(self, span: tuple[int, int], people: list[Found]) -> str | None:
        """The person a source phrase names as its head: "Clinton campaign chairman John Podesta",
        "Rep. X (D-Fla.)"; not a name that modifies a noun ("the Trump campaign", "a former
        Podesta employee") or follows a preposition ("a longtime adviser to Trump", "an operative
        inside Trump Tower") or a participle ("Democrats supporting Clinton"): in English a noun
        phrase's head comes before its post-modifiers, so a name inside one is not who speaks. Nor
        a "name" that runs past the phrase into its cue (a Title Case headline's "Board Of Election
        Finds" has no person "Election Finds")."""
        text = self.text
        heads = [p for p in people if span[0] <= p.start < span[1] and p.end <= span[1]
                 and p.kind != "possessive"
                 and not _MODIFIES_A_NOUN.match(text, p.end, span[1])
                 and not _PREPOSITION_BEFORE_NAME.search(text, span[0], p.start)
                 and not _PARTICIPLE_BEFORE_NAME.search(text, span[0], p.start)]
        if len(heads) > 1 and re.search(r"\band\b", text[heads[-2].end:heads[-1].start]):
            # "Carson, Fiorina and Huckabee": people named together speak together; a figure
            # among them speaks for them, as in _pair_named_before, else the whole phrase does
            return next((p.who for p in heads if p.who in self.figure_names), None)
        if heads and re.match(r"\s+and\s", text[heads[-1].end:span[1]]):
            return None  # "she and another reporter": two speak together, the phrase is the source
        return heads[-1].who if heads else None

    def _update_salience(self, unit: Unit, people: list[Found], attributions: list[Attribution],
                         quotes: tuple[tuple[int, int], ...]):
        """Who is salient after the unit: its last quoted speaker, else the one asked, else its
        first speaker or its subject, whichever comes first (`quotes`: the unit's quote_regions)."""
        quoted = [a for a in attributions if a.quote and a.cue]
        if quoted:  # a quotation that follows with no cue continues this speaker
            self.salient, self.salient_span = quoted[-1].source, quoted[-1].source_span
            return
        # (the subject is read only past that return: a quoted speaker needs none; the window
        # before a person is searched for a preposition only outside quotations)
        subject = next((
            p for p in people
            if p.kind != "possessive"
            and not _inside(quotes, p.start)
            and not _PREPOSITION_BEFORE.search(self.text, max(unit.start, p.start - 40), p.start)
        ), None)
        if subject is None:
            # "Carson's renewed endorsement of his team came with caveats. He may add ...": a
            # person whose possessive opens the sentence is what it is about
            # (also after an opening phrase, and after a title: "Despite the warnings, Dr. Carson's
            # tone grew ...")
            subject = next((p for p in people if p.kind == "possessive" and all(
                word[:1].isupper()
                for word in self.text[after_openings(self.text, unit.start, p.start):p.start].split())),
                None)
        if attributions:
            first = attributions[0]
            asked = next((p for p in people if p.kind != "possessive"
                          and _ASKED.fullmatch(self.text, first.cue_span[1], p.start)), None) \
                if _ASKING.fullmatch(first.cue) else None
            if asked is not None:
                # "The host then asked X which states he could win. '...,' he said": the one asked
                # answers next
                self.salient, self.salient_span = asked.who, (asked.start, asked.end)
                return
            if not subject or first.source_span[0] <= subject.start:
                self.salient, self.salient_span = first.source, first.source_span
                return
        if subject:
            self.salient, self.salient_span = subject.who, (subject.start, subject.end)


_FORMER = re.compile(r"\bformer\b", re.I)  # "a former official": no official now
_ASKING = re.compile(r"(?:ask|asks|asked|asking|pressed|questioned)")  # verbs whose object answers
_ASKED = re.compile(r"\s+(?:then\s+)?")  # between such a verb and the person asked


# (or "and" or "but" before a subject pronoun, comma or not: "Roe called for reform and she promised
# ... and said", "... and he, once again, pledged ... and said": the pronoun is a new subject, which
# the verbs joined to its own share)
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+"
                         r"|(?<![\w’'])(?:and|but)\s+(?:then\s+)?(?=(?:he|she|they|we|I)\b(?!\s+(?:and|or)\b))")
_SENT_FROM = re.compile(rf"(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+)?(?:{COMMUNICATIONS})\s+(?:from|by)\s+(.+)")
_OFFICE_AFTER = re.compile(r"(?:['’]s)?\s+(?:press\s+)?office")
_AUTHORED = re.compile(rf"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*['’]s\s+(?:latest\s+|new\s+)?"
                       rf"(?:{COMMUNICATIONS})")


# a subordinate or prepositional opening, or a time clause ("Months after ..."), after a wire
# dateline if there is one: where it starts
_INTRO_START = re.compile(rf"(?:{DATELINE_OPENING.pattern})?"
                          rf"(?=(?:{_SUBORDINATE_START.pattern})|(?:{TIME_OPENING.pattern}))")


def _intro_end(text: str, unit: Unit) -> int | None:
    """Where an opening subordinate or prepositional phrase ends ("While he campaigned there, ",
    "Months after he left, "), after its comma, a wire dateline before it skipped ("WASHINGTON
    (AP) — "); None when the unit opens with none."""
    opening = _INTRO_START.match(text, unit.start, unit.end)
    if opening is None:
        return None
    start = opening.end()
    comma = text.find(", ", start, unit.end)
    return comma + 2 if comma > 0 else None


def _role_head(role: str) -> str:
    """The office a role phrase names when it is an office of a named institution or place,
    which has one holder: "chair" of "DNC chair", "governor" of "New Jersey governor"; '' for
    any other role ("vice presidential nominee", "Trump campaign chairman")."""
    words = role.split()
    if words[0] == "the":
        words = words[1:]
    if len(words) < 2 or not all(w[:1].isupper() for w in words[:-1]):
        return ""
    return words[-1] if re.fullmatch(r"[a-z]{4,}", words[-1]) else ""


# The noun phrase a non-restrictive relative clause follows: "..., the union, which"
_PARENTHESIS = re.compile(r"\s*\([^()]{1,40}\)\s*,\s*")
_ANTECEDENT = re.compile(r"(?:^|[,;:(“”\"—]\s*)((?:[\w.’'&-]+\s+){0,6}[\w.’'&-]+),\s*$")


# between a name and an age set off after it: "James York, 40, said"
_AGE_GAP = re.compile(r",[ \xa0]*")


# a noun phrase that ends a clause, right before its comma: a determiner or a capitalised word,
# then up to five words with no comma ("... a favorable decision from the Illinois Board of
# Elections, which")
_LAST_NOUN_PHRASE = re.compile(r"(?<![\w’'-])((?:the|a|an|its|his|her|their)\s+"
                               r"(?:[\w.’'&-]+\s+){0,4}[\w.’'&-]+"
                               r"|[A-Z][\w.’'&-]*(?:\s+(?:[A-Z][\w.’'&-]*|of|and|for|the)){0,5}),\s*$")


def _nearest_noun_phrase(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The noun phrase right before the comma that precedes a "which" at pos, when the whole
    stretch before is too long to be one (_antecedent): "which" takes the nearest noun phrase."""
    match = _LAST_NOUN_PHRASE.search(text, max(start, pos - 80), pos)
    return match.span(1) if match else None


def _restrictive_antecedent(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The noun phrase a restrictive "who" at pos follows with no comma, when it opens with a
    determiner or a number and opens its clause ("A woman who has accused X of rape said ...": a
    woman; "... that two other women who have accused X said ..."): who the relative clause says it
    of. Not a name, which _attribution's people before the pronoun already give."""
    match = _RESTRICTIVE_ANTECEDENT.search(text, max(start, pos - 60), pos)
    return match.span(1) if match else None


# a short determiner-led noun phrase that opens a clause (the unit, or after "that" or a comma),
# right before a restrictive relative pronoun
_RESTRICTIVE_ANTECEDENT = re.compile(
    r"(?:^|(?<=\bthat\s)|(?<=,\s)|(?<=\n))((?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|\d+)"
    r"(?:\s+[a-z][\w’'-]*){1,3})\s+$", re.M)


def _antecedent(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The span of the noun phrase a relative pronoun at pos follows, within 120 characters of it,
    when it opens like a whole noun phrase (a name or a determiner). It may open the unit that
    starts at start ("The lawsuit, which ..."): the search then runs on the unit's text, where "^"
    is its beginning."""
    if pos - start <= 120:
        match, offset = _ANTECEDENT.search(text[start:pos]), start
    else:
        match, offset = _ANTECEDENT.search(text, pos - 120, pos), 0
    if match is None:
        return None
    first = match.group(1).split()[0]
    if not (first[:1].isupper() or first.lower() in ("the", "a", "an")):
        return None
    return offset + match.start(1), offset + match.end(1)


# "his or her", "he or she", "him or her": anyone at all, never a person of the article
_EITHER_BEFORE = re.compile(r"\b(?:he|she|his|her|him)\s+or\s+$", re.I)
_EITHER_AFTER = re.compile(r"\s+or\s+(?:he|she|his|her|him|hers)\b", re.I)


def _generic(text: str, match: re.Match) -> bool:
    # (the window before is searched only with an "or" in it, in any case: most pronouns stand alone)
    start = match.start()
    window = max(0, start - 8)
    return _EITHER_AFTER.match(text, match.end()) is not None \
        or "or" in text[window:start].lower() and _EITHER_BEFORE.search(text, window, start) is not None


def _is_pronoun(word: str) -> bool:
    return word.lower() in PRONOUN_SETS


def _attribution(text: str, raw: RawAttribution, source: str, source_span) -> Attribution:
    quote = text[raw.quote_span[0]:raw.quote_span[1]] if raw.quote_span else None
    return Attribution(
        source=source,
        cue=text[raw.cue_span[0]:raw.cue_span[1]],
        content=text[raw.content_span[0]:raw.content_span[1]],
        source_span=source_span,
        cue_span=raw.cue_span,
        content_span=raw.content_span,
        quote=quote,
    )


def _clause_after_quote(text: str, quote: tuple[int, int], end: int) -> bool:
    """Whether a quotation closed by its own comma, "!" or "?" has a clause after it in its unit
    ("“Choke!” blared the Herald.", "“...,” she went on."): whoever that clause names says it,
    though its verb is no cue we know; it does not go on with the last speaker's words."""
    return closed_by_own_break(text, quote) and _CLAUSE_AFTER_QUOTE.match(text, quote[1], end) is not None


def _heading_in_quotes(text: str, quote: tuple[int, int]) -> bool:
    """Whether a quotation is a heading set in quotation marks, no one's words: a kicker before a
    colon ("“Related:”"; not a paragraph ending with one, "... Here they are:") or a line in capitals
    ("“EVENTUALLY VOTERS DECIDE”")."""
    words = text[quote[0]:quote[1]].strip("“”‘’\"' ")
    return words.endswith(":") and len(words.split()) <= 3 \
        or any(c.isalpha() for c in words) and words.upper() == words


def _title_in_quotes(text: str, quote: tuple[int, int], end: int) -> bool:
    """Whether a quotation that opens its unit is a title or a term the sentence goes on about, no
    one's words: a few words, each capitalised or only one, with no punctuation of their own inside
    the marks, and the sentence going on after them ("“Broad City” star Abbi Jacobson ...",
    "''The Big Short'' won ...", "“Refoulement” is the word for ...")."""
    words = text[quote[0]:quote[1]].strip("“”‘’\"' ").split()
    if not words or len(words) > 5 or words[-1][-1] in ".,;:!?…" \
            or not _WORD_AFTER.match(text, quote[1], end):
        return False
    return len(words) == 1 or all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)


_WORD_AFTER = re.compile(r"\s+[A-Za-z]")
_TITLE_SMALL_WORDS = frozenset("a an the of to in on for and or at by with".split())


def _block_after_colon(text: str, cue_end: int, start: int) -> bool:
    """Whether a colon right after the cue ends its paragraph, before text[start:]."""
    between = text[cue_end:start]
    return between.lstrip(" \t").startswith(":") and "\n" in between and not between[1:].strip()


def _opens_with_quote(text: str, unit: Unit) -> bool:
    return text[unit.start] in _QUOTE_OPENS


_QUOTE_OPENS = DOUBLE_OPEN + SINGLE_OPEN + "\"'"  # (joined once: asked of every unit)


def _inside(quotes: tuple[tuple[int, int], ...], pos: int) -> bool:
    # (a loop, not any() over a generator: asked for every person and pronoun, of a unit that most
    # often has no quotation or one)
    for a, b in quotes:
        if a < pos < b:
            return True
    return False


def analyse_text(text: str, figures: list[Figure],
                 confidence: ConfidenceModel | None = MODEL) -> ArticleAnalysis:
    """Units with mentions and resolved attributions, for the whole article.

    Each unit keeps every attribution its patterns found (the claims stage reads the units);
    the article's list keeps those the confidence model accepts, or all without a model.
    """
    matcher = matcher_for(tuple(figures))
    walk = _Walk(text, matcher, figures)
    pieces = split_units(text)
    units = [walk.unit(unit) for unit in pieces]
    contradicted = {who: walk.pronouns[who] for who, pronoun in walk.guessed
                    if who in walk.figure_names and walk.pronouns.get(who, pronoun) != pronoun}
    if contradicted:
        # "her" taken for Manafort before the article showed he is "he": the walk reads the article
        # once more, knowing from the start the pronouns it learned too late for the figures whose
        # pronouns it guessed (a figure's claims rest on them; so rarely that it costs little)
        walk = _Walk(text, matcher, figures, contradicted)
        units = [walk.unit(unit) for unit in pieces]
    analysis = ArticleAnalysis(text, units)
    speaking = speakers(units) if confidence is not None else None
    for unit in units:
        analysis.attributions.extend(
            unit.attributions if confidence is None  # all of them, unscored
            else (a for index, a in enumerate(unit.attributions)
                  if confidence.accepts(text, unit, index, speaking)))
        for found in unit.figures:
            kind = "name" if found.kind == "person" else found.kind  # a surname seen in full before
            analysis.mentions.append(Mention(figure=found.who, text=text[found.start:found.end],
                                             span=(found.start, found.end), kind=kind))
    return analysis
