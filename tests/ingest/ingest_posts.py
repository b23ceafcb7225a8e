"""Posts written by the tests (Faker names; nothing real)."""

from __future__ import annotations

import random
from pathlib import Path

from faker import Faker

SALE = ("Selling {company} database, {count} lines: {fields}. Price {price}$ negotiable, escrow accepted. "
        "Contact the seller {handle} on Telegram.")
NEWS = ("A threat actor known as '{handle}' claims to have stolen data on {count} customers of {company}, "
        "including {fields}. The post appeared on BreachForums.")
FIELDS = ["names", "email addresses", "phone numbers", "home addresses", "dates of birth", "IBANs"]


def make_posts(folder: Path, n: int, seed: int = 3) -> list[Path]:
    """``n`` posts about ``n // 2`` companies: each company is posted once as a sale and once as news."""
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    companies = [fake.unique.last_name() + " " + rng.choice(["Retail", "Bank", "Telecom", "Insurance"])
                 for _ in range((n + 1) // 2)]
    for i in range(n):
        company = companies[i // 2]
        count = 10_000 * (1 + (i // 2) * 7)
        template = SALE if i % 2 == 0 else NEWS
        text = template.format(company=company, count=f"{count:,}", fields=", ".join(rng.sample(FIELDS, 3)),
                               price=rng.randint(5, 90) * 100, handle=fake.user_name())
        path = folder / f"post-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

