"""Score a replay against a gold file, exactly as docs/claims.md describes.

Produced claims about gold figures are matched to the gold claim whose evidence occurs in the
produced claim's text (whitespace-normalised). Pure: the replay itself happens in flows/.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|nor|yet|so)\s+")


def _evidence(text: str) -> str:
    """Gold evidence as it is looked for in a produced claim's text: normalised, without a
    coordinating conjunction that opens it. A clause joined by ", but he trails ..." says "he
    trails ..."; the engine's claim for it starts after the conjunction (a claim or an alert that
    opened with "and" or "but" would read as a fragment), and a gold file that took the
    conjunction in would otherwise find the claim missing."""
    normalised = _norm(text)
    return normalised[conjunction.end():] if (conjunction := _LEADING_CONJUNCTION.match(normalised)) \
        else normalised


# a gold alert expectation's article name for the same article replayed again (nothing may be sent)
RERUN_PREFIX = "rerun of "


@dataclass
class ProducedClaim:
    article: str  # the gold file's article name
    figure: str
    text: str
    label: str
    source: str | None
    story_id: str


@dataclass
class ProducedAlert:
    after: str
    kind: str
    items: list[dict]


@dataclass
class Counts:
    """What the ratios of a Score are made of, so that scores of several gold files add up."""
    required: int = 0
    found: int = 0  # required gold claims produced
    produced: int = 0  # produced claims about the gold figures
    matched: int = 0  # of those, matching a gold claim
    right_labels: int = 0
    with_source: int = 0  # matched claims whose gold names sources
    right_sources: int = 0
    stories: int = 0
    stories_right: int = 0  # joined as one story, and apart from the figure's other stories
    alerts: int = 0  # alert expectations
    alerts_met: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.values(), other.values(), strict=True)))

    def values(self) -> list[int]:
        return [getattr(self, name) for name in self.__dataclass_fields__]


@dataclass
class Score:
    recall: float
    precision: float
    label_accuracy: float
    source_accuracy: float
    stories_ok: bool
    alerts_ok: bool
    details: dict = field(default_factory=dict)
    counts: Counts = field(default_factory=Counts)

    @property
    def alerts_met(self) -> float:
        """The share of the alert expectations met."""
        return self.counts.alerts_met / self.counts.alerts if self.counts.alerts else 1.0

    @classmethod
    def of(cls, counts: Counts, details: dict | None = None) -> Score:
        c = counts
        return cls(
            recall=c.found / c.required if c.required else 1.0,
            precision=c.matched / c.produced if c.produced else 0.0,
            label_accuracy=c.right_labels / c.matched if c.matched else 0.0,
            source_accuracy=c.right_sources / c.with_source if c.with_source else 1.0,
            stories_ok=c.stories_right == c.stories, alerts_ok=c.alerts_met == c.alerts,
            details=details or {}, counts=c)

    def to_json(self) -> dict:
        return {"recall": self.recall, "precision": self.precision,
                "label_accuracy": self.label_accuracy, "source_accuracy": self.source_accuracy,
                "stories_ok": self.stories_ok, "alerts_ok": self.alerts_ok,
                "stories": f"{self.counts.stories_right}/{self.counts.stories}",
                "alerts_met": self.alerts_met, "counts": asdict(self.counts), "details": self.details}


def total(scores: list[Score]) -> Score:
    """The scores of several gold files as one: every ratio over the pooled counts."""
    return Score.of(sum((s.counts for s in scores), Counts()))


def score(gold: dict, produced: list[ProducedClaim], alerts: list[ProducedAlert]) -> Score:
    figures = {w["name"] for w in gold["watchlist"]}
    gold_claims = gold["claims"]
    matched: list[tuple[ProducedClaim, dict]] = []
    false_positives = []
    for claim in (p for p in produced if p.figure in figures):
        gold_claim = _match(claim, gold_claims)
        if gold_claim is None:
            false_positives.append(claim.text)
        else:
            matched.append((claim, gold_claim))
    required = [g for g in gold_claims if g.get("required")]
    found = {id(g) for _, g in matched}
    missed = [g["evidence"] for g in required if id(g) not in found]
    wrong_labels = [(p.text, p.label, g["labels"]) for p, g in matched if p.label not in g["labels"]]
    with_source = [(p, g) for p, g in matched if g.get("source")]
    wrong_sources = [(p.text, p.source, g["source"]) for p, g in with_source
                     if (p.source or "").casefold() not in {s.casefold() for s in g["source"]}]
    story_problems = _story_problems(gold, produced)
    alert_problems = _alert_problems(gold, alerts)
    counts = Counts(
        required=len(required), found=len(required) - len(missed),
        produced=len(matched) + len(false_positives), matched=len(matched),
        right_labels=len(matched) - len(wrong_labels), with_source=len(with_source),
        right_sources=len(with_source) - len(wrong_sources),
        stories=len(gold.get("stories", [])), stories_right=sum(not p for p in story_problems),
        alerts=len(gold.get("alerts", [])), alerts_met=sum(not p for p in alert_problems))
    return Score.of(counts, details={
        "missed": missed, "false_positives": false_positives, "wrong_labels": wrong_labels,
        "wrong_sources": wrong_sources, "stories": [p for ps in story_problems for p in ps],
        "alerts": [p for ps in alert_problems for p in ps]})


def _match(claim: ProducedClaim, gold_claims: list[dict]) -> dict | None:
    """The gold claim whose evidence the produced claim's text holds. A sentence may hold several
    (an optional aside and the required claim: "X, whom Trump fired weeks ago, said that Y should
    be held to account"): then a required one, the first of those in the gold's order, so that
    which of the sentence's claims the gold lists first does not decide what was found."""
    text = _norm(claim.text)
    held = [gold for gold in gold_claims
            if gold["figure"] == claim.figure and gold["article"] == claim.article
            and _evidence(gold["evidence"]) in text]
    return next((gold for gold in held if gold.get("required")), held[0] if held else None)


def _story_problems(gold: dict, produced: list[ProducedClaim]) -> list[list[str]]:
    """Per gold story, what is wrong: its articles' claims split over several stories, an article
    with no claim in it, or a story shared with another gold story of the same figure."""
    stories = gold.get("stories", [])
    ids_of = [{p.story_id for p in produced if p.figure == story["figure"] and p.article in story["articles"]}
              for story in stories]
    problems = []
    for index, story in enumerate(stories):
        mine: list[str] = []
        ids = ids_of[index]
        articles = {p.article for p in produced if p.figure == story["figure"]
                    and p.article in story["articles"]}
        if len(ids) != 1 or articles != set(story["articles"]):
            mine.append(f"{story['figure']}: {len(ids)} stories over {sorted(articles)}")
        merged = [other for j, other in enumerate(stories) if j != index
                  and other["figure"] == story["figure"] and ids & ids_of[j]]
        if merged:
            mine.append(f"{story['figure']}: story of {story['articles'][0]} merged with the story of "
                        f"{', '.join(o['articles'][0] for o in merged)}")
        problems.append(mine)
    return problems


def _alert_problems(gold: dict, alerts: list[ProducedAlert]) -> list[list[str]]:
    """Per alert expectation, what is wrong with what was sent after its article."""
    problems = []
    for expected in gold.get("alerts", []):
        mine: list[str] = []
        problems.append(mine)
        sent = [a for a in alerts if a.after == expected["after"]]
        if expected["kind"] is None:
            if sent:
                items = "; ".join(_item_and_gold(gold, expected["after"], item)
                                  for a in sent for item in a.items)
                mine.append(f"after {expected['after']}: expected no alert, got {len(sent)}: {items}")
            continue
        match = [a for a in sent if a.kind == expected["kind"]]
        if not match:
            got = ", ".join(a.kind for a in sent) or "none"
            mine.append(f"after {expected['after']}: no {expected['kind']} alert (got {got})")
            continue
        texts = [_norm(i["text"]) for a in match for i in a.items]
        for evidence in expected.get("must_include", []):
            if not any(_evidence(evidence) in t for t in texts):
                mine.append(f"after {expected['after']}: alert lacks {evidence!r}")
        banned = set(expected.get("must_not_include_labels", []))
        bad = [i["label"] for a in match for i in a.items if i["label"] in banned]
        if bad:
            mine.append(f"after {expected['after']}: alert has items labelled {sorted(set(bad))}")
    return problems


def _item_and_gold(gold: dict, after: str, item: dict) -> str:
    """An alert item as the eval prints it: its label and text, and the labels its gold claim
    accepts. Of an alert that should not have been sent, it shows whether a label the gold also
    accepts (a `repeat`, a `background`) would have kept each item out: on 2026-12-06 one would
    have for every item of all 32 such alerts, recaps and background the engine called `new`
    where the gold's claim labels tolerate it."""
    text = item["text"] if len(item["text"]) <= 90 else item["text"][:87] + "..."
    claim = ProducedClaim(article=after.removeprefix(RERUN_PREFIX), figure=item["figure"], text=item["text"],
                          label=item["label"], source=None, story_id="")
    gold_claim = _match(claim, gold["claims"])
    accepts = "not in the gold" if gold_claim is None \
        else "the gold accepts " + " or ".join(gold_claim["labels"])
    return f"{item['label']} “{text}” ({accepts})"
