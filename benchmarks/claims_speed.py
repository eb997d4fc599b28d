"""The claims stage's throughput as the pass runs it, over the PolNeAR train texts, on one core.

The pass keeps only an article's claims, so it runs `extract_claims(text, figures, aspects,
confidence=None)` (`flows/prepare.claims_about`); this times exactly that call, best of `--rounds`
passes over the texts, in a process pinned to one CPU. The watchlist is the default one (Sergei
Lavrov, whom PolNeAR never names: the figure issue 18's target is measured by); `--figure NAME`
adds a watched figure (its surname an alias), as the pass meets articles that name one (it runs the
stage only on those, after `may_mention`), which costs more.

This shared machine's speed changes from run to run and from day to day, so compare code in one
run: `--against DIR` times another checkout (a `git worktree` of an older commit, say) in its own
process, alternating with this one, `--alternations` times.

    python benchmarks/claims_speed.py [--data DIR] [--figure "Donald Trump"]... [--against DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "polnear"


def throughput(root: Path, data: Path, names: list[str], rounds: int) -> float:
    """Articles per second, the best of `rounds` passes, with the source tree at `root`."""
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))  # (this process times that tree, the only one it imports)
    from storywatch.config import DEFAULT_WATCHLIST, WatchedFigure
    from storywatch.extractors.claims import extract_claims

    figures = [f.figure() for f in DEFAULT_WATCHLIST]
    figures += [WatchedFigure(name=name, aliases=[name.split()[-1]]).figure() for name in names]
    texts = [path.read_text(encoding="utf-8") for path in sorted((data / "train" / "text").glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no PolNeAR train texts under {data / 'train' / 'text'}")
    extract_claims(texts[0], figures, None, confidence=None)  # warm-up: imports, regex caches
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            extract_claims(text, figures, None, confidence=None)
        best = min(best, time.perf_counter() - started)
    return len(texts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder")
    parser.add_argument("--figure", action="append", default=[], metavar="NAME",
                        help="a watched figure besides the default watchlist (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts; the best counts")
    parser.add_argument("--against", type=Path, help="another checkout to time alternately")
    parser.add_argument("--alternations", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # (one timing)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.against is None:
        rate = throughput(args.root.resolve(), args.data.resolve(), args.figure, args.rounds)
        print(json.dumps({"articles_per_s": round(rate, 1)}) if args.json else f"{rate:.1f} articles/s")
        return 0

    # each timing in a process of its own, so that the two trees' modules never meet
    trees = {"this": ROOT, "against": args.against.resolve()}
    rates: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(args.alternations):
        for name, tree in trees.items():
            command = [sys.executable, __file__, "--root", str(tree), "--data", str(args.data.resolve()),
                       "--rounds", str(args.rounds), "--json"]
            for figure in args.figure:
                command += ["--figure", figure]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            rates[name].append(json.loads(out)["articles_per_s"])
    if args.json:
        print(json.dumps(rates))
    else:
        for name, tree in trees.items():
            print(f"{name:8} {tree}: " + ", ".join(f"{rate:.1f}" for rate in rates[name]) + " articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
