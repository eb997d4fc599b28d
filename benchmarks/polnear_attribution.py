"""Score the attribution extractor on PolNeAR (brat standoff) and time it.

Data: ``shared/eval/polnear/`` beside the repository (override with ``--data``), with
``metadata.tsv`` listing each article's compartment (train/dev), file name and annotators, and
per compartment ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. In the .ann files an
attribution is an event ``E… Attribution:T… Source:T… Cue:T… Content:T… [Content2:T…]`` (trigger
type ``Attribution`` or ``Attribution-no-source``) over text-bound entities whose spans may be
discontinuous (``start end;start end``). ``Discuss``/``Discard`` entities and annotator notes are
ignored. Sixteen train and two dev articles are annotated by all six annotators; by default the
alphabetically first annotator's file is the gold for those (``--annotators all`` scores every
annotator's file as its own document).

Metric (source attribution, overlap-based):

* a produced attribution counts only if its source span is non-empty; a gold one only if it has a
  Source;
* a produced attribution is correct when its content span overlaps (shares at least one
  character with) a gold attribution's content span (Content or Content2) and its source span
  overlaps that same gold attribution's source span;
* precision = correct produced / produced; recall = gold attributions matched by at least one
  produced / gold attributions; F1 is their harmonic mean. Matching is not one-to-one.

Texts are analysed raw, as stored, through the whole claims stage with the default watchlist
(``extract_claims(text, figures)``: sentences, mentions, attribution, claims),
not through ``normalise_text``, so that produced spans are offsets into the same string as the
gold offsets (the script checks that each gold entity's text is found at its offsets).

Throughput is the wall time of ``extract_claims`` alone over the articles of a split, in one
process pinned to one core: articles per second and characters per second.

Published anchor, for context only (different corpus, exact spans, not comparable): the BBC's
Citron reports 0.82 exact source-span F1 on PARC 3.0.

Usage: ``python benchmarks/polnear_attribution.py [--split train|dev|both] [--limit N] [--json]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storywatch.config import DEFAULT_WATCHLIST  # noqa: E402
from storywatch.extractors.claims import extract_claims  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "polnear"
ANCHOR = {"system": "BBC Citron", "corpus": "PARC 3.0", "metric": "exact source-span F1",
          "f1": 0.82}

Spans = tuple[tuple[int, int], ...]
_ENTITY = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_EVENT = re.compile(r"^(E\d+)\t(.*)$", re.MULTILINE)
_ATTRIBUTION_TYPES = {"Attribution", "Attribution-no-source"}


@dataclass(frozen=True)
class GoldAttribution:
    source: Spans  # empty when the attribution has no source
    content: Spans  # Content and Content2 fragments


@dataclass
class Document:
    name: str
    text: str
    gold: list[GoldAttribution]
    misaligned: int = 0  # gold entities whose text is not at their offsets


@dataclass
class SplitScore:
    split: str
    documents: int = 0
    characters: int = 0
    produced: int = 0
    correct: int = 0
    gold: int = 0
    matched: int = 0
    produced_without_source: int = 0
    gold_without_source: int = 0
    misaligned_entities: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        precision = self.correct / self.produced if self.produced else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "split": self.split,
            "documents": self.documents,
            "characters": self.characters,
            "produced": self.produced,
            "correct": self.correct,
            "gold": self.gold,
            "matched": self.matched,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "produced_without_source": self.produced_without_source,
            "gold_without_source": self.gold_without_source,
            "misaligned_entities": self.misaligned_entities,
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.documents / self.seconds, 2) if self.seconds else None,
            "chars_per_s": round(self.characters / self.seconds) if self.seconds else None,
        }


def parse_ann(ann: str, text: str) -> tuple[list[GoldAttribution], int]:
    """Gold attributions of one .ann file, and how many entities do not line up with the text."""
    entities: dict[str, tuple[str, Spans]] = {}
    misaligned = 0
    for match in _ENTITY.finditer(ann):
        spans = tuple(
            (int(a), int(b)) for a, b in (frag.split() for frag in match.group(3).split(";"))
        )
        entities[match.group(1)] = (match.group(2), spans)
        expected = " ".join(text[a:b] for a, b in spans)
        if not ann.startswith(expected, match.end()):
            misaligned += 1
    gold = []
    for match in _EVENT.finditer(ann):
        args = [arg.split(":", 1) for arg in match.group(2).split() if ":" in arg]
        if not args or args[0][0] not in _ATTRIBUTION_TYPES:
            continue
        source: list[tuple[int, int]] = []
        content: list[tuple[int, int]] = []
        for role, ref in args[1:]:
            spans = entities.get(ref, ("", ()))[1]
            if role.startswith("Source"):
                source.extend(spans)
            elif role.startswith("Content"):
                content.extend(spans)
        gold.append(GoldAttribution(tuple(s for s in source if s[1] > s[0]), tuple(content)))
    return gold, misaligned


def load_split(data: Path, split: str, annotators: str, limit: int | None) -> list[Document]:
    """The split's documents in metadata.tsv order."""
    documents = []
    with open(data / "metadata.tsv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t")
                if row["compartment"] == split]
    for row in rows:
        # newline="" keeps \r\n as two characters, as brat counts them
        with open(data / split / "text" / f"{row['filename']}.txt", encoding="utf-8",
                  newline="") as handle:
            text = handle.read()
        codes = sorted(row["annotators"].split("|"))
        for code in codes if annotators == "all" else codes[:1]:
            ann_path = data / split / "attributions" / f"{row['filename']}_{code}.ann"
            ann = ann_path.read_text(encoding="utf-8")
            gold, misaligned = parse_ann(ann, text)
            documents.append(Document(ann_path.stem, text, gold, misaligned))
        if limit is not None and len(documents) >= limit:
            break
    return documents[:limit] if limit is not None else documents


def overlaps(span: tuple[int, int], spans: Spans) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def score(split: str, documents: list[Document]) -> SplitScore:
    result = SplitScore(split)
    figures = [f.figure() for f in DEFAULT_WATCHLIST]
    if documents:
        extract_claims(documents[0].text, figures)  # warm-up: imports, regex caches
    for doc in documents:
        started = time.perf_counter()
        analysis, _claims = extract_claims(doc.text, figures)  # the whole claims stage
        result.seconds += time.perf_counter() - started
        result.documents += 1
        result.characters += len(doc.text)
        result.misaligned_entities += doc.misaligned
        gold = [g for g in doc.gold if g.source]
        result.gold_without_source += len(doc.gold) - len(gold)
        matched: set[int] = set()
        for produced in analysis.attributions:
            source_span = tuple(produced.source_span)
            if source_span[1] <= source_span[0]:
                result.produced_without_source += 1
                continue
            result.produced += 1
            hits = [i for i, g in enumerate(gold)
                    if overlaps(tuple(produced.content_span), g.content)
                    and overlaps(source_span, g.source)]
            if hits:
                result.correct += 1
                matched.update(hits)
        result.gold += len(gold)
        result.matched += len(matched)
    return result


def pin_to_one_core() -> int | None:
    """Pin this process to one CPU, where the OS allows it; the CPU's number or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=("train", "dev", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="at most N documents per split")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder")
    parser.add_argument("--annotators", choices=("first", "all"), default="first",
                        help="for multiply annotated articles: first annotator only, or each")
    args = parser.parse_args(argv)
    if not (args.data / "metadata.tsv").exists():
        parser.error(f"no PolNeAR metadata.tsv under {args.data}")

    cpu = pin_to_one_core()
    splits = ("train", "dev") if args.split == "both" else (args.split,)
    results = [score(split, load_split(args.data, split, args.annotators, args.limit)).as_dict()
               for split in splits]

    if args.json:
        print(json.dumps({"results": results, "cpu": cpu, "annotators": args.annotators,
                          "anchor": ANCHOR}, indent=2))
        return 0
    print(f"PolNeAR source attribution (overlap), annotators={args.annotators}, "
          f"pinned cpu={cpu}")
    print(f"{'split':6} {'docs':>5} {'gold':>6} {'prod':>6} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'art/s':>7} {'chars/s':>9}")
    for r in results:
        print(f"{r['split']:6} {r['documents']:>5} {r['gold']:>6} {r['produced']:>6} "
              f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
              f"{r['articles_per_s'] or 0:>7.1f} {r['chars_per_s'] or 0:>9}")
        if r["misaligned_entities"]:
            print(f"  warning: {r['misaligned_entities']} gold entities not at their offsets")
    print(f"context only: {ANCHOR['system']} {ANCHOR['f1']} {ANCHOR['metric']} on "
          f"{ANCHOR['corpus']} (not comparable)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
