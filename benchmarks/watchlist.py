"""Watchlist matching speed: documents per second matched against 100,000 watchlist terms.

    python benchmarks/watchlist.py [--terms 100000] [--documents 3000] [--seed 7]

The terms are generated here (Faker company names in several locales and a domain for each), spread over
watchlists of 20 terms; the documents are Faker paragraphs of about 860 characters, one in ten naming a watched
company and one in ten an e-mail address at a watched domain, always one of the first five names and domains,
which both matchers below hold: the planted matches are the same and only the number of terms differs (the
100,000 Faker names also hold everyday words, "Action", "Robin", which find more). Nothing real is involved.

Printed beside the figure, measured in the same run on the same documents (matcher timings: best of three):

* the same matcher with 10 terms: the automaton's cost per document should not depend on the number of terms,
  so the ratio 100k / 10 is the point of the design (close to 1);
* a naive matcher, one compiled whole-word regular expression per term, run on a subset of the terms (its cost
  is linear in the terms, so it is measured on 1,000 and scaled) — what the automaton replaces.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from faker import Faker  # noqa: E402

from breachlens.alerts.matcher import WatchMatcher  # noqa: E402
from breachlens.extract.text import fold  # noqa: E402
from breachlens.model import Watchlist  # noqa: E402

LOCALES = ["fr_FR", "en_US", "de_DE", "es_ES", "it_IT", "nl_NL"]


def _slug(name: str) -> str:
    return "".join(c for c in fold(name) if c.isalnum())[:40] or "x"


def generate_terms(n: int, seed: int) -> tuple[list[str], list[str]]:
    """``n // 2`` company names and as many domains (unique)."""
    fake = Faker(LOCALES)
    Faker.seed(seed)
    rng = random.Random(seed)
    names: dict[str, None] = {}
    attempts = 0
    while len(names) < n // 2 and attempts < n * 10:
        attempts += 1
        name = fake.company()
        if rng.random() < 0.5:
            name = f"{name} {fake.last_name()}"
        names.setdefault(name, None)
    domains = [f"{_slug(name)}.{rng.choice(['com', 'fr', 'de', 'es', 'it', 'nl', 'io'])}" for name in names]
    return list(names), list(dict.fromkeys(domains))


def watchlists(names: list[str], domains: list[str], per_list: int = 20) -> list[Watchlist]:
    lists = []
    for start in range(0, len(names), per_list // 2):
        lists.append(Watchlist(name=f"w{start}", terms=names[start:start + per_list // 2],
                               domains=domains[start:start + per_list // 2]))
    return lists


def generate_documents(n: int, names: list[str], domains: list[str], seed: int) -> list[str]:
    names, domains = names[:5], domains[:5]
    fake = Faker("en_US")
    Faker.seed(seed + 1)
    rng = random.Random(seed + 1)
    documents = []
    for _ in range(n):
        text = " ".join(fake.paragraph(nb_sentences=12) for _ in range(2))
        roll = rng.random()
        if roll < 0.1:
            text = f"Selling {rng.choice(names)} database, 2M lines. " + text
        elif roll < 0.2:
            text += f" Sample: {fake.user_name()}@{rng.choice(domains)}"
        documents.append(text)
    return documents


def run_matcher(matcher: WatchMatcher, documents: list[str], repeat: int = 3) -> tuple[float, int]:
    """The best of ``repeat`` runs over the documents (the machine may be busy), and the matches found."""
    best, found = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = sum(len(matcher.match_text(text)) for text in documents)
        best = min(best, time.perf_counter() - started)
    return best, found


def run_naive(terms: list[str], documents: list[str]) -> tuple[float, int]:
    patterns = [re.compile(r"(?<!\w)" + re.escape(fold(t)) + r"(?!\w)") for t in terms]
    started = time.perf_counter()
    found = 0
    for text in documents:
        folded = fold(text)
        found += sum(1 for p in patterns if p.search(folded))
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--naive-terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    started = time.perf_counter()
    names, domains = generate_terms(args.terms, args.seed)
    documents = generate_documents(args.documents, names, domains, args.seed)
    size = sum(len(d) for d in documents)
    print(f"generated {len(names):,} company names + {len(domains):,} domains = {len(names) + len(domains):,} "
          f"terms, {len(documents):,} documents ({size / len(documents):,.0f} chars each) "
          f"in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    big = WatchMatcher(watchlists(names, domains))
    build = time.perf_counter() - started
    small = WatchMatcher([Watchlist(name="ten", terms=names[:5], domains=domains[:5])])
    run_matcher(small, documents[:50])  # warm-up (imports, caches)
    run_matcher(big, documents[:50])

    small_s, small_found = run_matcher(small, documents)
    big_s, big_found = run_matcher(big, documents)
    naive_terms = (names[: args.naive_terms // 2] + domains[: args.naive_terms // 2])
    naive_s, _ = run_naive(naive_terms, documents[: max(50, len(documents) // 10)])
    naive_docs = max(50, len(documents) // 10)
    naive_per_doc_full = naive_s / naive_docs * (big.size / len(naive_terms))

    n = len(documents)
    print(f"automaton build: {big.size:,} distinct keys in {build:.2f} s")
    print(f"matcher, 10 terms (baseline):      {n / small_s:>10,.0f} docs/s  {small_s / n * 1e6:8.1f} µs/doc  "
          f"{small_found:,} matches")
    print(f"matcher, {big.size:,} terms:        {n / big_s:>10,.0f} docs/s  {big_s / n * 1e6:8.1f} µs/doc  "
          f"{big_found:,} matches")
    print(f"naive regex loop, {len(naive_terms):,} terms:    {naive_docs / naive_s:>10,.0f} docs/s  "
          f"{naive_s / naive_docs * 1e6:8.1f} µs/doc  (measured on {naive_docs:,} documents)")
    print(f"naive regex loop, {big.size:,} terms (scaled): {1 / naive_per_doc_full:>8,.1f} docs/s")
    print(f"cost per document, {big.size:,} terms / 10 terms: x{big_s / small_s:.2f}")
    print(f"speed-up over the naive loop at {big.size:,} terms: x{naive_per_doc_full / (big_s / n):,.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
