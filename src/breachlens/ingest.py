"""Ingest: from a source to stored documents, claims and sightings, then incidents.

``ingest(location)`` reads the items a connector yields, analyses each one and stores the document, its claim
and the sighting in one transaction per item, so an interrupted ingest loses at most the item in flight and a
second run stores nothing twice. ``rebuild_incidents(store)`` then clusters every stored claim into incidents,
with their severity, novelty against the imported catalogue and credibility, in one transaction.

Example::

    with Store() as store:
        report = ingest("feeds/posts.jsonl", store=store)
        rebuild_incidents(store)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from breachlens.errors import BreachlensError
from breachlens.model import Claim, ClaimType, Document, Evidence, Sighting, SourceKind, Victim

if TYPE_CHECKING:
    from breachlens.sources import Item
    from breachlens.sources.http import FetchPolicy
    from breachlens.store import Store

__all__ = ["IngestReport", "ingest", "ingest_items", "apply_hints", "rebuild_incidents", "RebuildReport"]


@dataclass
class IngestReport:
    """What one ingest did: items read, documents and sightings that were new, and what went wrong."""

    source: str
    items: int = 0
    new_documents: int = 0
    new_sightings: int = 0
    failed: list[str] = field(default_factory=list)  # one line per item that could not be analysed
    warnings: list[str] = field(default_factory=list)  # from the connector: bad lines, skipped files

    def summary(self) -> str:
        text = (f"{self.source}: {self.items} items, {self.new_documents} new documents, "
                f"{self.new_sightings} new sightings")
        if self.failed:
            text += f", {len(self.failed)} failed"
        if self.warnings:
            text += f", {len(self.warnings)} warnings"
        return text


def _find(document: Document, value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    start = document.text.find(value)
    return (start, start + len(value)) if start >= 0 else None


def apply_hints(claim: Claim, document: Document, metadata: dict[str, Any]) -> Claim:
    """Facts a connector knows for sure replace what the text alone suggested.

    A leak-site post is a ransomware claim whose actor is the group and whose victim is the post's title; the
    evidence points at those words in the composed text.
    """
    if not metadata:
        return claim
    from breachlens.extract.actors import known_actor

    update: dict[str, Any] = {}
    evidence: list[Evidence] = [e for e in claim.evidence]
    hinted_type = metadata.get("claim_type")
    if hinted_type and hinted_type in ClaimType.__members__.values():
        update["claim_type"] = ClaimType(hinted_type)
    actor = metadata.get("actor")
    if actor:
        name = known_actor(str(actor)) or str(actor)
        update["actor"] = name
        span = _find(document, str(actor))
        if span:
            evidence = [e for e in evidence if e.field != "actor"]
            evidence.append(Evidence(field="actor", start=span[0], end=span[1], text=document.text[span[0]:span[1]],
                                     rule="source:actor"))
    victim_name = metadata.get("victim")
    if victim_name:
        from breachlens.extract.geo import registered_domain

        title = str(victim_name).strip()
        domain = registered_domain(title) or registered_domain(str(metadata.get("website") or ""))
        current = claim.victim
        update["victim"] = Victim(
            name=title if not (current and current.name and _same_name(current.name, title)) else current.name,
            aliases=current.aliases if current else [],
            country=current.country if current else None,
            sector=current.sector if current else None,
            domain=(current.domain if current and current.domain else domain),
        )
        span = _find(document, title)
        if span:
            evidence = [e for e in evidence if e.field != "victim"]
            evidence.append(Evidence(field="victim", start=span[0], end=span[1], text=document.text[span[0]:span[1]],
                                     rule="source:victim"))
    update["evidence"] = evidence
    return claim.model_copy(update=update)


def _same_name(a: str, b: str) -> bool:
    from breachlens.extract.text import fold

    def key(x: str) -> str:
        return "".join(c for c in fold(x) if c.isalnum())

    return key(a) == key(b) or key(b).startswith(key(a)) or key(a).startswith(key(b))


def ingest_items(items: Iterable[Item], store: Store, *, source: str,
                 progress: Callable[[int], None] | None = None) -> IngestReport:
    """Analyse and store ``items`` (each in its own transaction); see :func:`ingest`."""
    from breachlens.assess.severity import assess_severity
    from breachlens.extract.pipeline import EXTRACTOR_VERSION, extract, prepare

    report = IngestReport(source=source)
    for item in items:
        report.items += 1
        try:
            document = prepare(item.text, source=item.source)
            if not document.text.strip():
                raise BreachlensError("no text", input=item.url or item.source)
            claim = apply_hints(extract(document), document, item.metadata)
            severity = assess_severity(claim)
            sighting = Sighting(source=source, document_id=document.id, url=item.url, author=item.author,
                                published=item.published, seen=datetime.now(UTC))
            result, new_sighting = store.record(document, claim, severity, sighting,
                                                extractor_version=EXTRACTOR_VERSION)
        except BreachlensError as exc:
            report.failed.append(str(exc))
            continue
        report.new_documents += result.new_document
        report.new_sightings += new_sighting
        if progress is not None:
            progress(report.items)
    return report


def ingest(location: str, store: Store, *, kind: SourceKind | str = "auto", source: str | None = None,
           policy: FetchPolicy | None = None, progress: Callable[[int], None] | None = None) -> IngestReport:
    """Read ``location`` (file, folder or URL) with its connector and store what it holds.

    Raises SourceError when the source itself cannot be read (unreachable, refused, not a feed); problems with
    single items are listed in the report and never stop the others.
    """
    from breachlens.sources import iter_items

    warnings: list[str] = []
    name = source or location
    items = iter_items(location, kind, source=name, policy=policy, warnings=warnings)
    report = ingest_items(items, store, source=name, progress=progress)
    report.warnings.extend(warnings)
    return report


@dataclass
class RebuildReport:
    incidents: int
    claims: int
    reposts: int
    seconds: float


def incident_claim(claims: list[Claim], victim: Victim | None, records: int | None) -> Claim:
    """One claim that stands for an incident: its victim, the union of data, the largest count, the most
    frequent claim type; used to assess the incident's severity."""
    types = Counter(c.claim_type for c in claims)
    claim_type = max(types, key=lambda t: (types[t], t != ClaimType.other))
    categories = sorted({k for c in claims for k in c.data_categories})
    flags = sorted({f for c in claims for f in c.flags})
    first = claims[0]
    return Claim(source=first.source, claim_type=claim_type, victim=victim, records=records,
                 data_categories=categories, flags=flags, actor=next((c.actor for c in claims if c.actor), None),
                 venue=next((c.venue for c in claims if c.venue), None),
                 date=next((c.date for c in claims if c.date), None), price=next((c.price for c in claims if c.price),
                                                                                 None),
                 language=first.language)


def rebuild_incidents(store: Store) -> RebuildReport:
    """Cluster every stored claim into incidents and store them with severity, novelty and credibility."""
    import time

    from breachlens.assess.credibility import actor_histories, credibility
    from breachlens.assess.incidents import ClaimRecord, cluster
    from breachlens.assess.novelty import Catalogue, novelty
    from breachlens.assess.severity import assess_severity
    from breachlens.model import Incident
    from breachlens.store.web import apply_corrections, apply_decisions  # analysts' triage (web dashboard)

    started = time.perf_counter()
    stored = apply_corrections(store, store.claims_for_clustering())
    by_id = {c.claim_id: c for c in stored}
    records = [ClaimRecord(claim_id=c.claim_id, victim=c.claim.victim, seen=c.first_seen, records=c.claim.records,
                           records_range=c.claim.records_range, data_categories=list(c.claim.data_categories),
                           date=c.claim.date, actor=c.claim.actor, venue=c.claim.venue,
                           claim_type=c.claim.claim_type, source=c.sources[0] if c.sources else c.claim.source)
               for c in stored]
    clusters = apply_decisions(store, cluster(records), records)
    breaches = store.breaches()
    catalogue = Catalogue(breaches) if breaches else None
    reliabilities = store.reliabilities()
    novelties = [novelty(found, catalogue) for found in clusters]
    by_document: dict[str, list[Sighting]] = {}
    for sighting in store.sightings():  # one query, in time order
        by_document.setdefault(sighting.document_id, []).append(sighting)
    histories = actor_histories(zip(clusters, novelties, strict=True))
    incidents: list[Incident] = []
    reposts = 0
    for found, found_novelty in zip(clusters, novelties, strict=True):
        claims = [by_id[i].claim for i in found.claim_ids]
        sightings = sorted((s for c in claims if c.document_id for s in by_document.get(c.document_id, [])),
                           key=lambda s: s.seen)
        records_high = found.records_range[1] if found.records_range else None
        severity = assess_severity(incident_claim(claims, found.victim, records_high))
        base = Incident(victim=found.victim, victim_key=found.victim_key, claim_ids=list(found.claim_ids),
                        claim_type=found.claim_type, breach_date=found.breach_date, first_seen=found.first_seen,
                        last_seen=found.last_seen, records_range=found.records_range,
                        data_categories=list(found.data_categories), actors=list(found.actors),
                        venues=list(found.venues), sightings=sightings, severity=severity, novelty=found_novelty)
        reposts += found_novelty.status == "repost"
        sources = {s.source for s in sightings}
        reliability = min((reliabilities.get(s) for s in sources if s in reliabilities), default=None,
                          key=lambda r: str(r))
        actor = found.actors[0] if found.actors else None
        kwargs: dict[str, Any] = {"actor_history": histories.get(actor) if actor else None,
                                  "novelty": found_novelty}
        if reliability is not None:
            kwargs["reliability"] = reliability
        incidents.append(base.model_copy(update={"credibility": credibility(base, claims, **kwargs)}))
    store.replace_incidents(incidents)
    return RebuildReport(incidents=len(incidents), claims=len(stored), reposts=reposts,
                         seconds=time.perf_counter() - started)

