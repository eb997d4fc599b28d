"""Recap cues: how a later article restates what its story already told.

News writing dates a restated development back to before the article ("last week", "a few weeks
ago", "earlier this month", "recently"): a claim so dated, in an article that continues a story,
recalls the story's premise rather than adding to it. The cue must date the claim's own event,
so only relative references to the past count (a weekday or a date may be today's news), and not
"the last week", a span that runs to today.
"""

from __future__ import annotations

import re

from storywatch.records import Claim

_UNIT = r"(?:day|days|week|weeks|weekend|month|months|year|years|spring|summer|fall|autumn|winter)"
RECAP_CUES = re.compile(
    rf"(?i)\b(?:(?<!the\s)last\s+{_UNIT}"
    rf"|(?:a|an|one|two|three|four|five|six|several|a\s+few|few|\d+)\s+{_UNIT}\s+ago"
    rf"|earlier\s+(?:this|that|in\s+the)\s+{_UNIT}"
    r"|recently|previously)\b")


_RELATIVE = re.compile(r"(?i)\b(?:who|whom|whose|which)\b[^,;:()—–]*$")


def dates_back(text: str) -> bool:
    """Whether the text places its event before the article: a relative reference to the past, not
    inside a relative clause ("the aide, who quit last week, said ..." dates the quitting, not what
    the sentence tells)."""
    return any(not _RELATIVE.search(text[:cue.start()]) for cue in RECAP_CUES.finditer(text))


def claim_dates_back(claim: Claim) -> bool:
    """Whether the claim's sentence is dated back to before the article. The whole sentence, not
    only its proposition (terms.proposition): a recap's date often sits in the clause that is cut
    off ("Trump, who fired him last month, ...")."""
    return dates_back(claim.text)
