"""Sample verification speed: a synthetic French file profiled end to end, beside two baselines.

    python benchmarks/samples.py [--rows 1000000] [--file PATH] [--presidio-rows 10000] [--seed 1] [--repeat 1]

Without ``--file``, ``breachlens sample synth`` writes ``--rows`` realistic French rows (names, e-mail, phone,
address, postal code, city, birth date, NIR, IBAN, registration date; about 180 bytes a row) in a child process.
Then, in this process, on the same file:

* **breachlens**: ``verify_sample`` (read, decide the columns, every validity, consistency and fabrication
  check, keyed hashes of the identifiers, overlap with the registered dumps — none here — and the verdict):
  rows/s, MB/s, and the peak RSS of the process at that point;
* **floor**: a plain ``polars`` lazy scan of the file with one form regex per column, no checks;
* **Presidio** (``presidio-analyzer``, if installed: ``pip install presidio-analyzer``) on the first
  ``--presidio-rows`` rows, cell by cell, with a blank spaCy pipeline (no model may be downloaded; its pattern
  recognisers run, its name recogniser cannot), and which entity it gives each column.

Machines drift (on the two-core machine this was written on, by 15-30 % from minute to minute), so one run can
mislead: ``--repeat N`` measures breachlens and the floor N times, each time in a fresh process (so that every
run pays the same one-off costs: imports, references), one right after the other, and prints each run's ratio
(both measured within seconds of each other) with the median and the best.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

FORMS = {  # the floor's regexes: the forms of the columns of a synthetic French sample
    "email": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    "telephone": r"^(?:\+33|0)\s?[1-9](?:[\s.-]?\d{2}){4}$",
    "code_postal": r"^\d{5}$",
    "date_naissance": r"^\d{4}-\d{2}-\d{2}$|^\d{2}/\d{2}/\d{4}$",
    "date_inscription": r"^\d{4}-\d{2}-\d{2}",
    "nir": r"^[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}$",
    "iban": r"^FR\d{2}(?:\s?[0-9A-Z]{4}){5}\s?[0-9A-Z]{3}$",
    "nom": r"^[A-ZÀ-Ý][\w' -]+$",
    "prenom": r"^[A-ZÀ-Ý][\w' -]+$",
    "ville": r"^[\w' -]+$",
    "adresse": r"^\d+",
    "civilite": r"^(?:M|Mme|Mlle)\.?$",
}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthesize(path: Path, rows: int, seed: int) -> None:
    started = time.perf_counter()
    breachlens = Path(sys.executable).with_name("breachlens")
    subprocess.run([str(breachlens), "sample", "synth", "--rows", str(rows), "--seed", str(seed), "-o", str(path)],
                   check=True)
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    print(f"synthetic file     {rows:,} rows, {size / 1e6:,.0f} MB ({size / rows:.0f} bytes a row), "
          f"written in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)")


def ours(path: Path, home: Path, *, quiet: bool = False) -> tuple[float, int]:
    from breachlens.samples.attribution import Flows
    from breachlens.samples.fingerprint import Registry
    from breachlens.samples.profile import verify_sample

    started = time.perf_counter()
    report = verify_sample(path, registry=Registry(home), flows=Flows(home))
    seconds = time.perf_counter() - started
    rows = report.read.rows
    size = path.stat().st_size
    if quiet:
        return seconds, rows
    print(f"breachlens         {rows / seconds:>12,.0f} rows/s  {size / 1e6 / seconds:7.1f} MB/s  ({seconds:.2f} s, "
          f"{len(report.columns)} columns, {len(report.checks)} checks, verdict {report.verdict.value}); "
          f"peak RSS {peak_rss_mb():,.0f} MB")
    print("                   columns: " + ", ".join(f"{c.name}={c.kind}" for c in report.columns))
    return seconds, rows


def floor(path: Path, *, quiet: bool = False) -> float:
    import polars as pl

    started = time.perf_counter()
    header = pl.read_csv(path, n_rows=1, infer_schema=False).columns
    exprs = [pl.col(c).str.contains(FORMS[c]).sum().alias(c) for c in header if c in FORMS]
    counts = pl.scan_csv(path, infer_schema=False).select(exprs).collect().row(0)
    seconds = time.perf_counter() - started
    if quiet:
        return seconds
    rows = pl.scan_csv(path, infer_schema=False).select(pl.len()).collect().item()
    print(f"polars scan        {rows / seconds:>12,.0f} rows/s  {path.stat().st_size / 1e6 / seconds:7.1f} MB/s  "
          f"({seconds:.2f} s, {len(counts)} regexes, no checks)")
    return seconds


def presidio(path: Path, rows: int) -> float | None:
    try:
        import spacy
        import tldextract
    except ImportError:
        print("presidio           not installed (pip install presidio-analyzer): skipped")
        return None
    # its e-mail check must not fetch the list
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())  # type: ignore[assignment]
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        print("presidio           not installed (pip install presidio-analyzer): skipped")
        return None
    import polars as pl

    with tempfile.TemporaryDirectory() as blank:
        spacy.blank("en").to_disk(blank)
        provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                        "models": [{"lang_code": "en", "model_name": blank}]})
        engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        frame = pl.read_csv(path, n_rows=rows, infer_schema=False)
        labels: dict[str, Counter[str]] = {c: Counter() for c in frame.columns}
        started = time.perf_counter()
        for row in frame.iter_rows(named=True):
            for column, value in row.items():
                if value:
                    found = engine.analyze(value, language="en")
                    best = max(found, key=lambda r: r.score).entity_type if found else "nothing"
                    labels[column][best] += 1
        seconds = time.perf_counter() - started
    print(f"presidio           {frame.height / seconds:>12,.0f} rows/s  on {frame.height:,} rows ({seconds:.1f} s)")
    print("                   columns: " + ", ".join(f"{c}={counts.most_common(1)[0][0]}"
                                                     for c, counts in labels.items() if counts))
    return frame.height / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, help="profile this file instead of a synthetic one")
    parser.add_argument("--presidio-rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="measure N times, each in a fresh process")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)  # a child of --repeat
    args = parser.parse_args()
    if args.one_run:
        one_run(args.file)
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["BREACHLENS_HOME"] = str(home)
        path = args.file
        if path is None:
            path = Path(tmp) / "synthetic.csv"
            synthesize(path, args.rows, args.seed)
        if args.repeat > 1:
            ours_seconds, rows = repeated(path, args.repeat)
        else:
            ours_seconds, rows = ours(path, home)
            floor_seconds = floor(path)
            print(f"ratio              breachlens takes {ours_seconds / floor_seconds:.1f}x the plain scan "
                  f"(goal: within 3x)")
        presidio_rate = presidio(path, args.presidio_rows)
        if presidio_rate:
            print(f"ratio              breachlens is {rows / ours_seconds / presidio_rate:,.0f}x faster than presidio "
                  f"per row")


def one_run(path: Path) -> None:
    """Measure breachlens then the floor once, in this fresh process, and print them as one JSON line."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["BREACHLENS_HOME"] = str(home)
        seconds, rows = ours(path, home, quiet=True)
        rss = peak_rss_mb()
        print(json.dumps({"ours": seconds, "rows": rows, "rss": rss, "floor": floor(path, quiet=True)}))


def repeated(path: Path, times: int) -> tuple[float, int]:
    """``times`` runs of ``one_run`` in child processes: each run's figures, then the median and the best."""
    runs = []
    for number in range(1, times + 1):
        done = subprocess.run([sys.executable, __file__, "--file", str(path), "--one-run"], check=True,
                              capture_output=True, text=True)
        run = json.loads(done.stdout.strip().splitlines()[-1])
        runs.append(run)
        print(f"run {number:<14} breachlens {run['ours']:.2f} s ({run['rows'] / run['ours']:,.0f} rows/s, peak RSS "
              f"{run['rss']:,.0f} MB), floor {run['floor']:.2f} s: {run['ours'] / run['floor']:.1f}x")
    ratios = [run["ours"] / run["floor"] for run in runs]
    seconds = [run["ours"] for run in runs]
    rows = runs[0]["rows"]
    size = path.stat().st_size
    print(f"breachlens         median {statistics.median(seconds):.2f} s ({rows / statistics.median(seconds):,.0f} "
          f"rows/s, {size / 1e6 / statistics.median(seconds):.1f} MB/s), best {min(seconds):.2f} s; "
          f"peak RSS up to {max(run['rss'] for run in runs):,.0f} MB")
    print(f"polars scan        median {statistics.median(run['floor'] for run in runs):.2f} s, "
          f"best {min(run['floor'] for run in runs):.2f} s")
    print(f"ratio              breachlens takes {statistics.median(ratios):.1f}x the plain scan (median of "
          f"{times} runs; best {min(ratios):.1f}x, worst {max(ratios):.1f}x; goal: within 3x)")
    return statistics.median(seconds), rows


if __name__ == "__main__":
    main()
