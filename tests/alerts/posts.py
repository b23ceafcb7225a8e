"""Posts about Faker companies, ingested into a real store by the alert tests (nothing real)."""

from __future__ import annotations

from pathlib import Path

from faker import Faker

from breachlens.ingest import ingest, rebuild_incidents
from breachlens.store import Store

SALE = ("Selling {company} database, {count} lines: names, email addresses, phone numbers. Price 900$ negotiable. "
        "Contact on Telegram. Sample: {email}")
NEWS = ("A threat actor claims to have stolen data on {count} customers of {company}, including names, email "
        "addresses and phone numbers. The post appeared on BreachForums.")


def company(seed: int = 5) -> tuple[str, str]:
    """A company name and its e-mail domain, from Faker."""
    fake = Faker("fr_FR")
    Faker.seed(seed)
    name = f"{fake.last_name()} Logistique"
    domain = "".join(c for c in name.lower() if c.isalpha()) + ".fr"
    return name, domain


def post(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return folder


def ingest_and_rebuild(store: Store, folder: Path, source: str) -> None:
    ingest(str(folder), store, source=source)
    rebuild_incidents(store)
