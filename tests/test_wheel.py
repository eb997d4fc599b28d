"""The distribution as a user installs it: a wheel built from this checkout, installed in a fresh
virtualenv, with nothing of the checkout on its path. Its code is one import namespace
(`storywatch.*`: nothing generic such as `storage` or `alerts` at the top of site-packages), and
the console script, Alembic's migrations, the Prefect flow and a worker importing the flow by its
module path all work from it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_serve import clean_env, completed_monitor_runs, poll, prefect_api, prefect_call, stop  # noqa: F401

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of this checkout, as `pip wheel` builds it."""
    where = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(where), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    [found] = where.glob("storywatch-*.whl")
    return found


@pytest.fixture(scope="module")
def fresh_venv(wheel, tmp_path_factory) -> Path:
    """A new virtualenv with the wheel installed (offline: --no-index) and the test environment's
    site-packages as a plain path for the dependencies, so that its .pth files, the editable
    install of this checkout among them, are not processed."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([python, "-m", "pip", "install", "--no-index", "--no-deps", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


def test_the_wheel_holds_one_top_level_package_with_its_data(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert {name.split("/")[0] for name in names} == {"storywatch", "storywatch-0.1.0.dist-info"}
    for data in ("storywatch/extractors/cues.txt", "storywatch/extractors/confidence.tsv",
                 "storywatch/storage/alembic.ini", "storywatch/alerts/templates/email.html.j2",
                 "storywatch/storage/migrations/versions/0006_xxh3_shingle_hashes.py"):
        assert data in names


def test_the_installed_code_comes_from_the_wheel_not_the_checkout(fresh_venv, tmp_path):
    found = subprocess.run(
        [fresh_venv / "bin" / "python", "-c",
         "import json, storywatch.flows.monitor as m, storywatch.storage as s, importlib.util as u;"
         "print(json.dumps([m.__file__, s.__file__, u.find_spec('storage') is None,"
         " u.find_spec('flows') is None]))"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stderr[-3000:]
    monitor_file, storage_file, no_storage, no_flows = json.loads(found.stdout)
    assert monitor_file.startswith(str(fresh_venv)) and storage_file.startswith(str(fresh_venv))
    assert no_storage and no_flows  # nothing generic at the top of site-packages


def test_the_console_script_runs_a_pass_with_migrations_from_the_wheel(fresh_venv, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "config", project / "config")
    try:
        ran = subprocess.run([fresh_venv / "bin" / "storywatch", "run", "--json"], cwd=project,
                             env=clean_env(tmp_path), capture_output=True, text=True, timeout=300)
        assert ran.returncode == 0, ran.stderr[-3000:]
        result = json.loads(ran.stdout)
        assert result["articles"]["ingested"] == 2
        assert [a["kind"] for a in result["alerts"]] == ["new_story"]
        assert (project / "data" / "storywatch.db").is_file()
    finally:  # the project's Prefect server, which the run started from the wheel's code
        stopped = subprocess.run([fresh_venv / "bin" / "storywatch", "server", "--stop"], cwd=project,
                                 env=clean_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert stopped.stdout.startswith("stopped the Prefect server at http://127.0.0.1:"), stopped.stdout


def test_a_worker_imports_the_deployed_flow_by_module_path_from_the_wheel(fresh_venv, prefect_api,  # noqa: F811
                                                                           tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copytree(ROOT / "config", project / "config")
    env = clean_env(tmp_path) | {"PREFECT_API_URL": prefect_api}
    db = f"sqlite:///{project}/data/worker.db"
    deployed = subprocess.run([fresh_venv / "bin" / "storywatch", "deploy", "--pool", "sw-wheel",
                               "--db", db, "--interval", "86400"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=180)
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    deployment = prefect_call("GET", f"{prefect_api}/deployments/name/monitor/storywatch").json()
    assert deployment["entrypoint"] == "storywatch.flows.monitor.monitor"
    prefect_call("POST", f"{prefect_api}/deployments/{deployment['id']}/create_flow_run", json={})
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen([fresh_venv / "bin" / "python", "-m", "prefect", "worker", "start",
                                   "--pool", "sw-wheel"], cwd=project, env=env, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        [run, *_] = poll(lambda: completed_monitor_runs(prefect_api), 240, "a monitor run by the worker",
                         worker, log)
    finally:
        stop(worker, 60)
    assert " developments in 1 story " in run["name"]
