"""The `monitor` flow against a real (temporary) Prefect server: runs, tasks, artifacts, events."""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.prefect

from prefect.client.orchestration import get_client  # noqa: E402
from prefect.client.schemas.filters import FlowFilter, FlowFilterName  # noqa: E402

from storywatch.flows.events import STORY_DEVELOPED as DEVELOPED_EVENT  # noqa: E402
from storywatch.flows.monitor import monitor  # noqa: E402
from storywatch.stories.scoring import ProducedAlert, ProducedClaim, score  # noqa: E402

from .conftest import FIRST, SECOND, SEEDS  # noqa: E402


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "storywatch.yaml"
    path.write_text(yaml.safe_dump({"alerts": {"console": False, "outbox_dir": str(tmp_path / "outbox")}}))
    return str(path)


def test_a_story_starts_develops_and_then_stays_quiet(prefect_server, events, seed_dir, config, tmp_path):
    db = f"sqlite:///{tmp_path}/sw.db"
    first = monitor(config=config, seeds=[str(seed_dir(FIRST, name="a"))], db_url=db, json_output=True)
    second = monitor(config=config, seeds=[str(seed_dir(FIRST, SECOND, name="b"))], db_url=db,
                     json_output=True)
    third = monitor(config=config, seeds=[str(seed_dir(FIRST, SECOND, name="b"))], db_url=db,
                    json_output=True)

    assert [a["kind"] for a in first["alerts"]] == ["new_story"]
    assert first["alerts"][0]["headline"].startswith("Sergei Lavrov")
    assert [a["kind"] for a in second["alerts"]] == ["story_developed"]
    assert second["articles"] == {"ingested": 1, "duplicates": 1, "failed": []}
    assert third["developments"] == [] and third["alerts"] == []
    assert {d["state"] for a in first["alerts"] for d in a["deliveries"]} == {"sent"}
    assert list((tmp_path / "outbox").glob("*.json"))

    emitted = [e for e in events._client.events if e.event == DEVELOPED_EVENT]
    story = first["alerts"][0]["story_id"]
    assert [e.resource.id for e in emitted] == [f"storywatch.story.{story}"] * 2
    headline = second["alerts"][0]["headline"]
    assert headline.startswith("Sergei Lavrov: ") and "Story " not in headline
    assert emitted[-1].resource["storywatch.headline"] == headline
    assert emitted[-1].resource["storywatch.figure"] == "Sergei Lavrov"
    # beside the flow and flow run Prefect relates on its own
    assert ("storywatch.figure.sergei-lavrov", "figure") in [(r.id, r.role) for r in emitted[-1].related]

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["monitor"])))
        # this test's three runs (each is named after its pass): other tests' runs may have failed
        mine = [r for r in runs if any(p["pass_id"] in r.name for p in (first, second, third))]
        assert len(mine) == 3 and all(r.state.is_completed() for r in mine)
        tasks = {t.name.rsplit("-", 1)[0] for t in client.read_task_runs()}
        assert {"read-seeds", "prepare-articles", "store-articles",
                "deliver-alerts"} <= tasks
        artifacts = client.read_artifacts()
        keys = {a.key for a in artifacts}
        assert f"story-{story}" in keys and "claims" in keys
        [artifact] = [a for a in artifacts if a.key == f"story-{story}" and second["pass_id"] in str(a.data)]
        assert artifact.description == headline  # titled by figure and headline, not "Story <id>"
        assert str(artifact.data).startswith("# Sergei Lavrov: ") and "## Timeline" in str(artifact.data)
        assert "**update**" in str(artifact.data) and "on the record, per Dmitry Peskov" in str(artifact.data)


def test_a_replay_through_the_flow_gives_the_gold_labels(prefect_server, gold, seed_dir, config, tmp_path):
    """The seeds through `monitor`, one pass per article, score as `storywatch eval` does."""
    db = f"sqlite:///{tmp_path}/replay.db"
    produced, alerts = [], []
    for step, names in enumerate([(FIRST,), (FIRST, SECOND)]):
        result = monitor(config=config, seeds=[str(seed_dir(*names, name=f"r{step}"))], db_url=db,
                         json_output=True)
        after = names[-1]
        for d in result["developments"]:
            source = d["claim"]["attribution"]["source"] if d["claim"]["attribution"] else None
            produced.append(ProducedClaim(after, d["figure"], d["claim"]["text"], d["label"], source,
                                          d["story_id"]))
        alerts += [ProducedAlert(after, a["kind"], a["items"]) for a in result["alerts"]]
    seeds_gold = dict(gold, alerts=[a for a in gold["alerts"] if not a["after"].startswith("rerun")])
    result = score(seeds_gold, produced, alerts)
    assert result.recall == 1.0 and result.label_accuracy >= 0.95, result.details
    assert result.stories_ok and result.alerts_ok, result.details


def test_bad_seed_files_are_listed_and_the_rest_processed(prefect_server, tmp_path, config):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / FIRST).write_bytes((SEEDS / FIRST).read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 100)
    (folder / "latin1.txt").write_bytes("Lavrov a dit ça à Moscou, très calmement.".encode("latin-1"))
    (folder / "big.txt").write_bytes(b"word " * 1_100_000)
    (folder / "broken.txt").write_text("---\ntitle: [oops\n---\nLavrov said something long enough.")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = monitor(config=config, seeds=[str(folder)], db_url=f"sqlite:///{tmp_path}/b.db",
                     json_output=True)
    reasons = {f["source"].rsplit("/", 1)[-1]: f["reason"] for f in result["articles"]["failed"]}
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "big.txt", "broken.txt", "notes.pdf"}
    assert "UTF-8" in reasons["latin1.txt"] and "too large" in reasons["big.txt"]
    assert result["articles"]["ingested"] == 1
    assert [a["kind"] for a in result["alerts"]] == ["new_story"]


def test_real_coverage_through_the_flow_scores_as_eval_does(prefect_server, tmp_path):
    """A development set of real coverage (ten articles, four stories), one `monitor` pass per
    article as a schedule would run them, scores exactly as `storywatch eval` replays it: the
    held-out stories are checked through the flow, and eval must not be a second code path."""
    import json

    from storywatch.flows.evaluate import evaluate, with_front_matter
    from storywatch.flows.seeds import read_seed_files

    from .conftest import SHARED_EVAL

    gold_path = SHARED_EVAL / "stories" / "wasserman-schultz.gold.json"
    articles = SHARED_EVAL / "polnear" / "train" / "text"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    config = tmp_path / "storywatch.yaml"
    config.write_text(yaml.safe_dump({"watchlist": gold["watchlist"],
                                      "alerts": {"console": False, "outbox_dir": str(tmp_path / "outbox")}}))
    db = f"sqlite:///{tmp_path}/real.db"
    produced, alerts = [], []
    for step, name in enumerate(gold["articles"]):
        [document], _ = read_seed_files([articles / name])
        folder = tmp_path / f"pass{step}"
        folder.mkdir()
        (folder / name).write_bytes(with_front_matter(document, gold["front_matter"][name]).content)
        result = monitor(config=str(config), seeds=[str(folder)], db_url=db, json_output=True)
        for d in result["developments"]:
            source = d["claim"]["attribution"]["source"] if d["claim"]["attribution"] else None
            produced.append(ProducedClaim(name, d["figure"], d["claim"]["text"], d["label"], source,
                                          d["story_id"]))
        alerts += [ProducedAlert(name, a["kind"], a["items"]) for a in result["alerts"]]
    scored = score(dict(gold, alerts=[a for a in gold["alerts"] if not a["after"].startswith("rerun")]),
                   produced, alerts)
    replayed = evaluate(gold_path, [articles])
    assert scored.counts.produced == replayed.counts.produced > 0
    assert scored.details["wrong_labels"] == replayed.details["wrong_labels"]
    assert scored.details["wrong_sources"] == replayed.details["wrong_sources"]
    assert scored.details["stories"] == replayed.details["stories"]
    reruns = sum(a["after"].startswith("rerun") for a in gold["alerts"])
    assert scored.counts.alerts_met == replayed.counts.alerts_met - reruns
