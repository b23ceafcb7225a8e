"""Probe texts for the date of a claim (invented organisations, handles and venues), in three rounds: the words
before a date that tie it to the event ("occurred on", "dérobé en", "data from", "en vente depuis le"), a post's own
date (a footer, a "Date :" field, a closing date, "the post is dated", a dateline or byline), French verbs of
circulation, publication and detection, forum titles that give the date as a field ("- 11/2023", "| 2024 |");
then near-misses that must keep their reading (births, foundings, report dates beside a breach date, periods the
data covers, earlier breaches, card expiries, prices and versions)."""

from __future__ import annotations

import pytest

from breachlens import analyze

PROBES: list[tuple[str, str | None]] = [
    # round 1
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
    # round 2
    # French: the date a base started to circulate, was listed, detected, dated, published, secured
    ("Un fichier présenté comme issu de la clinique nantaise Orvelis circule depuis le 3 février 2024 sur "
     "un forum anglophone.", "2024-02-03"),
    ("Le collectif de rançongiciel VaskLock a ajouté jeudi 6 mars 2025 à son site la ville de Prélieu.",
     "2025-03-06"),
    ("D'après un chercheur, les données dateraient de octobre 2022.", "2022-10"),
    ("Selon un chercheur, les fichiers dateraient de mars 2023.", "2023-03"),
    ("Un accès illégitime à ses serveurs a été détecté le 2 décembre 2024.", "2024-12-02"),
    ("La vente date du 14 janvier 2025.", "2025-01-14"),
    ("Les faits remontent au 3 juillet 2024.", "2024-07-03"),
    ("L'offre a été publiée le 11 octobre 2024 sur un forum anglophone.", "2024-10-11"),
    ("Une liste de 48 000 adhérents circule gratuitement sur Discord depuis le 30 juin 2024.", "2024-06-30"),
    ("Le serveur exposé a été sécurisé le 12 septembre 2024 après le signalement d'un chercheur.",
     "2024-09-12"),
    # English: when the post went up
    ("The post is dated 4 February 2025.", "2025-02-04"),
    ("The listing, dated 19 October 2024, says the files come from Corvane Retail.", "2024-10-19"),
    ("The actor shared the archive for free on 2 April 2025.", "2025-04-02"),
    ("The thread was made on 17 July 2025.", "2025-07-17"),
    ("The sale was spotted on a Russian-speaking forum on 8 June 2025 by researchers at Halvane.",
     "2025-06-08"),
    ("The advert went live on 30 January 2025.", "2025-01-30"),
    # forum titles: the date as a field of the title
    ("[LEAK] Brightmoor Dental (UK) - 12,300 patients - 04/2024", "2024-04"),
    ("[SELLING] Quellan Shop (quellan.shop) 450K | 2023 | Emails+Phones", "2023"),
    # round 3
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
]

KEPT: list[tuple[str, str | None]] = [
    # round 1
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
    # round 2
    # births, foundings, the period the data covers
    ("Nom : Maël Kerbrat\nNé le 12 mars 1988 à Vannes.", None),
    ("La mutuelle, créée le 3 avril 1995, n'a pas commenté.", None),
    ("Les dossiers couvrent la période entre 2019 et 2023.", None),
    ("The records cover orders placed between 2019 and 2023.", None),
    ("Le fichier, qui circule depuis le 3 mars 2024, couvre les commandes passées entre le 1er janvier 2019 "
     "et le 31 décembre 2023.", "2024-03-03"),
    # "since" dates a leak only after words of circulation or sale
    ("A customer since 3 March 2019, Jo Ramsey says her data is now circulating on Telegram.", None),
    ("Client de la mutuelle depuis le 3 mars 2019, il a reçu un courriel frauduleux.", None),
    # a report date stays behind the breach's own date
    ("Le 4 juin 2025, Korvel Infos a révélé que les données, dérobées en mars 2025, circulent depuis "
     "sur Telegram.", "2025-03"),
    ("The post is dated 21 June 2025; the breach occurred on 2 May 2025.", "2025-05-02"),
    # prices, versions, counts that look like years or months
    ("[SELLING] Quellan Shop 450K rows | $2000 | Emails+Phones", None),
    ("[SELLING] Quellan Shop 450K rows | 2000 | BTC only", None),
    ("Quellan Shop customers for sale, sample below\nJo|Ramsey|12/03/1990|Lyon", None),
    ("Sample of the leaked cards:\n4539 1488 0343 6467 | 11/2027 | 123", None),
    ("Kit v2024 for sale, price 1999 USD.", None),
    ("[LEAK] Brightmoor Dental (UK) - 12,300 patients - 2000 files", None),
    ("[LEAK] Brightmoor Dental (UK) - 2019 - 2023 - 12,300 patients", None),
    # "la date du ..." is a noun, not "l'annonce date du ..."
    ("Le porte-parole a ajouté que la date du 3 mars 2024 était une erreur.", None),
    # an earlier date without a tie to this event
    ("Le site a été lancé le 12 mars 2015.", None),
    ("Né le 4 juin 1979, le dirigeant a été publié le 2 mai 2020 dans la presse.", None),
    # round 3
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
]


@pytest.mark.parametrize(("text", "date"), PROBES)
def test_date_probe(text: str, date: str | None) -> None:
    assert analyze(text).date == date


@pytest.mark.parametrize(("text", "date"), KEPT)
def test_date_near_miss(text: str, date: str | None) -> None:
    assert analyze(text).date == date
