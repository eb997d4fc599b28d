"""Learn the attribution cue lexicon from PolNeAR *train* (never dev), into extractors/cues.txt.

For every gold Cue, the head word (the first word that is not an auxiliary, negation or adverb) is
counted; so is every occurrence of that word in the train texts. A word is kept as a cue when it
is a gold cue head often enough (count) and reliably enough (share of its occurrences).

Usage: ``python benchmarks/learn_cues.py [--min-count 1] [--min-share 0.1]``
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "polnear" / "train"
OUTPUT = ROOT / "extractors" / "cues.txt"
SKIP = set("""do does did don't doesn't didn't not never also has have had having would will could
should can may might must is are was were be been being just only even still already reportedly
repeatedly publicly privately later then once again really actually recently previously first
n't don’t doesn’t didn’t won’t wouldn’t can’t a an the to of and that s ve d ll re""".split())
_CUE = re.compile(r"^T\d+\tCue (\d+) (\d+)(?:;[\d ;]+)?\t(.*)$", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def head(cue: str) -> str | None:
    for word in _WORD.findall(cue):
        lowered = word.lower().replace("’", "'")
        if lowered not in SKIP and lowered.replace("'", "’") not in SKIP:
            return lowered
    return None


IRREGULAR = set("""said say says told tell tells wrote write writes thought think thinks felt feel feels
knew know saw see sees spoke speak speaks heard hear hears meant mean means believe believes
believed found find finds want wants wanted hope hopes hoped fear fears feared""".split())


# PolNeAR annotates beliefs, intentions and evidence, not only speech. These attitude verbs are
# common outside attributions too, so their share stays under the threshold; they are kept anyway.
ATTITUDE = set("""want wants wanted believe believes think thinks hope hopes know knows see sees show
shows support supports supporting plans suggest suggests fear fears feel feels backing opposed
pledged prefer sought""".split())


def looks_like_a_verb(word: str, heads: Counter[str] | None = None) -> bool:
    """Adverbs, nouns and clitics that sit inside annotated cues are not cues by themselves.

    A base form ("insist", "claim") counts when one of its inflections is a gold cue head too.
    """
    if word in IRREGULAR:
        return True
    if heads and any(heads[word + ending] for ending in ("s", "es", "ed", "d", "ing")):
        return True
    if len(word) < 4 or word.endswith(("ly", "ness", "ion", "ment", "ity")):
        return False
    return word.endswith(("ed", "s", "ing")) or word.endswith("e")


def a_noun_or_adjective(word: str) -> bool:
    """"Assertion", "refusal", "skeptical": cues that are not verbs, as PolNeAR annotates them.

    Adverbs, contractions and function words inside annotated cues are not cues by themselves.
    """
    return len(word) >= 5 and not word.endswith("ly") and "'" not in word and word not in SKIP


# A word annotated as a cue once is kept when its share of occurrences is high enough: checked
# by cross-validation with the lexicon learned per fold (benchmarks/cross_validate_attribution.py,
# 2026-12-05): min count 1, 0.7964 against 0.7939 for 2 and 0.7898 for 3 (share 0.1); share 0.07,
# 0.15, 0.2 at min count 1: 0.7940, 0.7926, 0.7909; nouns and adjectives from 2 or 4 occurrences
# rather than 3: 0.7941, 0.7940 (before the att14 rules; 2 at the time gave 0.7922).
MIN_COUNT = 1
MIN_SHARE = 0.1


def learn(min_count: int = MIN_COUNT, min_share: float = MIN_SHARE, exclude: frozenset[str] = frozenset(),
          data: Path = DATA) -> dict[str, float]:
    """The cue words of train, each with its share (of its occurrences in train, how many are
    cues), most frequent cue first; the articles named in `exclude` (file names without .txt) are
    left out, as a cross-validation fold is (benchmarks/cross_validate_attribution.py)."""
    heads: Counter[str] = Counter()
    annotations = [ann for ann in sorted((data / "attributions").glob("*.ann"))
                   if ann.stem.rsplit("_", 1)[0] not in exclude]
    for ann in annotations:
        for match in _CUE.finditer(ann.read_text(encoding="utf-8")):
            word = head(match.group(3))
            if word:
                heads[word] += 1
    texts = [text for text in sorted((data / "text").glob("*.txt")) if text.stem not in exclude]
    occurrences: Counter[str] = Counter()
    for text in texts:
        for word in _WORD.findall(text.read_text(encoding="utf-8")):
            lowered = word.lower().replace("’", "'")
            if lowered in heads:
                occurrences[lowered] += 1
    # Each text is annotated by one or more annotators: compare cue counts per annotated copy.
    copies = len(annotations) / max(1, len(texts))
    kept = sorted(
        (w for w, n in heads.items()
         if (n >= min_count and n / copies / max(1, occurrences[w]) >= min_share
             and (looks_like_a_verb(w, heads) or (n >= 3 and a_noun_or_adjective(w))))
         or w in ATTITUDE),
        key=lambda w: -heads[w],
    )
    return {w: min(1.0, heads[w] / copies / max(1, occurrences[w])) for w in kept}


def write(shares: dict[str, float], min_count: int, min_share: float, path: Path = OUTPUT) -> None:
    lines = [
        "# Attribution cue words learned from PolNeAR train by benchmarks/learn_cues.py.",
        f"# min count {min_count}, min share of occurrences {min_share}.",
        "# One word a line, then a tab and its share: of its occurrences in train, how many are cues.",
        *(f"{w}\t{share:.2f}" for w, share in shares.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--min-share", type=float, default=MIN_SHARE)
    args = parser.parse_args()
    shares = learn(args.min_count, args.min_share)
    write(shares, args.min_count, args.min_share)
    print(f"{len(shares)} cue words -> {OUTPUT}")


if __name__ == "__main__":
    main()
