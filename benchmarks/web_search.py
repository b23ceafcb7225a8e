"""Full-text search of the dashboard: SQLite FTS5 (``web_search``, kept by triggers) against a LIKE scan.

    python benchmarks/web_search.py [--documents 20000] [--queries 200] [--seed 7]

Documents are generated here (Faker company names and handles in sale and leak posts; nothing real) and saved
through ``Store.save``, so the triggers index them as they would in production; the script prints the saving
rate, then the latency of the same queries (one or two words, prefixes) answered by ``search_claims`` (FTS5,
bm25-ranked) and by the baseline run in the same process on the same database: ``LIKE '%word%'`` over the
document text (what a database without FTS does), with p50/p99 and the ratio.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from faker import Faker  # noqa: E402
from sqlalchemy import text  # noqa: E402

from breachlens.model import Claim, ClaimType, Document, Victim  # noqa: E402
from breachlens.store import Store  # noqa: E402
from breachlens.store.web import search_claims  # noqa: E402

TEMPLATES = ["Selling {company} database, {count:,} lines: emails, phones, addresses. Contact {handle}.",
             "{handle} leaked {count:,} records of {company} customers on a forum, including passwords.",
             "Ransomware group {handle} lists {company} as a victim; data will be published in 5 days."]


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    fake = Faker("en_US")
    Faker.seed(args.seed)
    rng = random.Random(args.seed)
    companies = [fake.company() for _ in range(max(10, args.documents // 4))]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.db'}")
        started = time.perf_counter()
        for n in range(args.documents):
            company = rng.choice(companies)
            body = rng.choice(TEMPLATES).format(company=company, count=rng.randint(1_000, 9_000_000),
                                                handle=fake.user_name()) + f" #{n}"
            document = Document.from_text(body, source="bench")
            store.save(document, Claim(source="bench", document_id=document.id, claim_type=ClaimType.sale,
                                       victim=Victim(name=company)))
        saving = time.perf_counter() - started
        words = [rng.choice(companies).split()[0] for _ in range(args.queries)]
        queries = [w if i % 3 else w[: max(3, len(w) - 2)] for i, w in enumerate(words)]  # some prefixes
        fts: list[float] = []
        like: list[float] = []
        hits = 0
        for query in queries:
            t0 = time.perf_counter()
            found = search_claims(store, query, limit=500)
            fts.append(time.perf_counter() - t0)
            hits += len(found)
            t0 = time.perf_counter()
            with store.engine.connect() as connection:
                connection.execute(text("SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id "
                                        "WHERE lower(d.text) LIKE :q LIMIT 500"), {"q": f"%{query.lower()}%"}).all()
            like.append(time.perf_counter() - t0)
        store.close()
    print(f"documents: {args.documents:,} saved (FTS5 index kept by triggers) at "
          f"{args.documents / saving:,.0f} documents/s")
    print(f"queries: {len(queries)}, {hits / len(queries):.1f} hits per query on average")
    for name, values in (("FTS5 search_claims", fts), ("baseline LIKE scan", like)):
        print(f"{name:>20}: p50 {_p(values, .5) * 1000:7.2f} ms   p99 {_p(values, .99) * 1000:7.2f} ms   "
              f"mean {statistics.fmean(values) * 1000:7.2f} ms")
    print(f"ratio (LIKE p50 / FTS5 p50): {_p(like, .5) / _p(fts, .5):.1f}x")


if __name__ == "__main__":
    main()
