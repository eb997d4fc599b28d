"""Every decision about stories, over records, with no I/O: claim matching and labels, which story
an article develops (and its id), and the alert that follows with its headline and items."""

from .development import (
    ALERTING_LABELS,
    JudgedClaim,
    alert_items,
    assign_stories,
    claim_time,
    develop_alerts,
    headline_for,
    story_id_for,
)
from .headline import HEADLINE_RULE, StoryClaim, choose_headline
from .linking import link_story
from .matching import Judgement, judge_claim
from .scoring import RERUN_PREFIX, Counts, ProducedAlert, ProducedClaim, Score, score, total
from .terms import claim_terms

__all__ = [
    "ALERTING_LABELS",
    "HEADLINE_RULE",
    "RERUN_PREFIX",
    "Counts",
    "JudgedClaim",
    "Judgement",
    "ProducedAlert",
    "ProducedClaim",
    "Score",
    "StoryClaim",
    "alert_items",
    "assign_stories",
    "claim_terms",
    "choose_headline",
    "claim_time",
    "develop_alerts",
    "headline_for",
    "judge_claim",
    "link_story",
    "score",
    "story_id_for",
    "total",
]
