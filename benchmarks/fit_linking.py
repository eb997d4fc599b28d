"""Fit the story-linking parameters (stories/linking.py) on development stories, and check them by
leave-one-figure-out cross-validation.

Each gold file is one figure's coverage, with several stories. Every article is prepared as a pass
prepares it (its gold front matter prepended); an article with claims about the figure is linked by
its profile (storywatch.profiles.development_profile: its title and its claims' sentences about
the figure).
Two objectives, each fitted over a grid and checked by leaving one figure out (the parameters
best over the other files, scored on the held-out one):

- decisions: linking replayed in order with the gold's own story assignment of the earlier
  articles (so one wrong decision does not cascade): an article is decided right when it joins
  the story the gold puts it in, or starts a new one when it is the first of its gold story;
- stories: linking replayed as the pass does it, each article joining the stories linking itself
  made (a wrong merge broadens a story, and that compounds): a gold story is right when its
  articles share one story that no other gold story shares, as `storywatch eval` scores it.

A story's profile is the sum of its first STORY_ARTICLES (3) articles' profiles, as the store sums
them. Each grid point is replayed once per file, and the folds are scored from that table.

    python benchmarks/fit_linking.py GOLD.json... --seeds DIR [--json] [--cache FILE] [variant]

Variants (the code's rule when none is given; docs/experiments.md, Stories, for what each gave):
--representation first|centroid|recent|nearest and --recent K (a story as its first K articles,
all of them, its last K, or its most similar single article); --title-weight W (a title word counts
W times); --name-weight W (the names the claims' sentences hold, capitalised inside a sentence, W
times), --name-mark (a name a term of its own), --name-mix B (the score (1 - B) x the terms' cosine
+ B x the names' cosine); --decay half-life|linear|grace (the time grid read as a half-life, as
days to no similarity, or as a half-life after a week without decay); --margin (the threshold on
the best story's score minus the second best's). --nest FIELD=V1,V2,... fits one variant field
inside the cross-validation too (each fold chooses it on the other figures), so a variant's own
parameter is not chosen on the figure it is scored on. Measured over the seeds and fourteen
figures (68 stories), stories objective, fitted / cross-validated:

    rule                                                      fitted   CV
    a story as its first 3 articles (the code)                   48   48
    ... first 4: 48 / 48; first 1, 2: 46 / 38, 47 / 39; first 5, 6, 8: 47 / 45; K nested: 48 / 46
    a story as all its articles (before 2026-12-04, link2)       47   45
    ... its last 1, 2, 3, 5 articles                    45-47 / 37, 40, 45, 45
    ... its most similar single article (nearest neighbour)      46   36
    names x1.5, x2, x2.5, x3 (all articles)           47, 48, 48, 49 / 42, 41, 41, 49; nested 49 / 43
    ... x2.5 with any capitalised word (headlines, weekdays)     51   49; x1.25-x3: 47-51 / 40-49,
        nested 51 / 47
    names as their own terms, x1, x1.5, x2                 45, 44, 44 / 41, 35, 29
    names' cosine mixed in, B 0.2, 0.4                        47, 46 / 43, 41
    names nested, first 3 articles                               48   40
    title x0.5, x2 (all articles)                             46, 46 / 35, 36; first 3: 47, 46 / 44, 34
    linear decay (all; first 3)                               46, 47 / 36, 37
    a week without decay, then the half-life (all; first 3)   46, 47 / 38, 42
    margin over the second-best story (all; first 3)          47, 47 / 42, 39

Over the seeds, the fourteen figures and six studied held-out sets (Kaine, Priebus, McCain,
Fiorina, Romney, O'Malley; 116 stories), 2026-12-04's seventh session: the code's rule 78 at
(0.08, 7 days); the fit moves to (0.12, 3 days), 82 fitted and 69 cross-validated (the newer sets'
narrower stories pull it), but through the pass that loses 13 alerts (200 -> 187 of 251) and two
of the three development sets' stories, so the parameters stay. --title-if-named (the title in the
profile only when it names the figure, as a roundup's title is another story's): 77 at (0.08, 7),
fitted 80 at (0.08, 3 days), cross-validated 72.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import re
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from storywatch.config import Settings, WatchedFigure
from storywatch.flows.evaluate import with_front_matter
from storywatch.flows.prepare import prepare_documents
from storywatch.flows.seeds import read_seed_files
from storywatch.profiles import (
    _WORD,
    ARTICLE_TERMS,
    STORY_ARTICLES,
    _common,
    development_profile,
    rarity,
    stem,
)
from storywatch.records import StoryProfile
from storywatch.stories import claim_time
from storywatch.stories.linking import cosine, decay, link_story, weighted

THRESHOLDS = [0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15,
              0.18, 0.22, 0.26, 0.3, 0.35]
HALF_LIVES = [1.0, 2.0, 3.0, 5.0, 7.0, 14.0, 30.0, 1e9]
LINEAR_WINDOWS = [3.0, 7.0, 14.0, 21.0, 30.0, 45.0, 60.0, 1e9]  # days to no similarity at all
WINDOW = timedelta(days=30)


def load(gold_path: Path, seeds: list[Path]) -> list[dict]:
    """Per article of the gold with claims about a figure, in order: its gold story, time and profile
    (with its title, its claims' sentences and the figure's names, for benchmarks/fit_link_model.py)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    settings = Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]])
    figures = settings.figures()
    story_of = {(s["figure"], a): n for n, s in enumerate(gold.get("stories", [])) for a in s["articles"]}
    articles = []
    for name in gold["articles"]:
        path = next(folder / name for folder in [*seeds, gold_path.parent] if (folder / name).is_file())
        documents, _ = read_seed_files([path])
        documents = [with_front_matter(d, gold.get("front_matter", {}).get(name, {})) for d in documents]
        prepared = prepare_documents(documents, settings)
        [article], [claims] = prepared.articles, prepared.claims
        for figure in {w["name"] for w in gold["watchlist"]}:
            mine = [c for c in claims if c.figure == figure]
            if not mine or (figure, name) not in story_of:
                continue
            figure_record = next(f for f in figures if f.name == figure)
            terms = Counter(development_profile(article.title, (c.text for c in mine),
                                                (figure_record.name, *figure_record.aliases)))
            articles.append({"name": name, "figure": figure, "story": story_of[(figure, name)],
                             "at": claim_time(article, datetime.now(UTC)), "terms": terms,
                             "title": article.title, "claims": [c.text for c in mine],
                             "own_names": (figure_record.name, *figure_record.aliases)})
    return articles


class Variant(NamedTuple):
    """How linking is replayed: stories/linking.py as it is (the defaults), or a variant of it tried
    from the topic detection and tracking literature (docs/experiments.md, Stories: what was tried)."""
    representation: str = "first"  # first: the sum of its first `recent` articles' profiles (as TDT
    # tracking defines a topic by its first Nt stories; the code's); centroid: of all its articles';
    # nearest: its most similar single article (UMass first story detection); recent: its last
    recent: int = STORY_ARTICLES
    title_weight: float = 1.0  # a title word counts this many times a claim sentence's word
    name_weight: float = 1.0  # a name (see names) weighs this many times a common word's term
    name_mark: bool = False  # a name is its own term (capitalised) in profiles, not the same word's
    name_mix: float = 0.0  # the score mixes (1 - b) term cosine and b the cosine of the names alone
    decay: str = "half-life"  # half-life: 0.5 ** (days / half-life); linear: 1 - days / window (Yang
    # et al. 1998), the time grid then read as that window; grace: none for 7 days, then half-life
    margin: bool = False  # the threshold on best minus second-best story instead of on best
    title_if_named: bool = False  # the title in the profile only when it names the figure


DEFAULT = Variant()


_CAPITALISED = re.compile(r"(?<![.!?:\"“‘(]\s)(?<![\"“‘(])(?<!^)\b[A-Z][a-z][A-Za-z'’-]*")
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march "
                      "april june july august september october november december".split())


def names(claim_texts: list[str], own_names: tuple[str, ...]) -> set[str]:
    """The profile terms of the names the claims' sentences hold (Kumaran and Allan 2004: people,
    organisations, places): words capitalised inside a sentence (not its first word, nor the first
    after a quote's opening or a parenthesis; not a day's or a month's name; not in a sentence
    capitalised throughout, as a headline is), other than the figure's own names and the commonest
    words of English."""
    own = {word.lower().replace("’", "'") for phrase in own_names for word in phrase.split()}
    found: set[str] = set()
    for text in claim_texts:
        long_words = [w for w in _WORD.findall(text) if len(w) > 3]
        if sum(w[0].isupper() for w in long_words) > len(long_words) / 2:
            continue  # a headline's capitals say nothing of names
        for word in _CAPITALISED.findall(text.strip()):
            lowered = word.lower().replace("’", "'").removesuffix("'s")
            if len(lowered) >= 3 and lowered not in own and lowered not in _CALENDAR and not _common(lowered):
                found.add(stem(lowered))
    return found


def profile(a: dict, variant: Variant) -> dict[str, int]:
    """The article's profile under the variant (as the code makes it, when the variant's are the
    code's weights)."""
    weight = variant.name_weight
    if variant.title_if_named and not _title_names(a):
        return Counter(development_profile(None, a["claims"], a["own_names"]))
    if variant.title_weight == 1.0 and weight == 1.0 and not variant.name_mark:
        return a["terms"]
    named = names(a["claims"], a["own_names"])
    if variant.title_weight == 1.0:
        found = {t: n * (weight if t in named else 1.0) for t, n in a["terms"].items()}
    else:
        own = {word.lower().replace("’", "'") for phrase in a["own_names"] for word in phrase.split()}
        counts: Counter[str] = Counter()
        for text, times in ((a["title"] or "", variant.title_weight), ("\n".join(a["claims"]), 1.0)):
            for word in _WORD.findall(text):
                lowered = word.lower().replace("’", "'").removesuffix("'s")
                if len(lowered) < 3 or lowered in own or _common(lowered):
                    continue
                counts[stem(lowered)] += times
        strongest = sorted(counts, key=lambda t: (-counts[t] * rarity(t), t))[:ARTICLE_TERMS]
        found = {t: counts[t] * (weight if t in named else 1.0) for t in strongest}
    if variant.name_mark:
        found = {t.capitalize() if t in named else t: n for t, n in found.items()}
    return found


def _title_names(a: dict) -> bool:
    """Whether the article's title names the figure (name, alias or surname)."""
    names = (*a["own_names"], a["own_names"][0].split()[-1])
    return bool(a["title"]) and any(name in a["title"] for name in names)


def _vectors(a: dict, variant: Variant) -> tuple[dict[str, float], dict[str, float]]:
    """The article's weighted term vector and its names' weighted vector."""
    return weighted(profile(a, variant)), weighted(names(a["claims"], a["own_names"]))


def _cached_vectors(a: dict, variant: Variant) -> tuple[dict[str, float], dict[str, float]]:
    cache = a.setdefault("_vectors", {})
    if variant not in cache:
        cache[variant] = _vectors(a, variant)
    return cache[variant]


def _time(days: float, param: float, variant: Variant) -> float:
    if variant.decay == "linear":
        return max(0.0, 1.0 - abs(days) / param)
    if variant.decay == "grace":  # none in the first week, then halved every `param` days
        return decay(max(0.0, abs(days) - 7.0), param)
    return decay(abs(days), param)


def _add(total: dict[str, float], more: dict[str, float]) -> dict[str, float]:
    out = dict(total)
    for term, value in more.items():
        out[term] = out.get(term, 0.0) + value
    return out


def _link(vectors, at: datetime, stories: dict, threshold: float, param: float, variant: Variant):
    """The story the article joins among the open ones (None: a new one). stories: id -> list of
    the (term vector, names vector, time) of its articles, in order."""
    terms, names = vectors
    scores = []
    for story_id, members in stories.items():
        last = max(m[2] for m in members)
        if at - last > WINDOW:
            continue
        if variant.representation == "nearest":
            score = max(_score(terms, names, m[0], m[1], variant)
                        * _time((at - m[2]).total_seconds() / 86400, param, variant) for m in members)
        else:
            chosen = {"recent": members[-variant.recent:], "first": members[:variant.recent]}.get(
                variant.representation, members)
            story_terms, story_names = {}, {}
            for m in chosen:
                story_terms, story_names = _add(story_terms, m[0]), _add(story_names, m[1])
            score = _score(terms, names, story_terms, story_names, variant) * _time(
                (at - last).total_seconds() / 86400, param, variant)
        scores.append((score, story_id))
    if not scores:
        return None
    scores.sort(reverse=True)
    best_score, best_id = scores[0]
    if variant.margin:
        best_score -= scores[1][0] if len(scores) > 1 else 0.0
    return best_id if best_score >= threshold else None


def _score(terms, names, story_terms, story_names, variant: Variant) -> float:
    score = cosine(terms, story_terms)
    if variant.name_mix:
        score = (1 - variant.name_mix) * score + variant.name_mix * cosine(names, story_names)
    return score


def decisions(articles: list[dict], threshold: float, half_life: float,
              variant: Variant = DEFAULT) -> list[bool]:
    """Whether each article's linking decision agrees with the gold, given the gold's earlier stories."""
    right, stories = [], {}  # gold story -> (terms of its first articles, last time)
    held: Counter = Counter()  # gold story -> its articles so far
    members: dict[str, list] = {}
    for a in articles:
        if variant == DEFAULT:
            open_ = [StoryProfile(story_id=str(n), terms=dict(terms), last_claim_at=last)
                     for n, (terms, last) in stories.items() if a["at"] - last <= WINDOW]
            chosen = link_story(a["terms"], open_, a["at"], threshold, half_life)
        else:
            vectors = _cached_vectors(a, variant)
            chosen = _link(vectors, a["at"], members, threshold, half_life, variant)
            members.setdefault(str(a["story"]), []).append((*vectors, a["at"]))
        expected = str(a["story"]) if a["story"] in stories else None
        right.append(chosen == expected)
        terms, last = stories.get(a["story"], (Counter(), a["at"]))
        held[a["story"]] += 1
        stories[a["story"]] = (terms + a["terms"] if held[a["story"]] <= STORY_ARTICLES else terms,
                               max(last, a["at"]))
    return right


def stories_right(articles: list[dict], threshold: float, half_life: float,
                  variant: Variant = DEFAULT) -> list[bool]:
    """Per gold story, whether linking as the pass does it (each article joins the stories linking
    itself made, so a wrong merge carries on) gives it one story of its own, as `storywatch eval`
    scores it."""
    stories: dict[str, tuple[Counter, datetime]] = {}  # produced story -> (first terms, last time)
    held: Counter = Counter()  # produced story -> its articles so far
    members: dict[str, list] = {}
    produced: dict[int, set[str]] = {}  # gold story -> the produced stories its articles went to
    for a in articles:
        if variant == DEFAULT:
            open_ = [StoryProfile(story_id=n, terms=dict(terms), last_claim_at=last)
                     for n, (terms, last) in stories.items() if a["at"] - last <= WINDOW]
            chosen = link_story(a["terms"], open_, a["at"], threshold, half_life) or f"s{len(stories)}"
        else:
            vectors = _cached_vectors(a, variant)
            chosen = _link(vectors, a["at"], members, threshold, half_life, variant) or f"s{len(stories)}"
            members.setdefault(chosen, []).append((*vectors, a["at"]))
        terms, last = stories.get(chosen, (Counter(), a["at"]))
        held[chosen] += 1
        stories[chosen] = (terms + a["terms"] if held[chosen] <= STORY_ARTICLES else terms,
                           max(last, a["at"]))
        produced.setdefault(a["story"], set()).add(chosen)
    return [len(ids) == 1 and not any(ids & other for g, other in produced.items() if g != story)
            for story, ids in produced.items()]


OBJECTIVES = {"decisions": decisions, "stories": stories_right}


def table(files: dict[str, list[dict]], variant: Variant = DEFAULT) -> dict:
    """Per grid point, file and objective, the right count and its size: each replay once."""
    grid = list(itertools.product(THRESHOLDS, LINEAR_WINDOWS if variant.decay == "linear" else HALF_LIVES))
    return {p: {name: {objective: (sum(r := score(articles, *p, variant)), len(r))
                       for objective, score in OBJECTIVES.items()}
                for name, articles in files.items()} for p in grid}


def best(found: dict, names: list[str], objective: str) -> tuple[float, float]:
    """The parameters right most often on the objective over the named files; a tie is broken by
    the other objective (stories tie often: a story is right or wrong as a whole, while its
    articles' decisions are the finer measure of the same linking), then by the threshold nearer
    0.15."""
    other = "decisions" if objective == "stories" else "stories"
    return max(found, key=lambda p: (sum(found[p][n][objective][0] for n in names),
                                     sum(found[p][n][other][0] for n in names), -abs(p[0] - 0.15)))


def _more(params: tuple) -> dict:
    return {"nested": params[2]} if len(params) > 2 else {}


def fit(files: dict[str, list[dict]], objective: str, variant: Variant = DEFAULT,
        found: dict | None = None) -> dict:
    """Leave one figure out: the parameters best over the other files, scored on the held-out one;
    then the parameters best over all."""
    found = found if found is not None else table(files, variant)
    folds = {}
    for held_out in files:
        params = best(found, [n for n in files if n != held_out], objective)
        right, of = found[params][held_out][objective]
        folds[held_out] = {"threshold": params[0], "half_life": params[1], **_more(params),
                           "right": right, "of": of}
    final = best(found, list(files), objective)
    total = {k: found[final][k][objective] for k in files}
    return {"cross_validated": folds,
            "cross_validated_accuracy": sum(f["right"] for f in folds.values())
            / sum(f["of"] for f in folds.values()),
            "cross_validated_right": sum(f["right"] for f in folds.values()),
            "fitted": {"threshold": final[0], "half_life": final[1], **_more(final)},
            "fitted_accuracy": sum(r for r, _ in total.values()) / sum(n for _, n in total.values()),
            "fitted_right": sum(r for r, _ in total.values()),
            "per_file_fitted": {k: f"{r}/{n}" for k, (r, n) in total.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("golds", nargs="+", type=Path)
    parser.add_argument("--seeds", action="append", type=Path, default=[])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cache", type=Path, help="keep the prepared articles in this file (a rerun on "
                        "the same code and golds reads them instead of preparing them again)")
    parser.add_argument("--representation", choices=["centroid", "nearest", "recent", "first"],
                        default=DEFAULT.representation)
    parser.add_argument("--recent", type=int, default=DEFAULT.recent)
    parser.add_argument("--title-weight", type=float, default=DEFAULT.title_weight)
    parser.add_argument("--title-if-named", action="store_true",
                        help="the title in the profile only when it names the figure")
    parser.add_argument("--name-weight", type=float, default=DEFAULT.name_weight)
    parser.add_argument("--name-mark", action="store_true")
    parser.add_argument("--nest", metavar="FIELD=V1,V2,...",
                        help="fit one of the variant's fields too, among these values (nested in the "
                        "cross-validation), e.g. recent=1,2,3,4,1000 or name_weight=1,1.5,2")
    parser.add_argument("--name-mix", type=float, default=DEFAULT.name_mix)
    parser.add_argument("--decay", choices=["half-life", "linear", "grace"], default=DEFAULT.decay)
    parser.add_argument("--margin", action="store_true")
    args = parser.parse_args()
    variant = Variant(args.representation, args.recent, args.title_weight, args.name_weight,
                      args.name_mark, args.name_mix, args.decay, args.margin, args.title_if_named)
    if args.cache and args.cache.is_file():
        files = pickle.loads(args.cache.read_bytes())
    else:
        files = {g.name: load(g, args.seeds) for g in args.golds}
        if args.cache:
            args.cache.write_bytes(pickle.dumps(files))
    found = table(files, variant)
    if args.nest:  # the field becomes a third fitted parameter
        field, values = args.nest.split("=")
        kind = int if field == "recent" else float
        found = {(*p, kind(v)): row for v in values.split(",")
                 for p, row in table(files, variant._replace(**{field: kind(v)})).items()}
    result = {"variant": variant._asdict(),
              **{objective: fit(files, objective, variant, found) for objective in OBJECTIVES}}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"variant: {result.pop('variant')}")
    for objective, found_ in result.items():
        print(f"{objective}:")
        print("\n".join(f"  {k}: {v}" for k, v in found_.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
