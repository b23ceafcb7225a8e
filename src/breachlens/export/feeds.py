"""Atom and RSS feeds of incidents (feedgen), and the FastAPI router that serves them.

``GET /feeds/incidents.atom`` and ``GET /feeds/incidents.rss``, filtered by ``country`` (ISO code), ``sector``
(key of ``knowledge/sectors.yaml``) and ``severity`` (the lowest band: low, medium, high, very-high), at most
``limit`` entries (default 50, newest first). The router uses the app's store (``app.state.store``) when the app
has one, else it opens the database of the settings. Entries are plain text built from the incident's fields;
nothing from a source is ever sent as HTML.

Example::

    curl 'http://127.0.0.1:8000/feeds/incidents.atom?country=FR&severity=high'

    >>> from datetime import UTC, datetime
    >>> from breachlens.model import Incident, Victim
    >>> now = datetime(2024, 3, 13, tzinfo=UTC)
    >>> xml = incidents_feed([Incident(id=1, victim=Victim(name="Acme", country="FR"), first_seen=now,
    ...                                last_seen=now)], "atom", base_url="http://127.0.0.1:8000")
    >>> b"<title>Acme (FR): other claim</title>" in xml
    True
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from breachlens.model import Incident

__all__ = ["router", "incidents_feed", "entry_title", "BAND_FLOOR"]

BAND_FLOOR = {"low": 0.0, "medium": 2.0, "high": 3.0, "very-high": 4.0, "very high": 4.0}
_NAMESPACE = uuid.UUID("3c1b5a8e-2f4d-5c6e-9a7b-62726561636e")
_MEDIA = {"atom": "application/atom+xml; charset=utf-8", "rss": "application/rss+xml; charset=utf-8"}

router = APIRouter(tags=["feeds"])


def entry_title(incident: Incident) -> str:
    victim = incident.victim
    name = (victim.name if victim else None) or "Unnamed victim"
    where = f" ({victim.country})" if victim and victim.country else ""
    records = incident.records_range[1] if incident.records_range else None
    return f"{name}{where}: {incident.claim_type} claim" + (f", {records:,} records" if records else "")


def _summary(incident: Incident) -> str:
    parts = [entry_title(incident) + "."]
    if incident.data_categories:
        parts.append("Data: " + ", ".join(incident.data_categories) + ".")
    if incident.actors:
        parts.append("Actor: " + ", ".join(incident.actors) + ".")
    if incident.severity:
        parts.append(f"Severity: {incident.severity.band} ({incident.severity.score:g}).")
    if incident.credibility:
        parts.append(f"Credibility: {incident.credibility.score}/100 ({incident.credibility.admiralty}).")
    if incident.novelty:
        parts.append(f"Novelty: {incident.novelty.status}.")
    parts.append(f"Sources: {len({s.source for s in incident.sightings})}.")
    return " ".join(parts)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: names and venues come from sources, and a control character in one made the
    whole feed fail."""
    return _NOT_XML.sub("", text)


def incidents_feed(incidents: Iterable[Incident], kind: Literal["atom", "rss"], *, base_url: str,
                   self_url: str | None = None, title: str = "breachlens incidents") -> bytes:
    """The feed document (UTF-8 bytes) of ``incidents``; links point at ``base_url/incidents/ID`` (the dashboard
    page) and, in Atom, ``base_url/incidents/ID/report.html`` (the analyst report, ``rel="related"``)."""
    from feedgen.feed import FeedGenerator

    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"urn:uuid:{uuid.uuid5(_NAMESPACE, base + '/feeds/incidents')}")
    feed.title(title)
    feed.link(href=f"{base}/incidents", rel="alternate")
    if self_url:
        feed.link(href=self_url, rel="self")
    feed.description("Breach claims clustered into incidents, with severity, credibility and novelty.")
    feed.language("en")
    feed.generator("breachlens")
    items = list(incidents)
    feed.updated(max((i.last_seen for i in items), default=datetime(2024, 1, 1, tzinfo=UTC)))
    for incident in reversed(items):  # feedgen puts the last added first
        entry = feed.add_entry()
        entry.id(f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{base}/incidents/{incident.id}')}")
        entry.guid(f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{base}/incidents/{incident.id}')}", permalink=False)
        entry.title(_xml_text(entry_title(incident)))
        entry.link(href=f"{base}/incidents/{incident.id}", rel="alternate")
        entry.link(href=f"{base}/incidents/{incident.id}/report.html", rel="related", title="report",
                   type="text/html")
        entry.published(incident.first_seen)
        entry.updated(incident.last_seen)
        entry.summary(_xml_text(_summary(incident)))
        if incident.victim and incident.victim.sector:
            entry.category(term=_xml_text(incident.victim.sector))
        if incident.victim and incident.victim.country:
            entry.category(term=f"country:{incident.victim.country}")
    if kind == "rss":
        rss: bytes = feed.rss_str(pretty=True)
        return rss
    return _entry_link_attributes(feed.atom_str(pretty=False))


_ENTRY_LINKS = ({"rel": "alternate", "type": "text/html"},
                {"rel": "related", "type": "text/html", "title": "report"})


def _entry_link_attributes(atom: bytes) -> bytes:
    """feedgen (1.0) writes an Atom entry's links with ``href`` only: put back their ``rel``, ``type`` and ``title``
    (the two links of every entry, in the order they were added)."""
    from lxml import etree

    root = etree.fromstring(atom)
    namespace = "{http://www.w3.org/2005/Atom}"
    for entry in root.iter(f"{namespace}entry"):
        for link, attributes in zip(entry.findall(f"{namespace}link"), _ENTRY_LINKS, strict=False):
            for name, value in attributes.items():
                link.set(name, value)
    fixed: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return fixed


def select_incidents(store: Any, *, country: str | None, sector: str | None, severity: str | None,
                     limit: int) -> list[Incident]:
    """Incidents for a feed, newest first, filtered by country, sector and lowest severity band."""
    floor = None
    if severity is not None:
        if severity.lower() not in BAND_FLOOR:
            from breachlens.errors import InputError

            raise InputError("not a severity band", input=f"severity={severity}",
                             hint="one of low, medium, high, very-high")
        floor = BAND_FLOOR[severity.lower()]
    rows = store.incidents(limit=None if sector else limit, country=country, min_severity=floor)
    found = [row.incident for row in rows
             if not sector or (row.incident.victim and row.incident.victim.sector == sector.lower())]
    return found[:limit]


def _serve(request: Request, kind: Literal["atom", "rss"], country: str | None, sector: str | None,
           severity: str | None, limit: int) -> Response:
    from breachlens.errors import BreachlensError

    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise HTTPException(status_code=422, detail=f"country={country}: not an ISO 3166-1 alpha-2 code (e.g. FR)")
    store = getattr(request.app.state, "store", None)
    own = store is None
    if own:
        from breachlens.store import Store

        store = Store()
    try:
        incidents = select_incidents(store, country=country, sector=sector, severity=severity, limit=limit)
    except BreachlensError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    finally:
        if own and store is not None:
            store.close()
    base = str(request.base_url).rstrip("/")
    return Response(incidents_feed(incidents, kind, base_url=base, self_url=str(request.url)),
                    media_type=_MEDIA[kind])


Country = Annotated[str | None, Query(description="Victim country, ISO 3166-1 alpha-2 (FR).")]
Sector = Annotated[str | None, Query(description="Victim sector key (healthcare, finance, ...).")]
SeverityBand = Annotated[str | None, Query(description="Lowest severity band: low, medium, high, very-high.")]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many entries, newest first.")]


@router.get("/feeds/incidents.atom", summary="Atom feed of incidents", response_class=Response)
def incidents_atom(request: Request, country: Country = None, sector: Sector = None, severity: SeverityBand = None,
                   limit: Limit = 50) -> Response:
    return _serve(request, "atom", country, sector, severity, limit)


@router.get("/feeds/incidents.rss", summary="RSS 2.0 feed of incidents", response_class=Response)
def incidents_rss(request: Request, country: Country = None, sector: Sector = None, severity: SeverityBand = None,
                  limit: Limit = 50) -> Response:
    return _serve(request, "rss", country, sector, severity, limit)
