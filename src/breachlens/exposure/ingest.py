"""Turning a dump into exposure-index entries: read any sample format, find the e-mail and phone columns, hash.

The file is read batch by batch by ``samples.readers.read_sample`` (CSV/TSV, JSON, JSON Lines, SQL dumps, XLSX,
inside .gz or .zip); the columns are decided on the first batch by the sample detectors (``plan_columns``), and
every column found to hold e-mails or phones is normalised (vectorised) and hashed: HMAC-SHA-256 under the
installation secret (``kind:value``, 64 bits), and for a ``public`` breach also SHA-1 of the value. Hashing is the
costly part (about a microsecond a value in CPython), so batches are hashed in ``workers`` processes while this one
reads the next batch. Nothing of the dump is written in clear; for the e-mail domains that have a domain API key
(``watched``), the local parts are kept encrypted for ``breacheddomain`` (``exposure.domains``).

Example::

    hashed = hash_file(Path("dump.csv"), secret, public=False)
    hashed.keyed.size, hashed.rows, hashed.columns          # 812_000, 1_000_000, {"mail": "email", ...}
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from breachlens.errors import InputError, SampleFormatError
from breachlens.model import Breach, IndexedBreach

__all__ = ["Hashed", "hash_columns", "hash_file", "hash_frames", "index_file"]


@dataclass
class Hashed:
    """What a dump gives the index: hashes, and counts and column kinds for the breach metadata."""

    keyed: np.ndarray  # uint64, may repeat
    sha1: np.ndarray | None  # (n, 20) uint8, public breaches only
    aliases: dict[str, set[str]] = field(default_factory=dict)  # watched domain -> local parts (memory only)
    rows: int = 0
    columns: dict[str, str | None] = field(default_factory=dict)  # column -> detected kind
    categories: list[str] = field(default_factory=list)  # taxonomy keys of the detected columns
    emails: int = 0  # valid values hashed (before de-duplication)
    phones: int = 0


def hash_columns(emails: list[pl.Series], phones: list[pl.Series], secret: bytes, public: bool,
                 watched: frozenset[str] = frozenset(), region: str = "FR") -> Hashed:
    """Normalise and hash raw e-mail and phone columns (run in a worker process)."""
    from breachlens.samples.fingerprint import keyed_hashes, normalise_emails, normalise_phones

    keyed: list[np.ndarray] = []
    digests: list[bytes] = []
    aliases: dict[str, set[str]] = {}
    counts = {"email": 0, "phone": 0}
    for kind, columns in (("email", emails), ("phone", phones)):
        for column in columns:
            values = (normalise_emails(column) if kind == "email" else normalise_phones(column, region)).drop_nulls()
            counts[kind] += values.len()
            if not values.len():
                continue
            keyed.append(keyed_hashes(f"{kind}:" + values, secret))
            if public:
                sha1 = hashlib.sha1
                digests.extend(sha1(v, usedforsecurity=False).digest() for v in values.cast(pl.Binary).to_list())
            if kind == "email" and watched:
                parts = values.str.splitn("@", 2)
                frame = pl.DataFrame({"local": parts.struct.field("field_0"), "domain": parts.struct.field("field_1")})
                for local, domain in frame.filter(pl.col("domain").is_in(list(watched))).iter_rows():
                    aliases.setdefault(domain, set()).add(local)
    sha1_array = (np.frombuffer(b"".join(digests), dtype=np.uint8).reshape(-1, 20) if public
                  else None)
    hashes = np.sort(np.concatenate(keyed)) if keyed else np.empty(0, dtype=np.uint64)  # sorted runs merge fast
    return Hashed(keyed=hashes, sha1=sha1_array,
                  aliases=aliases, emails=counts["email"], phones=counts["phone"])


def _merge(parts: Iterable[Hashed], public: bool) -> Hashed:
    keyed: list[np.ndarray] = []
    sha1: list[np.ndarray] = []
    total = Hashed(keyed=np.empty(0, dtype=np.uint64), sha1=None)
    for part in parts:
        keyed.append(part.keyed)
        if part.sha1 is not None:
            sha1.append(part.sha1)
        for domain, locals_ in part.aliases.items():
            total.aliases.setdefault(domain, set()).update(locals_)
        total.emails += part.emails
        total.phones += part.phones
    total.keyed = np.concatenate(keyed) if keyed else total.keyed
    if public:
        total.sha1 = np.concatenate(sha1) if sha1 else np.empty((0, 20), dtype=np.uint8)
    return total


def hash_frames(frames: Iterator[tuple[list[pl.Series], list[pl.Series]]], secret: bytes, *, public: bool,
                watched: frozenset[str] = frozenset(), region: str = "FR", workers: int | None = None) -> Hashed:
    """Hash batches of (e-mail columns, phone columns) in ``workers`` processes (default: one per core; 1 hashes
    here), keeping at most two batches per worker in flight."""
    workers = workers or os.cpu_count() or 1
    first = next(frames, None)
    second = next(frames, None) if first is not None else None
    batches = itertools.chain([b for b in (first, second) if b is not None], frames)
    if workers <= 1 or second is None:  # one batch: a process pool would cost more than it saves
        return _merge((hash_columns(e, p, secret, public, watched, region) for e, p in batches), public)
    import multiprocessing

    results: list[Hashed] = []
    pending: list[Future[Hashed]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for emails, phones in batches:
            pending.append(pool.submit(hash_columns, emails, phones, secret, public, watched, region))
            while len(pending) >= 2 * workers:
                results.append(pending.pop(0).result())
        results.extend(future.result() for future in pending)
    return _merge(results, public)


def hash_file(path: Path, secret: bytes, *, public: bool, watched: frozenset[str] = frozenset(),
              member: str | None = None, region: str = "FR", workers: int | None = None,
              progress: Callable[[int, int], None] | None = None) -> Hashed:
    """Read a dump in any sample format and hash its e-mail and phone columns (see the module docstring)."""
    from breachlens.samples.profile import plan_columns
    from breachlens.samples.readers import read_sample

    if not path.is_file():
        raise InputError("no such file", input=str(path), hint="give the path of the dump to index")
    with read_sample(path, member=member, progress=progress) as reader:
        batches = iter(reader)
        first = next(batches, None)
        if first is None:
            raise SampleFormatError("no rows could be read", input=str(path),
                                    hint="is it a table of records (CSV, JSON, SQL dump, XLSX)?")
        plan = plan_columns(first)
        emails = [c.name for c in plan if c.kind == "email"]
        phones = [c.name for c in plan if c.kind == "phone"]
        if not emails and not phones:
            found = ", ".join(f"{c.name}={c.kind}" for c in plan if c.kind) or "nothing recognised"
            raise InputError("no e-mail or phone column found: nothing to index", input=str(path),
                             hint=f"columns detected: {found}; `breachlens sample verify` shows why")

        def frames() -> Iterator[tuple[list[pl.Series], list[pl.Series]]]:
            yield [first[c] for c in emails], [first[c] for c in phones]
            for batch in batches:
                yield [batch[c] for c in emails], [batch[c] for c in phones]

        hashed = hash_frames(frames(), secret, public=public, watched=watched, region=region, workers=workers)
        hashed.rows = reader.info.rows
    hashed.columns = {c.name: c.kind for c in plan}
    hashed.categories = sorted({c.category for c in plan if c.category})
    return hashed


def index_file(path: Path, breach: Breach, *, public: bool = False, sector: str | None = None,
               member: str | None = None, region: str = "FR", workers: int | None = None,
               progress: Callable[[int, int], None] | None = None,
               home: Path | None = None) -> tuple[IndexedBreach, Hashed]:
    """Add (or replace) ``breach`` in the exposure index from a dump: hash it, name its data classes after the
    columns found (unless ``breach.data_classes`` is given), merge it into the index, keep the encrypted local parts
    of watched domains. What ``breachlens exposure add`` runs.

    Example::

        indexed, hashed = index_file(Path("dump.csv"), Breach(name="ft-2024", title="France Travail"), public=True)
    """
    from breachlens.exposure.advice import data_class_names
    from breachlens.exposure.domains import AliasStore
    from breachlens.exposure.index import ExposureIndex
    from breachlens.exposure.keys import KeyStore
    from breachlens.samples.fingerprint import check_name
    from breachlens.secret import installation_secret

    check_name(breach.name, "breach")
    if public and breach.sensitive:
        raise InputError("a sensitive breach cannot be public", input=breach.name, hint="drop --public or --sensitive")
    secret = installation_secret(home)
    hashed = hash_file(path, secret, public=public, watched=KeyStore(home).watched_domains(), member=member,
                       region=region, workers=workers, progress=progress)
    if not hashed.keyed.size:
        found = ", ".join(f"{c}={k}" for c, k in hashed.columns.items() if k)
        raise InputError("no valid e-mail address or phone number in the identifier columns", input=str(path),
                         hint=f"columns: {found}")
    categories = sorted(set(hashed.categories) | set(breach.data_categories))
    classes = list(breach.data_classes) or data_class_names(hashed.categories)
    record = breach.model_copy(update={"data_classes": classes, "data_categories": categories})
    indexed = ExposureIndex(home, secret=secret).add(record, hashed.keyed, hashed.sha1, public=public, sector=sector)
    AliasStore(home, secret).add(indexed.number, hashed.aliases)
    return indexed, hashed
