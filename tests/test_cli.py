"""The command line, run as a user runs it: a subprocess in a project folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest

from storywatch.flows.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def storywatch(*args, cwd, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.pop("STORYWATCH_CONFIG", None)
    env.pop("STORYWATCH_DB_URL", None)
    result = subprocess.run([sys.executable, "-m", "storywatch.flows.cli", *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.mark.prefect
def test_quickstart_run_reports_a_lavrov_story_and_a_rerun_reports_nothing(project):
    first = json.loads(storywatch("run", "--json", cwd=project).stdout)
    assert first["articles"]["ingested"] == 2 and first["articles"]["failed"] == []
    assert {d["figure"] for d in first["developments"]} == {"Sergei Lavrov"}
    [alert] = first["alerts"]
    assert alert["kind"] == "new_story" and "Sergei Lavrov" in alert["headline"]
    assert {d["channel"]: d["state"] for d in alert["deliveries"]} == {"console": "sent", "outbox": "sent"}
    assert (project / "data" / "storywatch.db").exists()
    assert (project / "data" / "prefect").is_dir()  # Prefect's home stays in the project

    second = json.loads(storywatch("run", "--json", cwd=project).stdout)
    assert second["developments"] == [] and second["alerts"] == []
    assert second["articles"]["duplicates"] == 2

    stories = json.loads(storywatch("stories", "--json", cwd=project).stdout)
    assert len(stories) == 1 and stories[0]["sources"] == 2
    claims = json.loads(storywatch("claims", "--figure", "Sergei Lavrov", "--json", cwd=project).stdout)
    assert len(claims) == len(first["developments"])
    # a figure by its alias, in any case; an empty answer says why
    by_alias = json.loads(storywatch("claims", "--figure", "lavrov", "--json", cwd=project).stdout)
    assert len(by_alias) == len(claims)
    nobody = storywatch("claims", "--figure", "Nobody Here", cwd=project)
    assert nobody.stdout == "" and "no claims about Nobody Here yet in sqlite:///" in nobody.stderr
    alerts = json.loads(storywatch("alerts", "--json", cwd=project).stdout)
    assert [a["kind"] for a in alerts] == ["new_story"]


@pytest.mark.parametrize("content, message", [
    ("watchlist: [\n", "not valid YAML"),
    ("watchlist:\n  - aliases: [x]\n", "watchlist.0.name"),
    ("storage: {url: 3}\n", "storage.url"),
    ("colour: blue\n", "colour"),
])
def test_bad_config_stops_the_pass_with_one_line(project, content, message):
    (project / "config" / "storywatch.yaml").write_text(content)
    result = storywatch("run", cwd=project, check=False)
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_config_file_is_an_error(project):
    result = storywatch("run", "--config", "nope.yaml", cwd=project, check=False)
    assert result.returncode != 0 and "nope.yaml does not exist" in result.stderr


def test_a_database_folder_that_does_not_exist_is_one_line_with_the_fix(project, tmp_path):
    # a mistyped folder would start an empty store and alert everything again: it is not made
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for url in (f"sqlite:///{blocker}/sub/x.db", f"sqlite:///{tmp_path}/typo/x.db"):
        result = storywatch("run", "--db", url, cwd=project, check=False)
        assert result.returncode != 0
        assert "does not exist: create it (mkdir -p " in result.stderr and "--db" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr[-2000:]
    assert not (tmp_path / "typo").exists()


def test_reading_commands_need_the_database_to_be_there(project, tmp_path):
    for command in (["stories"], ["claims"], ["alerts"], ["story", "abc"]):
        result = storywatch(*command, "--db", f"sqlite:///{tmp_path}/none.db", cwd=project, check=False)
        assert result.returncode != 0, command
        assert f"no database at {tmp_path}/none.db" in result.stderr and "storywatch run" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr[-2000:]
    assert not (tmp_path / "none.db").exists()
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    storywatch("run", "--seeds", str(empty), "--db", f"sqlite:///{tmp_path}/empty.db", cwd=project)
    for command in ("stories", "claims", "alerts"):  # an empty answer says why
        result = storywatch(command, "--db", f"sqlite:///{tmp_path}/empty.db", cwd=project)
        assert result.stdout == "" and f"no {command} yet in sqlite:///" in result.stderr


def test_a_url_that_does_not_parse_shows_the_form_of_one(project):
    result = storywatch("stories", "--db", "storywatch.db", cwd=project, check=False)
    assert result.returncode != 0
    assert "invalid database URL 'storywatch.db'" in result.stderr
    assert "sqlite:///data/storywatch.db" in result.stderr and "postgresql+psycopg://" in result.stderr


def test_unreachable_database_stops_the_pass_with_one_line(project):
    result = storywatch("run", "--db", "postgresql+psycopg://nobody@127.0.0.1:9/none", cwd=project,
                        check=False)
    assert result.returncode != 0
    assert "cannot open database" in result.stderr and "Connection refused" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extract_explains_the_engine(project):
    [result] = json.loads(storywatch("extract", "seeds/000_bd2898eea5787eda.txt", "--json",
                                     cwd=project).stdout)
    assert result["attributions"] and result["mentions"] and result["claims"]
    attribution = result["attributions"][0]
    start, end = attribution["source"]["span"]
    assert result["text"][start:end] == attribution["source"]["text"]


def test_every_command_has_help_an_example_and_a_readme_entry():
    for name, command in main.commands.items():
        assert command.help and "Example:" in command.help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.name}"
        assert f"storywatch {name}" in README, name


def test_the_temporary_prefect_server_gets_time_to_start_unless_the_user_chose(monkeypatch, tmp_path):
    """Prefect gives its temporary server 20 s, about what a start takes on a busy 2-core machine."""
    from storywatch.flows.environment import prepare_prefect_environment

    environment = {"PREFECT_HOME": str(tmp_path / "prefect")}
    monkeypatch.setattr(os, "environ", environment)  # what it sets stays in this test
    prepare_prefect_environment()
    assert environment["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] == "120"
    environment["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "45"
    prepare_prefect_environment()
    assert environment["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] == "45"


def test_the_temporary_server_queues_task_runs_for_its_final_flush_unless_the_user_chose(monkeypatch,
                                                                                       tmp_path):
    """Prefect's default writes each task-run event in the task that stopping the server cancels."""
    from storywatch.flows.environment import TEMPORARY_SERVER_SETTINGS, prepare_prefect_environment

    environment = {"PREFECT_HOME": str(tmp_path / "prefect")}
    monkeypatch.setattr(os, "environ", environment)
    prepare_prefect_environment()
    assert TEMPORARY_SERVER_SETTINGS.items() <= environment.items()
    mine = {"PREFECT_HOME": str(tmp_path / "prefect"),
            "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "1"}
    monkeypatch.setattr(os, "environ", mine)
    prepare_prefect_environment()
    assert mine["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE"] == "1"
    remote = {"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": "http://127.0.0.1:4200/api"}
    monkeypatch.setattr(os, "environ", remote)
    prepare_prefect_environment()
    assert not TEMPORARY_SERVER_SETTINGS.keys() & remote.keys()  # a server the user runs is theirs


@pytest.mark.prefect
def test_successful_runs_stop_the_temporary_server_without_a_traceback(project):
    """Issue 17: a successful run printed the temporary server's tracebacks as it stopped (its
    task-run recorder cancelled mid-write), about one run in three here. A pass, then two `deliver`
    runs, whose task's events reach the server just before it is stopped: stderr stays clean."""
    for args in (("run",), ("deliver",), ("deliver",)):
        result = storywatch(*args, cwd=project)
        assert "Traceback" not in result.stderr and "ERROR" not in result.stderr, result.stderr[-3000:]


BURST = """
from storywatch.flows.environment import prepare_prefect_environment

prepare_prefect_environment()
from prefect import flow, task


@task
def step(i: int) -> int:
    return i


@flow
def burst() -> int:
    return sum(f.result() for f in step.map(range(150)))


print(burst())
"""


@pytest.mark.prefect
def test_the_temporary_server_records_every_task_run_it_was_sent_before_it_stops(tmp_path):
    """150 quick tasks whose events reach the temporary server as the process exits and stops it:
    with Prefect's own recorder settings it printed its tracebacks every time and recorded 8 to 20
    of them; as storywatch starts it, it records all 150, quietly."""
    import sqlite3

    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    result = subprocess.run([sys.executable, "-c", BURST], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == str(sum(range(150))), result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr, result.stderr[-3000:]
    with sqlite3.connect(tmp_path / "data" / "prefect" / "prefect.db") as db:
        [(runs, completed)] = db.execute("SELECT count(*), sum(state_type = 'COMPLETED') FROM task_run")
    assert runs == completed == 150, (runs, completed, result.stderr[-3000:])


def test_every_reliability_promise_names_a_test_that_exists():
    import re

    section = README.split("## Reliability promises", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", section)
    assert len(named) >= 10
    for path, name in named:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), f"{path}::{name}"
