"""`storywatch story ID` as a user runs it, on a store filled by a real pass over the seeds."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import text

from storywatch.flows import pipeline

from .conftest import FIRST, SECOND
from .test_cli import storywatch

NOW = datetime(2025, 11, 5, 9, tzinfo=UTC)


def test_story_shows_the_timeline_by_id_prefix_and_says_when_a_prefix_is_unknown_or_ambiguous(
        store, settings, seed_dir, project):
    for step, names in enumerate([(FIRST,), (FIRST, SECOND)]):
        run_settings = settings.model_copy(update={"sources": settings.sources.model_copy(
            update={"seeds": [seed_dir(*names, name=f"s{step}")]})})
        pipeline.run_pass(run_settings, store, now=NOW)
    [summary] = store.stories()
    db = str(store.engine.url)

    shown = json.loads(storywatch("story", summary.id[:6], "--json", "--db", db, cwd=project).stdout)
    assert shown["id"] == summary.id
    assert shown["headline"].startswith("Sergei Lavrov: Where is Sergei Lavrov?")
    first, second = shown["articles"]
    assert (first["key"], second["key"]) == (f"seed:{FIRST}", f"seed:{SECOND}")
    assert first["title"].startswith("Where is Sergei Lavrov?")
    assert {c["label"] for c in first["claims"]} <= {"new", "background"}
    labels = {c["label"] for c in second["claims"]}
    assert {"new", "update", "repeat"} <= labels
    peskov = next(c for c in second["claims"] if c["label"] == "update" and c["source"] == "Dmitry Peskov")
    assert peskov["said_by"] == "on the record, per Dmitry Peskov" and peskov["before"]
    assert [a["kind"] for a in shown["alerts"]] == ["new_story", "story_developed"]

    plain = storywatch("story", summary.id[:6], "--db", db, cwd=project).stdout
    assert plain.splitlines()[0] == summary.headline
    assert "[update]" in plain and "on the record, per Dmitry Peskov" in plain and "story_developed" in plain

    unknown = storywatch("story", "ffff0000", "--db", db, cwd=project, check=False)
    assert unknown.returncode == 1 and "no story with an id starting 'ffff0000'" in unknown.stderr
    with store.engine.begin() as c:  # a second story whose id shares the first four characters
        c.execute(text("INSERT INTO stories (id, figures, headline, first_seen, last_claim_at, created_pass) "
                       "VALUES (:id, '[\"Sergei Lavrov\"]', 'h', :now, :now, 'p')"),
                  {"id": summary.id[:4] + "0" * 12, "now": NOW})
    ambiguous = storywatch("story", summary.id[:4], "--db", db, cwd=project, check=False)
    assert ambiguous.returncode == 1 and "is ambiguous" in ambiguous.stderr and summary.id in ambiguous.stderr
