"""Clustering speed: claims per second turned into incidents, over generated claim records.

    python benchmarks/cluster.py [--claims 100000] [--seed 7]

The records are generated here (Faker company names; our own variants of each name: case, accents, legal
suffixes, domains, punctuation; re-posts of one data set; several data sets per victim over a year), so the
figures are reproducible and nothing real is involved. Beside the figure the script prints the ratio to a
baseline run on the same records in the same process: an exact-key dict grouping on the lower-cased name, the
fastest possible floor (it does none of the work: no aliases, counts, dates or windows). It also prints how
well the incidents agree with the generated truth (pairwise precision and recall), so a faster change that
clusters worse shows.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from breachlens.assess.incidents import ClaimRecord, cluster, resolve_victim  # noqa: E402
from breachlens.model import ClaimType, Victim  # noqa: E402

SUFFIXES = ["Inc.", "Ltd", "LLC", "SAS", "S.A.", "GmbH", "Corp.", "plc", "Group"]
CATEGORIES = ["email", "name", "phone", "address", "date_of_birth", "password", "health", "financial",
              "national_id", "ip_address"]
VENUES = ["BreachForums", "XSS.is", "Exploit.in", "LeakBase", "a Telegram channel", None]
SOURCES = ["forum-feed", "ransomware-posts", "news-rss", "telegram-export", "web"]
START = datetime(2024, 1, 1, tzinfo=UTC)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _variant(name: str, rng: random.Random) -> str:
    """One way people write ``name``: as is, upper-case, without accents, with a legal suffix, as a domain..."""
    roll = rng.random()
    if roll < 0.35:
        return name
    if roll < 0.5:
        return name.upper()
    if roll < 0.6:
        return _strip_accents(name)
    if roll < 0.75:
        return f"{name} {rng.choice(SUFFIXES)}"
    if roll < 0.85:
        return name.replace(" ", "-").replace(",", "")
    slug = "".join(c for c in _strip_accents(name).lower() if c.isalnum())
    return f"{slug}.{rng.choice(['com', 'fr', 'de', 'io'])}"


def generate(n: int, seed: int) -> tuple[list[ClaimRecord], list[tuple[int, int]]]:
    """``n`` claim records and, for each, its true (victim, data set)."""
    from faker import Faker

    fake = Faker(["en_US", "fr_FR", "de_DE"])
    Faker.seed(seed)
    rng = random.Random(seed)
    records: list[ClaimRecord] = []
    truth: list[tuple[int, int]] = []
    names: set[str] = set()
    victim = 0
    while len(records) < n:
        name = fake.company().replace(",", "").strip()
        base = " ".join(w for w in name.split() if w.strip(".") not in {s.strip(".") for s in SUFFIXES})
        if base.lower() in names or len(base) < 4:
            continue
        names.add(base.lower())
        victim += 1
        base_day = rng.randint(0, 300)
        for data_set in range(rng.choice([1, 1, 1, 2, 2, 3])):
            count = rng.choice([rng.randint(1_000, 900_000), rng.randint(1, 90) * 1_000_000,
                                rng.randint(1_000_000, 60_000_000)]) * (10 ** data_set)
            categories = rng.sample(CATEGORIES, rng.randint(1, 5))
            breach = START.date() + timedelta(days=base_day + 150 * data_set - rng.randint(0, 60))
            first = base_day + 150 * data_set
            for _ in range(rng.choice([1, 2, 3, 4, 6])):  # the first post and its re-posts
                if len(records) >= n:
                    break
                roll = rng.random()
                records.append(ClaimRecord(
                    claim_id=len(records) + 1,
                    victim=Victim(name=_variant(base, rng)),
                    seen=START + timedelta(days=first + rng.randint(0, 40), minutes=rng.randint(0, 1440)),
                    records=None if roll < 0.25 else (count if roll < 0.7 else round(count, -4) or count),
                    data_categories=rng.sample(categories, max(1, len(categories) - rng.randint(0, 1))),
                    date=None if rng.random() < 0.5 else breach.isoformat()[: rng.choice([7, 10])],
                    actor=fake.user_name() if rng.random() < 0.7 else None,
                    venue=rng.choice(VENUES),
                    claim_type=rng.choice([ClaimType.sale, ClaimType.leak, ClaimType.ransomware]),
                    source=rng.choice(SOURCES),
                ))
                truth.append((victim, data_set))
    return records, truth


def baseline(records: list[ClaimRecord]) -> dict[str, list[int]]:
    """The floor: group by the exact lower-cased name, nothing else."""
    groups: dict[str, list[int]] = {}
    for record in records:
        key = record.victim.name.lower() if record.victim and record.victim.name else f"#{record.claim_id}"
        groups.setdefault(key, []).append(record.claim_id)
    return groups


def _pairs(labels: list[int]) -> int:
    return sum(c * (c - 1) // 2 for c in Counter(labels).values())


def agreement(found: list[int], truth: list[tuple[int, int]]) -> tuple[float, float]:
    """Pairwise precision and recall of ``found`` (incident per record) against the true data sets."""
    truth_ids = {t: i for i, t in enumerate(dict.fromkeys(truth))}
    true_labels = [truth_ids[t] for t in truth]
    both = _pairs([hash((f, t)) for f, t in zip(found, true_labels, strict=True)])
    found_pairs, true_pairs = _pairs(found), _pairs(true_labels)
    return both / max(found_pairs, 1), both / max(true_pairs, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    records, truth = generate(args.claims, args.seed)
    print(f"generated {len(records):,} claim records about {len({v for v, _ in truth}):,} victims "
          f"({len(set(truth)):,} data sets) in {time.perf_counter() - started:.1f} s")
    resolve_victim("warm-up")  # load the knowledge files outside the timing

    started = time.perf_counter()
    groups = baseline(records)
    base_seconds = time.perf_counter() - started

    resolve_victim.cache_clear()
    started = time.perf_counter()
    incidents = cluster(records)
    seconds = time.perf_counter() - started

    by_claim = {claim_id: incident.number for incident in incidents for claim_id in incident.claim_ids}
    precision, recall = agreement([by_claim[r.claim_id] for r in records], truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"baseline (exact-name dict): {len(records) / base_seconds:>12,.0f} claims/s  {base_seconds:7.3f} s  "
          f"{len(groups):,} groups")
    print(f"cluster (incidents):        {len(records) / seconds:>12,.0f} claims/s  {seconds:7.3f} s  "
          f"{len(incidents):,} incidents  ratio to baseline {seconds / base_seconds:,.0f}x slower")
    print(f"agreement with the generated truth: pairwise precision {precision:.3f}, recall {recall:.3f}")
    print(f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
