"""Replay a gold file's articles through the pipeline, one pass each, into an empty store, and score."""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storywatch.config import Settings, WatchedFigure
from storywatch.errors import ConfigError
from storywatch.storage import Store
from storywatch.stories.scoring import ProducedAlert, ProducedClaim, Score, score

from . import pipeline

RERUN_PREFIX = "rerun of "


def evaluate(gold_path: Path, seed_dirs: list[Path] | None = None) -> Score:
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read gold file {gold_path}: {exc}") from exc
    settings = Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]])
    folders = seed_dirs or [gold_path.parent, gold_path.parent / "seeds",
                            gold_path.parent.parent / "seeds", Path("seeds")]
    sequence = list(gold["articles"]) + [
        a["after"] for a in gold.get("alerts", []) if a["after"].startswith(RERUN_PREFIX)
    ]
    produced: list[ProducedClaim] = []
    alerts: list[ProducedAlert] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{tmp}/eval.db")
        now = datetime(2025, 1, 1, tzinfo=UTC)
        for step, name in enumerate(sequence):
            file_name = name.removeprefix(RERUN_PREFIX)
            path = _find(file_name, folders)
            documents, failures = pipeline.read_seed_files([path])
            articles, failures = pipeline.parse_documents(documents)
            if failures:
                raise ConfigError(f"gold article {path}: {failures[0].reason}")
            pass_id = f"eval-{step}-{uuid.uuid4().hex[:6]}"
            when = now + timedelta(hours=step)
            analysed = pipeline.analyse_articles(articles, settings)
            developed = pipeline.develop_stories(analysed, store, settings, pass_id, when, [])
            for d in developed.developments:
                produced.append(ProducedClaim(
                    article=file_name, figure=d.figure, text=d.claim.text, label=d.label,
                    source=d.claim.attribution.source if d.claim.attribution else None,
                    story_id=d.story_id))
            for alert, _ in store.alerts(pass_id=pass_id):
                alerts.append(ProducedAlert(after=name, kind=alert["kind"], items=alert["items"]))
        store.engine.dispose()
    return score(gold, produced, alerts)


def _find(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"gold article {name} not found in {', '.join(map(str, folders))}; "
                      f"pass --seeds DIR")
