"""`storywatch run` as a user runs it: its INFO lines in the run's Logs tab, and the project's local
Prefect server, found again by the next run, stopped on request or when idle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from storywatch.flows.local_server import LOG_FILE, STATE_FILE, _alive, _read_state, find_server

COUNTS = "documents, {ingested} ingested"


def storywatch(*args, cwd, env=None, check=True):
    """The CLI as a subprocess, with no Prefect or storywatch settings but those given."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "STORYWATCH_"))}
    result = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", *args], cwd=cwd,
                            env={**clean, **(env or {})}, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def poll(check, deadline: float, what: str):
    """check() until it returns something truthy, or fail at the deadline (no fixed sleeps)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        result = check()
        if result:
            return result
        time.sleep(0.2)  # the polling period, not a wait for something to happen
    pytest.fail(f"no {what} within {deadline:.0f} s")


def run_logs(api_url: str, pass_id: str) -> list[str]:
    """The log lines of the monitor run of this pass (runs are named after their pass), read
    through the Prefect client from the server at api_url."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, LogFilter, LogFilterFlowRunId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["monitor"])))
        [run] = [r for r in runs if pass_id in r.name]
        assert run.state is not None and run.state.is_completed()
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
        return [log.message for log in logs]


@pytest.mark.prefect
def test_the_counts_line_reaches_the_runs_logs_and_the_terminal_stays_quiet(prefect_server, project):
    """`storywatch run` used to set Prefect's level to WARNING: "This run didn't generate logs"."""
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    result = storywatch("run", "--json", cwd=project, env={"PREFECT_API_URL": api})
    report = json.loads(result.stdout)
    assert report["articles"]["ingested"] == 2
    lines = poll(lambda: [m for m in run_logs(api, report["pass_id"])
                          if m.startswith(f"pass {report['pass_id']}:")], 30, "counts line in the run's logs")
    assert COUNTS.format(ingested=2) in lines[0] and "26 developments, 1 alerts" in lines[0]
    assert " | INFO " not in result.stderr  # INFO goes to the UI, not the terminal


@pytest.mark.prefect
def test_run_starts_the_projects_server_once_the_next_run_reuses_it_and_stop_stops_it(project):
    home = project / "data" / "prefect"
    try:
        first = storywatch("run", "--json", cwd=project)
        state = _read_state(home)
        assert state is not None and state.idle_minutes == 30 and _alive(state.pid)
        assert f"UI at {state.ui_url}" in first.stderr and "storywatch server --stop" in first.stderr
        second = storywatch("run", "--json", cwd=project)
        assert "Started" not in second.stderr and _read_state(home) == state  # the same server
        report = json.loads(second.stdout)
        assert report["articles"]["duplicates"] == 2
        # the run is a flow run of that server, with its counts in its logs, for its UI to show
        assert any(m.startswith(f"pass {report['pass_id']}:") and COUNTS.format(ingested=0) in m
                   for m in poll(lambda: run_logs(state.api_url, report["pass_id"]), 30, "logs"))
        stopped = storywatch("server", "--stop", cwd=project)
        assert f"stopped the Prefect server at {state.ui_url} (pid {state.pid})" in stopped.stdout
        assert not _alive(state.pid) and not (home / STATE_FILE).exists()
        again = storywatch("server", "--stop", cwd=project)
        assert "no Prefect server of this project is running" in again.stdout
    finally:
        storywatch("server", "--stop", cwd=project, check=False)


@pytest.mark.prefect
def test_the_background_server_stops_itself_when_idle(project):
    home = project / "data" / "prefect"
    try:
        storywatch("run", cwd=project, env={"STORYWATCH_SERVER_IDLE_MINUTES": "0.05"})  # 3 s
        state = _read_state(home)
        assert state is not None and state.idle_minutes == 0.05
        poll(lambda: not _alive(state.pid), 60, "idle server stopping")
        assert not (home / STATE_FILE).exists() and find_server(home) is None
        assert "idle for 0.05 minutes: stopping" in (home / LOG_FILE).read_text()
    finally:
        storywatch("server", "--stop", cwd=project, check=False)


def test_a_bad_config_stops_the_run_before_a_server_starts(project):
    (project / "config" / "storywatch.yaml").write_text("storage: {url: 3}\n")
    result = storywatch("run", cwd=project, check=False)
    assert result.returncode == 1 and "storage.url" in result.stderr
    assert not (project / "data").exists()


@pytest.mark.prefect
def test_a_run_whose_database_is_down_leaves_no_server_behind(project):
    result = storywatch("run", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", cwd=project,
                        check=False)
    assert result.returncode == 1 and "cannot open database" in result.stderr
    assert find_server(project / "data" / "prefect") is None
    assert not (project / "data" / "prefect" / STATE_FILE).exists()


def test_zero_idle_minutes_keeps_prefects_temporary_server(project, monkeypatch):
    from storywatch.flows.local_server import use_local_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(project / "prefect"))
    monkeypatch.setenv("STORYWATCH_SERVER_IDLE_MINUTES", "0")
    assert use_local_server() is None and "PREFECT_API_URL" not in os.environ
    monkeypatch.setenv("STORYWATCH_SERVER_IDLE_MINUTES", "soon")
    with pytest.raises(Exception, match="not a number of minutes"):
        use_local_server()


def test_the_project_server_records_as_it_goes_not_with_the_temporary_servers_settings(monkeypatch, tmp_path):
    """The temporary server's recorder queues task runs until it stops (environment.py); the
    project's server stays up, so it must not inherit that, or the UI would show no task run until
    the server's idle stop. A user's own value stays."""
    from storywatch.flows.environment import forget_temporary_server_settings, prepare_prefect_environment
    from storywatch.flows.local_server import server_environment

    for key in ("PREFECT_API_URL", "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL",
                "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE"):
        monkeypatch.delenv(key, raising=False)
    for key in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_LOGGING_LEVEL",
                "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "PREFECT_LOGGING_EXTRA_LOGGERS",
                "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"):  # what it sets, put back after
        monkeypatch.setenv(key, os.environ.get(key, "x"))
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    monkeypatch.setenv("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE", "7")  # the user's
    prepare_prefect_environment()
    assert os.environ["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL"] == "86400"
    forget_temporary_server_settings()
    env = server_environment("127.0.0.1", 4200)
    assert env["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL"] == "1"
    assert env["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE"] == "7"
