"""A small store of incidents for the export tests: posts about Faker companies, ingested for real."""

from __future__ import annotations

from pathlib import Path

from faker import Faker

from breachlens.ingest import ingest, rebuild_incidents
from breachlens.store import Store


def names(seed: int = 9) -> list[str]:
    fake = Faker("fr_FR")
    Faker.seed(seed)
    return [fake.last_name() + suffix for suffix in (" Santé", " Banque", " Telecom")]


def posts(seed: int = 9) -> dict[str, str]:
    clinic, bank, telecom = names(seed)
    return {
        "ransom.txt": f"LockBit has added {clinic} (a French hospital group) to its leak site: 120,000 patient "
                      "records with names, email addresses, health data and social security numbers.",
        "sale.txt": f"Selling {bank} database, 2,400,000 lines: emails, passwords, credit card numbers. "
                    "Price 3000$ negotiable. Contact the seller darkm0nk on Telegram.",
        "news.txt": f"A hacker known as 'darkm0nk' leaked data of 45,000 customers of {telecom}, a German telecom "
                    "operator, including names and phone numbers, on BreachForums.",
    }


def build(folder: Path, url: str, seed: int = 9) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in posts(seed).items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store(url)
    ingest(str(folder), store, source="forum")
    rebuild_incidents(store)
    return store
