"""Fit the story-linking parameters (stories/linking.py) on development stories, and check them by
leave-one-figure-out cross-validation.

Each gold file is one figure's coverage, with several stories. Every article is prepared as a pass
prepares it (its gold front matter prepended); an article with claims about the figure is linked by
its profile (storywatch.profiles.development_profile: its title and its claims' sentences about
the figure).
Two objectives, each fitted over a grid and checked by leaving one figure out (the parameters
best over the other files, scored on the held-out one):

- decisions: linking replayed in order with the gold's own story assignment of the earlier
  articles (so one wrong decision does not cascade): an article is decided right when it joins
  the story the gold puts it in, or starts a new one when it is the first of its gold story;
- stories: linking replayed as the pass does it, each article joining the stories linking itself
  made (a wrong merge broadens a story, and that compounds): a gold story is right when its
  articles share one story that no other gold story shares, as `storywatch eval` scores it.

    python benchmarks/fit_linking.py GOLD.json... --seeds DIR [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storywatch.config import Settings, WatchedFigure
from storywatch.flows.evaluate import with_front_matter
from storywatch.flows.prepare import prepare_documents
from storywatch.flows.seeds import read_seed_files
from storywatch.profiles import development_profile
from storywatch.records import StoryProfile
from storywatch.stories import claim_time
from storywatch.stories.linking import link_story

THRESHOLDS = [0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15,
              0.18, 0.22, 0.26, 0.3, 0.35]
HALF_LIVES = [1.0, 2.0, 3.0, 5.0, 7.0, 14.0, 30.0, 1e9]
WINDOW = timedelta(days=30)


def load(gold_path: Path, seeds: list[Path]) -> list[dict]:
    """Per article of the gold with claims about a figure, in order: its gold story, time and profile
    (with its title, its claims' sentences and the figure's names, for benchmarks/fit_link_model.py)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    settings = Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]])
    figures = settings.figures()
    story_of = {(s["figure"], a): n for n, s in enumerate(gold.get("stories", [])) for a in s["articles"]}
    articles = []
    for name in gold["articles"]:
        path = next(folder / name for folder in [*seeds, gold_path.parent] if (folder / name).is_file())
        documents, _ = read_seed_files([path])
        documents = [with_front_matter(d, gold.get("front_matter", {}).get(name, {})) for d in documents]
        prepared = prepare_documents(documents, settings)
        [article], [claims] = prepared.articles, prepared.claims
        for figure in {w["name"] for w in gold["watchlist"]}:
            mine = [c for c in claims if c.figure == figure]
            if not mine or (figure, name) not in story_of:
                continue
            figure_record = next(f for f in figures if f.name == figure)
            terms = Counter(development_profile(article.title, (c.text for c in mine),
                                                (figure_record.name, *figure_record.aliases)))
            articles.append({"name": name, "figure": figure, "story": story_of[(figure, name)],
                             "at": claim_time(article, datetime.now(UTC)), "terms": terms,
                             "title": article.title, "claims": [c.text for c in mine],
                             "own_names": (figure_record.name, *figure_record.aliases)})
    return articles


def decisions(articles: list[dict], threshold: float, half_life: float) -> list[bool]:
    """Whether each article's linking decision agrees with the gold, given the gold's earlier stories."""
    right, stories = [], {}  # gold story -> (terms, last time)
    for a in articles:
        open_ = [StoryProfile(story_id=str(n), terms=dict(terms), last_claim_at=last)
                 for n, (terms, last) in stories.items() if a["at"] - last <= WINDOW]
        chosen = link_story(a["terms"], open_, a["at"], threshold, half_life)
        expected = str(a["story"]) if a["story"] in stories else None
        right.append(chosen == expected)
        terms, last = stories.get(a["story"], (Counter(), a["at"]))
        stories[a["story"]] = (terms + a["terms"], max(last, a["at"]))
    return right


def stories_right(articles: list[dict], threshold: float, half_life: float) -> list[bool]:
    """Per gold story, whether linking as the pass does it (each article joins the stories linking
    itself made, so a wrong merge carries on) gives it one story of its own, as `storywatch eval`
    scores it."""
    stories: dict[str, tuple[Counter, datetime]] = {}  # produced story -> (terms, last time)
    produced: dict[int, set[str]] = {}  # gold story -> the produced stories its articles went to
    for a in articles:
        open_ = [StoryProfile(story_id=n, terms=dict(terms), last_claim_at=last)
                 for n, (terms, last) in stories.items() if a["at"] - last <= WINDOW]
        chosen = link_story(a["terms"], open_, a["at"], threshold, half_life) or f"s{len(stories)}"
        terms, last = stories.get(chosen, (Counter(), a["at"]))
        stories[chosen] = (terms + a["terms"], max(last, a["at"]))
        produced.setdefault(a["story"], set()).add(chosen)
    return [len(ids) == 1 and not any(ids & other for g, other in produced.items() if g != story)
            for story, ids in produced.items()]


OBJECTIVES = {"decisions": decisions, "stories": stories_right}


def best(files: dict[str, list[dict]], objective: str) -> tuple[float, float]:
    """The parameters right most often on the objective; a tie is broken by the other objective
    (stories tie often: a story is right or wrong as a whole, while its articles' decisions are
    the finer measure of the same linking), then by the threshold nearer 0.15."""
    score = OBJECTIVES[objective]
    other = OBJECTIVES["decisions" if objective == "stories" else "stories"]
    grid = itertools.product(THRESHOLDS, HALF_LIVES)
    return max(grid, key=lambda p: (sum(sum(score(a, *p)) for a in files.values()),
                                    sum(sum(other(a, *p)) for a in files.values()), -abs(p[0] - 0.15)))


def fit(files: dict[str, list[dict]], objective: str) -> dict:
    """Leave one figure out: the parameters best over the other files, scored on the held-out one;
    then the parameters best over all."""
    score = OBJECTIVES[objective]
    folds = {}
    for held_out in files:
        params = best({k: v for k, v in files.items() if k != held_out}, objective)
        right = score(files[held_out], *params)
        folds[held_out] = {"threshold": params[0], "half_life": params[1], "right": sum(right),
                           "of": len(right)}
    final = best(files, objective)
    total = {k: score(v, *final) for k, v in files.items()}
    return {"cross_validated": folds,
            "cross_validated_accuracy": sum(f["right"] for f in folds.values())
            / sum(f["of"] for f in folds.values()),
            "fitted": {"threshold": final[0], "half_life": final[1]},
            "fitted_accuracy": sum(map(sum, total.values())) / sum(map(len, total.values())),
            "per_file_fitted": {k: f"{sum(v)}/{len(v)}" for k, v in total.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("golds", nargs="+", type=Path)
    parser.add_argument("--seeds", action="append", type=Path, default=[])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    files = {g.name: load(g, args.seeds) for g in args.golds}
    result = {objective: fit(files, objective) for objective in OBJECTIVES}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for objective, found in result.items():
        print(f"{objective}:")
        print("\n".join(f"  {k}: {v}" for k, v in found.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
