"""What the pages and the API show, gathered from the store: the feed, one incident, actors, venues, statistics.

Pages and API share these functions, so that the API gives everything the pages show.

Example::

    rows, total = feed(store, Filters(country="FR", q="employment"), page=1, per_page=25)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from breachlens.model import Claim, Incident
from breachlens.store import Store, StoredClaim
from breachlens.store import web as triage

__all__ = ["Filters", "Summary", "feed", "summary", "incident_detail", "ClaimView", "statistics", "history"]

SEVERITY_BANDS = ("low", "medium", "high", "very high")
CREDIBILITY_BANDS = ("low", "moderate", "high")
CLAIM_TYPES = ("sale", "leak", "ransomware", "access", "other")


@dataclass(frozen=True)
class Filters:
    """The feed's filters; empty values do not filter."""

    country: str | None = None
    sector: str | None = None
    claim_type: str | None = None
    severity: str | None = None
    credibility: str | None = None
    actor: str | None = None
    venue: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    status: str | None = None

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (for pagination links)."""
        return {k: str(v) for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass(frozen=True)
class Summary:
    id: int
    incident: Incident
    status: str
    sources: int

    @property
    def victim(self) -> str:
        v = self.incident.victim
        return (v.name if v and v.name else None) or "—"

    def as_dict(self) -> dict[str, Any]:
        i = self.incident
        return {
            "id": self.id,
            "victim": i.victim.model_dump(mode="json") if i.victim else None,
            "claim_type": str(i.claim_type),
            "breach_date": i.breach_date,
            "first_seen": i.first_seen.isoformat(),
            "last_seen": i.last_seen.isoformat(),
            "records_range": list(i.records_range) if i.records_range else None,
            "data_categories": list(i.data_categories),
            "actors": list(i.actors),
            "venues": list(i.venues),
            "severity": {"score": round(i.severity.score, 2), "band": str(i.severity.band)} if i.severity else None,
            "credibility": ({"score": i.credibility.score, "band": str(i.credibility.band),
                             "admiralty": i.credibility.admiralty} if i.credibility else None),
            "novelty": i.novelty.status if i.novelty else None,
            "claims": len(i.claim_ids),
            "sources": self.sources,
            "status": self.status,
        }


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


def _matches(row: Summary, f: Filters) -> bool:
    i = row.incident
    victim = i.victim
    if f.country and (not victim or (victim.country or "") != f.country.upper()):
        return False
    if f.sector and (not victim or (victim.sector or "") != f.sector):
        return False
    if f.claim_type and str(i.claim_type) != f.claim_type:
        return False
    if f.severity and (not i.severity or str(i.severity.band) != f.severity):
        return False
    if f.credibility and (not i.credibility or str(i.credibility.band) != f.credibility):
        return False
    if f.actor and _fold(f.actor) not in {_fold(a) for a in i.actors}:
        return False
    if f.venue and _fold(f.venue) not in {_fold(v) for v in i.venues}:
        return False
    if f.since and i.first_seen.date() < f.since:
        return False
    if f.until and i.first_seen.date() > f.until:
        return False
    return not (f.status and row.status != f.status)


def all_summaries(store: Store) -> list[Summary]:
    """Every incident, newest first seen first, with its triage status."""
    rows = store.incidents(limit=None)
    status = triage.statuses(store)
    return [Summary(id=r.id, incident=r.incident, status=status.get(r.id, "new"),
                    sources=len({s.source for s in r.incident.sightings})) for r in rows]


def feed(store: Store, f: Filters, page: int = 1, per_page: int = 25) -> tuple[list[Summary], int]:
    """One page of the feed and how many incidents match in all."""
    rows = [r for r in all_summaries(store) if _matches(r, f)]
    if f.q and f.q.strip():
        ranked = triage.incident_ids_of_claims(store, triage.search_claims(store, f.q))
        by_id = {r.id: r for r in rows}
        rows = [by_id[i] for i in ranked if i in by_id]
    start = (page - 1) * per_page
    return rows[start:start + per_page], len(rows)


def summary(store: Store, incident_id: int) -> Summary | None:
    row = store.incident(incident_id)
    if row is None:
        return None
    status = triage.statuses(store, [incident_id]).get(incident_id, "new")
    return Summary(id=row.id, incident=row.incident, status=status,
                   sources=len({s.source for s in row.incident.sightings}))


@dataclass
class ClaimView:
    """One claim of an incident as the page shows it: its document, the corrected values and the evidence."""

    stored: StoredClaim
    claim: Claim  # with the analysts' corrections
    corrections: list[triage.Correction]
    document_text: str
    segments: list[Any]
    sightings: list[Any] = field(default_factory=list)

    @property
    def corrected(self) -> dict[str, triage.Correction]:
        return {c.field: c for c in self.corrections}

    def value(self, name: str) -> Any:
        return triage._field_value(self.claim, name)


def claim_views(store: Store, claim_ids: list[int], incident: Incident | None = None) -> list[ClaimView]:
    from breachlens.report.render import _segments

    found = triage.corrections(store, claim_ids)
    views = []
    for stored in store.claims_of(claim_ids):
        document = store.document(stored.claim.document_id) if stored.claim.document_id else None
        text = document.text if document else ""
        sightings = [s for s in (incident.sightings if incident else []) if s.document_id == stored.claim.document_id]
        views.append(ClaimView(stored=stored, claim=triage.corrected_claim(stored.claim, found.get(stored.id, [])),
                               corrections=found.get(stored.id, []), document_text=text,
                               segments=_segments(text, stored.claim.evidence) if text else [],
                               sightings=sightings))
    return views


def incident_assessment(incident: Incident, claims: list[Claim], lang: str) -> Any:
    """The assessment of an incident as a whole (its claims merged), worded in ``lang``."""
    from breachlens.assess import assess
    from breachlens.ingest import incident_claim

    high = incident.records_range[1] if incident.records_range else None
    return assess(incident_claim(claims, incident.victim, high), lang=lang)


def incident_detail(store: Store, incident_id: int, lang: str = "en") -> dict[str, Any] | None:
    """Everything the incident page shows."""
    from breachlens.report.render import report_context

    found = summary(store, incident_id)
    if found is None:
        return None
    incident = found.incident
    views = claim_views(store, incident.claim_ids, incident)
    assessment = incident_assessment(incident, [v.claim for v in views], lang) if views else None
    return {
        "summary": found,
        "incident": incident,
        "claims": views,
        "notes": triage.notes(store, incident_id),
        "report": report_context(assessment) if assessment else None,
        "lang": lang,
    }


def history(store: Store, *, actor: str | None = None, venue: str | None = None) -> list[Summary]:
    """The incidents of one actor or venue, oldest first (their history)."""
    key = _fold(actor or venue or "")
    rows = [r for r in all_summaries(store)
            if key in {_fold(x) for x in (r.incident.actors if actor else r.incident.venues)}]
    return sorted(rows, key=lambda r: r.incident.first_seen)


def _week(moment: datetime) -> date:
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


RECORD_BUCKETS: list[tuple[str, int]] = [("< 10k", 10_000), ("10k–100k", 100_000), ("100k–1M", 1_000_000),
                                         ("1M–10M", 10_000_000), ("10M–100M", 100_000_000), ("≥ 100M", 10**18)]


def statistics(store: Store, weeks: int = 26) -> dict[str, Any]:
    """Counts behind the statistics page: incidents per week, by country, sector, data category, records."""
    from breachlens.report import rules

    rows = all_summaries(store)
    incidents = [r.incident for r in rows]
    per_week: Counter[date] = Counter(_week(i.first_seen) for i in incidents)
    if per_week:
        last = max(per_week)
        first = max(min(per_week), last - timedelta(weeks=weeks - 1))
        span = [(first + timedelta(weeks=n)) for n in range((last - first).days // 7 + 1)]
    else:
        span = []
    countries = Counter(i.victim.country for i in incidents if i.victim and i.victim.country)
    sectors = Counter(i.victim.sector for i in incidents if i.victim and i.victim.sector)
    categories = Counter(c for i in incidents for c in i.data_categories)
    buckets: Counter[str] = Counter()
    total_records = 0
    for i in incidents:
        if i.records_range:
            high = i.records_range[1]
            total_records += high
            buckets[next(label for label, limit in RECORD_BUCKETS if high < limit)] += 1
    return {
        "incidents": len(incidents),
        "claims": sum(len(i.claim_ids) for i in incidents),
        "records": total_records,
        "per_week": [(d.isoformat(), per_week.get(d, 0)) for d in span],
        "by_country": [(rules.country_name(k, "en"), k, n) for k, n in countries.most_common(12)],
        "by_sector": [(rules.sector_label(k, "en"), k, n) for k, n in sectors.most_common(12)],
        "by_category": [(rules.category_label(k, "en"), k, n) for k, n in categories.most_common(15)],
        "by_records": [(label, buckets.get(label, 0)) for label, _ in RECORD_BUCKETS],
        "by_status": Counter(r.status for r in rows),
        "by_severity": Counter(str(i.severity.band) for i in incidents if i.severity),
    }


def choices(store: Store) -> dict[str, list[str]]:
    """The values the feed's filter menus offer (those present in the incidents)."""
    rows = all_summaries(store)
    countries = sorted({r.incident.victim.country for r in rows if r.incident.victim and r.incident.victim.country})
    sectors = sorted({r.incident.victim.sector for r in rows if r.incident.victim and r.incident.victim.sector})
    actors = sorted({a for r in rows for a in r.incident.actors}, key=str.casefold)
    venues = sorted({v for r in rows for v in r.incident.venues}, key=str.casefold)
    return {"countries": countries, "sectors": sectors, "actors": actors, "venues": venues}


def source_counts(store: Store) -> dict[str, int]:
    """How many sightings each source gave (by source name)."""
    return dict(Counter(s.source for s in store.sightings()))
