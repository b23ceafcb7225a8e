"""Who is asking: the session cookie (browsers) or an API token (scripts), their role, and CSRF checks.

Browsers get a random session token in an HttpOnly, SameSite=Strict cookie; the database keeps its SHA-256 and
a CSRF token that every state-changing form carries (``csrf`` field) and API calls made with the cookie send in
the ``X-CSRF-Token`` header. Scripts send ``Authorization: Bearer <token>`` and need no CSRF token (a browser
never adds that header by itself).

Failed sign-ins are throttled (``SignInGuard``): per client address and per account name, so that neither one
machine trying many accounts nor many machines trying one account can guess on.

Example::

    @router.post("/incidents/{incident_id}/status")
    def status(user: User = Depends(require("analyst"))): ...
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import HTTPException, Request

from breachlens.exposure.limits import RateLimiter
from breachlens.store.web import User, session_user, token_user

__all__ = ["COOKIE", "Caller", "SignInGuard", "caller", "require", "check_csrf"]

COOKIE = "breachlens_session"
LOGIN_COOKIE = "breachlens_login"


@dataclass(frozen=True)
class Caller:
    user: User
    csrf: str | None  # None for API tokens
    token: bool


def caller(request: Request) -> Caller | None:
    """The signed-in user of ``request``, or None."""
    if "caller" in request.state._state:
        cached: Caller | None = request.state.caller
        return cached
    store = request.app.state.store
    found: Caller | None = None
    header = request.headers.get("authorization", "")
    if not header and request.url.path.startswith("/feeds/") and request.query_params.get("token"):
        header = "Bearer " + request.query_params["token"]  # a private feed URL: feed readers send no headers
    if header[:7].lower() == "bearer ":
        user = token_user(store, header[7:].strip())
        found = Caller(user=user, csrf=None, token=True) if user else None
    else:
        cookie = request.cookies.get(COOKIE, "")
        session = session_user(store, cookie) if cookie else None
        found = Caller(user=session[0], csrf=session[1], token=False) if session else None
    request.state.caller = found
    return found


def check_csrf(request: Request, who: Caller, sent: str | None) -> None:
    """Refuse a state-changing request made with the session cookie without its CSRF token."""
    if who.token:
        return
    # bytes: compare_digest refuses str with non-ASCII characters (a TypeError, a 500)
    if not sent or not who.csrf or not hmac.compare_digest(sent.encode(), who.csrf.encode()):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page and try again")


def require(role: str = "viewer") -> Callable[[Request], Caller]:
    """A dependency: the caller, who must be signed in with ``role`` or a higher one."""

    def dependency(request: Request) -> Caller:
        who = caller(request)
        if who is None:
            raise HTTPException(status_code=401, detail="sign in first, or send an API token "
                                                        "(Authorization: Bearer ...)")
        if not who.user.can(role):
            raise HTTPException(status_code=403, detail=f"this needs the {role} role; you are {who.user.role}")
        return who

    return dependency


class SignInGuard:
    """Failed sign-ins counted in token buckets (in memory, per server process): a client address may fail
    ``ADDRESS_BURST`` times, then once every ``ADDRESS_EVERY`` seconds; an account name (case-folded) may fail
    ``ACCOUNT_BURST`` times, then once every ``ACCOUNT_EVERY`` seconds, whichever addresses the tries come from.
    A sign-in that succeeds takes nothing. While either bucket is empty the form answers 429 before any password
    is checked, so a right guess is refused too.

    The price of the account bucket: someone who knows an account name can keep it locked with one wrong try a
    minute; restarting the server empties the buckets."""

    ADDRESS_BURST, ADDRESS_EVERY = 20, 10.0
    ACCOUNT_BURST, ACCOUNT_EVERY = 10, 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._addresses = RateLimiter(rate=1 / self.ADDRESS_EVERY, burst=self.ADDRESS_BURST, clock=clock)
        self._accounts = RateLimiter(rate=1 / self.ACCOUNT_EVERY, burst=self.ACCOUNT_BURST, clock=clock)

    def wait(self, name: str, address: str) -> float:
        """Seconds before ``name`` may be tried from ``address`` (0.0: now)."""
        return max(self._addresses.wait("ip:" + address), self._accounts.wait("account:" + name.casefold()))

    def failed(self, name: str, address: str) -> None:
        """Count a failed sign-in."""
        self._addresses.take("ip:" + address)
        self._accounts.take("account:" + name.casefold())

    def retry_after(self, wait: float) -> str:
        """``wait`` as a ``retry-after`` header value (whole seconds, at least 1)."""
        return self._addresses.retry_after(wait)
