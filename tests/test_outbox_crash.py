"""A process killed between the outbox write and delivery loses nothing and sends nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from storywatch.flows.report import alert_json
from storywatch.storage import Outbox

from .alert_servers import wait_for
from .conftest import FIRST
from .test_alert_channels import deliver, states, webhook_channel, with_channels
from .test_store import run_pass

NOW = datetime(2025, 11, 5, 12, tzinfo=UTC)

WRITER = """
import json, sys
from datetime import datetime
from pathlib import Path
from storywatch.flows import pipeline
from storywatch.storage import Store
from storywatch.config import Settings


class KilledBeforeDelivery(pipeline.Stages):
    def deliver(self, store, settings, now, json_output):
        Path(sys.argv[4]).write_text("outbox written")
        sys.stdin.read()  # the delivery never happens: the test kills us here


settings = Settings.model_validate(json.loads(Path(sys.argv[1]).read_text()))
store = Store.open(sys.argv[2])
pipeline.run_pass(settings, store, KilledBeforeDelivery(), datetime.fromisoformat(sys.argv[3]),
                  pass_id="p-killed")
"""


def test_sigkill_after_the_outbox_write_then_the_next_pass_delivers_once(
        store, settings, seed_dir, tmp_path, httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    folder = seed_dir(FIRST)
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None))
    sources = settings.sources.model_copy(update={"seeds": [folder]})
    settings = settings.model_copy(update={"sources": sources})
    config = tmp_path / "settings.json"
    config.write_text(settings.model_dump_json(by_alias=True))
    marker = tmp_path / "written"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(config), str(store.engine.url), NOW.isoformat(), str(marker)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: marker.exists() or writer.poll() is not None, what="the outbox write")
        assert writer.poll() is None, writer.stderr.read().decode()[-2000:]
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.stdin.close()
        writer.stderr.close()
    assert httpserver.log == []
    assert states(store) == {"outbox": ["pending"], "hook": ["pending"]}

    later = NOW + timedelta(minutes=1)
    again = run_pass(store, settings, folder, "p-next", now=later, channels=("outbox", "hook"))
    assert again.ingested == 0 and again.duplicates == 1  # the killed pass's write stands
    assert sorted((a.channel, a.state) for a in deliver(store, settings, later)) == [
        ("hook", "sent"), ("outbox", "sent")]
    assert deliver(store, settings, later + timedelta(days=1)) == []
    [(request, _)] = httpserver.log
    [alert] = [s.alert for s in store.alerts()]
    assert request.headers["webhook-id"] == alert.key and alert.key.endswith(":p-killed")


def test_a_claimed_delivery_is_not_sent_twice_and_a_dead_claim_expires(store, settings, seed_dir, tmp_path,
                                                                       httpserver):
    httpserver.expect_request("/hook").respond_with_data("ok")
    settings = with_channels(settings, tmp_path, webhook_channel(httpserver, secret_env=None))
    run_pass(store, settings, seed_dir(FIRST), "p1", channels=("hook",))
    outbox = Outbox(store.engine)
    [due] = outbox.due(NOW)
    assert outbox.claim([due.delivery_id], NOW, holder="worker-3 pid 4242") == {due.delivery_id}
    assert outbox.claim([due.delivery_id], NOW) == set()  # a second deliverer gets nothing
    # the claimer dies before sending: nothing goes out while its lease holds, then once
    assert deliver(store, settings, NOW + timedelta(minutes=1)) == []
    # and `storywatch alerts` says whose claim it waits on, then that the claim ran out
    [stored] = store.alerts()
    waiting = alert_json(stored, NOW + timedelta(minutes=1))["deliveries"][0]["waiting"]
    assert waiting["on"] == "lease" and not waiting["due"]
    assert waiting["why"].startswith("claimed by worker-3 pid 4242 until 2025-11-05 12:05:00 UTC")
    waiting = alert_json(stored, NOW + timedelta(minutes=6))["deliveries"][0]["waiting"]
    assert waiting["due"] and waiting["why"].startswith(
        "due: the claim of worker-3 pid 4242 ran out at 2025-11-05 12:05:00 UTC with no outcome recorded")
    assert [a.state for a in deliver(store, settings, NOW + timedelta(minutes=6))] == ["sent"]
    assert deliver(store, settings, NOW + timedelta(hours=1)) == []
    assert len(httpserver.log) == 1
