"""benchmarks/fit_link_model.py, the learned link decision checked against the linking rule: its
logistic regression finds the log-odds it should, and its replay of the pass scores stories as
benchmarks/fit_linking.py does (so the two benchmarks' numbers compare)."""

from __future__ import annotations

import importlib.util
import math
from collections import Counter
from datetime import UTC, datetime, timedelta

from storywatch.stories import linking

from .conftest import ROOT


def _benchmark(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_logistic_regression_finds_the_log_odds():
    model = _benchmark("fit_link_model")
    # one binary feature: 1 of 4 positive without it, 3 of 4 with it
    xs = [[0.0]] * 4 + [[1.0]] * 4
    ys = [1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0]
    intercept, slope = model.fit_logistic(xs, ys, l2=1e-9)
    assert math.isclose(intercept, math.log(1 / 3), abs_tol=1e-4)
    assert math.isclose(slope, 2 * math.log(3), abs_tol=1e-4)
    # the penalty pulls the slope toward none
    assert 0 < model.fit_logistic(xs, ys, l2=1.0)[1] < slope


def test_the_replay_scores_stories_as_fit_linking_does():
    model, fit_linking = _benchmark("fit_link_model"), _benchmark("fit_linking")
    start = datetime(2016, 3, 1, tzinfo=UTC)
    coverage = [  # (gold story, day, terms): a court case, a job change, the case again, then a late return
        (0, 0, {"indictment": 2, "court": 1, "judge": 1}),
        (1, 1, {"resign": 2, "board": 1}),
        (0, 3, {"court": 2, "judge": 1, "appeal": 1}),
        (1, 4, {"resign": 1, "board": 2, "successor": 1}),
        (0, 40, {"court": 1, "verdict": 2}),
    ]
    articles = [{"name": f"a{n}", "figure": "X", "story": story, "at": start + timedelta(days=day),
                 "terms": Counter(terms), "title": None, "claims": [" ".join(terms)], "own_names": ("X",)}
                for n, (story, day, terms) in enumerate(coverage)]
    expected = fit_linking.stories_right(articles, linking.LINK_THRESHOLD, linking.HALF_LIFE_DAYS)
    described = [model.describe(a) for a in articles]
    found = model.replay(described, lambda a, s: model.features(a, s)["link_score"], linking.LINK_THRESHOLD)
    assert found == expected
    assert expected == [False, True]  # the court case is split by the 40 days, the job change holds
