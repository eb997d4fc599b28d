"""Replay a gold file's articles through the pass (pipeline.run_pass, the composition the monitor
flow runs, without Prefect), one pass each, into an empty store, and score."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from storywatch.config import Alerts, Settings, Sources, Storage, WatchedFigure
from storywatch.errors import ConfigError
from storywatch.records import Document, Failure
from storywatch.storage import Store
from storywatch.stories import RERUN_PREFIX, ProducedAlert, ProducedClaim, Score, score

from . import pipeline, seeds


class ReplayStages(pipeline.Stages):
    """The pass's stages, reading one gold article as the pass's only seed, with the gold file's
    front matter for it (title, outlet, published time) as a feed would give them."""

    def __init__(self, path: Path, front_matter: dict | None = None):
        self.path, self.front_matter = path, front_matter or {}

    def read_seeds(self, folders: list[Path]) -> tuple[list[Document], list[Failure]]:
        documents, failures = seeds.read_seed_files([self.path])
        if failures:
            raise ConfigError(f"gold article {self.path}: {failures[0].reason}")
        return [with_front_matter(d, self.front_matter) for d in documents], failures


def with_front_matter(document: Document, meta: dict) -> Document:
    """The document with `meta` as its front matter (a document that has its own keeps it)."""
    if not meta or document.content.lstrip().startswith(b"---"):
        return document
    header = yaml.safe_dump({k: str(v) for k, v in meta.items()}, allow_unicode=True, sort_keys=False)
    return document.model_copy(update={"content": f"---\n{header}---\n".encode() + document.content})


def evaluate(gold_path: Path, seed_dirs: list[Path] | None = None) -> Score:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read gold file {gold_path}: {exc}") from exc
    folders = [*(seed_dirs or []), gold_path.parent, gold_path.parent / "seeds",
               gold_path.parent.parent / "seeds", Path("seeds")]
    sequence = list(gold["articles"]) + [
        a["after"] for a in gold.get("alerts", []) if a["after"].startswith(RERUN_PREFIX)
    ]
    produced: list[ProducedClaim] = []
    alerts: list[ProducedAlert] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]],
                            sources=Sources(seeds=[Path(tmp)]), storage=Storage(url=f"sqlite:///{tmp}/eval.db"),
                            alerts=Alerts(console=False, outbox_dir=Path(tmp) / "outbox"))
        store = Store.open(settings.storage.url)
        start = datetime(2025, 1, 1, tzinfo=UTC)
        for step, name in enumerate(sequence):
            file_name = name.removeprefix(RERUN_PREFIX)
            path = _find(file_name, folders)
            when = start + timedelta(hours=step)
            stages = ReplayStages(path, gold.get("front_matter", {}).get(file_name))
            report, tally = pipeline.run_pass(settings, store, stages, when)
            if tally.failures:
                raise ConfigError(f"gold article {path}: {tally.failures[0].reason}")
            for d in report.developments:
                produced.append(ProducedClaim(
                    article=file_name, figure=d.figure, text=d.claim.text, label=d.label,
                    source=d.claim.attribution.source if d.claim.attribution else None,
                    story_id=d.story_id))
            for stored in report.alerts:
                alerts.append(ProducedAlert(after=name, kind=stored.alert.kind,
                                            items=[i.model_dump(mode="json") for i in stored.alert.items]))
        store.engine.dispose()
    return score(gold, produced, alerts)


def _find(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"gold article {name} not found in {', '.join(map(str, folders))}; "
                      f"pass --seeds DIR")
