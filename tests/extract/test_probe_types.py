"""Claim type and data categories on probe texts written for these tests (invented organisations and handles):
leak-site entries, breach notifications, give-aways of unsold data, access sales, and the field lists of
forum posts, each beside near-misses that must keep their reading.
"""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "claim_type"),
    [
        # leak-site entries: a timer, a publication date, a status; the victim's revenue is no asking price
        ("Revenue: $84M | Employees: 410\n230 GB of data exfiltrated: contracts, passports, payroll.\n"
         "Time left: 4d 11h 23m\nData will be published if management does not contact us.", "ransomware"),
        ("Blackmoor Ransom Team\nTarget: Quillon Architecture Ltd (Ireland)\nWe have downloaded 96 GB: drawings, "
         "NDAs, HR files.\n7 days left. Data will be published on 2024-09-30.", "ransomware"),
        ("Maison Ordal SAS\n340 Go de données exfiltrées : dossiers patients, RH, comptabilité.\n"
         "Publication dans 6 jours 14 h 22 min si aucun contact.", "ransomware"),
        ("Harlan Ridge Dental Group\nStatus : PUBLISHED. Ransom not paid.", "ransomware"),
        ("Le groupe CorbeauLock revendique l'attaque du Centre Hospitalier de Valmorin. Les pirates annoncent "
         "1,1 To de données dérobées et menacent de tout publier le 15 janvier.", "ransomware"),
        ("The FernLock gang threatens to publish 80 GB stolen from Osterby Mills within 5 days.", "ransomware"),
        # a threat with no deadline is an extortion, as before
        ("A hacker threatens to leak Osterby Mills customer data unless the firm pays 10 BTC.", "other"),
        # an earlier access sale does not outweigh the listing
        ("the LockPine ransomware group listed Verano Foods Inc. on its leak blog on 11 July 2024, claiming "
         "1,200 GB of stolen data. An initial access broker known as \"Sable\" had sold access to Verano's "
         "network for $3,000 in May.", "ransomware"),
        ("Quarry Hill Foods (revenue: $2B) database leaked.", "leak"),
        # a breach notification offers a remedy, not data; what was not exposed was not leaked
        ("Fairhaven Credit Union is writing to inform you of an incident that may have involved your personal "
         "information. Records of approximately 58,200 members were accessed. No passwords were exposed. "
         "Fairhaven is offering 24 months of free credit monitoring.", "other"),
        # unsold data given away: the old price is history
        ("Since nobody bought it, here's the Pinecrest University (USA) student db for free. Originally sold for "
         "$2k. 78,431 students", "leak"),
        # domain admin access for sale
        ("Selling DA access to a French insurance broker. Revenue: 250M EUR. Hosts: 1,800. Entry via Fortinet "
         "VPN + DA creds. Price 6k$", "access"),
        # must stay as they are
        ("Selling Brookvale Outfitters customer db, 200k rows, emails and phones. Price $900.", "sale"),
        ("Selling 45,000 customer records from Tarnwell Freight, a carrier with $410 million in annual revenue. "
         "Price $1,500.", "sale"),
        ("Ostrava Mills data leaked for free: 20k rows, names and emails.", "leak"),
        ("The hacker previously sold a Quenby Bank database; today he is selling 30k Quenby cards for $4,000.",
         "sale"),
        ("Threat actor 'm0rrow' is auctioning initial access to the network of Delmont Builders: domain admin, "
         "VPN access. Starting at $8,000.", "access"),
        ("The gang demands a ransom of $2M from Cobalt Ferries.", "other"),
        ("Dumped Halverd Realty CRM: 1,150,000 leads with names and emails. Free download.", "leak"),
        ("Acme customers: no data was sold, the company says, and no passwords were leaked.", "other"),
    ],
)
def test_claim_type(text: str, claim_type: str) -> None:
    assert analyze(text).claim_type.value == claim_type


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Since nobody bought it, here's the Pinecrest University student db for free. Originally sold for $2k.",
         None),
        ("An access broker had sold access to the Verano network for $3,000 in May.", None),
        ("Original price was $3k, now $1k. Selling the Larkfield Bank dump.", 1_000),
        # must stay
        ("Selling the Larkfield Bank dump for $2k.", 2_000),
        ("Previously sold for $5k, now selling the Larkfield Bank dump for $2k.", 2_000),
        ("The firm reports $3 billion in revenue; its data was sold for $2,000.", 2_000),
    ],
)
def test_earlier_price_is_not_the_asking_price(text: str, amount: float | None) -> None:
    price = analyze(text).price
    assert (price.amount if price else None) == amount


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # combos written as dump slang
        ("Selling 1.2M lines email:pass, fresh. $50", {"email", "password"}, set()),
        ("Also 300k mail:pass combos for $20", {"email", "password"}, set()),
        # notification legalese is no analyst's guess...
        ("Information of up to 310,000 passengers may have been affected, including names, email addresses, "
         "phone numbers and travel itineraries.", {"name", "email", "phone", "travel"}, set()),
        ("Les noms, adresses e-mail et numéros de téléphone de 12 000 adhérents ont pu être consultés.",
         {"name", "email", "phone"}, set()),
        # ... but a guess still is
        ("The dump may include passwords and phone numbers, analysts say.", set(), {"password", "phone"}),
        # one field right after the count
        ("30 000 clients, email. Prix 100 €", {"email"}, set()),
        ("450k users: phone. $300", {"phone"}, set()),
        # terms people write
        ("Dump of 40k users: username, email, last login IP. Free.", {"ip_address", "email", "username"}, set()),
        ("Candidates table with their current employer and expected salary.", {"employment", "income"}, set()),
        ("Fichier de 20 000 clients avec dates d'anniversaire, cartes Vitale et RIB des parents.",
         {"date_of_birth", "national_id", "financial"}, set()),
        ("Fuite : fiches du personnel, copies de passeports.", {"employment", "id_document"}, set()),
        ("Données volées : dossiers patients, RH, paie.", {"health", "employment"}, set()),
        # false categories
        ("Vente de 12 Go : contrats clients, factures, contrats. Prix 500 €", set(), {"insurance"}),
        ("Base fidélité 80 000 clients : nom, email, solde de points.", {"name", "email"}, {"financial"}),
        ("Base de 5 000 clients, nom, email. Posté par ghost_fr le 3 mars.", {"name", "email"}, {"employment"}),
        # a list holds one short item we do not know
        ("Pinecrest student portal: emails, student IDs, GPA, phone. 9,000 rows.", {"email", "phone"}, set()),
        ("Shop dump: names, shoe size, phone. 9,000 rows.", {"name", "phone"}, set()),
        # must stay as they are
        ("Medical Diagnostic Laboratories confirmed the incident.", set(), {"health"}),
        ("No credit card details or passwords were exposed; names and emails were.", {"name", "email"},
         {"payment_card", "password"}),
        ("The seller has 3,000 clients, a shop in Lyon and a phone.", set(), {"phone"}),
        ("Poste de travail compromis, 20 000 clients.", set(), {"employment"}),
    ],
)
def test_categories(text: str, present: set[str], absent: set[str]) -> None:
    categories = set(analyze(text).data_categories)
    assert present <= categories, categories
    assert not absent & categories, categories
