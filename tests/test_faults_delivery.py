"""The fault suite for delivery (issue 17): receivers that are slow or refuse, and a pass killed
halfway, each against the README promise it checks ("Reliability promises"). Real servers on
127.0.0.1, real `storywatch` processes; time is injected where a wait would be minutes long.

Promises held elsewhere are not tested twice here: a kill between the outbox write and delivery
(tests/test_outbox_crash.py), 500 then 200 delivered once and a 429's Retry-After honoured
(tests/test_alert_channels.py), a slow send's claim renewed against a second deliverer in process
(tests/test_store.py), a trickling server held to the whole-request deadline
(tests/test_faults_trickle.py).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import yaml
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from storywatch.config import load_settings
from storywatch.flows import delivery
from storywatch.flows.cli import main
from storywatch.storage import LEASE, Store

from .alert_servers import free_port, wait_for
from .conftest import FIRST
from .test_alert_channels import states, webhook_channel, with_channels
from .test_cli import storywatch
from .test_store import run_pass


@pytest.fixture
def receiver():
    """A webhook receiver on loopback that answers each request in its own thread, so a request it
    holds does not hide a second one."""
    server = HTTPServer(host="127.0.0.1", port=free_port(), threaded=True)
    server.start()
    yield server
    server.stop()


def alerts_json(db_url: str) -> list[dict]:
    """`storywatch alerts --json`, as of now."""
    result = CliRunner().invoke(main, ["alerts", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def hook_delivery(db_url: str) -> dict:
    [alert] = alerts_json(db_url)
    [hook] = [d for d in alert["deliveries"] if d["channel"] == "hook"]
    return hook


def holding(receiver) -> tuple[threading.Event, threading.Event]:
    """The webhook receiver holds each request at /hook until `release` is set (a minute at most);
    `arrived` is set when one comes in."""
    arrived, release = threading.Event(), threading.Event()

    def hold(_request: Request) -> Response:
        arrived.set()
        release.wait(60)
        return Response("ok")

    receiver.expect_request("/hook").respond_with_handler(hold)
    return arrived, release


def alerts_table(db_url: str) -> str:
    result = CliRunner().invoke(main, ["alerts", "--db", db_url])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_receiver_slower_than_the_lease_gets_the_alert_once(store, settings, seed_dir, tmp_path, receiver):
    """Promise: two `deliver` runs never send the same alert twice, however slow the receiver (the
    claim's lease is renewed while the send goes on); `storywatch alerts` says who holds the claim
    and until when. A webhook receiver holds the request for three leases."""
    arrived, release = holding(receiver)
    hook = webhook_channel(receiver, secret_env=None)
    settings = with_channels(settings, tmp_path, hook)
    now = datetime.now(UTC)
    run_pass(store, settings, seed_dir(FIRST), "p1", now=now, channels=("hook",))
    channels, policies = delivery.build_channels(settings)
    lease = timedelta(seconds=3)
    # the deliverer's clock starts now, as a process's does: the claim is stamped in real time
    first = threading.Thread(target=delivery.deliver_due,
                             args=(store, channels, policies, datetime.now(UTC), 4), kwargs={"lease": lease})
    first.start()
    try:
        wait_for(arrived.is_set, what="the receiver to get the alert")
        claimed_at = time.monotonic()
        wait_for(lambda: time.monotonic() > claimed_at + 2 * lease.total_seconds(), timeout=60,
                 what="two leases to pass while the receiver holds the send")
        # a second deliverer, past the first lease's end: the claim was renewed, nothing is due
        assert delivery.deliver_due(store, channels, policies, datetime.now(UTC), 4, lease=lease) == []
        db_url = str(store.engine.url)
        waiting = hook_delivery(db_url)["waiting"]
        assert waiting["on"] == "lease" and not waiting["due"]
        holder = f"{socket.gethostname()} pid {os.getpid()}"
        assert f"hook: pending: claimed by {holder} until" in alerts_table(db_url)
    finally:
        release.set()
        first.join(60)
    assert not first.is_alive()
    assert len(receiver.log) == 1 and states(store) == {"hook": ["sent"]}
    assert hook_delivery(str(store.engine.url))["waiting"] is None
    assert delivery.deliver_due(store, channels, policies, datetime.now(UTC) + timedelta(days=1), 4) == []
    assert len(receiver.log) == 1


def test_a_refusing_receiver_loses_nothing_and_alerts_says_why_it_waits(store, settings, seed_dir,
                                                                       tmp_path):
    """Promise: a channel that is down loses nothing: a failure is retried with backoff, or after
    the receiver's Retry-After when it asks for longer, and the alert goes out once when the
    receiver is back; `storywatch alerts` says why and until when it waits, with the error. The
    receiver first refuses the connection (nothing listens), then answers 503 with Retry-After:
    600, then 200."""
    port = free_port()
    hook = {"name": "hook", "type": "webhook", "url": f"http://127.0.0.1:{port}/hook"}
    settings = with_channels(settings, tmp_path, hook)
    run_pass(store, settings, seed_dir(FIRST), "p1", now=datetime.now(UTC), channels=("hook",))
    channels, policies = delivery.build_channels(settings)
    db_url = str(store.engine.url)
    now = datetime.now(UTC)  # `storywatch alerts` reads the real clock: the attempts start from it

    def deliver(at: datetime) -> list[str]:
        return [a.state for a in delivery.deliver_due(store, channels, policies, at, 4)]

    assert deliver(now) == ["failed"]  # connection refused
    waiting = hook_delivery(db_url)["waiting"]
    assert waiting["on"] == "backoff" and not waiting["due"]
    assert "backing off; attempt 1 failed: webhook" in waiting["why"] and "refused" in waiting["why"]
    assert datetime.fromisoformat(waiting["until"]) - now < timedelta(seconds=60)

    server = HTTPServer(host="127.0.0.1", port=port, threaded=True)
    server.expect_ordered_request("/hook").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "600"}))
    server.expect_ordered_request("/hook").respond_with_data("ok")
    server.start()
    try:
        assert deliver(now + timedelta(seconds=40)) == ["failed"]  # after the backoff: 503
        waiting = hook_delivery(db_url)["waiting"]
        assert waiting["on"] == "retry_after" and not waiting["due"]
        assert datetime.fromisoformat(waiting["until"]) >= now + timedelta(seconds=640)
        assert "as the receiver's Retry-After asked; attempt 2 failed" in waiting["why"]
        assert "HTTP 503: busy" in alerts_table(db_url)
        assert deliver(now + timedelta(minutes=5)) == []  # the receiver asked for ten minutes
        assert deliver(now + timedelta(minutes=11)) == ["sent"]
        assert deliver(now + timedelta(days=1)) == []
        keys = [request.headers["webhook-id"] for request, _ in server.log]
    finally:
        server.stop()
    [alert] = alerts_json(db_url)
    assert keys == [alert["key"]] * 2  # one alert, the same key on every attempt, 200 once
    assert states(store) == {"hook": ["sent"]}


@pytest.mark.prefect
def test_a_run_killed_mid_pass_loses_no_alert_and_sends_none_twice(project, receiver):
    """Promise: a pass killed at any point loses nothing and duplicates nothing; a delivery its
    process had claimed is sent again with the same idempotency key once the lease runs out, and
    `storywatch alerts` says which process holds it until then. A `storywatch run` is SIGKILLed
    while the webhook receiver holds its alert (the project's Prefect server, in a session of its
    own, stays up); the rerun stores nothing new and leaves the dead process's claim alone."""
    arrived, release = holding(receiver)
    config = project / "config" / "storywatch.yaml"
    data = yaml.safe_load(config.read_text())
    data["alerts"]["channels"] = [{"name": "hook", "type": "webhook", "url": receiver.url_for("/hook")}]
    config.write_text(yaml.safe_dump(data))
    db_url = f"sqlite:///{project}/data/storywatch.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "STORYWATCH_"))}
    with open(project / "killed.err", "w") as stderr:
        # its own process group: the kill takes the pass and whatever it started in that group
        killed = subprocess.Popen([sys.executable, "-m", "storywatch.flows.cli", "run"], cwd=project,
                                  env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        try:
            wait_for(lambda: arrived.is_set() or killed.poll() is not None, timeout=300,
                     what="the pass to reach the receiver")
            assert killed.poll() is None, (project / "killed.err").read_text()[-3000:]
            os.killpg(killed.pid, signal.SIGKILL)
            assert killed.wait(timeout=60) == -signal.SIGKILL
        finally:
            release.set()
            if killed.poll() is None:
                os.killpg(killed.pid, signal.SIGKILL)
                killed.wait()
    wait_for(lambda: len(receiver.log) == 1, what="the held request to be answered")

    hook = hook_delivery(db_url)
    assert hook["state"] == "pending" and hook["waiting"]["on"] == "lease"
    assert hook["claimed_by"].endswith(f" pid {killed.pid}") and not hook["waiting"]["due"]
    assert f"claimed by {hook['claimed_by']} until" in alerts_table(db_url)

    again = json.loads(storywatch("run", "--json", cwd=project).stdout)
    assert again["articles"]["ingested"] == 0 and again["articles"]["duplicates"] == 2
    assert again["alerts"] == [] and len(receiver.log) == 1  # the dead claim holds until its lease ends

    settings = load_settings(config)
    channels, policies = delivery.build_channels(settings)
    store = Store.open(db_url)
    try:
        after_lease = datetime.now(UTC) + LEASE + timedelta(seconds=1)
        sent = delivery.deliver_due(store, channels, policies, after_lease, settings.alerts.max_attempts)
        assert [(a.channel, a.state) for a in sent] == [("hook", "sent")]
        assert delivery.deliver_due(store, channels, policies, after_lease + timedelta(days=1),
                                    settings.alerts.max_attempts) == []
        [stored] = store.alerts()
        assert {d.channel: d.state for d in stored.deliveries} == {"console": "sent", "outbox": "sent",
                                                                    "hook": "sent"}
    finally:
        store.engine.dispose()
    keys = [request.headers["webhook-id"] for request, _ in receiver.log]
    assert keys == [stored.alert.key] * 2  # one alert; the retry carries the same idempotency key
