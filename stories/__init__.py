"""Pure decisions over records: claim matching, labels, story assignment, alerts."""

from .alerts import ALERTING_LABELS, alert_items, choose_story, headline_for
from .matching import Candidate, Judgement, judge_claim
from .terms import claim_terms

__all__ = [
    "ALERTING_LABELS",
    "Candidate",
    "Judgement",
    "alert_items",
    "choose_story",
    "claim_terms",
    "headline_for",
    "judge_claim",
]
