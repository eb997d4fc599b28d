"""Learn the attribution confidence model from PolNeAR *train* (never dev) into extractors/confidence.tsv.

Every candidate the patterns find in the train articles (``analyse_text`` with no model) is a
training example, labelled as the benchmark scores it: correct when its content overlaps a gold
content and its source overlaps that gold's source. A logistic regression with an L2 penalty is
fitted over the features of ``extractors.confidence.features`` by a batch solver run to
convergence (scikit-learn's Newton-CG, to a gradient of 1e-12): the weights are the optimum of
the penalised likelihood, so they depend on the examples and not on the order in which they
come, and a change of a few candidates moves them a little, not along another path (the
stochastic fit this replaces moved dev precision from 0.81 to 0.8098 when 5 of 32,208 candidates
went). The intercept is written as the weight of ``bias``, a feature of every candidate, and is
not penalised. Features seen in fewer than ``--min-count`` candidates are left out, so no single
article's wording is memorised.

The penalty's strength and the threshold are chosen by cross-validation inside train: the
articles are cut into ``--folds`` folds, each fold is scored by a model fitted on the others, for
every C of ``--c`` (scikit-learn's inverse penalty: the larger, the closer to train). For each C,
of the thresholds whose source-attribution F1 over those held-out scores is within ``PLATEAU`` of
the best, the middle one is taken; the C whose F1 there is best is kept (a tie goes to the smaller
C), with its threshold. The final model is then fitted on all of train with that C.

scikit-learn (with numpy and scipy) is needed here only, for training (the ``bench`` extra, and
the ``test`` extra for tests/test_learning.py, which fits it): the shipped model is the TSV, read
in pure Python by extractors/confidence.py.

Usage: ``python benchmarks/learn_confidence.py [--folds 5] [--c 0.03 0.1 0.3 1 3] [--min-count 5]``
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from polnear_attribution import DEFAULT_DATA, load_split, overlaps  # noqa: E402

from storywatch.config import DEFAULT_WATCHLIST  # noqa: E402
from storywatch.extractors.analysis import analyse_text  # noqa: E402
from storywatch.extractors.confidence import (  # noqa: E402
    UNWEIGHED_PATTERNS,
    WEIGHTS,
    features,
    speakers,
)


@dataclass
class Candidate:
    document: int
    features: list[str]
    matches: tuple[int, ...]  # the gold attributions (of its document) it matches

    @property
    def correct(self) -> bool:
        return bool(self.matches)


def candidates(data: Path) -> tuple[list[Candidate], list[int]]:
    """Every candidate of the train articles, and each article's number of gold attributions."""
    figures = [f.figure() for f in DEFAULT_WATCHLIST]
    found, gold_counts = [], []
    for number, doc in enumerate(load_split(data, "train", "first", None)):
        gold = [g for g in doc.gold if g.source]
        gold_counts.append(len(gold))
        analysis = analyse_text(doc.text, figures, confidence=None)
        speaking = speakers(analysis.units)
        for unit in analysis.units:
            for index, attribution in enumerate(unit.attributions):
                source = tuple(attribution.source_span)
                if source[1] <= source[0]:
                    continue
                matches = tuple(i for i, g in enumerate(gold)
                                if overlaps(tuple(attribution.content_span), g.content)
                                and overlaps(source, g.source))
                names = features(doc.text, unit, index, speaking)
                found.append(Candidate(number, names, matches))
    return found, gold_counts


# The regularisation values cross-validated: scikit-learn's C, the inverse of the L2 penalty's
# weight against the summed log loss of the ~26k candidates a fold fits on
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# Newton-CG stops when no component of the gradient of the mean log loss (plus the penalty) is
# larger than this; at 1e-12 two orders of the same candidates give weights within 1.2e-7 of each
# other (C 3; 3e-13 at C 0.3), and the written TSV (4 decimals) is the same. L-BFGS, tried first,
# stops on its relative decrease of the loss before that (weights 2e-3 apart at C 1 across two
# orders, tol 1e-10).
TOLERANCE = 1e-12
MAX_ITER = 1000


def fit(examples: list[Candidate], vocabulary: set[str], c: float) -> dict[str, float]:
    """Logistic regression over the features in vocabulary, with an L2 penalty of strength 1/c,
    solved to convergence (a solver that stops short raises its warning as an error): the same
    examples in any order give the same weights. The intercept, not penalised, is the weight of ``bias``."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    columns = sorted(vocabulary - {"bias"})
    column = {name: number for number, name in enumerate(columns)}
    indices: list[int] = []
    indptr = [0]
    for example in examples:
        indices.extend(column[f] for f in example.features if f in column)
        indptr.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int32),
                         np.array(indptr, dtype=np.int64)), shape=(len(examples), len(columns)))
    matrix.sum_duplicates()  # a feature named twice counts twice, as the model sums it
    labels = np.array([example.correct for example in examples], dtype=np.int8)
    model = LogisticRegression(C=c, solver="newton-cg", tol=TOLERANCE, max_iter=MAX_ITER)
    with warnings.catch_warnings():
        # a fit stopped short of the optimum would depend on its path again: an error, not weights
        warnings.simplefilter("error", ConvergenceWarning)  # out of iterations
        warnings.filterwarnings("error", message="Line Search failed")  # Newton-CG's, a UserWarning
        model.fit(matrix, labels)
    weights = {name: float(weight) for name, weight in zip(columns, model.coef_[0], strict=True)}
    weights["bias"] = float(model.intercept_[0])
    return weights


def kept_score(weights: dict[str, float], names: list[str]) -> float:
    """A held-out candidate's score as the shipped model treats it: 1 for a pattern the model does
    not weigh (confidence.UNWEIGHED_PATTERNS, kept whatever its weights say), else its probability."""
    if any(name.startswith("pattern=") and name[8:] in UNWEIGHED_PATTERNS for name in names):
        return 1.0
    return probability(weights, names)


def probability(weights: dict[str, float], names: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in names)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


PLATEAU = 0.0005  # F1 this close to the best counts as the same


Point = tuple[tuple[float, float, float], float]  # (F1, precision, recall), threshold


def plateau_middle(curve: list[Point]) -> Point:
    """Of (F1, precision, recall), threshold points in threshold order, the middle one (the lower
    median) of those whose F1 is within PLATEAU of the best. The cross-validated F1 is flat near its
    best (within 0.0005 over 0.40-0.47 on 2026-12-05), and the argmax inside the plateau moves with a
    handful of candidates: three datelines no longer read as sources moved it from 0.43 to 0.46,
    trading 0.6 points of recall for 0.8 of precision. The plateau's middle stays."""
    top = max(scores[0] for scores, _ in curve)
    plateau = [point for point in curve if point[0][0] >= top - PLATEAU]
    return plateau[(len(plateau) - 1) // 2]


def f1_at(threshold: float, scored: list[tuple[float, Candidate]], gold_total: int) -> tuple:
    kept = [c for p, c in scored if p >= threshold]
    correct = sum(c.correct for c in kept)
    matched = len({(c.document, m) for c in kept for m in c.matches})
    precision = correct / len(kept) if kept else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


THRESHOLDS = [t / 100 for t in range(5, 80)]


def threshold_curve(scored: list[tuple[float, Candidate]], gold_total: int) -> list[Point]:
    """(F1, precision, recall) at each threshold of THRESHOLDS, in threshold order."""
    return [(f1_at(threshold, scored, gold_total), threshold) for threshold in THRESHOLDS]


def choose(curves: dict[float, list[Point]]) -> tuple[float, Point]:
    """Of the cross-validated curve of each C, the middle of its plateau (plateau_middle); the C
    whose F1 there is best, and that point. A tie goes to the smaller C, the stronger penalty."""
    middles = {c: plateau_middle(points) for c, points in curves.items()}
    best = max(sorted(middles), key=lambda c: middles[c][0][0])
    return best, middles[best]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, nargs="+", default=list(C_GRID),
                        help="the values of C cross-validated (the inverse of the L2 penalty)")
    # the rarest feature kept, chosen by the cross-validated F1 on 2026-12-05 with the stochastic
    # fit of then (min count 3, 0.7966; 5, 0.7974)
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--output", type=Path, default=WEIGHTS)
    args = parser.parse_args()

    examples, gold_counts = candidates(args.data)
    gold_total = sum(gold_counts)
    counts = Counter(f for e in examples for f in set(e.features))
    vocabulary = {f for f, n in counts.items() if n >= args.min_count}
    print(f"{len(examples)} candidates, {sum(e.correct for e in examples)} correct, "
          f"{len(vocabulary)} features")

    curves: dict[float, list[Point]] = {}
    for c in sorted(set(args.c)):
        started = time.perf_counter()
        scored: list[tuple[float, Candidate]] = []
        for fold in range(args.folds):
            train = [e for e in examples if e.document % args.folds != fold]
            held_out = [e for e in examples if e.document % args.folds == fold]
            weights = fit(train, vocabulary, c)
            scored.extend((kept_score(weights, e.features), e) for e in held_out)
        if not curves:
            baseline = f1_at(0.0, scored, gold_total)
            print(f"cross-validated on train: keep all F1 {baseline[0]:.4f} (P {baseline[1]:.4f} "
                  f"R {baseline[2]:.4f})")
        curves[c] = threshold_curve(scored, gold_total)
        (f1, precision, recall), threshold = plateau_middle(curves[c])
        top, top_threshold = max((point[0][0], point[1]) for point in curves[c])
        print(f"  C {c:g}: threshold {threshold:.2f}: F1 {f1:.4f} (P {precision:.4f} "
              f"R {recall:.4f}); best {top:.4f} at {top_threshold:.2f} ({args.folds} fits, "
              f"{time.perf_counter() - started:.1f} s)", flush=True)
    c, ((f1, precision, recall), threshold) = choose(curves)
    print(f"C {c:g}, threshold {threshold:.2f}: F1 {f1:.4f} (P {precision:.4f} R {recall:.4f})")

    started = time.perf_counter()
    weights = fit(examples, vocabulary, c)
    print(f"fitted on all of train in {time.perf_counter() - started:.1f} s")
    lines = [
        "# Attribution confidence weights learned from PolNeAR train by "
        "benchmarks/learn_confidence.py.",
        f"# {len(examples)} candidates; L2 logistic regression solved to convergence, C {c:g} and "
        f"the threshold chosen by {args.folds}-fold cross-validation on train (F1 {f1:.4f}).",
        f"#threshold\t{threshold:.2f}",
        *(f"{name}\t{weight:.4f}" for name, weight in sorted(weights.items())
          if abs(weight) >= 5e-4),
    ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 3} weights -> {args.output}")


if __name__ == "__main__":
    main()
