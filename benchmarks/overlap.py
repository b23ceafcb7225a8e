"""Fingerprint speed: keyed hashes of e-mails per second, and the overlap of two large sets of hashes.

    python benchmarks/overlap.py [--emails 1000000] [--left 22000000] [--right 43000000] [--shared 5000000]
                                 [--seed 11]

Hashing: ``--emails`` addresses are generated here (Faker's French and English first and last names without
their accents, numbers, free mail domains, 2 of 11 of them accented; 10 % upper-cased), then normalised
(``normalise_emails``) and hashed (``keyed_hashes``, HMAC-SHA-256 under a random secret). The baseline beside
it, in the same run on the same values, is ``hmac.digest`` called per value, the obvious way.

Overlap: ``--left`` and ``--right`` random ``uint64`` hashes of which exactly ``--shared`` are in both, each sorted
unique as the registry stores them. ``np.intersect1d(assume_unique=True)`` (the baseline: it concatenates and
sorts both) is timed beside the ``np.searchsorted`` lookup the registry uses, then ``Registry.overlap`` end to end
on the right set registered in a temporary BREACHLENS_HOME (memory-mapped, plus sorting the unsorted sample).
``np.unique`` is timed apart on a million hashes: numpy 2.4's is about 60 times slower than ``np.sort`` and a
mask on random uint64, which is why the registry never calls it. Peak RSS is printed at the end (it includes
the generated arrays: 8 bytes a hash).
"""

from __future__ import annotations

import argparse
import hmac
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from breachlens.samples.fingerprint import (  # noqa: E402
    Registry,
    _count_shared,
    keyed_hashes,
    normalise_emails,
    sorted_unique,
)


def emails(n: int, seed: int) -> pl.Series:
    """``n`` plausible addresses from Faker's name lists, vectorised (Faker per address would take minutes)."""
    from faker import Faker

    fake = Faker(["fr_FR", "en_GB"])
    fake.seed_instance(seed)
    firsts = sorted({fake.first_name() for _ in range(2000)})
    lasts = sorted({fake.last_name() for _ in range(4000)})
    domains = ["gmail.com", "yahoo.fr", "orange.fr", "free.fr", "hotmail.fr", "laposte.net", "sfr.fr", "outlook.com",
               "wanadoo.fr", "müller-web.de", "société.fr"]
    rng = np.random.default_rng(seed)
    frame = pl.DataFrame({
        "first": np.array(firsts)[rng.integers(0, len(firsts), n)],
        "last": np.array(lasts)[rng.integers(0, len(lasts), n)],
        "number": rng.integers(0, 10_000, n),
        "domain": np.array(domains)[rng.integers(0, len(domains), n)],
        "upper": rng.random(n) < 0.1,
    })
    local = pl.concat_str([pl.col("first"), pl.lit("."), pl.col("last"), pl.col("number").cast(pl.String)])
    local = local.str.normalize("NFKD").str.replace_all(r"[^A-Za-z0-9.]", "")  # people drop accents in addresses
    address = pl.concat_str([local, pl.lit("@"), pl.col("domain")])
    address = pl.when(pl.col("upper")).then(address.str.to_uppercase()).otherwise(address)
    return frame.select(address.alias("email")).to_series()


def bench_hashing(n: int, seed: int) -> None:
    values = emails(n, seed)
    secret = secrets.token_bytes(32)
    start = time.perf_counter()
    normalised = normalise_emails(values)
    normalise_time = time.perf_counter() - start
    prefixed = ("email:" + normalised).drop_nulls()
    start = time.perf_counter()
    hashes = keyed_hashes(prefixed, secret)
    hash_time = time.perf_counter() - start
    plain = prefixed.to_list()
    start = time.perf_counter()
    baseline = [hmac.digest(secret, value.encode(), "sha256")[:8] for value in plain]
    baseline_time = time.perf_counter() - start
    assert int(hashes[0]) == int.from_bytes(baseline[0], "big")
    print(f"e-mails                  {n:>12,}   ({normalised.null_count():,} refused by normalise_emails)")
    print(f"normalise_emails         {n / normalise_time:>12,.0f} /s   {normalise_time:6.2f} s")
    print(f"keyed_hashes             {hashes.size / hash_time:>12,.0f} /s   {hash_time:6.2f} s   "
          f"{hash_time / hashes.size * 1e6:.2f} µs a value")
    print(f"baseline hmac.digest     {len(plain) / baseline_time:>12,.0f} /s   {baseline_time:6.2f} s   "
          f"ratio {baseline_time / hash_time:.2f}x")


def sets(left: int, right: int, shared: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pool = sorted_unique(rng.integers(0, np.iinfo(np.uint64).max, size=left + right - shared + 1000,
                                       dtype=np.uint64, endpoint=True))
    rng.shuffle(pool)
    common = pool[:shared]
    a = np.concatenate([common, pool[shared:left]])
    b = np.concatenate([common, pool[left:left + right - shared]])
    return a, b


def bench_overlap(left: int, right: int, shared: int, seed: int) -> None:
    start = time.perf_counter()
    sample, dump = sets(left, right, shared, seed)
    print(f"\ngenerated {left:,} and {right:,} hashes, {shared:,} shared, in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    sample_sorted = sorted_unique(sample)
    dump_sorted = sorted_unique(dump)
    sort_time = time.perf_counter() - start
    print(f"sort + dedupe left and right               {sort_time:6.2f} s   (the registry keeps dumps sorted)")
    part = sample[:1_000_000]
    start = time.perf_counter()
    np.unique(part)
    unique_time = time.perf_counter() - start
    start = time.perf_counter()
    sorted_unique(part)
    mask_time = time.perf_counter() - start
    print(f"np.unique of 1,000,000 hashes              {unique_time:6.2f} s   np.sort + mask {mask_time:.3f} s "
          f"(ratio {unique_time / mask_time:.0f}x: the registry avoids np.unique)")

    start = time.perf_counter()
    found = int(np.intersect1d(sample_sorted, dump_sorted, assume_unique=True).size)
    intersect_time = time.perf_counter() - start
    print(f"np.intersect1d(assume_unique=True)         {intersect_time:6.2f} s   shared {found:,}   (baseline)")

    start = time.perf_counter()
    found = _count_shared(sample_sorted, dump_sorted)
    search_time = time.perf_counter() - start
    print(f"searchsorted left in right                 {search_time:6.2f} s   shared {found:,}   "
          f"ratio {intersect_time / search_time:.2f}x")
    start = time.perf_counter()
    found = _count_shared(dump_sorted, sample_sorted)
    reverse_time = time.perf_counter() - start
    print(f"searchsorted right in left                 {reverse_time:6.2f} s   shared {found:,}   "
          f"ratio {intersect_time / reverse_time:.2f}x")
    assert found == shared

    with tempfile.TemporaryDirectory() as home:
        registry = Registry(Path(home))
        start = time.perf_counter()
        registry.register("right", dump_sorted, rows=right, columns={"email": "email"}, source="right.csv")
        register_time = time.perf_counter() - start
        print(f"Registry.register(right, already sorted)   {register_time:6.2f} s")
        start = time.perf_counter()
        overlap = registry.overlap(sample)  # unsorted, as identifier_hashes returns it
        overlap_time = time.perf_counter() - start
        print(f"Registry.overlap(left, unsorted)           {overlap_time:6.2f} s   shared {overlap[0].shared:,}   "
              f"(sort + dedupe of the sample, memory-mapped lookup)")
        start = time.perf_counter()
        overlap = registry.overlap(sample_sorted)
        overlap_time = time.perf_counter() - start
        print(f"Registry.overlap(left, sorted unique)      {overlap_time:6.2f} s   shared {overlap[0].shared:,}")
        small = sample[:1000]
        start = time.perf_counter()
        overlap = registry.overlap(small)
        small_time = time.perf_counter() - start
        print(f"Registry.overlap(1,000 of left)            {small_time * 1000:6.2f} ms  shared {overlap[0].shared:,}")
        registry.register("right-sketch", dump_sorted, rows=right, columns={"email": "email"}, source="right.csv",
                          sketch=1 << 16)
        start = time.perf_counter()
        estimate = registry.overlap(sample, names=["right-sketch"])[0]
        estimate_time = time.perf_counter() - start
        error = (estimate.shared - shared) / shared
        print(f"Registry.overlap(left) on a 65,536 sketch  {estimate_time:6.2f} s   shared ~{estimate.shared:,} "
              f"({error:+.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1_000_000)
    parser.add_argument("--left", type=int, default=22_000_000)
    parser.add_argument("--right", type=int, default=43_000_000)
    parser.add_argument("--shared", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    if not 0 <= args.shared <= min(args.left, args.right):
        parser.error("--shared must be between 0 and the smaller of --left and --right")
    print(f"numpy {np.__version__}, polars {pl.__version__}, Python {sys.version.split()[0]}")
    if args.emails:
        bench_hashing(args.emails, args.seed)
    bench_overlap(args.left, args.right, args.shared, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\npeak RSS {peak / 1024:,.0f} MB" if sys.platform != "darwin" else f"\npeak RSS {peak / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
