"""Posts written for the web tests (Faker names, nothing real) and a corpus of XSS payloads shaped as posts."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from faker import Faker
from sqlalchemy import text

from breachlens.ingest import ingest, rebuild_incidents
from breachlens.model import Reliability, Source, SourceKind
from breachlens.store import Store

SALE = ("Selling {company} database from {country}, {count} lines: {fields}. Price {price}$ negotiable, escrow "
        "accepted. Contact {handle} on Telegram.")
LEAK = ("Threat actor {handle} leaked the data of {count} customers of {company} ({country}) on BreachForums, "
        "including {fields}. Free download for registered members.")
FIELDS = ["full names", "email addresses", "phone numbers", "home addresses", "dates of birth", "IBANs", "passwords"]
COUNTRIES = ["France", "Germany", "Spain", "Italy", "Canada", "Belgium"]
SECTORS = ["Bank", "Telecom", "Insurance", "Hospital", "Retail", "University"]

# Every way we know of to make a page run a script, as it could come from a source.
XSS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=alert('xss-img')>",
    "<svg onload=alert('xss-svg')></svg>",
    "<svg><script>alert('xss-svg-script')</script></svg>",
    "javascript:alert('xss-js-url')",
    "\"><script>alert('xss-breakout')</script>",
    "' onmouseover='alert(1)' x='",
    "\" autofocus onfocus=\"alert('xss-autofocus')",
    "<a href=\"javascript:alert('xss-a')\">click</a>",
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<div style=\"background:url(javascript:alert('xss-css'))\">x</div>",
    "<div style=\"width: expression(alert('xss-expression'))\">x</div>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<body onload=alert('xss-body')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')>",
    "{{ 7*7 }} {% raw %}${alert('xss-template')}{% endraw %}",
    "</textarea><script>alert('xss-textarea')</script>",
    "<input value=\"\" onfocus=alert('xss-input') autofocus>",
]


def write_posts(folder: Path, n: int = 14, seed: int = 7) -> Path:
    """``n`` sale and leak posts about Faker companies, two posts per company (so incidents cluster)."""
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    companies = [(fake.unique.last_name() + " " + rng.choice(SECTORS), rng.choice(COUNTRIES))
                 for _ in range((n + 1) // 2)]
    for i in range(n):
        company, country = companies[i // 2]
        count = 15_000 * (1 + (i // 2) * 9)
        template = SALE if i % 2 == 0 else LEAK
        post = template.format(company=company, country=country, count=f"{count:,}",
                               fields=", ".join(rng.sample(FIELDS, 3)), price=rng.randint(5, 90) * 100,
                               handle=fake.user_name())
        (folder / f"post-{i:03d}.txt").write_text(post, encoding="utf-8")
    return folder


def write_xss(folder: Path) -> Path:
    """The XSS corpus as leak-site posts (payloads in victim, group, website, URL) and as forum posts."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n, payload in enumerate(XSS):
        lines.append({"post_title": f"{payload} Corp {n}", "group_name": f"grp{n}{payload}",
                      "website": "javascript:alert('xss-website')", "post_url": f"javascript:alert({n})",
                      "discovered": "2026-11-20 10:00:00", "description": payload})
    (folder / "leaksite.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    for n, payload in enumerate(XSS):
        post = (f"Selling {payload} Bank database, {40_000 + n:,} lines: emails, phone numbers. "
                f"Price 900$ negotiable. Contact {payload} on Telegram. Seller: {payload}")
        (folder / f"xss-{n:02d}.txt").write_text(post, encoding="utf-8")
    return folder


def build_database(home: Path, *, xss: bool = False, posts: int = 14) -> str:
    """A database under ``home`` filled by the real ingest and clustering code; returns its URL."""
    url = f"sqlite:///{home / 'breachlens.db'}"
    with Store(url) as store:
        folder = write_posts(home / "posts", posts)
        store.add_source(Source(name="forum-feed", kind=SourceKind.files, location=str(folder),
                                reliability=Reliability.B, every_seconds=3600))
        store.add_source(Source(name="mirror-feed", kind=SourceKind.rss, location="http://127.0.0.1:9/feed.xml"))
        report = ingest(str(folder), store, source="forum-feed")
        store.mark_run("forum-feed", ok=True, new=report.new_documents)
        store.mark_run("mirror-feed", ok=False, error="127.0.0.1:9: connection refused (is the feed up?)")
        if xss:
            ingest(str(write_xss(home / "xss")), store, source="xss-corpus")
        # the posts were "seen" over the last weeks (a fresh ingest sees them all now)
        now = datetime.now(UTC)
        with store.engine.begin() as connection:
            for (sighting_id,) in connection.execute(text("SELECT id FROM sightings ORDER BY id")).all():
                seen = now - timedelta(days=(sighting_id * 37) % 90, hours=sighting_id % 24)
                connection.execute(text("UPDATE sightings SET seen = :seen WHERE id = :id"),
                                   {"seen": seen, "id": sighting_id})
        rebuild_incidents(store)
    return url
