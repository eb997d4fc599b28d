"""Fault suite: servers that trickle bytes (issue 17). Each test names the README promise it holds
(README, Feeds: "Slow and trickling servers").

The hostile server is a plain socket server on 127.0.0.1 that sends a byte a second: of its status
line and headers (`/head...`), or of its body after prompt headers (`/body...`). Each read it
causes ends in about a second, well inside any per-read timeout, so only a deadline on the whole
request stops it. It gives up after GIVE_UP seconds, which is how long a fetch took before there
was such a deadline.
"""

from __future__ import annotations

import itertools
import select
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from storywatch.config import FeedSource, Fetch, load_settings
from storywatch.flows import pipeline
from storywatch.sources import Fetcher, FetchFailed

from .conftest import ROOT, read_request_head
from .test_ingest import page, rss, serve_feed, settings_for

TIMEOUT = 2.0  # fetch.timeout in these tests
GIVE_UP = 10.0  # seconds the trickling server keeps a connection going
NORMAL = page("A quiet day", "Nothing here names anyone on the watchlist, at some length. " * 5).encode()


@dataclass
class Connection:
    path: str
    opened: float
    closed: float | None = None


class TricklingServer:
    """HTTP on loopback: `/head...` trickles its status line and headers, `/body...` its body, one
    byte a second; `/late-redirect` redirects to `/body` after 1.5 s; any other path is a normal
    page, sent at once. One request per connection."""

    def __init__(self, interval: float = 1.0):
        self.interval = interval
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.connections: list[Connection] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def opened(self, prefix: str) -> int:
        with self.lock:
            return sum(1 for c in self.connections if c.path.startswith(prefix))

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(sock,), daemon=True).start()

    def _answer(self, sock: socket.socket) -> None:
        with sock:
            path = _request_path(sock)
            connection = Connection(path, time.monotonic())
            with self.lock:
                self.connections.append(connection)
            try:
                if path.startswith("/head"):
                    self._trickle(sock, itertools.chain(b"HTTP/1.1 200 OK\r\nX-Slow: ", itertools.repeat(97)))
                elif path.startswith("/body"):
                    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n"
                                 b"Connection: close\r\n\r\n")
                    self._trickle(sock, itertools.chain(b"<html><body><p>", itertools.repeat(97)))
                elif path == "/late-redirect":
                    self.stopping.wait(1.5)
                    sock.sendall(b"HTTP/1.1 302 Found\r\nLocation: /body\r\nContent-Length: 0\r\n\r\n")
                else:
                    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                 b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(NORMAL), NORMAL))
            except OSError:
                pass
            connection.closed = time.monotonic()

    def _trickle(self, sock: socket.socket, data: Iterator[int]) -> None:
        """A byte every interval until the client hangs up, the server stops, or GIVE_UP passes."""
        end = time.monotonic() + GIVE_UP
        for byte in data:
            sock.sendall(bytes([byte]))
            readable, _, _ = select.select([sock], [], [], self.interval)
            if readable and not sock.recv(1024):  # the client hung up
                return
            if self.stopping.is_set() or time.monotonic() > end:
                return


def _request_path(sock: socket.socket) -> str:
    sock.settimeout(5)
    head = read_request_head(sock)
    sock.settimeout(None)
    parts = head.split(b" ", 2)
    return parts[1].decode() if len(parts) > 1 else ""


@pytest.fixture
def trickling():
    server = TricklingServer()
    yield server
    server.stop()


def timed_get(fetcher: Fetcher, url: str) -> tuple[float, str]:
    """Seconds the fetch took, and how it ended: 'ok' or the failure's reason."""
    start = time.monotonic()
    try:
        fetcher.get(url, "text/html")
        outcome = "ok"
    except FetchFailed as exc:
        outcome = str(exc)
    return time.monotonic() - start, outcome


def wait_until(condition, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.01)


@pytest.mark.parametrize("path", ["/head", "/body"])
def test_a_server_trickling_a_byte_a_second_fails_the_request_at_its_timeout(trickling, path):
    """README, Feeds: fetch.timeout bounds a whole request, connect to last byte; a server that
    trickles its headers or its body a byte at a time fails as "timed out" at the timeout."""
    with Fetcher(Fetch(allow_hosts=["127.0.0.1"], timeout=TIMEOUT)) as fetcher:
        elapsed, outcome = timed_get(fetcher, trickling.url(path))
    assert outcome == f"timed out after {TIMEOUT:g} s"
    assert elapsed < TIMEOUT * 2  # it ran until the server gave up (GIVE_UP) before


def test_the_timeout_covers_all_the_hops_of_a_redirect_together(trickling):
    """README, Feeds: fetch.timeout bounds a whole request, redirects included."""
    with Fetcher(Fetch(allow_hosts=["127.0.0.1"], timeout=TIMEOUT)) as fetcher:
        elapsed, outcome = timed_get(fetcher, trickling.url("/late-redirect"))
    assert outcome == f"timed out after {TIMEOUT:g} s"
    assert elapsed < TIMEOUT * 1.5  # 1.5 s to the redirect, then what is left of 2 s, not 2 s more


def test_a_normal_page_waits_its_turn_behind_trickling_pages_and_arrives(trickling):
    """README, Feeds: time a request waits for one of its host's per_host_concurrency slots is not
    charged to its timeout; trickling pages hold a slot for fetch.timeout at most."""
    fetch = Fetch(allow_hosts=["127.0.0.1"], timeout=TIMEOUT, per_host_concurrency=2, max_parallel=8)
    with Fetcher(fetch) as fetcher, ThreadPoolExecutor(max_workers=5) as pool:
        slow = [pool.submit(timed_get, fetcher, trickling.url(f"/body{i}")) for i in range(4)]
        wait_until(lambda: trickling.opened("/body") == 2)  # both slots held, two more waiting
        normal = pool.submit(timed_get, fetcher, trickling.url("/normal.html")).result()
        slow_outcomes = [f.result()[1] for f in slow]
    elapsed, outcome = normal
    assert outcome == "ok"  # after about two timeouts in the queue, more than its own timeout
    assert elapsed < TIMEOUT * 3  # each trickling page had its slot for one timeout at most
    assert slow_outcomes == [f"timed out after {TIMEOUT:g} s"] * 4


def test_a_pass_ends_within_the_host_budget_however_many_pages_trickle(trickling, store, tmp_path):
    """README, Feeds: no host holds a pass longer than fetch.host_budget_seconds; its pages left
    over fail at once with that reason, and the other hosts' pages arrive."""
    from pytest_httpserver import HTTPServer

    budget = 5.0
    good = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    good.start()
    try:
        good.expect_request("/good.html").respond_with_data(NORMAL, content_type="text/html")
        hostile = [trickling.url(f"/{'head' if i % 2 else 'body'}{i}") for i in range(12)]
        entries = [(f"Page {i}", url, "") for i, url in enumerate([good.url_for("/good.html"), *hostile])]
        serve_feed(good, "/feed.xml", rss(entries), '"f"')
        settings = settings_for([FeedSource(url=good.url_for("/feed.xml"))], timeout=TIMEOUT,
                                host_budget_seconds=budget, per_host_concurrency=2)
        settings = settings.model_copy(update={"alerts": settings.alerts.model_copy(
            update={"console": False, "outbox_dir": tmp_path / "outbox"})})
        start = time.monotonic()
        report, tally = pipeline.run_pass(settings, store)
        elapsed = time.monotonic() - start
    finally:
        good.stop()
    held = max(c.closed or time.monotonic() for c in trickling.connections) - min(
        c.opened for c in trickling.connections)
    reasons = {f.source: f.reason for f in tally.fetch_failures}
    assert held < budget + 1.0  # a dozen pages, two at a time, a timeout each: 12 s without a budget
    assert elapsed < budget * 2
    assert set(reasons) == set(hostile)
    spent = [r for r in reasons.values() if "for this pass" in r]
    assert spent and all(r.startswith("not fetched: 127.0.0.1:") for r in spent)
    assert tally.ingested == 1


def test_the_host_budget_is_four_timeouts_unless_configured():
    """README, Configuration: fetch.host_budget_seconds unset (as config/storywatch.yaml ships it)
    means four times fetch.timeout."""
    shipped = load_settings(ROOT / "config" / "storywatch.yaml").fetch
    assert shipped.host_budget_seconds is None and shipped.host_budget == 4 * shipped.timeout == 60
    assert Fetch(timeout=5).host_budget == 20 and Fetch(host_budget_seconds=7).host_budget == 7
