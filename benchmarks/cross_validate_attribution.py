"""Cross-validate all that attribution learns from PolNeAR train: the cue lexicon and the model.

`learn_confidence.py` cross-validates the confidence model's weights, but the cue lexicon it runs
on (`learn_cues.py` -> extractors/cues.txt) was learned from all of train, the held-out fold
included: a word annotated as a cue only in the held-out articles is a cue there all the same, so
that estimate is optimistic. Here each fold learns its lexicon from the other folds too. A copy of
the source tree gets the fold's cues.txt (the lexicon is read when the extractor is imported) and
finds the candidates of every train article in a subprocess; the feature vocabulary and the
weights come from the other folds' candidates only, and the held-out fold's are scored, once for
each C of ``--c``. The C and the threshold are chosen on the pooled held-out scores as
learn_confidence.py chooses them (``choose``: the middle of each C's best plateau, the best of
those). The folds are learn_confidence.py's (article number modulo the number of folds). Dev is
never read.

Usage: ``python benchmarks/cross_validate_attribution.py [--folds 5] [--min-count 1]
[--min-share 0.1] [--c 0.03 0.1 0.3 1 3] [--feature-min-count 5] [--json]`` (about 30 s a fold)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from learn_cues import MIN_COUNT, MIN_SHARE, learn, write  # noqa: E402

_COPIED = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "results", ".ci")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=MIN_COUNT, help="learn_cues.py's")
    parser.add_argument("--min-share", type=float, default=MIN_SHARE, help="learn_cues.py's")
    parser.add_argument("--c", type=float, nargs="+", help="learn_confidence.py's (default: its C_GRID)")
    parser.add_argument("--feature-min-count", type=int, default=5,
                        help="learn_confidence.py's --min-count")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear",
                        help="PolNeAR folder")
    parser.add_argument("--fold", type=int, help=argparse.SUPPRESS)  # one fold, in a source copy
    args = parser.parse_args(argv)
    if args.fold is not None:
        print(json.dumps(score_fold(args.fold, args.folds, args.data, args.c, args.feature_min_count)))
        return 0

    from learn_confidence import C_GRID, Candidate, choose, plateau_middle, threshold_curve

    grid = sorted(set(args.c or C_GRID))
    names = _article_names(args.data)
    scored: dict[float, list[tuple[float, Candidate]]] = {c: [] for c in grid}
    gold_total, lexicon_sizes = 0, []
    for fold in range(args.folds):
        held_out = frozenset(name for number, name in enumerate(names) if number % args.folds == fold)
        shares = learn(args.min_count, args.min_share, exclude=held_out,
                       data=args.data / "train")
        lexicon_sizes.append(len(shares))
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            shutil.copytree(ROOT, tree, symlinks=True, ignore=_COPIED)
            write(shares, args.min_count, args.min_share, tree / "extractors" / "cues.txt")
            run = subprocess.run([sys.executable, str(tree / "benchmarks" / Path(__file__).name),
                                  "--fold", str(fold), "--folds", str(args.folds), "--data", str(args.data),
                                  "--c", *map(str, grid),
                                  "--feature-min-count", str(args.feature_min_count)],
                                 capture_output=True, text=True, check=True, cwd=tree)
        result = json.loads(run.stdout)
        held_out_candidates = [Candidate(document, [], tuple(matches))
                               for document, matches in result["candidates"]]
        for c in grid:
            scored[c] += zip(result["scores"][str(c)], held_out_candidates, strict=True)
        gold_total = result["gold_total"]

    curves = {c: threshold_curve(scored[c], gold_total) for c in grid}
    c, ((f1, precision, recall), threshold) = choose(curves)
    report = {"folds": args.folds, "min_count": args.min_count, "min_share": args.min_share,
              "c_grid": grid, "c": c, "feature_min_count": args.feature_min_count,
              "lexicon_sizes": lexicon_sizes, "threshold": threshold, "f1": round(f1, 4),
              "precision": round(precision, 4), "recall": round(recall, 4),
              # each C's F1 at the middle of its plateau, as choose() compares them
              "f1_by_c": {f"{other:g}": round(plateau_middle(curves[other])[0][0], 4) for other in grid},
              "f1_by_threshold": {f"{t:.2f}": round(score[0], 4) for score, t in curves[c]}}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.folds}-fold cross-validated on train, cue lexicon learned per fold "
              f"({min(lexicon_sizes)}-{max(lexicon_sizes)} words): C {c:g}, threshold {threshold:.2f}: "
              f"F1 {f1:.4f} (P {precision:.4f} R {recall:.4f}); F1 by C: "
              + ", ".join(f"{other} {value}" for other, value in report["f1_by_c"].items()))
    return 0


def _article_names(data: Path) -> list[str]:
    """Each train article's file name, numbered as learn_confidence.py numbers them."""
    from polnear_attribution import load_split

    return [doc.name.rsplit("_", 1)[0] for doc in load_split(data, "train", "first", None)]


def score_fold(fold: int, folds: int, data: Path, grid: list[float], min_count: int) -> dict:
    """In a source copy with the fold's lexicon: every candidate of the held-out fold (its article
    and the gold attributions it matches), and its scores by the weights fitted on the other folds
    (their features only) with each C of grid."""
    for path in (ROOT, ROOT / "benchmarks"):
        sys.path.insert(0, str(path))
    from learn_confidence import candidates, fit, kept_score

    examples, gold_counts = candidates(data)
    train = [e for e in examples if e.document % folds != fold]
    held_out = [e for e in examples if e.document % folds == fold]
    counts = Counter(f for e in train for f in set(e.features))
    vocabulary = {f for f, n in counts.items() if n >= min_count}
    scores = {}
    for c in grid:
        weights = fit(train, vocabulary, c)
        scores[str(c)] = [kept_score(weights, e.features) for e in held_out]
    return {"gold_total": sum(gold_counts),
            "candidates": [(e.document, list(e.matches)) for e in held_out], "scores": scores}


if __name__ == "__main__":
    sys.exit(main())
