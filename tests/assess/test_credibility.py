"""Credibility: each factor moves the score the right way, bands and Admiralty codes follow the score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from breachlens import knowledge
from breachlens.assess.credibility import (
    ActorHistory,
    actor_histories,
    admiralty_digit,
    band_of,
    credibility,
    factor_label,
)
from breachlens.assess.incidents import ClaimRecord, Cluster, cluster
from breachlens.assess.novelty import Catalogue, novelty
from breachlens.model import Breach, Claim, ClaimType, Evidence, Price, Reliability, Victim

SEEN = datetime(2024, 4, 2, tzinfo=UTC)


def claim(*, source: str = "forum", records: int | None = None, categories: list[str] | None = None,
          actor: str | None = None, venue: str | None = None, price: Price | None = None,
          flags: list[str] | None = None, evidence: list[Evidence] | None = None,
          claim_type: ClaimType = ClaimType.sale) -> Claim:
    return Claim(source=source, victim=Victim(name="Initech"), records=records, data_categories=categories or [],
                 actor=actor, venue=venue, price=price, flags=flags or [], evidence=evidence or [],
                 claim_type=claim_type, date="2024-03")


def incident_of(claims: list[Claim]) -> Cluster:
    records = [ClaimRecord.from_claim(i, c, seen=SEEN + timedelta(days=i)) for i, c in enumerate(claims, 1)]
    (found,) = cluster(records)
    return found


def score(claims: list[Claim], **kwargs: object) -> int:
    return credibility(incident_of(claims), claims, **kwargs).score  # type: ignore[arg-type]


def factor(claims: list[Claim], name: str, **kwargs: object) -> float:
    result = credibility(incident_of(claims), claims, **kwargs)  # type: ignore[arg-type]
    return next(f.value for f in result.factors if f.name == name)


BARE = claim()
RICH = claim(records=22_043_118, categories=["email", "name", "phone", "address"], venue="XSS.is",
             price=Price(amount=2500, currency="USD"))


def test_the_knowledge_file_loads() -> None:
    rules = knowledge.load("credibility")
    assert [b.band for b in rules.score.bands] == ["high", "moderate", "low"]


@pytest.mark.parametrize(("value", "band"), [(0, "low"), (39, "low"), (40, "moderate"), (69, "moderate"),
                                             (70, "high"), (100, "high")])
def test_bands(value: int, band: str) -> None:
    assert band_of(value) == band


@pytest.mark.parametrize(("value", "corroborated", "judged", "digit"), [
    (85, True, True, 1), (85, False, True, 2), (60, True, True, 3), (40, False, True, 4), (10, False, True, 5),
    (50, False, False, 6),
])
def test_admiralty_digit(value: int, corroborated: bool, judged: bool, digit: int) -> None:
    assert admiralty_digit(value, corroborated, judged) == digit


def test_specific_claims_score_higher_than_vague_ones() -> None:
    assert score([RICH]) > score([BARE])
    specific = credibility(incident_of([RICH]), [RICH])
    facts = next(f for f in specific.factors if f.name == "specificity").evidence
    assert "records=22043118" in facts and "data_categories=4" in facts and "price=2,500 USD" in facts


@pytest.mark.parametrize(("weaker", "stronger"), [
    (claim(records=22_000_000), claim(records=22_043_118)),  # an exact count
    (claim(categories=["email"]), claim(categories=["email", "name", "phone"])),  # a field list
    (claim(), claim(price=Price(amount=900, currency="USD"))),  # a price
    (claim(), claim(flags=["sample"])),  # a sample, as a flag
])
def test_specificity_moves_the_right_way(weaker: Claim, stronger: Claim) -> None:
    assert factor([stronger], "specificity") > factor([weaker], "specificity")


def test_sample_and_escrow_are_read_in_the_texts() -> None:
    plain = factor([BARE], "specificity", texts=["Selling the Initech database."])
    sample = factor([BARE], "specificity", texts=["Selling the Initech database, free sample below."])
    escrow = factor([BARE], "specificity", texts=["Selling the Initech database, escrow accepted."])
    french = factor([BARE], "specificity", texts=["Base Initech en vente, échantillon disponible."])
    assert sample > plain and escrow > plain and french == sample


def test_sample_in_evidence() -> None:
    text = "sample"
    with_evidence = claim(evidence=[Evidence(field="flags.sample", start=0, end=6, text=text)])
    assert factor([with_evidence], "specificity") > factor([BARE], "specificity")


@pytest.mark.parametrize(("weaker", "stronger"), [
    ("some-new-board", "BreachForums"),  # unknown venue < known forum
    (None, "Exploit.in"),  # no venue < known forum with reputation and escrow
    ("Pastebin", "XSS.is"),  # paste < forum with escrow
])
def test_venue_moves_the_right_way(weaker: str | None, stronger: str) -> None:
    assert factor([claim(venue=stronger)], "venue") > factor([claim(venue=weaker)], "venue")


def test_actor_track_record() -> None:
    actor = [claim(actor="x0r_seller")]
    none = factor(actor, "actor")
    good = factor(actor, "actor", actor_history=ActorHistory(claims=12, matched=11))
    bad = factor(actor, "actor", actor_history=ActorHistory(claims=12, matched=1))
    reposter = factor(actor, "actor", actor_history=ActorHistory(claims=12, matched=11, reposts=10))
    newcomer = factor(actor, "actor", actor_history=ActorHistory(claims=1, matched=1))
    assert bad < none < newcomer < good and reposter < good
    assert factor([claim(actor="LockBit")], "actor") > none  # a ransomware group holds what it lists


def test_actor_reason_is_worded_in_french() -> None:
    result = credibility(incident_of([claim(actor="x0r")]), [claim(actor="x0r")],
                         actor_history=ActorHistory(claims=4, matched=3, reposts=1), lang="fr")
    actor = result.factors[0]
    assert actor.name == "actor" and factor_label("actor", "fr") == "historique de l'acteur"
    assert "3 de ses 4 revendications précédentes" in actor.reason


def test_independent_sources_raise_and_contradicting_counts_lower() -> None:
    one = [claim(records=5_000_000)]
    three = [claim(records=5_000_000), claim(source="news", records=5_000_000),
             claim(source="telegram", records=None)]
    assert factor(three, "consistency") > factor(one, "consistency")
    contradicting = [claim(records=5_000_000), claim(source="news", records=500_000)]
    records = [ClaimRecord.from_claim(i, c, seen=SEEN) for i, c in enumerate(contradicting, 1)]
    merged = cluster(records)[0]  # the engineer may pass claims grouped by hand: credibility still sees it
    result = credibility(merged, contradicting)
    consistency = next(f for f in result.factors if f.name == "consistency")
    assert consistency.value < factor(one, "consistency") + 5
    assert "the counts disagree: 500k, 5M" in consistency.reason


def test_a_repost_of_a_known_breach_is_more_credible() -> None:
    claims = [claim(records=43_000_000, categories=["email", "name"])]
    found = incident_of(claims)
    real = Breach(name="Initech", title="Initech", breach_date="2024-03-01", count=43_000_000,
                  data_classes=["Email addresses", "Names"])
    fake = real.model_copy(update={"fabricated": True})
    real_catalogue, fake_catalogue = Catalogue([real]), Catalogue([fake])
    repost = novelty(found, real_catalogue)
    assert repost.status == "repost"
    base = credibility(found, claims).score
    confirmed = credibility(found, claims, novelty=repost, catalogue=real_catalogue, reliability=Reliability.B)
    fabricated = credibility(found, claims, novelty=novelty(found, fake_catalogue), catalogue=fake_catalogue)
    assert fabricated.score < base < confirmed.score
    assert confirmed.admiralty[0] == "B"


def test_high_band_and_confirmed_code_for_a_corroborated_specific_claim() -> None:
    claims = [
        claim(records=22_043_118, categories=["email", "name", "phone", "address"], venue="XSS.is",
              actor="LockBit", price=Price(amount=2500, currency="USD"), flags=["sample"]),
        claim(source="news", records=22_000_000, categories=["email", "name"]),
    ]
    result = credibility(incident_of(claims), claims, reliability=Reliability.C)
    assert result.band == "high" and result.admiralty == "C1"
    assert [f.name for f in result.factors] == ["actor", "venue", "specificity", "consistency", "novelty"]


def test_low_band_for_an_unsupported_claim() -> None:
    claims = [claim(venue="Pastebin", actor="someone")]
    result = credibility(incident_of(claims), claims,
                         actor_history=ActorHistory(claims=10, matched=0, reposts=8))
    assert result.band == "low" and result.admiralty[1] in "45"


def test_nothing_to_judge_is_six() -> None:
    """No victim name, no count, no data: nothing could be checked, whatever the score."""
    vague = Claim(source="forum", victim=Victim(country="FR"), venue="XSS.is")
    record = ClaimRecord.from_claim(1, vague, seen=SEEN)
    result = credibility(cluster([record])[0], [vague], reliability=Reliability.A)
    assert result.admiralty == "A6"
    named = credibility(incident_of([BARE]), [BARE], reliability=Reliability.A)
    assert named.admiralty != "A6"


def test_actor_histories_count_incidents_matches_and_reposts_of_old_data() -> None:
    fresh = Breach(name="InitechFresh", title="Initech", breach_date="2024-03-01", count=22_000_000,
                   data_classes=["Email addresses"])
    old = Breach(name="InitechOld", title="Initech", breach_date="2019-06-01", count=22_000_000,
                 data_classes=["Email addresses"])
    sold = claim(actor="pompompurin", records=22_000_000, categories=["email"])
    undated = incident_of([sold.model_copy(update={"date": None})])  # old data posted with no breach date
    found = incident_of([sold])
    histories = actor_histories([(found, novelty(found, Catalogue([fresh]))),
                                 (undated, novelty(undated, Catalogue([old]))),
                                 (found, novelty(found, None))])
    history = histories["pompompurin"]
    assert (history.claims, history.matched, history.reposts) == (3, 2, 1)
    assert actor_histories([]) == {}
