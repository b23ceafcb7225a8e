"""Probe posts: short breach-claim texts written for these tests (invented organisations, people and handles) in
the styles the extractor meets — forum and Telegram posts with their slang, leak-site entries, threat-intel news
and breach-catalogue descriptions — each with the fields a reader would take from it. They hold competing
numbers (samples, sizes, staff, revenue, timers, conversions), distractor organisations (reporters,
researchers, parent companies, earlier victims), handles known only from context and report dates beside
breach dates.
"""

from __future__ import annotations

from typing import Any

import pytest

from breachlens import analyze
from breachlens.extract.text import fold

CASES: list[tuple[str, str, dict[str, Any]]] = [
    # ------------------------------------------------------------------------------ forum posts, English
    ("en-forum-fullz",
     "Selling Brightwell Pharmacy db - 1.2M lines, fullz (name, DOB, SSN, address). Sample of 500 lines on "
     "request. Price: $3,500 OBO, escrow accepted. Seller: kr0nos_x",
     {"victim": "Brightwell Pharmacy", "records": 1_200_000, "price": (3500, "USD"), "negotiable": True,
      "actor": "kr0nos_x", "claim_type": "sale"}),
    ("en-forum-pipes",
     "[SELLING] Kestrel Logistics customer database | 340k rows | 18 GB SQL | emails, phone numbers, "
     "addresses | 0.15 BTC | posted by user 'v0idwalker'",
     {"victim": "Kestrel Logistics", "records": 340_000, "price": (0.15, "BTC"), "actor": "v0idwalker",
      "claim_type": "sale"}),
    ("en-forum-combolist",
     "Fresh combolist, 2.3M lines email:pass, mixed EU, from stealer logs. Only $80, no refunds.",
     {"victim": None, "records": 2_300_000, "price": (80, "USD"), "claim_type": "sale"}),
    ("en-forum-leads",
     "WTS: 650k US auto insurance leads (name, phone, DOB, address, vehicle). $1,200 for the whole batch, "
     "crypto only. DM seller n1ghtcrawler",
     {"records": 650_000, "price": (1200, "USD"), "actor": "n1ghtcrawler", "claim_type": "sale", "country": "US"}),
    ("en-forum-conversion",
     "Selling the full Marlowe Savings Bank dump: 410,000 customers, IBAN, balances, ID scans. Price 1 BTC "
     "(~$62,000). Escrow accepted, no time wasters. Contact @pennywise_cc",
     {"victim": "Marlowe Savings Bank", "records": 410_000, "price": (1, "BTC"), "actor": "pennywise_cc",
      "claim_type": "sale"}),
    ("en-forum-sample-first",
     "Here is a free sample of 2,000 records from the Corvane Airlines passenger database. The full set has "
     "7.8 million passengers (passport numbers, names, flight history). Asking $25k, negotiable.",
     {"victim": "Corvane Airlines", "records": 7_800_000, "price": (25_000, "USD"), "negotiable": True,
      "claim_type": "sale"}),
    ("en-forum-gb-first",
     "Dumped 87GB from Halcyon Realty's CRM: 1,150,000 leads with names, emails and phone numbers. Free "
     "download for registered members.",
     {"victim": "Halcyon Realty", "records": 1_150_000, "claim_type": "leak"}),
    ("en-forum-handle-by",
     "New leak by @d3adpix3l: Sunfield Credit Union members database, 96,000 entries, full names, SSN, "
     "account numbers. Download link in thread.",
     {"victim": "Sunfield Credit Union", "records": 96_000, "actor": "d3adpix3l", "claim_type": "leak"}),
    ("en-forum-user-posted",
     "On BreachForums, user 'hollowfang' posted a database allegedly taken from Pinecrest Medical Center, "
     "containing 215,000 patient records with diagnoses and insurance details.",
     {"victim": "Pinecrest Medical Center", "records": 215_000, "actor": "hollowfang", "venue": "BreachForums",
      "claim_type": "leak"}),
    ("en-forum-auction",
     "AUCTION: Greywater Energy internal database, 3.1M customer accounts. Start: $4,000, step: $500, "
     "blitz: $9,000. Escrow accepted. Vendor: ironlotus",
     {"victim": "Greywater Energy", "records": 3_100_000, "price": (4000, "USD"), "starting": True,
      "actor": "ironlotus", "claim_type": "sale"}),
    ("en-forum-employees",
     "Selling 45,000 customer records from Ardent Freight, a logistics company with 3,200 employees and $410 "
     "million in annual revenue. Price $1,500.",
     {"victim": "Ardent Freight", "records": 45_000, "price": (1500, "USD"), "claim_type": "sale"}),
    ("en-access-revenue",
     "Threat actor 'ZeroCool88' is auctioning initial access to the network of Montclair Builders (revenue "
     "$1.2B, 900 employees): domain admin, VPN access. Starting at $8,000.",
     {"victim": "Montclair Builders", "price": (8000, "USD"), "starting": True, "actor": "ZeroCool88",
      "claim_type": "access"}),
    ("en-access-rdp",
     "Selling RDP access to a US dental chain with 40 clinics, $20M revenue. Price $1,000, negotiable.",
     {"records": None, "price": (1000, "USD"), "negotiable": True, "claim_type": "access", "country": "US"}),
    # ------------------------------------------------------------------------------ Telegram
    ("en-telegram-leak",
     "FRESH LEAK - Ostara Telecom (ostaratel.de) - 3.4M subscribers, full dump free download. Join our "
     "channel for more. Posted by @shadowbyte",
     {"victim": "Ostara Telecom", "records": 3_400_000, "actor": "shadowbyte", "claim_type": "leak",
      "country": "DE"}),
    ("en-telegram-price",
     "New db in the shop: Velora Cosmetics customers, 780k lines (name, email, phone, address). 300 USDT, "
     "first come first served.",
     {"victim": "Velora Cosmetics", "records": 780_000, "price": (300, "USDT"), "claim_type": "sale"}),
    # ------------------------------------------------------------------------------ ransomware leak sites
    ("en-ransom-lockbit",
     "LockBit added Veridian Water Authority to its leak site on 2024-06-03, claiming 1.1 TB of data. The "
     "countdown timer shows 6 days.",
     {"victim": "Veridian Water Authority", "actor": "LockBit", "claim_type": "ransomware",
      "date": "2024-06-03", "records": None}),
    ("en-ransom-medusa",
     "Medusa listed Oakridge School District on its blog with a ransom of $400,000. The gang charges "
     "$10,000 for each day the timer is extended.",
     {"victim": "Oakridge School District", "actor": "Medusa", "claim_type": "ransomware",
      "price": (400_000, "USD")}),
    ("en-ransom-unknown-group",
     "The ransomware group calling itself Nightglass claims to have encrypted the systems of Tamsin "
     "Engineering Ltd and stolen 600 GB of files, including 12,400 employee records.",
     {"victim": "Tamsin Engineering Ltd", "actor": "Nightglass", "claim_type": "ransomware",
      "records": 12_400}),
    ("en-ransom-entry",
     "Akira | Holloway & Finch LLP | Published: 2025-02-11 | Data: 210 GB | Description: law firm based in "
     "Chicago, 180 employees, revenue $45M.",
     {"victim": "Holloway & Finch LLP", "actor": "Akira", "claim_type": "ransomware", "country": "US",
      "records": None}),
    # ------------------------------------------------------------------------------ threat-intel news, English
    ("en-news-report-date",
     "Cybersecurity firm NorthShield Labs reported on 12 March 2025 that a threat actor had leaked data stolen "
     "from Halvorsen Dental Group in January 2025. The leak contains 86,000 patient records.",
     {"victim": "Halvorsen Dental Group", "records": 86_000, "date": "2025-01", "claim_type": "leak"}),
    ("en-news-earlier-victim",
     "The same actor who breached Pellworth Insurance last year is now selling 900,000 records from Quillon "
     "Bank, according to Hackmonitor. The seller asks 1.5 BTC.",
     {"victim": "Quillon Bank", "records": 900_000, "price": (1.5, "BTC"), "claim_type": "sale"}),
    ("en-news-parent",
     "Data of 120,000 customers of Brisa Mobile, a subsidiary of Tellavia Group, was posted on BreachForums on "
     "4 February 2024 by a user calling himself 'mute_swan'.",
     {"victim": "Brisa Mobile", "records": 120_000, "venue": "BreachForums", "date": "2024-02-04",
      "actor": "mute_swan", "claim_type": "leak"}),
    ("en-news-researcher",
     "Security researcher Dariusz Kowal discovered an unprotected database belonging to Lumen Cart containing "
     "1,300,000 records. Kowal said the database weighed 12 GB.",
     {"victim": "Lumen Cart", "records": 1_300_000, "claim_type": "leak"}),
    ("en-news-hacker-told",
     "A hacker going by the name Glasswing told The Daily Byte that he breached Orsino Motors and exfiltrated "
     "14 GB of dealer data, including 260,000 customer records. Orsino Motors, which employs 5,000 people, "
     "confirmed the incident.",
     {"victim": "Orsino Motors", "actor": "Glasswing", "records": 260_000}),
    ("en-news-group-claims",
     "Hacktivist group Crimson Tide Collective claims it breached Westbury Borough Council and leaked 48,000 "
     "resident records on its Telegram channel.",
     {"victim": "Westbury Borough Council", "actor": "Crimson Tide Collective", "records": 48_000,
      "claim_type": "leak"}),
    ("en-news-long-name",
     "Hackers are selling data from the University of Northern Calloway, including 64,000 student records with "
     "Social Security numbers. The listing, first spotted by Falcon Intel on 2 May 2024, asks $6,000.",
     {"victim": "University of Northern Calloway", "records": 64_000, "price": (6000, "USD"),
      "claim_type": "sale"}),
    ("en-news-discovered",
     "The breach at Ridgeline Outdoor Supply occurred in November 2023 but was only disclosed on 20 January "
     "2024. About 330,000 shoppers had their payment card data stolen.",
     {"victim": "Ridgeline Outdoor Supply", "records": 330_000, "date": "2023-11"}),
    ("en-news-journalist",
     "According to journalist Priya Raman of CyberWire Weekly, a seller named Quasar_77 is offering 2 million "
     "records from Avalon Rail for $12,000.",
     {"victim": "Avalon Rail", "records": 2_000_000, "actor": "Quasar_77", "price": (12_000, "USD"),
      "claim_type": "sale"}),
    ("en-news-affected",
     "Greenhollow Hospital confirmed that a cyberattack on 14 August 2024 affected 72,500 patients. Analysts at "
     "Redline Threat Research said the data later appeared on a leak site.",
     {"victim": "Greenhollow Hospital", "records": 72_500, "date": "2024-08-14"}),
    # ------------------------------------------------------------------------------ breach catalogue
    ("en-catalogue-1",
     "In April 2022, the Brazilian e-commerce site LojaVerde suffered a data breach that exposed 4.1M customer "
     "records. The data included email addresses, names, CPF numbers and purchase histories. The breach was "
     "reported to the catalogue in June 2023.",
     {"victim": "LojaVerde", "country": "BR", "records": 4_100_000, "date": "2022-04"}),
    ("en-catalogue-2",
     "During 2017, the anime community forum OtakuHaven was breached and 1.8M accounts were taken. The data "
     "surfaced in 2020 on a popular hacking forum and contained usernames, email addresses, IP addresses and "
     "bcrypt password hashes.",
     {"victim": "OtakuHaven", "records": 1_800_000, "date": "2017"}),
    ("en-catalogue-3",
     "In late 2020, a misconfigured Elasticsearch instance operated by the Dutch marketing firm Van Dijk "
     "Leadgen Solutions exposed over 2 million records containing names, phone numbers and addresses.",
     {"victim": "Van Dijk Leadgen Solutions", "country": "NL", "records": 2_000_000, "date": "2020"}),
    ("en-catalogue-4",
     "In January 2019, the Australian recruitment agency Talentbridge Recruitment Group was breached. A total "
     "of 97,000 candidate records including resumes, passport numbers and dates of birth were later published "
     "online.",
     {"victim": "Talentbridge Recruitment Group", "country": "AU", "records": 97_000, "date": "2019-01"}),
    ("en-catalogue-5",
     "In mid-2015, the Canadian dating service MapleMatch lost 310,000 member profiles to an attacker. The "
     "incident was only disclosed in 2016.",
     {"victim": "MapleMatch", "country": "CA", "records": 310_000, "date": "2015"}),
    ("en-catalogue-6",
     "The gaming marketplace Lootbay Arena had 520k user records scraped and posted to a forum in March 2024. "
     "The data included usernames, emails, Steam IDs and IP addresses.",
     {"victim": "Lootbay Arena", "records": 520_000, "date": "2024-03"}),
    ("en-catalogue-7",
     "In September 2021, hackers breached the Kenyan microfinance lender PesaNova and stole 2.4 million "
     "borrower records. News of the breach broke in February 2022 when the data was sold on a forum.",
     {"victim": "PesaNova", "country": "KE", "records": 2_400_000, "date": "2021-09"}),
    ("en-catalogue-8",
     "In 2018, the online learning platform Studyfox was compromised, exposing 6.3M unique email addresses. "
     "The company has 250 employees and was acquired by Brightpath Education in 2021.",
     {"victim": "Studyfox", "records": 6_300_000, "date": "2018"}),
    # ------------------------------------------------------------------------------ French
    ("fr-forum-vente",
     "Vends base de données de la Mutuelle Armorique : 2,4 millions de lignes (nom, prénom, date de naissance, "
     "IBAN). Échantillon de 1 000 lignes en guise de preuve. 4000€, prix à débattre. Vendeur : l3_corbeau",
     {"victim": "Mutuelle Armorique", "records": 2_400_000, "price": (4000, "EUR"), "negotiable": True,
      "actor": "l3_corbeau", "claim_type": "sale"}),
    ("fr-forum-vente-bracket",
     "[VENTE] Base Cabinet Rouvière Assurances - 780k lignes - nom, prénom, mail, tel, adresse, RIB. 1200€ à "
     "débattre. Escrow accepté. Contact : @rouge_gorge",
     {"victim": "Cabinet Rouvière Assurances", "records": 780_000, "price": (1200, "EUR"), "negotiable": True,
      "actor": "rouge_gorge", "claim_type": "sale"}),
    ("fr-news-selon",
     "Selon le site spécialisé ZeroWatch, la Clinique des Tilleuls a été victime d'une cyberattaque le 3 "
     "novembre 2024. Les pirates affirment détenir les dossiers de 30 000 patients. L'information a été "
     "rapportée le 8 novembre 2024.",
     {"victim": "Clinique des Tilleuls", "records": 30_000, "date": "2024-11-03"}),
    ("fr-news-utilisateur",
     "Un utilisateur nommé « kraken_fr » a mis en vente sur BreachForums les données de 1,2 million de clients "
     "de l'enseigne Maison Verlaine. Il réclame 3 000 dollars.",
     {"victim": "Maison Verlaine", "records": 1_200_000, "actor": "kraken_fr", "venue": "BreachForums",
      "price": (3000, "USD"), "claim_type": "sale"}),
    ("fr-news-filiale",
     "Les données de 450 000 abonnés de Télécâble Sud, filiale du groupe Orvanne, ont été publiées "
     "gratuitement le 5 février 2025 par un pirate se faisant appeler Nebulo.",
     {"victim": "Télécâble Sud", "records": 450_000, "actor": "Nebulo", "date": "2025-02-05",
      "claim_type": "leak"}),
    ("fr-news-chercheur",
     "D'après le chercheur en cybersécurité Loïc Marchand, le fichier de 8 millions de lignes provient de la "
     "Caisse de Retraite des Artisans. Le pirate demande 10 000 euros.",
     {"victim": "Caisse de Retraite des Artisans", "records": 8_000_000, "price": (10_000, "EUR"),
      "claim_type": "sale"}),
    ("fr-news-ransomware",
     "Le groupe de rançongiciel Qilin a revendiqué l'attaque contre la mairie de Saint-Aubin-sur-Loire et "
     "menace de publier 120 Go de données d'ici 7 jours.",
     {"actor": "Qilin", "claim_type": "ransomware", "records": None}),
    ("fr-news-date",
     "Le 14 mars 2025, le site ZATAZ a révélé qu'une base de 600 000 élèves du Lycée Jean-Moulin de Lyon, "
     "piratée en décembre 2024, circulait sur Telegram.",
     {"records": 600_000, "date": "2024-12", "claim_type": "leak"}),
    ("fr-forum-telegram",
     "🔥 Nouvelle base dispo 🔥 Assurances Pelletier : 95k fiches clients (nom, prénom, tel, mail, IBAN). "
     "Prix : 600$ négociable. MP pour échantillon.",
     {"victim": "Assurances Pelletier", "records": 95_000, "price": (600, "USD"), "negotiable": True,
      "claim_type": "sale"}),
    ("fr-catalogue",
     "En juin 2023, la plateforme de covoiturage RouleMalin a subi une fuite de données touchant 1,6 million "
     "d'utilisateurs. Les données comprenaient noms, adresses e-mail et numéros de téléphone.",
     {"victim": "RouleMalin", "records": 1_600_000, "date": "2023-06"}),
    # ------------------------------------------------------------------------------ Spanish
    ("es-forum-venta",
     "Se vende base de datos de Clínica San Ertal (Chile): 250.000 registros de pacientes con RUT, nombre, "
     "teléfono y diagnóstico. Precio: 1.500 USD, negociable. Vendedor: el_topo99",
     {"victim": "Clínica San Ertal", "country": "CL", "records": 250_000, "price": (1500, "USD"),
      "negotiable": True, "actor": "el_topo99", "claim_type": "sale"}),
    ("es-news",
     "El usuario 'CuervoNegro' publicó en un foro los datos de 3,5 millones de clientes de Banco Austral "
     "Andino, según la firma de ciberseguridad VigíaLabs.",
     {"victim": "Banco Austral Andino", "records": 3_500_000, "actor": "CuervoNegro", "claim_type": "leak"}),
    # ------------------------------------------------------------------------------ German
    ("de-forum",
     "Ein Hacker mit dem Namen 'DunkelFuchs' bietet eine Datenbank der Stadtwerke Lindental zum Verkauf an: "
     "480.000 Kunden, Preis 2.000 Euro.",
     {"victim": "Stadtwerke Lindental", "records": 480_000, "price": (2000, "EUR"), "actor": "DunkelFuchs",
      "claim_type": "sale"}),
    ("de-news",
     "Laut Heise hat die Gruppe Schattenwolf rund 2 Millionen Datensätze der Versicherung Albrecht Mutual "
     "veröffentlicht. Der Angriff ereignete sich im Oktober 2024.",
     {"victim": "Albrecht Mutual", "records": 2_000_000, "actor": "Schattenwolf", "date": "2024-10",
      "claim_type": "leak"}),
    # ------------------------------------------------------------------------------ Russian
    ("ru-forum",
     "Продаю базу клиентов магазина TechnoDom Plus, 1 200 000 строк: ФИО, телефон, адрес. Цена 500$, торг.",
     {"victim": "TechnoDom Plus", "records": 1_200_000, "price": (500, "USD"), "negotiable": True,
      "claim_type": "sale"}),
    ("ru-forum-2",
     "Слив базы Volga Finance: 340 000 записей (ФИО, паспорт, телефон). Бесплатно.",
     {"victim": "Volga Finance", "records": 340_000, "claim_type": "leak"}),
    # ------------------------------------------------------------------------------ second and third rounds
    ('b2-en-forum-1',
     "Hi all. Today I'm selling the database of Crestline Property Management. 512,300 tenant records, SSN "
     '+ DOB + bank routing. Dump is 4.2GB compressed. $2,200 or best offer, escrow ok. Reply here or ping '
     'me, seller gr4y_m4tter',
     {'victim': 'Crestline Property Management', 'records': 512_300, 'price': (2_200, 'USD'), 'negotiable': True,
      'actor': 'gr4y_m4tter', 'claim_type': 'sale'}),
    ('b2-en-forum-2',
     'Leaking for free the Tidewater Yacht Club member list, around 8,400 members with emails and phone '
     'numbers. Enjoy! Credits to my team.',
     {'victim': 'Tidewater Yacht Club', 'records': 8_400, 'claim_type': 'leak', 'price': None}),
    ('b2-en-forum-3',
     'Access to the internal network of Bellamy Steel Works (Ohio, 2,000 employees, $600M revenue). Domain '
     'admin + VPN. Price: 3 BTC. Only serious buyers, escrow via forum.',
     {'victim': 'Bellamy Steel Works', 'country': 'US', 'price': (3, 'BTC'), 'claim_type': 'access', 'records': None}),
    ('b2-en-telegram',
     '💀 Zentro Bank Kazakhstan — 2.1M clients leaked 💀 ФИО, phone, IIN, card numbers. Free for our '
     'subscribers. Follow @leakzone_kz for more.',
     {'victim': 'Zentro Bank Kazakhstan', 'records': 2_100_000, 'claim_type': 'leak', 'actor': 'leakzone_kz'}),
    ('b2-en-news-1',
     'Threat intelligence company GreyHound Intel said on Monday that a threat actor using the alias '
     "'saltmarsh' is selling 3.6 million customer records stolen from Pemberton Foods in a November 2024 "
     'breach. The asking price is $15,000.',
     {'victim': 'Pemberton Foods', 'records': 3_600_000, 'actor': 'saltmarsh', 'price': (15_000, 'USD'),
      'date': '2024-11', 'claim_type': 'sale'}),
    ('b2-en-news-2',
     'Kingsford Regional Hospital has notified 91,000 patients that their data was stolen during a '
     'ransomware attack in July 2024. The BlackSuit gang later listed the hospital on its leak site.',
     {'victim': 'Kingsford Regional Hospital', 'records': 91_000, 'actor': 'BlackSuit', 'date': '2024-07',
      'claim_type': 'ransomware'}),
    ('b2-en-news-3',
     'Researchers at Cobalt Ridge Security found a database belonging to the travel agency Wanderly Tours '
     'exposed online. It contained 740,000 booking records, including passport numbers. Cobalt Ridge '
     'Security reported the leak on 3 June 2024.',
     {'victim': 'Wanderly Tours', 'records': 740_000, 'claim_type': 'leak'}),
    ('b2-en-news-4',
     'The hacker, who previously attacked Northgate Pharmacy, now claims to have stolen 1.4 million '
     'records from Fairhaven Insurance Group and is demanding $250,000.',
     {'victim': 'Fairhaven Insurance Group', 'records': 1_400_000}),
    ('b2-en-catalogue-1',
     'In October 2020, the Indonesian online marketplace TokoBaru suffered a data breach that exposed 13M '
     'accounts. The breach included names, email addresses, phone numbers and bcrypt hashes. The data was '
     'later sold in 2021 and eventually leaked for free.',
     {'victim': 'TokoBaru', 'country': 'ID', 'records': 13_000_000, 'date': '2020-10'}),
    ('b2-en-catalogue-2',
     'In 2016, the fan fiction site InkNest was breached. The incident exposed 540k unique email '
     'addresses, usernames and salted MD5 password hashes. The data was provided to the catalogue by a '
     'source who requested anonymity.',
     {'victim': 'InkNest', 'records': 540_000, 'date': '2016'}),
    ('b2-en-catalogue-3',
     'In February 2023, data from the US medical billing provider Harmon Claims Services appeared on a '
     'hacking forum. The 1.9M records included names, dates of birth, insurance information and Social '
     'Security numbers.',
     {'victim': 'Harmon Claims Services', 'country': 'US', 'records': 1_900_000, 'date': '2023-02'}),
    ('b2-fr-forum',
     "Salut, je vends la base de l'Université de Saint-Clair : 62 000 étudiants (nom, prénom, INE, mail, "
     'téléphone). 800€ négociable, paiement en XMR. Contact en MP, pseudo : m4rt1n3t',
     {'victim': 'Université de Saint-Clair', 'records': 62_000, 'price': (800, 'EUR'), 'negotiable': True,
      'actor': 'm4rt1n3t', 'claim_type': 'sale'}),
    ('b2-fr-news-1',
     'Le groupe de pirates Nuit Blanche affirme avoir dérobé les données de 210 000 clients du fournisseur '
     "d'énergie Électricité du Ponant. Selon le chercheur Julien Marec, l'échantillon publié le 2 avril "
     '2025 semble authentique.',
     {'victim': 'Électricité du Ponant', 'records': 210_000, 'actor': 'Nuit Blanche'}),
    ('b2-fr-news-2',
     "La commune de Villeneuve-les-Prés a été victime d'une attaque par rançongiciel en janvier 2025. Le "
     'groupe RansomHub a mis en ligne 45 Go de documents internes.',
     {'actor': 'RansomHub', 'claim_type': 'ransomware', 'date': '2025-01', 'records': None}),
    ('b2-fr-forum-2',
     'Fuite de la base Optique Marcel : 130k clients avec nom, prénom, adresse, date de naissance et '
     'mutuelle. Gratuit, lien en dessous. Posté par xX_Ph4nt0m_Xx',
     {'victim': 'Optique Marcel', 'records': 130_000, 'claim_type': 'leak', 'actor': 'xX_Ph4nt0m_Xx'}),
    ('b2-es-forum',
     'Vendo base de datos de Seguros La Cumbre, 900.000 registros con DNI, nombre, dirección y teléfono. '
     '2.500 USD a convenir. Usuario: cond0r_negro',
     {'victim': 'Seguros La Cumbre', 'records': 900_000, 'price': (2_500, 'USD'), 'negotiable': True,
      'actor': 'cond0r_negro', 'claim_type': 'sale'}),
    ('b2-es-news',
     "Un actor de amenazas conocido como 'Tlaloc' publicó en un foro clandestino los datos de 600.000 "
     'pacientes del Hospital Central de Mérida, según informó el medio Ciberdiario el 10 de marzo de 2025.',
     {'victim': 'Hospital Central de Mérida', 'records': 600_000, 'actor': 'Tlaloc', 'claim_type': 'leak'}),
    ('b2-de-news',
     'Die Hackergruppe Eisbrecher hat nach eigenen Angaben 4,5 Millionen Kundendaten des Versandhändlers '
     'Hanseatic Mode erbeutet und verlangt 50.000 Euro.',
     {'victim': 'Hanseatic Mode', 'records': 4_500_000, 'actor': 'Eisbrecher', 'price': (50_000, 'EUR')}),
    ('b2-ru-forum',
     'Продам базу интернет-магазина ShopMix: 780 000 строк, ФИО, email, телефон, адрес. Цена 1000$, торг '
     'уместен. Гарант приветствуется.',
     {'victim': 'ShopMix', 'records': 780_000, 'price': (1_000, 'USD'), 'negotiable': True, 'claim_type': 'sale'}),
    ('b2-en-forum-4',
     '[LEAK] Astoria Dental Partners - 44k patients - full dump, 2.3 GB. Sample: 100 lines. Posted by user '
     'c0ld_br3w. Download: gofile link.',
     {'victim': 'Astoria Dental Partners', 'records': 44_000, 'actor': 'c0ld_br3w', 'claim_type': 'leak'}),
    ('b2-en-forum-5',
     'Selling 2 DBs: Maple Grove Credit Union (88k members, $900) and Riverbend Cinemas (300k users, '
     '$400). Bundle $1,100.',
     {'claim_type': 'sale'}),
    ('b3-cat-1',
     'In May 2019, the Vietnamese social gaming network Zingtop was breached and 4.6M records were '
     'subsequently traded online. The records contained email addresses, usernames, dates of birth and MD5 '
     'hashed passwords. Zingtop did not respond when contacted in 2020.',
     {'victim': 'Zingtop', 'country': 'VN', 'records': 4_600_000, 'date': '2019-05'}),
    ('b3-cat-2',
     'Hobbycraftly, a UK-based arts and crafts retailer, suffered a data breach in December 2022 that '
     'exposed the personal data of 212k customers including names, addresses and order histories.',
     {'victim': 'Hobbycraftly', 'country': 'GB', 'records': 212_000, 'date': '2022-12'}),
    ('b3-cat-3',
     'In 2021, a database of over 900 thousand users of the Polish job portal PracaTeraz was posted to a '
     'hacking forum. The data included names, email addresses, phone numbers and CVs. The site has since '
     'been rebranded.',
     {'victim': 'PracaTeraz', 'country': 'PL', 'records': 900_000, 'date': '2021'}),
    ('b3-cat-4',
     'During the first half of 2018, the cryptocurrency exchange CoinVelo suffered a breach of its '
     'marketing platform, exposing 27,000 email addresses. CoinVelo disclosed the breach in 2019.',
     {'victim': 'CoinVelo', 'records': 27_000, 'date': '2018'}),
    ('b3-cat-5',
     'In March 2024, the Mexican pharmacy chain Farmacias Solano suffered a ransomware attack which led to '
     'the publication of 1.1M customer records. The data included names, phone numbers, addresses and '
     'prescription details.',
     {'victim': 'Farmacias Solano', 'country': 'MX', 'records': 1_100_000, 'date': '2024-03'}),
    ('b3-cat-6',
     'The Lumora smart-home app exposed 3.8M device records after a misconfigured database was left '
     'publicly accessible in August 2023. Exposed data included email addresses, IP addresses and '
     'geolocation.',
     {'victim': 'Lumora', 'records': 3_800_000, 'date': '2023-08'}),
    ('b3-news-1',
     'Hackers have put up for sale a database allegedly stolen from Drayton & Pike Solicitors, a London '
     "law firm with 400 staff. The seller, who goes by 'ledgerghost', says the 60 GB archive holds 38,000 "
     'client files and asks 2 BTC.',
     {'victim': 'Drayton & Pike Solicitors', 'country': 'GB', 'actor': 'ledgerghost', 'price': (2, 'BTC'),
      'claim_type': 'sale'}),
    ('b3-news-2',
     'Westmere Health, the parent company of Lakeside Family Clinic, said on 9 October 2024 that a breach '
     'at the clinic in September 2024 exposed records of 57,000 patients.',
     {'victim': 'Lakeside Family Clinic', 'records': 57_000, 'date': '2024-09'}),
    ('b3-news-3',
     'A well-known data broker on XSS is offering a dump allegedly pulled from Sagebrush Mutual Insurance. '
     "The seller, 'tundra_wolf', posted a sample of 1,500 rows and claims the full set holds 2.2 million "
     'policyholders. Bidding starts at $5,000.',
     {'victim': 'Sagebrush Mutual Insurance', 'records': 2_200_000, 'actor': 'tundra_wolf', 'venue': 'XSS.is',
      'price': (5_000, 'USD'), 'starting': True, 'claim_type': 'sale'}),
    ('b3-news-4',
     'Cybernews researchers discovered an exposed Elasticsearch server containing 12 million records '
     'belonging to Indian lending app QuickRupee. The researchers said the server had been open since at '
     'least January 2024.',
     {'victim': 'QuickRupee', 'country': 'IN', 'records': 12_000_000, 'claim_type': 'leak'}),
    ('b3-news-5',
     'The ransomware gang Hellcat Syndicate says it stole 300 GB from Port Alder Shipping and gave the '
     'company 5 days to pay a $2 million ransom. Port Alder Shipping has 1,200 employees.',
     {'victim': 'Port Alder Shipping', 'actor': 'Hellcat Syndicate', 'price': (2_000_000, 'USD'),
      'claim_type': 'ransomware', 'records': None}),
    ('b3-news-6',
     "On 18 February 2025, an actor dubbed 'Basilisk' leaked 5.2 million rows from Orbis Telecom Nigeria "
     'on BreachForums, weeks after Orbis confirmed a cyber incident.',
     {'victim': 'Orbis Telecom Nigeria', 'records': 5_200_000, 'actor': 'Basilisk', 'venue': 'BreachForums',
      'date': '2025-02-18', 'claim_type': 'leak'}),
    ('b3-forum-1',
     'selling fresh db of kazoo.gg (gaming site) 1.7m users, email/user/pass(bcrypt)/ip. 500$ btc/xmr. no '
     'sample for timewasters. tg: @kz_seller',
     {'records': 1_700_000, 'price': (500, 'USD'), 'actor': 'kz_seller', 'claim_type': 'sale'}),
    ('b3-forum-2',
     'Selling combolist 10M lines, mail:pass, USA/CA/UK mix, hits rate 20%. 150$ for all, 20$ per 1M. '
     'Escrow accepted.',
     {'records': 10_000_000, 'price': (150, 'USD'), 'claim_type': 'sale', 'victim': None}),
    ('b3-fr-1',
     "Un hacker qui se fait appeler « Mistral » revendique le piratage de l'Hôpital privé des Cèdres et "
     'met en vente 250 000 dossiers médicaux pour 15 000 €.',
     {'victim': 'Hôpital privé des Cèdres', 'records': 250_000, 'actor': 'Mistral', 'price': (15_000, 'EUR'),
      'claim_type': 'sale'}),
    ('b3-fr-2',
     "Le 2 mai 2025, le média spécialisé Cyberveille a révélé que les données de 1,8 million d'adhérents "
     'de la Mutuelle Bretonne des Enseignants, dérobées en mars 2025, étaient proposées à la vente.',
     {'victim': 'Mutuelle Bretonne des Enseignants', 'records': 1_800_000, 'date': '2025-03', 'claim_type': 'sale'}),
    ('b3-fr-3',
     'Fuite massive chez Transports Verdier : 48 000 salariés et chauffeurs concernés, noms, adresses, '
     'numéros de sécurité sociale. Le fichier circule gratuitement sur Telegram depuis le 4 juin 2025.',
     {'victim': 'Transports Verdier', 'records': 48_000, 'claim_type': 'leak'}),
    ('b3-es-1',
     'El grupo de ransomware Medusa publicó 200 GB de datos de la Universidad Técnica de Valdoria tras el '
     'impago del rescate de 500.000 dólares.',
     {'victim': 'Universidad Técnica de Valdoria', 'actor': 'Medusa', 'claim_type': 'ransomware', 'records': None}),
    ('b3-de-1',
     "Ein Nutzer namens 'Kaltfront' verkauft im Forum Exploit angeblich 900.000 Datensätze der Sparkasse "
     'Obertal für 3.000 Dollar.',
     {'victim': 'Sparkasse Obertal', 'records': 900_000, 'actor': 'Kaltfront', 'price': (3_000, 'USD'),
      'claim_type': 'sale'}),
    ('b3-ru-1',
     'Пользователь под ником dark_sova выставил на продажу базу банка Kredo Finance: 2 300 000 записей, '
     'ФИО, паспорт, телефон. Цена 3000$.',
     {'victim': 'Kredo Finance', 'records': 2_300_000, 'actor': 'dark_sova', 'price': (3_000, 'USD'),
      'claim_type': 'sale'}),
    # ------------------------------------------------------------------------------ slang, month dates, agents
    ("b4-kk-combolist",
     "selling fresh combolist 12kk lines email:pass, mostly .fr and .be domains, from many sources (not one "
     "company), valid rate ~20%. 150$ for all.",
     {"victim": None, "records": 12_000_000, "price": (150, "USD"), "claim_type": "sale"}),
    ("b4-fr-extraction-month",
     "[VENTE] Base complète de la Mutuelle Générale des Artisans (MGA), 3,4 millions d'adhérents : civilité, "
     "nom, prénom, date de naissance, numéro de sécurité sociale, IBAN. Extraction de mars 2025. Prix : 4 000 € "
     "ferme, paiement en XMR uniquement.",
     {"victim": "Mutuelle Générale des Artisans", "records": 3_400_000, "price": (4_000, "EUR"),
      "negotiable": False, "date": "2025-03", "claim_type": "sale"}),
    ("b4-es-dump-month-offer",
     "Vendo base de datos de clientes de Seguros Atlántida (España), 850k registros con DNI, nombre, email y "
     "teléfono. Dump de febrero 2025. 1.200 USD o mejor oferta, solo con escrow del foro.",
     {"victim": "Seguros Atlántida", "records": 850_000, "price": (1_200, "USD"), "negotiable": True,
      "date": "2025-02", "claim_type": "sale"}),
    ("b4-agent-after-by",
     "Leaking for free: StadtWerke Lindenau GmbH (Germany) customer portal. 1.7M Kundendaten: Name, Anschrift, "
     "E-Mail, Geburtsdatum, Bankverbindung. Breached in January 2025 by ShadowKraken. Link in thread.",
     {"victim": "StadtWerke Lindenau GmbH", "records": 1_700_000, "date": "2025-01", "claim_type": "leak"}),
    ("b4-new-victim-countdown",
     "LockByte has added a new victim: Transports Bellevue SAS (transports-bellevue.fr). 410 GB exfiltrated, "
     "HR files, payroll, contracts. Countdown: 6 days before full publication.",
     {"victim": "Transports Bellevue SAS", "records": None, "claim_type": "ransomware"}),
    ("b4-access-many-sale-words",
     "Initial access for sale: US construction firm Harlan & Pike Builders ($450M revenue). RDP + domain admin "
     "on 1,200 hosts. Asking 8k USD, escrow via the forum. Seller: xtrem0",
     {"victim": "Harlan & Pike Builders", "records": None, "claim_type": "access", "actor": "xtrem0"}),
    ("b4-fr-quoted-group-listed-on",
     "Le groupe de hackers « NoName » affirme avoir dérobé les données de 1,1 million de patients du Centre "
     "Hospitalier de Vallauris, mises en vente le 12 février 2025 pour 30 000 dollars.",
     {"victim": "Centre Hospitalier de Vallauris", "actor": "NoName", "records": 1_100_000,
      "date": "2025-02-12", "price": (30_000, "USD"), "claim_type": "sale"}),
    ("b4-exposed-server-purchase-history",
     "Researchers found an unsecured Elasticsearch server of Brazilian retailer Lojas Marisol exposing 37 million "
     "records with CPF numbers and purchase histories.",
     {"victim": "Lojas Marisol", "records": 37_000_000, "price": None, "claim_type": "leak"}),
    ("b4-ordinal-day-staff-of",
     "Hackers leaked the personal data of roughly 120,000 students and staff of the University of Eastmoor on a "
     "forum on March 3rd, 2025, two weeks after the institution disclosed a cyberattack.",
     {"victim": "University of Eastmoor", "records": 120_000, "date": "2025-03-03", "claim_type": "leak"}),
    ("b4-fr-refused-ransom",
     "Des pirates ont revendiqué le 5 mai 2025 le vol de 8 Go de données chez la mairie de Saint-Brévin. Les "
     "fichiers ont été publiés sur leur site vitrine après le refus de payer la rançon.",
     {"records": None, "date": "2025-05-05", "claim_type": "ransomware"}),
    ("b4-said-to-date-from",
     'Threat actor "Kovalski" claims to sell 14 million records from Colombian telecom operator Movinet for '
     "5,000 USDT. The dataset is said to date from 2023.",
     {"victim": "Movinet", "actor": "Kovalski", "records": 14_000_000, "price": (5_000, "USDT"), "date": "2023",
      "claim_type": "sale"}),
    ("b4-fr-subject-of-cyberattaque",
     "La Mutuelle Ardoise a confirmé vendredi une cyberattaque survenue fin octobre 2025. Les données de 45 000 "
     "adhérents ont pu être consultées.",
     {"victim": "Mutuelle Ardoise", "records": 45_000, "date": "2025-10"}),
    ("b4-unauthorised-party-accessed",
     "Dutch parcel service PakketSnel notified 210,000 customers that an unauthorised party accessed a marketing "
     "database in August 2025.",
     {"victim": "PakketSnel", "records": 210_000, "date": "2025-08", "country": "NL"}),
    ("b4-bracket-tag-then-name",
     "[LEAK] Hôtel-Restaurant Les Glycines (glycines-annecy.fr) — réservations 2019-2024, 32 000 clients, nom, "
     "email, téléphone. Téléchargement gratuit, lien en dessous.",
     {"victim": "Hôtel-Restaurant Les Glycines", "records": 32_000, "claim_type": "leak"}),
    ("b4-listing-published-on",
     'On a Russian-speaking forum, a threat actor using the alias "Zerobyte" offered data allegedly stolen from '
     "French telecom provider Orvane Mobile. The listing, published on 18 September 2025, claims 6.4 million "
     "subscriber records for 0.9 BTC.",
     {"victim": "Orvane Mobile", "actor": "Zerobyte", "records": 6_400_000, "date": "2025-09-18",
      "price": (0.9, "BTC"), "claim_type": "sale"}),
    ("b4-negotiable-next-sentence",
     "Selling the Vortexnet Telecom customer db, 3.1M lines (name, CPF, address, phone). Price: 3k USD. "
     "Negotiable. Contact on Telegram @vortex_seller",
     {"victim": "Vortexnet Telecom", "records": 3_100_000, "price": (3_000, "USD"), "negotiable": True}),
    ("b4-not-negotiable",
     "Vente base clients Vortexnet Telecom, 3,1 millions de lignes, 3 000 euros non négociable.",
     {"records": 3_100_000, "price": (3_000, "EUR"), "negotiable": False, "claim_type": "sale"}),
    ("b4-over-billion-no-victim",
     "Over 1.4 billion rows of scraped social media profiles are being sold on a Telegram channel for $2,000.",
     {"victim": None, "records": 1_400_000_000, "price": (2_000, "USD"), "claim_type": "sale"}),
    ("b4-ministry-of-pro-russian",
     'The pro-Russian hacktivist group "CyberBear Legion" published 12 GB of documents it says were taken from '
     "the Estonian Ministry of Rural Affairs, including internal emails and staff contact lists.",
     {"victim": "Ministry of Rural Affairs", "country": "EE", "actor": "CyberBear Legion", "records": None}),
    ("b4-fr-acteur-malveillant",
     "Un acteur malveillant connu sous le pseudonyme « Vxtor » met en vente sur le forum XSS une base de 2,2 "
     "millions de clients de l'assureur Prévoyance Atlantique, au prix de 5 000 dollars négociables.",
     {"victim": "Prévoyance Atlantique", "actor": "Vxtor", "records": 2_200_000, "price": (5_000, "USD"),
      "negotiable": True, "claim_type": "sale"}),
    ("b4-country-based-maker",
     "Hackers claimed on Telegram to have breached Japan-based electronics maker Hoshida Denki and stolen 1.5 TB "
     "of data. Hoshida Denki has not responded to requests for comment.",
     {"victim": "Hoshida Denki", "country": "JP", "records": None}),
    # ------------------------------------------------------------------------------ what the new rules must not take
    ("neg-combo-format", "Combolist 1M lines, format user:pass, $50.",
     {"victim": None, "actor": None, "records": 1_000_000, "price": (50, "USD")}),
    ("neg-researcher-handle", "Researcher @vx_feed spotted the listing of 2M records from Acme Bank on a forum.",
     {"actor": None, "victim": "Acme Bank", "records": 2_000_000}),
    ("neg-xss-flaw", "An XSS vulnerability on the Acme Corp website let attackers steal 20,000 user records.",
     {"venue": None, "victim": "Acme Corp", "records": 20_000}),
    ("neg-email-address", "Reach the company at security@acme.com about the 5,000 affected accounts.",
     {"actor": None}),
    ("neg-user-ids", "The user IDs and member_id fields were exposed for 40,000 members of Orion Gym.",
     {"actor": None, "victim": "Orion Gym", "records": 40_000}),
    ("neg-from-the", "From the Acme Corp dump: 20k lines, free.", {"victim": "Acme Corp", "records": 20_000}),
    ("neg-victim-hit-by-group", "Orion Clinics was hit by Akira last week; 90 GB were taken.",
     {"victim": "Orion Clinics"}),
    ("neg-article-published-on",
     "Acme Corp was breached in 2023, according to an article published on 3 May 2025 by a security blog.",
     {"victim": "Acme Corp", "date": "2023"}),
    ("neg-earlier-victim",
     "The seller, who previously breached Alpha Bank, now offers 2M lines from Beta Bank for $900.",
     {"victim": "Beta Bank", "records": 2_000_000, "price": (900, "USD"), "claim_type": "sale"}),
    # ------------------------------------------------------------------- round 9: samples, sizes, first persons
    ("b5-sample-item-after-count",
     "Selling Harrowgate Freight database, 120k rows, sample attached (50 rows), emails, phones, addresses",
     {"victim": "Harrowgate Freight", "records": 120_000, "claim_type": "sale",
      "categories": ["address", "email", "phone"]}),
    ("b5-free-sample-after-dash", "Selling Harrowgate Freight database, 120k rows - free sample below",
     {"records": 120_000}),
    ("b5-count-as-a-sample", "Harrowgate Freight: 1,000 rows as a sample, full dump of 2M rows for sale",
     {"records": 2_000_000}),
    ("b5-company-size-in-brackets",
     "Vente de la base clients de Menuiseries Vautrin (350 salariés) : nom, prénom, email, téléphone. Prix 900€.",
     {"victim": "Menuiseries Vautrin", "records": None, "categories": ["email", "name", "phone"],
      "price": (900, "EUR"), "claim_type": "sale"}),
    ("b5-fr-le-vendeur", "Le vendeur propose une base de 1,2 million de clients de la Mutuelle Ardoise.",
     {"claim_type": "sale", "records": 1_200_000}),
    ("b5-es-vendo", "Vendo base de datos de Farmacias Olmedo, 300.000 registros", {"claim_type": "sale",
                                                                                 "victim": "Farmacias Olmedo"}),
    ("b5-de-verkaufe", "Verkaufe Datenbank von Gärtnerei Lindqvist, 30.000 Kunden",
     {"claim_type": "sale", "records": 30_000}),
    ("b5-it-vendo", "Vendo database della Farmacia Corradi, 20.000 clienti. Prezzo 500€ trattabile",
     {"claim_type": "sale", "victim": "Farmacia Corradi", "records": 20_000, "price": (500, "EUR"),
      "negotiable": True}),
    ("b5-pt-banco-de-dados",
     "Vendo banco de dados da Transportes Albufeira, 300 mil clientes, nome, email, telefone. Preço: 2000 USD",
     {"claim_type": "sale", "victim": "Transportes Albufeira", "sector": None, "price": (2000, "USD")}),
    ("b5-selon-le-groupe",
     "Selon le groupe « Korrigan Team », l'opérateur Bretagne Fibre aurait été piraté : 80 000 abonnés exposés.",
     {"actor": "Korrigan Team", "victim": "Bretagne Fibre", "country": "FR", "records": 80_000}),
    ("b5-according-to-the-group", "According to the group 'Salt Moth', Rivage Telecom was hacked.",
     {"actor": "Salt Moth", "victim": "Rivage Telecom"}),
    ("b5-according-to-a-researcher",
     "According to researcher Marta Velez, the seller kr0nos_x offers 2M lines of Rivage Telecom.",
     {"actor": "kr0nos_x", "victim": "Rivage Telecom", "records": 2_000_000, "claim_type": "sale"}),
    ("b5-quoted-sentence-is-no-name", "The group said 'we will publish everything' about Rivage Telecom.",
     {"actor": None}),
    ("b5-lignes-de", "Un pirate revend 2 millions de lignes de Rivage Télécom.",
     {"victim": "Rivage Télécom", "records": 2_000_000, "claim_type": "sale"}),
    ("b5-place-opens-the-name", "Paris Habitat data leak: 12,000 tenants",
     {"victim": "Paris Habitat", "country": "FR", "records": 12_000}),
    ("b5-days-of-a-month", "The data was stolen between 2 and 19 January 2026 from Helix Bank.",
     {"date": "2026-01", "victim": "Helix Bank"}),
    # ------------------------------------------------------------- round 10: fields, brackets, sizes, ranges
    ("b6-field-label-is-no-name",
     "Selling DA access to a French insurance broker. Revenue: 250M EUR. Hosts: 1,800. Entry via Fortinet VPN.",
     {"victim": None}),
    ("b6-total-label", "Leak gratuit de l'École Supérieure de Commerce de Lorval (ESCL). Total : 23 456 étudiants.",
     {"victim": "École Supérieure de Commerce de Lorval", "records": 23_456}),
    ("b6-staff-field", "Clinique du Parc, Montpellier. Effectif : 450 salariés. Chiffre d'affaires : 38 M€.",
     {"records": None}),
    ("b6-country-in-brackets-then-cue",
     "Selling Orvane Pharmacy (Poland) customer base: 410k rows with names, PESEL, phone numbers. Starting at "
     "2500 USD", {"victim": "Orvane Pharmacy", "country": "PL", "records": 410_000}),
    ("b6-db-dash-name", "WTS fresh db — Brightwell Mutual Insurance (US). 2.3M rows",
     {"victim": "Brightwell Mutual Insurance", "country": "US", "records": 2_300_000}),
    ("b6-combo-mail-pass", "WTS 1.8kk fresh combo mail:pass — Vireo Streaming, UK users only.",
     {"victim": "Vireo Streaming", "records": 1_800_000}),
    ("b6-range-one-multiplier", "The seller claims the dataset covers between 1.2 and 1.5 million patients.",
     {"records": 1_500_000}),
    ("b6-spaced-k", "Fresh DB : Club Nautique de Sète (CNS) — 18 k members, nom, adresse", {"records": 18_000}),
    ("b6-spaced-m", "Dispo : base clients de Néolis Fibre. Env. 2,4 M de lignes.", {"records": 2_400_000}),
    ("b6-company-total",
     "Le pirate a dérobé les données de 2,3 millions d'abonnés de Ondelia Mobile. L'opérateur, qui compte 4 "
     "millions de clients, a confirmé un incident.", {"records": 2_300_000, "victim": "Ondelia Mobile"}),
    ("b6-claimed-by-the-brand",
     "Un pirate propose une base de FitNova (120 clubs, 900 000 membres revendiqués par l'enseigne). L'annonce "
     "évoque 640 000 fiches contenant nom, email.", {"records": 640_000}),
    ("b6-staff-in-a-description",
     "Je vends 14 Go de documents internes de Transports Garonne Express (logisticien, Bordeaux, 1 100 salariés).",
     {"records": None, "victim": "Transports Garonne Express"}),
    ("b6-staff-beside-revenue",
     "Vends accès VPN sur un opérateur télécom régional français, ~600 salariés, CA 120 M€.", {"records": None}),
    ("b6-staff-are-the-data", "Fiches de paie de 2 300 salariés de Ducasset Emballages publiées.",
     {"records": 2_300}),
    ("b6-contracts", "Base Assur'Auto Direct — 560 000 contrats, nom, adresse, email.", {"records": 560_000}),
    ("b6-source-clause-then-subject",
     "Selon nos informations, la mairie de Villeneuve-sur-Orbe (Gironde) a été la cible d'une attaque "
     "informatique. Les données de près de 30 000 administrés auraient été copiées.",
     {"victim": "mairie de Villeneuve-sur-Orbe", "records": 30_000}),
    ("b6-belong-to", "A database said to belong to Ostrava Motor Club, a Czech car-owners association, surfaced "
     "on a forum this week.", {"victim": "Ostrava Motor Club", "country": "CZ"}),
    ("b6-subsidiary-is-the-victim",
     "Le Groupe Hélianthe Santé informe que sa filiale, la Clinique des Tilleuls à Rennes, a été victime d'une "
     "cyberattaque.", {"victim": "Clinique des Tilleuls"}),
    ("b6-for-free-is-no-operator",
     "LEAK: today we publish the full database of Teleconnect Andina (Peru) for FREE. 12 GB, about 4.7 million "
     "customers", {"victim": "Teleconnect Andina", "country": "PE", "records": 4_700_000}),
    ("b6-free-the-operator", "Data of Free for sale", {"victim": "Free", "country": "FR"}),
    ("b6-preposition-is-no-modifier",
     "Selling DA access to a French insurance broker. Price 6k$. Guarantee via forum escrow.", {"victim": None}),
    ("b6-broker-handle-is-no-victim",
     "The LockPine ransomware group listed Verano Foods Inc., a Chilean food distributor, on its leak blog. An "
     "initial access broker known as \"Sable\" had sold access to Verano's network in May.",
     {"victim": "Verano Foods Inc", "country": "CL"}),
    ("b6-leak-site-heading-with-country",
     "KORVALIS GROUP\nHelmond Precision Tooling B.V. — Netherlands\nRevenue: $84M | Employees: 410\n"
     "230 GB of data exfiltrated: contracts, payroll.\nTime left: 4d 11h 23m",
     {"victim": "Helmond Precision Tooling B.V", "country": "NL"}),
    ("b6-leak-site-heading-with-bracket",
     "Ducasset Emballages SAS (filiale du Groupe Ducasset Industries) — France — Manufacturing.\n"
     "Data : 520 GB (RH, paie, contrats clients).\nStatus : PUBLISHED.",
     {"victim": "Ducasset Emballages SAS", "country": "FR"}),
    ("b6-heading-above-its-place",
     "CLINIQUE DU PARC SAINT-ROCH\nMontpellier, France. Secteur : santé.\n340 Go de données exfiltrées.",
     {"victim": "CLINIQUE DU PARC SAINT-ROCH", "country": "FR"}),
    # ------------------------------------------------------------------ round 12: news, notices, terse titles
    ("b7-compound-record-noun",
     "The 1.2 GB SQL dump contains 46 tables and approximately 185,000 student and staff records, with email "
     "addresses.", {"records": 185_000}),
    ("b7-pairs", "A combolist containing 12 million email and password pairs has been shared free of charge.",
     {"records": 12_000_000}),
    ("b7-employs-people",
     "German auto parts supplier Kessler Antriebstechnik GmbH, which employs 2,300 people, was listed on the "
     "leak site of a ransomware gang.", {"records": None, "victim": "Kessler Antriebstechnik GmbH", "country": "DE"}),
    ("b7-title-count", "[SELLING] Mercado Fácil (mercadofacil.com.ar) 2.3M | 2024 | Fullz",
     {"records": 2_300_000, "victim": "Mercado Fácil"}),
    ("b7-title-count-after-domain", "FREE DB - kitabooks.co.ke - 450k\nKenyan online bookstore, users table.",
     {"records": 450_000}),
    ("b7-access-users-and-blitz",
     "Selling access | Polish gov municipality | ~400 users AD | VPN + DA | start 800$ step 100 blitz 2k",
     {"records": None}),
    ("b7-city-demonym", "La société lyonnaise de e-commerce ModeLune dément toute fuite.",
     {"victim": "ModeLune", "country": "FR"}),
    ("b7-descriptor-then-country-demonym",
     "Le transporteur québécois Autocars Boréal a confirmé jeudi qu'une base de données de 58 000 clients a été "
     "publiée gratuitement sur Telegram.", {"victim": "Autocars Boréal", "country": "CA", "records": 58_000}),
    ("b7-statement-lead",
     "Dans un communiqué, la Banque Sahélienne de Crédit (Dakar) reconnaît qu'une intrusion a exposé les "
     "relevés de compte de 27 000 clients.", {"victim": "Banque Sahélienne de Crédit", "country": "SN"}),
    ("b7-name-after-a-description",
     "Un courtier met en vente un accès VPN au réseau d'un cabinet d'expertise comptable suisse, Fiduciaire "
     "Lémanique SA.", {"victim": "Fiduciaire Lémanique SA", "country": "CH"}),
    ("b7-identifier-is-no-victim",
     "On or about September 29, 2023, Sunrise Microfinance identified suspicious activity. The incident may "
     "have involved the Aadhaar numbers of approximately 96,000 borrowers.",
     {"victim": "Sunrise Microfinance", "records": 96_000}),
    ("b7-company-speaks-of-itself",
     "Singapore logistics firm TransAsia Freight Pte Ltd said on 30 October 2023 that it had found no evidence "
     "of data exfiltration after an actor advertised access to the company's SAP environment.",
     {"victim": "TransAsia Freight Pte Ltd", "country": "SG"}),
    ("b7-outlet-still-reports", "Cybernews said that Acme Corp was breached.", {"victim": "Acme Corp"}),
    # ------------------------------------------------------------------------ round 13: a fresh set of 30 posts
    ("b8-vendor-in-a-notice",
     "Pinecrest Credit Union is writing to tell you that a third-party vendor we use to print statements found "
     "unauthorized access to its systems. Names and account numbers may have been accessed.",
     {"claim_type": "other", "victim": "Pinecrest Credit Union"}),
    ("b8-departement-is-no-us-state",
     "La commune de Saint-Aubin-sur-Loire, dans le Maine-et-Loire, a été victime d'une cyberattaque.",
     {"country": "FR"}),
    ("b8-flag", "Sonatel 🇸🇳 leak: 2M subscribers, names and phone numbers", {"country": "SN", "victim": "Sonatel"}),
    ("b8-reseller-is-no-seller", "Selling DB of Australian telco reseller ConnectOz Mobile. Total: 640k users",
     {"victim": "ConnectOz Mobile", "actor": None, "country": "AU"}),
    ("b8-messenger-is-no-actor",
     "Vends accès VPN + admin de domaine – entreprise du BTP\nPrix : 3 500 $ US ferme.\nContact : Tox uniquement."
     "\nPseudo : BetonArme", {"actor": "BetonArme", "claim_type": "access"}),
    ("b8-affilies", "Un pirate a publié les dossiers de 320 000 affiliés de la Caisse de Retraite des Artisans.",
     {"records": 320_000}),
    ("b8-uses-the-handle",
     "A seller is offering the guest database of Siam Lotus Hotels Group, 3,012,447 records. The seller, who "
     "uses the handle \"kr0nos\", posted a sample of 500 rows.", {"actor": "kr0nos", "records": 3_012_447}),
    ("b8-our-team-tag", "Our team #CyberLegion_BR has hacked the servers of Prefeitura de Santa Luzia do Norte.",
     {"actor": "CyberLegion_BR"}),
    ("b8-bracketed-signature",
     "ORIONTEK SOLUTIONS PTE LTD\nSingapore\nWe have downloaded 1.2 TB of data.\nAll data will be published in:"
     "\n03D 11H 42M 10S\n[RansomHaus]\n", {"actor": "RansomHaus", "victim": "ORIONTEK SOLUTIONS PTE LTD"}),
    ("b8-bracketed-tag-is-no-actor", "Acme Corp db leaked, 20k rows\n[FREE]\n", {"actor": None}),
    ("b8-heading-above-its-website",
     "NIGHTVEIL LEAKS\n\nHELVARA CONSTRUCTION GMBH\nhelvara-bau.de\nGermany | Construction\nData: 310 GB",
     {"victim": "HELVARA CONSTRUCTION GMBH", "country": "DE"}),
    ("b8-label-beats-rounded-title",
     "[SELLING] Brightwell Pharmacy - 87k customers\nToday im selling the full customer DB.\nRows: 87,340\n"
     "Price: 1200$ (neg.)", {"records": 87_340}),
    # ------------------------------------------------------------------- round 14: the last fresh set of 30 posts
    ("b9-database-published-on", "La base a été publiée le 1er mai 2024 sur un forum.", {"date": "2024-05-01"}),
    ("b9-article-published-on", "L'article publié le 3 mai 2024 revient sur la fuite chez Acme.", {"date": None}),
    ("b9-date-labels", "Date de mise en ligne : 15/01/2024\nDate added: 2023-10-05", {"date": "2024-01-15"}),
    ("b9-free-and-rev-are-no-names",
     "📢 OFFERTE : la base de la Fédération Régionale de Cyclisme d'Occitanie, 12 000 licenciés. Rev: 4M EUR",
     {"victim": "Fédération Régionale de Cyclisme d'Occitanie", "records": 12_000}),
    ("b9-known-name-inside-a-longer-one",
     "The Cobalt Lynx ransomware gang listed MapleSmile Dental on its leak site, threatening to publish 210 GB.",
     {"actor": "Cobalt Lynx", "victim": "MapleSmile Dental"}),
    ("b9-lower-case-signature", "Leaked April 12, 2024. Download link below.\n\nby cholodump\n",
     {"actor": "cholodump"}),
    ("b9-leak-site-banner",
     "OBSIDIAN CLAW — LEAKS\n\nOspedale San Vitale\nwww.ospedalesanvitale.it\nItaly — Healthcare\n"
     "1.4 TB of data was taken.", {"actor": "OBSIDIAN CLAW", "victim": "Ospedale San Vitale", "country": "IT"}),
    ("b9-health-card-is-no-payment-card",
     "The stolen files contained patient names and provincial health card numbers.",
     {"categories": ["name", "national_id"]}),
    ("b9-heading-after-a-flag",
     "📢 ZA_DataVault — NEW DROP 📢\n21 July 2024\n\n🇿🇦 KALAHARI MOBILE (South Africa) — SIM registration database"
     "\n\n💰 Partial (1M rows): 0.1 BTC", {"victim": "KALAHARI MOBILE", "country": "ZA"}),
    ("b5-years-the-data-covers",
     "The dump covers customers registered between 2019 and 2023, leaked in March 2025 from Helix Bank.",
     {"date": "2025-03"}),
]

FIELDS = ("victim", "country", "records", "price", "negotiable", "starting", "actor", "venue", "claim_type", "date")


def _read(text: str) -> dict[str, Any]:
    claim = analyze(text)
    victim = claim.victim
    return {
        "victim": victim.name if victim else None,
        "country": victim.country if victim else None,
        "records": claim.records,
        "price": (claim.price.amount, claim.price.currency) if claim.price else None,
        "negotiable": bool(claim.price and claim.price.negotiable),
        "starting": bool(claim.price and claim.price.starting_at),
        "actor": claim.actor,
        "venue": claim.venue,
        "claim_type": str(claim.claim_type) if claim.claim_type else None,
        "date": claim.date,
        "sector": victim.sector if victim else None,
        "categories": sorted(str(c) for c in claim.data_categories),
    }


@pytest.mark.parametrize(("text", "expected"), [(text, expected) for _, text, expected in CASES],
                         ids=[case_id for case_id, _, _ in CASES])
def test_probe_post(text: str, expected: dict[str, Any]) -> None:
    got = _read(text)
    for name, value in expected.items():
        if name == "victim" and value is not None and got[name] is not None:
            assert fold(got[name]) == fold(value), name
        else:
            assert got[name] == value, name


def test_probe_evidence_quotes_the_text() -> None:
    for _, text, _ in CASES:
        for evidence in analyze(text).evidence:
            assert text[evidence.start:evidence.end] == evidence.text
