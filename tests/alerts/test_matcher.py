"""The watchlist matcher: one table of positives and near-misses, then claims, many watchlists, and reasons."""

from __future__ import annotations

import pytest
from faker import Faker

from breachlens.alerts.matcher import WatchMatcher
from breachlens.model import Claim, Victim, Watchlist

ACME = Watchlist(name="acme", terms=["Acme", "ACME Corp"], domains=["acme.fr"], brands=["RoadRunner Pro"],
                 keywords=["projet aurore"], email_domains=["acme-group.com"])

CASES = [
    # text, expected (kind, term, found) triples; an empty list is a near-miss that must not fire
    ("Selling ACME database, 2M lines", [("name", "Acme", "ACME")]),
    ("Fuite chez Acmé : 40 000 clients", [("name", "Acme", "Acmé")]),
    ("acme corp customers leaked", [("name", "ACME Corp", "acme corp"), ("name", "Acme", "acme")]),
    ("ACME-Corp dump", [("name", "ACME Corp", "ACME-Corp"), ("name", "Acme", "ACME")]),
    ("Acmeo Industries database for sale", []),
    ("TheAcme group", []),
    ("Acme_backup.sql", []),
    ("see https://intranet.acme.fr/login", [("domain", "acme.fr", "acme.fr")]),
    ("mirror at acme.fr.", [("domain", "acme.fr", "acme.fr")]),
    ("myacme.fr is another company", []),
    ("acme.fr.evil.com phishing kit", []),
    ("my-acme.fr", []),
    ("contact: jean.dupont@acme-group.com", [("email_domain", "acme-group.com", "acme-group.com")]),
    ("jean@hr.acme-group.com in the sample", [("email_domain", "acme-group.com", "acme-group.com")]),
    # not an e-mail address (e-mail domains need the @), but the name stands as a word in it
    ("the site acme-group.com was defaced", [("name", "Acme", "acme")]),
    ("roadrunner pro accounts", [("brand", "RoadRunner Pro", "roadrunner pro")]),
    ("Projet  Aurore", []),  # two spaces: the phrase is written with one
    ("documents du PROJET AURORE", [("keyword", "projet aurore", "PROJET AURORE")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_positives_and_near_misses(text: str, expected: list[tuple[str, str, str]]) -> None:
    matches = WatchMatcher([ACME]).match_text(text)
    assert sorted((m.kind, m.term, m.found) for m in matches) == sorted(expected)
    for match in matches:  # every match says why, at a span of the original text
        assert text[match.start:match.end] == match.found
        assert match.watchlist == "acme" and match.field == "text"


def test_claim_fields_exact_and_fuzzy() -> None:
    matcher = WatchMatcher([Watchlist(name="retail", terms=["Decathlon"]),
                            Watchlist(name="jobs", terms=["Pôle emploi"]), ACME])
    fuzzy = matcher.match_claim(Claim(source="x", victim=Victim(name="Decatlon SA")))
    assert [(m.watchlist, m.term, m.field) for m in fuzzy] == [("retail", "Decathlon", "victim")]
    assert 90 <= fuzzy[0].score < 100
    alias = matcher.match_claim(Claim(source="x", victim=Victim(name="France Travail")))  # gazetteer alias
    assert [(m.watchlist, m.score) for m in alias] == [("jobs", 100.0)]
    assert matcher.match_claim(Claim(source="x", victim=Victim(name="Acmeo"))) == []
    by_domain = matcher.match_claim(Claim(source="x", victim=Victim(name="Unknown Ltd", domain="shop.acme.fr")))
    assert [(m.term, m.field) for m in by_domain] == [("acme.fr", "victim.domain")]


def test_many_watchlists_share_one_automaton() -> None:
    fake = Faker("fr_FR")
    Faker.seed(11)
    names = list(dict.fromkeys(fake.company() for _ in range(3000)))
    lists = [Watchlist(name=f"w{i}", terms=[name]) for i, name in enumerate(names)]
    lists.append(Watchlist(name="second", terms=[names[5]]))  # two watchlists on the same name both fire
    matcher = WatchMatcher(lists)
    text = f"Base de données de {names[5]} en vente, et aussi {names[77].upper()}."
    fired = {(m.watchlist, m.term) for m in matcher.match_text(text)}
    assert {("w5", names[5]), ("second", names[5]), ("w77", names[77])} <= fired
    assert all(m.term in (names[5], names[77]) or m.term in text for m in matcher.match_text(text))


def test_empty_inputs() -> None:
    assert WatchMatcher([]).match_text("Acme") == []
    assert WatchMatcher([ACME]).match_text("") == []
    assert WatchMatcher([Watchlist(name="blank", terms=["  "])]).size == 0
