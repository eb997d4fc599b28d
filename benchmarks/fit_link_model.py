"""Would a learned link decision beat the one-cosine rule of stories/linking.py? Fit it and check it by
leave-one-figure-out cross-validation through the pass, as benchmarks/fit_linking.py checks the rule.

Story link detection systems decide whether an article and a story are about the same event from
several similarities at once (Allan et al. 1998; Yang et al. 1998). For each (article, open story)
pair this computes the features they combine: the current rule's score (the cosine of the two
weighted term profiles, halved every 7 days of the story's silence), the cosine alone, the days
since the story's last and first article, the best and the average single-article cosine, the best
title-to-title cosine, shared named words (capitalised, not the figure's, weighted by rarity),
shared people named in full, a shared quoted phrase, the share of the article's three-word
sequences the story's claims hold, and the story's size. Two ways of combining them:

- lr: a logistic regression (L2, Newton's method) over a set of features, trained on the pairs of
  the training figures with the gold's own assignment of the earlier articles (each article against
  each open gold story), then, optionally, on the pairs the model's own pass makes (each article
  against each story it made, labelled by the gold story most of that story's articles are in:
  a wrong merge is then in the training data, as it is in the pass); the article joins its most
  probable story when that probability reaches a threshold chosen on the training figures'
  stories objective, else starts a new one;
- grid: the rule's cosine mixed with one other similarity, decay(days) * ((1 - b) * cosine + b * x),
  b and the threshold chosen on the training figures' stories objective over a grid.

Either is scored as fit_linking.py's stories objective scores linking: each held-out figure's
articles replayed in order, each joining the stories linking itself made, a gold story right when
its articles share one story of their own. Nothing here is shipped: a model is kept only if its
cross-validated stories beat the rule's (README, Stories; docs/experiments.md).

    python benchmarks/fit_link_model.py GOLD.json... --seeds DIR [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from fit_linking import load  # noqa: E402

from storywatch.extractors.mentions import find_person_names  # noqa: E402
from storywatch.profiles import article_profile, rarity  # noqa: E402
from storywatch.stories.linking import HALF_LIFE_DAYS, LINK_THRESHOLD, cosine, decay, weighted  # noqa: E402

WINDOW = timedelta(days=30)
FEATURES = ["link_score", "log_cosine", "log_days_since_last", "log_days_since_first", "best_article",
            "average_article", "best_title", "names", "shared_people", "shared_quote", "shared_sequences",
            "log_size"]
LR_SETS = {
    "score": ["link_score"],
    "score+best_title": ["link_score", "best_title"],
    "score+names": ["link_score", "names"],
    "score+shared_people": ["link_score", "shared_people"],
    "score+average_article": ["link_score", "average_article"],
    "cosine+time": ["log_cosine", "log_days_since_last", "log_days_since_first"],
    "all": FEATURES,
}
GRID_FEATURES = ["best_article", "average_article", "best_title", "names", "shared_quote", "shared_sequences"]
MIXES = [0.0, 0.1, 0.2, 0.3, 0.5]
THRESHOLDS = [0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.12, 0.14, 0.16, 0.2, 0.25, 0.3]
PROBABILITIES = [0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
L2S = [0.1, 1.0]
ON_POLICY_ROUNDS = [0, 2]

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z][\w’'-]+)")
_QUOTED = re.compile(r"[\"“‘]([^\"”’]{8,200})[\"”’]")
_WORD = re.compile(r"[a-z][a-z'-]+")

Scorer = Callable[[dict, list[dict]], float]


# --- what each article holds, and the features of an (article, story) pair -------------------


def describe(article: dict) -> dict:
    """The article's parts the features compare: weighted profiles of what it says and of its title,
    its named words, people and quotations, and its three-word sequences (the figure's names left out)."""
    own = {w.lower() for name in article["own_names"] for w in name.split()}
    text = "\n".join(article["claims"])
    names: Counter[str] = Counter()
    for match in _CAPITALISED.finditer(f"{text}\n{article['title'] or ''}"):
        word = match.group(1).lower().replace("’", "'").removesuffix("'s")
        if len(word) >= 3 and word not in own and rarity(word) > 2.5:
            names[word] += 1
    words = [w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in own]
    return {**article,
            "weighted": weighted(article["terms"]),
            "title_terms": weighted(article_profile(article["title"], "", article["own_names"])),
            "names": {w: n * rarity(w) for w, n in names.items()},
            "people": {f.who.lower() for f in find_person_names(text, 0, len(text), {})
                       if own.isdisjoint(f.who.lower().split())},
            "quotes": {" ".join(m.group(1).lower().split()) for m in _QUOTED.finditer(text)
                       if len(m.group(1).split()) >= 2},
            "sequences": {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}}


_FEATURE_CACHE: dict[tuple[int, ...], dict[str, float]] = {}


def features(article: dict, story: list[dict]) -> dict[str, float]:
    """The similarities of an article and a story (the articles it holds so far)."""
    key = (id(article), *map(id, story))
    if key in _FEATURE_CACHE:
        return _FEATURE_CACHE[key]
    terms = weighted(sum((a["terms"] for a in story), Counter()))
    cos = cosine(article["weighted"], terms)
    since_last = max(0.0, (article["at"] - max(a["at"] for a in story)).total_seconds() / 86400)
    since_first = max(0.0, (article["at"] - min(a["at"] for a in story)).total_seconds() / 86400)
    singles = [cosine(article["weighted"], a["weighted"]) for a in story]
    names: Counter[str] = Counter()
    for a in story:
        names.update(a["names"])
    sequences = set().union(*(a["sequences"] for a in story))
    found = {
        "link_score": cos * decay(since_last, HALF_LIFE_DAYS),
        "log_cosine": math.log(cos + 0.01),
        "log_days_since_last": math.log1p(since_last),
        "log_days_since_first": math.log1p(since_first),
        "best_article": max(singles),
        "average_article": sum(singles) / len(singles),
        "best_title": max(cosine(article["title_terms"], a["title_terms"]) for a in story),
        "names": cosine(article["names"], names),
        "shared_people": math.log1p(len(article["people"] & set().union(*(a["people"] for a in story)))),
        "shared_quote": float(bool(article["quotes"] & set().union(*(a["quotes"] for a in story)))),
        "shared_sequences": len(article["sequences"] & sequences) / max(1, len(article["sequences"])),
        "log_size": math.log(len(story)),
    }
    _FEATURE_CACHE[key] = found
    return found


# --- linking replayed as the pass does it ------------------------------------------------------


def replay(articles: list[dict], score: Scorer, threshold: float,
           seen: list[tuple[dict, list[dict]]] | None = None) -> list[bool]:
    """Per gold story, whether linking as the pass does it gives it one story of its own (as
    fit_linking.stories_right); `seen` collects every (article, open story) pair compared."""
    stories: dict[str, list[dict]] = {}
    produced: dict[int, set[str]] = {}
    for article in articles:
        best, best_score = None, threshold
        for story_id, story in stories.items():
            if article["at"] - max(a["at"] for a in story) > WINDOW:
                continue
            if seen is not None:
                seen.append((article, list(story)))
            value = score(article, story)
            if value >= best_score:
                best, best_score = story_id, value
        chosen = best or f"s{len(stories)}"
        stories.setdefault(chosen, []).append(article)
        produced.setdefault(article["story"], set()).add(chosen)
    return [len(ids) == 1 and not any(ids & other for g, other in produced.items() if g != story)
            for story, ids in produced.items()]


def right(files: dict[str, list[dict]], names: list[str], score: Scorer, threshold: float) -> int:
    return sum(sum(replay(files[n], score, threshold)) for n in names)


# --- a logistic regression, fitted by Newton's method -----------------------------------------


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    size = len(vector)
    rows = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[col][col]:
                factor = rows[r][col] / rows[col][col]
                for k in range(col, size + 1):
                    rows[r][k] -= factor * rows[col][k]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def fit_logistic(xs: list[list[float]], ys: list[float], l2: float) -> list[float]:
    """Weights (intercept first) of an L2-penalised logistic regression; the intercept is not penalised."""
    size = len(xs[0]) + 1
    weights = [0.0] * size
    for _ in range(50):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for x, y in zip(xs, ys, strict=True):
            row = [1.0, *x]
            p = sigmoid(sum(w * v for w, v in zip(weights, row, strict=True)))
            for i in range(size):
                gradient[i] += (p - y) * row[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * row[i] * row[j]
        for i in range(1, size):
            gradient[i] += l2 * weights[i]
            hessian[i][i] += l2
        hessian[0][0] += 1e-9
        step = solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(map(abs, step)) < 1e-9:
            break
    return weights


def probability(weights: list[float], columns: list[str]) -> Scorer:
    def score(article: dict, story: list[dict]) -> float:
        found = features(article, story)
        return sigmoid(weights[0] + sum(w * found[c] for w, c in zip(weights[1:], columns, strict=True)))
    return score


def gold_pairs(articles: list[dict]) -> list[tuple[dict, list[dict], bool]]:
    """Each article against each open gold story of the earlier articles: the same story or not."""
    pairs, stories = [], {}  # gold story -> its articles so far
    for article in articles:
        for story, held in stories.items():
            if article["at"] - max(a["at"] for a in held) <= WINDOW:
                pairs.append((article, list(held), story == article["story"]))
        stories.setdefault(article["story"], []).append(article)
    return pairs


def own_pairs(articles: list[dict], score: Scorer, threshold: float) -> list[tuple[dict, list[dict], bool]]:
    """Each article against each story the model's own pass made: the same story when most of that
    story's articles are in the article's gold story."""
    seen: list[tuple[dict, list[dict]]] = []
    replay(articles, score, threshold, seen)
    return [(a, story, Counter(s["story"] for s in story).most_common(1)[0][0] == a["story"])
            for a, story in seen]


def train(files: dict[str, list[dict]], names: list[str], columns: list[str], l2: float,
          rounds: int) -> tuple[Scorer, float, list[float]]:
    """A model and its threshold from the figures `names`: fitted on the gold's pairs, then on the
    pairs of its own passes too (`rounds` times); the threshold best on their stories objective."""
    pairs = [p for n in names for p in gold_pairs(files[n])]

    def fitted() -> tuple[Scorer, float, list[float]]:
        weights = fit_logistic([[features(a, s)[c] for c in columns] for a, s, _ in pairs],
                               [float(same) for _, _, same in pairs], l2)
        score = probability(weights, columns)
        threshold = max(PROBABILITIES, key=lambda t: (right(files, names, score, t), -abs(t - 0.5)))
        return score, threshold, weights

    score, threshold, weights = fitted()
    for _ in range(rounds):
        pairs += [p for n in names for p in own_pairs(files[n], score, threshold)]
        score, threshold, weights = fitted()
    return score, threshold, weights


def cross_validate_lr(files: dict[str, list[dict]], columns: list[str], l2: float, rounds: int) -> dict:
    folds = {}
    for held_out in files:
        score, threshold, _ = train(files, [n for n in files if n != held_out], columns, l2, rounds)
        folds[held_out] = replay(files[held_out], score, threshold)
    score, threshold, weights = train(files, list(files), columns, l2, rounds)
    named = dict(zip(["intercept", *columns], [round(w, 3) for w in weights], strict=True))
    return summary(folds, {n: replay(a, score, threshold) for n, a in files.items()},
                   {"threshold": threshold, "weights": named})


# --- the rule's cosine mixed with one more similarity -----------------------------------------


def mixed(feature: str, share: float) -> Scorer:
    def score(article: dict, story: list[dict]) -> float:
        found = features(article, story)
        cos = math.exp(found["log_cosine"]) - 0.01
        since_last = math.expm1(found["log_days_since_last"])
        return decay(since_last, HALF_LIFE_DAYS) * ((1 - share) * cos + share * found[feature])
    return score


def cross_validate_grid(files: dict[str, list[dict]], feature: str) -> dict:
    grid = list(itertools.product(THRESHOLDS, MIXES))
    results = {n: {p: replay(a, mixed(feature, p[1]), p[0]) for p in grid} for n, a in files.items()}

    def best(names: list[str]) -> tuple[float, float]:  # ties: less of the feature, nearer the rule
        return max(grid, key=lambda p: (sum(sum(results[n][p]) for n in names), -p[1],
                                        -abs(p[0] - LINK_THRESHOLD)))

    folds = {held_out: results[held_out][best([n for n in files if n != held_out])] for held_out in files}
    final = best(list(files))
    return summary(folds, {n: results[n][final] for n in files}, {"threshold": final[0], "share": final[1]})


def summary(folds: dict[str, list[bool]], fitted: dict[str, list[bool]], parameters: dict) -> dict:
    return {"cross_validated": sum(map(sum, folds.values())), "fitted": sum(map(sum, fitted.values())),
            "of": sum(map(len, folds.values())),
            "per_file_cross_validated": {n: f"{sum(v)}/{len(v)}" for n, v in folds.items()},
            "fitted_parameters": parameters}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("golds", nargs="+", type=Path)
    parser.add_argument("--seeds", action="append", type=Path, default=[])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    files = {g.name: [describe(a) for a in load(g, args.seeds)] for g in args.golds}
    rule = {n: replay(a, lambda a, s: features(a, s)["link_score"], LINK_THRESHOLD) for n, a in files.items()}
    results = {"rule": summary(rule, rule, {"threshold": LINK_THRESHOLD, "half_life": HALF_LIFE_DAYS})}
    for name, columns in LR_SETS.items():
        for l2, rounds in itertools.product(L2S, ON_POLICY_ROUNDS):
            found = cross_validate_lr(files, columns, l2, rounds)
            results[f"lr {name} l2={l2} own-pass rounds={rounds}"] = found
    for feature in GRID_FEATURES:
        results[f"grid cosine mixed with {feature}"] = cross_validate_grid(files, feature)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for name, found in results.items():
        per_file = " ".join(f"{n.removesuffix('.gold.json')} {v}"
                            for n, v in found["per_file_cross_validated"].items())
        print(f"{name}: stories right {found['cross_validated']}/{found['of']} cross-validated, "
              f"{found['fitted']} fitted; {per_file}; {found['fitted_parameters']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
