"""`storywatch server` and `storywatch serve`: scheduled passes, as a user runs them, seen through the API."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from storywatch.config import Settings
from storywatch.flows.deployments import build_deployments
from storywatch.flows.local_server import BATCH_SETTINGS, server_environment

from .conftest import ROOT
from .test_postgres import pg_url  # noqa: F401 - the fresh PostgreSQL database fixture


def prefect_call(method: str, url: str, deadline: float = 60, **kwargs) -> httpx.Response:
    """A call to the Prefect API, retried while the server answers 503 (its "busy, try again",
    e.g. when its SQLite database is locked), as Prefect's own client does; with a deadline."""
    end = time.monotonic() + deadline
    while True:
        response = httpx.request(method, url, timeout=10, **kwargs)
        if response.status_code != 503 or time.monotonic() > end:
            return response.raise_for_status()
        time.sleep(0.25)


def test_monitor_is_deployed_on_the_configured_cron_in_its_time_zone_with_editable_parameters():
    settings = Settings.model_validate({"schedule": {"cron": "*/15 * * * *", "timezone": "Europe/London"}})
    [monitor, *others] = build_deployments(settings, "cfg.yaml", ["seeds"], None)
    [schedule] = monitor.schedules
    assert schedule.schedule.cron == "*/15 * * * *" and schedule.schedule.timezone == "Europe/London"
    assert monitor.parameters == {"config": "cfg.yaml", "seeds": ["seeds"]}
    assert "storywatch" in monitor.tags and monitor.entrypoint == "storywatch.flows.monitor.monitor"
    assert all(d.name == "storywatch" for d in others)


def test_interval_on_the_command_line_replaces_the_configured_schedule():
    settings = Settings.model_validate({"schedule": {"cron": "0 * * * *"}})
    [schedule] = build_deployments(settings, None, None, None, interval=7)[0].schedules
    assert schedule.schedule.interval.total_seconds() == 7


def test_deliver_and_digest_are_served_every_minute_and_per_config_only_when_their_flows_exist(monkeypatch):
    import types

    from prefect import flow

    settings = Settings.model_validate({"digest_schedule": {"cron": "30 7 * * 1-5",
                                                            "timezone": "Asia/Tokyo"}})
    monkeypatch.setitem(sys.modules, "storywatch.flows.outbox_flows", None)  # as if not installed
    entrypoints = [d.entrypoint for d in build_deployments(settings, None, None, None)]
    assert entrypoints == ["storywatch.flows.monitor.monitor"]

    @flow(name="deliver")
    def deliver(config: str | None = None, db_url: str | None = None):
        return None

    @flow(name="digest")
    def digest(config: str | None = None):
        return None

    fake = types.ModuleType("storywatch.flows.outbox_flows")
    fake.deliver, fake.digest = deliver, digest
    monkeypatch.setitem(sys.modules, "storywatch.flows.outbox_flows", fake)
    _monitor, served_deliver, served_digest = build_deployments(settings, "c.yaml", ["s"], "sqlite:///x.db")
    assert served_deliver.schedules[0].schedule.interval.total_seconds() == 60
    assert served_deliver.parameters == {"config": "c.yaml", "db_url": "sqlite:///x.db"}  # what it accepts
    assert served_digest.schedules[0].schedule.cron == "30 7 * * 1-5"
    assert served_digest.schedules[0].schedule.timezone == "Asia/Tokyo"


@pytest.mark.parametrize("schedule, reason", [
    ({}, "either cron or interval"), ({"cron": "* * *"}, "five fields"),
    ({"interval": 60, "cron": "* * * * *"}, "either cron or interval"),
    ({"cron": "0 8 * * *", "timezone": "Europe/Londres"}, "unknown time zone"),
    ({"interval": 0}, "greater than 0"),
])
def test_a_bad_schedule_in_the_config_is_refused_with_its_reason(tmp_path, schedule, reason):
    import yaml

    from storywatch.config import load_settings
    from storywatch.errors import ConfigError

    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"schedule": schedule}))
    with pytest.raises(ConfigError, match=reason):
        load_settings(path)


def test_server_environment_matches_the_port_keeps_telemetry_off_and_the_users_choices():
    env = server_environment("0.0.0.0", 4321, {"PREFECT_API_URL": "http://elsewhere/api",
                                               "PREFECT_SERVER_ANALYTICS_ENABLED": "true"})
    assert env["PREFECT_API_URL"] == env["PREFECT_UI_API_URL"] == "http://127.0.0.1:4321/api"
    assert env["DO_NOT_TRACK"] == "1"
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"  # the user's choice stands
    assert all(env[k] == v for k, v in BATCH_SETTINGS.items())


# --- a real server and `storywatch serve` ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(check, deadline: float, what: str, proc=None, log=None):
    """Call check() until it returns something truthy, or fail at the deadline (no fixed sleeps)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"process exited with {proc.returncode} while waiting for {what}:\n"
                        f"{log.read_text()[-3000:] if log else ''}")
        result = check()
        if result:
            return result
        time.sleep(0.5)  # the polling period, not a wait for something to happen
    pytest.fail(f"no {what} within {deadline:.0f} s:\n{log.read_text()[-3000:] if log else ''}")


def clean_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "STORYWATCH_"))}
    env.update(DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_HOME=str(tmp_path / "prefect-home"))
    return env


@pytest.fixture
def prefect_api(tmp_path):
    """`storywatch server` on a free loopback port, stopped afterwards: its API URL."""
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "storywatch.flows.cli", "server", "--port", str(port)],
                                cwd=tmp_path, env=clean_env(tmp_path), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api"

    def healthy():
        try:
            return httpx.get(f"{url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        poll(healthy, 120, "healthy Prefect server", proc, log)
        assert f"Prefect UI: http://127.0.0.1:{port}" in log.read_text()
        yield url
    finally:
        stop(proc, 30)


def stop(process: subprocess.Popen, timeout: float) -> None:
    """Terminate a process we started; kill it if it has not stopped within `timeout`."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def completed_monitor_runs(api: str) -> list[dict]:
    response = prefect_call("POST", f"{api}/flow_runs/filter", json={
        "flows": {"name": {"any_": ["monitor"]}},
        "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
        "sort": "EXPECTED_START_TIME_ASC",
    })
    response.raise_for_status()
    return response.json()


def run_logs(api: str, run_id: str) -> list[str]:
    response = prefect_call("POST", f"{api}/logs/filter",
                            json={"logs": {"flow_run_id": {"any_": [run_id]}}})
    response.raise_for_status()
    return [entry["message"] for entry in response.json()]


def two_passes_logged(api: str) -> list[dict] | None:
    """Two completed monitor runs, the second's storywatch count line already shipped to the API
    (a run's logs arrive shortly after its state, so this is polled too)."""
    runs = completed_monitor_runs(api)
    if len(runs) >= 2 and any("0 developments" in m for m in run_logs(api, runs[1]["id"])):
        return runs
    return None


@pytest.mark.prefect
def test_serve_runs_monitor_on_its_interval_and_stops_cleanly_on_ctrl_c(prefect_api, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "config", project / "config")
    env = clean_env(tmp_path) | {"PREFECT_API_URL": prefect_api}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "storywatch.flows.cli", "serve", "--interval", "5"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        runs = poll(lambda: two_passes_logged(prefect_api), 240, "two completed, logged monitor runs",
                    proc, log)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"serve did not stop on SIGINT:\n{log.read_text()[-3000:]}")
    assert code == 0, log.read_text()[-3000:]
    assert "Pausing all deployments" in log.read_text()

    first, second = runs[0], runs[1]
    assert "storywatch" in first["tags"] and "monitor" in first["tags"]
    assert " developments in 1 story " in first["name"], first["name"]  # named for what it did
    assert second["name"].startswith("nothing new"), second["name"]

    artifacts = prefect_call("POST", f"{prefect_api}/artifacts/filter", json={
        "artifacts": {"flow_run_id": {"any_": [first["id"], second["id"]]}}}).json()
    by_run = {run["id"]: {a["key"] for a in artifacts if a["flow_run_id"] == run["id"]} for run in runs[:2]}
    assert any(k.startswith("story-") for k in by_run[first["id"]]) and "claims" in by_run[first["id"]]
    assert not any(k.startswith("story-") for k in by_run[second["id"]])  # nothing developed

    def developed_events():
        response = prefect_call("POST", f"{prefect_api}/events/filter", json={
            "filter": {"event": {"name": ["storywatch.story.developed"]}}, "limit": 50})
        response.raise_for_status()
        return response.json()["events"]

    [event] = poll(developed_events, 60, "a storywatch.story.developed event")
    story = next(k for k in by_run[first["id"]] if k.startswith("story-")).removeprefix("story-")
    assert event["resource"]["prefect.resource.id"] == f"storywatch.story.{story}"


def test_a_failed_feed_is_an_event_with_the_feed_as_resource_and_runs_are_named_for_what_they_did(
        monkeypatch):
    from storywatch.flows import events, monitor
    from storywatch.flows.report import run_name
    from storywatch.records import Failure, PassReport

    emitted = []
    monkeypatch.setattr(events, "emit_event", lambda **kw: emitted.append(kw))
    url = "https://feeds.example.org/world.xml"
    result = PassReport(pass_id="p1", failed=(Failure(source=url, reason="HTTP 503"),
                                              Failure(source="https://example.org/page", reason="timeout")))
    monitor.publish(result, {url: "World"})
    [event] = emitted
    assert event["event"] == "storywatch.feed.failed"
    assert event["resource"]["prefect.resource.id"] == events.feed_resource_id(url)
    assert event["resource"]["prefect.resource.name"] == "World"
    assert event["resource"]["storywatch.feed.url"] == url and event["payload"]["reason"] == "HTTP 503"
    assert run_name(result) == "nothing new, 2 failed (p1)"


def test_automations_need_a_server_that_stays_up(tmp_path):
    result = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", "automations", "install",
                             "--webhook-url", "http://127.0.0.1:9/hook"],
                            cwd=tmp_path, env=clean_env(tmp_path), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "PREFECT_API_URL" in result.stderr


EMIT_FEED_FAILURES = """
import sys
from prefect.events import emit_event
from prefect.events.clients import get_events_client
from storywatch.flows.events import FEED_FAILED as FEED_FAILED_EVENT
from storywatch.flows.events import feed_resource_id
url = sys.argv[1]
for attempt in range(3):
    emit_event(event=FEED_FAILED_EVENT, payload={"reason": f"HTTP 503 ({attempt})"},
               resource={"prefect.resource.id": feed_resource_id(url), "prefect.resource.name": "World",
                         "storywatch.feed.url": url})
from prefect.events.worker import EventsWorker
EventsWorker.drain_all()
"""


@pytest.mark.prefect
def test_automations_install_notifies_the_ops_channel_and_reinstalling_replaces_them(
        prefect_api, tmp_path, httpserver):
    httpserver.expect_request("/ops", method="POST").respond_with_data("ok")
    env = clean_env(tmp_path) | {"PREFECT_API_URL": prefect_api}
    command = [sys.executable, "-m", "storywatch.flows.cli", "automations", "install",
               "--webhook-url", httpserver.url_for("/ops")]
    for _ in range(2):
        result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
    automations = prefect_call("POST", f"{prefect_api}/automations/filter", json={}).json()
    by_name = {a["name"]: a for a in automations}
    assert len(automations) == len(by_name) == 3  # the second install replaced the first
    feed = by_name["storywatch: feed failing"]
    assert feed["trigger"]["expect"] == ["storywatch.feed.failed"] and feed["trigger"]["threshold"] == 3
    assert feed["trigger"]["for_each"] == ["prefect.resource.id"]
    [action] = feed["actions"]
    assert action["type"] == "send-notification"
    block = prefect_call("GET", f"{prefect_api}/block_documents/{action['block_document_id']}").json()
    assert block["name"] == "storywatch-ops"

    # A feed failing three times in a row reaches the ops channel, naming the feed.
    url = "https://feeds.example.org/world.xml"
    emitted = subprocess.run([sys.executable, "-c", EMIT_FEED_FAILURES, url], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert emitted.returncode == 0, emitted.stderr[-3000:]
    [(request, _response)] = poll(lambda: httpserver.log, 120, "a notification on the ops webhook")
    notification = request.get_json()
    assert "World keeps failing" in notification["subject"] and url in notification["body"]


@pytest.mark.prefect
@pytest.mark.postgres
def test_a_worker_on_a_work_pool_runs_monitor_with_storage_on_postgresql(
        prefect_api, pg_url, tmp_path):  # noqa: F811 - the fixture imported above
    from storywatch.storage import Store

    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "config", project / "config")
    env = clean_env(tmp_path) | {"PREFECT_API_URL": prefect_api}
    deployed = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", "deploy", "--pool", "sw-test",
                               "--db", pg_url, "--interval", "86400"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert "deployed monitor/storywatch on work pool 'sw-test'" in deployed.stdout
    deployment = prefect_call("GET", f"{prefect_api}/deployments/name/monitor/storywatch").json()
    assert deployment["work_pool_name"] == "sw-test" and deployment["parameters"]["db_url"] == pg_url
    prefect_call("POST", f"{prefect_api}/deployments/{deployment['id']}/create_flow_run", json={})

    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen([sys.executable, "-m", "prefect", "worker", "start", "--pool", "sw-test"],
                                  cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        [run, *_] = poll(lambda: completed_monitor_runs(prefect_api), 240, "a monitor run by the worker",
                         worker, log)
    finally:
        stop(worker, 60)
    assert " developments in 1 story " in run["name"]
    store = Store.open(pg_url)
    try:
        [story] = store.stories()
        assert story.articles == 2
    finally:
        store.engine.dispose()
