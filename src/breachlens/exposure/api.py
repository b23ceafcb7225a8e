"""The Have I Been Pwned API v3, self-hosted: ``router`` (``/api/v3/...``) and the public lookup page
(``page_router``, ``/lookup``).

Both routers are self-contained: they build their own :class:`ExposureService` (index, keys, rate limits) on first
use, or use the one given to :func:`use_service`. Every answer of ``/api/v3`` is built here as a ``Response`` with
Have I Been Pwned's status codes and bodies (no exception leaves the router), so an application mounting it keeps
its own error handlers for its other routes; it must only not rewrite 4xx answers of ``/api/v3/*``.

Status codes, as the public service: 400 malformed account, domain or range; 401 missing or unknown
``hibp-api-key`` (JSON ``{"statusCode": 401, "message": ...}``); 403 no ``User-Agent``, or a domain key asking
outside its domain; 404 with an empty body when nothing is found; 429 with ``retry-after`` (whole seconds) when a
key or a client address goes over its rate.

Example::

    app = FastAPI()
    app.include_router(router)
    app.include_router(page_router)
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from breachlens.errors import InputError
from breachlens.exposure.hibp import hibp_breach
from breachlens.exposure.keys import ApiKey
from breachlens.exposure.normalise import normalise_identifier
from breachlens.exposure.service import ExposureService

__all__ = ["page_router", "router", "use_service"]

router = APIRouter(prefix="/api/v3", tags=["exposure (Have I Been Pwned API v3)"])
page_router = APIRouter(prefix="/lookup", tags=["exposure lookup page"])

_HERE = Path(__file__).parent
_service: ExposureService | None = None

# the account of /breachedaccount/{account} is an identifier in clear: never in an access log (a range prefix is
# k-anonymous and stays)
_ACCOUNT = re.compile(r"(?i)(/breachedaccount/)(?!range/[0-9a-f]{6}(?:[?]|$))[^?]*")


_TOKEN = re.compile(r"([?&]token=)[^&\s]*")  # the API token of a private feed URL


class _RedactAccounts(logging.Filter):
    """Replaces the account of ``/api/v3/breachedaccount/...`` and a feed URL's ``token=`` in the string
    arguments of a log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_TOKEN.sub(r"\1[redacted]", _ACCOUNT.sub(r"\1[redacted]", a)) if isinstance(a, str)
                                else a for a in record.args)
        return True


for _name in ("uvicorn.access", "breachlens.web"):  # uvicorn's request lines; the dashboard's "error on PATH"
    if not any(isinstance(f, _RedactAccounts) for f in logging.getLogger(_name).filters):
        logging.getLogger(_name).addFilter(_RedactAccounts())


def use_service(service: ExposureService | None) -> None:
    """Serve from ``service`` (None: build one from the environment on first use)."""
    global _service
    _service = service


def service() -> ExposureService:
    global _service
    if _service is None:
        _service = ExposureService()
    return _service


# ------------------------------------------------------------------------------------------------ responses
def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return _json({"statusCode": status, "message": message}, status, headers)


def _not_found() -> Response:
    return Response(status_code=404)


def _flag(request: Request, name: str, default: bool) -> bool:
    """A boolean query parameter as clients send it: ``true``/``True``/``1`` or ``false``/``False``/``0``."""
    value = request.query_params.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("true", "1", "yes")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _limited(request: Request, key: ApiKey | None) -> Response | None:
    """A 429 when the client address or the key is over its rate, else None."""
    svc = service()
    wait = svc.ip_limiter.take("ip:" + _client(request))
    if not wait and key is not None:
        wait = svc.key_limiter.take("key:" + key.id)
    if wait:
        seconds = svc.ip_limiter.retry_after(wait)
        return _error(429, f"Rate limit is exceeded. Try again in {seconds} seconds.", {"retry-after": seconds})
    return None


def _authorised(request: Request) -> tuple[ApiKey | None, Response | None]:
    """The caller's key, or the answer to give: 403 without a user agent, 401 without a valid key, 429."""
    if not request.headers.get("user-agent"):
        return None, _error(403, "Forbidden - a User-Agent header is required.")
    given = request.headers.get("hibp-api-key")
    key = service().keys.check(given) if given else None
    refused = _limited(request, key)
    if refused is not None:
        return None, refused
    if not given:
        return None, _error(401, "Access denied due to missing hibp-api-key.")
    if key is None:
        return None, _error(401, "Access denied due to invalid hibp-api-key.")
    return key, None


def _public(request: Request) -> Response | None:
    if not request.headers.get("user-agent"):
        return _error(403, "Forbidden - a User-Agent header is required.")
    return _limited(request, None)


# ------------------------------------------------------------------------------------------------ catalogue
@router.get("/breaches")
async def breaches(request: Request) -> Response:
    """Every indexed breach (``?domain=`` keeps those of one domain)."""
    refused = _public(request)
    if refused is not None:
        return refused
    domain = (request.query_params.get("domain") or "").strip().lower()
    listed = [b for b in service().index.breaches() if not domain or (b.breach.domain or "").lower() == domain]
    return _json([hibp_breach(b) for b in listed])


@router.get("/breach/{name}")
async def breach(name: str, request: Request) -> Response:
    """One breach by name (case-insensitive); 404 when unknown."""
    refused = _public(request)
    if refused is not None:
        return refused
    found = service().index.get(name) if len(name) <= 128 else None
    return _json(hibp_breach(found)) if found is not None else _not_found()


@router.get("/dataclasses")
async def dataclasses(request: Request) -> Response:
    """The data-class names of the indexed breaches and of the taxonomy."""
    refused = _public(request)
    if refused is not None:
        return refused
    from breachlens import knowledge

    names = set(knowledge.load("advice").data_classes.values())
    names.update(c for b in service().index.breaches() for c in b.breach.data_classes)
    return _json(sorted(names, key=str.lower))


# ------------------------------------------------------------------------------------------------ accounts
@router.get("/breachedaccount/range/{prefix}")
async def account_range(prefix: str, request: Request) -> Response:
    """k-anonymity: the suffixes of the public SHA-1 hashes starting with ``prefix`` (6 hex digits), each with its
    breaches: ``[{"HashSuffix": "...", "Websites": ["Name", ...]}]``."""
    refused = _public(request)
    if refused is not None:
        return refused
    try:
        entries = service().index.range(prefix)
    except InputError:
        return _error(400, "Bad request - the range must be the first 6 hexadecimal characters of a SHA-1 hash.")
    return _json([{"HashSuffix": e.suffix, "Websites": list(e.breaches)} for e in entries])


@router.get("/breachedaccount/{account:path}")
async def breached_account(account: str, request: Request) -> Response:
    """The breaches of an e-mail address or a phone number (``truncateResponse``, ``includeUnverified``,
    ``domain``), as the key may see them; 404 with an empty body when none."""
    key, refused = _authorised(request)
    if refused is not None:
        return refused
    try:
        identifier = normalise_identifier(account)
    except InputError:
        return _error(400, "Bad request - the account is not a valid e-mail address or phone number.")
    svc = service()
    if not svc.in_scope(identifier, key):
        return _error(403, "Forbidden - this API key is scoped to another domain.")
    found = svc.account(identifier, key, include_unverified=_flag(request, "includeUnverified", True),
                        domain=request.query_params.get("domain") or None)
    if not found:
        return _not_found()
    if _flag(request, "truncateResponse", True):
        return _json([{"Name": b.breach.name} for b in found])
    answer = [hibp_breach(b) for b in found]
    if _flag(request, "includeAdvice", False):
        from breachlens.exposure.advice import advise

        lang = "fr" if request.query_params.get("lang") == "fr" else "en"
        for item, indexed in zip(answer, found, strict=True):
            item["Advice"] = [{"DataClass": a.category, "Text": a.text} for a in advise([indexed], lang)]
    return _json(answer)


@router.get("/breacheddomain/{domain}")
async def breached_domain(domain: str, request: Request) -> Response:
    """The exposed addresses of a domain, for a key scoped to it: ``{"alias": ["Breach", ...]}``."""
    key, refused = _authorised(request)
    if refused is not None:
        return refused
    from breachlens.exposure.keys import normalise_domain

    try:
        wanted = normalise_domain(domain)
    except InputError:
        return _error(400, "Bad request - not a domain name.")
    assert key is not None
    if key.domain != wanted:
        return _error(403, "Forbidden - this API key is not scoped to this domain.")
    found = service().domain(wanted)
    return _json(found) if found else _not_found()


# ------------------------------------------------------------------------------------------------ the page
def _page(lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape(default=True))
    html = env.get_template("lookup.html").render(lang=lang, **context)
    headers = {"content-security-policy": "default-src 'self'; img-src 'self' data:; script-src 'self'; "
                                          "style-src 'self' 'unsafe-inline'; connect-src 'self'; "
                                          "form-action 'self'; frame-ancestors 'none'",
               "referrer-policy": "no-referrer", "cache-control": "no-store"}
    return HTMLResponse(html, status_code=status, headers=headers)


def _lang(value: str | None) -> str:
    return "fr" if value == "fr" else "en"


@page_router.get("", response_class=HTMLResponse)
async def lookup_page(request: Request) -> HTMLResponse:
    """The public lookup form (works without scripts; with them, the identifier never leaves the browser)."""
    return _page(_lang(request.query_params.get("lang")))


@page_router.post("", response_class=HTMLResponse)
async def lookup_post(request: Request) -> Response:
    """The form without scripts: the identifier is sent here, looked up among public breaches, and forgotten."""
    lang = "en"
    try:
        form = await request.form()
        lang = _lang(str(form.get("lang") or "en"))
        identifier = normalise_identifier(str(form.get("identifier") or ""))
    except InputError:
        return _page(lang, error=True, status=400)
    except Exception:  # noqa: BLE001 - a malformed form body is a bad request, never a traceback
        return _page(lang, error=True, status=400)
    refused = _limited(request, None)
    if refused is not None:
        return _page(lang, limited=True, status=429)
    return _result(lang, service().public(identifier))


@page_router.get("/result", response_class=HTMLResponse)
async def lookup_result(request: Request) -> Response:
    """What the page's script shows after a range lookup: the breaches it found by name (no identifier sent)."""
    lang = _lang(request.query_params.get("lang"))
    names = [n for n in request.query_params.getlist("b") if n and len(n) <= 128]
    return _result(lang, service().public_by_names(names))


def _result(lang: str, found: list[Any]) -> HTMLResponse:
    from breachlens.exposure.advice import advise

    return _page(lang, searched=True, breaches=[b.breach for b in found], advice=advise(found, lang))


@page_router.get("/lookup.js")
async def lookup_script() -> FileResponse:
    return FileResponse(_HERE / "static" / "lookup.js", media_type="text/javascript")
