"""MISP events of incidents, built with ``pymisp`` and loadable by MISP's JSON import (Events -> Import from ->
MISP JSON) or ``PyMISP.add_event``.

One incident is one event:

* ``info``: "Data breach claim: <victim>"; ``date``: first seen; ``threat_level_id`` from the severity band;
  ``analysis``: initial (0); ``uuid``: UUIDv5 of the incident, so importing again updates the event;
* a ``victim`` object (the MISP object template shipped in ``pymisp/data/misp-objects``, checked by
  :meth:`MISPObject._validate` before the event is returned): name, sectors, regions (country), domain,
  description;
* the actor(s) as ``threat-actor`` attributes, the venues as ``text`` attributes, the sources as ``link`` or
  ``text`` attributes (comments say what they are);
* tags from MISP taxonomies, in their exact machine-tag forms: ``tlp:amber``; ``gdpr:special-categories="health"``
  (data categories of GDPR Art. 9); ``dark-web:topic="identification-credentials"``,
  ``dark-web:motivation="marketplace-for-sale"``; ``enisa:nefarious-activity-abuse="ransomware"`` — mappings in
  ``knowledge/exports.yaml``.

Example::

    event = incident_event(incident, tlp="amber")
    print(event.to_json(indent=2))
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from breachlens.model import Incident

__all__ = ["incident_event", "events_json", "tags_for"]

NAMESPACE = uuid.UUID("0b6a7c2e-6d1f-5e3b-8a9c-62726561636d")
_TLP = {"clear": "tlp:clear", "white": "tlp:white", "green": "tlp:green", "amber": "tlp:amber",
        "amber+strict": "tlp:amber+strict", "red": "tlp:red"}


def tags_for(incident: Incident, tlp: str | None = None) -> list[str]:
    """The taxonomy machine tags of an incident, TLP first.

    Example::

        >>> from datetime import UTC, datetime
        >>> from breachlens.model import ClaimType
        >>> now = datetime(2024, 3, 13, tzinfo=UTC)
        >>> tags_for(Incident(claim_type=ClaimType.ransomware, data_categories=["health", "password"],
        ...                   first_seen=now, last_seen=now), "amber")  # doctest: +NORMALIZE_WHITESPACE
        ['tlp:amber', 'gdpr:special-categories="health"', 'dark-web:topic="identification-credentials"',
         'enisa:nefarious-activity-abuse="ransomware"']
    """
    from breachlens import knowledge
    from breachlens.errors import InputError

    mapping: Any = knowledge.load("exports")
    level = (tlp or mapping.tlp).lower()
    if level not in _TLP:
        raise InputError("not a TLP level", input=f"--tlp {tlp}", hint="one of clear, green, amber, amber+strict, red")
    tags = [_TLP[level]]
    for category in incident.data_categories:
        if category in mapping.gdpr_special:
            tags.append(f'gdpr:special-categories="{mapping.gdpr_special[category]}"')
    topics = sorted({mapping.dark_web_topic[c] for c in incident.data_categories if c in mapping.dark_web_topic})
    tags += [f'dark-web:topic="{topic}"' for topic in topics]
    motivation = mapping.dark_web_motivation.get(str(incident.claim_type))
    if motivation:
        tags.append(f'dark-web:motivation="{motivation}"')
    enisa = mapping.enisa.get(str(incident.claim_type))
    if enisa:
        tags.append(enisa)
    return list(dict.fromkeys(tags))


def incident_event(incident: Incident, *, tlp: str | None = None) -> Any:
    """The MISPEvent of one incident (see the module docstring)."""
    from pymisp import MISPEvent, MISPObject

    from breachlens import knowledge

    mapping: Any = knowledge.load("exports")
    victim = incident.victim
    victim_name = (victim.name if victim else None) or "an unnamed victim"
    key = incident.victim_key or victim_name
    event = MISPEvent()
    event.uuid = str(uuid.uuid5(NAMESPACE, f"incident:{incident.id}:{key}"))
    event.info = f"Data breach claim: {victim_name}"
    event.date = incident.first_seen.date()
    band = str(incident.severity.band) if incident.severity else None
    event.threat_level_id = mapping.misp_threat_level.get(band, 4) if band else 4
    event.analysis = 0
    event.distribution = 0  # this organisation only: the analyst widens it in MISP
    event.published = False
    event.timestamp = incident.last_seen
    for tag in tags_for(incident, tlp):
        event.add_tag(tag)
    if victim is not None:
        obj = MISPObject("victim", standalone=False)
        obj.uuid = str(uuid.uuid5(NAMESPACE, f"victim:{key}"))
        if victim.name:
            obj.add_attribute("name", value=victim.name)
        if victim.sector:
            obj.add_attribute("sectors", value=victim.sector)
        if victim.country:
            obj.add_attribute("regions", value=victim.country)
        if victim.domain:
            obj.add_attribute("domain", value=victim.domain, to_ids=False)
        records = incident.records_range[1] if incident.records_range else None
        description = f"{str(incident.claim_type)} claim" + (f", {records:,} records" if records else "") + \
            (f"; data: {', '.join(incident.data_categories)}" if incident.data_categories else "")
        obj.add_attribute("description", value=description)
        for part in obj.attributes:
            part.uuid = str(uuid.uuid5(NAMESPACE, f"victim:{key}:{part.object_relation}:{part.value}"))
        obj._validate()  # the template's required fields and multiplicity (raises InvalidMISPObject)
        event.add_object(obj)
    for actor in incident.actors:
        event.add_attribute("threat-actor", actor, comment="claimed by", to_ids=False)
    for venue in incident.venues:
        event.add_attribute("text", venue, comment="venue where the claim was posted", to_ids=False)
    for sighting in incident.sightings:
        if sighting.url and sighting.url.startswith(("http://", "https://")):
            event.add_attribute("link", sighting.url, comment=f"source: {sighting.source}", to_ids=False)
    if incident.severity is not None:
        event.add_attribute("comment", f"Severity {incident.severity.band} ({incident.severity.score:g}), "
                                       f"{incident.severity.method}", to_ids=False)
    if incident.credibility is not None:
        event.add_attribute("comment", f"Credibility {incident.credibility.band} ({incident.credibility.score}/100, "
                                       f"Admiralty {incident.credibility.admiralty})", to_ids=False)
    for attribute in event.attributes:
        attribute.uuid = str(uuid.uuid5(NAMESPACE, f"attribute:{event.uuid}:{attribute.type}:{attribute.value}"))
    return event


def events_json(incidents: Iterable[Incident], *, tlp: str | None = None) -> str:
    """MISP JSON: one ``{"Event": ...}`` for one incident, ``{"response": [...]}`` for several (the shape of
    MISP's own export of several events)."""
    import json

    events = [{"Event": json.loads(incident_event(i, tlp=tlp).to_json())} for i in incidents]
    if len(events) == 1:
        return json.dumps(events[0], indent=2, ensure_ascii=False) + "\n"
    return json.dumps({"response": events}, indent=2, ensure_ascii=False) + "\n"
