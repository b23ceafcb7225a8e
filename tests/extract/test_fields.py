"""Field extraction on texts written for these tests, one table per field, positives and near-misses."""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "records"),
    [
        ("Selling Acme Corp database, 22M lines, fresh.", 22_000_000),
        ("La base contient 27 561 592 lignes de clients.", 27_561_592),
        ("Leak of 302,000 to 340,000 records from a retailer.", 340_000),
        ("Dump: 6 lakh customers of a lender.", 600_000),
        ("Se vende base de datos con 1,2 millones de usuarios.", 1_200_000),
        ("Verkaufe Datenbank mit 3 Millionen Kunden.", 3_000_000),
        ("vingt-deux millions de lignes à vendre", 22_000_000),
        # distractors: sizes, files, samples, money, percentages, employees
        ("The archive weighs 1.3 TB and holds over 404,000 files.", None),
        ("A free sample of 1,000 records is offered; the full set is 5M records.", 5_000_000),
        ("The company, which has 12,000 employees, did not comment.", None),
        ("The seller asks $5,000 for the data.", None),
        ("It covers 85 percent of the population.", None),
    ],
)
def test_records(text: str, records: int | None) -> None:
    assert analyze(text).records == records


@pytest.mark.parametrize(
    ("text", "amount", "currency", "negotiable", "starting"),
    [
        ("selling France Travail database, 22M lines, nom, prenom, email, tel - 2500$ négociable", 2500, "USD",
         True, False),
        ("Vends base clients 2 500 € à débattre", 2500, "EUR", True, False),
        ("Price: 0.5 BTC for the full dump", 0.5, "BTC", False, False),
        ("Full database for sale, $10k OBO", 10_000, "USD", True, False),
        ("Selling the dump for 4k USD", 4_000, "USD", False, False),
        ("Auction: starting at $3,000, escrow accepted", 3_000, "USD", False, True),
        ("The actor is asking USD3,000 (SGD4,020) for the dataset.", 3_000, "USD", False, False),
        ("Ransom demanded: 200 XMR, or the data goes public.", 200, "XMR", False, False),
        # distractors: the timer, revenue, conversions
        ("Pay $500 to extend the timer. Price for the data: $5,000", 5_000, "USD", False, False),
        ("The firm reports $3 billion in revenue; its data was sold for $2,000.", 2_000, "USD", False, False),
        ("The group published the data for free.", None, None, False, False),
    ],
)
def test_price(text: str, amount: float | None, currency: str | None, negotiable: bool, starting: bool) -> None:
    price = analyze(text).price
    if amount is None:
        assert price is None
        return
    assert price is not None
    assert (price.amount, price.currency, price.negotiable, price.starting_at) == (
        amount, currency, negotiable, starting)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Champs : nom, prenom, tel, iban, email", {"name", "phone", "financial", "email"}),
        ("The leak includes full names, email addresses, phone numbers and physical addresses.",
         {"name", "email", "phone", "address"}),
        ("Data: email, IP and physical addresses, usernames and MD5 password hashes.",
         {"email", "ip_address", "address", "username", "password"}),
        ("La base comprend nom, prénom, date et lieu de naissance et numéro de sécurité sociale.",
         {"name", "date_of_birth", "place_of_birth", "national_id"}),
        ("Los datos incluyen nombres, correos electrónicos y números de teléfono.", {"name", "email", "phone"}),
        ("Die Daten enthalten Namen, E-Mail-Adressen und Geburtsdaten.", {"name", "email", "date_of_birth"}),
        ("Stolen: patient records, medical reports and ID cards.", {"health", "id_document"}),
        ("410 GB taken: HR files, payroll and passport scans.", {"employment", "income", "passport"}),
        ("FREE LEAK | shop.example | 58k lines | email, md5, ip", {"email", "password", "ip_address"}),
        ("780k entries: DNI, IBAN, saldo, email. 0.2 BTC.", {"national_id", "financial", "email"}),
        ("partial payment card details (last four digits) and names", {"financial", "name"}),
        # negation and speculation are not claims
        ("The company said no credit card details or passwords were taken.", set()),
        ("En revanche, les mots de passe n'ont pas été compromis.", set()),
        ("A hotel database almost certainly contains passport details and payment histories.", set()),
        ("Contact the seller via email.", set()),
    ],
)
def test_categories(text: str, categories: set[str]) -> None:
    assert set(analyze(text).data_categories) == categories


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("Selling a fresh database of an online shop, 50k users, price in DM.", "sale"),
        ("Leaked for free: the full user database of a gaming forum, download below.", "leak"),
        ("The LockBit ransomware group added the clinic to its leak site and threatens to publish the files.",
         "ransomware"),
        ("Selling initial access to a European manufacturer: domain admin, VPN access, revenue $2B.", "access"),
        ("The hacker is demanding a ransom of 1 million dollars or the data will be published.", "other"),
    ],
)
def test_claim_type(text: str, claim_type: str) -> None:
    assert analyze(text).claim_type == claim_type


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("In March 2015, the forum suffered a data breach that exposed 1M accounts.", "2015-03"),
        ("The gang struck the hospital on December 2, 2019, encrypting 300 machines.", "2019-12-02"),
        ("Le piratage a eu lieu le 13 mars 2024 selon le vendeur.", "2024-03-13"),
        ("In mid-2018, the service was breached.", "2018"),
        ("In March 2021, news broke of a breach at the retailer.", "2021"),
        # a date that is not the breach's
        ("The company, founded in 2009, did not comment.", None),
        ("The records span May 2022 to March 2023.", None),
        ("On March 15 the hackers posted the data.", None),
    ],
)
def test_date(text: str, date: str | None) -> None:
    assert analyze(text).date == date


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("A threat actor known as 'n0rthst4r' is selling the database.", "n0rthst4r"),
        ("Un individu se faisant appeler drk_vendor a publié les données.", "drk_vendor"),
        ("The gang that seems responsible is Sodinokibi, which runs a leak site.", "REvil"),
        ("ALPHV posted the victim on its leak site.", "ALPHV"),
        ("BlackCat ransomware listed the company on its leak site.", "ALPHV"),
        # researchers and reporters are not actors
        ("Security researcher Troy Hunt found the data on a forum.", None),
    ],
)
def test_actor(text: str, actor: str | None) -> None:
    assert analyze(text).actor == actor


@pytest.mark.parametrize(
    ("text", "victim", "country"),
    [
        ("selling France Travail database, 22M lines, nom, prénom, email, tel", "France Travail", "FR"),
        ("A threat actor claims to sell data stolen from Northwind Outfitters (northwind-outfitters.ca), "
         "a Canadian retailer.", "Northwind Outfitters", "CA"),
        ("In March 2020, the stock photo site Pixelbank suffered a data breach affecting 8M users.",
         "Pixelbank", None),
        ("Hackers leaked data on 750 million Indian telecom users.", None, "IN"),
        ("According to researchers at Acme Security, a seller offers a dump of 2M Turkish citizens.", None, "TR"),
    ],
)
def test_victim(text: str, victim: str | None, country: str | None) -> None:
    claim = analyze(text)
    assert (claim.victim.name if claim.victim else None) == victim
    assert (claim.victim.country if claim.victim else None) == country


def test_alias_in_brackets() -> None:
    claim = analyze("Data allegedly taken from France Travail (formerly Pôle emploi) is for sale: 22M records.")
    assert claim.victim is not None
    assert claim.victim.name == "France Travail"
    assert any(a.lower().startswith("p") and "emploi" in a.lower() for a in claim.victim.aliases)


@pytest.mark.parametrize(
    ("text", "victim", "aliases", "country"),
    [
        ("Selling Brindlewood Logistics (BWL) database, 2M lines, emails", "Brindlewood Logistics", ["BWL"], None),
        ("Selling Halvorsen Marine (Oslo) database, 400k rows", "Halvorsen Marine", [], "NO"),
        ("Leaked: 90,000 customers of Cartwright Savings (France), names and IBAN", "Cartwright Savings", [], "FR"),
        ("Vends base Mutuelle Verdier (Lyon), 120k fiches, nom, prénom, tel", "Mutuelle Verdier", [], "FR"),
    ],
)
def test_a_bracket_after_the_victim_holds_an_alias_or_a_place(text: str, victim: str, aliases: list[str],
                                                              country: str | None) -> None:
    claim = analyze(text)
    assert claim.victim is not None
    assert (claim.victim.name, claim.victim.aliases, claim.victim.country) == (victim, aliases, country)


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Verkaufe Datenbank der Stadtwerke Kiel, 230.000 Kunden mit Name, Adresse, IBAN, 1500 EUR VB.",
         "Stadtwerke Kiel"),
        ("Biete Kundendaten des Autohaus Brenner an: 40.000 Datensätze", "Autohaus Brenner"),
        ("Verkaufe Datenbank der Hagedorn Logistik GmbH, 80.000 Kunden", "Hagedorn Logistik GmbH"),
    ],
)
def test_a_german_noun_before_the_cue_is_not_part_of_the_victim(text: str, victim: str) -> None:
    claim = analyze(text)
    assert claim.victim is not None and claim.victim.name == victim


@pytest.mark.parametrize(
    ("text", "victim", "country"),
    [
        ("Selling Vodafone Italia subscriber database, 2,000,000 lines, 5k$ XMR only", "Vodafone Italia", "IT"),
        ("Leaked: Brightwater Energy España customer list, 300k rows", "Brightwater Energy España", "ES"),
    ],
)
def test_a_country_closing_the_victim_name_gives_its_country(text: str, victim: str, country: str) -> None:
    claim = analyze(text)
    assert claim.victim is not None
    assert (claim.victim.name, claim.victim.country) == (victim, country)


@pytest.mark.parametrize(
    ("text", "claim_type", "categories"),
    [
        ("The personal data of 33 million people from two third-party payment operators were exposed.", "leak",
         None),
        ("Selling Harwick DB 2M lines. Payment in BTC or XMR only.", "sale", None),
        ("Base de données Fromagerie Ducros — 78 000 clients (nom, adresse, carte fidélité). Gratuit.", "leak",
         ["address", "name", "purchase_history"]),
    ],
)
def test_payment_operators_and_loyalty_cards(text: str, claim_type: str, categories: list[str] | None) -> None:
    claim = analyze(text)
    assert claim.claim_type.value == claim_type
    if categories is not None:
        assert claim.data_categories == categories


@pytest.mark.parametrize(
    ("text", "victim", "country"),
    [
        ("Selling the database of Pemberton Credit Union: 500k members, SSN, DOB. Price: 10 BTC.",
         "Pemberton Credit Union", "US"),
        ("Vendo database Farmacia Bellini: 40k clienti, nome, cognome, codice fiscale", "Farmacia Bellini", "IT"),
        ("Selling Pemberton Credit Union DB with SSN, 2M rows, based in Toronto", "Pemberton Credit Union", "CA"),
        ("NEW: Decathlon Spain employees data (8,000 rows: name, email) posted free.", "Decathlon", "ES"),
        ("Scraped 1.5M LinkedIn profiles (public data): names, job titles, emails. $300", "LinkedIn", "US"),
    ],
)
def test_country_from_a_branch_or_a_national_identifier(text: str, victim: str, country: str) -> None:
    claim = analyze(text)
    assert claim.victim is not None
    assert (claim.victim.name, claim.victim.country) == (victim, country)


@pytest.mark.parametrize(
    ("text", "victim", "country", "sector"),
    [
        ("Cybercriminals claim to hold 1.2TB of data from the city of Rennes, including civil-status records.",
         "city of Rennes", "FR", "government"),
        ("Fuite de données à la ville de Lorient : 30 000 administrés concernés", "ville de Lorient", "FR",
         "government"),
        ("Ransomware attack on the County of Fairfax: 200GB stolen", "County of Fairfax", None, "government"),
    ],
)
def test_a_city_or_county_is_a_victim(text: str, victim: str, country: str | None, sector: str) -> None:
    claim = analyze(text)
    assert claim.victim is not None
    assert (claim.victim.name, claim.victim.country, claim.victim.sector) == (victim, country, sector)


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Free leak: festival volunteers list, 45 000 entries (nom, prénom, email, téléphone)", None),
        ("Selling Free database, 19M lines, nom, prénom, IBAN", "Free"),
    ],
)
def test_free_as_an_adjective_is_not_the_isp(text: str, victim: str | None) -> None:
    claim = analyze(text)
    assert (claim.victim.name if claim.victim else None) == victim


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Breach alert: 'Pebblebrook Academy' (pebblebrook.co.uk) — 120k parent accounts, names, DOB.",
         "Pebblebrook Academy"),
        ("Data stolen from \"Harwick Freight Logistics\" is for sale, 300k rows", "Harwick Freight Logistics"),
        ("A hacker listed 3TB of data allegedly stolen from Snowflake customer Brannock Auto Parts for $1.5 million.",
         "Brannock Auto Parts"),
    ],
)
def test_quoted_victims_and_a_providers_customer(text: str, victim: str) -> None:
    claim = analyze(text)
    assert claim.victim is not None and claim.victim.name == victim


def test_the_outlet_that_reports_is_not_the_actor_and_revendre_is_a_sale() -> None:
    claim = analyze("Selon Zataz, un pirate revend 2,3 millions de lignes issues de la base clients de Cultura : "
                    "nom, prénom, email.")
    assert claim.actor is None
    assert claim.claim_type.value == "sale"
    assert claim.victim is not None and claim.victim.name == "Cultura"


def test_a_size_before_the_victim_is_not_part_of_its_name() -> None:
    claim = analyze("According to Hackread, a hacker named Sp1d3r sells 3TB of Harwick Logistics data")
    assert claim.victim is not None and claim.victim.name == "Harwick Logistics"
    assert claim.actor == "Sp1d3r"


@pytest.mark.parametrize(
    ("text", "victim", "records", "category"),
    [
        ("Selling fresh leads FR 2025: 150k lignes particuliers (nom, tel mobile, code postal), 0,02€ la ligne",
         None, 150_000, "phone"),
        ("Database of 'Clinique des Peupliers' with 48,000 patient files (2019-2024), sample of 100 rows, 4500 EUR",
         "Clinique des Peupliers", 48_000, "health"),
        ("Vends accès VPN + base RH d'une PME française du BTP (350 salariés) : 800 €.", None, None, None),
    ],
)
def test_codes_acronyms_and_patient_files(text: str, victim: str | None, records: int | None,
                                          category: str | None) -> None:
    claim = analyze(text)
    assert (claim.victim.name if claim.victim else None) == victim
    if records is not None:
        assert claim.records == records
    if category is not None:
        assert category in claim.data_categories
