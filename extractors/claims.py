"""Claims about watchlist figures, built on the article walk.

A claim rests on one clause (or a whole quotation): the clause that mentions the figure, or the
unit in which the figure speaks. Its status comes from who says it and how, its polarity from
negation near the mention, its aspect from the taxonomy's keywords.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache

from storywatch.records import Attribution, Claim, Figure, Polarity, Role, Span, Status

from .analysis import analyse_text
from .attribution import NAME_ONLY, is_cue_word, is_speech_cue, quote_regions
from .confidence import MODEL, ConfidenceModel, speakers
from .lexicon import (
    BACKGROUND,
    COMMUNICATIONS,
    CUE_VERBS,
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
from .sentences import sentence_ends
from .units import ArticleAnalysis, UnitAnalysis

_CLAUSE_SPLIT = re.compile(r"(?:,\s+(?:and|but|while)\s+|;\s+)(?=(?:he|she|they|the|[A-Z])\b)")
# A few quoted words inside a sentence (scare quotes, a borrowed phrase: he is "not ready") are part
# of the sentence, not a quotation that starts another voice.
_SHORT_QUOTE = re.compile(r"[“\"‘]((?:[^\s“”\"‘’]+\s?){1,3})[”\"’]")
# a comma, a semicolon, a quotation mark, or "when", "because", "after", "and that" as words
# (r",|;|\bwhen\b|\bbecause\b|\bafter\b|\band that\b|[“”‘\"]"), opening with one class of all their
# first characters, which the regex engine scans for, instead of trying seven alternatives at every
# position; the lookbehind after the class asks what \b asks of a word's first letter (as
# mentions._word_opening does), and a mark is a stop alone
_POLARITY_STOP = re.compile(r"[,;“”‘\"wba](?<!\w[wba])"
                            r"(?:(?<=[,;“”‘\"])|(?<=w)hen\b|(?<=b)ecause\b|(?<=a)(?:fter|nd that)\b)")


def extract_claims(
    text: str, figures: list[Figure], aspects: dict[str, list[str]] | None = None,
    confidence: ConfidenceModel | None = MODEL,
) -> tuple[ArticleAnalysis, list[Claim]]:
    """All claims about the figures in one article's text. The claims rest on every candidate
    attribution of their units, not on the confidence model's choice, which only decides the
    analysis's own list of attributions (analyse_text): `confidence=None` keeps them all, unscored."""
    analysis = analyse_text(text, figures, confidence)
    taxonomy = aspects or DEFAULT_ASPECTS
    claims: list[Claim] = []
    names = {f.name for f in figures}
    # a figure's aliases by which a post's author may be given ("@SpeakerRyan")
    handles = {alias.lower(): f.name for f in figures for alias in (f.name, *f.aliases)}
    # who speaks how often in the article, a feature of the confidence model: counted only when a
    # claim asks (_own_report), for few articles
    speaking = cache(lambda: speakers(analysis.units))
    for unit in analysis.units:
        if unit.unit.kind not in ("sentence", "question"):
            continue
        found = _unit_claims(text, unit, names, taxonomy, handles, speaking)
        if unit.unit.kind == "question":
            # a question is no statement of the writer's, but a quoted one is what its speaker
            # said: 'X said, "Who would believe that?"', 'Y wrote: "Can X cope with the job?"'
            found = [c for c in found if c.attribution and c.attribution.quote]
        claims.extend(found)
    return analysis, claims


def _unit_claims(text: str, unit: UnitAnalysis, names: set[str], taxonomy,
                 handles: dict[str, str], speaking: Callable[[], Counter[str]]) -> list[Claim]:
    posts = _embedded_post(text, unit, handles)
    if not unit.figures and names.isdisjoint([a.source for a in unit.attributions]) \
            and names.isdisjoint([a.source for a in posts]):
        return []  # (most units: no figure is named in it, and none speaks)
    # (what each claim rests on: figure, role, span, mention, attribution; a claim is built only
    # once _each_sentence_said has cut its span, not built whole and then cut)
    drafts: list[tuple[str, Role, Span, Found | None, Attribution | None]] = []
    seen: set[tuple[str, int]] = set()
    # "had to explain", "is trying to show", "was not authorized to reveal": what someone must,
    # tries or plans to say is not a statement they made
    speech = [_with_embedding_clause(text, unit, a) if pattern in _QUOTE_THEN_CUE else a
              for a, pattern in zip(unit.attributions, unit.patterns, strict=True)
              if (pattern != "infinitive" or _QUOTED_CONTENT.match(text, *a.content_span) is not None)
              and (is_speech_cue(a.cue.strip()) or _says_that(text, a)
                   or _reports_by_word_order(text, a, pattern))]
    # "X finished ahead in recent polls from Quinnipiac": the polls report it, "To Roe, X seemed
    # tired" is Roe's view, and "X received the endorsement of Roe" Roe's stance, unless someone
    # says it ("Carson says he is attacked because of his rise in the polls": Carson's)
    speech += [a for a, pattern in zip(unit.attributions, unit.patterns, strict=True)
               if pattern in ("in_poll", "in_poll_opening", "viewpoint", "got_support")
               and not any(s.content_span[0] <= a.cue_span[0] < s.content_span[1] for s in speech)]
    speech += posts
    # "X cannot say that ..., Y added": X's words are inside what Y says, so Y is the source
    outer = [a for a in speech if not _nested(a, speech)]
    participles = {id(a) for a, pattern in zip(unit.attributions, unit.patterns, strict=True)
                   if pattern == "participle"}
    # (in the order they speak: a set's order would follow the string hash, and the claims' order
    # would change from run to run)
    speakers = dict.fromkeys(a.source for a in outer if a.source in names)
    absolute = {m.end() for m in _WITH_CLAUSE.finditer(text, unit.unit.start, unit.unit.end)} \
        if unit.figures else set()
    # a clause makes a claim only from a mention in it: with none in the unit, no clause is needed
    clauses = _clauses(text, unit.unit.start, unit.unit.end, unit.attributions, unit.figures) \
        if unit.figures else []
    for clause_start, clause_end in clauses:
        # a mention that is only the source of what is said in this clause is no claim of its own
        here = [a for a in outer if clause_start <= a.cue_span[0] < clause_end]
        in_clause = [f for f in unit.figures if clause_start <= f.start < clause_end
                     and not _only_in_source(f, here)]
        for figure in dict.fromkeys(f.who for f in in_clause):
            # a claim about the figure inside what someone says is that someone's
            mentions = [f for f in in_clause if f.who == figure]
            # an absolute clause (", with X taking to Twitter ...") is the writer's, whatever was
            # said before it
            said = [a for a in speech if a.cue_span[0] >= clause_start] \
                if clause_start in absolute else speech
            attributed = [(m, _speaking_inside_an_account(text, unit.unit.start, m, a, said, figure))
                          for m in mentions if (a := _attribution_for(m.start, said))]
            # else the figure's own words, when it speaks in this clause ("X, the chairwoman, said"),
            # or when an absolute clause has it do what its participle says: ", with X comparing
            # the scenes to ...", whatever the participle is, is X's word on it
            own = next((a for a in here if a.source == figure), None) or next(
                (a for a, pattern in zip(unit.attributions, unit.patterns, strict=True)
                 if clause_start in absolute and pattern == "participle" and a.source == figure
                 and clause_start <= a.cue_span[0] < clause_end), None)
            # or the figure does, as the subject of its clause, what a word that reports speech
            # only now and then says, of words quoted ("Kaine dubbed her appearance a “press
            # conference”"): the figure's own words when the confidence model, learned from
            # PolNeAR's attributions, takes the word for a report here
            own = own or next((a for index, a in enumerate(unit.attributions)
                               if _own_report(text, unit, index, figure, mentions, (clause_start, clause_end),
                                              speaking)), None)
            # or the figure is the one told or written to: "..., an aide wrote to X at the time"
            own = own or next((a for m in mentions for a in here if _told(text, a, m)), None)
            # or the figure is in the speaker's description: "said an adviser to X", "X's aide said",
            # "said Scott Reed, a longtime friend of X"
            own = own or next((a for m in mentions for a in here
                               if a.source_span[0] <= m.start < a.source_span[1]
                               or _described(text, a, m, unit.unit.end)
                               or _described_before_cue(text, a, m)), None)
            # or the figure is named in the statement the source makes: "In a statement defending
            # X, the campaign said ..."
            own = own or next((a for m in mentions for a in here
                               if _in_the_opening(text, unit.unit.start, a, m)), None)
            # or the figure is named in the main clause a participle of speech describes: "X played
            # down Roe's remarks, saying ...": the subject's act is the speech the participle reports
            own = own or next((a for m in mentions for a in here
                               if id(a) in participles and a.source_span[1] <= m.start < a.cue_span[0]
                               and text[a.source_span[1]:a.cue_span[0]].rstrip().endswith(",")
                               and not _BOUNDARY.search(text, a.source_span[1], m.start)), None)
            # what the figure itself says holds what others said: "X, pointing out that the Post
            # had reported that X ...": X's own words
            attributed = [(m, _own_words_holding(a, said, figure)) for m, a in attributed]
            mention, attribution = attributed[0] if attributed else (mentions[0], own)
            role: Role = "speaker" if attribution and attribution.source == figure else "subject"
            seen.add((figure, clause_start))
            drafts.append((figure, role, (clause_start, clause_end), mention, attribution))
    for figure in speakers:
        attribution = next(a for a in outer if a.source == figure)
        # the figure's own words, unless a clause already made its claim: over the whole unit, or
        # over the clause it speaks in when another clause holds a claim about it ("X responded
        # that ..., and the senator felt ...")
        cue_clause = next(((a, b) for a, b in clauses if a <= attribution.cue_span[0] < b),
                          (unit.unit.start, unit.unit.end))
        if (figure, cue_clause[0]) in seen:
            continue
        # (an absolute clause's speaker says only what that clause holds: ", with X taking to the
        # radio to call it “a stunt”")
        span = cue_clause if any(f == figure for f, _ in seen) or cue_clause[0] in absolute \
            else (unit.unit.start, unit.unit.end)
        drafts.append((figure, "speaker", span, None, attribution))
    return [claim for draft in drafts for claim in _each_sentence_said(text, *draft, unit, taxonomy)]


def _own_report(text: str, unit: UnitAnalysis, index: int, figure: str, mentions: list[Found],
                clause: tuple[int, int], speaking: Callable[[], Counter[str]]) -> bool:
    """Whether the unit's attribution number `index` is the figure reporting something as the subject
    of the clause, with a word that reports speech only now and then (is_speech_cue holds for those
    that do more often than not, and they are taken anyway): "X dubbed her appearance a “press
    conference”", "X delivered a blunt message to Trump: “It's time ...”". Such a word is a report
    in some places and an act in others. What it governs must be quoted (_QUOTED_CONTENT), and the
    confidence model must read a report, as it does for the article's attributions
    (confidence.py), from what PolNeAR's annotators marked. The figure is named in its source
    phrase, and the attribution is not inside what someone else says."""
    attribution = unit.attributions[index]
    if attribution.cue.strip().lower() in _SPEAKING and not _says_that(text, attribution):
        return False  # "X spoke on the phone with Y": a call, not what was said (as in _says_that)
    return MODEL is not None and attribution.source == figure \
        and clause[0] <= attribution.cue_span[0] < clause[1] and unit.patterns[index] == "source_first" \
        and any(attribution.source_span[0] <= m.start < attribution.source_span[1] for m in mentions) \
        and _QUOTED_CONTENT.match(text, *attribution.content_span) is not None \
        and not _nested(attribution, unit.attributions) \
        and MODEL.accepts(text, unit, index, speaking())


# What such a word governs is speech when it is quoted in the same phrase: "dubbed her appearance a
# “press conference”", "delivered a blunt message to Trump: “It's time ...”". Without a quotation it
# is most often an act ("Lynch blocked the release", "Christie savaged Rubio", "Fiorina delivered a
# pair of speeches"), which the gold sets give no source: of the 90 figures' own reports the rule
# took without this over the story sets, 13 were the figure's words by the gold (2026-12-05).
_QUOTED_CONTENT = re.compile(r"[^,;“\"]*[“\"]")


# A quotation closed by a comma and followed by its source and a verb ('“...,” X charged', '“...,”
# the statement read'): the construction makes the verb a reporting one, whatever it is elsewhere
_QUOTE_THEN_CUE = frozenset({"quote_said_source", "quote_source_said"})
# "..., G-III reports show.", "..., the records indicate.": a plural noun and its verb that end the
# sentence after what they report; in that order the verb reports what comes before, whatever
# the word is in its other uses ("the show")
_PLURAL_THEN_CUE_AT_END = re.compile(r"[a-z]{3,}[^s'’\s]s\Z")
_SENTENCE_END = re.compile(r"[.!?]")


def _reports_by_word_order(text: str, attribution: Attribution, pattern: str) -> bool:
    """Whether a word PolNeAR uses as a cue at all reports here by the order of the words around it:
    after a quotation and its source, or as the verb of a plural noun that ends the sentence after
    what it reports (the two constructions above)."""
    if pattern in _QUOTE_THEN_CUE:
        return is_cue_word(attribution.cue.strip())
    return pattern == "inverted_source_said" and is_cue_word(attribution.cue.strip()) \
        and _PLURAL_THEN_CUE_AT_END.search(attribution.source) is not None \
        and _SENTENCE_END.match(text, attribution.cue_span[1]) is not None


# a speaker by pronoun, or by name (attribution.NAME_ONLY), not a phrase a quotation pattern mistook
_SPEAKER_PRONOUNS = frozenset({"he", "He", "she", "She", "they", "They"})


def _with_embedding_clause(text: str, unit: UnitAnalysis, attribution: Attribution) -> Attribution:
    """A quotation before "X added" that words of the writer's lead into ("Roe cannot say that
    “from his view,” Doe added") is part of what X says: all of the clause, and the one it names
    inside (Roe) is said of by X, not the speaker."""
    start = attribution.content_span[0]
    phrase = text[attribution.source_span[0]:attribution.source_span[1]]
    if _whole_sentences(text, unit.unit.start, start) \
            or any(mark in text[unit.unit.start:start] for mark in "“”\"«»") \
            or not is_speech_cue(attribution.cue.strip()) \
            or not (phrase in _SPEAKER_PRONOUNS or NAME_ONLY.fullmatch(phrase)):
        return attribution
    span = (unit.unit.start, attribution.content_span[1])
    return attribution.model_copy(update={"content_span": span, "content": text[span[0]:span[1]]})


def _whole_sentences(text: str, start: int, quote: int) -> bool:
    """Whether the quotation at `quote` is the speaker's own sentences: it opens the unit or
    follows a cue's comma or colon ('X said: “...'). One that follows a word of the writer's
    ('X said Europe is “sabotaging ...') finishes the writer's sentence, which stays whole."""
    before = text[start:quote].rstrip()
    return not before or before[-1] in ",:"


def _each_sentence_said(text: str, figure: str, role: str, span: Span, mention: Found | None,
                        attribution: Attribution | None, unit: UnitAnalysis, taxonomy) -> list[Claim]:
    """The claims over a span: a figure's own words over several quoted sentences, as one claim
    per sentence, where the unit says who speaks (a cue); a quotation that carries on in a
    paragraph of its own is the figure's only by inference from the one before, and stays one
    claim. What another says of the figure over several sentences is a claim per sentence that
    names or refers to the figure. Else one claim over the whole span."""
    if attribution is None or not attribution.cue:
        return [_claim(text, figure, role, span, mention, attribution, unit, taxonomy)]
    # the figure's own "but" clauses are propositions of their own ("I like him, but he is
    # wrong"); in what another says of the figure, only whole sentences are cut
    pieces = _said_sentences(text, *span, but_clauses=role == "speaker")
    if len(pieces) == 1:
        return [_claim(text, figure, role, span, mention, attribution, unit, taxonomy)]
    if role != "speaker":
        # what someone else says about the figure over several sentences: each sentence that
        # names or refers to the figure ("“Roe is innocent. He will plead not guilty,” Hart said")
        pieces = [(a, b) for a, b in pieces
                  if any(f.who == figure and a <= f.start < b for f in unit.figures)]
        if len(pieces) <= 1:
            return [_claim(text, figure, role, span, mention, attribution, unit, taxonomy)]
    return [_claim(text, figure, role, piece, None, attribution, unit, taxonomy) for piece in pieces]


def _embedded_post(text: str, unit: UnitAnalysis, figures: dict[str, str]) -> list[Attribution]:
    """A post embedded in the article (`<tweet author="@handle">...</tweet>`) is its author's own
    words, in each of its sentences: a figure's when the handle is the figure's (an alias), else
    the handle's owner's."""
    opening = text.rfind("<", max(0, unit.unit.start - 2000), unit.unit.start + 1)
    tag = _POST_TAG.match(text, opening) if opening >= 0 else None
    if tag is None:
        return []
    closing = text.find(f"</{tag.group(1)}>", tag.end())
    if closing < unit.unit.start and not (closing < 0 and opening == unit.unit.start):
        return []  # a post left open is only the unit it opens
    handle = tag.group(2)
    author = next((f.who for f in unit.figures if tag.start(2) <= f.start < tag.end(2)), None) \
        or figures.get(handle.lower()) or figures.get(handle.lstrip("@").lower()) or handle.lstrip("@")
    content = (max(tag.end(), unit.unit.start), unit.unit.end)
    return [Attribution(source=author, cue=tag.group(1), content=text[content[0]:content[1]],
                        source_span=tag.span(2), cue_span=tag.span(1), content_span=content)]


_POST_TAG = re.compile(r"<(tweet|post)\b[^>]*?\bauthor=\"([^\"]+)\"[^>]*>")


def _speaking_inside_an_account(text: str, unit_start: int, mention: Found, attribution: Attribution,
                                said: list[Attribution], figure: str) -> Attribution:
    """"“...,” X said at a press conference, according to the Sun": an account ("according to")
    of what the figure said, the figure the subject of the sentence's own cue, gives the figure's
    own words; not "What X has said privately is another story, according to Y", Y's view."""
    if not attribution.cue.lower().startswith("according"):
        return attribution
    return next((a for a in said if a.source == figure and a is not attribution and a.quote
                 and a.source_span[0] <= mention.start < a.source_span[1]
                 and attribution.content_span[0] <= a.cue_span[0] < attribution.content_span[1]
                 and _SUBJECT_AT_START.fullmatch(text, unit_start, a.source_span[0])
                 and not _WH_WORD.match(text, a.source_span[0])),
                attribution)


_WH_WORD = re.compile(r"(?:What|Whatever|How|Why|When|Where)\b")  # "What X has said" names what he said
# nothing before a clause's subject but a quotation it closes: "“...?” X said ..."
_SUBJECT_AT_START = re.compile(r"(?:\s*[“\"‘].*[”\"’][,.?!]?[”\"’]?)?\s*", re.DOTALL)


def _says_that(text: str, attribution: Attribution) -> bool:
    """"Pence pledged that ...", "many Republicans expect that ...": a cue word followed by a
    that-clause reports what its subject holds true, whatever the word is in its other uses; one
    followed by a colon and a quotation reports the quotation ("Kasich resisted: “...”"); a verdict
    on someone for something, and speaking of or about something, report it too."""
    return _THAT_CLAUSE.match(text, attribution.cue_span[1]) is not None \
        or _BARE_CLAUSE.match(text, attribution.cue_span[1]) is not None \
        or _COLON_QUOTE.match(text, attribution.cue_span[1]) is not None \
        or _JUDGED_FOR.match(text, attribution.cue_span[1]) is not None \
        or attribution.cue.strip().lower() in _SPEAKING \
        and _TOPIC.match(text, attribution.cue_span[1]) is not None


_THAT_CLAUSE = re.compile(
    # a time between the cue and its that-clause ("his assertion Tuesday night that ...")
    r"(?:\s+(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|today|week|month|year)(?:\s+(?:morning|afternoon|evening|night))?,?"
    # or an adverb ("argued repeatedly that", "recognized long ago that")
    r"|\s+(?:[a-z]{2,}ly|long\s+ago|again|earlier|later|before|since|also|then|too)\b,?)?"
    # after "that", what opens a clause and cannot follow a demonstrative "that" ("found that 60
    # percent of voters ...", "said that most of them ...", "that his plan ...")
    r"\s+that\s+(?:[A-Z]|\d|(?:the|a|an|he|she|they|it|if|we|I|his|her|their|its|our|this|these|those|"
    r"there|most|many|some|half|nearly|almost|only|few|all|both|no|none)\b)")
# "Emails show Roe ordered the audit stopped": a that-clause without its "that", a name and then its
# finite verb (a past tense or an auxiliary), not an object and what describes it ("show Roe trailing")
_AUXILIARIES = r"had|has|have|was|were|is|are|will|would|could|should"
_BARE_CLAUSE = re.compile(rf"\s+(?:(?:[A-Z][\w.’'-]*\s+){{1,3}}(?:{_AUXILIARIES}|did|does|[a-z]{{3,}}ed)"
                          # or a determiner's noun phrase and its auxiliary ("hopes his campaign could")
                          rf"|(?:the|his|her|their|its|our)\s+(?:[a-z-]+\s+){{1,2}}"
                          rf"(?:{_AUXILIARIES}|can|may|might|must))\b")
# "Kasich resisted: “Ohio governors do not have the power ...”": a colon right after the verb
# opens a quotation that is what the subject said in doing what the verb says
_COLON_QUOTE = re.compile(r":\s*[“\"]")
# "X spoke of a visit to a mosque", "Y talked about the levy": the verbs of speaking itself, with
# "of" or "about" what was said, report it (without them they may only place a speaker at an event:
# "X spoke at the rally")
_SPEAKING = frozenset({"speak", "speaks", "spoke", "spoken", "speaking",
                       "talk", "talks", "talked", "talking"})
_TOPIC = re.compile(r"\s+(?:of|about)\s")
# "She applauded him for defying ...", "Roe faulted the council for ...": a cue word with a person
# and "for" what they did is a verdict on them (praise or blame), whatever the word is in its other
# uses ("the crowd applauded"); the person may come with a description before the name ("attacked
# former Republican presidential nominee Jane Roe for being ..."): words that end in the name
_JUDGED_FOR = re.compile(r"\s+(?:him|her|them|(?:[\w’'-]+\s+){0,5}?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})"
                         r"\s+for\s+(?:[a-z]+ing\b|his\b|her\b|their\b)")


def _clauses(text: str, start: int, end: int, attributions: list[Attribution],
             figures: list[Found]) -> list[tuple[int, int]]:
    """Cut a unit at ', and he…' / '; ' outside quotations, where a coordinated clause has a
    speaker of its own (', and party officials found ...'): what the new speaker says is a
    proposition apart from what came before it, and before an absolute clause with a named
    subject (', with X taking to Twitter to ...')."""
    quotes = quote_regions(text, start, end)
    cuts = [m.span() for m in _CLAUSE_SPLIT.finditer(text, start, end)
            if not _contrast_without_mention(text, m, end, figures)]
    if _ANY_CUT.search(text, start, end) is None:
        return _cut(text, start, end, cuts, quotes)
    sources = {a.source_span[0] for a in attributions}
    if sources:
        cuts += [m.span() for m in _NEW_SPEAKER.finditer(text, start, end) if m.end() in sources]
    cuts += [m.span() for m in _WITH_CLAUSE.finditer(text, start, end)]
    # "..., who said that ...": the relative clause reports what its antecedent says, apart from
    # the main clause, unless the antecedent is a figure ("X, who said ...": that is X's claim)
    # (a relative's source span runs from its antecedent to "who": "Jo Roe, who"; it ends there)
    relative_sources = {a.source_span[1] for a in attributions}
    relatives = [m for m in _WHO_SAYS.finditer(text, start, end) if m.end() in relative_sources]
    if relatives:
        speakers_at = {a.source_span[1] for a in attributions if is_speech_cue(a.cue.strip())}
        cuts += [(m.start(), m.end() - len("who")) for m in relatives
                 if m.end() in speakers_at
                 and not any(0 <= m.start() - f.end <= 3 for f in figures)]
    return _cut(text, start, end, cuts, quotes)


def _contrast_without_mention(text: str, split: re.Match, end: int, figures: list[Found]) -> bool:
    """Whether the coordinated clause after this split is a contrast (", but ...") that names no
    figure: it completes the proposition it is set against ("X may stay on as chairman, but the
    real power has moved elsewhere" says one thing about X, and "the real power has moved
    elsewhere" alone says nothing of X), so it stays in that clause's claim."""
    if not split.group(0).lstrip(", ").startswith("but"):
        return False
    following = _CLAUSE_SPLIT.search(text, split.end(), end)
    stop = following.start() if following else end
    return not any(split.end() <= f.start < stop for f in figures)


def _cut(text: str, start: int, end: int, cuts: list[tuple[int, int]],
         quotes: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    spans, s = [], start
    for cut_start, cut_end in sorted(cuts):
        if cut_start < s or any(a <= cut_start < b for a, b in quotes):
            continue
        spans.append((s, cut_start))
        s = cut_end
    spans.append((s, end))
    return [(a, b) for a, b in spans if b > a]


_ANY_CUT = re.compile(r",\s+(?:and|but|with|who)\b")
_NEW_SPEAKER = re.compile(r",\s+(?:and|but)\s+")
_WHO_SAYS = re.compile(r",\s+who\b")
# ", with X taking to Twitter to ...": a clause of its own with its own subject and doing; the
# subject may be a name with its title ("with DNC Chairwoman Ann Bell comparing ...")
_WITH_CLAUSE = re.compile(r",\s+with\s+(?=(?:[A-Z][\w.’'-]*\s+){1,6}[a-z]+ing\b)")


def _skip_space(text: str, pos: int, end: int) -> int:
    return pos + len(text[pos:end]) - len(text[pos:end].lstrip())


# "..., but we have no ...": a contrast a speaker draws with a new subject is a second proposition
_BUT_CLAUSE = re.compile(r",\s+but\s+(?=(?:we|I|he|she|they|it)\b)")
_FIRST_WORD = re.compile(r"[“”\"'‘’\s]*(\w+)")


def _same_subject(text: str, quote_start: int, subject: int) -> bool:
    """Whether the subject after ", but" is the one the quoted sentence opened with ("I have a
    personal view, but I support ..."): one speaker's one point, qualified, not a second
    proposition with a subject of its own."""
    sentence = max([quote_start, *sentence_ends(text, quote_start, subject)])
    first = _FIRST_WORD.match(text, sentence)
    after = _FIRST_WORD.match(text, subject)
    return first is not None and after is not None and first.group(1) == after.group(1)


def _said_sentences(text: str, start: int, end: int, but_clauses: bool = True) -> list[tuple[int, int]]:
    """What someone says over several sentences of one quotation, cut at their ends: each sentence
    is a claim of its own ("I never met him. He is lying."), and with `but_clauses` so is each
    clause after "but" with a subject of its own. A sentence of a few words ("I don't know.",
    "Look.") says little alone and stays with the one after it, and one that opens with a
    conjunction stays with the one before it."""
    quotes = [(a, b) for a, b in quote_regions(text, start, end) if _whole_sentences(text, start, a)]
    ends = [(pos, _skip_space(text, pos, end)) for a, b in quotes for pos in sentence_ends(text, a, b)]
    if but_clauses:
        ends += [m.span() for a, b in quotes for m in _BUT_CLAUSE.finditer(text, a, b)
                 if not _same_subject(text, a, m.end())]
    # "... would involve X, who told Congress: “That matter is ...”": the writer's clause and the
    # quotation its relative clause introduces are two propositions, what the writer says of X and
    # what X said
    ends += [(start + len(text[start:a].rstrip()), a) for a, b in quotes
             if _RELATIVE_SPEECH_BEFORE.search(text, start, a)]
    spans, s = [], start
    for pos, after in sorted(ends):
        if len(text[s:pos].split()) >= _FEW_WORDS and not _CARRIES_ON.match(text, after):
            spans.append((s, pos))
            s = after
    spans.append((s, end))
    return spans


_RELATIVE_SPEECH_BEFORE = re.compile(r",\s+who\s[^“”\",]*:\s*\Z")


# A sentence that opens with a conjunction carries on the point of the one before ("So I think
# ...", "But more to the point ..."): it stays with it
_CARRIES_ON = re.compile(r"[“”\"'‘’]*(?:And|But|So|Or|Yet|Because)\b")


_FEW_WORDS = 5


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


# a sentence's end or a semicolon between a subject and a mention: another clause
_BOUNDARY = re.compile(r"[.;!?]\s")


def _in_the_opening(text: str, unit_start: int, attribution: Attribution, mention: Found) -> bool:
    """The mention is in an opening phrase that names the statement itself ("In a statement
    defending X, ", "In an interview about X, ") or whom what follows is said of ("Of X, ",
    "Asked about X, "), and the source speaks right after it."""
    for pattern in (_STATEMENT_OPENING, _SAID_OF_OPENING):
        opening = pattern.match(text, unit_start)
        if opening is not None and unit_start <= mention.start < opening.end() \
                and opening.end() <= attribution.source_span[0] < opening.end() + 3:
            return True
    return False


_SAID_OF_OPENING = re.compile(r"\s*(?:Of|About|Asked about|Speaking of|Speaking about)\s+[^,;“”\"]{1,60},\s*")


def _described_before_cue(text: str, attribution: Attribution, mention: Found) -> bool:
    """"Supporters who have heard from X say ...", "Ann Bell, X's longtime friend, said ...": the
    mention is in what describes the source, between it and its cue, before what is said."""
    source_end = attribution.source_span[1]
    return source_end <= mention.start < attribution.cue_span[0] \
        and attribution.cue_span[1] <= attribution.content_span[0] \
        and not any(q in text[source_end:mention.start] for q in "“”\"") \
        and _DESCRIPTION_START.match(text, source_end) is not None


# a description set off by a comma, or a restrictive relative clause: "Bell, X's friend,", "voters who"
_DESCRIPTION_START = re.compile(r",\s|\s+(?:who|whom|whose|that)\b")


def _own_words_holding(attribution: Attribution, said: list[Attribution], figure: str) -> Attribution:
    """The figure's own attribution whose content holds this one, else this one."""
    if attribution.source == figure:
        return attribution
    return next((a for a in said if a.source == figure and a.cue_span[1] <= attribution.source_span[0]
                 and a.content_span[0] <= min(attribution.source_span[0], attribution.cue_span[0])
                 and a.content_span[0] <= attribution.content_span[0]
                 and attribution.content_span[1] <= a.content_span[1]), attribution)


_STATEMENT_OPENING = re.compile(rf"\s*In (?:a|an|his|her|their|its|the) (?:[\w-]+ )?(?:{COMMUNICATIONS})\b"
                                r"[^,;“”\"]*,\s*")


_NEW_PREDICATE = re.compile(r"\b(?:who|which|whose|that)\b")


_CUE_IN_DESCRIPTION = re.compile(r"\b(?:said|says|told|added|adding|saying)\b")


def _nested(attribution: Attribution, attributions: list[Attribution]) -> bool:
    """Whether the attribution, source and cue, lies inside what another one says; or its cue does,
    and its source phrase swallowed the other's cue ("Emails show Roe ordered ...": not "Emails show
    Roe" ordering anything, but what the emails show)."""
    first = min(attribution.source_span[0], attribution.cue_span[0])
    return any(other is not attribution and attribution.cue_span[1] <= other.content_span[1]
               and (other.content_span[0] <= first
                    or other.content_span[0] <= attribution.cue_span[0]
                    and attribution.source_span[0] <= other.cue_span[0] < attribution.source_span[1])
               for other in attributions)


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
    attribution = _noun_phrase_source(text, attribution, unit.people)
    if attribution is not None and attribution.source == figure:
        role = "speaker"  # ("She even gave a few hints": the phrase's pronoun was the figure)
    # (a claim someone is cited for is never background: its clause is not searched)
    background = not attribution and bool(BACKGROUND.search(clause)) and not NEWS_TIME.search(clause)
    return Claim(
        figure=figure,
        role=role,
        text=clause,
        span=span,
        aspect="background" if background else _aspect(clause, role, taxonomy),
        polarity=_polarity(text, span, mention),
        status=_status(figure, text, span, attribution, unit.officials),
        attribution=attribution,
        background=background,
    )


# a finite auxiliary or modal verb, or a reporting verb, after a word of a source phrase: the noun
# phrase ended before it
_FINITE_VERB = re.compile(r"[ \xa0]+(?:is|are|was|were|has|have|had|will|would|can|could|does|did|do|"
                          r"should|may|might|must|shall|" + CUE_VERBS + r")\b")
_RELATIVE_BEFORE_VERB = re.compile(r"(,?)[ \xa0]+(?:who|that|which)$")
# a time that ends a source phrase says when, not who: "the board of elections on Monday", "a
# CNN/ORC International Poll the same month"
_TRAILING_TIME = re.compile(
    r"[ \xa0]+(?:(?:on|late|early)[ \xa0]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:[ \xa0]+(?:morning|afternoon|evening|night))?$"
    r"|[ \xa0]+(?:last|this|next|that|the[ \xa0]+same|the[ \xa0]+previous)[ \xa0]+"
    r"(?:week|month|year|day|morning|afternoon|evening|night|weekend)$"
    r"|[ \xa0]+(?:today|yesterday|tonight)$")


def _noun_phrase_source(text: str, attribution: Attribution | None,
                        people: Sequence[Found] = ()) -> Attribution | None:
    """The attribution with a source phrase no person was found in cut to its noun phrase: a
    pattern that took the words before a cue as its source may take in the subject's verb phrase
    ("The Jeb Bush campaign is releasing a new online ad Monday aimed at ...": the campaign; a
    headline's "Trump says praise from Putin helps", whose cue is "praise": Trump). A
    restrictive relative clause is the noun phrase's ("people who have seen it"); a non-restrictive
    one is an aside ("Roe, who has led the panel"). A time at its end says when, not who ("the
    board of elections on Monday"). A subject pronoun that opens the phrase is the whole of it,
    and the one the analysis resolved it to is the source ("He even gave a few" before the cue
    "hints": `people`, the unit's). The analysis keeps the phrase as found (the confidence model
    learned from it); only the claim, which people read, names the noun phrase."""
    if attribution is None:
        return None
    start, end = attribution.source_span
    if attribution.source != text[start:end]:
        return attribution  # a person or a resolved reference, not a phrase
    pronoun = next((p for p in people if p.start == start and p.kind == "reference"
                    and text[p.start:p.end] in _SPEAKER_PRONOUNS), None)
    if pronoun is not None and pronoun.end < end and not _AND_AFTER.match(text, pronoun.end, end):
        # "He even gave a few" before the cue "hints": a subject pronoun is a whole noun phrase,
        # and the one it refers to is the source
        return attribution.model_copy(update={"source": pronoun.who, "source_span": (start, pronoun.end)})
    owner = next((p for p in people if (p.start, p.end) == (start, end) and p.kind == "possessive"
                  and text[start:end].lower() in _POSSESSIVE_PRONOUNS), None)
    if owner is not None:
        # "His tweet included a picture": the cue is the noun, its owner the one the analysis
        # resolved the pronoun to
        return attribution.model_copy(update={"source": owner.who})
    cut = end
    verb = _FINITE_VERB.search(text, start, end)
    if verb is not None:
        cut = verb.start()
        relative = _RELATIVE_BEFORE_VERB.search(text, start, cut)
        if relative is not None:
            if relative.group(1):
                cut = relative.start()
            else:
                cut = end
    cut = len(text[start:cut].rstrip(" ,\xa0")) + start
    time = _TRAILING_TIME.search(text, start, cut)
    if time is not None:
        cut = time.start()
    if cut <= start or cut == end:
        return attribution
    return attribution.model_copy(update={"source": text[start:cut], "source_span": (start, cut)})


# "she and another reporter": two speak together, the phrase is the source
_AND_AFTER = re.compile(r"\s+and\b")
# (the pronouns the analysis resolves as possessive references, mentions.PRONOUN_SETS: a name's "'s"
# is a possessive mention too, and is no pronoun to stand for its owner)
_POSSESSIVE_PRONOUNS = frozenset(("his", "her"))


def _outside_quotes_and_source(text: str, span) -> str:
    """The outlet's own words in the clause: what hedges and 'reportedly' are looked for in."""
    # (the clause's slices between its quotations, and a space for each character of them: not a
    # list of its characters, rewritten one by one)
    pieces: list[str] = []
    pos = span[0]
    for a, b in quote_regions(text, span[0], span[1]):
        if b <= pos:
            continue
        a = max(a, pos)
        pieces += (text[pos:a], " " * (b - a))
        pos = b
    pieces.append(text[pos:span[1]])
    return "".join(pieces)


def _status(figure: str, text: str, span: Span, attribution: Attribution | None,
            officials: set[str]) -> Status:
    if attribution is None:
        # (the outlet's own words in text[span], read only for a claim no one is cited for)
        own_words = _outside_quotes_and_source(text, span)
        if REPORTED.search(own_words):
            return "reported"
        if HEDGES.search(own_words):
            return "speculative"
        return "asserted"
    on_record = attribution.source == figure or attribution.source in officials or (
        OFFICIAL_TITLES.search(attribution.source) and "former" not in attribution.source.lower()
    )
    if on_record and UNNAMED_SOURCES.match(attribution.source.strip()):
        on_record = False  # (a source already off the record is not read again)
    cue = attribution.cue.lower()
    if cue in DENIAL_CUES:
        return "denied" if on_record else "reported"
    if on_record:
        return "confirmed"
    return "reported"


def _polarity(text: str, span: Span, mention: Found | None) -> Polarity:
    start = mention.start if mention else span[0]
    window = _SHORT_QUOTE.sub(lambda m: f" {m[1]} ", text[start:span[1]])
    stop = _POLARITY_STOP.search(window, (mention.end - start) if mention else 0)
    window = window[: stop.start()] if stop else window
    return "negated" if NEGATIONS.search(window) else "affirmed"


def _aspect(clause: str, role: str, taxonomy: dict[str, list[str]]) -> str:
    if role == "speaker":
        return "statement"
    lowered = clause.lower()
    # (map, not a generator per aspect: sixty-odd keywords are counted for every claim)
    scores = {aspect: sum(map(lowered.count, keys)) for aspect, keys in taxonomy.items()}
    best = max(scores, key=lambda a: scores[a], default="other")
    return best if scores.get(best) else "other"
