"""Victim identity and incident clustering: keys, same/different decisions, timelines, incremental = batch."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from faker import Faker

from breachlens.assess.incidents import (
    ClaimRecord,
    Clusterer,
    cluster,
    counts_close,
    date_span,
    dates_close,
    format_count,
    resolve_victim,
    victim_key,
)
from breachlens.model import Claim, ClaimType, Victim

T0 = datetime(2024, 3, 10, 9, 0, tzinfo=UTC)


def record(claim_id: int, name: str | None, *, days: float = 0, records: int | None = None,
           date: str | None = None, categories: list[str] | None = None, source: str = "forum",
           domain: str | None = None, actor: str | None = None,
           claim_type: ClaimType = ClaimType.sale) -> ClaimRecord:
    victim = Victim(name=name, domain=domain) if name else Victim(country="FR")
    return ClaimRecord(claim_id=claim_id, victim=victim, seen=T0 + timedelta(days=days), records=records,
                       records_range=None, data_categories=categories or [], date=date, actor=actor, venue=None,
                       claim_type=claim_type, source=source)


# ---------------------------------------------------------------------------------------------- victim_key
@pytest.mark.parametrize(
    ("name", "domain", "key"),
    [
        ("France Travail", None, "france travail"),
        ("Pôle emploi", None, "france travail"),  # a former name, listed as an alias in the gazetteer
        ("Pole-Emploi", None, "france travail"),  # no accent, hyphen, other case
        ("PÔLE EMPLOI", None, "france travail"),
        (None, "francetravail.fr", "france travail"),  # the gazetteer's domain
        ("Unknown Portal", "www.francetravail.fr", "france travail"),  # a known domain decides
        ("francetravail.fr", None, "france travail"),
        ("APHP", None, "assistance publique hopitaux de paris"),  # an alias written without its hyphen
        ("INFORMATICA.COM", None, "informatica"),  # a leak-site title that is a domain
        ("informatica.co.uk", None, "informatica"),
        ("Informatica", None, "informatica"),
        ("Informatica, Inc.", None, "informatica"),  # legal form dropped
        ("The Acme Company Ltd", None, "acme"),  # article and legal forms dropped
        ("Acme S.A.", None, "acme"),  # dotted initials
        ("Acme GmbH", None, "acme"),
        ("Acmeo", None, "acmeo"),
        ("Dillard's", None, "dillard"),  # possessive
        ("Dillard Door & Security", None, "dillard door security"),
        ("National Bank of Egypt", None, "national bank of egypt"),  # generic words stay in the key
        ("Groupe", None, "groupe"),  # one word always stays
        ("Société Générale", None, "societe generale"),
        ("", None, None),
        (None, None, None),
    ],
)
def test_victim_key(name: str | None, domain: str | None, key: str | None) -> None:
    assert victim_key(name, domain) == key


@pytest.mark.parametrize(("name", "how", "via"), [
    ("Pôle emploi", "alias", "Pôle emploi"),
    ("France Travail", "gazetteer", "France Travail"),
    ("informatica.com", "domain", "informatica.com"),
    ("Dillard Door", "name", "Dillard Door"),
])
def test_resolution_says_how(name: str, how: str, via: str) -> None:
    found = resolve_victim(name)
    assert found is not None and (found.how, found.via) == (how, via)


# -------------------------------------------------------------------------------------- same or different
@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # one victim across names, languages and forms
        ("France Travail", "Pôle emploi", True),
        ("Pôle emploi", "Pole-Emploi", True),
        ("DILLARD", "Dillard Door & Security", True),  # a truncated leak-site title and the news item
        ("Dillard Door & Security", "DILLARD", True),  # in either order
        ("INFORMATICA.COM", "Informatica", True),
        ("Informatica", "informatica.com", True),
        ("Globex Corporation", "GLOBEX CORP.", True),
        ("Vandelay Industries", "Vandeley Industries", True),  # a typo in a long distinctive word
        ("Stark Industries", "starkindustries.com", True),  # a domain written without its space
        # near misses
        ("Acme", "Acmeo", False),  # a short name is never matched fuzzily
        ("National Bank of Egypt", "National Bank of Kenya", False),  # only generic words in common
        ("National Bank", "National Bank of Kenya", False),  # a generic start names nobody
        ("Globex Bank", "Globex Insurance", False),  # same distinctive word, different kinds of organisation
        ("Air France", "Air France-KLM", False),  # two organisations of the gazetteer
        ("Orange", "Orange County Hospital", False),  # a gazetteer organisation is not extended by guesses
        ("Massive Dynamic", "Passive Dynamic", False),  # names that differ at the start are not compared
        ("Orange", "Orange Telecom Services", False),  # ... nor by its generic words
    ],
)
def test_same_or_different_victim(first: str, second: str, same: bool) -> None:
    incidents = cluster([record(1, first), record(2, second, days=3, source="news")])
    assert (len(incidents) == 1) is same


def test_prefix_is_not_taken_when_two_victims_share_it() -> None:
    """"Dillard" starts "Dillard Door & Security": "Dillard Plumbing" then does not join them."""
    incidents = cluster([record(1, "DILLARD"), record(2, "Dillard Door & Security", days=1),
                         record(3, "Dillard Plumbing", days=2)])
    assert [i.claim_ids for i in incidents] == [[1, 2], [3]]


def test_claims_without_a_victim_name_are_their_own_incidents() -> None:
    incidents = cluster([record(1, None, records=1000), record(2, None, records=1000)])
    assert [i.claim_ids for i in incidents] == [[1], [2]]
    assert incidents[0].victim_key is None and incidents[0].victim == Victim(country="FR")


# ---------------------------------------------------------------------------------------- data sets, time
@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"records": 22_043_118}, {"records": 22_000_000}, True),  # "22M" ~ the exact count
        ({"records": 22_000_000}, {"records": None}, True),  # one side without count
        ({"records": 22_000_000}, {"records": 340_000}, False),  # another data set
        ({"records": 22_000_000}, {"records": 4_800_000}, False),
        ({"records": 1_000_000}, {"records": 1_150_000}, True),  # within the tolerance
        ({"records": 1_000_000}, {"records": 1_400_000}, False),
        ({"date": "2024-03"}, {"date": "2024-03-13"}, True),  # dates at two precisions
        ({"date": "2024-02-20"}, {"date": "2024-03-10"}, True),  # close enough
        ({"date": "2023"}, {"date": "2024-06"}, False),  # another breach
        ({"date": "2024-03"}, {"date": None}, True),
        ({"days": 0}, {"days": 80}, True),  # within the window
        ({"days": 0}, {"days": 120}, False),  # seen again months later: a new incident
        ({"days": 0, "date": "2024-03"}, {"days": 200, "date": "2024-03"}, True),  # late re-post, same breach
    ],
)
def test_same_or_different_data_set(first: dict[str, object], second: dict[str, object], same: bool) -> None:
    incidents = cluster([record(1, "Pôle emploi", **first),  # type: ignore[arg-type]
                         record(2, "France Travail", source="news", **second)])  # type: ignore[arg-type]
    assert (len(incidents) == 1) is same


def test_one_victim_with_several_data_sets_has_a_timeline() -> None:
    records = [
        record(1, "France Travail", records=22_000_000, categories=["email", "name", "phone"]),
        record(2, "Pôle emploi", days=1, records=340_000, categories=["email"], claim_type=ClaimType.leak),
        record(3, "France Travail", days=2, records=4_800_000, categories=["health", "name"]),
        record(4, "Pole-Emploi", days=3, records=22_043_118, categories=["address"], source="telegram"),
        record(5, "francetravail.fr", days=4, records=None, categories=["health"], source="news"),
    ]
    incidents = cluster(records)
    assert [i.claim_ids for i in incidents] == [[1, 4], [2], [3, 5]]
    assert {i.victim_key for i in incidents} == {"france travail"}
    sale = incidents[0]
    assert sale.records_range == (22_000_000, 22_043_118)
    assert sale.data_categories == ["address", "email", "name", "phone"]
    assert sale.sources == ["forum", "telegram"]
    assert "count 22,043,118 ~ 22M" in sale.why[0] and "via alias" in sale.why[0]
    assert "via domain francetravail.fr" in incidents[2].why[0] and "shared data: health" in incidents[2].why[0]
    assert sale.victim is not None and sale.victim.name == "France Travail"
    assert "Pole-Emploi" in sale.victim.aliases


def test_an_incident_keeps_both_kinds_of_date() -> None:
    incidents = cluster([record(1, "Initech", days=0, date="2024-02", actor="x0r"),
                         record(2, "INITECH", days=10, date="2024-02-11", actor="ShinyHunters", source="news"),
                         record(3, "Initech Inc.", days=5, source="telegram")])
    (incident,) = incidents
    assert incident.breach_date == "2024-02-11"  # when it happened: the most precise claimed date
    assert (incident.first_seen, incident.last_seen) == (T0, T0 + timedelta(days=10))  # when it was seen
    assert incident.actors == ["x0r", "ShinyHunters"]
    assert incident.claim_ids == [1, 3, 2]  # in the order they were seen


def test_window_is_counted_from_the_last_sighting() -> None:
    """Re-posts every two months keep one incident alive; a gap of four months starts a new one."""
    records = [record(i, "Hooli", days=d) for i, d in enumerate([0, 60, 120, 180, 300], start=1)]
    assert [i.claim_ids for i in cluster(records)] == [[1, 2, 3, 4], [5]]
    assert [i.claim_ids for i in cluster(records, window_days=30)] == [[1], [2], [3], [4], [5]]


def test_a_record_without_count_joins_the_best_fitting_data_set() -> None:
    incidents = cluster([record(1, "Vandelay", records=2_000_000, categories=["email", "name"]),
                         record(2, "Vandelay", days=1, records=90_000, categories=["health"]),
                         record(3, "Vandelay Industries", days=2, categories=["health"])])
    assert [i.claim_ids for i in incidents] == [[1], [2, 3]]


def test_to_incident() -> None:
    (cluster_,) = cluster([record(1, "Pôle emploi", records=1000, date="2024-03")])
    incident = cluster_.to_incident(id=7)
    assert incident.id == 7 and incident.victim_key == "france travail" and incident.breach_date == "2024-03"
    assert incident.records_range == (1000, 1000) and incident.first_seen == T0


def test_record_from_claim() -> None:
    claim = Claim(source="feed", victim=Victim(name="Initech"), records=5, data_categories=["email"],
                  date="2024", claim_type=ClaimType.leak, actor="x0r", venue="BreachForums")
    made = ClaimRecord.from_claim(3, claim, seen=T0)
    assert (made.claim_id, made.source, made.records, made.venue, made.claim_type) == (
        3, "feed", 5, "BreachForums", ClaimType.leak)


# ------------------------------------------------------------------------------------ incremental = batch
def _synthetic(n: int, seed: int) -> list[ClaimRecord]:
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    companies = [fake.company().replace(",", "") for _ in range(40)]
    out = []
    for i in range(1, n + 1):
        name = rng.choice(companies)
        name = rng.choice([name, name.upper(), f"{name} Inc.", name.replace(" ", "-")])
        out.append(record(i, name, days=rng.randint(0, 400) + rng.random(),
                          records=rng.choice([None, 10_000, 10_500, 2_000_000, 35_000_000]),
                          date=rng.choice([None, "2024-01", "2024-06-02", "2025"]),
                          categories=rng.sample(["email", "name", "phone", "health"], 2),
                          source=rng.choice(["forum", "news", "telegram"])))
    return out


def test_incremental_equals_batch() -> None:
    records = _synthetic(400, seed=3)
    batch = cluster(records)
    clusterer = Clusterer()
    ordered = sorted(records, key=lambda r: (r.seen, r.claim_id))
    numbers = {}
    for start in range(0, len(ordered), 37):
        for item in ordered[start:start + 37]:
            numbers[item.claim_id] = clusterer.add(item)
        clusterer.clusters()  # looking in between changes nothing
    assert clusterer.clusters() == batch
    assert all(numbers[c] == incident.number for incident in batch for c in incident.claim_ids)
    assert cluster(list(reversed(records))) == batch  # the batch orders records by sighting itself


def test_rebuilding_gives_the_same_incidents() -> None:
    records = _synthetic(200, seed=5)
    assert cluster(records) == cluster(records)


# ------------------------------------------------------------------------------------------------ helpers
@pytest.mark.parametrize(("value", "text"), [
    (22_000_000, "22M"), (4_800_000, "4.8M"), (340_000, "340k"), (22_043_118, "22,043,118"), (999, "999"),
    (1_500_000_000, "1.5B"), (1_234, "1,234"),
])
def test_format_count(value: int, text: str) -> None:
    assert format_count(value) == text


def test_counts_and_dates() -> None:
    assert counts_close((100, 100), (119, 119), 0.2) and not counts_close((100, 100), (130, 130), 0.2)
    assert counts_close((100, 200), (230, 240), 0.2)  # ranges overlap once widened
    assert date_span("2024-02") == (datetime(2024, 2, 1).date(), datetime(2024, 2, 29).date())
    assert date_span("2024-13") is None
    assert dates_close("2024", "2024-12-31", 0) and not dates_close("2024-01", "2024-06", 45)


@pytest.mark.parametrize("module", ["incidents", "novelty", "credibility"])
def test_docstring_examples(module: str) -> None:
    """The `>>>` examples of the docstrings hold."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"breachlens.assess.{module}"))
    assert result.failed == 0 and result.attempted > 0
