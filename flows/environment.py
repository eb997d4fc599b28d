"""Prefect settings storywatch needs, applied before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

from storywatch.config import DATA_DIR

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
