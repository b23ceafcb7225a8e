"""Fetching one URL safely: the network policy, redirects checked hop by hop, one deadline, a size cap, retries.

Everything a source connector downloads goes through :func:`fetch`. The rules:

* only ``http`` and ``https`` URLs;
* the host is resolved here and every address it resolves to must be public: private, loopback, link-local
  (``169.254.169.254``, the cloud metadata service), multicast, reserved and unspecified addresses are refused
  unless :attr:`FetchPolicy.allow_private` is set or the host is listed in :attr:`FetchPolicy.allow_hosts`;
  the connection then goes to the address that was checked (no second DNS lookup an attacker could answer
  differently), with the host name kept for the ``Host`` header and TLS;
* redirects are followed here (at most :data:`MAX_REDIRECTS`) and every hop is checked the same way;
* one deadline (:attr:`FetchPolicy.timeout`) for the whole fetch, retries and redirects included;
* the body is streamed and the fetch stops past :attr:`FetchPolicy.max_bytes` (decoded bytes, so a compressed
  bomb is caught too);
* connection errors, 429 and 5xx are retried with exponential backoff (``Retry-After`` is respected when it
  fits before the deadline); other 4xx are not;
* with a proxy (``socks5://127.0.0.1:9050`` for Tor) the host name is sent to the proxy unresolved; ``.onion``
  hosts are only reachable that way.

Every failure is a :class:`~breachlens.errors.SourceError` that names the URL and says what happened; the
exceptions of httpx never leave this module. Environment proxy variables are ignored: the proxy is the policy's.

Example::

    >>> from breachlens.sources.http import FetchPolicy, fetch
    >>> page = fetch("https://example.com/feed.xml", FetchPolicy(timeout=10))  # doctest: +SKIP
    >>> page.status, page.content_type, len(page.content)  # doctest: +SKIP
    (200, 'application/rss+xml', 48213)
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from breachlens import __version__
from breachlens.errors import ConfigurationError, SourceError

__all__ = ["MAX_REDIRECTS", "FetchPolicy", "Fetched", "address_problem", "check_url", "fetch"]

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PROXY_SCHEMES = ("socks5", "socks5h", "http", "https")
_PROXY_HINT = "pass a Tor SOCKS proxy, for example --proxy socks5://127.0.0.1:9050"
_PRIVATE_HINT = "allow it explicitly (allow_private, or allow_hosts for this one host) if you trust this address"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """How :func:`fetch` may use the network.

    ``allow_hosts`` lists host names or IP literals (as written in URLs, lower case) that may resolve to
    non-public addresses, for example ``frozenset({"127.0.0.1"})`` in tests or an intranet feed server.
    ``retries`` is the number of extra attempts after the first; ``backoff`` the first wait in seconds
    (doubled at each retry).
    """

    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    max_bytes: int = 10_000_000
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 0.5
    proxy: str | None = None
    user_agent: str = f"breachlens/{__version__}"
    ca_bundle: str | None = None  # a PEM file of extra CA certificates (an intranet feed server's CA)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigurationError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.timeout <= 0:
            raise ConfigurationError(f"timeout must be positive, not {self.timeout}")
        if self.retries < 0 or self.backoff < 0:
            raise ConfigurationError("retries and backoff cannot be negative")
        if self.proxy is not None:
            try:
                scheme = httpx.URL(self.proxy).scheme
            except httpx.InvalidURL as exc:
                raise ConfigurationError(f"not a proxy URL: {exc}", input=self.proxy) from exc
            if scheme not in _PROXY_SCHEMES:
                raise ConfigurationError(f"unsupported proxy scheme {scheme!r}", input=self.proxy,
                                         hint="use socks5://host:port (Tor listens on socks5://127.0.0.1:9050)")
        object.__setattr__(self, "allow_hosts", frozenset(host.lower().strip("[]") for host in self.allow_hosts))


@dataclass(frozen=True)
class Fetched:
    """A successful fetch: the final URL (after redirects), its status, media type and body."""

    url: str
    status: int
    content_type: str  # media type without parameters, lower case ("" when the server sent none)
    content: bytes
    charset: str | None = None  # the charset parameter of Content-Type, when given
    redirects: list[str] = field(default_factory=list)  # the URLs that redirected, in order


@dataclass(frozen=True)
class _Target:
    """One request to send: where to connect and what to tell the server."""

    url: str  # the logical URL (host name kept)
    connect_url: httpx.URL  # the URL httpx connects to (host replaced by the checked address)
    headers: dict[str, str]
    extensions: dict[str, str]


def address_problem(address: str) -> str | None:
    """Why ``address`` may not be fetched by default (``"private"``, ``"loopback"``...), or None if public.

    Example::

        >>> address_problem("169.254.169.254"), address_problem("93.184.216.34")
        ('link-local', None)
    """
    ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def check_url(url: str, policy: FetchPolicy, *, origin: str | None = None) -> list[str]:
    """Check ``url`` against ``policy`` and return the addresses to connect to (empty with a proxy).

    ``origin`` is the URL the user gave when ``url`` is a redirect hop; errors then name both.
    Raises :class:`SourceError` when the URL is refused.
    """
    name = origin or url
    where = "" if origin is None or origin == url else f"redirected to {url}, which "
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise SourceError(f"{where}is not a valid URL: {exc}", input=name) from exc
    if parsed.scheme not in ("http", "https"):
        raise SourceError(f"{where}uses {parsed.scheme or 'no'} scheme; only http and https URLs can be fetched",
                          input=name)
    host = parsed.host.lower()
    if not host:
        raise SourceError(f"{where}has no host", input=name)
    allowed = policy.allow_private or host in policy.allow_hosts
    literal = _ip_literal(host)
    if host.endswith(".onion") and policy.proxy is None:
        raise SourceError(f"{where}is a Tor .onion address, reachable only through a proxy", input=name,
                          hint=_PROXY_HINT)
    if literal is not None:
        problem = None if allowed else address_problem(str(literal))
        if problem:
            raise SourceError(f"{where}is a {problem} address ({literal}); refused", input=name, hint=_PRIVATE_HINT)
        return [] if policy.proxy else [str(literal)]
    if policy.proxy:
        return []  # the proxy resolves the name (Tor must, for .onion); nothing leaks through local DNS
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise SourceError(f"{where}cannot be resolved: host {host!r}: {reason}", input=name,
                          hint="check the host name and your DNS") from exc
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    if not allowed:
        for address in addresses:
            problem = address_problem(address)
            if problem:
                raise SourceError(f"{where}resolves to a {problem} address ({host} -> {address}); refused",
                                  input=name, hint=_PRIVATE_HINT)
    if not addresses:
        raise SourceError(f"{where}cannot be resolved: host {host!r} has no address", input=name)
    return addresses


def _target(url: str, addresses: list[str], policy: FetchPolicy, attempt: int = 0) -> _Target:
    parsed = httpx.URL(url)
    headers = {"User-Agent": policy.user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
    extensions: dict[str, str] = {}
    if not addresses:
        return _Target(url, parsed, headers, extensions)
    address = addresses[attempt % len(addresses)]  # a retry tries the next address
    if _ip_literal(parsed.host) is None:
        headers["Host"] = parsed.netloc.decode("ascii").rsplit("@", 1)[-1]
        if parsed.scheme == "https":
            extensions["sni_hostname"] = parsed.host
    return _Target(url, parsed.copy_with(host=address), headers, extensions)


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def expired(self, url: str, what: str = "") -> SourceError:
        return SourceError(f"timed out after {self.seconds:g} s{what}", input=url,
                           hint="the server is too slow or stalls; try later or raise the timeout")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(exc: httpx.HTTPError) -> str:
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ProxyError):
        return f"the proxy failed: {reason}"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect: {reason}"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol: {reason}"
    if isinstance(exc, httpx.DecodingError):
        return f"the body cannot be decoded: {reason}"
    return f"the connection failed: {reason}"


@contextmanager
def _client(policy: FetchPolicy) -> Iterator[httpx.Client]:
    verify: ssl.SSLContext | bool = True
    if policy.ca_bundle:
        try:
            verify = ssl.create_default_context(cafile=policy.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigurationError(f"cannot load the CA bundle: {exc}", input=policy.ca_bundle) from exc
    with httpx.Client(proxy=policy.proxy, follow_redirects=False, trust_env=False, verify=verify) as client:
        yield client


def _read(response: httpx.Response, url: str, policy: FetchPolicy, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise SourceError(f"too large: {int(declared)} bytes, the limit is {policy.max_bytes}", input=url,
                          hint="raise max_bytes if this source is really that big")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise SourceError(f"too large: more than {policy.max_bytes} bytes", input=url,
                              hint="raise max_bytes if this source is really that big")
        chunks.append(chunk)
        if deadline.remaining() <= 0:
            raise deadline.expired(url, " while reading the body")
    return b"".join(chunks)


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    value = response.headers.get("content-type", "")
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip('"') or None
    return media.strip().lower(), charset


def fetch(url: str, policy: FetchPolicy | None = None) -> Fetched:
    """GET ``url`` under ``policy`` (the default refuses non-public addresses) and return the body.

    Raises :class:`SourceError` for a refused URL or hop, a timeout, a body past ``max_bytes``, an HTTP error
    status (after retries for 429 and 5xx) or a connection that keeps failing.

    The deadline covers connecting, waiting and reading, retries and redirects included: each request gets the
    time left as its timeout and the body is checked against the deadline after every chunk, so a stalled or
    trickling server ends the fetch at the deadline (at worst one read timeout later). The DNS lookup itself
    (``socket.getaddrinfo``) has no timeout of its own.
    """
    policy = policy or FetchPolicy()
    deadline = _Deadline(policy.timeout)
    redirects: list[str] = []
    current = url
    with _client(policy) as client:
        while True:
            outcome = _get(client, current, url, policy, deadline)
            if isinstance(outcome, Fetched):
                return Fetched(outcome.url, outcome.status, outcome.content_type, outcome.content,
                               outcome.charset, redirects)
            redirects.append(current)
            if len(redirects) > MAX_REDIRECTS:
                raise SourceError(f"too many redirects (more than {MAX_REDIRECTS}), last to {outcome}", input=url)
            current = outcome


def _get(client: httpx.Client, url: str, origin: str, policy: FetchPolicy, deadline: _Deadline) -> Fetched | str:
    """One hop: the body, or the URL it redirects to. Retries connection errors, 429 and 5xx."""
    hop = "" if url == origin else f" (redirected to {url})"
    attempt = 0
    while True:
        addresses = check_url(url, policy, origin=origin if url != origin else None)
        target = _target(url, addresses, policy, attempt)
        remaining = deadline.remaining()
        if remaining <= 0:
            raise deadline.expired(origin)
        wait: float | None = None
        failure: str
        try:
            request = client.build_request("GET", target.connect_url, headers=target.headers,
                                           extensions=dict(target.extensions), timeout=remaining)
            response = client.send(request, stream=True)
            try:
                status = response.status_code
                if status in _REDIRECTS and "location" in response.headers:
                    return urljoin(url, response.headers["location"])
                if 200 <= status < 300:
                    content = _read(response, origin, policy, deadline)
                    media, charset = _media_type(response)
                    return Fetched(url, status, media, content, charset)
                reason = f"HTTP {status} {response.reason_phrase}".strip()
                if status != 429 and status < 500:
                    raise SourceError(f"the server answered {reason}{hop}", input=origin,
                                      hint="check the URL" if status in (404, 410) else None)
                failure = f"the server answered {reason}{hop}"
                wait = _retry_after(response)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise deadline.expired(origin, hop) from exc
        except httpx.HTTPError as exc:
            failure = _describe(exc) + hop
            if isinstance(exc, httpx.DecodingError):
                raise SourceError(failure, input=origin) from exc
        attempt += 1
        if attempt > policy.retries:
            tries = f" (after {attempt} attempts)" if attempt > 1 else ""
            raise SourceError(failure + tries, input=origin)
        delay = policy.backoff * 2 ** (attempt - 1)
        if wait is not None:
            if wait >= deadline.remaining():
                raise SourceError(f"{failure}; it asks to retry after {wait:g} s, past the {deadline.seconds:g} s "
                                  "deadline", input=origin, hint="try again later")
            delay = max(delay, wait)
        if delay >= deadline.remaining():
            raise SourceError(f"{failure}; no time left to retry within {deadline.seconds:g} s", input=origin)
        time.sleep(delay)
