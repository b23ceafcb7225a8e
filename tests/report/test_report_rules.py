"""Report rules: which facts trigger which insight, mitigation and obligation; every one traceable."""

from __future__ import annotations

import re
import string
import sys
import types
from pathlib import Path

import pytest
from report_fixtures import severity

from breachlens.knowledge import load
from breachlens.model import Claim, ClaimType, Obligation, Price, Statement, Victim
from breachlens.report import rules


def claim(
    categories: tuple[str, ...] = (),
    country: str | None = None,
    sector: str | None = None,
    name: str | None = "Acme",
    kind: ClaimType = ClaimType.sale,
    records: int | None = None,
    price: Price | None = None,
    actor: str | None = None,
    flags: tuple[str, ...] = (),
) -> Claim:
    victim = Victim(name=name, country=country, sector=sector) if (name or country or sector) else None
    return Claim(
        source="test",
        claim_type=kind,
        victim=victim,
        data_categories=list(categories),
        records=records,
        price=price,
        actor=actor,
        flags=list(flags),
    )


def fired(c: Claim, band: str = "medium", lang: str = "en") -> dict[str, Statement | Obligation]:
    sev = severity(band=band, score={"low": 1.5, "medium": 2.5, "high": 3.5, "very high": 4.5}[band])
    out: dict[str, Statement | Obligation] = {s.rule: s for s in rules.insights(c, sev, lang)}
    for statements in rules.mitigations(c, sev, lang).values():
        out.update({s.rule: s for s in statements})
    out.update({o.rule: o for o in rules.obligations(c, sev, lang)})
    return out


# (case, claim, band, rules that must fire, rules that must not)
TRIGGERS = [
    ("phone -> smishing", claim(("phone",)), "medium", ["insight.data.phone", "authorities.telecom"], []),
    (
        "phone + id -> SIM swap",
        claim(("phone", "national_id")),
        "medium",
        ["insight.data.sim_swap", "people.sim_swap", "insight.data.official_ids"],
        [],
    ),
    ("phone alone -> no SIM swap", claim(("phone",)), "medium", [], ["insight.data.sim_swap"]),
    (
        "e-mail + password -> stuffing",
        claim(("email", "password")),
        "medium",
        [
            "insight.data.email",
            "insight.data.credential_stuffing",
            "people.password",
            "victim.user_passwords",
        ],
        [],
    ),
    (
        "IBAN -> SEPA fraud",
        claim(("financial", "name")),
        "medium",
        ["insight.data.iban", "people.bank", "people.contact_bank", "victim.bank_partners"],
        [],
    ),
    (
        "card -> card fraud",
        claim(("payment_card",)),
        "medium",
        ["insight.data.payment_card", "victim.cards"],
        [],
    ),
    (
        "name+dob+address -> identity",
        claim(("address", "date_of_birth", "name")),
        "medium",
        ["insight.data.identity_combo", "people.identity"],
        [],
    ),
    (
        "health -> blackmail",
        claim(("health",)),
        "medium",
        ["insight.data.health", "insight.data.special", "people.blackmail"],
        [],
    ),
    (
        "FR -> CNIL Art. 33",
        claim(("email",), country="FR"),
        "medium",
        ["obligation.gdpr.art33", "obligation.gdpr.art33_5", "victim.notify_dpa", "people.fr"],
        ["obligation.unknown_country", "obligation.us.states", "obligation.nis2.art23"],
    ),
    (
        "FR medium e-mail only -> no Art. 34",
        claim(("email",), country="FR"),
        "medium",
        [],
        ["obligation.gdpr.art34"],
    ),
    ("FR high -> Art. 34", claim(("email",), country="FR"), "high", ["obligation.gdpr.art34"], []),
    (
        "FR low + national id -> Art. 34",
        claim(("national_id",), country="FR"),
        "low",
        ["obligation.gdpr.art34"],
        [],
    ),
    (
        "FR healthcare -> NIS2 + ARS",
        claim(("health",), country="FR", sector="healthcare"),
        "high",
        [
            "obligation.nis2.art23",
            "obligation.fr.health",
            "insight.sector.healthcare",
            "insight.sector.vulnerable",
        ],
        [],
    ),
    (
        "DE healthcare -> NIS2, not French advice",
        claim(("health",), country="DE", sector="healthcare"),
        "high",
        ["obligation.nis2.art23", "obligation.gdpr.art33"],
        ["obligation.fr.health", "people.fr"],
    ),
    (
        "NO (EEA, not EU) -> GDPR but no NIS2",
        claim(("email",), country="NO", sector="healthcare"),
        "high",
        ["obligation.gdpr.art33"],
        ["obligation.nis2.art23"],
    ),
    (
        "e-commerce FR -> no NIS2",
        claim(("email",), country="FR", sector="e-commerce"),
        "high",
        ["insight.sector.retail"],
        ["obligation.nis2.art23"],
    ),
    (
        "EU finance -> DORA",
        claim(("financial",), country="FR", sector="finance"),
        "high",
        ["obligation.dora.art19", "insight.sector.finance"],
        [],
    ),
    (
        "US -> state laws, no GDPR",
        claim(("email",), country="US"),
        "high",
        ["obligation.us.states"],
        ["obligation.gdpr.art33", "obligation.gdpr.art34", "obligation.national"],
    ),
    (
        "US healthcare -> HIPAA",
        claim(("health",), country="US", sector="healthcare"),
        "high",
        ["obligation.us.hipaa"],
        ["obligation.nis2.art23"],
    ),
    (
        "GB -> ICO under UK GDPR",
        claim(("email",), country="GB"),
        "medium",
        ["obligation.national"],
        ["obligation.gdpr.art33", "obligation.uk.fallback"],
    ),
    (
        "IN -> DPDP + CERT-In 6 h",
        claim(("phone",), country="IN"),
        "medium",
        ["obligation.in.dpdp", "obligation.in.certin"],
        ["obligation.gdpr.art33", "obligation.other_country"],
    ),
    (
        "DZ (no authority) -> check national law",
        claim(("email",), country="DZ"),
        "medium",
        ["obligation.other_country"],
        ["obligation.gdpr.art33", "obligation.national"],
    ),
    (
        "no country -> generic",
        claim(("email",)),
        "medium",
        ["obligation.unknown_country"],
        ["obligation.gdpr.art33", "obligation.us.states", "victim.notify_dpa"],
    ),
    (
        "no victim -> identify it",
        claim(("email",), name=None),
        "medium",
        ["authorities.identify"],
        ["authorities.contact"],
    ),
    ("sale -> buyers", claim(kind=ClaimType.sale), "medium", ["insight.type.sale", "victim.dont_buy"], []),
    (
        "leak -> free to anyone",
        claim(kind=ClaimType.leak),
        "medium",
        ["insight.type.leak"],
        ["victim.dont_buy"],
    ),
    (
        "ransomware -> publication threat",
        claim(kind=ClaimType.ransomware, actor="LockBit"),
        "medium",
        ["insight.type.ransomware", "victim.dont_pay_ransom"],
        [],
    ),
    (
        "access -> further intrusion",
        claim(kind=ClaimType.access),
        "medium",
        ["insight.type.access", "victim.access_hunt"],
        ["victim.investigate"],
    ),
    (
        "low price -> resold",
        claim(records=2_000_000, price=Price(amount=300, currency="USD")),
        "medium",
        ["insight.price.low", "insight.scale.very_large"],
        ["insight.price.auction"],
    ),
    (
        "BTC price converted",
        claim(records=2_000_000, price=Price(amount=1, currency="BTC")),
        "medium",
        [],
        ["insight.price.low"],
    ),
    (
        "auction -> several buyers",
        claim(price=Price(amount=5000, currency="USD", starting_at=True)),
        "medium",
        ["insight.price.auction"],
        [],
    ),
    ("small volume", claim(records=800), "medium", ["insight.scale.small"], ["insight.scale.very_large"]),
    ("national scale needs a country", claim(records=30_000_000), "medium", [], ["insight.scale.national"]),
    ("national scale", claim(records=30_000_000, country="FR"), "medium", ["insight.scale.national"], []),
    (
        "job seekers",
        claim(("employment", "name"), country="FR", sector="government"),
        "medium",
        ["insight.sector.job_seekers", "insight.sector.government"],
        [],
    ),
    (
        "students",
        claim(("name",), sector="education"),
        "medium",
        ["insight.sector.education", "people.minors"],
        [],
    ),
    ("vulnerable flag", claim(flags=("vulnerable",)), "medium", ["insight.sector.vulnerable"], []),
    ("public data flag", claim(flags=("public_data",)), "medium", ["insight.flags.public_data"], []),
    ("high band insight", claim(), "very high", ["insight.severity.high", "authorities.advisory"], []),
]


@pytest.mark.parametrize(
    ("case", "subject", "band", "expected", "unexpected"), TRIGGERS, ids=[row[0] for row in TRIGGERS]
)
def test_rule_triggers(
    case: str, subject: Claim, band: str, expected: list[str], unexpected: list[str]
) -> None:
    out = fired(subject, band)
    for lang in ("en", "fr"):
        assert set(fired(subject, band, lang)) == set(out), f"{case}: rules differ in {lang}"
    missing = [rule for rule in expected if rule not in out]
    extra = [rule for rule in unexpected if rule in out]
    assert not missing, f"{case}: expected rules did not fire: {missing}"
    assert not extra, f"{case}: rules fired that should not: {extra}"


def test_fr_obligation_names_cnil_with_its_url_and_the_facts() -> None:
    duties = {o.rule: o for o in rules.obligations(claim(("email",), country="FR"), severity(), "en")}
    art33 = duties["obligation.gdpr.art33"]
    assert art33.law == "GDPR Art. 33"
    assert "CNIL" in art33.duty and "72 hours" in art33.duty
    assert art33.authority == "French Data Protection Authority (CNIL)"
    assert art33.url == "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles"
    assert art33.deadline == "72 h after becoming aware"
    assert "victim.country=FR" in art33.facts and "country.eea=true" in art33.facts
    fr = {o.rule: o for o in rules.obligations(claim(("email",), country="FR"), severity(), "fr")}
    assert fr["obligation.gdpr.art33"].law == "RGPD art. 33"
    assert (
        fr["obligation.gdpr.art33"].authority
        == "Commission nationale de l'informatique et des libertés (CNIL)"
    )


def test_nis2_names_the_national_csirt() -> None:
    c = claim(("health",), country="FR", sector="healthcare")
    nis2 = {o.rule: o for o in rules.obligations(c, severity(), "en")}["obligation.nis2.art23"]
    assert nis2.authority == "ANSSI (CERT-FR)"
    assert "24 hours" in nis2.duty and "72 hours" in nis2.duty and "one month" in nis2.duty
    assert {"victim.sector=healthcare", "sector.nis2=essential", "country.eu=true"} <= set(nis2.facts)


def test_nis2_without_a_known_csirt_uses_neutral_wording() -> None:
    c = claim(("health",), country="NO", sector="healthcare")  # NO: EEA only, so no NIS2 at all
    assert "obligation.nis2.art23" not in fired(c, "high")
    c = Claim(source="t", victim=Victim(name="Klinik", country="DE", sector="healthcare"))
    duty = {o.rule: o for o in rules.obligations(c, severity(), "en")}["obligation.nis2.art23"]
    assert "BSI" in duty.duty


def test_national_law_without_a_deadline_uses_the_fallback() -> None:
    duty = {o.rule: o for o in rules.obligations(claim(("email",), country="BR"), severity(), "en")}
    national = duty["obligation.national"]
    assert national.law == "LGPD" and "without undue delay" in national.duty
    assert national.deadline is None and "None" not in national.duty


def test_every_statement_is_traceable() -> None:
    c = claim(("email", "phone", "national_id"), country="FR", sector="healthcare", records=2_000_000)
    out = fired(c, "high")
    assert len(out) > 20
    for rule_id, item in out.items():
        assert item.rule == rule_id
        assert rule_id in {r.id for r in load("report_rules").rules}
    assert "data_categories=phone" in out["insight.data.phone"].facts
    for o in rules.obligations(c, severity(), "en"):
        assert o.facts, o.rule


def test_neutral_victim_is_capitalised_at_sentence_start() -> None:
    c = claim(("name",), name=None, sector="healthcare")
    text = {s.rule: s.text for s in rules.insights(c, severity(), "en")}["insight.sector.healthcare"]
    assert text.startswith("The organisation serves patients")


def test_ransomware_without_actor_uses_fallback() -> None:
    text = {s.rule: s.text for s in rules.insights(claim(kind=ClaimType.ransomware), severity(), "en")}
    assert text["insight.type.ransomware"].startswith("A ransomware group lists Acme")
    with_actor = claim(kind=ClaimType.ransomware, actor="Qilin")
    assert (
        "Qilin"
        in {s.rule: s.text for s in rules.insights(with_actor, severity(), "fr")}["insight.type.ransomware"]
    )


def test_mitigations_have_every_audience() -> None:
    out = rules.mitigations(Claim(source="t"), severity(), "en")
    assert list(out) == ["victim", "authorities", "people"]
    assert all(out.values())


@pytest.mark.parametrize(
    ("c", "lang", "expected"),
    [
        (
            claim(
                ("address", "email", "employment", "name", "phone"), name="France Travail", records=22_000_000
            ),
            "en",
            "Alleged sale of France Travail data: 22 million records "
            "(names, e-mail addresses, phone numbers...)",
        ),
        (
            claim(
                ("address", "email", "employment", "name", "phone"), name="France Travail", records=22_000_000
            ),
            "fr",
            "Vente présumée de données de France Travail : 22 millions d'enregistrements "
            "(noms et prénoms, adresses e-mail, numéros de téléphone...)",
        ),
        (
            claim(("email",), name="Orange", kind=ClaimType.leak, records=1_500_000),
            "fr",
            "Fuite présumée de données d'Orange : 1,5 million d'enregistrements (adresses e-mail)",
        ),
        (
            claim(("email", "password"), name=None, kind=ClaimType.leak, records=1234),
            "en",
            "Alleged leak of stolen data: 1,234 records (e-mail addresses and passwords)",
        ),
        (Claim(source="t"), "en", "Claim about stolen data"),
        (claim(kind=ClaimType.access), "en", "Alleged sale of network access to Acme"),
    ],
)
def test_headline(c: Claim, lang: str, expected: str) -> None:
    assert rules.headline(c, lang) == expected


@pytest.mark.parametrize(
    ("records", "lang", "expected"),
    [
        (22_000_000, "en", "22 million records"),
        (22_000_000, "fr", "22 millions d'enregistrements"),
        (1_200_000_000, "en", "1.2 billion records"),
        (1_234_567, "en", "1,234,567 records"),
        (1_234_567, "fr", "1 234 567 enregistrements"),
        (1, "en", "1 record"),
        (0, "en", "0 records"),
    ],
)
def test_format_records(records: int, lang: str, expected: str) -> None:
    assert rules.format_records(records, lang) == expected


def test_every_rule_is_worded_in_english_and_french_with_known_fields() -> None:
    full = Claim(
        source="t",
        claim_type=ClaimType.ransomware,
        victim=Victim(name="Acme", country="FR", sector="healthcare", domain="acme.fr"),
        records=5_000_000,
        data_categories=["email", "health", "name"],
        price=Price(amount=1000, currency="USD", negotiable=True),
        actor="Qilin",
        venue="BreachForums",
        date="2024-03",
    )
    known = set(rules.facts_of(full, severity(), "fr").values)
    for rule in load("report_rules").rules:
        assert {"en", "fr"} <= set(rule.text), f"{rule.id} lacks a language"
        templates = [
            *rule.text.values(),
            *rule.fallback.values(),
            *rule.law.values(),
            *rule.deadline.values(),
        ]
        templates += [t for t in (rule.authority, rule.url) if t]
        for template in templates:
            fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert fields <= known, f"{rule.id}: unknown template fields {fields - known}"


def test_messages_exist_in_english_and_french() -> None:
    messages = load("report_rules").messages
    for key, texts in messages.items():
        assert {"en", "fr"} <= set(texts), key
    for band in ("low", "medium", "high", "very high"):
        assert f"band.{band}" in messages
    for kind in ClaimType:
        assert f"claim_type.{kind.value}" in messages
        assert f"headline.{kind.value}" in messages and f"headline.{kind.value}.anonymous" in messages


def test_empty_claim_never_prints_none() -> None:
    empty = Claim(source="")
    for lang in ("en", "fr"):
        texts = [s.text for s in rules.insights(empty, severity(), lang)]
        texts += [s.text for group in rules.mitigations(empty, severity(), lang).values() for s in group]
        for o in rules.obligations(empty, severity(), lang):
            texts += [o.law, o.duty, o.authority or "", o.deadline or "", o.url or ""]
        texts.append(rules.headline(empty, lang))
        for text in texts:
            assert "None" not in text and "null" not in text
            assert not re.search(r"\{\w*\}", text), text


def test_override_file_replaces_a_rule_by_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "report_rules.yaml").write_text(
        "rules:\n"
        "  - id: insight.data.phone\n"
        "    audience: insight\n"
        "    when: {categories: [phone]}\n"
        "    text: {en: 'Local wording about {victim}.'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BREACHLENS_KNOWLEDGE", str(folder))
    load.cache_clear()
    try:
        texts = {s.rule: s.text for s in rules.insights(claim(("phone",)), severity(), "fr")}
        assert texts["insight.data.phone"] == "Local wording about Acme."  # no French: English is used
        assert len([r for r in load("report_rules").rules if r.id == "insight.data.phone"]) == 1
    finally:
        monkeypatch.delenv("BREACHLENS_KNOWLEDGE")
        load.cache_clear()


def test_assess_composes_the_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("breachlens.assess.severity")
    fake.assess_severity = lambda c, lang="en": severity(band="high", score=3.5)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "breachlens.assess.severity", fake)
    from breachlens.assess import assess

    c = claim(("email", "phone"), country="FR", name="France Travail", records=22_000_000)
    result = assess(c, lang="fr")
    assert result.language == "fr"
    assert result.headline and result.headline.startswith("Vente présumée de données de France Travail")
    assert result.severity.band == "high"
    assert {o.rule for o in result.obligations} >= {"obligation.gdpr.art33", "obligation.gdpr.art34"}
    assert set(result.mitigations) == {"victim", "authorities", "people"}
    assert any(s.rule == "insight.data.phone" for s in result.insights)
