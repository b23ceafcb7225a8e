"""Failed sign-ins are throttled per client address and per account, on a real ``breachlens serve`` behind a
(pretend) TLS proxy on 127.0.0.1: its X-Forwarded-For and X-Forwarded-Proto headers are trusted."""

from __future__ import annotations

import httpx
from web_site import PASSWORD, Site, csrf_of

from breachlens.web.auth import LOGIN_COOKIE, SignInGuard

SERVE_OPTIONS = ["--forwarded-allow-ips", "127.0.0.1"]


def attempt(site: Site, name: str, password: str, client: str, proto: str = "http") -> httpx.Response:
    headers = {"X-Forwarded-For": client, "X-Forwarded-Proto": proto}
    with httpx.Client(base_url=site.url, headers=headers) as browser:
        page = browser.get("/login")
        # sent by hand: under https the form's cookie is Secure, and this client talks plain http to the server
        form_cookie = {"Cookie": f"{LOGIN_COOKIE}={page.cookies[LOGIN_COOKIE]}"}
        browser.cookies.clear()
        return browser.post("/login", data={"name": name, "password": password, "csrf": csrf_of(page.text)},
                            headers=form_cookie, follow_redirects=False)


def test_one_address_trying_many_accounts_is_held_back_and_others_are_not(site: Site) -> None:
    for number in range(SignInGuard.ADDRESS_BURST):
        assert attempt(site, f"guess{number}", "wrong-password", "203.0.113.7").status_code == 401
    held = attempt(site, "ana", PASSWORD, "203.0.113.7")  # even the right password, from that address
    assert held.status_code == 429 and int(held.headers["retry-after"]) >= 1
    assert "Too many failed sign-ins" in held.text and "Wrong name or password" not in held.text
    assert attempt(site, "ana", PASSWORD, "203.0.113.8").status_code == 303  # the proxy gave another client


def test_many_addresses_trying_one_account_are_held_back(site: Site) -> None:
    for number in range(SignInGuard.ACCOUNT_BURST):
        assert attempt(site, "Vic", "wrong-password", f"198.51.100.{number + 1}").status_code == 401
    assert attempt(site, "vic", PASSWORD, "198.51.100.200").status_code == 429  # names are counted case-folded
    assert attempt(site, "adm", PASSWORD, "198.51.100.200").status_code == 303


def test_cookies_are_secure_when_the_proxy_says_https(site: Site) -> None:
    signed = attempt(site, "adm", PASSWORD, "192.0.2.10", proto="https")
    assert signed.status_code == 303
    session = [c for c in signed.headers.get_list("set-cookie") if c.startswith("breachlens_session=")]
    assert session and "secure" in session[0].lower()
    plain = attempt(site, "adm", PASSWORD, "192.0.2.10", proto="http")
    assert "secure" not in plain.headers["set-cookie"].lower()


def test_the_guard_refills_with_time_and_counts_only_failures() -> None:
    now = [0.0]
    guard = SignInGuard(clock=lambda: now[0])
    for _ in range(SignInGuard.ACCOUNT_BURST):
        assert guard.wait("ana", "192.0.2.1") == 0.0
        guard.failed("ana", "192.0.2.1")
    wait = guard.wait("ANA", "192.0.2.2")
    assert 0 < wait <= SignInGuard.ACCOUNT_EVERY and guard.retry_after(wait) == str(int(SignInGuard.ACCOUNT_EVERY))
    assert guard.wait("ana", "192.0.2.2") == wait  # asking takes nothing
    now[0] += SignInGuard.ACCOUNT_EVERY
    assert guard.wait("ana", "192.0.2.2") == 0.0  # one more try a minute
    guard.failed("ana", "192.0.2.2")
    assert guard.wait("ana", "192.0.2.2") > 0
    assert guard.wait("bob", "192.0.2.1") == 0.0  # the address has failed 10 times of its 20
