"""What a pass did, shaped for people: JSON for --json, markdown and tables for the Prefect UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from storywatch.records import Delivery, Development, Failure


@dataclass
class PassResult:
    pass_id: str
    ingested: int
    duplicates: int
    failed: list[Failure]
    developments: list[Development]
    alerts: list[tuple[dict, list[Delivery]]] = field(default_factory=list)

    def to_json(self) -> dict:
        """The documented JSON of `storywatch run --json` (see README: JSON output)."""
        return {
            "pass_id": self.pass_id,
            "articles": {
                "ingested": self.ingested,
                "duplicates": self.duplicates,
                "failed": [f.model_dump() for f in self.failed],
            },
            "developments": [development_json(d) for d in self.developments],
            "alerts": [alert_json(a, ds) for a, ds in reversed(self.alerts)],
        }

    def developments_by_story(self) -> dict[str, list[Development]]:
        grouped: dict[str, list[Development]] = {}
        for d in self.developments:
            grouped.setdefault(d.story_id, []).append(d)
        return grouped

    def story_markdown(self, story_id: str, developments: list[Development]) -> str:
        lines = [f"# Story {story_id}", "", f"Pass `{self.pass_id}`", ""]
        for d in developments:
            source = d.claim.attribution.source if d.claim.attribution else "the outlet"
            lines.append(f"- **{d.label}** ({d.claim.status}, {source}): {d.claim.text}")
            lines.extend(f"  - changed {c}" for c in d.changed)
        return "\n".join(lines)

    def claims_table(self) -> list[dict]:
        return [
            {"story": d.story_id, "figure": d.figure, "label": d.label, "aspect": d.claim.aspect,
             "status": d.claim.status, "polarity": d.claim.polarity,
             "source": d.claim.attribution.source if d.claim.attribution else "",
             "text": d.claim.text[:300], "article": d.article.key}
            for d in self.developments
        ]


def development_json(d: Development) -> dict:
    claim = d.claim
    attribution = claim.attribution
    return {
        "story_id": d.story_id,
        "figure": d.figure,
        "label": d.label,
        "changed": list(d.changed),
        "before": d.before.claim.text if d.before else None,
        "claim": {
            "text": claim.text,
            "span": list(claim.span),
            "role": claim.role,
            "aspect": claim.aspect,
            "polarity": claim.polarity,
            "status": claim.status,
            "attribution": None if attribution is None else {
                "source": attribution.source, "cue": attribution.cue, "quote": attribution.quote,
            },
        },
        "article": d.article.model_dump(mode="json"),
    }


def alert_json(alert: dict, deliveries: list[Delivery]) -> dict:
    return {
        "story_id": alert["story_id"],
        "kind": alert["kind"],
        "key": alert["key"],
        "headline": alert["headline"],
        "source_count": alert["source_count"],
        "items": alert["items"],
        "deliveries": [d.model_dump(mode="json") for d in deliveries],
    }
