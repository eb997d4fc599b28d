"""The content terms of a claim: what two claims must share to say the same thing.

Words are lower-cased and lemmatised (simplemma), so that tenses and plurals meet. The figure's
own names and roles, and the attribution's source and cue, are left out: they say who, not what;
unless the cue is an act ("Trump endorsed Ryan", "Trump and Ryan pledged to work together"), when
the verb and who did it are the proposition.

Three paraphrase classes remain hand-written, since no offline resource this project can install
relates their phrases (WordNet needs a download, and none of its packagings is on the package
index): absence from an event ("was nowhere to be seen", "did not turn up", "skipped"),
continuation ("still", "continues to") and what is to come ("forthcoming", "upcoming", "next").
They are general English, but they were drawn from the seeds, and the seeds need them: without
the first two the seeds lose two labels, without the third their G20 claim is no longer seen as
the same claim put on the record. The other classes, synonyms and stopwords once drawn from the
seeds (a call, falling out, exclusion, "foreign minister", "veteran", "security council" as a
specific detail) were removed on 2026-12-04: the seeds still score 1.0 without them, and the
fourteen figures' labels rose from 0.958 to 0.959 (docs/experiments.md, Stories).
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from storywatch.extractors import is_speech_cue
from storywatch.records import Attribution, Claim, Figure

PHRASE_CONCEPTS: list[tuple[str, str]] = [
    (r"\b(?:nowhere to be seen|did not (?:turn|show) up|didn't (?:turn|show) up|not at the|absent|"
     r"absence|missed|skipped|no-show|failed to appear|did not attend|was not present)\b", " ABSENT "),
    (r"\b(?:still|continu(?:e|es|ed|ing) to|remain(?:s|ed|ing)?)\b", " CONTINUE "),
    (r"\b(?:forthcoming|upcoming|next)\b", " UPCOMING "),
]
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being has
    have had do does did will would shall should can could may might must it its it's this that
    these those there their they them he him his she her hers we us our you your i me my not no
    than then so such also about into over after before when while who whom which what where why
    how all any each every some more most other very just now only said says say told stated
    according reportedly last week this that one two new up out off yet still own
    """.split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*|\d+|[A-Z]{2,}")
_CONCEPT_PATTERNS = [(re.compile(pattern, re.IGNORECASE), concept) for pattern, concept in PHRASE_CONCEPTS]
_CONCEPTS = frozenset(concept.strip() for _, concept in PHRASE_CONCEPTS)


def claim_terms(claim: Claim, figures: list[Figure]) -> frozenset[str]:
    """Content terms of the claim's own proposition."""
    # (apostrophes made straight first: "Donald Trump’s campaign manager" is the role "Donald
    # Trump's campaign manager", whichever apostrophe either is written with)
    text = _proposition(claim, figures).replace("’", "'")
    for figure in figures:
        for phrase in _phrase_patterns(figure):
            text = phrase.sub(" ", text)
    for pattern, concept in _CONCEPT_PATTERNS:
        text = pattern.sub(concept, text)
    terms = set()
    for word in _WORD.findall(text):
        if word.isupper() and len(word) > 2 and word in _CONCEPTS:
            terms.add(word)
            continue
        lowered = word.lower().removesuffix("'s")
        if lowered in STOPWORDS or len(lowered) < 2:
            continue
        terms.add(lemma(lowered))
    return frozenset(terms)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The word's dictionary form, from simplemma's English lexicon: tenses and plurals of a word
    are one term ("fired", "firing" -> "fire"; "grabbing" -> "grab"), since a paraphrase of a claim
    is often in another tense or number. A word the lexicon lacks stays as it is. The lexicon loads
    on the first call (about a second); words repeat, so each is looked up once."""
    return simplemma.lemmatize(word, lang="en").lower()


@lru_cache(maxsize=64)
def _phrase_patterns(figure: Figure) -> tuple[re.Pattern[str], ...]:
    """The figure's name, aliases and roles, longest first, each with its possessive: compiled
    once per figure, not escaped and looked up in re's cache for every claim."""
    return tuple(re.compile(rf"(?i)\b{re.escape(phrase.replace('’', chr(39)))}(?:'s)?\b")
                 for phrase in sorted((figure.name, *figure.aliases, *figure.roles), key=len, reverse=True))


# a subordinate clause, or a predicate joined by ", and" (a lower-case word after it that opens no
# noun phrase: ", and began delivering speeches"; not ", and Jane Roe", nor ", and the governor")
_TRAILING_CLAUSE = re.compile(r"\s(?:when|while|as|after|because|which|who|where)\s"
                              r"|,\s+and\s+(?!(?:the|a|an|his|her|its|their|other)\s)(?=[a-z])")


def _proposition(claim: Claim, figures: list[Figure]) -> str:
    """The part of the claim text that carries the proposition, without source and cue.

    A subordinate clause after the figure's main clause ("... on Wednesday when Putin announced
    ...") says something else, and is left out, as is a predicate joined after the figure by ", and"
    ("Trump fired his campaign manager, Corey Lewandowski, and began delivering speeches using a
    teleprompter": what Trump began is not said of Lewandowski)."""
    text = _without_source(claim, figures)
    mention = _mention_end(text, claim.figure, figures)
    cut = _TRAILING_CLAUSE.search(text, mention) if mention is not None else None
    return text[: cut.start()] if cut else text


def _figure_phrases(name: str, figures: list[Figure]) -> str:
    """The figure's name, aliases and roles as one regex alternation, longest first ('' if none)."""
    phrases = [p for f in figures if f.name == name for p in (f.name, *f.aliases, *f.roles)]
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _mention_end(text: str, name: str, figures: list[Figure]) -> int | None:
    pattern = _figure_phrases(name, figures)
    match = re.search(rf"(?i)\b(?:{pattern}|he|she)\b", text) if pattern else None
    return match.end() if match else None


def _without_source(claim: Claim, figures: list[Figure]) -> str:
    """The claim's text without who says it: what is said, when the figure says it or is named in
    it ("Peskov said Lavrov continues to work"); else the sentence without its source and cue,
    since then the figure is in the main clause ("Police charged X after a video showed ...")."""
    attribution = claim.attribution
    if attribution is None:
        return claim.text
    start, end = claim.span
    c_start, c_end = attribution.content_span
    if _is_act(attribution.content, claim.figure, figures) or _figure_acting(claim, attribution):
        return claim.text
    if start <= c_start < end and c_end - c_start > 15:
        content = claim.text[c_start - start:min(c_end, end) - start]
        if claim.role == "speaker" or _names(content, claim.figure, figures):
            return content
    text = claim.text
    for s, e in (attribution.source_span, attribution.cue_span):
        if start <= s and e <= end:
            text = text[: s - start] + " " * (e - s) + text[e - start:]
    return text


def _is_act(content: str, name: str, figures: list[Figure]) -> bool:
    """Whether the cue is an act on its object, not a way of saying something: its "content" is no
    clause but a short object ("endorsed him last week", "Endorses House Speaker Paul Ryan"), so
    the cue and who did it are the proposition ("Trump endorsed Ryan" is not "Pence endorsed Ryan")."""
    pattern = _figure_phrases(name, figures)
    rest = re.sub(rf"(?i)\b(?:{pattern}|him|her|them)\b", " ", content) if pattern else content
    return len(_WORD.findall(rest)) <= 3


def _figure_acting(claim: Claim, attribution: Attribution) -> bool:
    """Whether the figure's own "attribution" is something it did: a word that reports speech only
    now and then (is_speech_cue), between the figure and an object that is no clause and no
    quotation ("Trump and Ryan pledged to work together after a meeting Thursday" is not "Ryan
    will meet Trump on Thursday"); what the figure did is the proposition, the verb with it. A
    that-clause or a question after the word is what the figure holds ("Priebus' assertion
    Tuesday night that the party ..."), and that alone is the proposition."""
    if attribution.source != claim.figure or attribution.quote is not None \
            or is_speech_cue(attribution.cue.strip()):
        return False
    start = claim.span[0]
    cue_end, content_start = attribution.cue_span[1], attribution.content_span[0]
    if not attribution.source_span[1] <= attribution.cue_span[0] <= content_start or cue_end < start:
        return False
    first_word = attribution.content.split(maxsplit=1)[:1]
    opening = f"{claim.text[cue_end - start:content_start - start]} {' '.join(first_word)}"
    return _CLAUSE_OPENER.search(opening) is None


_CLAUSE_OPENER = re.compile(r"\b(?:that|whether|if|how|what|why)\b")


def _names(text: str, name: str, figures: list[Figure]) -> bool:
    pattern = _figure_phrases(name, figures)
    return bool(pattern and re.search(rf"(?i)\b(?:{pattern})\b", text))


def is_specific(term: str) -> bool:
    """Terms that make a claim more specific: numbers, days, months."""
    return term.isdigit() or term in SPECIFIC_WORDS


SPECIFIC_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december yesterday today
    tomorrow morning""".split()
)

CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                     "may june july august september october november december".split())
