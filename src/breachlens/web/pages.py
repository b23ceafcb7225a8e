"""The dashboard's pages: sign-in, the incident feed, an incident, actors, venues, sources, statistics.

Every page needs a signed-in user; triage (status, notes, corrections, merge, split) needs the analyst role and
the form's CSRF token. Templates are autoescaped: nothing from a source is ever written as markup.

Example::

    GET /?country=FR&severity=high&q=employment     the feed, filtered
    GET /incidents/3?lang=fr                          one incident, its report in French
"""

from __future__ import annotations

import hmac
import logging
import secrets
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from breachlens.errors import InputError
from breachlens.store import Store
from breachlens.store import web as triage
from breachlens.web import charts, views
from breachlens.web.auth import COOKIE, LOGIN_COOKIE, Caller, SignInGuard, check_csrf, require

__all__ = ["router", "add_filters"]

log = logging.getLogger("breachlens.web")
router = APIRouter(include_in_schema=False)
Id = Annotated[int, Path(ge=1, le=2**62)]
Field = Annotated[str, Query(max_length=200)]


def add_filters(env: Any) -> None:
    """Jinja filters the templates use: numbers, dates, labels of countries, sectors and data categories."""
    from breachlens.report import rules

    env.filters["number"] = lambda v: f"{v:,}" if isinstance(v, int) else ("" if v is None else str(v))
    env.filters["day"] = lambda d: d.strftime("%Y-%m-%d") if d else "—"
    env.filters["moment"] = lambda d: d.strftime("%Y-%m-%d %H:%M UTC") if d else "—"
    env.filters["country"] = lambda c: rules.country_name(c, "en") if c else "—"
    env.filters["sector"] = lambda s: rules.sector_label(s, "en") if s else "—"
    env.filters["category"] = lambda k: rules.category_label(k, "en")
    env.filters["slug"] = lambda s: str(s).replace(" ", "-")
    env.filters["records"] = _records
    env.filters["segment"] = lambda s: quote(str(s), safe="")  # one URL path segment, "/" included


def _records(value: Any) -> str:
    if not value:
        return "—"
    low, high = value
    return f"{high:,}" if low == high else f"{low:,}–{high:,}"


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _page(request: Request, template: str, who: Caller | None, status_code: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    response: Response = templates.TemplateResponse(
        request, template, {"me": who, "csrf": who.csrf if who else "", **context}, status_code=status_code)
    return response


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError("not a date", input=f"{name} {value[:40]!r}", hint="write it as 2024-01-31") from exc


# ------------------------------------------------------------------------------------------------ sign-in
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Field = "/") -> Response:
    token = secrets.token_urlsafe(24)
    response = _page(request, "login.html", None, next=next, login_csrf=token, failed=False, wait=None)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=900, path="/login",
                        secure=request.url.scheme == "https")
    return response


def _safe_next(target: str) -> str:
    """Only a path of this site: no scheme, no "//host", no backslash or control character a browser would drop."""
    if not target.startswith("/") or target.startswith("//") or any(c == "\\" or ord(c) < 33 for c in target):
        return "/"
    return target


@router.post("/login")
def login(request: Request, name: Annotated[str, Form(max_length=100)],
          password: Annotated[str, Form(max_length=1000)], csrf: Annotated[str, Form(max_length=100)] = "",
          next: Annotated[str, Form(max_length=500)] = "/") -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf.encode()):
        raise HTTPException(status_code=403, detail="the sign-in form expired; reload it and try again")
    guard: SignInGuard = request.app.state.sign_in_guard
    name = name.strip()
    address = request.client.host if request.client else "unknown"
    if wait := guard.wait(name, address):
        log.warning("sign-in refused for %r from %s: too many failed tries, %.0f s to wait", name, address, wait)
        return _login_again(request, next, status_code=429, wait=guard.retry_after(wait))
    store = _store(request)
    user = triage.check_password(store, name, password)
    if user is None:
        guard.failed(name, address)
        log.info("failed sign-in for %r from %s", name, address)
        return _login_again(request, next, status_code=401)
    session, _csrf = triage.new_session(store, user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, session, httponly=True, samesite="strict", max_age=triage.SESSION_DAYS * 86400,
                        secure=request.url.scheme == "https", path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def _login_again(request: Request, next: str, *, status_code: int, wait: str | None = None) -> Response:
    """The sign-in form again, with a new form token: after a wrong password (401) or too many (429, with
    ``retry-after``)."""
    token = secrets.token_urlsafe(24)
    response = _page(request, "login.html", None, status_code=status_code, next=next, login_csrf=token,
                     failed=wait is None, wait=wait)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=900, path="/login",
                        secure=request.url.scheme == "https")
    if wait is not None:
        response.headers["retry-after"] = wait
    return response


@router.post("/logout")
def logout(request: Request, who: Annotated[Caller, Depends(require())],
           csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    check_csrf(request, who, csrf)
    triage.end_session(_store(request), request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


# ------------------------------------------------------------------------------------------------ feed
@router.get("/", response_class=HTMLResponse)
def feed(request: Request, who: Annotated[Caller, Depends(require())], country: Field = "", sector: Field = "",
         claim_type: Field = "", severity: Field = "", credibility: Field = "", actor: Field = "", venue: Field = "",
         since: Field = "", until: Field = "", q: Field = "", status: Field = "",
         page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    store = _store(request)
    filters = views.Filters(country=country or None, sector=sector or None, claim_type=claim_type or None,
                            severity=severity or None, credibility=credibility or None, actor=actor or None,
                            venue=venue or None, since=_date(since, "since"), until=_date(until, "until"),
                            q=q or None, status=status or None)
    per_page = 25
    rows, total = views.feed(store, filters, page, per_page)
    query = filters.query()
    pages = max(1, (total + per_page - 1) // per_page)
    link = lambda n: "/?" + urlencode(query | {"page": str(n)})  # noqa: E731
    return _page(request, "feed.html", who, rows=rows, total=total, filters=filters, page=page, pages=pages,
                 prev_link=link(page - 1) if page > 1 else None, next_link=link(page + 1) if page < pages else None,
                 choices=views.choices(store), severities=views.SEVERITY_BANDS,
                 credibilities=views.CREDIBILITY_BANDS, claim_types=views.CLAIM_TYPES, statuses=triage.STATUSES,
                 active=bool(query))


# ------------------------------------------------------------------------------------------------ incident
@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, incident_id: Id, who: Annotated[Caller, Depends(require())],
             lang: Annotated[str, Query(pattern="^(en|fr)$")] = "en") -> Response:
    detail = views.incident_detail(_store(request), incident_id, lang)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    return _page(request, "incident.html", who, statuses=triage.STATUSES, correctable=triage.CORRECTABLE,
                 can_edit=who.user.can("analyst"), **detail)


@router.get("/incidents/{incident_id}/report.{fmt}")
def report(request: Request, incident_id: Id, fmt: Annotated[str, Path(pattern="^(md|html|pdf)$")],
           who: Annotated[Caller, Depends(require())],
           lang: Annotated[str, Query(pattern="^(en|fr)$")] = "en") -> Response:
    from breachlens.web.reports import incident_report

    found = incident_report(_store(request), incident_id, fmt, lang)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    body, media_type = found
    headers = {"Content-Disposition": f'attachment; filename="incident-{incident_id}-{lang}.{fmt}"'}
    if fmt == "html":  # the report's own stylesheet is inline; it has no script
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return Response(body, media_type=media_type, headers=headers)


def _back(incident_id: int | None) -> Response:
    return RedirectResponse(f"/incidents/{incident_id}" if incident_id else "/", status_code=303)


Csrf = Annotated[str, Form(max_length=100)]


@router.post("/incidents/{incident_id}/status")
def set_status(request: Request, incident_id: Id, who: Annotated[Caller, Depends(require("analyst"))],
               status: Annotated[str, Form(max_length=20)], csrf: Csrf = "") -> Response:
    check_csrf(request, who, csrf)
    store = _store(request)
    if store.incident(incident_id) is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    triage.set_status(store, incident_id, status, by=who.user.name)
    return _back(incident_id)


@router.post("/incidents/{incident_id}/notes")
def add_note(request: Request, incident_id: Id, who: Annotated[Caller, Depends(require("analyst"))],
             text: Annotated[str, Form(max_length=20_000)], csrf: Csrf = "") -> Response:
    check_csrf(request, who, csrf)
    store = _store(request)
    if store.incident(incident_id) is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    triage.add_note(store, incident_id, who.user.name, text)
    return _back(incident_id)


@router.post("/claims/{claim_id}/corrections")
def correct(request: Request, claim_id: Id, who: Annotated[Caller, Depends(require("analyst"))],
            field: Annotated[str, Form(max_length=40)], value: Annotated[str, Form(max_length=500)] = "",
            csrf: Csrf = "") -> Response:
    from breachlens.ingest import rebuild_incidents

    check_csrf(request, who, csrf)
    store = _store(request)
    triage.correct(store, claim_id, field, value, who.user.name)
    rebuild_incidents(store)
    return _back(triage.incident_of_claim(store, claim_id))


@router.post("/incidents/{incident_id}/merge")
def merge(request: Request, incident_id: Id, who: Annotated[Caller, Depends(require("analyst"))],
          other: Annotated[int, Form(ge=1, le=2**62)], csrf: Csrf = "") -> Response:
    from breachlens.ingest import rebuild_incidents

    check_csrf(request, who, csrf)
    store = _store(request)
    mine, theirs = store.incident(incident_id), store.incident(other)
    if mine is None or theirs is None:
        raise HTTPException(status_code=404, detail=f"no incident {other if mine else incident_id}")
    if other == incident_id:
        raise InputError("an incident cannot be merged with itself", input=f"incident {other}")
    triage.decide(store, "merge", mine.incident.claim_ids + theirs.incident.claim_ids, who.user.name)
    rebuild_incidents(store)
    merged = triage.incident_of_claim(store, mine.incident.claim_ids[0])
    triage.carry_over(store, [incident_id, other], merged)
    return _back(merged)


@router.post("/incidents/{incident_id}/split")
def split(request: Request, incident_id: Id, who: Annotated[Caller, Depends(require("analyst"))],
          claim: Annotated[list[int], Form()], csrf: Csrf = "") -> Response:
    from breachlens.ingest import rebuild_incidents

    check_csrf(request, who, csrf)
    store = _store(request)
    found = store.incident(incident_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id}")
    chosen = [c for c in claim if c in found.incident.claim_ids]
    staying = [c for c in found.incident.claim_ids if c not in chosen]
    if not chosen or not staying:
        raise InputError("choose some of the incident's claims, not none or all of them",
                         input=f"split of incident {incident_id}")
    triage.decide(store, "split", chosen, who.user.name)
    rebuild_incidents(store)
    return _back(triage.incident_of_claim(store, staying[0]))


# ------------------------------------------------------------------------------------------------ others
@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, name: Annotated[str, Path(max_length=200)],
          who: Annotated[Caller, Depends(require())]) -> Response:
    rows = views.history(_store(request), actor=name)
    return _page(request, "history.html", who, kind="Actor", key="actor", name=name, rows=rows,
                 profile=_actor_profile(name))


@router.get("/venues/{name:path}", response_class=HTMLResponse)
def venue(request: Request, name: Annotated[str, Path(max_length=200)],
          who: Annotated[Caller, Depends(require())]) -> Response:
    rows = views.history(_store(request), venue=name)
    return _page(request, "history.html", who, kind="Venue", key="venue", name=name, rows=rows, profile=None)


def _actor_profile(name: str) -> dict[str, Any] | None:
    """What the knowledge files know of an actor (aliases, kind), when it is known."""
    try:
        from breachlens.extract.actors import known_actor

        canonical = known_actor(name)
    except Exception:  # noqa: BLE001 - knowledge is a nice-to-have on this page
        return None
    return {"canonical": canonical} if canonical else None


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request, who: Annotated[Caller, Depends(require())]) -> Response:
    store = _store(request)
    seen = views.source_counts(store)
    return _page(request, "sources.html", who, sources=store.sources(), seen=seen)


@router.get("/statistics", response_class=HTMLResponse)
def statistics(request: Request, who: Annotated[Caller, Depends(require())]) -> Response:
    stats = views.statistics(_store(request))
    figures = {
        "per_week": charts.column_chart(stats["per_week"], title="Incidents per week"),
        "by_country": charts.bar_chart([(name, n) for name, _k, n in stats["by_country"]],
                                       title="Incidents by country", href="/?country={key}",
                                       keys=[k for _n, k, _c in stats["by_country"]]),
        "by_sector": charts.bar_chart([(name, n) for name, _k, n in stats["by_sector"]], title="Incidents by sector",
                                      href="/?sector={key}", keys=[k for _n, k, _c in stats["by_sector"]]),
        "by_category": charts.bar_chart([(name, n) for name, _k, n in stats["by_category"]],
                                        title="Data categories claimed"),
        "by_records": charts.bar_chart(stats["by_records"], title="Records claimed per incident"),
    }
    return _page(request, "statistics.html", who, stats=stats, figures=figures)
