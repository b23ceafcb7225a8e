"""STIX 2.1 bundles of incidents, built with the OASIS ``stix2`` library (for OpenCTI and any TAXII server).

One incident gives:

* the victim as an ``identity`` (``identity_class: organization``, ``sectors`` from the STIX industry-sector
  vocabulary through ``knowledge/exports.yaml``), ``located-at`` a ``location`` (its country);
* each actor as an ``intrusion-set`` when it is a known group (ransomware, extortion, hacking crew, state
  group: ``knowledge/actors.yaml``) or the claim is a ransomware listing, else a ``threat-actor``; each
  ``targets`` the victim;
* a ``report`` (``report_types: threat-report``) referring to all of them, with the records, data categories,
  sources and claim type as ``x_breachlens_*`` properties;
* a ``note`` for the severity (ENISA method, score and band) and one for the credibility (score, Admiralty code).

Ids are derived from stable keys (victim key, actor name, incident id: UUIDv5 bits in the UUIDv4 layout
STIX asks for), and ``created``/``modified`` are the
incident's first and last sightings, so exporting again gives the same ids with a newer ``modified``: the
consumer updates its objects instead of duplicating them. Every object carries a TLP marking (TLP 1.0
definitions of the stix2 library; default from ``knowledge/exports.yaml``).

Example::

    bundle = incidents_bundle([incident], tlp="amber")
    print(bundle.serialize(pretty=True))
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from breachlens.extract.text import fold
from breachlens.model import ClaimType, Incident

__all__ = ["NAMESPACE", "incident_objects", "incidents_bundle", "stix_id", "tlp_marking"]

NAMESPACE = uuid.UUID("6f1e0d54-4b7e-5c8a-9d0e-62726561636c")  # breachlens' namespace for UUIDv5 ids
_GROUP_KINDS = frozenset({"ransomware", "extortion", "group", "apt"})
_AUTHOR_KEY = "breachlens"


def stix_id(kind: str, key: str) -> str:
    """A deterministic STIX id from a stable key: the UUIDv5 of ``kind:key`` in :data:`NAMESPACE`, its version bits
    set to 4. STIX 2.1 asks for UUIDv4 ids on SDOs and SROs (the validator warns on others), and a random UUID
    cannot be found again; the v5 hash's bits in the v4 layout are both stable and accepted.

    Example::

        >>> stix_id("identity", "acme") == stix_id("identity", "acme")
        True
        >>> stix_id("identity", "acme").startswith("identity--")
        True
    """
    name_based = uuid.uuid5(NAMESPACE, f"{kind}:{key}")
    return f"{kind}--{uuid.UUID(bytes=name_based.bytes, version=4)}"


def tlp_marking(tlp: str) -> Any:
    """The stix2 marking definition of a TLP level (clear/white, green, amber, amber+strict, red)."""
    import stix2

    level = tlp.lower().strip()
    table = {"clear": stix2.TLP_WHITE, "white": stix2.TLP_WHITE, "green": stix2.TLP_GREEN,
             "amber": stix2.TLP_AMBER, "amber+strict": stix2.TLP_AMBER, "red": stix2.TLP_RED}
    if level not in table:
        from breachlens.errors import InputError

        raise InputError("not a TLP level", input=f"--tlp {tlp}", hint="one of clear, green, amber, amber+strict, red")
    return table[level]


@cache
def _actor_kinds() -> dict[str, str]:
    from breachlens import knowledge

    kinds: dict[str, str] = {}
    for actor in knowledge.load("actors").actors:  # type: ignore[attr-defined]
        for name in [actor.name, *actor.aliases]:
            kinds[" ".join(fold(name).split())] = actor.kind
    return kinds


def _victim_key(incident: Incident) -> str:
    if incident.victim_key:
        return incident.victim_key
    victim = incident.victim
    return " ".join(fold((victim.name if victim else None) or f"incident {incident.id}").split())


def _report_key(incident: Incident) -> str:
    return f"incident:{incident.id}" if incident.id is not None else f"victim:{_victim_key(incident)}"


def incident_objects(incident: Incident, *, tlp: str | None = None) -> list[Any]:
    """The STIX objects of one incident (author identity and marking definition not included)."""
    import stix2.v21 as stix

    from breachlens import knowledge

    mapping = knowledge.load("exports")
    marking = tlp_marking(tlp or mapping.tlp)  # type: ignore[attr-defined]
    author = stix_id("identity", _AUTHOR_KEY)
    created: datetime = incident.first_seen
    modified: datetime = max(incident.last_seen, incident.first_seen)
    common: dict[str, Any] = {"created": created, "modified": modified, "created_by_ref": author,
                              "object_marking_refs": [marking.id]}
    objects: list[Any] = []
    victim = incident.victim
    key = _victim_key(incident)
    identity = None
    if victim is not None:
        sectors = [mapping.stix_sectors[victim.sector]] if victim.sector in mapping.stix_sectors else []  # type: ignore[attr-defined]
        name = victim.name or " ".join(p for p in (victim.sector, "organisations", victim.country and
                                                   f"in {victim.country}") if p)
        identity = stix.Identity(id=stix_id("identity", f"victim:{key}"), name=name, identity_class="organization",
                                 sectors=sectors or None,
                                 contact_information=f"https://{victim.domain}" if victim.domain else None,
                                 **common)
        objects.append(identity)
        if victim.country:
            location = stix.Location(id=stix_id("location", f"country:{victim.country}"), country=victim.country,
                                     name=victim.country, **common)
            objects.append(location)
            objects.append(stix.Relationship(id=stix_id("relationship", f"{identity.id}:located-at:{location.id}"),
                                             relationship_type="located-at", source_ref=identity.id,
                                             target_ref=location.id, **common))
    for actor in incident.actors:
        folded = " ".join(fold(actor).split())
        kind = _actor_kinds().get(folded)
        if kind in _GROUP_KINDS or (kind is None and incident.claim_type is ClaimType.ransomware):
            actor_object: Any = stix.IntrusionSet(id=stix_id("intrusion-set", folded), name=actor, **common)
        else:
            actor_object = stix.ThreatActor(id=stix_id("threat-actor", folded), name=actor,
                                            threat_actor_types=["criminal"], **common)
        objects.append(actor_object)
        if identity is not None:
            objects.append(stix.Relationship(id=stix_id("relationship", f"{actor_object.id}:targets:{identity.id}"),
                                             relationship_type="targets", source_ref=actor_object.id,
                                             target_ref=identity.id, **common))
    report_id = stix_id("report", _report_key(incident))
    records = incident.records_range[1] if incident.records_range else None
    victim_name = (victim.name if victim else None) or "an unnamed victim"
    description = (f"{str(incident.claim_type).capitalize()} claim about {victim_name}"
                   + (f": {records:,} records" if records else "")
                   + (f" ({', '.join(incident.data_categories)})" if incident.data_categories else "")
                   + f"; seen in {len({s.source for s in incident.sightings})} source(s).")
    notes: list[Any] = []
    refs = [o.id for o in objects]
    if incident.severity is not None:
        severity = incident.severity
        notes.append(stix.Note(id=stix_id("note", f"{_report_key(incident)}:severity"),
                               abstract=f"Severity: {severity.band} ({severity.score:g})",
                               content=f"{severity.method}: score {severity.score:g}, band {severity.band}; "
                                       f"DPC {severity.dpc.value:g} ({severity.dpc.reason}), EI {severity.ei.value:g}, "
                                       f"CB {severity.cb.value:g}.",
                               authors=["breachlens"], object_refs=[report_id, *refs[:1]], **common))
    if incident.credibility is not None:
        credibility = incident.credibility
        notes.append(stix.Note(id=stix_id("note", f"{_report_key(incident)}:credibility"),
                               abstract=f"Credibility: {credibility.band} ({credibility.score}/100, "
                                        f"Admiralty {credibility.admiralty})",
                               content="; ".join(f"{f.name}: {f.reason}" for f in credibility.factors) or
                                       f"credibility {credibility.score}/100",
                               authors=["breachlens"], object_refs=[report_id, *refs[:1]], **common))
    custom = {"x_breachlens_records": records, "x_breachlens_claim_type": str(incident.claim_type),
              "x_breachlens_data_categories": list(incident.data_categories),
              "x_breachlens_sources": sorted({s.source for s in incident.sightings}),
              "x_breachlens_venues": list(incident.venues), "x_breachlens_breach_date": incident.breach_date,
              "x_breachlens_novelty": incident.novelty.status if incident.novelty else None}
    custom = {k: v for k, v in custom.items() if v not in (None, [])}
    report = stix.Report(id=report_id, name=f"Data breach claim: {victim_name}", description=description,
                         report_types=["threat-report"], published=modified,
                         object_refs=refs + [n.id for n in notes] or [stix_id("identity", _AUTHOR_KEY)],
                         labels=list(incident.data_categories) or None, allow_custom=True, **common, **custom)
    return [*objects, report, *notes]


def incidents_bundle(incidents: Iterable[Incident], *, tlp: str | None = None) -> Any:
    """One STIX 2.1 bundle with every incident's objects, the breachlens author identity and the TLP marking.

    Objects shared by several incidents (a group, a country) appear once, at their latest ``modified``.
    """
    import stix2.v21 as stix

    from breachlens import knowledge

    level = tlp or knowledge.load("exports").tlp  # type: ignore[attr-defined]
    marking = tlp_marking(level)
    found: dict[str, Any] = {}
    earliest: datetime | None = None
    for incident in incidents:
        for obj in incident_objects(incident, tlp=level):
            if obj.id not in found or obj.modified > found[obj.id].modified:
                found[obj.id] = obj
            earliest = obj.created if earliest is None or obj.created < earliest else earliest
    author_time = earliest or datetime(2024, 1, 1)
    author = stix.Identity(id=stix_id("identity", _AUTHOR_KEY), name="breachlens", identity_class="system",
                           created=author_time, modified=author_time)
    return stix.Bundle(id=stix_id("bundle", "|".join(sorted(found)) or "empty"),
                       objects=[marking, author, *found.values()], allow_custom=True)
