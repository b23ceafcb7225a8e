"""Fixtures of the connector tests: the local HTTP server, a test network policy and a SOCKS5 proxy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from source_servers import LocalServer, Socks5Proxy

from breachlens.sources.http import FetchPolicy


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    local.thread.start()
    try:
        yield local
    finally:
        local.release.set()
        local.httpd.shutdown()
        local.httpd.server_close()


@pytest.fixture
def policy() -> FetchPolicy:
    """What the tests allow: the local server only, short timeouts, quick retries."""
    return FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), timeout=3.0, retries=2, backoff=0.01)


@pytest.fixture
def socks_proxy(server: LocalServer) -> Iterator[Socks5Proxy]:
    proxy = Socks5Proxy(server.port)
    proxy.thread.start()
    try:
        yield proxy
    finally:
        proxy.stop.set()
        proxy.thread.join(2)
        proxy.sock.close()
