"""A story's headline: what the story says about its figure, in a line a person reads first.

Chosen from the story's own words, not written: the titles of its articles and its claims about
the figure. The story's topic is what its claims about the figure keep saying: each content term
(stories.terms) weighs its rarity in English (storywatch.profiles) times how many of the story's
articles say it, so a term that every article repeats outweighs one sentence's detail. Each
candidate is scored by the cosine of its terms with that topic:

- an article's title (each part of a "Title; deck" or "SECTION // Title" on its own) that names
  the figure (name, alias, role phrase or surname): written as a headline, so it leads (ON_TOPIC);
- a claim that names the figure (a pronoun is no headline: "He said ..."), shortened at a clause
  boundary (a dateline, a trailing "who ..." or "after ...") and at a word under MAX_CHARS.

A title that does not name the figure (an article about someone else that mentions it in passing)
is chosen only when no candidate names the figure. The headline is chosen again each time an
article joins the story, so it follows the story as it develops; HEADLINE_RULE numbers this rule,
so that stories headlined by an earlier rule can be chosen again (flows/headlines.py). No I/O.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storywatch.profiles import rarity
from storywatch.records import ArticleRef, Claim, Figure

from .terms import claim_terms

HEADLINE_RULE = 1  # raise when the choice below changes: stored headlines of a lower rule are redone
MAX_CHARS = 110  # of the text after "Figure: ", as news headlines and e-mail subjects keep them
ON_TOPIC = 0.2  # a title naming the figure leads if it says at least this share of the best claim
EARLY_MENTION = 25  # characters: a claim that names the figure this early is about it, not aside
EARLY_BONUS = 1.3
DECK_PENALTY = 0.8  # the deck after "Title; " says less than the title before it
CUT_PENALTY = 0.8  # a claim cut short with an ellipsis reads worse than a whole one

_TITLE_PARTS = re.compile(r"\s*(?:;|//|\s\|\s)\s*")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\s[—―–-]{1,2}\s")  # "LA CROSSE, Wisc. — "
_LEADING_CONJUNCTION = re.compile(r"^(?:And|But|Yet|Meanwhile),?\s+")
# "On Friday, Paul Manafort resigned": the time comes second in a headline, if at all
_LEADING_TIME = re.compile(r"^(?:On|Last|Earlier|Later|This|Late|Early)\b[^,]{0,25},\s+(?=[A-Z])")
_SHOUTING_RUN = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}\b){2,}")  # "DNC CHAIR DEBBIE ...": a kicker
# a clause that leaves the figure's main clause: cut there when the line is long
_TRAILING = re.compile(r",?\s(?:in part\s)?(?:who|which|where|whom|while|after|because|although|though|since|"
                       r"saying|according to|as (?:he|she|they))\s|\s[—―–]\s|;\s|,\s(?:and|but)\s")


@dataclass(frozen=True)
class StoryClaim:
    """One of a story's claims, as the headline reads it: the claim, its article, its terms."""

    claim: Claim
    article: ArticleRef
    terms: frozenset[str]


@dataclass(frozen=True)
class _Candidate:
    text: str
    terms: frozenset[str]
    names_figure: bool
    score: float
    title: bool = False


def choose_headline(figure: Figure, claims: Iterable[StoryClaim]) -> str:
    """The story's headline, "Figure: what the story is about", from its titles and claims about
    the figure (background claims aside); the figure's name alone when there is nothing to say."""
    said = [c for c in claims if c.claim.figure == figure.name and not c.claim.background]
    topic = story_topic(said)
    candidates = _title_candidates(figure, said, topic) + _claim_candidates(figure, said, topic)
    named = [c for c in candidates if c.names_figure]
    pool = named or candidates
    if not pool:
        return figure.name
    best = max(pool, key=lambda c: c.score)  # ties: the earliest, so a headline does not flicker
    titles = [c for c in named if c.title and c.score >= ON_TOPIC * best.score]
    if titles:  # an editor's line about the figure that is on the story's topic reads best
        best = max(titles, key=lambda c: c.score)
    return f"{figure.name}: {_without_own_colon(figure, best.text)}"


def story_topic(claims: list[StoryClaim]) -> dict[str, float]:
    """Each content term's weight in the story: its rarity in English times the number of the
    story's articles that say it (a term one article repeats counts a little more, not per claim)."""
    articles: dict[str, set[str]] = {}
    repeats: Counter[str] = Counter()
    for item in claims:
        for term in item.terms:
            articles.setdefault(term, set()).add(item.article.key)
            repeats[term] += 1
    return {term: rarity(term) * (len(keys) + 0.25 * math.log1p(repeats[term] - len(keys)))
            for term, keys in articles.items()}


def _score(terms: frozenset[str], topic: dict[str, float]) -> float:
    """How much of the story the terms say, per term said: the cosine's numerator over the
    candidate's length (the story's norm is the same for every candidate)."""
    if not terms:
        return 0.0
    length = math.sqrt(math.fsum(rarity(t) ** 2 for t in terms))  # fsum: the same in any set order
    return math.fsum(rarity(t) * topic.get(t, 0.0) for t in terms) / length


def _title_candidates(figure: Figure, said: list[StoryClaim], topic: dict[str, float]) -> list[_Candidate]:
    titles = dict.fromkeys(t for t in (" ".join((c.article.title or "").split()) for c in said) if t)
    found = []
    for title in titles:
        for index, part in enumerate(_TITLE_PARTS.split(title)):
            text = _tidy(part)
            if len(text) < 12 or _shouting(text):
                continue
            terms = _text_terms(figure, text)
            names = _names_figure(figure, text)
            score = _score(terms, topic) * (DECK_PENALTY if index else 1.0)
            found.append(_Candidate(text, terms, names, score, title=True))
    return found


def _claim_candidates(figure: Figure, said: list[StoryClaim], topic: dict[str, float]) -> list[_Candidate]:
    found = []
    seen: set[str] = set()
    for item in said:
        text = shorten(figure, item.claim.text)
        mention = _mention_start(figure, text, roles=False)
        if len(text) < 20 or text in seen or not text[0].isupper() or _SHOUTING_RUN.search(text):
            continue
        seen.add(text)
        terms = _text_terms(figure, text)
        bonus = EARLY_BONUS * (CUT_PENALTY if text.endswith("…") else 1.0)
        named = mention is not None
        bonus = bonus if mention is not None and mention <= EARLY_MENTION else bonus / EARLY_BONUS
        found.append(_Candidate(text, terms, named, _score(terms, topic) * bonus))
    return found


@lru_cache(maxsize=8192)
def shorten(figure: Figure, text: str) -> str:
    """A claim's sentence as a headline: no dateline, no trailing clause after the figure's own
    once it is long, at most MAX_CHARS (cut at a word, with an ellipsis), no final full stop."""
    text = _LEADING_CONJUNCTION.sub("", _DATELINE.sub("", " ".join(text.split())))
    text = _LEADING_TIME.sub("", text)
    text = text[:1].upper() + text[1:]
    if len(text) > MAX_CHARS * 0.6:
        mention = _mention_end(figure, text, roles=False) or 0
        for match in _TRAILING.finditer(text):
            if match.start() > max(mention + 2, 30):  # ", who ..." right after the name is about it
                text = text[:match.start()]
                break
    if len(text) > MAX_CHARS:  # at a word, keeping the figure's name when it comes a little later
        mention = _mention_end(figure, text, roles=False) or 0
        limit = mention if MAX_CHARS < mention <= MAX_CHARS + 40 else MAX_CHARS
        text = (text[:limit] if limit == mention else text[:limit].rsplit(" ", 1)[0]).rstrip(",;:—–- ") + "…"
    return _tidy(text)


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text.rstrip(" ;,:")


def _shouting(text: str) -> bool:
    """A section label in capitals ("NEW HAMPSHIRE PRIMARY"), not a title."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


@lru_cache(maxsize=8192)
def _text_terms(figure: Figure, text: str) -> frozenset[str]:
    """A text's content terms, as a claim's (the figure's names left out). Cached, as shorten():
    a story's headline is chosen again from all its claims each time an article develops it."""
    claim = Claim(figure=figure.name, role="subject", text=text, span=(0, len(text)), aspect="other",
                  polarity="affirmed", status="asserted")
    return claim_terms(claim, [figure])


@lru_cache(maxsize=64)
def _figure_pattern(figure: Figure, roles: bool = True) -> re.Pattern[str]:
    """The figure by name, alias or surname; with `roles`, also by a role phrase specific enough
    to stand for it ("DNC chair", not "the governor")."""
    phrases = {figure.name, *figure.aliases, figure.name.split()[-1]}
    if roles:
        phrases |= {r for r in figure.roles if len(r.lower().removeprefix("the ").split()) > 1}
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered if p) + r")(?!\w)")


def _mention_start(figure: Figure, text: str, roles: bool = True) -> int | None:
    match = _figure_pattern(figure, roles).search(text)
    return match.start() if match else None


def _mention_end(figure: Figure, text: str, roles: bool = True) -> int | None:
    match = _figure_pattern(figure, roles).search(text)
    return match.end() if match else None


def _names_figure(figure: Figure, text: str) -> bool:
    return _mention_start(figure, text) is not None


def _without_own_colon(figure: Figure, text: str) -> str:
    """"Ryan: 'Anti-Semitic images' ..." under "Paul Ryan: " says the name once."""
    head, colon, rest = text.partition(": ")
    if colon and rest and _figure_pattern(figure).fullmatch(head.strip()):
        return rest
    return text
