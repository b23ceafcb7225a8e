"""Probe posts for the actor: how posters, gangs and the press name who is behind a claim — a signature closing
the post, a chat id after a label, "the X ransomware gang", "We, X, ...", "sous le pseudo « X »" — beside
near-misses that name nobody: a reporter or a credited source, an organisation's mailbox, the last row of a list,
a nationality, the victim speaking. Every organisation, handle and group is invented.
A second round adds how the press and posters introduce them ("going by "X"", "un internaute baptisé « X »",
"par le groupe X", "Posted by: X") and more that name nobody ("by the outlet X", "leaked by me", a date).
"""

from __future__ import annotations

import pytest

from breachlens import analyze

ANY = object()  # the victim is not what the case is about

CASES: list[tuple[str, str, str | None, object]] = [
    # ------------------------------------------------------------------ a signature closes the post
    ("sign-emdash",
     "Selling VPN + RDP access to Harwick Dental Group (US, $40M revenue), domain admin. Start: $8,000, "
     "blitz $15,000. PM me. — initial_ghost",
     "initial_ghost", ANY),
    ("sign-emdash-fr",
     "Vente base clients Pharmacie Lumière, 220k lignes (nom, email, téléphone). Prix : 0,35 BTC. PM moi. "
     "— sh4d0wgaul",
     "sh4d0wgaul", ANY),
    ("sign-dash-venue",
     "Free dump of Orbison Sports forum, 54k users, emails + bcrypt hashes. Enjoy. - d3adl1ne @ LeakZone",
     "d3adl1ne", ANY),
    ("sign-by",
     "Selling Crestline Motors customer DB, 90k rows, emails and phones. Price $900, sample in DM. by l0gsm1th",
     "l0gsm1th", ANY),
    ("sign-team-after",
     "We have encrypted the network of Dunmore Freight Ltd and exfiltrated 300 GB. You have 7 days. If no "
     "payment, all data will be published. — NightPelican team",
     "NightPelican", "Dunmore Freight Ltd"),
    ("sign-the-team",
     "We have encrypted the network of Dunmore Freight Ltd. Pay or we publish.\n— The BlackMistral Team",
     "BlackMistral", "Dunmore Freight Ltd"),
    ("sign-alone",
     "Mairie de Saint-Aubin-des-Landes : 45 Go exfiltrés, publication dans 5 jours si aucun contact.\nLockFrelon",
     "LockFrelon", ANY),
    ("sign-team-line",
     "Verlaine Logistics GmbH - 120 GB of contracts, HR files and invoices. Deadline 10 days.\nTeam BlackMistral",
     "BlackMistral", ANY),
    ("sign-label-fr",
     "Fuite de la base de l'association Les Amis du Rail : 12 000 adhérents, emails et adresses. "
     "Signé : BreizhCrew",
     "BreizhCrew", ANY),
    ("sign-regards",
     "Selling Crestline Motors DB, 90k rows.\nBest regards,\nx0_raven",
     "x0_raven", "Crestline Motors"),
    # ------------------------------------------------------------------ a chat id after a label
    ("contact-tox",
     "Vente accès Citrix à un cabinet comptable français, 200 employés. 1500$. Contact TOX : mangouste_rouge",
     "mangouste_rouge", ANY),
    ("contact-jabber",
     "Base de données de la clinique Saint-Roch, 80 000 patients. Jabber : corsaire33@exploit.im",
     "corsaire33", ANY),
    ("contact-xmpp",
     "Selling access to Polaris Logistics network, $3k. Contact XMPP: zulu_ghost@jabber.example",
     "zulu_ghost", "Polaris Logistics"),
    # ------------------------------------------------------------------ the name before the kind of group
    ("gang-caps",
     "The NIGHTFERN ransomware gang has added Castellano & Ruiz Abogados to its leak site.",
     "NIGHTFERN", "Castellano & Ruiz Abogados"),
    ("gang-camel",
     "On Monday the LockPine ransomware group listed Verano Foods Inc. as a victim, threatening to leak 90 GB.",
     "LockPine", "Verano Foods Inc"),
    ("gang-plain-after-the",
     "Harwick Dental Group was hit by the Nightjar extortion gang, which published 50 GB.",
     "Nightjar", "Harwick Dental Group"),
    # ------------------------------------------------------------------ the authors name themselves
    ("we-name",
     "‼️ We, CyberSpear Legion, have breached the servers of Saltmarsh Port Authority (Kenya).",
     "CyberSpear Legion", "Saltmarsh Port Authority"),
    # ------------------------------------------------------------------ a word that only names handles
    ("press-acteur",
     "Les données de la mutuelle Harmonie Sud seraient en vente, selon une annonce publiée sur un forum "
     "cybercriminel par l'acteur « Rascasse ».",
     "Rascasse", ANY),
    ("press-pseudo",
     "Base clients de Boulangeries Parisiennes, 300k lignes. Dispo sur XSS sous le pseudo « Mouette ».",
     "Mouette", ANY),
    ("press-handle-en",
     "The Orbis Mall database is offered on a forum under the handle gh0stwire, with 300,000 rows.",
     "gh0stwire", ANY),
    # ------------------------------------------------------------------ a group claims, a watcher is credited
    ("claim-credit",
     "⚠️ Le groupe CorbeauLock revendique sur son site vitrine l'attaque du Centre Hospitalier de "
     "Vallon-les-Pins (Ardèche). 120 Go de données seraient concernés. Source : veille @CyberVeilleFR",
     "CorbeauLock", "Centre Hospitalier de Vallon-les-Pins"),
    # ------------------------------------------------------------------ a leak-site page headed by its group
    ("banner-team",
     "Blackmoor Ransom Team\nTarget: Quillon Architecture Ltd (Ireland)\nData: 80 GB, projects, HR, finance\n"
     "Deadline: 5 days",
     "Blackmoor Ransom Team", "Quillon Architecture Ltd"),
    # ------------------------------------------------------------------ a label after a sentence about an account
    ("label-after-account",
     "Selling RDP access to Tarvin Bank with a domain admin account. Author: F0rtiSlayer, XSS, 2 Dec 2023.",
     "F0rtiSlayer", ANY),
    # ------------------------------------------------------------------ near-misses: nobody is the actor
    ("no-company-mailbox",
     "Selling Harwick Bank customer DB, 90k rows. Price $900. Contact: security@harwickbank.com",
     None, ANY),
    ("no-company-jid",
     "Vente base Pharmacie Lumière, 20k lignes. Jabber : support@pharmacie-lumiere.fr",
     None, ANY),
    ("no-dashed-list",
     "Selling Orbis Mall DB, 300k rows. Columns:\n- email\n- MySQL_id\n- PostgreSQL",
     None, ANY),
    ("no-table-list",
     "Dump of Orbis Mall, 300k rows. Tables included in the archive\norders\nuser_payments",
     None, ANY),
    ("no-demonym",
     "The Russian ransomware gang claimed the attack on Verano Foods Inc.",
     None, "Verano Foods Inc"),
    ("no-speaking",
     "The Russian-speaking ransomware gang claimed the attack on Verano Foods Inc.",
     None, "Verano Foods Inc"),
    ("no-sentence-start",
     "Notorious ransomware gang strikes again: Verano Foods Inc. listed.",
     None, ANY),
    ("no-researcher",
     "Researcher @jdoe_sec spotted the listing of Verano Foods Inc. data on a forum.",
     None, ANY),
    ("no-hat-tip",
     "Verano Foods Inc. data, 20k rows, posted on a forum. h/t @watcher_99",
     None, ANY),
    ("no-source-credit-keeps-actor",
     "Selling Crestline Motors DB, 90k rows. Seller: x0_raven. Source: @LeakWatchFR",
     "x0_raven", ANY),
    ("no-victim-speaking",
     "We, Harwick Dental Group, take the security of your data seriously.",
     None, ANY),
    ("no-outlet-plain",
     "Harwick Dental Group confirmed a breach affecting 20,000 patients. — Reuters",
     None, ANY),
    ("no-everyday-word",
     "Selling Harwick Dental Group DB. Enjoy.",
     None, ANY),
    ("no-last-word",
     "Acme Ltd data leaked: 20k customers. Price $500, escrow ok.\nThanks",
     None, ANY),
    ("no-company-group",
     "Le groupe Verlaine annonce des résultats en hausse.",
     None, ANY),
    # ---------------- second round: how the press and posters introduce who is behind a claim
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
