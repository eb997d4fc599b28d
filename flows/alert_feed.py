"""The Atom feed of alerts, for people: `storywatch alerts --atom` prints it, and `storywatch serve`
serves it over HTTP beside the flows, so any feed reader can subscribe to all alerts or to one
figure's (as to a Google Alert or a changedetection.io watch).

    /                         an index page linking the feeds (and announcing them to readers)
    /alerts.atom              every alert, newest first
    /alerts.atom?figure=NAME  one figure's, by name or alias in any case
    /figures/<slug>.atom      one figure's: /figures/sergei-lavrov.atom, /figures/lavrov.atom

The server is the standard library's threading HTTP server: read-only, GET and HEAD, bound to
127.0.0.1 unless configured otherwise; each request reads the store, so a new alert shows at once.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import threading
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from storywatch.alerts import ATOM_TYPE, atom_feed, figure_slug
from storywatch.config import Settings
from storywatch.errors import StorageError, StorywatchError
from storywatch.storage import Store

log = logging.getLogger("storywatch.atom")
_HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


class UnknownFigure(StorywatchError):
    """A feed was asked for a figure that is not on the watchlist."""


def find_watched(settings: Settings, given: str) -> str | None:
    """The watchlist name of a figure given by its name, an alias (in any case) or its URL slug;
    None when nobody on the watchlist goes by it."""
    wanted = " ".join(given.split()).casefold()
    for figure in settings.watchlist:
        names = (figure.name, *figure.aliases)
        if wanted in {" ".join(n.split()).casefold() for n in names} | {figure_slug(n) for n in names}:
            return figure.name
    return None


def watched_figure(settings: Settings, given: str) -> str:
    """find_watched's answer, or an UnknownFigure error that names who is watched."""
    name = find_watched(settings, given)
    if name is None:
        watched = ", ".join(f.name for f in settings.watchlist) or "nobody"
        raise UnknownFigure(f"{given!r} is not on the watchlist (watched: {watched}); "
                            f"give a name or an alias")
    return name


def alert_feed_document(settings: Settings, store: Store, figure: str | None, now: datetime,
                        self_url: str | None = None) -> bytes:
    """The Atom document of the newest alerts, all of them or one watched figure's."""
    name = watched_figure(settings, figure) if figure else None
    alerts = store.alerts(limit=settings.atom_feed.entries, figure=name)
    return atom_feed(alerts, now, name, self_url)


class AlertFeedServer(ThreadingHTTPServer):
    """Serves the feeds of one store and watchlist until shutdown()."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, settings: Settings, store: Store, host: str, port: int):
        self.settings = settings
        self.store = store
        super().__init__((host, port), AlertFeedHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def start_alert_feed_server(settings: Settings, store: Store, host: str, port: int) -> AlertFeedServer:
    """Bind HOST:PORT (0: any free port) and serve on a daemon thread; StorywatchError if it cannot."""
    try:
        server = AlertFeedServer(settings, store, host, port)
    except OSError as exc:
        raise StorywatchError(f"the Atom feed cannot listen on {host}:{port}: {exc.strerror or exc}; "
                              f"pass --feed-port with a free port, or set atom_feed.port "
                              f"(atom_feed.enabled: false turns it off)") from exc
    threading.Thread(target=server.serve_forever, name="storywatch-atom", daemon=True).start()
    return server


def serve_alert_feed(settings: Settings, port: int | None = None) -> AlertFeedServer | None:
    """For `storywatch serve`: the feed server on its own store, unless turned off in the config."""
    if not settings.atom_feed.enabled:
        return None
    store = Store.open(settings.storage.url)
    return start_alert_feed_server(settings, store, settings.atom_feed.host,
                                   settings.atom_feed.port if port is None else port)


class AlertFeedHandler(BaseHTTPRequestHandler):
    server: AlertFeedServer
    server_version = "storywatch"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a connection may sit idle: a silent client does not keep a thread forever

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        parts = urlsplit(self.path)
        try:
            if parts.path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._index(), with_body)
                return
            figure = self._figure(parts.path, parts.query)
            settings = self.server.settings
            body = alert_feed_document(settings, self.server.store, figure, datetime.now(UTC),
                                       self._self_url())
        except KeyError:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8",
                       b"not found: the feeds are /alerts.atom and /figures/<name>.atom (see /)\n", with_body)
            return
        except UnknownFigure as exc:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", f"{exc}\n".encode(), with_body)
            return
        except StorageError as exc:
            log.warning("Atom feed %s: %s", parts.path, exc)
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                       b"the alerts cannot be read right now; try again later\n", with_body)
            return
        except Exception:  # one bad request must not take the server down; the reason goes to the log
            log.exception("Atom feed %s failed", parts.path)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                       b"internal error; see storywatch's log\n", with_body)
            return
        self._send(HTTPStatus.OK, ATOM_TYPE, body, with_body, cacheable=True)

    def _figure(self, path: str, query: str) -> str | None:
        """The figure a feed path asks for (None: all); KeyError for a path that is no feed."""
        if path == "/alerts.atom":
            given = parse_qs(query).get("figure")
            return given[0] if given and given[0].strip() else None
        if path.startswith("/figures/") and path.endswith(".atom"):
            name = unquote(path[len("/figures/"):-len(".atom")])
            if name and "/" not in name:
                return name
        raise KeyError(path)

    def _index(self) -> bytes:
        links = [("/alerts.atom", "All alerts")] + [
            (f"/figures/{figure_slug(f.name)}.atom", f.name) for f in self.server.settings.watchlist]
        head = "".join(f'<link rel="alternate" type="application/atom+xml" title="{html.escape(t)}" '
                       f'href="{html.escape(h)}">' for h, t in links)
        items = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for h, t in links)
        return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>storywatch feeds</title>{head}"
                f"</head><body><h1>storywatch alerts as Atom feeds</h1><ul>{items}</ul></body></html>"
                ).encode()

    def _self_url(self) -> str:
        """The URL the reader asked for: its Host header when well formed, else our address."""
        host = self.headers.get("Host", "")
        base = f"http://{host}" if _HOST_HEADER.match(host) else self.server.url
        return base + self.path

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, with_body: bool,
              cacheable: bool = False) -> None:
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        if cacheable and etag in {t.strip() for t in self.headers.get("If-None-Match", "").split(",")}:
            status, body = HTTPStatus.NOT_MODIFIED, b""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if cacheable:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")  # revalidate: the ETag makes that cheap
        self.end_headers()
        if with_body and status != HTTPStatus.NOT_MODIFIED:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("%s %s", self.address_string(), format % args)
