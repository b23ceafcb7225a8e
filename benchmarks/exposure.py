"""Exposure index speed: indexing identifiers, the in-process lookup, and the HTTP lookup under load.

    python benchmarks/exposure.py [--identifiers 22000000] [--phones 0.2] [--workers 2] [--lookups 200000]
                                  [--http-seconds 10] [--concurrency 16] [--server-workers 2] [--client raw|httpx]
                                  [--public] [--seed 5]

Indexing: ``--identifiers`` distinct identifiers are generated here, vectorised (e-mail addresses
``first.last<n>@domain`` from Faker's name lists and 12 domains, 10 % upper-cased, and ``--phones`` of them French
mobile numbers written nationally with spaces), in batches of a million (before the clock starts), then normalised
(``normalise_emails`` / ``normalise_phones``), hashed (HMAC-SHA-256 under a random secret, in ``--workers`` processes,
each batch sorted there) and merged into the index (``ExposureIndex.add``: merge of the sorted runs, prefix table,
written and fsync-ed) in a temporary BREACHLENS_HOME. The figure is identifiers per second from the first batch to the
new generation on disk, and bytes on disk per identifier (every file of the generation). ``--public`` also computes
and stores SHA-1 hashes (the range API).

In-process lookup: ``--lookups`` identifiers (half indexed, half not), timed one call at a time
(``perf_counter_ns``): the index probe (``lookup_hash``: prefix table + ``bisect`` on memoryviews) and the whole
lookup of a typed string (normalise, HMAC, probe). The baseline, in the same run on the same hashes: one
``np.searchsorted`` on the memory-mapped sorted array per query (no prefix table).

HTTP: uvicorn serving ``create_app()`` is started in another process (``--server-workers``), and a second process
sends ``GET /api/v3/breachedaccount/{email}`` with an API key for ``--http-seconds`` from ``--concurrency`` tasks of an
async client (``httpx.AsyncClient``, or ``raw``: HTTP/1.1 keep-alive over asyncio streams, a lighter client that
leaves more of the two cores to the server). Requests per second and latency p50/p99 are printed. Rate limits are
raised for the run. Goal: 22 M identifiers in < 60 s at <= 16 bytes each, p99 < 10 µs in process, > 2,000 HTTP
lookups/s with p99 < 20 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from breachlens.exposure.index import ExposureIndex  # noqa: E402
from breachlens.exposure.ingest import hash_frames  # noqa: E402
from breachlens.exposure.normalise import normalise_identifier  # noqa: E402
from breachlens.model import Breach  # noqa: E402

BATCH = 1_000_000


def _names(seed: int) -> tuple[np.ndarray, np.ndarray]:
    import unicodedata

    from faker import Faker

    fake = Faker(["fr_FR", "en_GB"])
    fake.seed_instance(seed)

    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if c.isascii() and c.isalnum())

    firsts = sorted({plain(fake.first_name()) for _ in range(2000)} - {""})
    lasts = sorted({plain(fake.last_name()) for _ in range(4000)} - {""})
    return np.array(firsts), np.array(lasts)


def batches(n: int, phone_share: float, seed: int) -> Iterator[tuple[list[pl.Series], list[pl.Series]]]:
    """Distinct identifiers, a million at a time: (e-mail columns, phone columns) as ``hash_frames`` takes them."""
    firsts, lasts = _names(seed)
    domains = np.array(["gmail.com", "yahoo.fr", "orange.fr", "free.fr", "hotmail.fr", "laposte.net", "sfr.fr",
                        "outlook.com", "wanadoo.fr", "gmx.de", "icloud.com", "proton.me"])
    rng = np.random.default_rng(seed)
    phones_total = int(n * phone_share)
    for start in range(0, n, BATCH):
        size = min(BATCH, n - start)
        serial = np.arange(start, start + size)  # makes every identifier distinct
        is_phone = serial >= n - phones_total  # the last ones: the first batch is e-mails
        emails = serial[~is_phone]
        frame = pl.DataFrame({"first": firsts[rng.integers(0, firsts.size, emails.size)],
                              "last": lasts[rng.integers(0, lasts.size, emails.size)], "n": emails,
                              "domain": domains[rng.integers(0, domains.size, emails.size)]})
        email = frame.select(pl.concat_str([pl.col("first"), pl.lit("."), pl.col("last"), pl.col("n").cast(pl.String),
                                            pl.lit("@"), pl.col("domain")])).to_series()
        upper = rng.random(email.len()) < 0.1
        email = pl.select(pl.when(pl.Series(upper)).then(email.str.to_uppercase()).otherwise(email)).to_series()
        phones = serial[is_phone]
        digits = pl.Series((6_10_000_000 + phones % 90_000_000).astype(np.int64)).cast(pl.String)  # 0610000000..
        phone = ("0" + digits.str.slice(0, 1) + " " + digits.str.slice(1, 2) + " " + digits.str.slice(3, 2) + " "
                 + digits.str.slice(5, 2) + " " + digits.str.slice(7, 2))
        yield [email.alias("email")], ([phone.alias("phone")] if phone.len() else [])


def sample_identifiers(n: int, phone_share: float, seed: int, count: int) -> list[str]:
    """``count`` identifiers that are in the index (regenerated from the first batch)."""
    emails, phones = next(batches(n, phone_share, seed))  # the first batch, as it was indexed
    values = emails[0].to_list() + (phones[0].to_list() if phones else [])
    rng = np.random.default_rng(seed + 1)
    return [values[i] for i in rng.integers(0, len(values), count)]


def percentiles(values_ns: np.ndarray) -> tuple[float, float]:
    return float(np.percentile(values_ns, 50)) / 1000, float(np.percentile(values_ns, 99)) / 1000


def _cpu() -> tuple[float, float]:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def bench_index(args: argparse.Namespace, home: Path) -> ExposureIndex:
    secret = secrets.token_bytes(32)
    (home / "secret").write_bytes(secret)
    os.chmod(home / "secret", 0o600)
    generating = time.perf_counter()
    data = list(batches(args.identifiers, args.phones, args.seed))  # generated first: not part of the figure
    started = time.perf_counter()
    cpu_before = _cpu()
    print(f"generated {args.identifiers:,} identifiers in {started - generating:.1f} s (not timed below)")
    hashed = hash_frames(iter(data), secret, public=args.public, workers=args.workers)
    hashed_at = time.perf_counter()
    index = ExposureIndex(home, secret=secret)
    index.add(Breach(name="bench", title="Benchmark", data_categories=["email", "phone"]), hashed.keyed,
              hashed.sha1, public=args.public)
    done = time.perf_counter()
    generation = next(p for p in (home / "exposure" / "index").iterdir() if p.is_dir())
    size = sum(p.stat().st_size for p in generation.iterdir())
    keyed_size = sum(p.stat().st_size for p in generation.iterdir() if not p.name.startswith("sha1"))
    total = done - started
    main_cpu, workers_cpu = (after - before for after, before in zip(_cpu(), cpu_before, strict=True))
    print(f"index: {args.identifiers:,} identifiers ({hashed.emails:,} e-mails, {hashed.phones:,} phones) in "
          f"{total:.1f} s = {args.identifiers / total:,.0f}/s (normalise + hash in {args.workers} processes "
          f"{hashed_at - started:.1f} s, sort + merge + write {done - hashed_at:.1f} s)")
    print(f"index: CPU time {main_cpu + workers_cpu:.1f} s (this process {main_cpu:.1f} s, hashing processes "
          f"{workers_cpu:.1f} s): {(main_cpu + workers_cpu) / 2:.1f} s of wall time on 2 free cores; load average "
          f"during the run {os.getloadavg()[0]:.1f} (other programs on the machine slow the wall time)")
    public = ", SHA-1 for the range API included" if args.public else ""
    print(f"index: {size / args.identifiers:.2f} bytes per identifier on disk "
          f"(keyed index {keyed_size / args.identifiers:.2f}{public}); {index.breaches()[0].identifiers:,} distinct")
    return index


def bench_lookup(args: argparse.Namespace, index: ExposureIndex) -> list[str]:
    present = sample_identifiers(args.identifiers, args.phones, args.seed, args.lookups // 2)
    absent = [f"nobody{i}@nowhere.example" for i in range(args.lookups - len(present))]
    texts = present + absent
    identifiers = [normalise_identifier(t) for t in texts]
    hasher = index.hasher
    keys = [hasher(i.keyed_input) for i in identifiers]
    view = index.view()
    found = sum(1 for k in keys if index.lookup_hash(k))
    assert found == len(present), (found, len(present))
    clock = time.perf_counter_ns
    probe = np.empty(len(keys), dtype=np.int64)
    for position, key in enumerate(keys):
        start = clock()
        index.lookup_hash(key)
        probe[position] = clock() - start
    whole = np.empty(len(texts), dtype=np.int64)
    for position, text in enumerate(texts):
        start = clock()
        index.lookup(normalise_identifier(text))
        whole[position] = clock() - start
    sorted_keys = view.keys
    baseline = np.empty(len(keys), dtype=np.int64)
    for position, key in enumerate(keys):
        start = clock()
        at = int(np.searchsorted(sorted_keys, np.uint64(key)))
        _ = at < sorted_keys.size and int(sorted_keys[at]) == key
        baseline[position] = clock() - start
    p50, p99 = percentiles(probe)
    b50, b99 = percentiles(baseline)
    w50, w99 = percentiles(whole)
    print(f"lookup in process ({len(keys):,} queries, half found): probe p50 {p50:.2f} µs, p99 {p99:.2f} µs; "
          f"baseline np.searchsorted p50 {b50:.2f} µs, p99 {b99:.2f} µs (x{b99 / p99:.1f} at p99)")
    print(f"lookup in process, typed string to breaches (normalise + HMAC + probe): p50 {w50:.2f} µs, "
          f"p99 {w99:.2f} µs")
    return [t for t in present if "@" in t]


# ------------------------------------------------------------------------------------------------ HTTP
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _httpx_load(url: str, key: str, emails: list[str], seconds: float, concurrency: int) -> list[float]:
    import httpx

    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10,
                                 headers={"hibp-api-key": key, "user-agent": "breachlens-bench"}) as client:
        async def worker(offset: int) -> None:
            position = offset
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                answer = await client.get(f"/api/v3/breachedaccount/{emails[position % len(emails)]}")
                if answer.status_code != 200:
                    raise RuntimeError(f"HTTP {answer.status_code}: {answer.text[:200]}")
                latencies.append(time.perf_counter() - start)
                position += concurrency

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies


async def _raw_load(url: str, key: str, emails: list[str], seconds: float, concurrency: int) -> list[float]:
    host, port = url.removeprefix("http://").split(":")
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        position = offset
        while time.perf_counter() < deadline:
            account = quote(emails[position % len(emails)], safe="@+")
            request = (f"GET /api/v3/breachedaccount/{account} HTTP/1.1\r\nHost: {host}\r\n"
                       f"hibp-api-key: {key}\r\nuser-agent: breachlens-bench\r\n\r\n").encode()
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(head.decode(errors="replace")[:200])
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length")))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            position += concurrency
        writer.close()

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return latencies


def load_main() -> None:
    """The load-generating process: reads its job from stdin, prints its latencies' summary as JSON."""
    job = json.loads(sys.stdin.read())
    run = _raw_load if job["client"] == "raw" else _httpx_load
    started = time.perf_counter()
    latencies = asyncio.run(run(job["url"], job["key"], job["emails"], job["seconds"], job["concurrency"]))
    elapsed = time.perf_counter() - started
    values = np.array(latencies) * 1000
    print(json.dumps({"requests": len(latencies), "seconds": elapsed, "p50": float(np.percentile(values, 50)),
                      "p99": float(np.percentile(values, 99))}))


def bench_http(args: argparse.Namespace, home: Path, emails: list[str]) -> None:
    from breachlens.exposure.keys import KeyStore

    _, key = KeyStore(home).create(label="benchmark")
    port = _free_port()
    env = {**os.environ, "BREACHLENS_HOME": str(home), "BREACHLENS_EXPOSURE_KEY_RATE": "1000000",
           "BREACHLENS_EXPOSURE_IP_RATE": "1000000"}
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "breachlens.exposure.app:create_app",
                               "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.server_workers),
                               "--log-level", "warning", "--no-access-log"], env=env)
    try:
        import httpx

        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v3/dataclasses",
                             headers={"user-agent": "bench"}).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        job = {"url": f"http://127.0.0.1:{port}", "key": key, "emails": emails, "seconds": args.http_seconds,
               "concurrency": args.concurrency, "client": args.client}
        warm = {**job, "seconds": 1.0}
        for item in (warm, job):
            done = subprocess.run([sys.executable, __file__, "--load-generator"], input=json.dumps(item), text=True,
                                  capture_output=True, env=env, check=True)
        result = json.loads(done.stdout)
        print(f"HTTP ({args.client} client, {args.concurrency} concurrent, {args.server_workers} uvicorn "
              f"worker(s), 2 processes on {os.cpu_count()} cores): {result['requests'] / result['seconds']:,.0f} "
              f"lookups/s, latency p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--identifiers", type=int, default=22_000_000)
    parser.add_argument("--phones", type=float, default=0.2, help="share of phone numbers")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="hashing processes")
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--http-seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--client", choices=["httpx", "raw"], default="raw")
    parser.add_argument("--public", action="store_true", help="also SHA-1 hashes (range API)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--load-generator", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_generator:
        load_main()
        return
    with tempfile.TemporaryDirectory(prefix="breachlens-exposure-bench-") as folder:
        home = Path(folder)
        index = bench_index(args, home)
        emails = bench_lookup(args, index)
        if args.http_seconds > 0:
            bench_http(args, home, emails[:20_000])
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB (this process)")


if __name__ == "__main__":
    main()
