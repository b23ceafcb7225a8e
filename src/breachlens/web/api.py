"""The REST API under ``/api/``: incidents, claims, documents, reports and statistics, with pagination and
filters. Every route needs a signed-in caller (API token or session); changes need the analyst role and, with a
session cookie, the ``X-CSRF-Token`` header.

Example::

    curl -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8000/api/incidents?country=FR&per_page=10"
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from breachlens.store import Store
from breachlens.store import web as triage
from breachlens.web import views
from breachlens.web.auth import Caller, check_csrf, require

__all__ = ["router"]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, str]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((400, "Bad input"), (401, "Not signed in"), (403, "Not allowed"), (404, "Not found"),
                       (422, "Invalid parameters"))
}

router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS)

Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=200, description="Items per page (at most 200).")]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[int, Path(ge=1, le=2**62)]


class Status(BaseModel):
    status: Literal["new", "investigating", "confirmed", "false claim", "resolved"]


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=20_000)


class MergeIn(BaseModel):
    other: int = Field(ge=1, le=2**62, description="The incident merged into this one.")


class SplitIn(BaseModel):
    claim_ids: list[int] = Field(min_length=1, max_length=1000, description="Claims that become their own incident.")


class CorrectionIn(BaseModel):
    field: Literal["victim.name", "victim.country", "victim.sector", "records", "claim_type", "actor", "venue",
                   "date", "data_categories"]
    value: str = Field(max_length=500)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _page(items: list[Any], total: int, page: int, per_page: int) -> dict[str, Any]:
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": (total + per_page - 1) // per_page}


def _not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no such {what}")


@router.get("/me", summary="The caller")
def me(who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    return {"name": who.user.name, "role": who.user.role}


@router.get("/incidents", summary="Incidents, newest first, filtered and paginated")
def list_incidents(
    request: Request, who: Annotated[Caller, Depends(require())], page: Page = 1, per_page: PerPage = 25,
    country: Annotated[str | None, Query(max_length=2)] = None, sector: Text = None,
    claim_type: Literal["sale", "leak", "ransomware", "access", "other"] | None = None,
    severity: Literal["low", "medium", "high", "very high"] | None = None,
    credibility: Literal["low", "moderate", "high"] | None = None, actor: Text = None, venue: Text = None,
    since: date | None = None, until: date | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Full-text search (all words, prefixes).")] = None,
    status: Literal["new", "investigating", "confirmed", "false claim", "resolved"] | None = None,
) -> dict[str, Any]:
    filters = views.Filters(country=country, sector=sector, claim_type=claim_type, severity=severity,
                            credibility=credibility, actor=actor, venue=venue, since=since, until=until, q=q,
                            status=status)
    rows, total = views.feed(_store(request), filters, page, per_page)
    return _page([r.as_dict() for r in rows], total, page, per_page)


@router.get("/incidents/{incident_id}", summary="One incident with its claims, triage status and notes")
def get_incident(request: Request, incident_id: Id,
                 who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    store = _store(request)
    found = views.summary(store, incident_id)
    if found is None:
        raise _not_found("incident")
    fixes = triage.corrections(store, found.incident.claim_ids)
    return found.as_dict() | {
        "incident": found.incident.model_dump(mode="json"),
        "notes": [{"author": n.author, "text": n.text, "created_at": n.created_at.isoformat()}
                  for n in triage.notes(store, incident_id)],
        "corrections": [{"claim_id": c.claim_id, "field": c.field, "value": c.value, "original": c.original,
                         "author": c.author} for items in fixes.values() for c in items],
    }


@router.get("/incidents/{incident_id}/report", summary="The report of an incident (Markdown, HTML or PDF)",
            responses={200: {"content": {"text/markdown": {}, "text/html": {}, "application/pdf": {}}}},
            response_class=Response)
def get_report(request: Request, incident_id: Id,
               who: Annotated[Caller, Depends(require())], fmt: Literal["md", "html", "pdf"] = Query("md",
                                                                                                   alias="format"),
               lang: Literal["en", "fr"] = "en") -> Response:
    from breachlens.web.reports import incident_report

    found = incident_report(_store(request), incident_id, fmt, lang)
    if found is None:
        raise _not_found("incident")
    body, media_type = found
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="incident-{incident_id}-{lang}.{fmt}"'})


def _changing(request: Request, who: Caller, csrf: str | None) -> Store:
    check_csrf(request, who, csrf)
    return _store(request)


Csrf = Annotated[str | None, Header(alias="X-CSRF-Token", include_in_schema=False)]


@router.post("/incidents/{incident_id}/status", summary="Set the triage status of an incident")
def post_status(request: Request, incident_id: Id, body: Status,
                who: Annotated[Caller, Depends(require("analyst"))], csrf: Csrf = None) -> dict[str, Any]:
    store = _changing(request, who, csrf)
    if store.incident(incident_id) is None:
        raise _not_found("incident")
    triage.set_status(store, incident_id, body.status, by=who.user.name)
    return {"id": incident_id, "status": body.status}


@router.post("/incidents/{incident_id}/notes", summary="Add a note to an incident", status_code=201)
def post_note(request: Request, incident_id: Id, body: NoteIn,
              who: Annotated[Caller, Depends(require("analyst"))], csrf: Csrf = None) -> dict[str, Any]:
    store = _changing(request, who, csrf)
    if store.incident(incident_id) is None:
        raise _not_found("incident")
    note = triage.add_note(store, incident_id, who.user.name, body.text)
    return {"id": note.id, "author": note.author, "text": note.text, "created_at": note.created_at.isoformat()}


@router.post("/incidents/{incident_id}/merge", summary="Merge another incident into this one (kept across "
             "re-clustering)")
def post_merge(request: Request, incident_id: Id, body: MergeIn, who: Annotated[Caller, Depends(require("analyst"))],
               csrf: Csrf = None) -> dict[str, Any]:
    from breachlens.ingest import rebuild_incidents

    store = _changing(request, who, csrf)
    mine, theirs = store.incident(incident_id), store.incident(body.other)
    if mine is None or theirs is None:
        raise _not_found("incident")
    if body.other == incident_id:
        raise HTTPException(status_code=400, detail="an incident cannot be merged with itself")
    triage.decide(store, "merge", mine.incident.claim_ids + theirs.incident.claim_ids, who.user.name)
    rebuild_incidents(store)
    merged = triage.incident_of_claim(store, mine.incident.claim_ids[0])
    triage.carry_over(store, [incident_id, body.other], merged)
    return {"id": merged}


@router.post("/incidents/{incident_id}/split", summary="Make some claims of an incident an incident of their own "
             "(kept across re-clustering)")
def post_split(request: Request, incident_id: Id, body: SplitIn, who: Annotated[Caller, Depends(require("analyst"))],
               csrf: Csrf = None) -> dict[str, Any]:
    from breachlens.ingest import rebuild_incidents

    store = _changing(request, who, csrf)
    found = store.incident(incident_id)
    if found is None:
        raise _not_found("incident")
    chosen = sorted({c for c in body.claim_ids if c in found.incident.claim_ids})
    staying = [c for c in found.incident.claim_ids if c not in chosen]
    if not chosen or not staying:
        raise HTTPException(status_code=400, detail="choose some of the incident's claims, not none or all of them")
    triage.decide(store, "split", chosen, who.user.name)
    rebuild_incidents(store)
    return {"id": triage.incident_of_claim(store, staying[0]), "new": triage.incident_of_claim(store, chosen[0])}


@router.get("/claims", summary="Claims, newest first, filtered and paginated")
def list_claims(request: Request, who: Annotated[Caller, Depends(require())], page: Page = 1,
                per_page: PerPage = 25, victim: Text = None,
                country: Annotated[str | None, Query(max_length=2)] = None,
                claim_type: Literal["sale", "leak", "ransomware", "access", "other"] | None = None
                ) -> dict[str, Any]:
    store = _store(request)
    rows = store.claims(limit=per_page + 1, offset=(page - 1) * per_page, victim=victim, country=country,
                        claim_type=claim_type)
    total = triage.count_claims(store, victim=victim, country=country, claim_type=claim_type)
    items = [{"id": r.id, "created_at": r.created_at.isoformat(), "claim": r.claim.model_dump(mode="json"),
              "severity": {"score": r.severity_score, "band": r.severity_band}} for r in rows[:per_page]]
    return _page(items, total, page, per_page)


@router.get("/claims/{claim_id}", summary="One claim, its corrections and the claim with them applied")
def get_claim(request: Request, claim_id: Id,
              who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    store = _store(request)
    stored = store.claim(claim_id)
    if stored is None:
        raise _not_found("claim")
    fixes = triage.corrections(store, [claim_id]).get(claim_id, [])
    return {"id": claim_id, "created_at": stored.created_at.isoformat(),
            "incident_id": triage.incident_of_claim(store, claim_id),
            "claim": stored.claim.model_dump(mode="json"),
            "corrected": triage.corrected_claim(stored.claim, fixes).model_dump(mode="json"),
            "corrections": [{"field": c.field, "value": c.value, "original": c.original, "author": c.author}
                            for c in fixes]}


@router.post("/claims/{claim_id}/corrections", summary="Correct one field of a claim", status_code=201)
def post_correction(request: Request, claim_id: Id, body: CorrectionIn,
                    who: Annotated[Caller, Depends(require("analyst"))], csrf: Csrf = None) -> dict[str, Any]:
    from breachlens.ingest import rebuild_incidents

    store = _changing(request, who, csrf)
    if store.claim(claim_id) is None:
        raise _not_found("claim")
    fix = triage.correct(store, claim_id, body.field, body.value, who.user.name)
    rebuild_incidents(store)
    return {"claim_id": claim_id, "field": fix.field, "value": fix.value, "original": fix.original,
            "incident_id": triage.incident_of_claim(store, claim_id)}


@router.get("/documents/{document_id}", summary="One document: its text and where it came from")
def get_document(request: Request, document_id: Annotated[str, Path(pattern="^[0-9a-f]{64}$")],
                 who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    document = _store(request).document(document_id)
    if document is None:
        raise _not_found("document")
    return {"id": document.id, "source": document.source, "text": document.text}


@router.get("/statistics", summary="Counts behind the statistics page")
def get_statistics(request: Request, who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    stats = views.statistics(_store(request))
    return {
        "incidents": stats["incidents"], "claims": stats["claims"], "records": stats["records"],
        "per_week": [{"week": w, "incidents": n} for w, n in stats["per_week"]],
        "by_country": [{"country": k, "name": name, "incidents": n} for name, k, n in stats["by_country"]],
        "by_sector": [{"sector": k, "name": name, "incidents": n} for name, k, n in stats["by_sector"]],
        "by_category": [{"category": k, "name": name, "incidents": n} for name, k, n in stats["by_category"]],
        "by_records": [{"bucket": label, "incidents": n} for label, n in stats["by_records"]],
        "by_status": dict(stats["by_status"]), "by_severity": dict(stats["by_severity"]),
    }


@router.get("/sources", summary="Followed sources and their health")
def get_sources(request: Request, who: Annotated[Caller, Depends(require())]) -> dict[str, Any]:
    items = []
    for state in _store(request).sources():
        items.append({"name": state.source.name, "kind": str(state.source.kind), "location": state.source.location,
                      "reliability": str(state.source.reliability),
                      "last_run": state.last_run.isoformat() if state.last_run else None,
                      "last_success": state.last_success.isoformat() if state.last_success else None,
                      "last_error": state.last_error, "failures": state.failures, "last_new": state.last_new})
    return {"items": items}
