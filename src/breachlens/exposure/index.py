"""The exposure index: which breaches hold an identifier, answered from keyed hashes only.

Layout, under ``$BREACHLENS_HOME/exposure/index/``: ``CURRENT`` names the live generation, a folder holding

* ``keys.npy`` — the keyed hash of every (identifier, breach) pair, ``uint64``, sorted (an identifier found in
  three breaches is there three times, side by side);
* ``owners.npy`` — the breach number of each entry, ``uint16``;
* ``prefix.npy`` — ``uint32`` offsets: entries whose hash starts with the ``b`` top bits ``p`` are
  ``keys[prefix[p]:prefix[p + 1]]`` (``b`` is chosen so that a bucket holds about 8 entries);
* ``sha1_hi.npy`` / ``sha1_lo.npy`` / ``sha1_owner.npy`` — for breaches added as *public* only: SHA-1 of each
  identifier (first 8 bytes as a sorted ``uint64``, the other 12 as bytes) and its breach, for the range API;
* ``meta.json`` — the breaches (catalogue metadata, number, counts, flags).

That is 10 bytes per identifier and breach plus the prefix table (under one byte), and 22 more per identifier of a
public breach. A generation is never changed: adding or removing a breach merges into a new folder (linear:
``np.searchsorted`` then ``np.insert``, or a mask), then ``CURRENT`` is replaced atomically and older folders are
deleted; a reader that still maps them keeps its view until it looks again. Writers take ``exposure/.lock``.

A lookup takes the top bits of the hash, reads two offsets from the prefix table and bisects the handful of
entries between them — through ``memoryview``s of the memory-mapped arrays with the C ``bisect`` module, so about a
microsecond with no numpy call on the way (``benchmarks/exposure.py``).

Example::

    index = ExposureIndex()
    index.add(breach, keyed=hashes, sha1=None)           # hashes: uint64 keyed hashes (unsorted, may repeat)
    index.lookup(normalise_identifier("jean.dupont@orange.fr"))   # [IndexedBreach(...), ...]
    index.retire("france-travail-2024")
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from breachlens.errors import InputError, StoreError
from breachlens.exposure.normalise import Identifier
from breachlens.model import Breach, IndexedBreach
from breachlens.samples.fingerprint import (
    HASH_FORMAT,
    KeyedHasher,
    as_hashes,
    check_hash_format,
    check_name,
    read_json,
    write_atomic,
    write_json,
)
from breachlens.settings import settings

__all__ = ["ExposureIndex", "IndexView", "RangeEntry"]

FORMAT = HASH_FORMAT  # the index holds keyed hashes: its format is their scheme's
MAX_BREACHES = 65535
_RECHECK_SECONDS = 1.0  # how often a long-lived reader looks whether CURRENT changed


@dataclass(frozen=True)
class RangeEntry:
    """One SHA-1 suffix of a range answer and the public breaches holding it."""

    suffix: str  # 34 upper-case hex digits
    breaches: tuple[str, ...]


def _prefix_bits(entries: int) -> int:
    return int(min(24, max(8, np.ceil(np.log2(max(entries, 1) / 8)))))


def _prefix_table(keys: np.ndarray, bits: int) -> np.ndarray:
    counts = np.bincount((keys >> np.uint64(64 - bits)).astype(np.int64), minlength=1 << bits)
    table = np.zeros((1 << bits) + 1, dtype=np.uint32)
    np.cumsum(counts, out=table[1:])
    return table


class IndexView:
    """One generation of the index, memory-mapped (read-only)."""

    def __init__(self, folder: Path | None, meta: dict[str, Any]) -> None:
        self.folder = folder
        self.generation = folder.name if folder else ""
        self.bits = int(meta.get("prefix_bits", 8))
        self.breaches: dict[int, IndexedBreach] = {}
        for item in meta.get("breaches", []):
            breach = IndexedBreach.model_validate(item)
            self.breaches[breach.number] = breach
        self.by_name = {b.breach.name.lower(): b for b in self.breaches.values()}
        if folder is None:
            empty64 = np.empty(0, dtype=np.uint64)
            self.keys, self.owners = empty64, np.empty(0, dtype=np.uint16)
            self.prefix = np.zeros((1 << self.bits) + 1, dtype=np.uint32)
            self.sha1_hi, self.sha1_lo = empty64, np.empty((0, 12), dtype=np.uint8)
            self.sha1_owner = np.empty(0, dtype=np.uint16)
        else:
            self.keys = self._load("keys", np.uint64)
            self.owners = self._load("owners", np.uint16)
            self.prefix = self._load("prefix", np.uint32)
            self.sha1_hi = self._load("sha1_hi", np.uint64)
            self.sha1_lo = self._load("sha1_lo", np.uint8, ndim=2)
            self.sha1_owner = self._load("sha1_owner", np.uint16)
            if (self.keys.size != self.owners.size or self.prefix.size != (1 << self.bits) + 1
                    or not self.sha1_hi.size == self.sha1_owner.size == self.sha1_lo.shape[0]):
                raise StoreError("the exposure index files do not match each other", input=str(folder),
                                 hint="add the breaches again (breachlens exposure add)")
        self._shift = 64 - self.bits
        # memoryviews: item access gives a Python int without a numpy call (the lookup fast path)
        self._keys_view = self.keys.data
        self._owners_view = self.owners.data
        self._prefix_view = self.prefix.data

    def _load(self, name: str, dtype: type, ndim: int = 1) -> np.ndarray:
        assert self.folder is not None
        path = self.folder / f"{name}.npy"
        try:
            array = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as error:
            raise StoreError(f"an exposure index file cannot be read ({error})", input=str(path),
                             hint="add the breaches again (breachlens exposure add)") from error
        if array.dtype != dtype or array.ndim != ndim:
            raise StoreError("an exposure index file has the wrong type", input=str(path),
                             hint="add the breaches again (breachlens exposure add)")
        return np.asarray(array) if array.size == 0 else array

    def owners_of(self, key: int) -> list[int]:
        """The breach numbers holding the keyed hash ``key`` (an int below 2**64)."""
        prefix = self._prefix_view
        bucket = key >> self._shift
        low, high = prefix[bucket], prefix[bucket + 1]
        if low == high:
            return []
        keys = self._keys_view
        position = bisect.bisect_left(keys, key, low, high)
        found = []
        while position < high and keys[position] == key:
            found.append(self._owners_view[position])
            position += 1
        return found

    def range(self, prefix: int) -> list[RangeEntry]:
        """The public SHA-1 hashes starting with the 24-bit ``prefix`` (6 hex digits), their suffixes and breaches."""
        if not self.sha1_hi.size:
            return []
        low = int(np.searchsorted(self.sha1_hi, np.uint64(prefix << 40), "left"))
        high = (int(np.searchsorted(self.sha1_hi, np.uint64((prefix + 1) << 40), "left")) if prefix < 0xFFFFFF
                else int(self.sha1_hi.size))  # (FFFFFF + 1) << 40 does not fit 64 bits
        grouped: dict[str, list[str]] = {}
        for position in range(low, high):
            suffix = (f"{int(self.sha1_hi[position]):016X}"[6:]
                      + bytes(self.sha1_lo[position]).hex().upper())
            breach = self.breaches.get(int(self.sha1_owner[position]))
            if breach is None or not _publicly_shown(breach):
                continue
            names = grouped.setdefault(suffix, [])
            if breach.breach.name not in names:
                names.append(breach.breach.name)
        return [RangeEntry(suffix, tuple(sorted(names))) for suffix, names in sorted(grouped.items())]


def _publicly_shown(indexed: IndexedBreach) -> bool:
    b = indexed.breach
    return indexed.public and not (b.retired or b.sensitive or b.spam_list)


class ExposureIndex:
    """The exposure index of this installation (``home``: BREACHLENS_HOME). Thread-safe for readers."""

    def __init__(self, home: Path | None = None, secret: bytes | None = None) -> None:
        self.home = settings().home if home is None else Path(home)
        self.folder = self.home / "exposure"
        self.index_folder = self.folder / "index"
        self._secret = secret
        self._hasher: KeyedHasher | None = None
        self._view: IndexView | None = None
        self._checked = 0.0
        self._stamp: tuple[int, int] | None = None

    # ---------------------------------------------------------------------------------------------- reading
    @property
    def hasher(self) -> KeyedHasher:
        if self._hasher is None:
            from breachlens.secret import installation_secret

            self._hasher = KeyedHasher(self._secret if self._secret is not None else installation_secret(self.home))
        return self._hasher

    def view(self) -> IndexView:
        """The live generation (looked up again at most once a second; at once after a change here)."""
        now = time.monotonic()
        if self._view is not None and now - self._checked < _RECHECK_SECONDS:
            return self._view
        self._checked = now
        current = self.index_folder / "CURRENT"
        try:
            status = current.stat()
            stamp = (status.st_mtime_ns, status.st_ino)
        except FileNotFoundError:
            stamp = None
        if self._view is None or stamp != self._stamp:
            self._view = self._open(current)
            self._stamp = stamp
        return self._view

    def _open(self, current: Path) -> IndexView:
        try:
            name = current.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return IndexView(None, {})
        except (OSError, UnicodeError) as error:
            raise StoreError(f"the exposure index cannot be read ({error})", input=str(current)) from error
        folder = self.index_folder / name
        meta = read_json(folder / "meta.json", "exposure index")
        check_hash_format(meta, folder / "meta.json", "add the breaches again from their files (`breachlens exposure "
                                                      "add`) after deleting the exposure/index folder")
        return IndexView(folder, meta)

    def breaches(self) -> list[IndexedBreach]:
        """Every breach of the index (retired ones too), by name."""
        return sorted(self.view().breaches.values(), key=lambda b: b.breach.name.lower())

    def get(self, name: str) -> IndexedBreach | None:
        """The breach called ``name`` (case-insensitive), or None."""
        return self.view().by_name.get(name.lower())

    def lookup_hash(self, key: int) -> list[IndexedBreach]:
        """The breaches holding the keyed hash ``key``."""
        view = self.view()
        return [view.breaches[n] for n in view.owners_of(key) if n in view.breaches]

    def lookup(self, identifier: Identifier) -> list[IndexedBreach]:
        """The breaches holding a normalised identifier (retired breaches hold nothing: their hashes are gone)."""
        return self.lookup_hash(self.hasher(identifier.keyed_input))

    def range(self, prefix: str) -> list[RangeEntry]:
        """The k-anonymity range answer for the first 6 hex digits of a SHA-1 (public breaches only)."""
        if len(prefix) != 6 or any(c not in "0123456789abcdefABCDEF" for c in prefix):
            raise InputError("a range is the first 6 hexadecimal digits of a SHA-1 hash", input=repr(prefix[:40]))
        return self.view().range(int(prefix, 16))

    # ---------------------------------------------------------------------------------------------- writing
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / ".lock", "a+b")  # noqa: SIM115 - held for the block
        except OSError as error:
            raise StoreError(f"the exposure folder is not writable ({error.strerror or error})",
                             input=str(self.folder), hint="set BREACHLENS_HOME to a writable folder") from error
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                self._view = None  # read the latest generation under the lock
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, breach: Breach, keyed: np.ndarray, sha1: np.ndarray | None = None, *, public: bool = False,
            sector: str | None = None, now: datetime | None = None) -> IndexedBreach:
        """Index (or index again, replacing it) ``breach`` with its identifiers' keyed hashes and, when ``public``,
        their SHA-1 digests (``(n, 20)`` uint8). Returns what the index now knows about it."""
        check_name(breach.name, "breach")
        if public and sha1 is None:
            raise InputError("a public breach needs the SHA-1 hashes of its identifiers", input=breach.name)
        if public and breach.sensitive:
            raise InputError("a sensitive breach cannot be public", input=breach.name,
                             hint="drop --public or --sensitive")
        keys = _sorted_unique(keyed)
        with self._locked():
            view = self.view()
            previous = view.by_name.get(breach.name.lower())
            number = previous.number if previous else _free_number(view.breaches)
            moment = now or datetime.now(UTC)
            stored = breach.model_copy(update={
                "count": breach.count if breach.count is not None else int(keys.size),
                "added_date": breach.added_date or (previous.breach.added_date if previous else None) or moment})
            indexed = IndexedBreach(number=number, breach=stored, identifiers=int(keys.size), public=public,
                                    sector=sector, modified_date=moment)
            old_keys, old_owners, hi, lo, owner = _without(view, number)
            at, kept = _merge_positions(old_keys, keys)
            new_keys = _scatter(old_keys, keys, at, kept)
            new_owners = _scatter(old_owners, np.full(keys.size, number, dtype=np.uint16), at, kept)
            if public and sha1 is not None:
                digests = _sorted_digests(sha1)
                digest_hi = np.ascontiguousarray(digests[:, :8]).view(">u8").ravel().astype(np.uint64)
                at, kept = _merge_positions(hi, digest_hi)
                hi = _scatter(hi, digest_hi, at, kept)
                lo = _scatter(lo, digests[:, 8:], at, kept)
                owner = _scatter(owner, np.full(digest_hi.size, number, dtype=np.uint16), at, kept)
            breaches = {n: b for n, b in view.breaches.items() if n != number}
            breaches[number] = indexed
            self._write(new_keys, new_owners, hi, lo, owner, breaches)
        return indexed

    def retire(self, name: str) -> IndexedBreach:
        """Drop a breach's hashes and keep its metadata, flagged retired (its identifiers are no longer found)."""
        with self._locked():
            view = self.view()
            found = self._find(view, name)
            retired = found.model_copy(update={"breach": found.breach.model_copy(update={"retired": True}),
                                               "modified_date": datetime.now(UTC)})
            breaches = dict(view.breaches)
            breaches[found.number] = retired
            self._write(*_without(view, found.number), breaches)
        return retired

    def remove(self, name: str) -> IndexedBreach:
        """Drop a breach entirely: its hashes and its metadata."""
        with self._locked():
            view = self.view()
            found = self._find(view, name)
            breaches = {n: b for n, b in view.breaches.items() if n != found.number}
            self._write(*_without(view, found.number), breaches)
        return found

    def _find(self, view: IndexView, name: str) -> IndexedBreach:
        found = view.by_name.get(name.lower())
        if found is None:
            known = ", ".join(sorted(b.breach.name for b in view.breaches.values())) or "none"
            raise InputError("no such breach in the exposure index", input=name, hint=f"indexed: {known}")
        return found

    def _write(self, keys: np.ndarray, owners: np.ndarray, sha1_hi: np.ndarray, sha1_lo: np.ndarray,
               sha1_owner: np.ndarray, breaches: dict[int, IndexedBreach]) -> None:
        bits = _prefix_bits(keys.size)
        name = f"g{time.time_ns():020d}"
        folder = self.index_folder / name
        arrays = {"keys": keys, "owners": owners, "prefix": _prefix_table(keys, bits), "sha1_hi": sha1_hi,
                  "sha1_lo": sha1_lo, "sha1_owner": sha1_owner}
        try:
            folder.mkdir(parents=True)
            for stem, array in arrays.items():
                with open(folder / f"{stem}.npy", "wb") as handle:
                    np.save(handle, np.ascontiguousarray(array), allow_pickle=False)
                    handle.flush()
                    os.fsync(handle.fileno())
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise StoreError(f"the exposure index cannot be written ({error.strerror or error})",
                             input=str(folder), hint="free some disk space, or set BREACHLENS_HOME") from error
        meta = {"format": FORMAT, "prefix_bits": bits, "entries": int(keys.size),
                "breaches": [b.model_dump(mode="json") for b in sorted(breaches.values(), key=lambda b: b.number)]}
        write_json(folder / "meta.json", meta)
        write_atomic(self.index_folder / "CURRENT", lambda handle: handle.write(name.encode("ascii") + b"\n"))
        for old in self.index_folder.iterdir():
            if old.is_dir() and old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        self._view = None
        self._stamp = None


def _free_number(breaches: dict[int, IndexedBreach]) -> int:
    number = max(breaches, default=0) + 1
    if number <= MAX_BREACHES:
        return number
    free = sorted(set(range(1, MAX_BREACHES + 1)) - set(breaches))
    if not free:
        raise StoreError(f"the exposure index holds {MAX_BREACHES} breaches, its maximum",
                         hint="remove retired breaches (breachlens exposure remove NAME)")
    return free[0]


def _without(view: IndexView, number: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The arrays of ``view`` without breach ``number``'s entries (in memory)."""
    keep = view.owners != number
    sha1_keep = view.sha1_owner != number
    return (np.asarray(view.keys)[keep], np.asarray(view.owners)[keep], np.asarray(view.sha1_hi)[sha1_keep],
            np.asarray(view.sha1_lo)[sha1_keep], np.asarray(view.sha1_owner)[sha1_keep])


def _sorted_unique(hashes: np.ndarray) -> np.ndarray:
    """Distinct hashes, sorted: a stable sort (timsort: fast on the sorted runs the hashing workers return), then a
    mask of the repeats."""
    array = as_hashes(hashes)
    if array.size < 2:
        return array
    if not bool(np.all(array[1:] >= array[:-1])):
        array = np.sort(array, kind="stable")
    keep = np.empty(array.size, dtype=bool)
    keep[0] = True
    np.not_equal(array[1:], array[:-1], out=keep[1:])
    return array if bool(keep.all()) else array[keep]


def _merge_positions(old: np.ndarray, new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the sorted ``new`` entries go in the merge of the sorted ``old`` and ``new``, and a mask of the old
    entries' places (a linear merge: ``np.insert`` is several times slower on tens of millions)."""
    at = np.searchsorted(old, new) + np.arange(new.size)
    kept = np.ones(old.shape[0] + new.shape[0], dtype=bool)
    kept[at] = False
    return at, kept


def _scatter(old: np.ndarray, new: np.ndarray, at: np.ndarray, kept: np.ndarray) -> np.ndarray:
    merged = np.empty((kept.size, *old.shape[1:]), dtype=old.dtype)
    merged[at] = new
    merged[kept] = old
    return merged


def _sorted_digests(sha1: np.ndarray) -> np.ndarray:
    """Distinct SHA-1 digests (``(n, 20)`` uint8) sorted by their first 8 bytes."""
    digests = np.asarray(sha1, dtype=np.uint8)
    if digests.ndim != 2 or digests.shape[1] != 20:
        raise InputError("SHA-1 digests must be an (n, 20) array of bytes", input=f"shape {digests.shape}")
    if not digests.shape[0]:
        return digests
    digests = np.ascontiguousarray(digests)
    high = digests[:, :8].copy().view(">u8").ravel()
    order = np.argsort(high, kind="stable")
    digests = digests[order]
    keep = np.ones(digests.shape[0], dtype=bool)
    keep[1:] = np.any(digests[1:] != digests[:-1], axis=1)
    return digests[keep]

