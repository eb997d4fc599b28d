"""One HTTP client for feeds and pages: a whole-request deadline, a time budget per host and pass,
size cap, user agent, conditional GET, per-host politeness, and a guard that refuses private,
loopback and link-local addresses.

The guard sits where the socket is opened (a custom httpcore network backend): the host name is
resolved once, every address is checked, and the connection goes to the checked address. So DNS
rebinding between a check and the connect is not possible, and every redirect hop (followed here,
by hand, with follow_redirects=False) is checked the same way.

Requests go to that backend's connection pool directly (httpcore), as httpx's transport would send
them, with httpx's own URL, header and exception handling: httpx's client layers around it cost
more CPU than the rest of the fetch on a 240 KB page over loopback. A request for which those layers
would do something (cookies to send, credentials in the URL, httpx's request log on) goes through
the httpx client instead, on the same pool.

The deadline (fetch.timeout, for all hops of a request together) starts when the request has one of
its host's slots: waiting for a slot is not charged to it. deadlines.py carries it down to every
socket read, so a server that trickles bytes cannot stretch it.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from httpx._decoders import ByteChunker
from httpx._transports.default import map_httpcore_exceptions

from storywatch.config import Fetch
from storywatch.errors import Rejected
from storywatch.http_headers import retry_after_seconds

from .deadlines import BudgetSpent, Deadline, DeadlineStream, HostBudgets, bounded, request_deadline
from .urls import host_of

REDIRECTS = {301, 302, 303, 307, 308}
ENCODINGS = {"identity": None, "gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS,
             "deflate": zlib.MAX_WBITS}
CHUNK = 65_536
_HTTPX_LOG = logging.getLogger("httpx")  # httpx.Client logs each request here at INFO


class FetchFailed(Rejected):
    """A fetch that did not give a usable body; the message is the one-line reason."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.retry_after = retry_after


class ForbiddenAddress(OSError):
    """Raised inside the connection: the host resolves to an address the config does not allow."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str | None = None  # media type, lower case, no parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class AddressPolicy:
    """Which addresses may be fetched: public ones, plus what `fetch.allow_hosts` lists."""

    def __init__(self, allow_hosts: list[str], allow_private: bool):
        self.allow_private = allow_private
        self.hosts = {h.lower().strip("[]") for h in allow_hosts}
        self.networks = []
        for entry in allow_hosts:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                pass

    def resolve(self, host: str, port: int) -> list[str]:
        """The addresses to connect to; raises ForbiddenAddress if any of them is not allowed."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise OSError(f"cannot resolve {host}: {exc.strerror}") from exc
        # an IPv4 or IPv6 sockaddr (the only families getaddrinfo gives a host name): its host is text
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for address in addresses:
            if not self.allowed(host, address):
                raise ForbiddenAddress(f"{host} resolves to {address}, a private or reserved address "
                                       f"(allow it with fetch.allow_hosts)")
        return addresses

    def allowed(self, host: str, address: str) -> bool:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if ip.is_global and not ip.is_multicast:
            return True
        if self.allow_private or host.lower().strip("[]") in self.hosts or str(ip) in self.hosts:
            return True
        return any(ip in net for net in self.networks if net.version == ip.version)


class GuardedBackend(httpcore.SyncBackend):
    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last: Exception | None = None
        for address in self.policy.resolve(host, port):
            try:
                stream = super().connect_tcp(address, port, bounded(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
                return DeadlineStream(stream)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or OSError(f"no address for {host}")


def guarded_transport(policy: AddressPolicy, limits: httpx.Limits) -> httpx.HTTPTransport:
    # trust_env=False: an HTTP(S)_PROXY from the environment would make the proxy, not the target,
    # the address the guard checks.
    transport = httpx.HTTPTransport(limits=limits, trust_env=False)
    transport._pool = httpcore.ConnectionPool(  # same pool httpx builds, with the guarded backend
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(policy),
    )
    return transport


class Fetcher:
    """Thread-safe: fetch from many threads; at most `per_host_concurrency` requests per host. One
    Fetcher serves one pass: each host's time budget (fetch.host_budget_seconds) counts across it."""

    def __init__(self, fetch: Fetch, clock=time.monotonic):
        self.settings = fetch
        self.clock = clock
        self.policy = AddressPolicy(fetch.allow_hosts, fetch.allow_private)
        limits = httpx.Limits(max_connections=fetch.max_parallel * 2,
                              max_keepalive_connections=fetch.max_parallel)
        self.client = httpx.Client(
            transport=guarded_transport(self.policy, limits), follow_redirects=False,
            timeout=httpx.Timeout(fetch.timeout),
            headers={"User-Agent": fetch.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._pool: httpcore.ConnectionPool = self.client._transport._pool  # type: ignore[attr-defined]
        self._timeouts = self.client.timeout.as_dict()
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._budgets = HostBudgets(fetch.host_budget, clock)
        # URL -> monotonic time its Retry-After ends: within a pass, the URL that answered with a
        # Retry-After is not asked again before then; other URLs of its host are (a Retry-After
        # speaks of the resource that sent it, and per_host_concurrency already limits the host).
        self._blocked: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, accept: str, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET with redirects followed by hand; raises FetchFailed with a one-line reason."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        left = self.settings.timeout  # of the whole request's time, after the hops so far
        for _hop in range(self.settings.max_redirects + 1):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchFailed(f"refused: {scheme or 'no'} scheme in {url[:200]} (only http and https)")
            result, took = self._one_hop(url, headers, left)
            left -= took
            if isinstance(result, Fetched):
                return result
            url = result  # the next hop
        raise FetchFailed(f"more than {self.settings.max_redirects} redirects")

    def _one_hop(self, url: str, headers: dict, left: float) -> tuple[Fetched | str, float]:
        """One hop, once it has a slot of its host and the host has time left in this pass, in the
        `left` seconds the request has; with the seconds it took from then."""
        self._check_blocked(url)
        host = host_of(url)
        with self._semaphore(host), self._host_time(host) as host_ends:
            started = self.clock()
            deadline = min(started + left, host_ends)
            try:
                with request_deadline(Deadline(deadline, self.clock)):
                    return self._exchange(url, headers), self.clock() - started
            except httpx.TimeoutException as exc:
                if deadline == host_ends and self.clock() >= host_ends:
                    raise FetchFailed(self._budget_spent(host)) from exc
                raise FetchFailed(f"timed out after {self.settings.timeout:g} s") from exc

    def _exchange(self, url: str, headers: dict) -> Fetched | str:
        """The GET: the next hop's URL for a redirect, else the page; raises FetchFailed."""
        try:
            target = httpx.URL(url)
            if self._plain(target):
                return self._exchange_on_pool(url, target, headers)
            with self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response.status_code, response.headers, response.reason_phrase,
                                    response.iter_raw(CHUNK))
        except httpx.TimeoutException:
            raise  # _one_hop says which deadline passed
        except httpx.HTTPError as exc:
            raise FetchFailed(_http_error_reason(exc)) from exc
        except ForbiddenAddress as exc:  # raised by the guard before any connection
            raise FetchFailed(f"refused: {exc}") from exc
        except OSError as exc:  # name resolution, raised by the guard too
            raise FetchFailed(f"cannot connect: {' '.join(str(exc).split())[:200]}") from exc

    @contextmanager
    def _host_time(self, host: str) -> Iterator[float]:
        """The hop counted as its host's time in this pass; yields when the host's budget ends."""
        try:
            with self._budgets.hold(host) as host_ends:
                yield host_ends
        except BudgetSpent as exc:
            raise FetchFailed(self._budget_spent(host)) from exc

    def _budget_spent(self, host: str) -> str:
        return (f"not fetched: {host} had its {self.settings.host_budget:g} s for this pass "
                f"(fetch.host_budget_seconds); tried again on a later pass")

    def _plain(self, url: httpx.URL) -> bool:
        """Whether httpx.Client would send this request as its transport is given it and do nothing
        with the response but hand it on: no cookie to send or keep, no credentials in the URL
        (Basic auth), its request log off. (A Set-Cookie in the answer is kept by _keep_cookies.)"""
        return not (self.client.cookies.jar or url.username or url.password
                    or _HTTPX_LOG.isEnabledFor(logging.INFO))

    def _exchange_on_pool(self, url: str, target: httpx.URL, headers: dict) -> Fetched | str:
        """The GET on the connection pool, with the request httpx.Client builds (its headers, then
        the request's, after Host) and httpx's exceptions (map_httpcore_exceptions, as its
        transport raises them)."""
        merged = httpx.Headers(self.client.headers)
        merged.update(headers)
        request = httpcore.Request(
            "GET", httpcore.URL(scheme=target.raw_scheme, host=target.raw_host, port=target.port,
                                target=target.raw_path),
            headers=[(b"Host", target.netloc), *merged.raw], extensions={"timeout": self._timeouts})
        with map_httpcore_exceptions():
            response = self._pool.handle_request(request)
            try:
                answer = httpx.Headers(response.headers)
                if "set-cookie" in answer:
                    self._keep_cookies(target, merged, response.status, answer)
                reason = response.extensions.get("reason_phrase")
                phrase = (reason.decode("ascii", errors="ignore") if isinstance(reason, bytes)
                          else httpx.codes.get_reason_phrase(response.status))
                return self._answer(url, response.status, answer, phrase,
                                    response.iter_stream())
            finally:
                response.close()

    def _keep_cookies(self, target: httpx.URL, sent: httpx.Headers, status: int,
                      answer: httpx.Headers) -> None:
        """The cookies an answer sets, into the client's jar, as httpx.Client keeps them."""
        request = httpx.Request("GET", target, headers=sent)
        self.client.cookies.extract_cookies(httpx.Response(status, headers=answer, request=request))

    def _answer(self, url: str, status: int, headers: httpx.Headers, phrase: str,
                chunks: Iterable[bytes]) -> Fetched | str:
        """The next hop's URL for a redirect, else the page read from `chunks`; raises FetchFailed."""
        if status in REDIRECTS:
            location = headers.get("location")
            if not location:
                raise FetchFailed(f"HTTP {status} redirect without a Location")
            return urljoin(url, location.strip())
        return self._read(url, status, headers, phrase, chunks)

    def _read(self, url: str, status: int, headers: httpx.Headers, phrase: str,
              chunks: Iterable[bytes]) -> Fetched:
        if status == 304:
            return Fetched(url=url, status=304)
        if status >= 400:
            retry_after = retry_after_seconds(headers.get("retry-after"))
            if retry_after is not None:
                retry_after = min(retry_after, self.settings.retry_max_seconds)
                with self._lock:
                    self._blocked[url] = self.clock() + retry_after
            raise FetchFailed(f"HTTP {status} {phrase or ''}".strip(), retry_after)
        if status != 200:
            raise FetchFailed(f"HTTP {status}: not a page")
        limit = self.settings.max_bytes
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchFailed(f"too large: {int(length):,} bytes (limit {limit:,})")
        encoding = headers.get("content-encoding", "identity").strip().lower() or "identity"
        if encoding not in ENCODINGS:
            raise FetchFailed(f"unsupported content encoding {encoding!r}")
        body = _read_capped(chunks, ENCODINGS[encoding], limit)
        media_type, charset = _content_type(headers.get("content-type"))
        return Fetched(url=url, status=status, content=body, content_type=media_type, charset=charset,
                       etag=headers.get("etag"), last_modified=headers.get("last-modified"),
                       headers={k.lower(): v for k, v in headers.items()})

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(self.settings.per_host_concurrency)
            return self._hosts[host]

    def _check_blocked(self, url: str) -> None:
        with self._lock:
            until = self._blocked.get(url)
        if until is not None and self.clock() < until:
            raise FetchFailed(f"asked to wait (Retry-After) another {until - self.clock():.0f} s",
                              until - self.clock())


def _read_capped(chunks: Iterable[bytes], wbits: int | None, limit: int) -> bytes:
    """The body, decompressed by hand so that neither the wire nor the inflated size passes the cap.
    (Its reads end by the request's deadline: deadlines.py.) A compressed body is inflated in
    CHUNK-sized pieces of the wire, as they come from httpx's iter_raw(CHUNK), whatever pieces the
    connection gives; a plain one is the same bytes and the same cap in any pieces."""
    decoder = zlib.decompressobj(wbits) if wbits else None
    parts, size = [], 0
    try:
        for raw in (chunks if decoder is None else _rechunked(chunks, CHUNK)):
            if decoder is None:
                chunk = raw
            else:
                chunk = decoder.decompress(raw, limit + 1 - size)
                if decoder.unconsumed_tail:
                    raise FetchFailed(f"too large after decompression: over {limit:,} bytes "
                                      f"(a compression bomb?)")
            size += len(chunk)
            if size > limit:
                what = "after decompression" if decoder else "body"
                raise FetchFailed(f"too large: {what} over {limit:,} bytes")
            parts.append(chunk)
        if decoder is not None:
            tail = decoder.flush()
            if size + len(tail) > limit:
                raise FetchFailed(f"too large after decompression: over {limit:,} bytes")
            parts.append(tail)
    except zlib.error as exc:
        raise FetchFailed(f"corrupt compressed body: {exc}") from exc
    return b"".join(parts)


def _rechunked(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """`chunks` again in pieces of `size` bytes but the last, as httpx's iter_raw(size) gives them."""
    chunker = ByteChunker(size)
    for chunk in chunks:
        yield from chunker.decode(chunk)
    yield from chunker.flush()


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("'\"").lower() or None
    return media.strip().lower() or None, charset


def _http_error_reason(exc: httpx.HTTPError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ForbiddenAddress):
            return f"refused: {cause}"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectError):
        detail = " ".join(str(exc).split()) or "connection failed"
        return f"cannot connect: {detail[:200]}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"broken HTTP response: {' '.join(str(exc).split())[:200]}"
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
