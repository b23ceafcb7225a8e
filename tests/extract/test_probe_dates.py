"""Probe texts for the date of a claim (invented organisations and handles): post footers and fields, bare
dates closing a post, dates the words before them tie to the event ("occurred on", "dérobé en", "data from",
"en vente depuis"), against datelines, report dates and earlier breaches; then near-misses that must keep
their reading."""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the post's own date: a footer, a field, a date closing the post
        ("Nouvelle base en vente, 2 Go de clients.\nPosté par gwenn_h4x sur DarkFrance le 22/11/2024", "2024-11-22"),
        ("Base clients complète à vendre.\nPostée par Lynx_Noir le 01/02/2025", "2025-02-01"),
        ("Selling the full Quorvex Ltd customer DB, 40k rows.\nPosted by zer0cool on 14 March 2024", "2024-03-14"),
        ("Victim: Hollin Group\nCountry: FR\nDate : 12.03.2025\nData: 120 GB", "2025-03-12"),
        ("Hollin Group | Leak date: 2023-07-30 | 2 TB", "2023-07-30"),
        ("Hollin Group customers leaked, 50k lines, join before ban. 5 Feb 2024", "2024-02-05"),
        ("We hit Verano Gas. Files soon. #OpSaltmarsh 17.11.2023", "2023-11-17"),
        ("Full Brenholt dump for free, enjoy\n@leakpost_ch #brenholt\n3 March 2025", "2025-03-03"),
        # words that tie the date to the event
        ("Base de Marvelle SA. Exfil le 05/09/2024.", "2024-09-05"),
        ("Base de Marvelle SA. Dump du 12/01/2025.", "2025-01-12"),
        ("Selling Quorvex customers. Data from January 2024.", "2024-01"),
        ("Vends base Quorvex, données de janvier 2024.", "2024-01"),
        ("Quorvex dump from March 2023, 20k users.", "2023-03"),
        ("March 28, 2024 — Security reporter Alex Moreau of CipherWire reports that Tallis Bank has confirmed a "
         "breach that occurred on 3 January 2024.", "2024-01-03"),
        ("Le 4 avril 2025, la mutuelle Orvane a confirmé une intrusion survenue le 18 mars 2025.", "2025-03-18"),
        ("Le 2 mai 2024, Bretalis a reconnu un incident qui s'est produit le 20 avril 2024.", "2024-04-20"),
        ("On 6 June 2023, Pellworth said the attack, which took place on 29 May 2023, hit its payroll.",
         "2023-05-29"),
        ("Selon Kerlouan Infos, qui a révélé l'affaire le 3 juin 2025, un pirate baptisé « Chacal » propose à la "
         "vente depuis le 28 mai 2025 une base de données attribuée à FitNova.", "2025-05-28"),
        ("Le 9 octobre 2024, LeMagIT a pu consulter une annonce publiée sur un forum par l'acteur « Rascasse ». "
         "Celui-ci affirme avoir dérobé en septembre 2024 les données de 2,3 millions d'abonnés de l'opérateur "
         "Ondelia Mobile.", "2024-09"),
        # an earlier breach is not this one; a month without a year takes the year of the date before it
        ("Researchers at Cobaltline said on 9 April 2024 that a threat actor is offering data allegedly stolen in "
         "late February from Meridia Health Partners. Meridia previously suffered a breach in 2021 affecting "
         "300,000 people.", "2024-02"),
        ("On 3 January 2025, Halden Freight said customer files were stolen in December.", "2024-12"),
        ("Brassac Immobilier, déjà victime en 2022, a subi une cyberattaque le 14 février 2025.", "2025-02-14"),
    ],
)
def test_date_probe(text: str, date: str | None) -> None:
    assert analyze(text).date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The company, founded in 2009, did not comment.", None),
        ("The records span May 2022 to March 2023.", None),
        ("On March 15 the hackers posted the data.", None),
        ("In March 2021, news broke of a breach at the retailer.", "2021"),
        # the period the data covers, not the breach
        ("Data from January 2022 to March 2023 is included.", None),
        # a field that is not the post's date
        ("Name: Jo Ramsey\nDate of birth: 12.03.1990", None),
        ("Name: Jo Ramsey\nBirth date: 12.03.1990", None),
        ("Last updated: 12.03.2025", None),
        ("Deadline: 5 Feb 2024", None),
        # "depuis" alone still dates no breach; a bare date inside a sentence does not close the post
        ("Client de la banque depuis 2019, Corentin Vasseur n'a pas été prévenu.", None),
        ("The article was published on 5 Feb 2024", None),
        # "may" is no month; a month with no full date before it stays undated
        ("On 3 June 2024, Farrow Labs said data stolen may include addresses.", "2024-06-03"),
        ("Customer files were stolen in December, Halden Freight said.", None),
        # an earlier breach alone is no date of this one
        ("Meridia previously suffered a breach in 2021 affecting 300,000 people.", None),
        # a report date stays that of the report when the breach has none
        ("The hospital said on 9 April 2024 that it is investigating.", None),
    ],
)
def test_date_near_miss(text: str, date: str | None) -> None:
    assert analyze(text).date == date
