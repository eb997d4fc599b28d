"""Prefect settings storywatch needs, applied before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

from storywatch.config import DATA_DIR

# Prefect's temporary server (no PREFECT_API_URL) is stopped (SIGTERM) at the client's exit, right
# after the pass's last events reach it. Its task-run recorder (prefect/server/services/
# task_run_recorder.py, Prefect 3.9.1) by default writes each task-run event, one per write, inside the
# consumer task that its stop() cancels: a write still going on is cancelled and logged at ERROR with
# two tracebacks (a successful run printed them, about one run in three here), and the events still
# waiting in the server's queue are dropped (of a flow of 150 quick tasks, 8 to 20 task runs were
# recorded). With a batch of 500 and a periodic flush that never comes round, the consumer only queues
# them, keeping up with the pass, and the recorder's final flush, which runs after that cancellation,
# writes them all. A server the user runs keeps its own settings (`storywatch server` writes in
# batches every second: local_server.py); tests/test_cli.py holds both effects.
TEMPORARY_SERVER_SETTINGS = {
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "500",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "86400",
}
# storywatch's own modules log through these; Prefect ships them to the UI beside its own lines.
STORYWATCH_LOGGERS = "storywatch,flows,sources,extractors,stories,storage,alerts"


def prepare_prefect_environment() -> None:
    """Telemetry off, a project-local PREFECT_HOME, and INFO lines for the UI only, unless the
    user chose otherwise.

    A user's own PREFECT_API_URL is left alone, so passes show in their Prefect UI; without one,
    `storywatch run` uses the project's local server (local_server.py) or, for the other commands,
    Prefect starts its temporary local server."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_HOME", str((DATA_DIR / "prefect").resolve()))
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    if "PREFECT_LOGGING_LEVEL" not in os.environ:
        # A flow run's INFO lines (the pass's counts) go to its Logs tab in the UI through Prefect's
        # API handler; the terminal, where the command prints its own summary, shows warnings only.
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", STORYWATCH_LOGGERS)
    # Prefect waits 20 s for its temporary server; on a busy 2-core machine it can take about that
    # long to start, and the pass would fail before it began.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if not os.environ.get("PREFECT_API_URL"):
        for key, value in TEMPORARY_SERVER_SETTINGS.items():
            if key not in os.environ:
                os.environ[key] = value
                _SET_FOR_THE_TEMPORARY_SERVER.add(key)


_SET_FOR_THE_TEMPORARY_SERVER: set[str] = set()


def forget_temporary_server_settings() -> None:
    """Take back the temporary server's recorder settings that this process set (a user's own stay):
    a server that stays up must record as it goes, not only when it stops (local_server.py)."""
    for key in _SET_FOR_THE_TEMPORARY_SERVER:
        if os.environ.get(key) == TEMPORARY_SERVER_SETTINGS[key]:
            del os.environ[key]
    _SET_FOR_THE_TEMPORARY_SERVER.clear()
