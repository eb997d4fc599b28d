"""Claims about watchlist figures, built on the article walk.

A claim rests on one clause (or a whole quotation): the clause that mentions the figure, or the
unit in which the figure speaks. Its status comes from who says it and how, its polarity from
negation near the mention, its aspect from the taxonomy's keywords.
"""

from __future__ import annotations

import re

from storywatch.records import Attribution, Claim, Figure, Polarity, Span, Status

from .analysis import analyse_text
from .attribution import is_speech_cue, quote_regions
from .lexicon import (
    BACKGROUND,
    COMMUNICATIONS,
    DEFAULT_ASPECTS,
    DENIAL_CUES,
    HEDGES,
    NEGATIONS,
    NEWS_TIME,
    OFFICIAL_TITLES,
    REPORTED,
    UNNAMED_SOURCES,
)
from .mentions import Found
from .units import ArticleAnalysis, UnitAnalysis

_CLAUSE_SPLIT = re.compile(r"(?:,\s+(?:and|but|while)\s+|;\s+)(?=(?:he|she|they|the|[A-Z])\b)")
_POLARITY_STOP = re.compile(r",|;|\bwhen\b|\bbecause\b|\bafter\b|\band that\b|[“”‘\"]")


def extract_claims(
    text: str, figures: list[Figure], aspects: dict[str, list[str]] | None = None
) -> tuple[ArticleAnalysis, list[Claim]]:
    """All claims about the figures in one article's text."""
    analysis = analyse_text(text, figures)
    taxonomy = aspects or DEFAULT_ASPECTS
    claims: list[Claim] = []
    for unit in analysis.units:
        if unit.unit.kind == "sentence":
            claims.extend(_unit_claims(text, unit, {f.name for f in figures}, taxonomy))
    return analysis, claims


def _unit_claims(text: str, unit: UnitAnalysis, names: set[str], taxonomy) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[tuple[str, int]] = set()
    # "had to explain", "is trying to show", "was not authorized to reveal": what someone must,
    # tries or plans to say is not a statement they made
    speech = [a for a, pattern in zip(unit.attributions, unit.patterns, strict=True)
              if pattern != "infinitive" and (is_speech_cue(a.cue.strip()) or _says_that(text, a))]
    # "X cannot say that ..., Y added": X's words are inside what Y says, so Y is the source
    outer = [a for a in speech if not _nested(a, speech)]
    speakers = {a.source for a in outer if a.source in names}
    for clause_start, clause_end in _clauses(text, unit.unit.start, unit.unit.end):
        # a mention that is only the source of what is said in this clause is no claim of its own
        here = [a for a in outer if clause_start <= a.cue_span[0] < clause_end]
        in_clause = [f for f in unit.figures if clause_start <= f.start < clause_end
                     and not _only_in_source(f, here)]
        for figure in dict.fromkeys(f.who for f in in_clause):
            # a claim about the figure inside what someone says is that someone's
            mentions = [f for f in in_clause if f.who == figure]
            attributed = [(m, a) for m in mentions if (a := _attribution_for(m.start, speech))]
            # else the figure's own words, when it speaks in this clause ("X, the chairwoman, said")
            own = next((a for a in here if a.source == figure), None)
            # or the figure is the one told or written to: "..., an aide wrote to X at the time"
            own = own or next((a for m in mentions for a in here if _told(text, a, m)), None)
            # or the figure is in the speaker's description: "said an adviser to X", "X's aide said",
            # "said Scott Reed, a longtime friend of X"
            own = own or next((a for m in mentions for a in here
                               if a.source_span[0] <= m.start < a.source_span[1]
                               or _described(text, a, m, unit.unit.end)), None)
            # or the figure is named in the statement the source makes: "In a statement defending
            # X, the campaign said ..."
            own = own or next((a for m in mentions for a in here
                               if _in_the_statement(text, unit.unit.start, a, m)), None)
            mention, attribution = attributed[0] if attributed else (mentions[0], own)
            role = "speaker" if attribution and attribution.source == figure else "subject"
            seen.add((figure, clause_start))
            claims.append(_claim(text, figure, role, (clause_start, clause_end), mention,
                                 attribution, unit, taxonomy))
    for figure in speakers:
        if any(f == figure for f, _ in seen):
            continue
        attribution = next(a for a in outer if a.source == figure)
        span = (unit.unit.start, unit.unit.end)
        claims.append(_claim(text, figure, "speaker", span, None, attribution, unit, taxonomy))
    return claims


def _says_that(text: str, attribution: Attribution) -> bool:
    """"Pence pledged that ...", "many Republicans expect that ...": a cue word followed by a
    that-clause reports what its subject holds true, whatever the word is in its other uses."""
    return _THAT_CLAUSE.match(text, attribution.cue_span[1]) is not None


_THAT_CLAUSE = re.compile(r"\s+that\s+(?:[A-Z]|the\b|a\b|an\b|he\b|she\b|they\b|it\b|if\b|we\b|I\b)")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a unit at ', and he…' / '; ' outside quotations."""
    quotes = quote_regions(text, start, end)
    cuts = [m for m in _CLAUSE_SPLIT.finditer(text, start, end)
            if not any(a <= m.start() < b for a, b in quotes)]
    spans, s = [], start
    for cut in cuts:
        spans.append((s, cut.start()))
        s = cut.end()
    spans.append((s, end))
    return [(a, b) for a, b in spans if b > a]


def _told(text: str, attribution: Attribution, mention: Found) -> bool:
    """"CONTENT, an aide wrote to X": the mention is the one the source told, right after the cue;
    "“...,” he said of Trump and X": the one it is said of."""
    return attribution.content_span[1] <= attribution.source_span[0] < attribution.cue_span[0] \
        and attribution.cue_span[1] <= mention.start \
        and (len(text[attribution.cue_span[1]:mention.start].split()) <= 2
             or _SAID_OF.match(text[attribution.cue_span[1]:mention.start]) is not None)


_SAID_OF = re.compile(r"\s+(?:of|about)\s+(?:[A-Z][\w.’'-]*\s+){1,3}(?:and|&)\s+$")


def _described(text: str, attribution: Attribution, mention: Found, unit_end: int) -> bool:
    """"..., said Scott Reed, a strategist and a longtime X friend.": the mention is in the
    description set off after a source that follows its cue, where the sentence ends."""
    source_end = attribution.source_span[1]
    if not (attribution.cue_span[1] <= attribution.source_span[0] and source_end <= mention.start
            and attribution.content_span[1] <= attribution.cue_span[0]):
        return False
    between = text[source_end:mention.start]
    return between.startswith(",") and not any(q in between for q in "“”\"") \
        and not _CUE_IN_DESCRIPTION.search(between) and len(text[source_end:unit_end].split()) <= 20 \
        and not _NEW_PREDICATE.search(text, mention.end, unit_end)  # "X, who was named to ..."


def _in_the_statement(text: str, unit_start: int, attribution: Attribution, mention: Found) -> bool:
    """The mention is in an opening phrase that names the statement itself ("In a statement
    defending X, ", "In an interview about X, "), and the source speaks right after it."""
    opening = _STATEMENT_OPENING.match(text, unit_start)
    return opening is not None and unit_start <= mention.start < opening.end() \
        and opening.end() <= attribution.source_span[0] < opening.end() + 3


_STATEMENT_OPENING = re.compile(rf"\s*In (?:a|an|his|her|their|its|the) (?:[\w-]+ )?(?:{COMMUNICATIONS})\b"
                                r"[^,;“”\"]*,\s*")


_NEW_PREDICATE = re.compile(r"\b(?:who|which|whose|that)\b")


_CUE_IN_DESCRIPTION = re.compile(r"\b(?:said|says|told|added|adding|saying)\b")


def _nested(attribution: Attribution, attributions: list[Attribution]) -> bool:
    """Whether the attribution, source and cue, lies inside what another one says."""
    first = min(attribution.source_span[0], attribution.cue_span[0])
    return any(other is not attribution and other.content_span[0] <= first
               and attribution.cue_span[1] <= other.content_span[1] for other in attributions)


def _only_in_source(found: Found, attributions: list[Attribution]) -> bool:
    """Whether the mention is the source of what is said (a mention inside a source phrase that
    names someone else, "an adviser to X", is still a mention of X)."""
    return any(a.source_span[0] <= found.start < a.source_span[1] and a.source == found.who
               for a in attributions)


def _attribution_for(pos: int, attributions: list[Attribution]) -> Attribution | None:
    """The innermost attribution whose content holds pos: "The Post quoted an official as saying
    that X ..." is the official's."""
    holding = [a for a in attributions if a.content_span[0] <= pos < a.content_span[1]]
    return min(holding, key=lambda a: a.content_span[1] - a.content_span[0], default=None)


def _claim(text, figure, role, span, mention, attribution, unit, taxonomy) -> Claim:
    clause = text[span[0]:span[1]]
    own = _outside_quotes_and_source(text, span)
    background = bool(BACKGROUND.search(clause)) and not NEWS_TIME.search(clause) and not attribution
    return Claim(
        figure=figure,
        role=role,
        text=clause,
        span=span,
        aspect="background" if background else _aspect(clause, role, taxonomy),
        polarity=_polarity(text, span, mention),
        status=_status(figure, own, attribution, unit.officials),
        attribution=attribution,
        background=background,
    )


def _outside_quotes_and_source(text: str, span) -> str:
    """The outlet's own words in the clause: what hedges and 'reportedly' are looked for in."""
    chars = list(text[span[0]:span[1]])
    for a, b in quote_regions(text, span[0], span[1]):
        for i in range(a - span[0], b - span[0]):
            chars[i] = " "
    return "".join(chars)


def _status(figure: str, own_words: str, attribution: Attribution | None, officials: set[str]) -> Status:
    if attribution is None:
        if REPORTED.search(own_words):
            return "reported"
        if HEDGES.search(own_words):
            return "speculative"
        return "asserted"
    on_record = attribution.source == figure or attribution.source in officials or (
        OFFICIAL_TITLES.search(attribution.source) and "former" not in attribution.source.lower()
    )
    if UNNAMED_SOURCES.match(attribution.source.strip()):
        on_record = False
    cue = attribution.cue.lower()
    if cue in DENIAL_CUES:
        return "denied" if on_record else "reported"
    if on_record:
        return "confirmed"
    return "reported"


def _polarity(text: str, span: Span, mention: Found | None) -> Polarity:
    start = mention.start if mention else span[0]
    window = text[start:span[1]]
    stop = _POLARITY_STOP.search(window, (mention.end - start) if mention else 0)
    window = window[: stop.start()] if stop else window
    return "negated" if NEGATIONS.search(window) else "affirmed"


def _aspect(clause: str, role: str, taxonomy: dict[str, list[str]]) -> str:
    if role == "speaker":
        return "statement"
    lowered = clause.lower()
    scores = {aspect: sum(lowered.count(k) for k in keys) for aspect, keys in taxonomy.items()}
    best = max(scores, key=lambda a: scores[a], default="other")
    return best if scores.get(best) else "other"
