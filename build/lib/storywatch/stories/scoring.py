"""Score a replay against a gold file, exactly as docs/claims.md describes.

Produced claims about gold figures are matched to the gold claim whose evidence occurs in the
produced claim's text (whitespace-normalised). Pure: the replay itself happens in flows/.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).casefold()


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
class Score:
    recall: float
    precision: float
    label_accuracy: float
    source_accuracy: float
    stories_ok: bool
    alerts_ok: bool
    details: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"recall": self.recall, "precision": self.precision,
                "label_accuracy": self.label_accuracy, "source_accuracy": self.source_accuracy,
                "stories_ok": self.stories_ok, "alerts_ok": self.alerts_ok, "details": self.details}


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
    recall = (len(required) - len(missed)) / len(required) if required else 1.0
    n_produced = len(matched) + len(false_positives)
    precision = len(matched) / n_produced if n_produced else 0.0
    wrong_labels = [(p.text, p.label, g["labels"]) for p, g in matched if p.label not in g["labels"]]
    label_accuracy = 1 - len(wrong_labels) / len(matched) if matched else 0.0
    with_source = [(p, g) for p, g in matched if g.get("source")]
    wrong_sources = [(p.text, p.source, g["source"]) for p, g in with_source
                     if (p.source or "").casefold() not in {s.casefold() for s in g["source"]}]
    source_accuracy = 1 - len(wrong_sources) / len(with_source) if with_source else 1.0
    stories_ok, story_problems = _stories_ok(gold, produced)
    alerts_ok, alert_problems = _alerts_ok(gold, alerts)
    return Score(
        recall, precision, label_accuracy, source_accuracy, stories_ok, alerts_ok,
        details={"missed": missed, "false_positives": false_positives,
                 "wrong_labels": wrong_labels, "wrong_sources": wrong_sources,
                 "stories": story_problems, "alerts": alert_problems},
    )


def _match(claim: ProducedClaim, gold_claims: list[dict]) -> dict | None:
    text = _norm(claim.text)
    for gold in gold_claims:
        if gold["figure"] == claim.figure and gold["article"] == claim.article \
                and _norm(gold["evidence"]) in text:
            return gold
    return None


def _stories_ok(gold: dict, produced: list[ProducedClaim]) -> tuple[bool, list[str]]:
    problems = []
    for story in gold.get("stories", []):
        ids = {p.story_id for p in produced
               if p.figure == story["figure"] and p.article in story["articles"]}
        articles = {p.article for p in produced if p.figure == story["figure"]
                    and p.article in story["articles"]}
        if len(ids) != 1 or articles != set(story["articles"]):
            problems.append(f"{story['figure']}: {len(ids)} stories over {sorted(articles)}")
    return not problems, problems


def _alerts_ok(gold: dict, alerts: list[ProducedAlert]) -> tuple[bool, list[str]]:
    problems = []
    for expected in gold.get("alerts", []):
        sent = [a for a in alerts if a.after == expected["after"]]
        if expected["kind"] is None:
            if sent:
                problems.append(f"after {expected['after']}: expected no alert, got {len(sent)}")
            continue
        match = [a for a in sent if a.kind == expected["kind"]]
        if not match:
            problems.append(f"after {expected['after']}: no {expected['kind']} alert")
            continue
        texts = [_norm(i["text"]) for a in match for i in a.items]
        for evidence in expected.get("must_include", []):
            if not any(_norm(evidence) in t for t in texts):
                problems.append(f"after {expected['after']}: alert lacks {evidence!r}")
        banned = set(expected.get("must_not_include_labels", []))
        bad = [i["label"] for a in match for i in a.items if i["label"] in banned]
        if bad:
            problems.append(f"after {expected['after']}: alert has items labelled {sorted(set(bad))}")
    return not problems, problems
