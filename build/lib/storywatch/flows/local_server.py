"""`storywatch server`: a local Prefect server with the settings storywatch needs.

The same settings apply to a server you run yourself (README, "Running on a schedule"):
telemetry off, an API URL that matches the port (so the UI talks to this server, not a default one),
and the task-run recorder and event persister writing in batches and flushing every second, so the UI
shows a pass's task runs and events promptly without one database write per task state or event.
"""

from __future__ import annotations

import os
import sys

from storywatch.config import DATA_DIR

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200

# Defaults in Prefect 3.8: the recorder inserts one task-run state per write, the persister 20 events
# per write but only every 5 s. Larger batches and a 1 s flush suit a pass that emits bursts.
BATCH_SETTINGS = {
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_FLUSH_INTERVAL": "1",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_READ_BATCH_SIZE": "50",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_BATCH_SIZE": "100",
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_FLUSH_INTERVAL": "1",
}


def api_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}/api"


def server_environment(host: str, port: int, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for `prefect server start`: the user's own values win, except the API URL,
    which must match the port this server listens on."""
    env = dict(os.environ if base is None else base)
    env.setdefault("DO_NOT_TRACK", "1")
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_HOME", str((DATA_DIR / "prefect").resolve()))
    for key, value in BATCH_SETTINGS.items():
        env.setdefault(key, value)
    env["PREFECT_API_URL"] = api_url(host, port)
    env["PREFECT_UI_API_URL"] = api_url(host, port)
    return env


def server_command(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port)]


def exec_server(host: str, port: int) -> None:
    """Become the Prefect server (exec), so Ctrl-C and SIGTERM reach it directly and nothing is orphaned."""
    env = server_environment(host, port)
    os.makedirs(env["PREFECT_HOME"], exist_ok=True)
    command = server_command(host, port)
    os.execve(command[0], command, env)
