"""Flow-run heartbeats: still sent (zombie-run detection needs them), and a run's end does not wait."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from storywatch.flows import heartbeats


class Engine:
    """What the heartbeat loop reads of Prefect's flow run engine."""

    def __init__(self, seconds):
        self.heartbeat_seconds = seconds
        self.flow_run = SimpleNamespace(state=SimpleNamespace(is_final=lambda: False))
        self.logger = SimpleNamespace(debug=lambda *a, **k: None)
        self.beats = []
        self.beaten = threading.Event()

    def _build_heartbeat_event_template(self):
        return {"prefect.resource.id": "prefect.flow-run.x"}, []

    def _emit_flow_run_heartbeat(self, resource, related):
        self.beats.append((resource, related))
        self.beaten.set()


def test_the_heartbeat_thread_beats_at_once_and_is_gone_when_the_run_ends():
    engine = Engine(seconds=30)
    with heartbeats.send_heartbeats(engine):
        assert engine.beaten.wait(10)
    assert engine.beats == [({"prefect.resource.id": "prefect.flow-run.x"}, [])]
    assert not [t for t in threading.enumerate() if t.name == "storywatch-heartbeat"]


def test_the_flow_engines_heartbeats_stop_with_the_run_not_after_a_sleep_step(monkeypatch):
    """What the flow engine calls at a run's end: its heartbeat thread must be gone when the run's
    context exits. Prefect's own loop sleeps (here: a step that outlasts the run) and its join gives
    up after 2 s, leaving the thread behind: this fails without the replacement, and tells when a
    release of Prefect stops its loop at once (then heartbeats.py can go)."""
    from prefect import flow_engine

    assert heartbeats.install()
    outlasts_the_run = threading.Event()
    monkeypatch.setattr(time, "sleep", lambda seconds: outlasts_the_run.wait(10))
    before = set(threading.enumerate())
    engine = Engine(seconds=30)
    try:
        with flow_engine._send_heartbeats(engine):
            assert engine.beaten.wait(10)
        assert set(threading.enumerate()) - before == set()
    finally:
        outlasts_the_run.set()


def test_no_heartbeat_thread_when_heartbeats_are_off():
    engine = Engine(seconds=None)
    with heartbeats.send_heartbeats(engine):
        assert not [t for t in threading.enumerate() if t.name == "storywatch-heartbeat"]
    assert engine.beats == []


def test_a_run_already_final_sends_no_heartbeat():
    engine = Engine(seconds=30)
    engine.flow_run = SimpleNamespace(state=SimpleNamespace(is_final=lambda: True))
    with heartbeats.send_heartbeats(engine):
        for thread in [t for t in threading.enumerate() if t.name == "storywatch-heartbeat"]:
            thread.join(5)
    assert engine.beats == []


@pytest.mark.prefect
def test_the_flow_still_sends_heartbeats_for_its_run(prefect_server, events, tmp_path):
    from prefect import flow_engine

    from storywatch.flows.monitor import monitor

    assert flow_engine._send_heartbeats is heartbeats.send_heartbeats  # installed with the flow
    monitor(seeds=[str(tmp_path)], db_url=f"sqlite:///{tmp_path}/sw.db", json_output=True)
    beats = [e for e in events._client.events if e.event == "prefect.flow-run.heartbeat"]
    assert beats and beats[-1].resource.id.startswith("prefect.flow-run.")
