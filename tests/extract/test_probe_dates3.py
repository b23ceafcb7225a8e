"""Probe texts for the date of a claim (invented organisations, handles and venues): the dates a press article
gives in its header (a byline "By Staff Reporter, 9 October 2023", a dateline "March 12, 2024 —", a line "Le 14
juin 2023"), a signature closing a channel post ("Team @Handle – 17/03/2024"), a French active "a publié le",
"Données publiées le ..." on a leak site, a month/year after a label ("Date of dump: 11/2023"), a precise date
of the year a title gives, and a past claim of the same actor; then near-misses that must keep their reading
(births, foundings, periods the data covers, card expiry dates, versions and prices)."""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a byline or a dateline in the header of a press article
        ("Hackers publish files of 800,000 Brenmoor Savings customers\nBy Staff Reporter, 4 November 2023\n\n"
         "Personal details of customers of Brenmoor Savings have been published on a hacking forum, the bank "
         "confirmed on Monday.", "2023-11-04"),
        ("Hackers publish files of Kestrel Mutual members\nBy Anna Field | 22 February 2024\n\n"
         "The insurer said the files were genuine.", "2024-02-22"),
        ("Coldwater College confirms breach after student records dumped\nApril 3, 2024 — Coldwater College "
         "in Maine confirmed Tuesday that data belonging to current and former students of its three campuses "
         "was posted online by a hacker going by \"zeroglass\".",
         "2024-04-03"),
        ("Fuite de données : les clients de Rivamar exposés\nLe 9 mai 2023\n\nLe transporteur Rivamar a confirmé "
         "qu'un pirate avait diffusé les données de ses clients. Le pirate, qui signe « Kobalt », avait déjà "
         "revendiqué en 2021 une attaque contre un club de sport.", "2023-05-09"),
        # a signature closing a channel post
        ("📢 NOUVELLE FUITE 📢\n🇫🇷 Cabinet Dentaire des Pins (Arcachon)\n📁 12 000 patients – nom, téléphone\n"
         "💰 GRATUIT\nTeam @GrisouLeaks – 21/02/2024", "2024-02-21"),
        # French: the actor published it on a date; data published on a leak site
        ("Un pirate identifié sous le pseudonyme « Nord_Vent » a publié le 12 mars 2024 sur un forum une archive "
         "présentée comme issue de la mutuelle Orvane.", "2024-03-12"),
        ("SOCIETE BERLANDE TRANSPORTS\nPays : France\nNous publions 80 Go de contrats.\n"
         "Données publiées le 14/06/2024.\n— Équipe Ombre", "2024-06-14"),
        # a month/year after a label
        ("Selling DB of telco reseller Quollnet\nDate of dump: 09/2023\nTotal: 210k users\nPrice 900 usd",
         "2023-09"),
        # a more precise date of the year the title gives
        ("[VENTE] Base clients Fromageries Vautrin – 2023\nje vends la base des clients fidélité.\n"
         "Extraction faite en octobre 2023.\nPrix : 500 €", "2023-10"),
    ],
)
def test_date(text: str, date: str) -> None:
    assert analyze(text).date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # births, foundings, periods, expiry dates, versions and prices are no date of the breach
        ("Selling DB of Quollnet customers\nDate of birth: 11/1985 included for all rows\nPrice 900 usd", None),
        ("Selling cards of Quollnet customers\nexp: 11/2027, cvv included\nPrice 900 usd", None),
        ("Leak of Harbin Logistics\nFounded in 2011, the firm employs 400 people.", None),
        ("Leak of Harbin Logistics records covering orders between 2019 and 2023.", None),
        ("Harbin Logistics patched version 2023.4 of its portal; the dump costs 2024 USD.", None),
        # a byline without a date, a dateline that is a birth date
        ("Hackers leak Brenmoor files\nBy Staff Reporter\n\nThe bank was hacked in May 2022.", "2022-05"),
        # a title's year stays when no date of that year is more precise
        ("[VENTE] Base clients Fromageries Vautrin – 2023\nje vends la base.\nPrix : 500 €", "2023"),
        # an earlier claim stays an earlier claim
        ("Le pirate « Kobalt » avait déjà revendiqué en 2021 une attaque contre un club de sport.", None),
    ],
)
def test_date_stays(text: str, date: str | None) -> None:
    assert analyze(text).date == date
