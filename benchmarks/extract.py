"""Extraction speed: texts per second in process and through the CLI, over generated ~1 KB claim texts.

    python benchmarks/extract.py [--texts 3000] [--seed 7]

The texts are generated here (Faker for names and places, our own templates for the claim wording), so the
figures are reproducible and nothing real is involved. Beside each figure the script prints the ratio to a
baseline run on the same texts in the same process: a plain-regex extractor of the kind one writes in an
hour (records, price, a few data words), which is the floor a real extractor is compared with.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEMPLATES_EN = [
    "A threat actor on a well-known cybercrime forum claims to be selling a database allegedly stolen from "
    "{company}, a {sector} company based in {city}. The listing says the dump holds {count} records of "
    "{people}, including {fields}. The seller asks {price} and says the price is negotiable. A sample of "
    "{sample} lines was shared to prove the data is genuine. {company} has not confirmed the breach. ",
    "{company} customer data leaked for free: a user going by '{handle}' posted {count} lines on a hacking "
    "forum on {date}. Exposed fields: {fields}. The archive weighs {size} GB and the poster claims the data "
    "was taken through an exposed API. Researchers at {other} spotted the post and warned the company. ",
    "The {group} ransomware gang added {company} to its leak site, claiming to hold {size} GB of files "
    "including {fields}. The group threatens to publish everything unless a ransom of {price} is paid "
    "before the timer ends. {company}, which employs {employees} people, said it is investigating. ",
]
TEMPLATES_FR = [
    "Un individu se faisant appeler {handle} met en vente sur un forum cybercriminel une base de données "
    "de {company}, qui concernerait {count} clients. Le fichier comprend {fields_fr}. Le prix demandé est "
    "de {price}, à débattre. Un échantillon de {sample} lignes a été publié. L'entreprise, basée à {city}, "
    "n'a pas réagi. ",
]
FIELDS_EN = ["full names", "email addresses", "phone numbers", "home addresses", "dates of birth",
             "IBANs", "passwords hashed with bcrypt", "social security numbers", "order histories"]
FIELDS_FR = ["noms", "prénoms", "adresses e-mail", "numéros de téléphone", "adresses postales",
             "dates de naissance", "IBAN", "numéros de sécurité sociale"]
GROUPS = ["LockBit", "Akira", "Play", "Black Basta", "Qilin", "Medusa"]


def generate(n: int, seed: int) -> list[str]:
    from faker import Faker

    fake = Faker(["en_US", "fr_FR"])
    Faker.seed(seed)
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        french = rng.random() < 0.3
        template = rng.choice(TEMPLATES_FR if french else TEMPLATES_EN)
        values = {
            "company": fake.company(), "sector": rng.choice(["retail", "insurance", "telecom", "healthcare"]),
            "city": fake.city(), "count": f"{rng.randint(10_000, 90_000_000):,}".replace(",", " " if french else ","),
            "people": rng.choice(["customers", "users", "patients", "subscribers"]),
            "fields": ", ".join(rng.sample(FIELDS_EN, 4)), "fields_fr": ", ".join(rng.sample(FIELDS_FR, 4)),
            "price": rng.choice(["$2,500", "2500$", "0.5 BTC", "4k USD", "3 000 €"]),
            "sample": rng.randint(100, 5000), "handle": fake.user_name(), "date": fake.date_this_decade().isoformat(),
            "size": rng.randint(2, 900), "other": fake.company(), "group": rng.choice(GROUPS),
            "employees": f"{rng.randint(50, 90_000):,}",
        }
        text = template.format(**values)
        while len(text) < 900:
            text += template.format(**values)
        texts.append(text[:1100])
    return texts


_BASE_COUNT = re.compile(r"(\d[\d,. ]*\d|\d)\s*(?:(million|m)\b)?\s*(?:records|lines|users|customers|clients)", re.I)
_BASE_PRICE = re.compile(r"[$€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:\$|€|BTC|USD)", re.I)
_BASE_FIELDS = re.compile(r"\b(email|phone|address|password|name|iban|birth)", re.I)


def baseline(text: str) -> dict[str, object]:
    """The floor: a regex extractor with no context at all."""
    count = _BASE_COUNT.search(text)
    price = _BASE_PRICE.search(text)
    return {"records": count.group(0) if count else None, "price": price.group(0) if price else None,
            "fields": sorted({m.lower() for m in _BASE_FIELDS.findall(text)})}


def rate(func, texts: list[str]) -> tuple[float, list[float]]:
    latencies = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter()
        func(text)
        latencies.append(time.perf_counter() - t0)
    return len(texts) / (time.perf_counter() - started), latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = generate(args.texts, args.seed)
    mean_kb = statistics.mean(len(t.encode()) for t in texts) / 1024
    print(f"texts: {len(texts)} generated, mean size {mean_kb:.2f} KB")

    started = time.perf_counter()
    from breachlens import analyze

    analyze("warm-up: selling Acme database, 2M lines, emails, 500$")
    warm = time.perf_counter() - started
    ours, latencies = rate(analyze, texts)
    base, _ = rate(baseline, texts)
    p50 = statistics.median(latencies) * 1000
    p99 = sorted(latencies)[int(len(latencies) * 0.99) - 1] * 1000
    print(f"in process   {ours:8.0f} texts/s  (p50 {p50:.2f} ms, p99 {p99:.2f} ms; first call incl. loading "
          f"knowledge {warm:.2f} s)")
    print(f"baseline     {base:8.0f} texts/s  (plain regex, no context)   ratio ours/baseline: {ours / base:.3f}")

    exe = Path(sys.executable).with_name("breachlens")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "breachlens"]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, text in enumerate(texts):
            path = Path(folder) / f"t{i:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        env = dict(os.environ, BREACHLENS_HOME=folder)
        t0 = time.perf_counter()
        subprocess.run([*cmd, "analyze", "--format", "json", paths[0]], check=True, capture_output=True, env=env)
        startup = time.perf_counter() - t0
        t0 = time.perf_counter()
        done = subprocess.run([*cmd, "analyze", "--format", "json", *paths], check=True, capture_output=True,
                              env=env)
        elapsed = time.perf_counter() - t0
        claims = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(claims) == len(texts)
    print(f"CLI          {len(texts) / elapsed:8.0f} texts/s  ({len(texts)} files in one call, {elapsed:.1f} s, "
          f"incl. severity and JSON)")
    print(f"CLI start    {startup:8.2f} s for one file (process start, imports, knowledge, one analysis)")
    print(f"peak RSS     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB (this process)")
    found = sum(1 for c in claims if c["records"]) / len(claims)
    print(f"sanity       records found in {found:.0%} of the generated texts")


if __name__ == "__main__":
    main()
