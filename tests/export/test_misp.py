"""MISP events: a valid victim object, taxonomy tags in their machine-tag forms, and a round trip through
pymisp's own loader (what MISP's JSON import reads)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from pymisp import MISPEvent

from breachlens.export.misp import events_json, incident_event, tags_for
from breachlens.model import Incident

TAXONOMY_TAGS = {  # machine tags as the MISP taxonomies (gdpr, dark-web, enisa, tlp) define them
    'gdpr:special-categories="health"', 'dark-web:topic="identification-credentials"',
    'dark-web:topic="credit-card"', 'dark-web:motivation="marketplace-for-sale"', 'dark-web:motivation="file-sharing"',
    'enisa:nefarious-activity-abuse="ransomware"', 'enisa:nefarious-activity-abuse="abuse-of-information-leakage"',
    "tlp:amber", "tlp:green", "tlp:clear", "tlp:red",
}


def _template() -> dict[str, Any]:
    path = files("pymisp") / "data" / "misp-objects" / "objects" / "victim" / "definition.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_round_trip_keeps_objects_and_tags(incidents: list[Incident]) -> None:
    for incident in incidents:
        text = events_json([incident], tlp="amber")
        assert json.loads(text).keys() == {"Event"}
        loaded = MISPEvent()
        loaded.load(text)
        original = incident_event(incident, tlp="amber")
        assert loaded.uuid == original.uuid and loaded.info == original.info
        assert [t.name for t in loaded.tags] == tags_for(incident, "amber")
        (victim,) = loaded.objects
        assert victim.name == "victim"
        assert victim.get_attributes_by_relation("name")[0].value == incident.victim.name  # type: ignore[union-attr]
        assert {a.type for a in loaded.attributes} >= {"threat-actor"}
        assert [a.value for a in loaded.attributes if a.type == "threat-actor"] == incident.actors


def test_victim_object_follows_its_template(incidents: list[Incident]) -> None:
    template = _template()
    for incident in incidents:
        (victim,) = incident_event(incident).objects
        assert victim.template_uuid == template["uuid"]
        assert victim._validate()
        relations = [a.object_relation for a in victim.attributes]
        assert set(relations) <= set(template["attributes"])
        assert set(relations) & set(template["requiredOneOf"])
        for attribute in victim.attributes:
            assert attribute.type == template["attributes"][attribute.object_relation]["misp-attribute"]


def test_tags_come_from_the_taxonomies(incidents: list[Incident]) -> None:
    by_type = {str(i.claim_type): i for i in incidents}
    ransom = tags_for(by_type["ransomware"], "amber")
    assert ransom[0] == "tlp:amber"
    assert 'gdpr:special-categories="health"' in ransom and 'enisa:nefarious-activity-abuse="ransomware"' in ransom
    sale = tags_for(by_type["sale"], "green")
    assert {'dark-web:topic="credit-card"', 'dark-web:topic="identification-credentials"',
            'dark-web:motivation="marketplace-for-sale"'} <= set(sale)
    for incident in incidents:
        assert set(tags_for(incident, "amber")) <= TAXONOMY_TAGS


def test_ids_are_stable_and_several_events_use_misp_response_shape(incidents: list[Incident]) -> None:
    assert events_json(incidents) == events_json(incidents)
    many = json.loads(events_json(incidents))
    assert len(many["response"]) == len(incidents) and all("Event" in e for e in many["response"])
    severity = {str(i.claim_type): json.loads(events_json([i]))["Event"]["threat_level_id"] for i in incidents}
    assert severity["ransomware"] == "1" and severity["leak"] in ("2", "3")
