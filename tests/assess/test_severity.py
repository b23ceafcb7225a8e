"""ENISA (2013) severity: the bare formula, the bands, and the components derived from a claim's facts."""

from __future__ import annotations

import pytest

from breachlens.assess.severity import assess_severity, band_of, enisa_score
from breachlens.model import Claim, ClaimType, SeverityBand, Victim


@pytest.mark.parametrize(
    ("dpc", "ei", "c", "i", "a", "m", "score", "band"),
    [
        (1, 1, 0, 0, 0, 0, 1.0, "low"),
        (2, 1, 0, 0, 0, 0, 2.0, "medium"),  # exactly on the medium edge
        (4, 0.5, 0, 0, 0, 0, 2.0, "medium"),
        (3, 1, 0, 0, 0, 0, 3.0, "high"),  # exactly on the high edge
        (4, 1, 0, 0, 0, 0, 4.0, "very high"),  # exactly on the very-high edge
        (1, 0.25, 0, 0, 0, 0, 0.25, "low"),  # the scale's minimum
        (4, 1, 0.5, 0.5, 0.5, 0.5, 6.0, "very high"),  # the scale's maximum
        (3, 0.75, 0.25, 0, 0, 0, 2.5, "medium"),
        (4, 0.75, 0, 0, 0, 0.5, 3.5, "high"),
        (1, 1, 0.5, 0, 0.25, 0, 1.75, "low"),  # just under the medium edge
        (3, 0.75, 0.5, 0, 0, 0.5, 3.25, "high"),
    ],
)
def test_formula_and_bands(dpc: float, ei: float, c: float, i: float, a: float, m: float, score: float,
                           band: str) -> None:
    assert enisa_score(dpc, ei, c, i, a, m) == (score, SeverityBand(band))


@pytest.mark.parametrize(("score", "band"), [(0, "low"), (1.99, "low"), (2, "medium"), (2.999, "medium"),
                                             (3, "high"), (3.99, "high"), (4, "very high"), (6, "very high")])
def test_band_edges(score: float, band: str) -> None:
    assert band_of(score) == SeverityBand(band)


def claim(categories: list[str], claim_type: ClaimType = ClaimType.sale, flags: list[str] | None = None,
          sector: str | None = None, records: int | None = None) -> Claim:
    victim = Victim(name="Example Org", sector=sector) if sector else Victim(name="Example Org")
    return Claim(source="t", claim_type=claim_type, victim=victim, data_categories=categories, flags=flags or [],
                 records=records)


@pytest.mark.parametrize(
    ("categories", "claim_type", "flags", "sector", "dpc", "ei", "cb", "band"),
    [
        # contact list sold: simple data, name + e-mail identifies directly, sold with malicious intent
        (["email", "name"], ClaimType.sale, [], None, 1, 1.0, 1.0, "medium"),
        # health data leaked: sensitive
        (["health", "name"], ClaimType.leak, [], None, 4, 0.75, 1.0, "very high"),
        (["health", "name", "address"], ClaimType.ransomware, [], None, 4, 1.0, 1.0, "very high"),
        # card numbers for sale, partial cards lower DPC
        (["payment_card"], ClaimType.sale, [], None, 3, 0.25, 1.0, "low"),
        (["payment_card", "name", "address"], ClaimType.sale, ["partial_card"], None, 2, 1.0, 1.0, "high"),
        # simple data of vulnerable people is raised by one
        (["name", "phone"], ClaimType.sale, ["vulnerable"], None, 2, 1.0, 1.0, "high"),
        # names of a hospital's patients reveal health: raised by two
        (["name", "phone"], ClaimType.leak, [], "healthcare", 3, 1.0, 1.0, "very high"),
        # public or recycled data is lowered, never under 1
        (["email"], ClaimType.leak, ["public_data"], None, 1, 0.75, 1.0, "low"),
        # access for sale: exposure not established
        (["email"], ClaimType.access, [], None, 1, 0.75, 0.75, "low"),
        # an unclear claim with no data named
        ([], ClaimType.other, [], None, 1, 0.5, 0.25, "low"),
        # ransomware that says it encrypted systems and deleted the backups
        (["name"], ClaimType.ransomware, ["permanent_loss"], None, 1, 0.75, 1.5, "medium"),
        (["name"], ClaimType.ransomware, ["availability_loss", "integrity_loss"], None, 1, 0.75, 1.5, "medium"),
        # many kinds of simple data together allow profiling
        (["name", "email", "phone", "address", "date_of_birth"], ClaimType.sale, [], None, 2, 1.0, 1.0, "high"),
    ],
)
def test_components_from_the_claim(categories: list[str], claim_type: ClaimType, flags: list[str],
                                   sector: str | None, dpc: float, ei: float, cb: float, band: str) -> None:
    severity = assess_severity(claim(categories, claim_type, flags, sector))
    assert (severity.dpc.value, severity.ei.value, severity.cb.value) == (dpc, ei, cb)
    assert severity.score == pytest.approx(dpc * ei + cb)
    assert severity.band == SeverityBand(band)


def test_every_component_is_explained_in_both_languages() -> None:
    c = claim(["name", "phone", "health"], ClaimType.sale, ["vulnerable", "integrity_loss"], "healthcare",
              records=22_000_000)
    for lang in ("en", "fr"):
        severity = assess_severity(c, lang)
        for factor in (severity.dpc, severity.ei, severity.cb, *severity.factors):
            assert factor.reason and "{" not in factor.reason
        assert severity.scale == 22_000_000
        assert "data_categories=health" in severity.dpc.evidence
        assert "claim_type=sale" in severity.cb.evidence
    assert "sensibles" in assess_severity(c, "fr").dpc.reason
    assert "sensitive" in assess_severity(c, "en").dpc.reason


def test_adjustments_are_listed_as_factors() -> None:
    severity = assess_severity(claim(["name", "phone"], flags=["vulnerable"]))
    names = [f.name for f in severity.factors]
    assert "DPC simple.vulnerable" in names
    assert "CB confidentiality" in names and "CB malicious intent" in names
    assert "vulnerable" in severity.dpc.reason


def test_scale_falls_back_to_the_top_of_a_range() -> None:
    c = Claim(source="t", claim_type=ClaimType.leak, records_range=(302_000, 340_000), data_categories=["email"])
    assert assess_severity(c).scale == 340_000


def test_extracted_flags_reach_the_severity() -> None:
    from breachlens import analyze

    text = ("LockBit: we encrypted their systems and deleted the backups of Example Clinic. "
            "Patient names, phone numbers and medical records will be published.")
    c = analyze(text)
    assert "permanent_loss" in c.flags
    severity = assess_severity(c)
    assert any(f.name == "CB availability" and f.value == 0.5 for f in severity.factors)
    assert severity.band == SeverityBand.very_high
