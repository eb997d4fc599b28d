"""A later article's claim dated back to before it ("last week") recalls its story (stories/recap.py)."""

from storywatch.records import ArticleRef, Candidate, StoredClaim
from storywatch.stories import claim_dates_back, claim_terms, judge_claim
from tests.test_who_said_it import NOW_UTC, ROE, claims_about

STORY_SO_FAR = "The port authority fired Jane Roe as harbour director on Tuesday after a budget row."


def _label(text: str) -> str:
    [earlier] = claims_about(STORY_SO_FAR)
    stored = StoredClaim(id=1, story_id="s", claim=earlier, article=ArticleRef(key="a"), first_seen=NOW_UTC)
    candidate = Candidate(stored=stored, terms=claim_terms(earlier, [ROE]))
    [later] = claims_about(text)
    return judge_claim(later, claim_terms(later, [ROE]), [candidate], claim_dates_back(later)).label


def test_a_claim_dated_back_to_before_the_article_repeats_its_story():
    for when in ("last week", "a few weeks ago", "earlier this month"):
        assert _label(f"Roe was pushed out by the harbour board {when} amid mounting criticism.") == "repeat"


def test_the_same_claim_told_as_today_s_news_is_new():
    assert _label("Roe was pushed out by the harbour board amid mounting criticism.") == "new"


def test_a_span_that_runs_to_today_is_not_a_recap():
    assert not claim_dates_back(claims_about("Roe has spent the last week lobbying the harbour board.")[0])
    assert claim_dates_back(claims_about("Roe lobbied the harbour board last week.")[0])


def test_a_date_inside_a_relative_clause_dates_that_clause_only():
    text = "Roe, who quit the harbour board last week, opened a bakery on the quay."
    assert not claim_dates_back(claims_about(text)[0])
