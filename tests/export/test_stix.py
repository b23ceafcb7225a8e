"""STIX 2.1 bundles: valid for the OASIS validator, the right objects, deterministic ids, TLP markings."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from stix2validator import ValidationOptions, validate_string

from breachlens.errors import InputError
from breachlens.export.stix import incidents_bundle, stix_id
from breachlens.model import Incident


def _objects(bundle: Any) -> list[dict[str, Any]]:
    return json.loads(bundle.serialize())["objects"]


def _validate(text: str) -> Any:
    return validate_string(text, ValidationOptions(version="2.1"))


def test_every_bundle_passes_the_validator(incidents: list[Incident]) -> None:
    bundles = [incidents_bundle([i]) for i in incidents] + [incidents_bundle(incidents, tlp=level)
                                                           for level in ("clear", "green", "amber", "red")]
    bundles.append(incidents_bundle([]))
    for bundle in bundles:
        results = _validate(bundle.serialize(pretty=True))
        assert results.is_valid and list(results.errors) == [], [str(e) for e in results.errors]
        warnings = [str(w) for w in results.warnings or []]
        assert not any("UUIDv4" in w for w in warnings)  # ids are stable and in the v4 layout
        assert all("Custom property 'x_breachlens_" in w for w in warnings), warnings


def test_objects_of_a_ransomware_incident(incidents: list[Incident]) -> None:
    ransom = next(i for i in incidents if i.claim_type == "ransomware")
    objects = _objects(incidents_bundle([ransom], tlp="amber"))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for obj in objects:
        by_type.setdefault(obj["type"], []).append(obj)
    victim = next(o for o in by_type["identity"] if o["identity_class"] == "organization")
    assert victim["name"] == ransom.victim.name and victim["sectors"] == ["healthcare"]  # type: ignore[union-attr]
    assert by_type["location"][0]["country"] == "FR"
    assert [o["name"] for o in by_type["intrusion-set"]] == ["LockBit"]  # a ransomware group
    assert "threat-actor" not in by_type
    relations = {(r["relationship_type"], r["source_ref"].split("--")[0], r["target_ref"].split("--")[0])
                 for r in by_type["relationship"]}
    assert relations == {("located-at", "identity", "location"), ("targets", "intrusion-set", "identity")}
    (report,) = by_type["report"]
    assert report["report_types"] == ["threat-report"] and report["x_breachlens_records"] == 120000
    assert {o["id"] for o in objects if o["type"] not in ("report", "marking-definition")} - {report["id"]} >= \
        set(report["object_refs"]) - {n["id"] for n in by_type["note"]}
    abstracts = sorted(n["abstract"].split(":")[0] for n in by_type["note"])
    assert abstracts == ["Credibility", "Severity"]
    amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert all(o["object_marking_refs"] == [amber] for o in objects if "created_by_ref" in o)


def test_individual_actor_is_a_threat_actor(incidents: list[Incident]) -> None:
    sale = next(i for i in incidents if i.claim_type == "sale")
    types = {o["type"] for o in _objects(incidents_bundle([sale]))}
    assert "threat-actor" in types and "intrusion-set" not in types


def test_reexport_keeps_ids_and_moves_modified(incidents: list[Incident]) -> None:
    first = _objects(incidents_bundle(incidents))
    again = _objects(incidents_bundle(incidents))
    assert first == again  # same input, byte-identical objects
    grown = [i.model_copy(update={"last_seen": i.last_seen + timedelta(days=2)}) for i in incidents]
    later = _objects(incidents_bundle(grown))
    assert [o["id"] for o in later] == [o["id"] for o in first]
    report = next(o for o in later if o["type"] == "report")
    before = next(o for o in first if o["id"] == report["id"])
    assert report["modified"] > before["modified"] and report["created"] == before["created"]
    # a group shared by two incidents appears once
    actor_ids = [o["id"] for o in first if o["type"] == "threat-actor"]
    assert len(actor_ids) == len(set(actor_ids)) == 1


def test_stable_ids_and_bad_tlp() -> None:
    assert stix_id("identity", "victim:acme") == stix_id("identity", "victim:acme")
    assert stix_id("identity", "victim:acme") != stix_id("identity", "victim:acme2")
    with pytest.raises(InputError, match="TLP"):
        incidents_bundle([], tlp="purple")


def test_the_validator_does_catch_a_broken_bundle(incidents: list[Incident]) -> None:
    """The control for the test above: the same bundle without a report's required name is rejected."""
    data = json.loads(incidents_bundle(incidents[:1]).serialize())
    next(o for o in data["objects"] if o["type"] == "report").pop("name")
    results = _validate(json.dumps(data))
    assert not results.is_valid and any("name" in str(e) for e in results.errors)
