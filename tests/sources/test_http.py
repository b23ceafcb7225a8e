"""fetch(): the network policy, redirects hop by hop, one deadline, the size cap, retries, the proxy."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from source_servers import LocalServer, Socks5Proxy

from breachlens.errors import ConfigurationError, SourceError
from breachlens.sources.http import FetchPolicy, address_problem, check_url, fetch

_real_getaddrinfo = socket.getaddrinfo


def fake_dns(monkeypatch: pytest.MonkeyPatch, names: dict[str, list[str]]) -> list[str]:
    """Answer ``names`` from a table (no network); other hosts resolve as usual. Returns the names looked up."""
    looked_up: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        looked_up.append(str(host))
        if str(host).endswith(".onion"):
            raise AssertionError(f"{host} must not be resolved locally")
        if host in names:
            if not names[host]:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port))
                    for addr in names[host]]
        return _real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return looked_up


def refused(url: str, policy: FetchPolicy) -> str:
    with pytest.raises(SourceError) as caught:
        fetch(url, policy)
    message = str(caught.value)
    assert "Traceback" not in message
    return message


def test_fetches_a_page(server: LocalServer, policy: FetchPolicy) -> None:
    page = fetch(server.url("/page.html"), policy)
    assert (page.url, page.status, page.content_type, page.charset) == (server.url("/page.html"), 200, "text/html",
                                                                        "utf-8")
    assert "négociable" in page.content.decode()
    assert server.headers["/page.html"]["user-agent"].startswith("breachlens/")


def test_loopback_is_refused_without_allow_hosts(server: LocalServer) -> None:
    url = server.url("/page.html")
    message = refused(url, FetchPolicy(timeout=2))
    assert url in message and "loopback" in message and "allow" in message
    assert server.hits["/page.html"] == 0  # refused before connecting


def test_allow_private_lets_everything_through(server: LocalServer) -> None:
    assert fetch(server.url("/page.html"), FetchPolicy(allow_private=True, timeout=2)).status == 200


@pytest.mark.parametrize(("path", "address", "kind"), [
    ("/redirect-private", "10.1.2.3", "private"),
    ("/redirect-metadata", "169.254.169.254", "link-local"),
])
def test_redirect_to_private_address_is_refused(server: LocalServer, policy: FetchPolicy, path: str, address: str,
                                                kind: str) -> None:
    message = refused(server.url(path), policy)
    assert server.url(path) in message and f"redirected to http://{address}/" in message
    assert f"{kind} address ({address})" in message and "refused" in message


def test_relative_redirect_is_followed_and_recorded(server: LocalServer, policy: FetchPolicy) -> None:
    page = fetch(server.url("/redirect-page"), policy)
    assert page.url == server.url("/page.html") and page.redirects == [server.url("/redirect-page")]


def test_redirect_loop_stops(server: LocalServer, policy: FetchPolicy) -> None:
    message = refused(server.url("/redirect-loop"), policy)
    assert "too many redirects (more than 5)" in message and server.url("/redirect-loop") in message
    assert server.hits["/redirect-loop"] == 6


def test_redirect_to_another_scheme_is_refused(server: LocalServer, policy: FetchPolicy) -> None:
    message = refused(server.url("/redirect-file"), policy)
    assert "redirected to file:///etc/passwd" in message and "only http and https" in message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/"])
def test_only_http_and_https(url: str, policy: FetchPolicy) -> None:
    message = refused(url, policy)
    assert url in message and "only http and https" in message


def test_stalling_server_times_out(server: LocalServer) -> None:
    url = server.url("/stall")
    started = time.monotonic()
    message = refused(url, FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), timeout=0.5, backoff=0.01))
    assert time.monotonic() - started < 2
    assert f"{url}: timed out after 0.5 s" in message


def test_one_deadline_for_a_body_that_trickles(server: LocalServer) -> None:
    url = server.url("/drip")
    started = time.monotonic()
    message = refused(url, FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), timeout=0.6))
    assert time.monotonic() - started < 2
    assert "timed out after 0.6 s" in message and url in message


def test_retries_503_then_succeeds(server: LocalServer, policy: FetchPolicy) -> None:
    feed = fetch(server.url("/flaky"), policy)
    assert feed.status == 200 and server.hits["/flaky"] == 3


def test_gives_up_after_retries(server: LocalServer, policy: FetchPolicy) -> None:
    message = refused(server.url("/always-503"), policy)
    assert "HTTP 503 Service Unavailable" in message and "after 3 attempts" in message
    assert server.hits["/always-503"] == 3


def test_4xx_is_not_retried(server: LocalServer, policy: FetchPolicy) -> None:
    message = refused(server.url("/missing"), policy)
    assert "HTTP 404 Not Found" in message and server.url("/missing") in message
    assert server.hits["/missing"] == 1


def test_retry_after_is_respected(server: LocalServer, policy: FetchPolicy) -> None:
    started = time.monotonic()
    assert fetch(server.url("/busy"), policy).status == 200
    assert time.monotonic() - started >= 0.9 and server.hits["/busy"] == 2


def test_retry_after_past_the_deadline_gives_up_at_once(server: LocalServer, policy: FetchPolicy) -> None:
    started = time.monotonic()
    message = refused(server.url("/busy-long"), policy)
    assert time.monotonic() - started < 1
    assert "HTTP 429" in message and "retry after 120 s" in message and server.hits["/busy-long"] == 1


def test_connection_refused_is_retried_then_reported(policy: FetchPolicy) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed when the block ends: nothing listens there any more
    url = f"http://127.0.0.1:{port}/"
    message = refused(url, policy)
    assert url in message and "cannot connect" in message and "after 3 attempts" in message


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_body_past_max_bytes_is_refused(server: LocalServer, path: str) -> None:
    server.big_size = 5000
    policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), max_bytes=4096, timeout=3)
    message = refused(server.url(path), policy)
    assert server.url(path) in message and "too large" in message and "4096" in message
    server.big_size = 4000
    assert len(fetch(server.url(path), policy).content) >= 4000


def test_host_is_resolved_once_and_the_checked_address_is_used(server: LocalServer,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up = fake_dns(monkeypatch, {"feeds.example.test": ["127.0.0.1"]})
    url = f"http://feeds.example.test:{server.port}/echo-host"
    page = fetch(url, FetchPolicy(allow_hosts=frozenset({"feeds.example.test"}), timeout=3))
    assert page.content.decode() == f"feeds.example.test:{server.port}" and page.url == url
    assert looked_up.count("feeds.example.test") == 1


@pytest.mark.parametrize(("addresses", "kind", "address"), [
    (["10.0.0.5"], "private", "10.0.0.5"),
    (["93.184.216.34", "127.0.0.1"], "loopback", "127.0.0.1"),
    (["::ffff:192.168.1.1"], "private", "::ffff:192.168.1.1"),
    (["fe80::1"], "link-local", "fe80::1"),
    (["0.0.0.0"], "unspecified", "0.0.0.0"),
    (["224.0.0.1"], "multicast", "224.0.0.1"),
])
def test_names_that_resolve_to_internal_addresses_are_refused(monkeypatch: pytest.MonkeyPatch, addresses: list[str],
                                                              kind: str, address: str) -> None:
    fake_dns(monkeypatch, {"intranet.example.test": addresses})
    message = refused("http://intranet.example.test/feed", FetchPolicy(timeout=2))
    assert "http://intranet.example.test/feed" in message
    assert f"resolves to a {kind} address (intranet.example.test -> {address})" in message


def test_unknown_host(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dns(monkeypatch, {"nowhere.example.test": []})
    message = refused("https://nowhere.example.test/", FetchPolicy(timeout=2))
    assert "https://nowhere.example.test/" in message and "cannot be resolved" in message


def test_onion_needs_a_proxy() -> None:
    message = refused("http://breachforumsxyzabc.onion/thread/1", FetchPolicy(timeout=2))
    assert "http://breachforumsxyzabc.onion/thread/1" in message and "--proxy socks5://127.0.0.1:9050" in message


def test_proxy_gets_the_host_name_unresolved(server: LocalServer, socks_proxy: Socks5Proxy,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up = fake_dns(monkeypatch, {})
    policy = FetchPolicy(proxy=f"socks5://127.0.0.1:{socks_proxy.port}", timeout=3)
    page = fetch("http://leaksiteabcdefgh.onion/page.html", policy)
    assert page.status == 200 and b"Forum" in page.content
    assert socks_proxy.requested == [("domain", "leaksiteabcdefgh.onion", 80)]
    assert not any(name.endswith(".onion") for name in looked_up)
    assert server.headers["/page.html"]["host"] == "leaksiteabcdefgh.onion"


def test_proxy_does_not_open_internal_ip_literals(socks_proxy: Socks5Proxy) -> None:
    policy = FetchPolicy(proxy=f"socks5://127.0.0.1:{socks_proxy.port}", timeout=2)
    message = refused("http://192.168.0.1/admin", policy)
    assert "private address (192.168.0.1)" in message and socks_proxy.requested == []


def test_unreachable_proxy_is_reported() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    policy = FetchPolicy(proxy=f"socks5://127.0.0.1:{port}", timeout=2, retries=0)
    message = refused("http://leaksiteabcdefgh.onion/", policy)
    assert "http://leaksiteabcdefgh.onion/" in message and ("proxy" in message or "cannot connect" in message)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"proxy": "ftp://127.0.0.1:21"}, "unsupported proxy scheme"),
    ({"timeout": 0}, "timeout must be positive"),
    ({"max_bytes": 0}, "max_bytes must be positive"),
    ({"retries": -1}, "cannot be negative"),
])
def test_bad_policies_are_configuration_errors(kwargs: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigurationError, match=words):
        FetchPolicy(**kwargs)


@pytest.mark.parametrize(("address", "problem"), [
    ("8.8.8.8", None), ("2606:4700:4700::1111", None), ("127.0.0.1", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("fd00::1", "private"), ("100.64.0.1", "not globally routable"),
    ("240.0.0.1", "reserved"), ("::ffff:127.0.0.1", "loopback"),
])
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(address) == problem


def test_check_url_allows_listed_hosts_only() -> None:
    policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}))
    assert check_url("http://127.0.0.1:8080/x", policy) == ["127.0.0.1"]
    with pytest.raises(SourceError, match="private address"):
        check_url("http://10.0.0.1/", policy)


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[LocalServer, str]]:
    """The local server over TLS, with a self-signed certificate for feeds.example.test (made by openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=feeds.example.test", "-addext", "subjectAltName=DNS:feeds.example.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=30)
    local = LocalServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    local.httpd.socket = context.wrap_socket(local.httpd.socket, server_side=True)
    local.thread.start()
    try:
        yield local, str(cert)
    finally:
        local.release.set()
        local.httpd.shutdown()
        local.httpd.server_close()


def test_https_to_the_checked_address_keeps_sni_and_verification(https_server: tuple[LocalServer, str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server, ca_bundle = https_server
    fake_dns(monkeypatch, {"feeds.example.test": ["127.0.0.1"]})
    url = f"https://feeds.example.test:{server.port}/echo-host"
    allowed = frozenset({"feeds.example.test"})
    page = fetch(url, FetchPolicy(allow_hosts=allowed, ca_bundle=ca_bundle, timeout=3))
    assert page.content.decode() == f"feeds.example.test:{server.port}"
    message = refused(url, FetchPolicy(allow_hosts=allowed, timeout=3, retries=0))  # not trusted without the CA
    assert url in message and "certificate" in message.lower()
