"""Probe posts for the actor: how posters, gangs and the press name who is behind a claim — a signature closing
the post, a chat id after a label, "the X ransomware gang", "We, X, ...", "sous le pseudo « X »" — beside
near-misses that name nobody: a reporter or a credited source, an organisation's mailbox, the last row of a list,
a nationality, the victim speaking. Every organisation, handle and group is invented.
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
]


@pytest.mark.parametrize(("text", "actor", "victim"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_actor(text: str, actor: str | None, victim: object) -> None:
    claim = analyze(text)
    assert claim.actor == actor
    if victim is not ANY:
        assert (claim.victim.name if claim.victim else None) == victim
