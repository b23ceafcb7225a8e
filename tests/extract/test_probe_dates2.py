"""Probe texts for the date of a claim (invented organisations, handles and venues): French dates that a verb of
circulation, publication, detection or dating ties to the event, English sentences that say when the post went
up, and forum titles that give the date as a field ("- 11/2023", "| 2024 |"); then near-misses that must keep
their reading (births, foundings, report dates beside a breach date, periods the data covers, prices and
versions)."""

from __future__ import annotations

import pytest

from breachlens import analyze


@pytest.mark.parametrize(
    ("text", "date"),
    [
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
    ],
)
def test_date_probe(text: str, date: str | None) -> None:
    assert analyze(text).date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
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
    ],
)
def test_date_near_miss(text: str, date: str | None) -> None:
    assert analyze(text).date == date
