"""The knowledge files load, agree with each other, and say what analysts rely on them to say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from breachlens import knowledge
from breachlens.extract.text import fold

FILES = ["countries", "sectors", "venues", "actors", "organisations", "authorities"]
EU = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}
EEA = EU | {"IS", "LI", "NO"}
REQUIRED_SECTORS = [
    "government", "healthcare", "education", "finance", "insurance", "telecom", "energy", "utilities",
    "transport", "retail", "e-commerce", "hospitality", "travel", "entertainment", "media", "gaming",
    "gambling", "technology", "manufacturing", "automotive", "food", "beverages", "legal", "real-estate",
    "recruitment", "social-media", "dating", "adult", "non-profit", "religion", "political", "defence",
    "research", "construction", "logistics", "agriculture", "pharmaceutical", "cryptocurrency", "other",
    "social-services",
]


@pytest.fixture(autouse=True)
def fresh_knowledge(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Packaged knowledge only: no analyst override folder leaks in, and no cached model leaks out."""
    monkeypatch.delenv("BREACHLENS_KNOWLEDGE", raising=False)
    monkeypatch.delenv("BREACHLENS_HOME", raising=False)
    knowledge.load.cache_clear()
    yield
    knowledge.load.cache_clear()


def _key(text: str) -> str:
    return " ".join(fold(text).split())


# ------------------------------------------------------------------------------------------------ loading
def test_a_key_written_twice_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML keeps the last of two equal keys: two cue lists of the same name would lose one without a word."""
    (tmp_path / "lexicon.yaml").write_text("cues:\n  spam: {en: [a]}\n  spam: {en: [b]}\n", encoding="utf-8")
    monkeypatch.setenv("BREACHLENS_KNOWLEDGE", str(tmp_path))
    with pytest.raises(knowledge.KnowledgeError, match="written twice"):
        knowledge.load("lexicon")


@pytest.mark.parametrize("name", sorted(knowledge.SCHEMAS))
def test_no_packaged_file_writes_a_key_twice(name: str) -> None:
    knowledge.load(name)  # the loader refuses a repeated key


@pytest.mark.parametrize("name", FILES)
def test_file_loads_through_its_schema(name: str) -> None:
    model = knowledge.load(name)
    (field,) = type(model).model_fields
    assert getattr(model, field), f"{name}.yaml is empty"


@pytest.mark.parametrize(("name", "minimum"), [
    ("countries", 249), ("sectors", 40), ("venues", 50), ("actors", 150), ("organisations", 150),
    ("authorities", 50),
])
def test_file_is_complete(name: str, minimum: int) -> None:
    model = knowledge.load(name)
    assert len(getattr(model, name)) >= minimum


# ---------------------------------------------------------------------------------------------- countries
def test_every_country_is_named_in_every_main_language() -> None:
    for code, country in knowledge.load("countries").countries.items():
        missing = {"en", "fr", "es", "de"} - set(country.names)
        assert not missing, f"{code} has no name in {missing}"


def test_demonyms_cover_the_commonly_reported_countries() -> None:
    countries = knowledge.load("countries").countries
    with_en_fr = [c for c, v in countries.items() if {"en", "fr"} <= set(v.demonyms)]
    with_es_de = [c for c, v in countries.items() if {"es", "de"} <= set(v.demonyms)]
    assert len(with_en_fr) >= 120
    assert len(with_es_de) >= 120


def test_eu_and_eea_flags() -> None:
    countries = knowledge.load("countries").countries
    assert {code for code, c in countries.items() if c.eu} == EU
    assert {code for code, c in countries.items() if c.eea} == EEA


def test_currencies_and_tlds_are_well_formed() -> None:
    for code, country in knowledge.load("countries").countries.items():
        assert country.currency is None or re.fullmatch(r"[A-Z]{3}", country.currency), code
        assert country.tld is None or re.fullmatch(r"[a-z]{2}", country.tld), code
    countries = knowledge.load("countries").countries
    assert countries["GB"].tld == "uk"
    assert countries["FR"].currency == "EUR"
    assert countries["IO"].tld_generic and not countries["FR"].tld_generic


def test_no_name_or_demonym_belongs_to_two_countries() -> None:
    owners: dict[str, set[str]] = {}
    for code, country in knowledge.load("countries").countries.items():
        for terms in (country.names, country.demonyms):
            for words in terms.values():
                for word in words:
                    owners.setdefault(_key(word), set()).add(code)
    shared = {word: codes for word, codes in owners.items() if len(codes) > 1}
    assert not shared


@pytest.mark.parametrize("unsafe", ["GB", "IN", "FR", "CH", "EAU", "RSA", "Maurice", "Island", "Pole",
                                    "the States"])
def test_ambiguous_words_are_not_country_names(unsafe: str) -> None:
    for code, country in knowledge.load("countries").countries.items():
        for terms in (country.names, country.demonyms):
            for words in terms.values():
                assert unsafe not in words, f"{unsafe!r} would be read as {code}"


# ---------------------------------------------------------------------------------- cross-file references
def test_required_sector_keys_exist() -> None:
    sectors = knowledge.load("sectors").sectors
    assert set(REQUIRED_SECTORS) <= set(sectors)


def test_sectors_have_labels_and_terms() -> None:
    for key, sector in knowledge.load("sectors").sectors.items():
        assert {"en", "fr"} <= set(sector.label), key
        if key != "other":
            assert {"en", "fr", "es", "de"} <= set(sector.terms), key


def test_no_sector_term_reveals_two_sectors() -> None:
    owners: dict[str, set[str]] = {}
    for key, sector in knowledge.load("sectors").sectors.items():
        for words in sector.terms.values():
            for word in words:
                owners.setdefault(_key(word), set()).add(key)
    assert not {word: keys for word, keys in owners.items() if len(keys) > 1}


def test_organisation_sectors_countries_and_parents_exist() -> None:
    sectors = knowledge.load("sectors").sectors
    countries = knowledge.load("countries").countries
    organisations = knowledge.load("organisations").organisations
    names = {org.name for org in organisations}
    for org in organisations:
        assert org.sector is None or org.sector in sectors, org.name
        assert org.country is None or org.country in countries, org.name
        assert org.parent is None or org.parent in names, org.name


def test_authority_and_actor_countries_exist() -> None:
    countries = knowledge.load("countries").countries
    assert set(knowledge.load("authorities").authorities) <= set(countries)
    for actor in knowledge.load("actors").actors:
        assert actor.country is None or actor.country in countries, actor.name


def test_every_eu_and_eea_country_has_a_gdpr_authority() -> None:
    authorities = knowledge.load("authorities").authorities
    for code in sorted(EEA):
        assert code in authorities, code
        assert authorities[code].law == "GDPR", code
        assert authorities[code].deadline_hours == 72, code
        assert authorities[code].url and authorities[code].url.startswith("https://"), code


def test_authority_urls_are_https() -> None:
    for code, authority in knowledge.load("authorities").authorities.items():
        for url in (authority.url, authority.breach_url):
            assert url is None or url.startswith("https://"), code


# ------------------------------------------------------------------------------------------- duplicates
@pytest.mark.parametrize("name", ["actors", "venues", "organisations"])
def test_no_name_or_alias_is_listed_twice(name: str) -> None:
    seen: dict[str, str] = {}
    for entry in getattr(knowledge.load(name), name):
        for written in (entry.name, *entry.aliases):
            key = _key(written)
            assert key not in seen, f"{written!r} of {entry.name} is already listed under {seen[key]}"
            seen[key] = entry.name


def test_no_actor_shares_a_name_with_a_venue() -> None:
    venues = {_key(w) for v in knowledge.load("venues").venues for w in (v.name, *v.aliases)}
    for actor in knowledge.load("actors").actors:
        for written in (actor.name, *actor.aliases):
            assert _key(written) not in venues, written


# ------------------------------------------------------------------------------------------- spot checks
def _actor(name: str) -> str | None:
    for actor in knowledge.load("actors").actors:
        if _key(name) in {_key(w) for w in (actor.name, *actor.aliases)}:
            return actor.name
    return None


def _venue(name: str) -> str | None:
    for venue in knowledge.load("venues").venues:
        if _key(name) in {_key(w) for w in (venue.name, *venue.aliases)}:
            return venue.name
    return None


def _organisation(name: str) -> str | None:
    for org in knowledge.load("organisations").organisations:
        if _key(name) in {_key(w) for w in (org.name, *org.aliases)}:
            return org.name
    return None


def _demonym_country(word: str) -> str | None:
    for code, country in knowledge.load("countries").countries.items():
        if any(word in words for words in country.demonyms.values()):
            return code
    return None


def _name_country(word: str) -> str | None:
    for code, country in knowledge.load("countries").countries.items():
        if any(word in words for words in country.names.values()):
            return code
    return None


@pytest.mark.parametrize(("kind", "written", "expected"), [
    ("actor", "ALPHV", "ALPHV"),
    ("actor", "BlackCat", "ALPHV"),
    ("actor", "Noberus", "ALPHV"),
    ("actor", "REvil", "REvil"),
    ("actor", "Sodinokibi", "REvil"),
    ("actor", "Cl0p", "Clop"),
    ("actor", "Maze Team", "Maze"),
    ("actor", "Agenda", "Qilin"),
    ("actor", "lapsus$", "Lapsus$"),
    ("actor", "Octo Tempest", "Scattered Spider"),
    ("actor", "DragonForce Malaysia", "DragonForce Malaysia"),
    ("actor", "DragonForce", "DragonForce"),
    ("actor", "Pôle emploi", None),
    ("venue", "Breach Forums", "BreachForums"),
    ("venue", "breached.vc", "BreachForums"),
    ("venue", "XSS.is", "XSS.is"),
    ("venue", "XSS", None),  # cross-site scripting, not the forum
    ("venue", "exploit.in", "Exploit.in"),
    ("venue", "canal Telegram", "Telegram"),
    ("venue", "pastebin.com", "Pastebin"),
    ("organisation", "Pôle emploi", "France Travail"),
    ("organisation", "Pole Emploi", "France Travail"),
    ("organisation", "Free Mobile", "Free"),
    ("organisation", "Ameli", "Assurance Maladie"),
    ("organisation", "MDLab", "Medical Diagnostic Laboratories"),
    ("organisation", "CAF", "Caisse nationale des allocations familiales"),
    ("demonym", "Kiwis", "NZ"),
    ("demonym", "Aussie", "AU"),
    ("demonym", "algérien", "DZ"),
    ("demonym", "algérienne", "DZ"),
    ("demonym", "turc", "TR"),
    ("demonym", "mexicain", "MX"),
    ("demonym", "israélien", "IL"),
    ("demonym", "Indian", "IN"),
    ("demonym", "françaises", "FR"),
    ("demonym", "franceses", "FR"),
    ("demonym", "französischen", "FR"),
    ("demonym", "Franzosen", "FR"),
    ("name", "USA", "US"),
    ("name", "U.S.", "US"),
    ("name", "UK", "GB"),
    ("name", "Great Britain", "GB"),
    ("name", "Allemagne", "DE"),
    ("name", "Alemania", "DE"),
    ("name", "Côte d'Ivoire", "CI"),
    ("name", "Turkey", "TR"),
    ("name", "DRC", "CD"),
])
def test_spot_checks(kind: str, written: str, expected: str | None) -> None:
    lookup = {"actor": _actor, "venue": _venue, "organisation": _organisation, "demonym": _demonym_country,
              "name": _name_country}[kind]
    assert lookup(written) == expected


@pytest.mark.parametrize(("code", "short", "cert"), [
    ("FR", "CNIL", "ANSSI (CERT-FR)"),
    ("GB", "ICO", "NCSC (UK)"),
    ("ES", "AEPD", None),
    ("IE", "DPC", None),
    ("CH", "FDPIC", None),
    ("BR", "ANPD", None),
])
def test_authority_spot_checks(code: str, short: str, cert: str | None) -> None:
    authority = knowledge.load("authorities").authorities[code]
    assert authority.short == short
    if cert:
        assert authority.cert == cert


def test_laws_and_deadlines_outside_the_eea() -> None:
    authorities = knowledge.load("authorities").authorities
    assert authorities["GB"].law == "UK GDPR" and authorities["GB"].deadline_hours == 72
    assert authorities["CH"].deadline_hours is None
    assert authorities["US"].deadline_hours is None
    assert authorities["AU"].deadline_hours is None
    assert authorities["BR"].deadline_note == "3 working days"


@pytest.mark.parametrize(("key", "nis2", "vulnerable"), [
    ("healthcare", "essential", True),
    ("government", "essential", False),
    ("social-services", None, True),
    ("education", None, True),
    ("recruitment", None, True),
    ("telecom", "essential", False),
    ("manufacturing", "important", False),
    ("social-media", "important", False),
    ("retail", None, False),
])
def test_sector_scope(key: str, nis2: str | None, vulnerable: bool) -> None:
    sector = knowledge.load("sectors").sectors[key]
    assert (sector.nis2, sector.vulnerable) == (nis2, vulnerable)


# ------------------------------------------------------------------------------------------- overrides
def test_override_folder_extends_organisations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    packaged = len(knowledge.load("organisations").organisations)
    (tmp_path / "organisations.yaml").write_text(
        "organisations:\n"
        "  - {name: Mutuelle Exemple, aliases: [MutEx], domain: mutuelle-exemple.fr, country: FR,"
        " sector: insurance}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("BREACHLENS_KNOWLEDGE", str(tmp_path))
    knowledge.load.cache_clear()
    organisations = knowledge.load("organisations").organisations
    assert len(organisations) == packaged + 1
    assert organisations[-1].name == "Mutuelle Exemple"
    assert any(org.name == "France Travail" for org in organisations)
