"""Main-text extraction benchmark: storywatch's page extraction vs bare trafilatura.

Data: ../shared/eval/extraction (61 real pages, gzipped HTML, gold `articleBody` in ground-truth.json),
the pages of the ScrapingHub article-extraction benchmark. Metric: that benchmark's token 4-gram
shingle matching: per page, tp/fp/fn over shingle counts, normalised by their sum; precision is the
mean over pages with tp+fp > 0, recall the mean over pages with tp+fn > 0, F1 their harmonic mean.

    python benchmarks/extraction.py [--data DIR] [--json]

Nothing is fetched: the pages are read from disk.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "eval" / "extraction"
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def tp_fp_fn(gold: str, predicted: str) -> tuple[float, float, float]:
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def bare_trafilatura(raw: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(raw.decode("utf-8", "replace"), url=url) or ""


def storywatch_page(raw: bytes, url: str) -> str:
    from storywatch.errors import Rejected
    from storywatch.extractors.pages import parse_page
    from storywatch.records import Document

    try:
        return parse_page(Document(source=url, name=url, kind="html", content=raw, url=url)).text
    except Rejected:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {k: gzip.decompress((args.data / "html" / f"{k}.html.gz").read_bytes()) for k in truth}
    results = {}
    for name, extract in (("trafilatura", bare_trafilatura), ("storywatch", storywatch_page)):
        started = time.perf_counter()
        counts = [tp_fp_fn(truth[k]["articleBody"], extract(raw, truth[k]["url"]))
                  for k, raw in pages.items()]
        results[name] = {**scores(counts), "pages": len(counts),
                         "seconds": round(time.perf_counter() - started, 2)}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'extractor':14} {'F1':>6} {'precision':>10} {'recall':>7} {'seconds':>8}")
    for name, r in results.items():
        print(f"{name:14} {r['f1']:6.3f} {r['precision']:10.3f} {r['recall']:7.3f} {r['seconds']:8.2f}")


if __name__ == "__main__":
    main()
