"""The web application: the dashboard pages, the REST API under ``/api/`` and the security around them.

* Every response carries a strict Content-Security-Policy (scripts only from this server, no inline script or
  style), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and frame denial.
* Every error under ``/api/`` is one JSON shape, ``{"error": {"status", "code", "message"}}``, except under
  ``/api/v3/`` (the Have-I-Been-Pwned-compatible exposure API keeps HIBP's own shapes).
* Pages answer errors with an HTML page, and "sign in first" with a redirect to ``/login``.

Example::

    import uvicorn
    uvicorn.run(create_app(), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from breachlens import __version__
from breachlens.errors import BreachlensError, InputError
from breachlens.store import Store

__all__ = ["create_app", "CSP", "error_body"]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HERE = Path(__file__).parent
log = logging.getLogger("breachlens.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
          422: "invalid_request", 429: "too_many_requests", 500: "server_error"}

# Routers built by other parts of breachlens, included when their module is installed.


def error_body(status: int, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    body: dict[str, Any] = {"status": status, "code": _CODES.get(status, "error"), "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") and not path.startswith("/api/v3/")


def _is_hibp(request: Request) -> bool:
    return request.url.path.startswith("/api/v3/")


def _page_error(request: Request, status: int, message: str) -> Response:
    templates = request.app.state.templates
    from breachlens.web.auth import caller

    try:
        who = caller(request)
    except BreachlensError:
        who = None
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "me": who,
                                                              "csrf": who.csrf if who else ""}, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _is_hibp(request):
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)
    message = str(exc.detail) if exc.detail else "error"
    if _is_api(request):
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
    if exc.status_code == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return _page_error(request, exc.status_code, message)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_hibp(request):
        from fastapi.exception_handlers import request_validation_exception_handler

        return await request_validation_exception_handler(request, exc)
    details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
               for e in exc.errors()]
    message = "; ".join(f"{d['where']}: {d['problem']}" for d in details[:5]) or "invalid request"
    if _is_api(request):
        return JSONResponse(error_body(422, message, details), status_code=422)
    return _page_error(request, 422, message)


async def _breachlens_error(request: Request, exc: Exception) -> Response:
    status = 400 if isinstance(exc, InputError) else 503
    if _is_api(request):
        return JSONResponse(error_body(status, str(exc)), status_code=status)
    if _is_hibp(request):
        return JSONResponse({"statusCode": status, "message": str(exc)}, status_code=status)
    return _page_error(request, status, str(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    if _is_hibp(request):
        return JSONResponse({"statusCode": 500, "message": "server error"}, status_code=500)
    if _is_api(request):
        return JSONResponse(error_body(500, "server error; see the server's log"), status_code=500)
    return Response("server error; see the server's log", status_code=500, media_type="text/plain")


def create_app(database_url: str | None = None) -> FastAPI:
    """The dashboard and API over the database of ``database_url`` (default: the settings' database)."""
    from fastapi.templating import Jinja2Templates

    from breachlens.web import api, pages
    from breachlens.web.auth import SignInGuard, require

    app = FastAPI(title="breachlens", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="The REST API of breachlens: incidents, claims, documents, reports and statistics. "
                              "Authenticate with `Authorization: Bearer <token>` (`breachlens users token NAME`). "
                              "Every error is `{\"error\": {\"status\", \"code\", \"message\"}}`.")
    app.state.store = Store(database_url)
    app.state.sign_in_guard = SignInGuard()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    templates.env.globals["version"] = __version__
    pages.add_filters(templates.env)
    app.state.templates = templates

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(BreachlensError, _breachlens_error)
    app.add_exception_handler(Exception, _server_error)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    # the other parts served beside the dashboard: the HIBP-compatible API (/api/v3/..., its own status codes
    # and bodies) with the public lookup page (/lookup), and the incident feeds (/feeds/...)
    from breachlens.export import feeds
    from breachlens.exposure import api as exposure_api

    app.include_router(exposure_api.router)
    app.include_router(exposure_api.page_router)
    # the feeds list the same incidents as the dashboard: the same sign-in (session or Bearer token) is needed
    app.include_router(feeds.router, dependencies=[Depends(require())])
    return app
