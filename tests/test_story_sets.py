"""The development story sets (real coverage of seven figures: three in ../shared/eval/stories, four
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


def test_there_are_seven_figures_of_real_coverage():
    assert len(STORY_SETS) == 7 and all(Path(p).is_file() for p in STORY_SETS)


def test_the_story_sets_hold_the_floor_reached(scores):
    overall = total(list(scores.values()))
    # reached on 2026-12-04 over the seven figures (Ben Carson's set, labelled that day, included):
    # recall 0.892, precision 0.968, labels 0.920, sources 0.868, 21 of 28 stories, 64 of 87
    # alerts (0.736)
    assert overall.recall >= 0.89 and overall.precision >= 0.96
    assert overall.label_accuracy >= 0.92
    assert overall.source_accuracy >= 0.865
    assert overall.counts.stories_right >= 21
    assert overall.alerts_met >= 0.73
