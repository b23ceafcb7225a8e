"""Novelty against a breach catalogue: re-posts of known breaches, new breaches of known victims, unknown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from breachlens.assess.incidents import ClaimRecord, Cluster, cluster
from breachlens.assess.novelty import Catalogue, breach_categories, novelty
from breachlens.model import Breach, ClaimType, Incident, Victim

SEEN = datetime(2024, 4, 2, tzinfo=UTC)

TRAVAIL = Breach(name="FranceTravail", title="France Travail", domain="francetravail.fr", breach_date="2024-03-01",
                 count=43_000_000, data_classes=["Email addresses", "Names", "Phone numbers"])
OLD_TRAVAIL = Breach(name="PoleEmploi2023", title="Pôle emploi", domain="pole-emploi.fr", breach_date="2023-08-15",
                     count=10_000_000, data_classes=["Names", "Social security numbers"])
GLOBEX = Breach(name="Globex", title="Globex Corporation", domain="globex.example", breach_date="2021-06-01",
                count=2_500_000, data_classes=["Email addresses", "Passwords"])


def incident(name: str | None, *, records: int | None = None, date: str | None = None,
             categories: list[str] | None = None, seen: datetime = SEEN) -> Cluster:
    victim = Victim(name=name) if name else Victim(country="FR")
    (found,) = cluster([ClaimRecord(claim_id=1, victim=victim, seen=seen, records=records, records_range=None,
                                    data_categories=categories or [], date=date, actor=None, venue=None,
                                    claim_type=ClaimType.sale, source="forum")])
    return found


@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue([TRAVAIL, OLD_TRAVAIL, GLOBEX])


def test_repost_of_a_known_breach_says_why(catalogue: Catalogue) -> None:
    result = novelty(incident("Pôle emploi", records=43_000_000, date="2024-03",
                              categories=["email", "name", "phone"]), catalogue)
    assert result.status == "repost"
    best = result.matches[0]
    assert best.breach == "FranceTravail"
    assert best.reasons == ["same victim (France Travail)", "breach date 2024-03 ~ claimed 2024-03",
                            "43M records ~ 43,000,000 claimed", "same categories: email, name, phone"]
    assert best.score == 1.0


@pytest.mark.parametrize(
    ("name", "records", "date", "categories", "status"),
    [
        ("France Travail", 43_000_000, None, [], "repost"),  # the count alone agrees
        ("francetravail.fr", None, "2024-03-05", [], "repost"),  # the date alone agrees
        ("France Travail", 42_100_000, "2024-02", ["email"], "repost"),  # within the tolerances
        ("France Travail", 43_000_000, "2024-03", ["health"], "new"),  # other data
        ("France Travail", 900_000, "2024-03", [], "new"),  # another data set
        ("France Travail", None, "2022", [], "new"),  # another breach
        ("France Travail", None, None, ["email"], "new"),  # nothing to compare: not a re-post
        ("Globex Corp.", 2_500_000, None, ["password"], "repost"),
        ("Initech", 2_500_000, None, [], "new"),  # a victim the catalogue does not know
        (None, 43_000_000, "2024-03", [], "unknown"),  # no victim name
    ],
)
def test_status(catalogue: Catalogue, name: str | None, records: int | None, date: str | None,
                categories: list[str], status: str) -> None:
    assert novelty(incident(name, records=records, date=date, categories=categories), catalogue).status == status


def test_new_says_why_not(catalogue: Catalogue) -> None:
    result = novelty(incident("France Travail", records=900_000, date="2024-03", categories=["health"]), catalogue)
    assert result.status == "new"
    reasons = {m.breach: m.reasons for m in result.matches}
    assert "43M records, not 900,000 claimed" in reasons["FranceTravail"]
    assert "different categories: health not in email, name, phone" in reasons["FranceTravail"]
    assert "breach date 2023-08 is not the claimed 2024-03" in reasons["PoleEmploi2023"]


def test_a_breach_after_the_first_sighting_is_not_the_source(catalogue: Catalogue) -> None:
    early = incident("France Travail", records=43_000_000, seen=datetime(2024, 2, 20, tzinfo=UTC))
    result = novelty(early, catalogue)
    assert result.status == "new"
    assert any("after the claim was first seen" in r for r in result.matches[0].reasons + result.matches[1].reasons)


def test_no_catalogue_is_unknown() -> None:
    assert novelty(incident("France Travail", records=43_000_000), None).status == "unknown"


def test_works_on_a_stored_incident(catalogue: Catalogue) -> None:
    stored = Incident(victim=Victim(name="Globex Corporation"), first_seen=SEEN, last_seen=SEEN,
                      records_range=(2_400_000, 2_600_000), data_categories=["email", "password"])
    assert novelty(stored, catalogue).status == "repost"


def test_catalogue_index() -> None:
    catalogue = Catalogue([TRAVAIL, GLOBEX])
    assert catalogue.find("france travail") == [TRAVAIL]
    assert catalogue.find("francetravail") == [TRAVAIL]
    assert catalogue.find("globex") == [GLOBEX]
    assert catalogue.find(None) == [] and len(catalogue) == 2
    assert catalogue.get("Globex") is GLOBEX


@pytest.mark.parametrize(
    ("classes", "keys"),
    [
        (["Email addresses", "Phone numbers", "Passwords"], ["email", "password", "phone"]),
        (["Dates of birth", "IP addresses", "Physical addresses"], ["address", "date_of_birth", "ip_address"]),
        (["Geographic locations", "Names", "Usernames"], ["location", "name", "username"]),
        (["Social security numbers", "Medical records"], ["health", "national_id"]),
        (["Years of birth", "Time zones"], ["date_of_birth", "location"]),  # the small table of credibility.yaml
        (["Cryptocurrency wallet hashes"], ["financial"]),  # the table overrides a wrong reading ("hashes")
        (["Something nobody lists"], ["other"]),
        ([], []),
    ],
)
def test_breach_categories(classes: list[str], keys: list[str]) -> None:
    assert breach_categories(classes) == keys
