"""The development story sets (real coverage of ten figures: three in ../shared/eval/stories, seven
labelled for this project in tests/gold), replayed through the pass as `storywatch eval` does.

The issue's targets are higher (recall 0.95, labels 0.9, every story right, 90% of the alerts):
this test holds the floor the engine has reached, so a change that loses ground fails, and is
raised as the engine improves (README, Stories)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storywatch.flows.evaluate import evaluate
from storywatch.stories import total

from .conftest import ROOT, SHARED_EVAL

STORY_SETS = [*sorted((SHARED_EVAL / "stories").glob("*.gold.json")),
              *sorted((ROOT / "tests" / "gold").glob("*.gold.json"))]
POLNEAR_TRAIN = SHARED_EVAL / "polnear" / "train" / "text"


@pytest.fixture(scope="module")
def scores():
    return {path.name: evaluate(path, [POLNEAR_TRAIN]) for path in STORY_SETS}


def test_there_are_ten_figures_of_real_coverage():
    assert len(STORY_SETS) == 10 and all(Path(p).is_file() for p in STORY_SETS)


def test_the_story_sets_hold_the_floor_reached(scores):
    overall = total(list(scores.values()))
    # reached at the end of 2026-12-04 over the ten figures (Megyn Kelly's and James Comey's sets,
    # labelled that day and first run held out, included): recall 0.974, precision 0.960, labels
    # 0.947, sources 0.916, 31 of 42 stories, 99 of 120 alerts (0.825)
    assert overall.recall >= 0.97 and overall.precision >= 0.955
    # labels 0.954 after issue 16's session of 2026-12-04 (lemmas, acts, status changes of the same
    # proposition, spans of years as background)
    assert overall.label_accuracy >= 0.95
    assert overall.source_accuracy >= 0.91
    assert overall.counts.stories_right >= 31
    assert overall.alerts_met >= 0.82


def test_every_story_set_holds_its_sources_floor(scores):
    # issue 18's target is 0.9 on every set: eight of the ten meet it (the lowest of them
    # wasserman-schultz 0.900); the two labelled last and first run held out do not yet (Comey
    # 0.840, Kelly 0.889), so the floor held for every set is the lowest reached
    low = {name: round(score.source_accuracy, 3) for name, score in scores.items()
           if score.source_accuracy < 0.8}
    assert not low
    assert sum(score.source_accuracy >= 0.9 for score in scores.values()) >= 8


def test_every_story_set_holds_its_labels_floor(scores):
    # issue 16's target is 0.9 on every set: eight of the ten meet it; Lewandowski (0.844) and
    # Christie (0.880) do not yet (paraphrased recaps: "lit into Rubio" after "unleashed withering
    # attacks against Rubio"), so the floor held for every set is the lowest reached
    low = {name: round(score.label_accuracy, 3) for name, score in scores.items()
           if score.label_accuracy < 0.84}
    assert not low
    assert sum(score.label_accuracy >= 0.9 for score in scores.values()) >= 8


def test_the_linking_parameters_are_the_ones_the_fit_chooses():
    """stories/linking.py's threshold and half-life are what benchmarks/fit_linking.py fits on
    these sets (the stories objective: linking as the pass does it), in every leave-one-figure-out
    fold: a change to profiles or sets that moves the fit shows here, to be refitted."""
    import importlib.util
    import json

    from storywatch.stories import linking

    spec = importlib.util.spec_from_file_location("fit_linking", ROOT / "benchmarks" / "fit_linking.py")
    fit_linking = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit_linking)
    golds = [SHARED_EVAL / "seeds.gold.json", *STORY_SETS]
    files = {g.name: fit_linking.load(g, [POLNEAR_TRAIN, ROOT / "seeds"]) for g in golds}
    found = fit_linking.fit(files, "stories")
    chosen = (linking.LINK_THRESHOLD, linking.HALF_LIFE_DAYS)
    assert (found["fitted"]["threshold"], found["fitted"]["half_life"]) == chosen, json.dumps(found)
    assert {(f["threshold"], f["half_life"]) for f in found["cross_validated"].values()} == {chosen}
