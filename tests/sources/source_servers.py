"""Local servers for the connector tests: an HTTP server on 127.0.0.1 with one route per behaviour, and a
minimal SOCKS5 proxy that records what it was asked to reach and forwards everything to that HTTP server."""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Breach Watch</title><link>http://news.test/</link>
<description>news</description>
<item><title>ACME Corp database for sale</title><link>http://news.test/acme</link>
<author>desk@news.test (Desk)</author><guid isPermaLink="false">acme-1</guid><category>sale</category>
<pubDate>Fri, 01 Mar 2024 13:00:00 +0100</pubDate>
<description>&lt;p&gt;A seller offers &lt;b&gt;2 million&lt;/b&gt; records of ACME Corp.&lt;/p&gt;</description></item>
<item><title>Globex leak</title><link>http://news.test/globex</link>
<pubDate>Sat, 02 Mar 2024 08:30:00 GMT</pubDate><description>Globex data published.</description></item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Leak Tracker</title><id>urn:tracker</id>
<updated>2024-03-05T10:00:00Z</updated>
<entry><title>Initech breach claimed</title><id>urn:initech</id><link href="http://tracker.test/initech"/>
<author><name>Analyst One</name></author><updated>2024-03-05T10:00:00+02:00</updated>
<summary>short</summary>
<content type="html">&lt;p&gt;The actor claims 500k Initech customer records.&lt;/p&gt;</content></entry>
</feed>"""

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Forum</title></head>
<body><h1>Vente base de données Société Générale-ish</h1><p>22 millions de lignes, prix négociable.</p></body></html>"""

LATIN1_PAGE = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
               "<body><p>Donn\u00e9es vol\u00e9es \u2013 2 000 \u20ac</p></body></html>").encode("cp1252")

GARBAGE = bytes(range(256)) * 8

Route = Callable[[BaseHTTPRequestHandler, int], None]


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str = "text/plain",
          headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


def _redirect(location: str) -> Route:
    return lambda handler, _hit: _send(handler, 302, b"", headers={"Location": location})


class LocalServer:
    """A real HTTP server on 127.0.0.1 (port 0), one route per behaviour under test."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}
        self.release = threading.Event()
        self.extra: dict[str, bytes] = {}
        self.big_size = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                path = self.path.split("?", 1)[0]
                server.hits[path] += 1
                server.headers[path] = {key.lower(): value for key, value in self.headers.items()}
                route = server.routes.get(path)
                try:
                    if route is None:
                        _send(self, 404, b"not found")
                    else:
                        route(self, server.hits[path])
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.routes: dict[str, Route] = {
            "/rss.xml": lambda h, _: _send(h, 200, RSS.encode(), "application/rss+xml; charset=utf-8"),
            "/atom.xml": lambda h, _: _send(h, 200, ATOM.encode(), "application/atom+xml"),
            "/feed-as-xml": lambda h, _: _send(h, 200, RSS.encode(), "text/xml"),
            "/page.html": lambda h, _: _send(h, 200, PAGE.encode(), "text/html; charset=utf-8"),
            "/latin1.html": lambda h, _: _send(h, 200, LATIN1_PAGE, "text/html"),
            "/image.png": lambda h, _: _send(h, 200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
            "/garbage": lambda h, _: _send(h, 200, GARBAGE, "application/rss+xml"),
            "/garbage-untyped": lambda h, _: _send(h, 200, GARBAGE, "application/octet-stream"),
            "/missing": lambda h, _: _send(h, 404, b"nope"),
            "/stall": self._stall,
            "/drip": self._drip,
            "/redirect-private": _redirect("http://10.1.2.3/"),
            "/redirect-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
            "/redirect-page": _redirect("/page.html"),
            "/redirect-loop": _redirect("/redirect-loop"),
            "/redirect-file": _redirect("file:///etc/passwd"),
            "/flaky": self._flaky,
            "/always-503": lambda h, _: _send(h, 503, b"down"),
            "/busy": self._busy,
            "/busy-long": lambda h, _: _send(h, 429, b"slow down", headers={"Retry-After": "120"}),
            "/big": lambda h, _: _send(h, 200, b"a" * self.big_size),
            "/big-stream": self._big_stream,
            "/echo-host": lambda h, _: _send(h, 200, h.headers.get("Host", "").encode()),
            "/extra": lambda h, _: _send(h, 200, self.extra.get("/extra", b"{}"), "application/json"),
        }
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _stall(self, handler: BaseHTTPRequestHandler, _hit: int) -> None:
        self.release.wait(10)  # never answers while the test runs

    def _drip(self, handler: BaseHTTPRequestHandler, _hit: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        for _ in range(1000):  # one byte every 50 ms: every read is quick, the whole body is not
            if self.release.wait(0.05):
                return
            handler.wfile.write(b"x")
            handler.wfile.flush()

    def _flaky(self, handler: BaseHTTPRequestHandler, hit: int) -> None:
        if hit <= 2:
            _send(handler, 503, b"try later")
        else:
            _send(handler, 200, RSS.encode(), "application/rss+xml")

    def _busy(self, handler: BaseHTTPRequestHandler, hit: int) -> None:
        if hit == 1:
            _send(handler, 429, b"slow down", headers={"Retry-After": "1"})
        else:
            _send(handler, 200, PAGE.encode(), "text/html")

    def _big_stream(self, handler: BaseHTTPRequestHandler, _hit: int) -> None:
        handler.send_response(200)  # HTTP/1.0, no Content-Length: the body ends when the connection closes
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        for _ in range(self.big_size // 256 + 1):
            handler.wfile.write(b"b" * 256)




def _exact(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


class Socks5Proxy:
    """Just enough SOCKS5 (no auth, CONNECT) to check that the host name reaches the proxy unresolved."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.requested: list[tuple[str, str, int]] = []  # (address type, host, port)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn:
            _version, methods = _exact(conn, 2)
            _exact(conn, methods)
            conn.sendall(b"\x05\x00")
            _version, _command, _reserved, kind = _exact(conn, 4)
            if kind == 3:
                host, name = _exact(conn, _exact(conn, 1)[0]).decode(), "domain"
            elif kind == 1:
                host, name = socket.inet_ntoa(_exact(conn, 4)), "ipv4"
            else:
                host, name = socket.inet_ntop(socket.AF_INET6, _exact(conn, 16)), "ipv6"
            (port,) = struct.unpack("!H", _exact(conn, 2))
            self.requested.append((name, host, port))
            with socket.create_connection(("127.0.0.1", self.target_port), timeout=5) as upstream:
                conn.sendall(b"\x05\x00\x00\x01" + bytes(6))
                self._pipe(conn, upstream)

    def _pipe(self, left: socket.socket, right: socket.socket) -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not self.stop.is_set():
            ready, _, _ = select.select([left, right], [], [], 0.05)
            for sock in ready:
                data = sock.recv(65536)
                if not data:
                    return
                (right if sock is left else left).sendall(data)
