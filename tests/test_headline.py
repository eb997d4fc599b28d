"""A story's headline: what the story says about its figure, chosen from its titles and claims,
and chosen again as the story develops."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from storywatch.config import Settings, WatchedFigure
from storywatch.flows import pipeline
from storywatch.flows.headlines import refresh_headlines
from storywatch.records import ArticleRef, Claim, Figure
from storywatch.storage import StoryReader
from storywatch.stories import HEADLINE_RULE, StoryClaim, choose_headline, claim_terms

from .conftest import FIRST, SECOND

CHRISTIE = Figure(name="Chris Christie", aliases=("Christie", "Gov. Chris Christie", "Mr. Christie"),
                  roles=("New Jersey governor", "the governor"))
RYAN = Figure(name="Paul Ryan", aliases=("Ryan",), roles=("House speaker",))
NOW = datetime(2025, 11, 5, 9, tzinfo=UTC)


def said(figure: Figure, article: str, title: str | None, *sentences: str,
         background: bool = False) -> list[StoryClaim]:
    ref = ArticleRef(key=article, title=title)
    claims = [Claim(figure=figure.name, role="subject", text=s, span=(0, len(s)), aspect="other",
                    polarity="affirmed", status="asserted", background=background) for s in sentences]
    return [StoryClaim(c, ref, claim_terms(c, [figure])) for c in claims]


# Christie's endorsement of Trump, as the Christie gold's story B has it (1-2 March 2016)
SUPER_TUESDAY = said(
    CHRISTIE, "breitbart-1", "The Latest: Sanders wins Minnesota Democratic caucuses.",
    "Trump, speaking at the Mar-a-Lago resort in Florida, was introduced by former rival New Jersey "
    "Gov. Chris Christie, who endorsed him last week.",
    "Kasich, the governor of Ohio, has been trying to build off his surprising second place finish.")
BACKLASH = said(
    CHRISTIE, "west-journal-1", "Right After This Big-Name Senator Endorsed Trump, The Establishment Did "
    "Something SICK.",
    "Last week, New Jersey Gov. Chris Christie announced that he would support the Trump campaign.",
    "He calls Christie's endorsement \u201cthe most transparent display of affection since Judas.\u201d",
    "Christie defended his endorsement this week on his regular radio call-in show.")
SHELL_SHOCKED = said(
    CHRISTIE, "breitbart-2", "Christie\u2019s shell-shocked look stirs mockery, befuddlement.",
    "Christie\u2019s shell-shocked look stirs mockery, befuddlement.",  # the extractor reads the title too
    "Christie\u2019s seemingly shell-shocked gaze as he stood behind Donald Trump on Super Tuesday is "
    "generating befuddlement and mockery in his home state and beyond.",
    "Christie endorsed Trump last week and has appeared at the billionaire businessman\u2019s side.",
    "Christie defended his endorsement this week on his radio show.")


def test_a_first_title_about_someone_else_is_not_the_headline():
    headline = choose_headline(CHRISTIE, SUPER_TUESDAY)
    assert "Sanders" not in headline and "Kasich" not in headline
    assert headline.startswith("Chris Christie: Trump, speaking at the Mar-a-Lago resort")
    assert headline.endswith("Chris Christie…")  # cut at a word, keeping the name


def test_the_headline_follows_the_story_as_articles_join():
    first = choose_headline(CHRISTIE, SUPER_TUESDAY)
    second = choose_headline(CHRISTIE, SUPER_TUESDAY + BACKLASH)
    third = choose_headline(CHRISTIE, SUPER_TUESDAY + BACKLASH + SHELL_SHOCKED)
    assert second == ("Chris Christie: New Jersey Gov. Chris Christie announced that he would support "
                      "the Trump campaign")
    assert third == "Chris Christie: Christie\u2019s shell-shocked look stirs mockery, befuddlement"
    assert len({first, second, third}) == 3


def test_a_title_naming_the_figure_leads_and_its_deck_and_colon_are_dropped():
    story = said(RYAN, "nyt", "Ryan calls Trump line 'racist,' but backs him; Criticism within party "
                 "drives candidate to say remarks 'misconstrued.'",
                 "Speaker Paul Ryan called Donald Trump's attack on a federal judge 'the textbook definition "
                 "of a racist comment' but said he still backed Trump.")
    assert choose_headline(RYAN, story) == "Paul Ryan: Ryan calls Trump line 'racist,' but backs him"
    quoted = said(RYAN, "breitbart", "Ryan: \u2018Anti-Semitic Images\u2019 Have \u2018No Place In A "
                  "Presidential Campaign.\u2019", "Ryan said anti-Semitic images have no place in a "
                  "presidential campaign.")
    assert choose_headline(RYAN, quoted).startswith("Paul Ryan: \u2018Anti-Semitic Images\u2019")


def test_background_and_pronoun_claims_make_no_headline():
    story = said(RYAN, "a", None, "He said the agenda would come out before the convention.") + said(
        RYAN, "a", None, "Ryan, 46, has been speaker since October.", background=True)
    assert choose_headline(RYAN, story) == ("Paul Ryan: He said the agenda would come out before "
                                            "the convention")
    assert choose_headline(RYAN, []) == "Paul Ryan"


def test_a_long_claim_loses_its_dateline_and_trailing_clause():
    story = said(RYAN, "a", None, "LA CROSSE, Wisc. \u2014 Paul Ryan on Thursday blamed the media for "
                 "the row over the tax plan, saying reporters were nitpicking at every word of a plan "
                 "that the House will vote on in the autumn after the recess.")
    assert choose_headline(RYAN, story) == ("Paul Ryan: Paul Ryan on Thursday blamed the media for the row "
                                            "over the tax plan")


def test_a_pass_keeps_the_headline_current_and_a_later_rule_redoes_old_ones(store, settings, seed_dir):
    """Through the real pass over the seeds: the story's headline is stored with its rule; a
    story headlined before the rule (migration 0008 gives it 0) is chosen again by the next pass."""
    for step, names in enumerate([(FIRST,), (FIRST, SECOND)]):
        run_settings = settings.model_copy(update={"sources": settings.sources.model_copy(
            update={"seeds": [seed_dir(*names, name=f"s{step}")]})})
        pipeline.run_pass(run_settings, store, now=NOW)
    [story] = store.stories()
    assert story.headline == ("Sergei Lavrov: Where is Sergei Lavrov? \u2018Everything is fine\u2019 "
                              "says the Kremlin")
    with store.engine.begin() as c:
        assert c.execute(text("SELECT headline_rule FROM stories")).scalar() == HEADLINE_RULE
        c.execute(text("UPDATE stories SET headline = 'Sergei Lavrov: a first title', headline_rule = 0"))
    lavrov = Settings(watchlist=[WatchedFigure(name="Sergei Lavrov", aliases=["Lavrov"])])
    assert refresh_headlines(store, lavrov) == 1
    assert StoryReader(store.engine).timeline(story.id).story.headline == story.headline
    assert refresh_headlines(store, settings) == 0
