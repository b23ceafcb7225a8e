"""Data categories, price and claim type on probe texts written for these tests (invented organisations and
handles): breach notices in French and English, terse seller notes, field lists, refused ransoms, auctions,
double extortion, access sales and a regulator's fine, each beside near-misses that must keep their reading.
"""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a bank's notice: account statements are financial data
        ("la Banque Sahélienne de Crédit reconnaît qu'une intrusion a exposé les relevés de compte de quelque "
         "27 000 clients", {"financial"}, set()),
        # a conditional intro ("incluraient"), a national identity card number (CIN) in the list
        ("Les fiches incluraient noms, numéros de CIN, adresses et numéros de téléphone.",
         {"name", "national_id", "address", "phone"}, set()),
        # "may have involved": a notice's hedge, not a guess; a PAN card is no payment card
        ("The incident may have involved the Aadhaar numbers, PAN card details, mobile numbers and loan account "
         "information of approximately 96,000 borrowers.", {"national_id", "phone", "financial"},
         {"payment_card"}),
        # a terse seller note
        ("Internal docs, KYC scans (passports, voter IDs), loan files, staff payroll xlsx. ~80k customers.",
         {"id_document", "passport", "financial", "income", "corporate_documents"}, set()),
        ("Fields: nombre, email, DNI, tel, direccion, fecha_nac.",
         {"name", "email", "national_id", "phone", "address", "date_of_birth"}, set()),
        ("The leaked data contains employee names, Aadhaar numbers, PAN numbers, salary details and bank "
         "information.", {"name", "national_id", "income", "financial"}, {"payment_card"}),
        # "pourraient être concernées :": the hedge of a notice; "identité" in a list is the name
        ("Les données d'environ 12 500 patients pourraient être concernées : identité, date de naissance, numéro "
         "de sécurité sociale et données de santé.", {"name", "date_of_birth", "national_id", "health"}, set()),
        # "scanned passports" (and "passports", matched as "passport" plus its plural, is a strong word)
        ("Orvel Transit Authority was hit last week. The leaked files are said to include budget memos, employee "
         "contact details and scanned passports of officials.", {"passport", "phone"}, set()),
        ("Dump of Ferrow Travel: passports.", {"passport"}, set()),
        # must stay: whose identity is unknown names nobody; graduates are no diplomas; a guess stays a guess
        ("Le pirate, dont l'identité reste inconnue, vend 3 000 fiches clients de la Mutuelle Orvane : emails.",
         {"email"}, {"name"}),
        ("Le réseau Campus Vireo compte 40 000 étudiants et jeunes diplômés.", set(), {"education"}),
        ("Dump of Ferrow Travel. It probably contains passports.", set(), {"passport"}),
        ("No bank information was exposed in the Quillmark incident.", set(), {"financial"}),
    ],
)
def test_categories(text: str, present: set[str], absent: set[str]) -> None:
    found = set(analyze(text).data_categories)
    assert present <= found
    assert not (absent & found)


@pytest.mark.parametrize(
    ("text", "amount", "negotiable", "starting_at"),
    [
        # a ransom refused, and the data given away since: no price
        ("The actor published the data on BreachForums for free on 12 September 2025 after the company "
         "allegedly refused to pay a ransom of $60,000.", None, False, False),
        ("The data is being auctioned on Exploit with a starting bid of $3,000.", 3000, False, True),
        ("The seller wants $3,200 but says offers will be considered.", 3200, True, False),
        ("Selling access | Polish gov municipality | ~400 users AD | VPN + DA | start 800$ step 100 blitz 2k",
         800, False, True),
        # a fine is no price
        ("The Information Commissioner's Office has issued a £350,000 fine to Northbridge Lettings Ltd after a "
         "misconfigured cloud server exposed the passport scans of 41,000 tenants", None, False, False),
        # must stay: a refused ransom with the data still held is the ransom demanded; a plain demand; a firm price
        ("Halden Corp refused to pay the $500,000 ransom, so LockPine will publish 40 GB on 3 March.",
         500000, False, False),
        ("The gang demands a ransom of $2M from Cobalt Ferries.", 2000000, False, False),
        ("Selling Brookvale Outfitters customer db, 200k rows. Price $900, not negotiable.", 900, False, False),
    ],
)
def test_price(text: str, amount: float | None, negotiable: bool, starting_at: bool) -> None:
    price = analyze(text).price
    if amount is None:
        assert price is None
        return
    assert price is not None
    assert (price.amount, price.negotiable, price.starting_at) == (amount, negotiable, starting_at)


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        ("The actor published the data on BreachForums for free on 12 September 2025 after the company "
         "allegedly refused to pay a ransom of $60,000.", "leak"),
        # double extortion: a sample out, the rest held for the ransom
        ("A group calling itself 'ShadowPike' posted a sample of the data on Telegram and is threatening to "
         "release the rest unless paid.", "ransomware"),
        ("Le groupe BlackOrca, qui revendique l'attaque sur son blog, exige une rançon et a déjà publié un "
         "échantillon de 2 Go.", "ransomware"),
        # network access for sale, written tersely
        ("Selling access | Polish gov municipality | ~400 users AD | VPN + DA | start 800$ step 100 blitz 2k",
         "access"),
        # a regulator's fine for data left open: found, not published
        ("The Information Commissioner's Office has issued a £350,000 fine to Northbridge Lettings Ltd after a "
         "misconfigured cloud server exposed the passport scans of 41,000 tenants", "other"),
        # must stay: a threat without a sample out; a sale that shows a sample; access to accounts is data;
        # a fine after a real leak; an open server found by researchers
        ("A hacker threatens to leak Osterby Mills customer data unless the firm pays 10 BTC.", "other"),
        ("Selling Tarnwell Freight db, sample posted below, price $2k.", "sale"),
        ("Selling access to 20k streaming accounts of Flixora, $300.", "sale"),
        ("Kestrel Home was fined £200,000 after hackers leaked its customer database on a forum.", "leak"),
        ("An unsecured Elasticsearch server of Veltra Apps exposed 2 million user records, researchers found.",
         "leak"),
        ("Selling DA access to Morvan Logistics, price $5,000 negotiable.", "access"),
    ],
)
def test_claim_type(text: str, claim_type: str) -> None:
    assert analyze(text).claim_type.value == claim_type
