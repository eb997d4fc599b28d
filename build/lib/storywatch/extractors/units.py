"""What the analysis of an article finds, unit by unit (a sentence, or a paragraph of quotes): the
records the attribution finder, its confidence model and the claim finder share."""

from __future__ import annotations

from dataclasses import dataclass, field

from storywatch.records import Attribution, Mention

from .mentions import Found
from .sentences import Unit


@dataclass
class UnitAnalysis:
    unit: Unit
    figures: list[Found]  # watchlist figures, explicit or by reference
    people: list[Found]  # everyone mentioned, figures included
    attributions: list[Attribution]
    officials: set[str]
    patterns: list[str] = field(default_factory=list)  # which pattern found each attribution


@dataclass
class ArticleAnalysis:
    text: str
    units: list[UnitAnalysis]
    attributions: list[Attribution] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
