"""Synthetic leaked samples for the reader tests: Faker people written as CSV, JSON, SQL dumps, XLSX, .gz, .zip.

Nothing here is real data: values come from Faker (fr_FR) with a fixed seed, or are literals written for the tests.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import struct
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from faker import Faker

COLUMNS = ["id", "first_name", "last_name", "email", "phone", "city", "note"]


@cache
def _pools() -> dict[str, list[str]]:
    fake = Faker("fr_FR")
    fake.seed_instance(20240313)
    return {
        "first_name": [fake.first_name() for _ in range(300)],
        "last_name": [fake.last_name() for _ in range(300)],
        "email": [fake.email() for _ in range(300)],
        "phone": [fake.phone_number() for _ in range(300)],
        "city": [fake.city() for _ in range(300)],
        # awkward notes: delimiters, doubled quotes and line breaks inside quoted fields
        "note": [fake.sentence(), f"{fake.street_address()}; {fake.postcode()}", 'dit "bonjour", puis part',
                 f"ligne 1\nligne 2 {fake.word()}", ""],
    }


def people(count: int, seed: int = 1) -> list[dict[str, str]]:
    """``count`` synthetic people with the :data:`COLUMNS`, the same for the same seed."""
    pools = _pools()
    chooser = random.Random(seed)
    return [{"id": str(i + 1), **{k: chooser.choice(v) for k, v in pools.items()}} for i in range(count)]


def csv_text(rows: list[dict[str, str]], *, delimiter: str = ",", header: bool = True) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    writer.writerows([[row[c] for c in COLUMNS] for row in rows])
    return out.getvalue()


def mysql_dump(table: str, rows: list[dict[str, str]]) -> str:
    """A mysqldump-like dump: CREATE TABLE, then extended INSERTs of 500 rows with backslash escapes."""
    def literal(value: str) -> str:
        if not value:
            return "NULL"
        if value.isdigit():
            return value
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
        return f"'{escaped}'"

    lines = ["-- MySQL dump 10.13", f"DROP TABLE IF EXISTS `{table}`;", f"CREATE TABLE `{table}` ("]
    lines += [f"  `{c}` varchar(255) DEFAULT NULL," for c in COLUMNS] + ["  PRIMARY KEY (`id`)", ") ENGINE=InnoDB;"]
    names = ",".join(f"`{c}`" for c in COLUMNS)
    for start in range(0, len(rows), 500):
        values = ",".join("(" + ",".join(literal(r[c]) for c in COLUMNS) + ")" for r in rows[start: start + 500])
        lines.append(f"INSERT INTO `{table}` ({names}) VALUES {values};")
    return "\n".join(lines) + "\n"


def postgres_dump(table: str, rows: list[dict[str, str]]) -> str:
    """A pg_dump-like dump: COPY ... FROM stdin with tab-separated fields, \\N for null, backslash escapes."""
    def field(value: str) -> str:
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") if value else "\\N"

    lines = ["--", "-- PostgreSQL database dump", "--", "SET standard_conforming_strings = on;",
             f"COPY public.{table} ({', '.join(COLUMNS)}) FROM stdin;"]
    lines += ["\t".join(field(row[c]) for c in COLUMNS) for row in rows]
    return "\n".join(lines + ["\\.", ""])


def json_text(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1)


def jsonl_text(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_gzip(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data, mtime=0))
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def mark_encrypted(path: Path) -> Path:
    """Set the "encrypted" flag of every entry of a zip (local headers and central directory), as a password
    tool would; the data stays as it was, which is all a reader needs to refuse it."""
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            (flags,) = struct.unpack_from("<H", data, start + flag_offset)
            struct.pack_into("<H", data, start + flag_offset, flags | 0x1)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path
