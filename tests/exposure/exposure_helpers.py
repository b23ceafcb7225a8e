"""Helpers of the exposure tests: a synthetic dump (Faker people), the CLI as a real process, a free port."""

from __future__ import annotations

import csv
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from breachlens.exposure.normalise import normalise_phone


@dataclass
class Dump:
    path: Path
    emails: list[str]  # as written in the file (mixed case, spaces)
    phones: list[str]  # French national numbers as written
    domain_emails: list[str]  # the addresses of example.fr


def write_dump(path: Path, rows: int = 300, seed: int = 7, domain_share: int = 10) -> Dump:
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    emails: list[str] = []
    phones: list[str] = []
    domain_emails: list[str] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["id", "nom", "prenom", "courriel", "portable", "ville"])
        for row in range(rows):
            if row % domain_share == 0:
                email = f"{fake.user_name()}{row}@example.fr"
                domain_emails.append(email)
            else:
                email = f"{fake.user_name()}{row}@{fake.free_email_domain()}"
            email = email.capitalize() if row % 3 == 0 else email
            phone = "06" + f"{fake.random_number(digits=8, fix_len=True):08d}"
            while normalise_phone(phone) is None:  # some 06 ranges are overseas numbers, not France's
                phone = "06" + f"{fake.random_number(digits=8, fix_len=True):08d}"
            phone = " ".join(phone[i:i + 2] for i in range(0, 10, 2)) if row % 2 else phone
            emails.append(email)
            phones.append(phone)
            writer.writerow([row, fake.last_name(), fake.first_name(), email, phone, fake.city()])
    return Dump(path=path, emails=emails, phones=phones, domain_emails=domain_emails)


def run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``breachlens ARGS`` as a user runs it: a real process."""
    env = dict(os.environ)
    if home is not None:
        env["BREACHLENS_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "breachlens", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
