"""Probe posts for the actor, second round: how the press and posters introduce who is behind a claim — "going
by "X"", "a group calling itself 'X'", "the "X" ransomware gang", "un internaute baptisé « X »", "qui signe
« X »", "par le groupe X", "Posted by: X", a signature above the download link — beside near-misses that name
nobody: an outlet that reports ("by the outlet X"), "leaked by me", a date, a company's mailbox. Every
organisation, handle and group is invented.
"""

from __future__ import annotations

import pytest

from breachlens import analyze

ANY = object()  # the victim is not what the case is about

CASES: list[tuple[str, str, str | None, object]] = [
    # ------------------------------------------------------------------ the press introduces the actor
    ("going-by-quoted",
     "On 8 May 2025, a threat actor going by \"Ghostwire\" listed for sale on Exploit what they claim is the "
     "customer database of Zhurnal Shop, an online retailer.",
     "Ghostwire", ANY),
    ("outlet-reports",
     "According to a report by the outlet HackWatch Daily, a threat actor known as \"CipherMoth\" has put up "
     "for sale data from CoinVault Exchange, including 300,000 user records.",
     "CipherMoth", ANY),
    ("quoted-ransomware-gang",
     "Last week the \"Shadowreap\" ransomware gang added Helvetia Precision AG to its leak site.",
     "Shadowreap", ANY),
    ("quoted-ransomware-group",
     "On Monday the \"Nightjar\" ransomware group listed Estrella del Sur University on its leak site.",
     "Nightjar", ANY),
    ("group-calling-itself",
     "A group calling itself 'ShadowPike' posted a sample of the data on Telegram, saying it holds 2 million "
     "records of Marlowe Telecom.",
     "ShadowPike", ANY),
    ("broker-single-quotes",
     "An initial access broker known as 'Vortigern' is offering RDP access with domain admin rights to a "
     "Brazilian hospital network, Rede Saúde Vale Verde, for $12,000.",
     "Vortigern", "Rede Saúde Vale Verde"),
    # ------------------------------------------------------------------ French press
    ("fr-baptise",
     "La mutuelle Santéval affirme qu'aucune donnée n'a fuité. Un internaute baptisé « sp3ctre » a pourtant "
     "publié gratuitement un fichier de 40 000 lignes.",
     "sp3ctre", ANY),
    ("fr-qui-signe",
     "Une base de 12 000 comptes de la plateforme Cuisinea circule sur un forum. L'auteur, qui signe "
     "« Ghostline », affirme avoir exploité une API mal protégée.",
     "Ghostline", ANY),
    ("fr-par-le-groupe",
     "Le transporteur québécois Autocars Boréal a confirmé jeudi qu'une base de données de 58 000 clients "
     "(noms, courriels, téléphones) a été publiée gratuitement sur Telegram par le groupe Dunes Noires.",
     "Dunes Noires", "Autocars Boréal"),
    ("fr-groupe-qui-revendique",
     "Après plusieurs jours de silence, la Banque Sahélienne de Crédit (Dakar) reconnaît qu'une intrusion a "
     "touché ses serveurs. Le groupe BlackOrca, qui revendique l'attaque sur son blog, exige une rançon.",
     "BlackOrca", "Banque Sahélienne de Crédit"),
    # ------------------------------------------------------------------ posters sign
    ("signed-above-link",
     "FREE DB - kitabooks.co.ke - 450k\nKenyan online bookstore leaked by me.\nusers table: id, username, "
     "email.\nEnjoy. - Mwewe\nDownload: [hidden content]",
     "Mwewe", ANY),
    ("posted-by-label",
     "Selling Harbourline Insurance customer DB, 120k rows, emails and policy numbers. Price on request, "
     "DM on forum.\nPosted by: GoldCoastGhost",
     "GoldCoastGhost", ANY),
    ("by-crew-label",
     "Leak of Tidewater Clinics patient files, 30 GB, part 1 of 3.\nby crew: NightMoth",
     "NightMoth", ANY),
    ("closing-then-plain-name",
     "Selling Harwick Bank customer DB, 20k rows, emails and phones. PM me. - Kestrel",
     "Kestrel", ANY),
    ("fr-claimed-by-group",
     "La base clients du site Maison Ferrand a été mise en ligne sur un forum par le groupe Lune Rousse.",
     "Lune Rousse", ANY),
    # ------------------------------------------------------------------ near-misses: nobody is the actor
    ("no-leaked-by-me",
     "Kenyan online bookstore kitabooks.co.ke leaked by me. 450k users.",
     None, ANY),
    ("no-outlet",
     "According to a report by the outlet HackWatch Daily, Marlowe Telecom suffered a breach.",
     None, ANY),
    ("no-date",
     "On 8 May 2025, Marlowe Telecom said it had suffered a breach affecting 20,000 customers.",
     None, ANY),
    ("no-posted-by-mailbox",
     "Marlowe Telecom notice to customers. Posted by: support@marlowe-telecom.com",
     None, ANY),
    ("no-reported-by-researcher",
     "The listing was spotted by researcher Ana Lindqvist, who said 20,000 Marlowe Telecom records were offered.",
     None, ANY),
    ("no-company-baptise",
     "Le nouveau service baptisé « Cuisinea Plus » sera lancé en juin.",
     None, ANY),
    ("no-date-clause",
     "In March 2025, a hacker leaked 20,000 records of Marlowe Telecom on a forum.",
     None, "Marlowe Telecom"),
    ("no-company-statement",
     "Dans un communiqué publié mardi par le groupe Verlaine, la direction confirme une fuite de données.",
     None, ANY),
    ("no-news-dash",
     "Marlowe Telecom confirmed a breach affecting 20,000 customers. — Reuters",
     None, "Marlowe Telecom"),
    ("no-list-above-link",
     "Selling Marlowe Telecom DB, 20k rows. Columns:\n- email\n- phone\nDownload: [hidden content]",
     None, ANY),
    ("no-author-signs-quote",
     "Le journaliste qui signe « Chronique du lundi » revient sur la fuite de Cuisinea.",
     None, ANY),
]


@pytest.mark.parametrize(("text", "actor", "victim"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_actor(text: str, actor: str | None, victim: object) -> None:
    claim = analyze(text)
    assert claim.actor == actor
    if victim is not ANY:
        assert (claim.victim.name if claim.victim else None) == victim
