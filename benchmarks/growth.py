"""Growth: matching and storage cost per new article with 1,000 vs 100,000 stored claims.

Real claims: PolNeAR train articles through the claims stage, watchlist Donald Trump and Hillary
Clinton, stored again and again under fresh keys (so the store holds N claims with a real term
distribution, and each copy with its article profile). Then the same held-out PolNeAR dev articles
go through the storage stage (dedup check, the open stories its profile may develop, candidate
claims, labels, story, one transaction) into each store, alternating between the small and the
large store so both see the same machine noise. Reported: the median seconds per
article in each, and their ratio (target <= 1.5: candidates come from bounded index ranges, never a
scan); and the ratio of the two stores' total seconds over the same articles.

Usage: ``python benchmarks/growth.py [--small 1000] [--large 100000] [--articles 200] [--json]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storywatch.config import Settings, WatchedFigure  # noqa: E402
from storywatch.extractors import extract_claims  # noqa: E402
from storywatch.flows import pipeline  # noqa: E402
from storywatch.profiles import article_profile  # noqa: E402
from storywatch.records import (  # noqa: E402
    Article,
    ArticleDevelopment,
    ArticleRef,
    Development,
    PlannedClaim,
    Story,
)
from storywatch.storage import Store  # noqa: E402
from storywatch.stories import claim_terms, develop_alerts  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
WATCHLIST = [WatchedFigure(name="Donald Trump", aliases=["Trump", "Donald J. Trump"]),
             WatchedFigure(name="Hillary Clinton", aliases=["Clinton", "Hillary Rodham Clinton"])]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def article(text: str, key: str) -> Article:
    digest = hashlib.sha256(f"{key}\n{text}".encode()).hexdigest()
    return Article(key=key, text=text, content_hash=digest, origin=key)


def fill(store: Store, analysed: list, settings: Settings, target: int) -> int:
    """Store copies of the analysed train articles until the store holds `target` claims."""
    figures = settings.figures()
    # each copy's profile per figure, as a pass stores it for linking (the same text: computed once)
    profiles = {base.key: {f.name: article_profile(base.title, base.text, (f.name, *f.aliases))
                           for f in figures if any(c.figure == f.name for c in claims)}
                for base, claims in analysed}
    stored, copy = 0, 0
    while stored < target:
        for base, claims in analysed:
            if stored >= target:
                break
            copy += 1
            item = article(base.text, f"train-copy-{copy}")
            ref = ArticleRef(key=item.key)
            story = hashlib.sha256(item.key.encode()).hexdigest()[:16]
            planned = [PlannedClaim(development=Development(story_id=story, figure=c.figure, label="new",
                                                            claim=c, article=ref),
                                    terms=claim_terms(c, figures))
                       for c in claims[: target - stored]]
            when = NOW - timedelta(minutes=copy)  # all within the story window: the hardest case
            pass_id = f"fill-{copy}"
            # each copy starts a story of its own, with its alert, as a new article's claims would
            new_story = Story(id=story, figures=tuple(dict.fromkeys(p.development.figure for p in planned)),
                              headline="growth", created_pass=pass_id, first_seen=when, last_claim_at=when)
            alerts = develop_alerts(item, planned, [new_story], {}, frozenset(), pass_id)
            developed = ArticleDevelopment(new_stories=(new_story,), claims=tuple(planned),
                                           alerts=tuple(alerts), profiles=profiles[base.key])
            store.record_article(item, 1, developed, pass_id, when, [])
            stored += len(planned)
    return stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000, help="claims in the small store")
    parser.add_argument("--large", type=int, default=100_000, help="claims in the large store")
    parser.add_argument("--articles", type=int, default=200,
                        help="at most this many new articles timed in each store (dev has 83 with claims)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    settings = Settings(watchlist=WATCHLIST)
    figures = settings.figures()
    train = [p.read_text(encoding="utf-8") for p in sorted((POLNEAR / "train" / "text").glob("*.txt"))]
    dev = [p.read_text(encoding="utf-8") for p in sorted((POLNEAR / "dev" / "text").glob("*.txt"))]
    analysed = [(article(t, f"train-{i}"), extract_claims(t, figures)[1]) for i, t in enumerate(train)]
    analysed = [(a, c) for a, c in analysed if c]
    new_articles = [(article(t, f"dev-{i}"), extract_claims(t, figures)[1]) for i, t in enumerate(dev)]
    new_articles = [(a, c) for a, c in new_articles if c][: args.articles]

    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        fill_seconds = {}
        for name, size in (("small", args.small), ("large", args.large)):
            store = Store.open(f"sqlite:///{tmp}/{name}.db")
            started = time.perf_counter()
            stores[name] = (store, fill(store, analysed, settings, size))
            fill_seconds[name] = time.perf_counter() - started
        timings: dict[str, list[float]] = {"small": [], "large": []}
        for index, (item, claims) in enumerate(new_articles):
            for name in ("small", "large") if index % 2 == 0 else ("large", "small"):
                store, _ = stores[name]
                started = time.perf_counter()
                # what the store holds of it (new), then its claims judged and stored with its alerts
                kept = [pipeline.Kept(item, seen, claims) for seen in store.seen_many([item])]
                pipeline.develop_stories(kept, store, settings, f"new-{index}", NOW, [])
                timings[name].append(time.perf_counter() - started)
        for store, _ in stores.values():
            store.engine.dispose()

    per_article = {name: statistics.median(values) for name, values in timings.items()}
    result = {
        "claims": {name: count for name, (_, count) in stores.items()},
        "articles_timed": len(new_articles),
        "seconds_per_article": {k: round(v, 5) for k, v in per_article.items()},
        "ratio_large_to_small": round(per_article["large"] / per_article["small"], 3),
        "target_ratio": 1.5,
        # the same articles' total seconds: weighted to the articles with the most claims, whose
        # candidates a large store has more of (told beside the median, not instead of it)
        "ratio_of_totals": round(sum(timings["large"]) / sum(timings["small"]), 3),
        "fill_seconds": {k: round(v, 1) for k, v in fill_seconds.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"stored claims: {result['claims']}")
        print(f"median seconds per new article: {result['seconds_per_article']}")
        print(f"ratio large/small: {result['ratio_large_to_small']} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
