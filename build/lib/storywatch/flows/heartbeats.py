"""Prefect's flow-run heartbeats, stopped as soon as the flow run ends.

A flow run sends heartbeats (what Prefect's zombie-run detection watches) from a thread. In Prefect
3.8.8 and still in 3.9.1 that thread sleeps in 1 s steps, and the end of every flow run joins it, so
each pass ended up to a second late: 0.9 s of an empty pass's 1.1 s was this wait (benchmarks/run.py).
This is the same loop, with the same events, waiting on its stop event instead of sleeping, so the
join returns at once. It replaces Prefect's own for the version it was written against only
(pyproject.toml pins it); with any other, Prefect's own stands. tests/test_heartbeats.py fails
when a release no longer needs it (or no longer takes it).
"""

from __future__ import annotations

import contextvars
import threading
from contextlib import contextmanager

WRITTEN_FOR = "3.9.1"


@contextmanager
def send_heartbeats(engine, join_on_exit: bool = True):
    """prefect.flow_engine._send_heartbeats, but the thread waits on its stop event between beats."""
    from prefect.flow_engine import MINIMUM_HEARTBEAT_INTERVAL

    seconds = engine.heartbeat_seconds
    if seconds is None:  # heartbeats turned off (PREFECT_FLOWS_HEARTBEAT_FREQUENCY)
        yield
        return
    seconds = max(seconds, MINIMUM_HEARTBEAT_INTERVAL)
    resource, related = engine._build_heartbeat_event_template()
    stop = threading.Event()

    def beat() -> None:
        while not stop.is_set():
            run = engine.flow_run
            if run and run.state and run.state.is_final():
                return
            try:
                engine._emit_flow_run_heartbeat(resource, related)
            except Exception:  # noqa: BLE001 - as Prefect's loop: a missed beat is not the run's failure
                engine.logger.debug("Failed to emit heartbeat", exc_info=True)
            stop.wait(seconds)

    # the caller's context, so the thread sees the same Prefect settings (API URL) as the flow
    thread = threading.Thread(target=contextvars.copy_context().run, args=(beat,), daemon=True,
                              name="storywatch-heartbeat")
    thread.start()
    try:
        yield
    finally:
        stop.set()
        if join_on_exit:
            thread.join(timeout=2)


def install() -> bool:
    """Use send_heartbeats for this process's flow runs; True when it is in place."""
    import prefect
    from prefect import flow_engine

    if prefect.__version__ != WRITTEN_FOR:
        return False
    flow_engine._send_heartbeats = send_heartbeats
    return True
