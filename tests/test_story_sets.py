"""The development story sets (real coverage of six figures: three in ../shared/eval/stories, three
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


def test_there_are_six_figures_of_real_coverage():
    assert len(STORY_SETS) == 6 and all(Path(p).is_file() for p in STORY_SETS)


def test_the_story_sets_hold_the_floor_reached(scores):
    overall = total(list(scores.values()))
    # reached on 2026-12-03 over the six figures: recall 0.899, precision 0.970, labels 0.897,
    # sources 0.798, 16 of 24 stories, 56 of 75 alerts (0.747)
    assert overall.recall >= 0.89 and overall.precision >= 0.96
    assert overall.label_accuracy >= 0.89
    # 0.900 on 2026-12-04, then 0.910 over the six figures (0.914 with the seeds) after the
    # attribution pass of that day (branch attr)
    assert overall.source_accuracy >= 0.905
    assert overall.counts.stories_right >= 16
    assert overall.alerts_met >= 0.74
