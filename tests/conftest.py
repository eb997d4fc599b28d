"""Shared fixtures: the seeds, the gold file, a real SQLite store per test."""

from __future__ import annotations

import json
import os
import tempfile

# Before Prefect is imported anywhere: no telemetry, and a throwaway Prefect home.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="storywatch-prefect-")
os.environ.pop("PREFECT_API_URL", None)
import shutil
import socket
from pathlib import Path

import pytest

from storywatch.config import Settings, WatchedFigure
from storywatch.storage import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
GOLD = SHARED_EVAL / "seeds.gold.json"
FIRST, SECOND = "000_bd2898eea5787eda.txt", "003_eba6773b46bee5a8.txt"


def read_request_head(conn: socket.socket) -> bytes:
    """What a client sent on `conn` up to the blank line that ends an HTTP request head (all of it if
    the client closes first), for the raw loopback servers of the fetch tests."""
    data = b""
    while b"\r\n\r\n" not in data:
        more = conn.recv(65536)
        if not more:
            break
        data += more
    return data


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def settings(gold) -> Settings:
    return Settings(watchlist=[WatchedFigure(**w) for w in gold["watchlist"]])


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path}/test.db")
    yield store
    store.engine.dispose()


@pytest.fixture
def project(tmp_path):
    """A project folder as a user has it: seeds/ and config/ copied in."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "config", tmp_path / "config")
    yield tmp_path
    from storywatch.flows.local_server import stop_server

    stop_server(tmp_path / "data" / "prefect")  # the server a `storywatch run` in it started


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect server for the whole session: tearing a harness down mid-session
    leaves Prefect's global events worker broken for a harness started after it."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def events(monkeypatch):
    """Every event the code emits, still passed through to the server."""
    from prefect.events.clients import AssertingPassthroughEventsClient
    from prefect.events.worker import EventsWorker

    worker = EventsWorker.instance(AssertingPassthroughEventsClient)
    monkeypatch.setattr(EventsWorker, "instance", lambda *_: worker)
    yield worker
    worker.drain()


@pytest.fixture
def seed_dir(tmp_path):
    """A folder holding copies of chosen seed files: seed_dir(FIRST, SECOND)."""

    def make(*names: str, name: str = "seeds") -> Path:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        for seed in names:
            shutil.copy(SEEDS / seed, folder / seed)
        return folder

    return make
