"""Stories on real coverage: story time is the articles' time, an article joins the story its
claims are about as a whole, general English terms, and `storywatch eval` over several gold files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

from storywatch.config import Settings, Sources, WatchedFigure
from storywatch.flows import pipeline
from storywatch.records import Article, StoryProfile
from storywatch.stories import claim_time, link_story

from .conftest import ROOT, SHARED_EVAL

NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)


def test_a_claims_time_is_its_articles_published_time_else_when_first_seen():
    published = datetime(2016, 4, 9, tzinfo=UTC)
    article = Article(key="k", text="t", content_hash="h", origin="o", published=published)
    assert claim_time(article, NOW) == published
    assert claim_time(article.model_copy(update={"published": None}), NOW) == NOW


def test_an_article_joins_the_open_story_it_shares_telling_terms_with():
    court = StoryProfile(story_id="court", last_claim_at=NOW - timedelta(days=1),
                         terms={"indictment": 3, "Manhattan": 2, "prosecutor": 2, "plead": 1})
    job = StoryProfile(story_id="job", last_claim_at=NOW - timedelta(days=1),
                       terms={"appoint": 2, "ambassador": 3, "Senate": 2})
    said = Counter({"prosecutor": 1, "indictment": 1, "Manhattan": 1, "trial": 1})
    assert link_story(said, [court, job], NOW) == "court"
    assert link_story(Counter({"weather": 1, "flood": 1}), [court, job], NOW) is None  # a new story


def test_a_story_silent_for_long_fades_so_a_like_article_starts_a_new_one():
    story = StoryProfile(story_id="s", last_claim_at=NOW, terms={"indictment": 3, "prosecutor": 2})
    said = Counter({"prosecutor": 1, "indictment": 1, "jury": 1, "verdict": 1, "appeal": 1})
    assert link_story(said, [story], NOW + timedelta(days=1)) == "s"
    assert link_story(said, [story], NOW + timedelta(days=29)) is None


def _article_file(folder, name, published, text):
    path = folder / name
    path.write_text(f"---\npublished: {published}\nsource: Outlet {name}\n---\n{text}\n")
    return path


def test_articles_months_apart_start_two_stories_though_processed_a_second_apart(tmp_path, store):
    """The window runs on published times, not on when a replay happens to process them."""
    settings = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])],
                        sources=Sources(seeds=[tmp_path / "a"]))
    sentence = "Maria Ivanova said the harbour inquiry would report its findings to parliament."
    (tmp_path / "a").mkdir()
    _article_file(tmp_path / "a", "one.txt", "2016-01-05", sentence)
    first, _ = pipeline.run_pass(settings, store, pipeline.Stages(), NOW)
    (tmp_path / "b").mkdir()
    _article_file(tmp_path / "b", "two.txt", "2016-05-05", sentence.replace("said", "told reporters"))
    later = settings.model_copy(update={"sources": Sources(seeds=[tmp_path / "b"])})
    second, _ = pipeline.run_pass(later, store, pipeline.Stages(), NOW + timedelta(seconds=1))
    assert first.developments and second.developments
    assert {d.story_id for d in first.developments} != {d.story_id for d in second.developments}
    assert [s.alert.kind for s in second.alerts] == ["new_story"]


def test_a_gold_articles_front_matter_is_what_the_pass_reads(tmp_path):
    from storywatch.flows.evaluate import ReplayStages
    from storywatch.flows.prepare import parse

    path = tmp_path / "plain.txt"
    path.write_text("Maria Ivanova said the inquiry would report to parliament.\n")
    meta = {"title": "Inquiry to report", "source": "The Example Times", "published": "2016-04-09"}
    documents, _ = ReplayStages(path, meta).read_seeds([tmp_path])
    article = parse(documents[0])
    assert isinstance(article, Article)
    assert (article.title, article.outlet) == ("Inquiry to report", "The Example Times")
    assert claim_time(article, NOW) == datetime(2016, 4, 9, tzinfo=UTC)  # a date alone: midnight UTC
    assert article.text.startswith("Maria Ivanova said")


def test_eval_scores_several_gold_files_and_their_totals(tmp_path):
    gold = json.loads((SHARED_EVAL / "seeds.gold.json").read_text())
    gold["front_matter"] = {name: {"source": "The Example Times", "published": "2025-11-05"}
                            for name in gold["articles"]}
    second = tmp_path / "seeds-with-front-matter.gold.json"
    second.write_text(json.dumps(gold))
    first = str(SHARED_EVAL / "seeds.gold.json")
    ran = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", "eval", first, str(second),
                          "--seeds", str(ROOT / "seeds"), "--json"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr[-3000:]
    data = json.loads(ran.stdout)
    assert set(data["files"]) == {first, str(second)}
    assert data["total"]["counts"]["required"] == 2 * data["files"][str(second)]["counts"]["required"]
    assert data["total"]["alerts_met"] == 1.0 and data["total"]["recall"] == 1.0


def test_eval_says_what_it_found_wrong_in_words(tmp_path):
    """The text report names each finding for a reader: the produced label or source, what the
    gold accepts, then the claim; not a Python tuple."""
    gold = json.loads((SHARED_EVAL / "seeds.gold.json").read_text())
    changed = next(c for c in gold["claims"] if c.get("source") and "new" in c["labels"])
    changed["labels"] = ["contradict"]
    changed["source"] = ["Nobody In Particular", "Nobody"]
    path = tmp_path / "changed.gold.json"
    path.write_text(json.dumps(gold))
    ran = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", "eval", str(path),
                          "--seeds", str(ROOT / "seeds")],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr[-3000:]
    lines = ran.stdout.splitlines()
    label = next(line for line in lines if line.strip().startswith("label "))
    assert label.strip().startswith("label new, the gold accepts contradict: “")
    assert changed["evidence"] in label
    source = next(line for line in lines if line.strip().startswith("source "))
    assert "the gold accepts Nobody In Particular (or 1 more): “" in source
    assert "('" not in ran.stdout


def test_an_articles_profile_is_its_strongest_terms_without_the_figures_names_and_common_words():
    from storywatch.profiles import ARTICLE_TERMS, article_profile

    text = ("Maria Ivanova said the harbour inquiry would report. The harbour inquiry heard dredging "
            "contractors. " + " ".join(f"zz{a}{b}" for a in "abcdefghij" for b in "abcdefghij"))
    profile = article_profile("Harbour inquiry", text, ("Maria Ivanova", "Ivanova"))
    assert profile["harbour"] == 3 and profile["inquiry"] == 3
    assert not {"maria", "ivanova", "said", "would", "the"} & set(profile)
    assert len(profile) == ARTICLE_TERMS


def test_a_body_named_in_full_meets_its_acronym():
    """One outlet writes "the Democratic National Committee", the next "the DNC": the profile of
    the first holds "dnc" too; only an acronym English writes as a word, not any run of initials
    ("The Washington Post" is no "wp"), and not of the figure's own names, nor of a headline."""
    from storywatch.profiles import article_profile

    text = ("Maria Ivanova resigned from the Democratic National Committee after The Washington Post "
            "reported on the Harbour Board Authority.")
    profile = article_profile("Ivanova Quits Democratic National Committee", text,
                              ("Maria Ivanova", "Ivanova"))
    assert profile["dnc"] == 1
    assert not {"wp", "hba", "iqdnc"} & set(profile)


HARBOUR = ("The harbour inquiry into the collapsed pier at Kestrel Bay heard from dredging contractors "
           "on {day}. The contractors told the inquiry that the pier's pilings were corroded. {figure} "
           "The inquiry into the Kestrel Bay pier resumes next week, and the dredging firm's accounts "
           "are due before it.")
TARIFF = ("Grain exporters protested the new tariff on barley shipments on {day}. The barley tariff "
          "doubles the levy on exports through the northern ports. {figure} Exporters said the levy "
          "would cut barley sales abroad by a third.")


def test_an_article_joins_the_story_its_title_and_its_sentences_about_the_figure_are_about(tmp_path, store):
    """What an article says about the figure decides its story, not what the rest of it is about:
    a briefing about the barley tariff whose one sentence on her is about the pier inquiry joins
    the pier story; a sentence that shares no words with her earlier claims joins by its title."""
    figure = WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])
    articles = [
        ("1.txt", "2016-03-01", "Exporters protest barley tariff",
         TARIFF.format(day="Monday", figure="Maria Ivanova called the barley levy a mistake.")),
        ("2.txt", "2016-03-02", "Pier inquiry hears dredging contractors",
         HARBOUR.format(day="Tuesday", figure="Maria Ivanova said the inquiry would publish its "
                                               "findings on the corroded pilings in June.")),
        ("3.txt", "2016-03-03", "Wednesday briefing",
         TARIFF.format(day="Wednesday", figure="Separately, Maria Ivanova said the Kestrel Bay pier "
                                               "inquiry would publish its findings in June.")),
        ("4.txt", "2016-03-04", "Kestrel Bay pier inquiry resumes",
         HARBOUR.format(day="Thursday", figure="Ivanova, who chairs the committee, was not present.")),
    ]
    stories = []
    for index, (name, published, title, text) in enumerate(articles):
        folder = tmp_path / str(index)
        folder.mkdir()
        (folder / name).write_text(f"---\npublished: {published}\nsource: Outlet {name}\ntitle: {title}\n"
                                   f"---\n{text}\n")
        settings = Settings(watchlist=[figure], sources=Sources(seeds=[folder]))
        report, _ = pipeline.run_pass(settings, store, pipeline.Stages(), NOW + timedelta(seconds=index))
        stories.append({d.story_id for d in report.developments})
    assert all(len(s) == 1 for s in stories)
    assert stories[1] != stories[0]
    assert stories[2] == stories[1]
    assert stories[3] == stories[1]


def test_a_concept_is_a_whole_word_not_a_piece_of_one():
    """"dismissed" holds "missed", but is no absence."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    figure = WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])
    [fig] = Settings(watchlist=[figure]).figures()
    _, claims = extract_claims("Maria Ivanova was dismissed on Monday. Ivanova recalls the vote.", [fig])
    dismissed, recalls = (claim_terms(c, [fig]) for c in claims)
    assert "ABSENT" not in dismissed and "dismiss" in dismissed
    assert "recall" in recalls


def test_a_role_is_left_out_of_the_terms_whichever_apostrophe_it_is_written_with():
    """The watchlist's "the mayor's deputy" is "the mayor’s deputy" in a curly-quoted article: both
    say who, not what."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", roles=["the mayor's deputy"])]).figures()
    _, [claim] = extract_claims("Maria Ivanova, the mayor’s deputy, will not be prosecuted.", [fig])
    terms = claim_terms(claim, [fig])
    assert "prosecute" in terms and not {"mayor", "deputy"} & terms


def test_a_claim_about_the_figure_in_the_main_clause_keeps_it_when_a_clause_reports_something_else():
    """"Police charged X after a video showed that ..." is about the charge: what the video showed
    is not all the claim says; "Y said X would resign" is about what Y said of X."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()
    _, [charged] = extract_claims("Police had last month charged Maria Ivanova after determining that "
                                  "a video recording showed her burning the harbour accounts.", [fig])
    assert {"police", "charge"} <= claim_terms(charged, [fig])
    _, [said] = extract_claims("The council said on Monday that Ivanova would resign from the board.",
                               [fig])
    assert "resign" in claim_terms(said, [fig]) and "council" not in claim_terms(said, [fig])


def test_a_predicate_joined_after_the_figure_by_and_is_another_proposition():
    """"Last month, the mayor fired her deputy, Maria Ivanova, and began holding hearings ...": what
    the mayor began is not said of Ivanova (a recap of the firing read as news for it); a list of
    names ("Ivanova, Hart, and Roe skipped the vote") is not cut."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()
    _, [fired] = extract_claims("Last month, the mayor fired her deputy, Maria Ivanova, and began holding "
                                "hearings in a converted warehouse.", [fig])
    terms = claim_terms(fired, [fig])
    assert {"mayor", "fire", "deputy"} <= terms and not {"hearing", "warehouse"} & terms
    _, [skipped] = extract_claims("Maria Ivanova, Tom Hart, and Jane Roe skipped the harbour vote.", [fig])
    assert {"harbour", "vote"} <= claim_terms(skipped, [fig])


def test_inflections_of_a_word_meet_at_its_lemma():
    """"fired", "fires" and "firing" are one verb; "grabbing" is "grab" (a suffix stripped by hand
    gave "grabb"), so paraphrases in another tense meet."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()
    _, claims = extract_claims("The mayor fired Maria Ivanova on Monday. Ivanova was grabbing the files. "
                               "Firing Ivanova was a mistake.", [fig])
    fired, grabbing, firing = (claim_terms(c, [fig]) for c in claims)
    assert "fire" in fired and "fire" in firing
    assert "grab" in grabbing


def test_a_paraphrase_class_meets_in_every_tense():
    """"continued to", "continues to" and "remained" are one continuation, as the claim's other
    words meet at their lemma: a recap in the past tense is not new for it."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()
    _, claims = extract_claims("Maria Ivanova continues to run the port. Ivanova continued to run the port. "
                               "Ivanova remained in charge of the port.", [fig])
    present, past, remained = (claim_terms(c, [fig]) for c in claims)
    assert present == past and "CONTINUE" in present
    assert "CONTINUE" in remained and "remain" not in remained


def test_an_act_on_the_figure_keeps_its_verb_and_its_agent():
    """When the cue has no clause after it but only its object ("Trump endorses Ivanova"), it is
    an act, not a way of saying something: the verb and who did it are the proposition."""
    from storywatch.extractors.claims import extract_claims
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()
    _, claims = extract_claims("Governor Peter Holm endorsed Maria Ivanova on Monday.", [fig])
    terms = set().union(*(claim_terms(c, [fig]) for c in claims))
    assert {"endorse", "holm"} <= terms
    _, [said] = extract_claims("Peter Holm said that Maria Ivanova would resign from the board.", [fig])
    assert "resign" in claim_terms(said, [fig]) and "holm" not in claim_terms(said, [fig])


def test_what_the_figure_did_with_a_word_that_only_sometimes_reports_keeps_the_word():
    """A word that reports speech only now and then, between the figure and no clause, is what the
    figure did: "pledged" stays in the proposition (else "Ivanova and Holm pledged to work together
    after a meeting Thursday" repeats "Ivanova will meet Holm on Thursday"); before a that-clause
    it reports, and the clause alone is the proposition."""
    from storywatch.records import Attribution, Claim
    from storywatch.stories import claim_terms

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()

    def terms(text, cue, content):
        source, at, after = text.index("Maria Ivanova"), text.index(cue), text.index(content)
        attribution = Attribution(source=fig.name, cue=cue, content=content,
                                  source_span=(source, source + len("Maria Ivanova")),
                                  cue_span=(at, at + len(cue)), content_span=(after, after + len(content)))
        claim = Claim(figure=fig.name, role="speaker", text=text, span=(0, len(text)), aspect="other",
                      polarity="affirmed", status="asserted", attribution=attribution)
        return claim_terms(claim, [fig])

    acted = "Maria Ivanova and Holm pledged to work together after a meeting Thursday."
    assert "pledge" in terms(acted, "pledged", "to work together after a meeting Thursday.")
    held = "Maria Ivanova's assertion Tuesday night that the party backs Holm."
    assert "assertion" not in terms(held, "assertion", "the party backs Holm.")
    said = "Maria Ivanova said the party backs Holm."
    assert "say" not in terms(said, "said", "the party backs Holm.")


def _judged(later_text, *earlier_texts, status="confirmed"):
    """The label of a claim (with `status`) against earlier asserted claims, terms by claim_terms."""
    from storywatch.records import ArticleRef, Candidate, Claim, StoredClaim
    from storywatch.stories import claim_terms, judge_claim

    [fig] = Settings(watchlist=[WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])]).figures()

    def claim(text, status):
        return Claim(figure=fig.name, role="subject", text=text, span=(0, len(text)), aspect="other",
                     polarity="affirmed", status=status)

    candidates = [Candidate(stored=StoredClaim(id=i, story_id="s", claim=claim(t, "asserted"),
                                               article=ArticleRef(key=f"a{i}"), first_seen=NOW),
                            terms=claim_terms(claim(t, "asserted"), [fig]))
                  for i, t in enumerate(earlier_texts)]
    later = claim(later_text, status)
    return judge_claim(later, claim_terms(later, [fig]), candidates).label


def test_a_status_change_is_an_update_only_for_the_same_proposition():
    """On the record, the same proposition is an update ("reported -> on the record"); a few words
    that fit inside a longer sentence on a broader matter are not that sentence put on the record."""
    assert _judged("Maria Ivanova will chair the harbour commission from January.",
                   "Maria Ivanova will chair the harbour commission from January.") == "update"
    broader = ("At the heart of the quarrel between the council and Maria Ivanova is whether the harbour "
               "commission has the dredging budget and the engineering experience to finish the pier.")
    assert _judged("Ivanova questioned the commission's dredging budget.", broader) == "repeat"


def test_a_storys_profile_is_its_first_articles(tmp_path, store):
    """A story is profiled by its first STORY_ARTICLES articles, as topic tracking defines a topic
    by its first few stories: a later article develops the story but does not move its profile
    toward what it adds."""
    from storywatch.profiles import STORY_ARTICLES, stem

    figure = WatchedFigure(name="Maria Ivanova", aliases=["Ivanova"])
    words = ["salinity", "barnacles", "ballast", "trawlermen", "cormorants"][:STORY_ARTICLES + 2]
    stories = []
    for index, word in enumerate(words):
        folder = tmp_path / str(index)
        folder.mkdir()
        text = (f"Maria Ivanova said the Kestrel Bay pier inquiry would hear evidence on the {word} "
                f"of the harbour. Contractors told the inquiry on day {index} that the {word} had "
                f"corroded the pier's pilings.")
        (folder / f"{index}.txt").write_text(f"---\npublished: 2016-03-0{index + 1}\nsource: Outlet {index}\n"
                                             f"title: Kestrel Bay pier inquiry\n---\n{text}\n")
        settings = Settings(watchlist=[figure], sources=Sources(seeds=[folder]))
        report, _ = pipeline.run_pass(settings, store, pipeline.Stages(), NOW + timedelta(seconds=index))
        stories.append({d.story_id for d in report.developments})
    assert all(s == stories[0] for s in stories) and len(stories[0]) == 1, stories
    [profile] = store.story_profiles(stories[0])
    assert all(stem(w) in profile.terms for w in words[:STORY_ARTICLES])
    assert not any(stem(w) in profile.terms for w in words[STORY_ARTICLES:])


def test_no_story_silent_for_the_window_is_joined_whichever_way_the_time_runs():
    """claims.md: a story older than its window (30 days since its last claim) is not developed. The
    store offers only stories whose last claim is within the window before the article; a story
    whose last claim lies after the article (a backfill replayed out of order) is kept out by the
    decay alone: at the window's end even an identical profile scores below the threshold."""
    from storywatch.stories import linking

    window = Settings().stories.window_days
    assert linking.decay(window) < linking.LINK_THRESHOLD
    terms = {"indictment": 3, "prosecutor": 2, "Manhattan": 1}
    for days in (window, -window):
        story = StoryProfile(story_id="s", last_claim_at=NOW - timedelta(days=days), terms=terms)
        assert link_story(Counter(terms), [story], NOW) is None


def test_a_claims_weight_is_the_same_whatever_the_string_hash_seed():
    # a set yields its terms in an order that follows the hash seed; the weights that decide a
    # match are summed exactly (math.fsum), so two candidates tied at 1.0 stay tied and the earlier
    # one wins in every run (a plain sum's last bit changed a Kasich label from run to run)
    code = ("from storywatch.stories.matching import _weight; from storywatch.stories.linking import cosine;"
            "words = 'delegates ohio primary kasich governor convention rubio cruz ballot nominee "
            "campaign endorsement debate voters poll caucus senate delegate rules committee "
            "chairman party unity fundraising donors superdelegates momentum candidate'.split();"
            "print(repr(_weight(frozenset(words))), repr(cosine(dict.fromkeys(set(words), 1.3), "
            "{w: 0.7 + i / 10 for i, w in enumerate(words)})))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout
               for seed in range(8)}
    assert len(outputs) == 1, outputs


def test_a_sentence_said_again_matches_itself_before_a_shorter_claim_it_holds():
    # both earlier claims are wholly inside the later one (similarity 1.0); the one that is the
    # same proposition is the match, so a restatement is a repeat, not an update on the shorter
    tally = "Maria Ivanova has 370 votes, Peter Holm has 163 and Anna Berg has 63."
    assert _judged(tally, "Peter Holm has more votes than Ivanova has", tally, status="asserted") == "repeat"
