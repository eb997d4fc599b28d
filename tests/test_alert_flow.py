"""Alert channels through Prefect: events per alert sent or failed, and `storywatch deliver`."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import yaml
from werkzeug import Response

pytestmark = pytest.mark.prefect


from storywatch.config import load_settings  # noqa: E402
from storywatch.flows.events import ALERT_FAILED as FAILED_EVENT  # noqa: E402
from storywatch.flows.events import ALERT_SENT as SENT_EVENT  # noqa: E402
from storywatch.flows.monitor import monitor  # noqa: E402
from storywatch.storage import Store  # noqa: E402

from .conftest import FIRST  # noqa: E402
from .test_cli import storywatch  # noqa: E402
from .test_store import run_pass  # noqa: E402


def test_a_pass_emits_an_event_per_alert_sent_or_failed(prefect_server, events, seed_dir, tmp_path,
                                                        httpserver):
    httpserver.expect_request("/ok").respond_with_data("ok")
    httpserver.expect_request("/gone").respond_with_data("gone", status=410)
    config = tmp_path / "storywatch.yaml"
    config.write_text(yaml.safe_dump({"alerts": {
        "console": False, "outbox_dir": str(tmp_path / "outbox"),
        "channels": [{"name": "ok", "type": "webhook", "url": httpserver.url_for("/ok")},
                     {"name": "gone", "type": "webhook", "url": httpserver.url_for("/gone")}]}}))
    result = monitor(config=str(config), seeds=[str(seed_dir(FIRST))], db_url=f"sqlite:///{tmp_path}/sw.db",
                     json_output=True)

    [alert] = result["alerts"]
    assert {d["channel"]: d["state"] for d in alert["deliveries"]} == {"outbox": "sent", "ok": "sent",
                                                                        "gone": "dead"}
    emitted = [e for e in events._client.events if e.event.startswith("storywatch.alert.")]
    assert {(e.event, e.payload["channel"]) for e in emitted} == {
        (SENT_EVENT, "outbox"), (SENT_EVENT, "ok"), (FAILED_EVENT, "gone")}
    assert {e.resource.id for e in emitted} == {f"storywatch.alert.{alert['key']}"}
    [failed] = [e for e in emitted if e.event == FAILED_EVENT]
    assert failed.payload["state"] == "dead" and "HTTP 410" in failed.payload["error"]
    assert any(r.id == f"storywatch.story.{alert['story_id']}" for r in failed.related)


def pass_left_its_outbox(project, settings, hook_url: str, channels: tuple[str, ...]) -> None:
    """The project's config gets a webhook channel `hook`; then a pass writes its outbox for
    `channels` and dies before delivering."""
    config = project / "config" / "storywatch.yaml"
    data = yaml.safe_load(config.read_text())
    data["alerts"]["channels"] = [{"name": "hook", "type": "webhook", "url": hook_url}]
    config.write_text(yaml.safe_dump(data))
    loaded = load_settings(config)
    store = Store.open(f"sqlite:///{project}/data/storywatch.db")
    try:
        run_pass(store, settings.model_copy(update={"alerts": loaded.alerts}), project / "seeds", "p-dead",
                 now=datetime.now(UTC), channels=channels)
    finally:
        store.engine.dispose()


def test_storywatch_deliver_sends_what_a_dead_pass_left_in_the_outbox(project, settings, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    pass_left_its_outbox(project, settings, httpserver.url_for("/hook"), ("outbox", "hook"))

    first = json.loads(storywatch("deliver", "--json", cwd=project).stdout)
    assert first["sent"] == 2 and first["failed"] == first["dead"] == 0
    again = json.loads(storywatch("deliver", "--json", cwd=project).stdout)
    assert again["attempts"] == []
    assert len(httpserver.log) == 1
    listing = storywatch("alerts", cwd=project).stdout
    assert "hook=sent" in listing and "outbox=sent" in listing


def test_dead_letters_are_sent_again_only_when_asked(project, settings, httpserver):
    fixed = {"now": False}
    httpserver.expect_request("/hook").respond_with_handler(
        lambda _r: Response("ok" if fixed["now"] else "gone", status=200 if fixed["now"] else 410))
    pass_left_its_outbox(project, settings, httpserver.url_for("/hook"), ("hook",))

    first = json.loads(storywatch("deliver", "--json", cwd=project).stdout)
    assert first["dead"] == 1 and first["requeued"] == 0  # 410: dead-lettered at once
    fixed["now"] = True  # the receiver is fixed
    assert json.loads(storywatch("deliver", "--json", cwd=project).stdout)["attempts"] == []
    assert "channel" in storywatch("deliver", "--channel", "hook", cwd=project, check=False).stderr
    other = json.loads(storywatch("deliver", "--retry-dead", "--channel", "other", "--json",
                                  cwd=project).stdout)
    assert other["requeued"] == 0 and other["attempts"] == []
    retried = json.loads(storywatch("deliver", "--retry-dead", "--channel", "hook", "--json",
                                    cwd=project).stdout)
    assert retried["requeued"] == 1 and retried["sent"] == 1 and retried["dead"] == 0
    assert [response.status_code for _, response in httpserver.log] == [410, 200]
    assert "hook=sent" in storywatch("alerts", cwd=project).stdout
