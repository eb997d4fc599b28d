"""storywatch's local Prefect server: `storywatch server` in the foreground, or one that `storywatch
run` starts in the background and finds again, so a pass does not wait for a server to start.

Prefect's temporary server (what a flow uses without PREFECT_API_URL) starts with every pass and
stops with it: on a busy 2-core machine its start (about 5 s of imports, plus migrations) was most
of a pass's wall time, and the runs it recorded could be seen only after starting another server.
So `storywatch run`, when the user has set no PREFECT_API_URL, uses the project's local server:

- found through `storywatch-server.json` in PREFECT_HOME (pid, port, API URL), written by whoever
  started it: a run (under a file lock, so two runs at once start one server) or `storywatch server`;
- started when none answers, detached (its own session: a Ctrl-C in the terminal of the run that
  started it does not stop it under the others), on port 4200 or else a free one, the listening
  socket bound by the run and inherited by the server, so the run knows the port before the server
  is up and imports the pass's modules meanwhile;
- stopped by itself after STORYWATCH_SERVER_IDLE_MINUTES (default 30) without a request or an open
  connection (a pass, or a browser on its UI, keeps it up), or at once with `storywatch server --stop`;
  STORYWATCH_SERVER_IDLE_MINUTES=0 turns it off (Prefect's temporary server, per pass, as before).

It is a full Prefect server with its UI, with the settings below (the same as `storywatch server`):
telemetry off, an API URL that matches the port (so the UI talks to this server, not a default one),
and the task-run recorder and event persister writing in batches and flushing every second, so the UI
shows a pass's task runs and events promptly without one database write per task state or event.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import storywatch
from storywatch.config import DATA_DIR
from storywatch.errors import ServerError

from .environment import forget_temporary_server_settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 4200
STATE_FILE = "storywatch-server.json"  # in PREFECT_HOME: who serves this project's Prefect home
LOCK_FILE = "storywatch-server.lock"
LOG_FILE = "storywatch-server.log"
IDLE_ENV = "STORYWATCH_SERVER_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30.0
START_TIMEOUT = 120.0  # seconds: a start takes ~6 s here, far longer on a machine under load

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
    """Become the Prefect server (exec), so Ctrl-C and SIGTERM reach it directly and nothing is
    orphaned. It is recorded as the project's server first (the pid stays the same across exec),
    so `storywatch run` uses it; a background server of the project already up is an error."""
    env = server_environment(host, port)
    home = Path(env["PREFECT_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    with _locked(home):
        running = find_server(home)
        if running is not None:
            raise ServerError(f"this project's Prefect server is already running at {running.ui_url} "
                              f"(pid {running.pid}); use it, or stop it first with "
                              f"`storywatch server --stop`")
        _write_state(home, ServerState(os.getpid(), port, api_url(host, port), _prefect_version(),
                                       time.time(), None))
    command = server_command(host, port)
    os.execve(command[0], command, env)


# --- the project's server: found, started, stopped -------------------------------------------


@dataclass(frozen=True)
class ServerState:
    """What STATE_FILE holds: the server's process, where it answers, the Prefect it runs, when it
    started, and after how many idle minutes it stops (None: `storywatch server`, until Ctrl-C)."""
    pid: int
    port: int
    api_url: str
    prefect: str
    started: float
    idle_minutes: float | None

    @property
    def ui_url(self) -> str:
        return self.api_url.removesuffix("/api")


class PendingServer:
    """The project's server as a pass uses it: its API URL at once, ready() before the flow."""

    def __init__(self, state: ServerState, home: Path, process: subprocess.Popen | None = None):
        self.state, self.home, self.process = state, home, process

    @property
    def started_here(self) -> bool:
        return self.process is not None

    def ready(self, timeout: float = START_TIMEOUT) -> ServerState:
        """Wait until the server answers; a server that exits or never answers is a ServerError."""
        deadline = time.monotonic() + timeout
        while not _healthy(self.state.api_url):
            exited = (self.process.poll() if self.process is not None
                      else None if _alive(self.state.pid) else "gone")
            if exited is not None or time.monotonic() > deadline:
                why = f"exited ({exited})" if exited is not None else f"did not answer within {timeout:.0f} s"
                raise ServerError(f"the local Prefect server {why}; its log: {self.home / LOG_FILE}"
                                  f"{_log_tail(self.home)}")
            time.sleep(0.05)  # the polling period of a start that takes seconds
        return self.state

    def abandon(self) -> None:
        """A pass that stops before its flow: the server it started for it is not left behind."""
        if self.process is not None:
            stop_server(self.home)


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or DATA_DIR / "prefect").resolve()


def idle_minutes() -> float:
    """STORYWATCH_SERVER_IDLE_MINUTES, or the default; 0 turns the background server off."""
    given = os.environ.get(IDLE_ENV, "").strip()
    try:
        minutes = float(given) if given else DEFAULT_IDLE_MINUTES
    except ValueError as exc:
        raise ServerError(f"{IDLE_ENV}={given!r} is not a number of minutes; "
                          f"use e.g. {IDLE_ENV}=30, or 0 for a temporary server per pass") from exc
    return max(0.0, minutes)


def use_local_server() -> PendingServer | None:
    """Point this process's Prefect client at the project's local server, found or started in the
    background. None (Prefect's own choice stands) when the user set PREFECT_API_URL, turned the
    background server off, or the platform has no file locks. Call before Prefect is imported."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    minutes = idle_minutes()
    if minutes == 0 or not _can_lock():
        return None
    forget_temporary_server_settings()
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    with _locked(home):
        state = find_server(home, wait_for_start=False)
        pending = PendingServer(state, home) if state is not None else _start(home, minutes)
    os.environ["PREFECT_API_URL"] = pending.state.api_url
    # Prefect logs a link to each flow run in the UI when it knows where the UI is
    os.environ.setdefault("PREFECT_UI_URL", pending.state.ui_url)
    return pending


def find_server(home: Path, wait_for_start: bool = True) -> ServerState | None:
    """The project's server that is up (or, when it was started less than START_TIMEOUT ago,
    starting), or None; a state file left by a server that is gone, or of another Prefect
    version, is cleared (the latter's server stopped)."""
    state = _read_state(home)
    if state is None or not _alive(state.pid):
        return None
    if state.idle_minutes is not None and state.prefect != _prefect_version():
        stop_server(home)  # a background server of the Prefect before an upgrade
        return None
    starting = time.time() - state.started < START_TIMEOUT
    if _healthy(state.api_url):
        return state
    if starting:
        if not wait_for_start:
            return state  # PendingServer.ready() waits for it
        with contextlib.suppress(ServerError):
            return PendingServer(state, home).ready()
    return None


def stop_server(home: Path, timeout: float = 15.0) -> ServerState | None:
    """Stop the project's server (SIGTERM, then SIGKILL after `timeout`); the state it had, or None
    when none was running."""
    state = _read_state(home)
    _clear_state(home, state)
    if state is None or not _alive(state.pid):
        return None
    with contextlib.suppress(ProcessLookupError):
        os.kill(state.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(state.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(state.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(state.pid, signal.SIGKILL)
    return state


def _start(home: Path, minutes: float) -> PendingServer:
    """A server in the background, on a socket bound here (4200, or any free port) and handed
    down, so no other process can take the port between choosing it and the server's start."""
    listener = _bind(DEFAULT_HOST, DEFAULT_PORT)
    port = listener.getsockname()[1]
    env = server_environment(DEFAULT_HOST, port)
    env["PREFECT_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), *_import_roots()) if p)
    command = [sys.executable, "-m", "storywatch.flows.local_server", "--fd", str(listener.fileno()),
               "--idle-minutes", str(minutes)]
    with listener, (home / LOG_FILE).open("wb") as log:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, pass_fds=[listener.fileno()],
                                   start_new_session=True, cwd=home)
    state = ServerState(process.pid, port, api_url(DEFAULT_HOST, port), _prefect_version(), time.time(),
                        minutes)
    _write_state(home, state)
    return PendingServer(state, home, process)


def _bind(host: str, preferred: int) -> socket.socket:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind((host, preferred))
    except OSError:
        listener.bind((host, 0))
    listener.listen(128)  # connections made before the server is up wait in the backlog
    listener.set_inheritable(True)
    return listener


def _import_roots() -> list[str]:
    """Where `storywatch` was imported from, unless it is installed: the server process imports
    this module from there too (a checkout run with `python -m` from its folder)."""
    import site

    root = Path(storywatch.__file__).resolve().parents[1]
    installed = {Path(p).resolve() for p in [*site.getsitepackages(), site.getusersitepackages()]}
    return [] if root in installed else [str(root)]


# --- the state file and its lock ---------------------------------------------------------------


def _can_lock() -> bool:
    try:
        import fcntl  # noqa: F401 - POSIX only
    except ImportError:
        return False
    return True


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """One process at a time decides whether to start the server: two runs at once start one."""
    if not _can_lock():
        yield
        return
    import fcntl

    with (home / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _read_state(home: Path) -> ServerState | None:
    try:
        return ServerState(**json.loads((home / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write_state(home: Path, state: ServerState) -> None:
    written = home / f"{STATE_FILE}.{os.getpid()}"
    written.write_text(json.dumps(asdict(state)), encoding="utf-8")
    written.replace(home / STATE_FILE)  # readers never see half a file


def _clear_state(home: Path, state: ServerState | None) -> None:
    """Remove the state file if it still describes `state` (a newer server's stays)."""
    if state is not None and _read_state(home) == state:
        with contextlib.suppress(FileNotFoundError):
            (home / STATE_FILE).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):  # a zombie (exited, not yet reaped) is not alive
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:3]
    return True


def _healthy(url: str) -> bool:
    """Whether the Prefect API at `url` answers its health check."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or DEFAULT_HOST, parts.port or 80, timeout=2)
    try:
        connection.request("GET", f"{parts.path.rstrip('/')}/health")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def _prefect_version() -> str:
    return version("prefect")


def _log_tail(home: Path, lines: int = 20) -> str:
    with contextlib.suppress(OSError):
        tail = (home / LOG_FILE).read_text(errors="replace").splitlines()[-lines:]
        return "\n" + "\n".join(tail) if tail else ""
    return ""


# --- the background server process -----------------------------------------------------------


class IdleWatch:
    """ASGI middleware: how long since the last request or connection ended, while none is open."""

    def __init__(self, app):
        self.app, self.open, self.last = app, 0, time.monotonic()

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        self.open += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.open -= 1
            self.last = time.monotonic()

    def idle_seconds(self) -> float:
        return 0.0 if self.open else time.monotonic() - self.last


def serve_until_idle(fd: int, minutes: float) -> None:
    """The background server: Prefect's API and UI on the inherited socket until it has been idle
    for `minutes`, or SIGTERM; then its state file is cleared."""
    import uvicorn
    from prefect.server.api.server import create_app

    home = prefect_home()
    listener = socket.socket(fileno=fd)
    watch = IdleWatch(create_app(final=True))
    server = uvicorn.Server(uvicorn.Config(watch, log_level="warning", lifespan="on"))

    def stop_when_idle() -> None:
        while not server.started and not server.should_exit:  # idle counts from when it answers
            time.sleep(0.1)
        watch.last = time.monotonic()
        while not server.should_exit:
            if watch.idle_seconds() >= minutes * 60:
                # Under the lock runs take to find the server: a run that found it (its health
                # check is a request) made it busy again; one that comes after finds no state
                # file and starts a new server instead of using this one as it stops.
                with _locked(home):
                    if watch.idle_seconds() >= minutes * 60:
                        print(f"idle for {minutes:g} minutes: stopping", flush=True)
                        forget_self()
                        server.should_exit = True
            time.sleep(min(5.0, minutes * 60 / 4))  # the polling period of a watch over minutes

    def forget_self() -> None:
        state = _read_state(home)
        if state is not None and state.pid == os.getpid():
            _clear_state(home, state)

    threading.Thread(target=stop_when_idle, daemon=True, name="storywatch-idle").start()
    try:
        server.run(sockets=[listener])
    finally:
        forget_self()


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="storywatch's background Prefect server (started by "
                                                 "`storywatch run`; stop it with `storywatch server --stop`)")
    parser.add_argument("--fd", type=int, required=True, help="the listening socket, inherited")
    parser.add_argument("--idle-minutes", type=float, default=DEFAULT_IDLE_MINUTES)
    args = parser.parse_args(argv)
    serve_until_idle(args.fd, args.idle_minutes)


if __name__ == "__main__":
    main()
