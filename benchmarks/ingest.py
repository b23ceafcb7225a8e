"""Ingest speed: a local RSS feed of generated posts, fetched, analysed, stored and clustered into incidents.

    python benchmarks/ingest.py [--documents 10000] [--seed 5]

A real HTTP server on 127.0.0.1 serves one RSS feed of ``--documents`` items (about 1 KB each, generated with
Faker and our own templates, several posts per victim); the script ingests it into a fresh SQLite database with
``breachlens.ingest.ingest`` (fetch, parse, analyse, assess, one transaction per item), then clusters every
claim into incidents. Beside the figures it prints the baseline run in the same process on the same items:
the analysis alone (extract + severity, no fetch, no store), which is the floor ingest is compared with.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))

from extract import generate  # noqa: E402  (the same generated texts as benchmarks/extract.py)


def feed(texts: list[str]) -> bytes:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    items = []
    for i, text in enumerate(texts):
        title, _, body = text.partition(". ")
        items.append(f"<item><title>{escape(title[:120])}</title><link>http://127.0.0.1/post/{i}</link>"
                     f"<guid>post-{i}</guid><pubDate>{format_datetime(start + timedelta(minutes=i))}</pubDate>"
                     f"<description>{escape(text)}</description></item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
            "<link>http://127.0.0.1/</link><description>generated</description>"
            + "".join(items) + "</channel></rss>").encode()


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    from breachlens.assess.severity import assess_severity
    from breachlens.extract.pipeline import extract, prepare
    from breachlens.ingest import ingest, rebuild_incidents
    from breachlens.sources.http import FetchPolicy
    from breachlens.store import Store

    texts = generate(args.documents, args.seed)
    body = feed(texts)
    server, url = serve(body)
    print(f"documents: {len(texts)} in one RSS feed of {len(body) / 1e6:.1f} MB served on 127.0.0.1")
    extract(prepare(texts[0]))  # load knowledge once, outside both timings

    with tempfile.TemporaryDirectory() as home:
        policy = FetchPolicy(allow_hosts=frozenset({"127.0.0.1"}), max_bytes=len(body) + 1_000_000, timeout=120)
        with Store(f"sqlite:///{home}/bench.db") as store:
            started = time.perf_counter()
            report = ingest(url, store, kind="rss", source="bench-feed", policy=policy)
            ingest_seconds = time.perf_counter() - started
            started = time.perf_counter()
            rebuilt = rebuild_incidents(store)
            cluster_seconds = time.perf_counter() - started
    server.shutdown()

    started = time.perf_counter()
    for text in texts:
        assess_severity(extract(prepare(text)))
    baseline_seconds = time.perf_counter() - started

    total = ingest_seconds + cluster_seconds
    print(f"ingest            {report.items / ingest_seconds:7.0f} documents/s  ({ingest_seconds:.1f} s: fetch, "
          f"parse, analyse, store; {report.new_documents} new documents, {len(report.failed)} failed)")
    print(f"incidents         {rebuilt.incidents} from {rebuilt.claims} claims in {cluster_seconds:.1f} s "
          f"(cluster, severity, novelty, credibility, store)")
    print(f"end to end        {report.items / total:7.0f} documents/s")
    print(f"baseline          {len(texts) / baseline_seconds:7.0f} documents/s  (analysis alone, no fetch or store)"
          f"   ratio ours/baseline: {baseline_seconds / total:.2f}")


if __name__ == "__main__":
    main()
