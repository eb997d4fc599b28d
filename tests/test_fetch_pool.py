"""The Fetcher sends its requests on the connection pool directly (sources/http.py), not through
httpx.Client: the same bytes must go on the wire, and the same page, refusal or reason come back,
as through httpx.Client (still used for cookies, credentials in the URL, httpx's request log).
Each case is fetched both ways from a socket server that records the request and sends a scripted
answer."""

from __future__ import annotations

import gzip
import logging
import socket
import threading
import zlib
from collections.abc import Iterator

import pytest

from storywatch.config import Fetch
from storywatch.sources import Fetcher, FetchFailed

from .conftest import read_request_head

PAGE = ("<html><head><title>Page</title></head><body><p>" + "Words of a page. " * 16000
        + "</p></body></html>").encode()


def answer(status: str, headers: list[tuple[str, str]], body: bytes = b"", length: bool = True) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers)]
    if length:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def chunked(body: bytes, size: int = 7000) -> bytes:
    parts = [f"{len(body[i:i + size]):x}\r\n".encode() + body[i:i + size] + b"\r\n"
             for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


BOMB = gzip.compress(b"a" * 3_000_000)
EXACT = gzip.compress(PAGE[:200_000])  # inflates to exactly the cap of the case below
CASES = {
    "page": (answer("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1"), ("ETag", '"v1"'),
                               ("Last-Modified", "Wed, 05 Nov 2025 08:00:00 GMT"), ("X-Twice", "a"),
                               ("x-twice", "b")], PAGE), {}),
    "gzip": (answer("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                    gzip.compress(PAGE)), {}),
    "deflate": (answer("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "deflate")],
                       zlib.compress(PAGE)), {}),
    "bomb": (answer("200 OK", [("Content-Encoding", "gzip")], BOMB), {"max_bytes": 1_000_000}),
    "exactly the cap, inflated": (answer("200 OK", [("Content-Encoding", "gzip")], EXACT),
                                  {"max_bytes": 200_000}),
    "one byte over the cap, inflated": (answer("200 OK", [("Content-Encoding", "gzip")], EXACT),
                                        {"max_bytes": 199_999}),
    "body over the cap": (answer("200 OK", [], PAGE, length=False), {"max_bytes": 100_000}),
    "length over the cap": (answer("200 OK", [], PAGE), {"max_bytes": 100_000}),
    "chunked": (answer("200 OK", [("Transfer-Encoding", "chunked")], chunked(PAGE), length=False), {}),
    "not modified": (answer("304 Not Modified", [("ETag", '"v1"')]), {}),
    "retry after": (answer("503 Busy Now", [("Retry-After", "120")], b"later"), {}),
    "no reason phrase": (answer("404 ", [], b"gone"), {}),
    "not a page": (answer("201 Created", [], b"x"), {}),
    "unknown encoding": (answer("200 OK", [("Content-Encoding", "br")], b"x"), {}),
    "redirect": (answer("301 Moved Permanently", [("Location", " /elsewhere?x=1 ")]), {}),
    "redirect without a location": (answer("302 Found", []), {}),
    "truncated": (answer("200 OK", [("Content-Length", "900000")], PAGE, length=False), {}),
    "not http": (b"SSH-2.0-OpenSSH_9.6\r\n", {}),
}


class Scripted:
    """A server on 127.0.0.1 that records each request's bytes and answers with `reply`."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.reply = b""
        self.requests: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.requests.append(read_request_head(conn))
                conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    server = Scripted()
    yield server
    server.close()


def counting(send, calls: list):
    def counted(*args, **kwargs):
        calls.append(args)
        return send(*args, **kwargs)
    return counted


def fetch_both_ways(server: Scripted, fetch: Fetch, urls: list[str], **kwargs) -> list[tuple]:
    """Each URL fetched in turn by a new Fetcher on the pool and by one through httpx.Client: what
    came back (or the reason and Retry-After), the request's bytes, the cookies kept; last, how
    many requests the first Fetcher sent through httpx.Client."""
    outcomes: list = []
    for plain in (True, False):
        fetcher = Fetcher(fetch)
        if not plain:
            fetcher._plain = lambda url: False  # type: ignore[method-assign]
        else:
            fetcher.client.stream = counting(fetcher.client.stream, through_client := [])  # type: ignore[method-assign]
        seen = []
        with fetcher:
            for url in urls:
                server.requests.clear()
                try:
                    result: object = fetcher.get(url, "text/html", **kwargs)
                except FetchFailed as exc:
                    result = (str(exc), exc.retry_after)
                seen.append((result, list(server.requests)))
            seen.append(sorted((c.name, c.value, c.domain, c.path) for c in fetcher.client.cookies.jar))
        outcomes.append(seen)
    return [*outcomes, len(through_client)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_pool_gives_what_httpx_client_gives(scripted, case):
    scripted.reply, settings = CASES[case]
    fetch = Fetch(allow_hosts=["127.0.0.1"], timeout=5, max_redirects=0, **settings)
    url = f"http://127.0.0.1:{scripted.port}/p\u00e4ge/one two?q=a b&r=\u00fc"
    on_pool, through_client, sent_through_client = fetch_both_ways(
        scripted, fetch, [url], etag='"v0"', last_modified="Tue, 04 Nov 2025 08:00:00 GMT")
    assert on_pool == through_client
    assert on_pool[0][1], "the server saw the request"
    assert sent_through_client == 0


def test_cookies_and_credentials_are_sent_as_httpx_client_sends_them(scripted):
    scripted.reply = answer("200 OK", [("Set-Cookie", "session=abc; Path=/"), ("Content-Type", "text/html")],
                            PAGE)
    fetch = Fetch(allow_hosts=["127.0.0.1"], timeout=5)
    base = f"http://127.0.0.1:{scripted.port}"
    on_pool, through_client, sent_through_client = fetch_both_ways(
        scripted, fetch, [f"{base}/first", f"{base}/second", f"http://user:secret@127.0.0.1:{scripted.port}/x"])
    assert on_pool == through_client
    assert sent_through_client == 2  # the first had no cookie to send yet
    assert b"Cookie: session=abc" in on_pool[1][1][0]
    assert b"Authorization: Basic " in on_pool[2][1][0]


def test_httpx_request_log_is_kept_when_it_is_on(scripted, caplog):
    scripted.reply = answer("200 OK", [("Content-Type", "text/html")], PAGE)
    with caplog.at_level(logging.INFO, logger="httpx"), \
            Fetcher(Fetch(allow_hosts=["127.0.0.1"], timeout=5)) as fetcher:
        fetcher.get(f"http://127.0.0.1:{scripted.port}/logged", "text/html")
    assert any("HTTP Request: GET" in r.getMessage() and "/logged" in r.getMessage() for r in caplog.records)


def test_the_guard_refuses_on_the_pool_as_before():
    refused = "refused: 127.0.0.1 resolves"
    with Fetcher(Fetch(timeout=5)) as fetcher, pytest.raises(FetchFailed, match=refused):
        fetcher.get("http://127.0.0.1:9/", "text/html")
