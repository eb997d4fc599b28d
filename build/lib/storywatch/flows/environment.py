"""Prefect settings storywatch needs, applied before Prefect is imported."""

from __future__ import annotations

import os
from pathlib import Path

from storywatch.config import DATA_DIR


def prepare_prefect_environment() -> None:
    """Telemetry off and a project-local PREFECT_HOME, unless the user chose otherwise.

    A user's own PREFECT_API_URL is left alone, so passes show in their Prefect UI; without one,
    Prefect starts its temporary local server."""
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_HOME", str((DATA_DIR / "prefect").resolve()))
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Prefect waits 20 s for its temporary server; on a busy 2-core machine it can take about that
    # long to start, and the pass would fail before it began.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
