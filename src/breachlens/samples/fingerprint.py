"""Keyed fingerprints of a sample's identifiers, the registry of dumps seen before, and their overlap.

A sample is *recycled* when its identifiers are in a dump registered earlier. Nothing of a sample is kept in
clear: each identifier is normalised (``normalise_emails``, ``normalise_phones``), prefixed with its kind
(``email:``, ``phone:``, so an e-mail and a phone never collide) and hashed with HMAC-SHA-256 under the
installation secret (``breachlens.secret``); the first 8 bytes, read big-endian, make a ``uint64``. Without the
secret the hashes cannot be tested against a list of known e-mails. With 64 bits, n distinct identifiers hold
about n²/2⁶⁵ colliding pairs (0.03 for a billion): negligible for counting overlap.

A registered dump is two files under ``$BREACHLENS_HOME/fingerprints/``: ``<name>.npy``, the sorted unique
hashes (memory-mapped when compared, so a 43-million-identifier dump costs no RAM until touched), and
``<name>.json``, what we know about it (source file name without its path, rows, identifier count, column
names and kinds, a note). Both are written atomically (a temporary file renamed over the old one).

Overlap is exact: the sample's sorted unique hashes are looked up in each dump's sorted array with
``np.searchsorted`` (see ``benchmarks/overlap.py``: 22 million against 43 million take about a second).
A dump registered with ``sketch=k`` keeps only its ``k`` smallest hashes (a bottom-k sketch: since the hashes
are pseudo-random, a uniform sample of the dump, mergeable and small); its overlap is then an estimate
(``Overlap.method == "estimate"``): the sample's hashes found among the ``k`` scaled by ``identifiers / k``, an
unbiased estimate whose relative error is about ``1/sqrt(found)``. It only suits large samples: a sample of
1,000 identifiers against a 43-million dump kept as 65,536 hashes expects 1.5 of them in the sketch.

Sorting and de-duplicating use ``sorted_unique`` (``np.sort`` and ``drop_repeats``) and membership ``in_sorted``
(``np.searchsorted``), never ``np.unique``/``np.isin``/``np.union1d``: numpy 2.4's hash-based ``np.unique``
takes about 1 µs a value on random uint64 here, 50-60 times as long. ``attribution`` shares these helpers and
the storage ones (``check_name``, ``write_atomic``, ``read_json``, ``write_json``).

Example::

    secret = installation_secret()
    hashes = identifier_hashes(frame, {"mail": "email", "tel": "phone", "nom": "last_name"}, secret)
    registry = Registry()
    registry.register("ft-2024", hashes, rows=frame.height, columns={"mail": "email"}, source="/tmp/ft.csv")
    registry.overlap(identifier_hashes(sample, kinds, secret))   # [Overlap(dump="ft-2024", shared=812, ...)]
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
import phonenumbers
import polars as pl

from breachlens.errors import InputError, StoreError
from breachlens.model import Overlap
from breachlens.settings import settings

__all__ = ["HASH_FORMAT", "IDENTIFIER_KINDS", "IdentifierSet", "KeyedHasher", "RegisteredDump", "Registry", "as_hashes",
           "bottom_k", "check_hash_format", "check_name", "fingerprint_key", "hash_identifiers", "identifier_hashes",
           "identifier_hashes_with_rows", "in_sorted", "keyed_hashes", "normalise_emails", "normalise_identifiers",
           "normalise_phones", "read_json", "sorted_unique", "drop_repeats", "write_atomic", "write_json"]

IDENTIFIER_KINDS = ("email", "phone")  # column kinds whose values identify a person

# ------------------------------------------------------------------------------------------------ normalising
def _email_pattern(letter: str, digit: str, tld: str) -> str:
    atext = rf"{letter}{digit}!#$%&'*+/=?^_`{{|}}~-"
    local = rf"[{atext}]+(?:\.[{atext}]+)*"
    label = rf"[{letter}{digit}](?:[{letter}{digit}-]{{0,61}}[{letter}{digit}])?"
    return rf"^{local}@(?:{label}\.)+(?:{tld}{{2,63}}|xn--[a-z0-9-]{{1,59}})$"


# printable non-ASCII: everything above U+007F but C1 controls, spaces, zero-width and line separators, the BOM.
# Plain ranges keep the regex a fast DFA (Unicode classes such as \p{L} make it 30 times slower); IDNA then
# rejects what is not a letter in a domain, and RFC 6531 allows any such character in the local part.
_PRINTABLE_NON_ASCII = (r"\x{A1}-\x{167F}\x{1681}-\x{1FFF}\x{200C}-\x{2027}\x{202A}-\x{205E}\x{2061}-\x{2FFF}"
                        r"\x{3001}-\x{D7FF}\x{E000}-\x{FEFE}\x{FF00}-\x{10FFFF}")
_EMAIL = _email_pattern("a-z" + _PRINTABLE_NON_ASCII, "0-9", f"[a-z{_PRINTABLE_NON_ASCII}]")  # on lower-cased text
_PHONE_SEPARATORS = r"[\s.\-/]"  # ignored by phonenumbers; removed first so spellings share one parse


def normalise_emails(values: pl.Series) -> pl.Series:
    """E-mail addresses as we hash them: trimmed, lower-cased, the domain IDNA-encoded (``Müller.de`` ->
    ``xn--mller-kva.de``); anything that is not an address (no ``@``, no dot in the domain, spaces, a local part
    over 64 bytes, over 254 in all) becomes null. Vectorised; the few non-ASCII values are also put in NFC, and IDNA
    runs in Python once per distinct non-ASCII domain."""
    text = values.cast(pl.String, strict=False).str.strip_chars().str.to_lowercase()
    # ASCII when each character is one byte: two counts, 7 times as fast as a regular expression
    foreign_rows = np.flatnonzero((text.str.len_bytes() != text.str.len_chars()).fill_null(False).to_numpy())
    if foreign_rows.size:  # NFC (composed accents) for the few that need it
        text = text.scatter(foreign_rows, text.gather(foreign_rows).str.normalize("NFC").str.to_lowercase())
    valid = text.str.contains(_EMAIL) & (text.str.find("@", literal=True) <= 64)  # one @; local part ≤ 64 bytes
    if not foreign_rows.size:  # all ASCII: the address is the text itself (no domain to encode)
        return pl.select(pl.when(valid & (text.str.len_bytes() <= 254)).then(text)).to_series().alias(values.name)
    parts = text.str.splitn("@", 2)  # a valid address has exactly one @
    local, domain = parts.struct.field("field_0"), parts.struct.field("field_1")
    valid = valid & (local.str.len_bytes() <= 64)  # bytes: an accented local part counts more than its letters
    if foreign_rows.size:
        ascii_domain = domain.str.len_bytes() == domain.str.len_chars()
        foreign_domains = domain.filter(valid & ~ascii_domain).unique().to_list()
        if foreign_domains:
            encoded = domain.replace_strict(foreign_domains, [_idna(name) for name in foreign_domains], default=None,
                                            return_dtype=pl.String)
            domain = pl.select(pl.when(ascii_domain).then(domain).otherwise(encoded)).to_series()
    address = local + "@" + domain
    address = pl.select(pl.when(valid & (address.str.len_bytes() <= 254)).then(address)).to_series()
    return address.alias(values.name)


def _idna(domain: str) -> str | None:
    import idna  # IDNA 2008 with UTS #46 mapping, as browsers and email-validator use it

    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def normalise_phones(values: pl.Series, region: str = "FR") -> pl.Series:
    """Phone numbers in E.164 (``+33612345678``), national numbers read as numbers of ``region``; anything
    ``phonenumbers`` does not take for a valid number becomes null.

    Separators are removed vectorised; numbers of ``region`` itself (national, or with its calling code) are
    checked against its number-type patterns from phonenumbers' metadata, vectorised, which is what
    ``is_valid_number`` does for them; only the other spellings (foreign numbers) are parsed one DISTINCT value
    at a time."""
    region = region.upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise InputError("not a region phonenumbers knows", input=repr(region),
                         hint="give an ISO 3166 alpha-2 country code such as FR, BE, GB")
    from breachlens.samples.detectors.base import digits_only

    text = digits_only(values.cast(pl.String, strict=False), " .-/", _PHONE_SEPARATORS)  # literally where it can
    text = pl.select(pl.when(text.str.len_bytes() > 0).then(text)).to_series()
    code, prefix, valid = _home_patterns(region)
    n = pl.col("n")
    national_prefix = n.str.starts_with(prefix) & ~n.str.starts_with("00") if prefix else pl.lit(False)
    national = (pl.when(n.str.starts_with(f"+{code}")).then(n.str.slice(len(code) + 1))
                .when(n.str.starts_with(f"00{code}")).then(n.str.slice(len(code) + 2))
                .when(national_prefix).then(n.str.slice(len(prefix))))
    frame = pl.DataFrame({"n": text}).with_columns(national=national).with_columns(
        home=pl.col("national").str.contains(valid).fill_null(False))
    fast = frame.select(pl.when(pl.col("home")).then(pl.lit(f"+{code}") + pl.col("national"))).to_series()
    rest = frame.filter(~pl.col("home") & pl.col("n").is_not_null())["n"].unique().to_list()
    if rest:
        slow = text.replace_strict(rest, [_e164(value, region) for value in rest], default=None,
                                   return_dtype=pl.String)
        fast = fast.fill_null(slow)
    return fast.alias(values.name)


_NUMBER_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip",
                 "pager", "uan", "voicemail")


@cache
def _home_patterns(region: str) -> tuple[str, str, str]:
    """``region``'s calling code, national prefix, and one anchored pattern of its valid national numbers."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    code = str(phonenumbers.country_code_for_region(region))
    if metadata is None:  # pragma: no cover - every supported region has metadata
        return code, "", "^$"
    patterns = [desc.national_number_pattern for desc in (getattr(metadata, t, None) for t in _NUMBER_TYPES)
                if desc is not None and desc.national_number_pattern]
    return code, metadata.national_prefix or "", "^(?:" + "|".join(f"(?:{p})" for p in patterns) + ")$"


def _e164(value: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_NORMALISERS: dict[str, Callable[[pl.Series, str], pl.Series]] = {
    "email": lambda values, _region: normalise_emails(values),
    "phone": normalise_phones,
}

# ------------------------------------------------------------------------------------------------ hashing


HASH_FORMAT = 2  # the keyed-hash scheme; files of hashes from another scheme cannot be compared
_KEY_PURPOSE = "breachlens identifier fingerprints v2"


def fingerprint_key(secret: bytes) -> str:
    """The HMAC key of identifier fingerprints: the hex form of ``derived_key`` for that purpose. Text, because
    polars-hash's vectorised HMAC takes its key as text; 256 bits of the secret all the same."""
    if len(secret) < 16:
        raise InputError("the hashing secret is too short", input=f"{len(secret)} bytes",
                         hint="use installation_secret()")
    from breachlens.secret import derived_key

    return derived_key(_KEY_PURPOSE, secret).hex()


def keyed_hashes(values: pl.Series, secret: bytes) -> np.ndarray:
    """One ``uint64`` per non-null value: the first 8 bytes (big-endian) of HMAC-SHA-256(key, value), with
    ``key = fingerprint_key(secret)``.

    The values are hashed as given (``identifier_hashes`` normalises and prefixes them), by polars-hash's HMAC
    in Rust over the whole series (about 0.4 µs a value here, against 1.5 µs for ``hmac`` in a Python loop;
    ``KeyedHasher`` gives the same hash of one value)."""
    import polars_hash

    key = fingerprint_key(secret)
    data = values.drop_nulls()
    if data.dtype not in (pl.String, pl.Binary):
        data = data.cast(pl.String, strict=False).drop_nulls()
    if not data.len():
        return np.empty(0, dtype=np.uint64)
    digest = polars_hash.col("v").chash.hmac_sha256(key=key)
    first = digest.str.slice(0, 16).str.to_integer(base=16, dtype=pl.UInt64)  # the first 8 bytes, big-endian
    return data.alias("v").to_frame().select(first).to_series().to_numpy()


class KeyedHasher:
    """``keyed_hashes`` of one value at a time (an exposure lookup): the two SHA-256 states of the key are
    computed once and each hash copies them (about 1 µs).

    Example::

        hasher = KeyedHasher(installation_secret())
        hasher(b"email:jean.dupont@orange.fr")   # an int below 2**64, as keyed_hashes gives it
    """

    def __init__(self, secret: bytes) -> None:
        key = fingerprint_key(secret).encode().ljust(64, b"\0")
        self._inner = sha256(bytes(b ^ 0x36 for b in key)).copy
        self._outer = sha256(bytes(b ^ 0x5C for b in key)).copy

    def __call__(self, data: bytes) -> int:
        inner = self._inner()
        inner.update(data)
        outer = self._outer()
        outer.update(inner.digest())
        return int.from_bytes(outer.digest()[:8], "big")


def normalise_identifiers(kind: str, values: pl.Series, region: str = "FR") -> pl.Series:
    """``values`` of an identifier kind (``email``, ``phone``) as they are hashed; null where one does not
    normalise (see ``normalise_emails``, ``normalise_phones``)."""
    return _NORMALISERS[kind](values, region)


def hash_identifiers(kind: str, normalised: pl.Series, secret: bytes) -> np.ndarray:
    """The keyed hashes of normalised identifiers of ``kind``, prefixed with it (``email:``) so an e-mail and a
    phone never collide; nulls skipped."""
    return keyed_hashes(f"{kind}:" + normalised.drop_nulls(), secret)


def identifier_hashes_with_rows(frame: pl.DataFrame, kinds: Mapping[str, str | None], secret: bytes, *,
                                region: str = "FR") -> tuple[np.ndarray, np.ndarray]:
    """The keyed hashes of every identifier of ``frame`` and the row (0-based) each came from.

    Columns are taken when ``kinds[column]`` is an identifier kind; their values are normalised, prefixed
    with the kind (``email:``, ``phone:``) and hashed. Values that do not normalise are skipped."""
    hashes: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    for column in frame.columns:
        kind = kinds.get(column)
        if kind not in IDENTIFIER_KINDS:
            continue
        normalised = normalise_identifiers(kind, frame.get_column(column), region)
        rows.append(np.flatnonzero(normalised.is_not_null().to_numpy()).astype(np.int64))
        hashes.append(hash_identifiers(kind, normalised, secret))
    if not hashes:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(rows)


def identifier_hashes(frame: pl.DataFrame, kinds: Mapping[str, str | None], secret: bytes, *,
                      region: str = "FR") -> np.ndarray:
    """The keyed hashes of the identifiers of ``frame`` (unsorted, may repeat); see ``identifier_hashes_with_rows``."""
    return identifier_hashes_with_rows(frame, kinds, secret, region=region)[0]


def as_hashes(hashes: Any) -> np.ndarray:
    """``hashes`` as a flat uint64 array (InputError for anything but integers)."""
    array = np.asarray(hashes)
    if array.size == 0:
        return np.empty(0, dtype=np.uint64)
    if array.dtype.kind not in "ui":
        raise InputError("hashes must be unsigned 64-bit integers", input=f"an array of {array.dtype}",
                         hint="pass what keyed_hashes or identifier_hashes return")
    return array.astype(np.uint64, copy=False).ravel()


def sorted_unique(hashes: Any) -> np.ndarray:
    """The distinct hashes, sorted. ``np.sort`` then a mask, not ``np.unique``: numpy 2.4's hash-based
    ``np.unique`` takes about 1 µs a value on random uint64 here, 60 times as long (see benchmarks/overlap.py)."""
    array = as_hashes(hashes)
    if array.size < 2 or bool(np.all(array[1:] > array[:-1])):
        return array
    return drop_repeats(np.sort(array))


_CHUNK = 1 << 20


def drop_repeats(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array of its own (it is written over), moved to its front in place, a
    chunk at a time: a 350 MB array of hashes needs no second array of its size. The answer is a view of the
    front, or a copy of it when repeats were over half (so that the whole array is not kept alive for it)."""
    size = ordered.size
    if size < 2:
        return ordered
    written = 0
    previous = None  # the last value of the chunk before, read before anything is written over it
    for start in range(0, size, _CHUNK):
        chunk = ordered[start:start + _CHUNK]
        keep = np.empty(chunk.size, dtype=bool)
        keep[0] = previous is None or chunk[0] != previous
        np.not_equal(chunk[1:], chunk[:-1], out=keep[1:])
        previous = chunk[-1].copy()
        kept = chunk[keep]  # a copy, at most a chunk; written <= start, so nothing unread is overwritten
        ordered[written:written + kept.size] = kept
        written += kept.size
    return ordered[:written].copy() if written <= size // 2 else ordered[:written]


def in_sorted(needles: np.ndarray, haystack: np.ndarray) -> np.ndarray:
    """For each of ``needles`` whether it is in the sorted ``haystack`` (``np.isin`` without its ``np.unique``)."""
    if not haystack.size:
        return np.zeros(needles.size, dtype=bool)
    positions = np.searchsorted(haystack, needles)
    np.minimum(positions, haystack.size - 1, out=positions)
    return np.asarray(haystack[positions] == needles)


class IdentifierSet:
    """Hashes gathered batch by batch into one sorted unique array; two sets merge (associatively), so batches
    can be hashed apart (processes, a Dask cluster) and combined in any grouping."""

    COMPACT_AT = 1 << 22  # pending hashes that trigger a merge into the sorted array (and at least its size)

    def __init__(self, hashes: np.ndarray | None = None) -> None:
        self._sorted = np.empty(0, dtype=np.uint64)
        self._pending: list[np.ndarray] = []
        self._pending_size = 0
        if hashes is not None:
            self.add(hashes)

    def add(self, hashes: np.ndarray) -> None:
        batch = as_hashes(hashes)
        if not batch.size:
            return
        self._pending.append(batch.copy())
        self._pending_size += batch.size
        if self._pending_size >= max(self.COMPACT_AT, self._sorted.size):
            self._compact()

    def merge(self, other: IdentifierSet) -> IdentifierSet:
        """A new set holding both (neither is changed)."""
        merged = IdentifierSet()
        merged._sorted = sorted_unique(np.concatenate([self._array(), other._array()]))
        return merged

    def array(self) -> np.ndarray:
        """The sorted unique hashes (read-only)."""
        view = self._array().view()
        view.flags.writeable = False
        return view

    def __len__(self) -> int:
        return int(self._array().size)

    def _array(self) -> np.ndarray:
        if self._pending:
            self._compact()
        return self._sorted

    def _compact(self) -> None:
        self._sorted = sorted_unique(np.concatenate([self._sorted, *self._pending]))
        self._pending = []
        self._pending_size = 0


def bottom_k(hashes: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` smallest distinct hashes: a uniform sample of a set of pseudo-random hashes. The sketch of a union
    is ``bottom_k(np.concatenate([sketch_a, sketch_b]), k)``."""
    if k < 1:
        raise InputError("a sketch needs at least one hash", input=f"k={k}")
    return sorted_unique(hashes)[:k]


def _count_shared(needles: np.ndarray, haystack: np.ndarray, chunk: int = 1 << 22) -> int:
    """How many of the sorted unique ``needles`` are in the sorted unique ``haystack`` (may be memory-mapped)."""
    if not needles.size or not haystack.size:
        return 0
    return sum(int(np.count_nonzero(in_sorted(needles[start:start + chunk], haystack)))
               for start in range(0, needles.size, chunk))


# ------------------------------------------------------------------------------------------------ storage
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


def check_name(name: str, what: str = "dump") -> str:
    """``name`` if it is a safe file name (letters, digits, ``-``, ``_``, ``.``), else an InputError."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(f"not a valid {what} name", input=repr(name),
                         hint="use 1 to 128 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit")
    return name


def write_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a temporary file of the same folder renamed over it (readers see old or new)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise StoreError(f"cannot write here ({error.strerror or error})", input=str(path.parent),
                         hint="set BREACHLENS_HOME to a writable folder") from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write ({error.strerror or error})", input=str(path)) from error
        raise


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, lambda handle: handle.write(text.encode()))


def read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StoreError(f"the {what} file cannot be read ({error})", input=str(path),
                         hint="delete it, or register it again") from error
    if not isinstance(data, dict):
        raise StoreError(f"the {what} file is not a JSON object", input=str(path),
                         hint="delete it, or register it again")
    return data


def check_hash_format(data: Mapping[str, Any], path: Path, hint: str) -> None:
    """A stored file of keyed hashes must be of this version's scheme (``HASH_FORMAT``): hashes of an earlier one
    never match today's, and an overlap of 0 would be a wrong answer, not a missing one."""
    found = data.get("format", 1)
    if found != HASH_FORMAT:
        raise StoreError(f"its hashes were made with fingerprint scheme {found}; this version uses {HASH_FORMAT}",
                         input=str(path), hint=hint)


def _source_name(source: str) -> str:
    """The file name of ``source`` without any folder (POSIX or Windows), so no local path is recorded."""
    return re.split(r"[\\/]", source.rstrip("/\\"))[-1]


@dataclass(frozen=True)
class RegisteredDump:
    """What the registry knows about a dump: never a value of it, only counts, names and its hashes' file."""

    name: str
    registered_at: datetime
    source: str  # the file name, without its folder
    rows: int
    identifiers: int  # distinct identifier hashes
    columns: dict[str, str | None] = field(default_factory=dict)  # column name -> kind
    note: str | None = None
    stored: Literal["exact", "sketch"] = "exact"  # all hashes, or the bottom-k sketch of them
    sketch_size: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"format": HASH_FORMAT, "name": self.name, "registered_at": self.registered_at.isoformat(),
                "source": self.source, "rows": self.rows, "identifiers": self.identifiers,
                "columns": [{"name": name, "kind": kind} for name, kind in self.columns.items()],
                "note": self.note, "stored": self.stored, "sketch_size": self.sketch_size}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RegisteredDump:
        return cls(name=str(data["name"]), registered_at=datetime.fromisoformat(data["registered_at"]),
                   source=str(data.get("source", "")), rows=int(data["rows"]), identifiers=int(data["identifiers"]),
                   columns={str(c["name"]): c.get("kind") for c in data.get("columns", [])},
                   note=data.get("note"), stored=data.get("stored", "exact"), sketch_size=data.get("sketch_size"))

    @property
    def stored_hashes(self) -> int:
        return self.identifiers if self.stored == "exact" else min(self.identifiers, self.sketch_size or 0)


class Registry:
    """The dumps registered on this installation, under ``<home>/fingerprints/`` (``home``: BREACHLENS_HOME)."""

    def __init__(self, home: Path | None = None) -> None:
        self.folder = (settings().home if home is None else Path(home)) / "fingerprints"

    def register(self, name: str, hashes: np.ndarray, *, rows: int, columns: Mapping[str, str | None],
                 source: str, note: str | None = None, sketch: int | None = None,
                 now: datetime | None = None) -> RegisteredDump:
        """Register (or replace) the dump ``name`` from its identifier hashes. With ``sketch=k`` only the ``k``
        smallest hashes are kept and overlaps with it are estimates."""
        check_name(name)
        unique = sorted_unique(hashes)
        kept = unique if sketch is None else bottom_k(unique, sketch)
        stored: Literal["exact", "sketch"] = "sketch" if kept.size < unique.size else "exact"
        dump = RegisteredDump(name=name, registered_at=(now or datetime.now(UTC)), source=_source_name(source),
                              rows=int(rows), identifiers=int(unique.size), columns=dict(columns), note=note,
                              stored=stored, sketch_size=sketch if stored == "sketch" else None)
        write_atomic(self._path(name, ".npy"), lambda handle: np.save(handle, kept, allow_pickle=False))
        write_json(self._path(name, ".json"), dump.to_json())
        return dump

    def remove(self, name: str) -> bool:
        """Forget the dump ``name``; False if it was not registered."""
        check_name(name)
        found = False
        for suffix in (".json", ".npy"):
            try:
                self._path(name, suffix).unlink()
                found = True
            except FileNotFoundError:
                pass
        return found

    def list(self) -> list[RegisteredDump]:
        """The registered dumps, by name."""
        if not self.folder.is_dir():
            return []
        dumps = []
        for path in sorted(self.folder.glob("*.json")):
            if path.name.startswith("."):
                continue
            dumps.append(self._read(path))
        return dumps

    def hashes(self, name: str) -> np.ndarray:
        """The stored hashes of ``name``, memory-mapped, sorted unique (all of them, or its sketch)."""
        check_name(name)
        return self._load(self._read(self._path(name, ".json")))

    def overlap(self, sample: np.ndarray, names: Sequence[str] | None = None) -> builtins.list[Overlap]:
        """How many of the sample's distinct hashes each registered dump holds, most shared first."""
        needles = sorted_unique(sample)
        dumps = self.list()
        if names is not None:
            known = {dump.name for dump in dumps}
            unknown = [name for name in names if name not in known]
            if unknown:
                raise InputError(f"no registered dump called {', '.join(map(repr, unknown))}",
                                 input="names", hint="registered: " + (", ".join(sorted(known)) or "none"))
            wanted = set(names)
            dumps = [dump for dump in dumps if dump.name in wanted]
        overlaps = []
        for dump in dumps:
            stored = self._load(dump)
            found = _count_shared(needles, stored)
            if dump.stored == "sketch" and dump.sketch_size:
                estimate = round(found * dump.identifiers / stored.size) if stored.size else 0
                shared = min(estimate, needles.size, dump.identifiers)
            else:
                shared = found
            overlaps.append(Overlap(dump=dump.name, shared=shared, sample_identifiers=int(needles.size),
                                    dump_identifiers=dump.identifiers,
                                    method="estimate" if dump.stored == "sketch" else "exact"))
        overlaps.sort(key=lambda overlap: (-overlap.shared, overlap.dump))
        return overlaps

    def _path(self, name: str, suffix: str) -> Path:
        return self.folder / f"{name}{suffix}"

    @staticmethod
    def _read(path: Path) -> RegisteredDump:
        data = read_json(path, "fingerprint")
        check_hash_format(data, path, f"register {path.stem!r} again from its file (`breachlens sample register`)")
        return RegisteredDump.from_json(data)

    def _load(self, dump: RegisteredDump) -> np.ndarray:
        path = self._path(dump.name, ".npy")
        try:
            array = np.load(path, mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as error:
            raise StoreError(f"the hashes of dump {dump.name!r} cannot be read ({error})", input=str(path),
                             hint=f"register {dump.name!r} again") from error
        if array.dtype != np.uint64 or array.ndim != 1 or array.size != dump.stored_hashes:
            raise StoreError(f"the hashes of dump {dump.name!r} do not match its description", input=str(path),
                             hint=f"register {dump.name!r} again (or it is being registered right now: retry)")
        return array
