"""What an article says about a figure, as a profile of weighted terms: the unit of story linking
(stories/linking.py). Profiles are stored (article_terms) and summed into a story's profile, so
they are part of the stored data's format: they live here, beside the records, where the stories
and storage's migrations both reach them. A story's profile is the sum of its first STORY_ARTICLES
articles' profiles.

A development is what an article's claims about a figure are about together (docs/claims.md), so
the profile is made of the article's title (its editor's summary) and the sentences of its claims
about the figure, not of the whole article: an article about a convention that holds one
paragraph on the figure's tax returns develops the tax returns story, not the convention's.
A profile is its ARTICLE_TERMS strongest terms, a term's strength being its count times its
rarity in English (wordfreq's background frequencies: an inverse document frequency that no set
of stories was fitted to). The commonest words of English and the figure's own names are left
out: every article about the figure has them. A body the claims name in full ("the Democratic
National Committee") counts under its acronym too ("dnc"), as other outlets write it. No I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

ARTICLE_TERMS = 40  # the strongest terms make the profile, as TDT systems truncate document vectors
# A story's profile is the sum of its first STORY_ARTICLES articles' profiles, as topic tracking
# defines a topic by its first few stories (TDT's Nt training stories): the first reports of a
# development say what it is; the later ones add reactions and background that every story of the
# figure shares, and a profile that takes them in drifts toward the figure's other news and draws
# the next development in (benchmarks/fit_linking.py; docs/experiments.md, Stories).
STORY_ARTICLES = 3
COMMON_ZIPF = 5.5  # words commoner than this in English ("said", "would", "people") say no story
# Zipf frequency of the commonest English words ("the" is 7.7): a term's rarity is how far below
# that it lies, so a word seen once per billion words weighs about 8 and "campaign" (5.0) about 3.
ZIPF_CEILING = 8.0
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@lru_cache(maxsize=65536)
def rarity(term: str) -> float:
    """How much a term says about which story it is: rarer in English weighs more."""
    return max(0.5, ZIPF_CEILING - zipf_frequency(term.lower(), "en"))


def stem(word: str) -> str:
    """A light suffix stripping: "calls" and "called" meet at "call"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def development_profile(title: str | None, claim_texts: Iterable[str],
                        own_names: tuple[str, ...]) -> dict[str, int]:
    """What an article says about a figure: the profile of its title and its claims' sentences
    about the figure (own_names: the figure's name and aliases)."""
    return article_profile(title, "\n".join(claim_texts), own_names)


def article_profile(title: str | None, text: str, own_names: tuple[str, ...]) -> dict[str, int]:
    """The article's strongest terms with their counts, without the words of own_names (the
    figure's name and aliases) and the commonest words of English."""
    own = {word.lower().replace("’", "'") for phrase in own_names for word in phrase.split()}
    counts: Counter[str] = Counter()
    for word in _WORD.findall(f"{title or ''}\n{text}"):
        lowered = word.lower().replace("’", "'").removesuffix("'s")
        if len(lowered) < 3 or lowered in own or _common(lowered):
            continue
        counts[stem(lowered)] += 1
    for acronym in _acronyms(text, own):  # (not the title's: a headline capitalises every word)
        counts[acronym] += 1
    strongest = sorted(counts, key=lambda t: (-counts[t] * rarity(t), t))[:ARTICLE_TERMS]
    return {term: counts[term] for term in strongest}


def _acronyms(text: str, own: set[str]) -> list[str]:
    """The acronyms of the names of three or more capitalised words the text spells out ("the
    Democratic National Committee": "dnc"), as another outlet writes them: one development told
    by two outlets names its bodies both ways. Only an acronym English writes as a word (wordfreq
    knows it: "dnc", "fbi", "gop"), not every run of initials ("twp", "nsc" fall under the floor);
    a leading "The" is no initial ("The Washington Post" leaves two words, too few), and a run
    that holds the figure's own names makes none. A title and a name ("Senator Bernie Sanders")
    can still spell a word ("sbs")."""
    found = []
    for run in _NAME_RUN.finditer(text):
        words = [w for w in run.group(0).split() if w[:1].isupper()]
        if words[0] == "The":
            words = words[1:]
        if len(words) < 3 or any(w.lower() in own for w in words):
            continue
        acronym = "".join(w[0] for w in words).lower()
        if _word_of_english(acronym):
            found.append(acronym)
    return found


@lru_cache(maxsize=4096)
def _word_of_english(acronym: str) -> bool:
    return zipf_frequency(acronym, "en") >= ACRONYM_ZIPF


ACRONYM_ZIPF = 3.0  # an acronym English writes as a word, about once per million words
# capitalised words, with "of" or "for" between them ("Federal Bureau of Investigation")
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|for)\s+)?[A-Z][a-z]+)+")


@lru_cache(maxsize=65536)
def _common(word: str) -> bool:
    return zipf_frequency(word, "en") > COMMON_ZIPF
