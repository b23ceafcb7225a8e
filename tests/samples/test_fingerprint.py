"""Keyed fingerprints: normalisation tables, hashes that depend on the secret and the kind, the installation
secret, the registry round trip with exact overlaps, the bottom-k estimate, and nothing in clear on disk."""

from __future__ import annotations

import hmac
import json
import multiprocessing
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest
from faker import Faker

from breachlens.errors import ConfigurationError, InputError, StoreError
from breachlens.samples.fingerprint import (
    HASH_FORMAT,
    IdentifierSet,
    KeyedHasher,
    Registry,
    bottom_k,
    identifier_hashes,
    identifier_hashes_with_rows,
    keyed_hashes,
    normalise_emails,
    normalise_phones,
    sorted_unique,
)
from breachlens.secret import SECRET_BYTES, installation_secret

SECRET = bytes(range(32))
OTHER_SECRET = bytes(range(1, 33))


def reference_hash(value: str, secret: bytes) -> int:
    """The hash the obvious way: first 8 bytes of HMAC-SHA-256 under the key derived for fingerprints (the hex
    form of HMAC-SHA-256(secret, purpose)), big-endian."""
    key = hmac.digest(secret, b"breachlens identifier fingerprints v2", "sha256").hex().encode()
    return int.from_bytes(hmac.digest(key, value.encode(), "sha256")[:8], "big")


def people(count: int, seed: int) -> pl.DataFrame:
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    return pl.DataFrame({
        "nom": [fake.last_name() for _ in range(count)],
        "mail": [fake.unique.email() for _ in range(count)],
        "tel": [f"06 {fake.random_int(10, 38)} {fake.numerify('## ## ##')}" for _ in range(count)],  # valid ranges
    })


KINDS = {"nom": "last_name", "mail": "email", "tel": "phone"}


def random_hashes(rng: np.random.Generator, count: int) -> np.ndarray:
    return sorted_unique(rng.integers(0, np.iinfo(np.uint64).max, size=count, dtype=np.uint64, endpoint=True))


# ------------------------------------------------------------------------------------------------ normalising
@pytest.mark.parametrize(("raw", "expected"), [
    ("jean.dupont@example.com", "jean.dupont@example.com"),
    ("  Jean.Dupont@Example.COM \t", "jean.dupont@example.com"),
    ("JEAN.DUPONT@EXAMPLE.COM", "jean.dupont@example.com"),
    ("anne+promo@mail.example.fr", "anne+promo@mail.example.fr"),
    ("anne@BÜCHER.example", "anne@xn--bcher-kva.example"),  # IDNA, after lower-casing
    ("anne@bu\u0308cher.example", "anne@xn--bcher-kva.example"),  # decomposed ü: NFC first
    ("anne@xn--bcher-kva.example", "anne@xn--bcher-kva.example"),  # already encoded
    ("élodie@example.fr", "élodie@example.fr"),  # non-ASCII local part kept (RFC 6531)
    ("o'neil@example.ie", "o'neil@example.ie"),
    # not addresses
    ("jean.dupont", None),
    ("jean.dupont@", None),
    ("@example.com", None),
    ("jean@example", None),  # no dot in the domain
    ("jean@example.c", None),  # one-letter top-level domain
    ("jean dupont@example.com", None),
    ("jean..dupont@example.com", None),
    ("jean@@example.com", None),
    ("jean@-example.com", None),
    ("jean@☃.example", None),  # IDNA refuses it
    ("a\u00a0b@example.com", None),  # no-break space inside
    ("x" * 65 + "@example.com", None),  # local part over 64 bytes
    ("", None),
    (None, None),
])
def test_normalise_emails(raw: str | None, expected: str | None) -> None:
    assert normalise_emails(pl.Series("mail", [raw], dtype=pl.String)).to_list() == [expected]


def test_normalise_emails_keeps_order_name_and_length() -> None:
    values = pl.Series("mail", ["B@Example.com", None, "nope", "c@bücher.example", "B@example.COM"])
    result = normalise_emails(values)
    assert result.name == "mail"
    assert result.to_list() == ["b@example.com", None, None, "c@xn--bcher-kva.example", "b@example.com"]


@pytest.mark.parametrize("spelling", [
    "01 99 00 12 34", "0199001234", "01.99.00.12.34", "01-99-00-12-34", "+33 1 99 00 12 34", "0033 1 99 00 12 34",
    "+33 (0)1 99 00 12 34", "33199001234", " +33199001234 ",
])
def test_french_phone_spellings_give_one_e164(spelling: str) -> None:
    assert normalise_phones(pl.Series([spelling])).to_list() == ["+33199001234"]  # 01 99 00: ARCEP fiction range


@pytest.mark.parametrize(("raw", "region", "expected"), [
    ("020 7946 0018", "GB", "+442079460018"),
    ("020 7946 0018", "FR", None),  # not a French number
    ("+44 20 7946 0018", "FR", "+442079460018"),  # international form: any region
    ("(650) 253-0000", "US", "+16502530000"),
    ("+1 650 253 0000", "fr", "+16502530000"),
    ("02 555 12 12", "BE", "+3225551212"),
    ("1234", "FR", None),
    ("06 00 00 00 0", "FR", None),  # one digit short
    ("not a number", "FR", None),
    ("", "FR", None),
])
def test_normalise_phones_regions(raw: str, region: str, expected: str | None) -> None:
    assert normalise_phones(pl.Series([raw]), region).to_list() == [expected]


def test_normalise_phones_faker_numbers_and_integers() -> None:
    fake = Faker("fr_FR")
    fake.seed_instance(3)
    numbers = [fake.phone_number() for _ in range(300)]
    spelled = normalise_phones(pl.Series(numbers))
    digits = normalise_phones(pl.Series([n.replace(" ", "").replace("(0)", "") for n in numbers]))
    assert spelled.to_list() == digits.to_list()
    assert spelled.null_count() < 30  # Faker's French formats are nearly all valid numbers
    assert normalise_phones(pl.Series([199001234, None])).to_list() == ["+33199001234", None]  # lost leading 0


def test_long_phone_columns_lose_every_separator() -> None:
    """Past the first rows, separators the first rows did not use are removed too (by the pattern there)."""
    spellings = ["01 99 00 12 34"] * 2500 + ["01.99.00.12.34", "01-99-00-12-34", "01/99/00/12/34", "01\t99\t00 12 34",
                                              "01\u00a099\u00a000\u00a012\u00a034", "01\u200999 00 12 34", " "]
    assert normalise_phones(pl.Series(spellings)).to_list() == ["+33199001234"] * (len(spellings) - 1) + [None]


def test_unknown_region_is_refused() -> None:
    with pytest.raises(InputError, match="region"):
        normalise_phones(pl.Series(["0199001234"]), "XX")


# ------------------------------------------------------------------------------------------------ hashing
def test_keyed_hashes_are_the_first_8_bytes_of_hmac_sha256() -> None:
    values = ["email:jean@example.com", "phone:+33199001234", "é"]
    hashes = keyed_hashes(pl.Series(values + [None]), SECRET)
    assert hashes.dtype == np.uint64
    assert hashes.tolist() == [reference_hash(v, SECRET) for v in values]
    assert keyed_hashes(pl.Series([], dtype=pl.String), SECRET).size == 0
    long_key = b"k" * 100  # any length of secret: it only keys the derivation
    assert keyed_hashes(pl.Series(values), long_key).tolist() == [reference_hash(v, long_key) for v in values]
    binary = pl.Series([v.encode() for v in values], dtype=pl.Binary)  # bytes hash as their text does
    assert keyed_hashes(binary, SECRET).tolist() == [reference_hash(v, SECRET) for v in values]
    one = KeyedHasher(SECRET)  # one value at a time (an exposure lookup), the same hash
    assert [one(v.encode()) for v in values] == [reference_hash(v, SECRET) for v in values]
    assert keyed_hashes(pl.Series(values), SECRET).tolist() != keyed_hashes(pl.Series(values), b"x" * 32).tolist()


def test_keyed_hashes_refuse_a_short_secret() -> None:
    with pytest.raises(InputError, match="secret"):
        keyed_hashes(pl.Series(["x"]), b"short")


def test_hashes_depend_on_the_secret() -> None:
    frame = people(500, seed=1)
    mine = identifier_hashes(frame, KINDS, SECRET)
    theirs = identifier_hashes(frame, KINDS, OTHER_SECRET)
    assert mine.size == theirs.size == 1000
    assert np.intersect1d(mine, theirs).size == 0


def test_hashes_are_kind_prefixed_and_normalised() -> None:
    frame = pl.DataFrame({"mail": ["Jean@Example.com", "bad", None], "tel": ["01 99 00 12 34", "12", "0199001234"]})
    hashes, rows = identifier_hashes_with_rows(frame, {"mail": "email", "tel": "phone"}, SECRET)
    assert hashes.tolist() == [reference_hash("email:jean@example.com", SECRET),
                               reference_hash("phone:+33199001234", SECRET),
                               reference_hash("phone:+33199001234", SECRET)]
    assert rows.tolist() == [0, 0, 2]
    assert reference_hash("jean@example.com", SECRET) not in hashes.tolist()  # the prefix matters
    # columns of other kinds, or of no kind, are not identifiers
    assert identifier_hashes(frame, {"mail": "first_name", "tel": None}, SECRET).size == 0


def test_same_person_same_hash_whatever_the_spelling() -> None:
    a = pl.DataFrame({"m": ["Jean@Example.COM"], "t": ["+33 1 99 00 12 34"]})
    b = pl.DataFrame({"m": [" jean@example.com"], "t": ["01.99.00.12.34"]})
    kinds = {"m": "email", "t": "phone"}
    assert identifier_hashes(a, kinds, SECRET).tolist() == identifier_hashes(b, kinds, SECRET).tolist()


# ------------------------------------------------------------------------------------------------ secret
def test_secret_created_once_with_mode_0600(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"
    first = installation_secret(home)
    assert len(first) == SECRET_BYTES
    path = home / "secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert installation_secret(home) == first
    assert [p.name for p in home.iterdir()] == ["secret"]  # no temporary file left
    assert installation_secret(tmp_path / "elsewhere") != first


def test_secret_follows_breachlens_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREACHLENS_HOME", str(tmp_path / "env-home"))
    secret = installation_secret()
    assert (tmp_path / "env-home" / "secret").read_bytes() == secret


def test_secret_of_wrong_length_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "secret").write_bytes(b"too short")
    with pytest.raises(ConfigurationError, match="9 bytes instead of 32"):
        installation_secret(tmp_path)


def test_unreadable_secret_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()  # unreadable as a file, even for root
    with pytest.raises(ConfigurationError, match="cannot be read"):
        installation_secret(tmp_path)


def _race(home: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    results.put(installation_secret(Path(home)).hex())


@pytest.mark.parametrize("attempt", range(3))
def test_concurrent_creation_gives_one_secret(tmp_path: Path, attempt: int) -> None:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context: Any = multiprocessing.get_context(method)
    workers = 6
    barrier = context.Barrier(workers)
    results = context.Queue()
    processes = [context.Process(target=_race, args=(str(tmp_path), barrier, results)) for _ in range(workers)]
    for process in processes:
        process.start()
    secrets = {results.get(timeout=30) for _ in processes}
    for process in processes:
        process.join(timeout=30)
    assert len(secrets) == 1
    assert (tmp_path / "secret").read_bytes().hex() in secrets
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret"]


# ------------------------------------------------------------------------------------------------ sets
def test_identifier_set_sorts_dedupes_and_merges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(IdentifierSet, "COMPACT_AT", 100)  # compact often
    rng = np.random.default_rng(5)
    batches = [rng.integers(0, 5000, size=300, dtype=np.uint64) for _ in range(9)]
    expected = np.unique(np.concatenate(batches))
    one = IdentifierSet()
    for batch in batches:
        one.add(batch)
    assert one.array().tolist() == expected.tolist()
    assert len(one) == expected.size
    a, b, c = (IdentifierSet(np.concatenate(batches[i::3])) for i in range(3))
    assert a.merge(b).merge(c).array().tolist() == expected.tolist()
    assert a.merge(b.merge(c)).array().tolist() == expected.tolist()
    assert c.merge(a).merge(b).array().tolist() == expected.tolist()
    assert len(a) < expected.size  # merge changed neither side
    with pytest.raises(ValueError):
        one.array()[0] = 1  # read-only view


def test_identifier_set_refuses_non_integers() -> None:
    with pytest.raises(InputError):
        IdentifierSet().add(np.array([0.5]))


def test_bottom_k_is_mergeable() -> None:
    rng = np.random.default_rng(6)
    a, b = random_hashes(rng, 5000), random_hashes(rng, 7000)
    union = sorted_unique(np.concatenate([a, b]))
    merged = bottom_k(np.concatenate([bottom_k(a, 256), bottom_k(b, 256)]), 256)
    assert merged.tolist() == union[:256].tolist()


# ------------------------------------------------------------------------------------------------ registry
def test_registry_round_trip_with_exact_overlap(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    pool = random_hashes(rng, 12_000)
    rng.shuffle(pool)
    dump_a, dump_b = pool[:5000], pool[4000:9000]  # a sample of pool[:5000]: 5000 shared with a, 1000 with b
    sample = np.concatenate([pool[:5000], pool[:10]])  # unsorted and repeated, as identifier_hashes gives it
    registry = Registry(tmp_path)
    registry.register("dump-a", dump_a, rows=6000, columns={"mail": "email", "nom": "last_name"},
                      source="/srv/leaks/a.csv", note="first seen on a forum")
    registry.register("dump_b.2024", dump_b[::-1], rows=5000, columns={"tel": "phone"}, source=r"C:\leaks\b.csv")
    listed = registry.list()
    assert [d.name for d in listed] == ["dump-a", "dump_b.2024"]
    assert [d.source for d in listed] == ["a.csv", "b.csv"]  # no folder kept
    assert listed[0].identifiers == 5000 and listed[0].rows == 6000 and listed[0].note == "first seen on a forum"
    assert listed[0].columns == {"mail": "email", "nom": "last_name"}
    assert registry.hashes("dump_b.2024").tolist() == sorted(dump_b.tolist())

    overlaps = registry.overlap(sample)
    assert [(o.dump, o.shared, o.sample_identifiers, o.dump_identifiers, o.method) for o in overlaps] == [
        ("dump-a", 5000, 5000, 5000, "exact"), ("dump_b.2024", 1000, 5000, 5000, "exact")]
    assert overlaps[1].ratio == pytest.approx(0.2)
    only_b = registry.overlap(sample, names=["dump_b.2024"])
    assert [(o.dump, o.shared) for o in only_b] == [("dump_b.2024", 1000)]

    assert registry.remove("dump-a") is True
    assert registry.remove("dump-a") is False
    assert [d.name for d in registry.list()] == ["dump_b.2024"]
    assert sorted(p.name for p in (tmp_path / "fingerprints").iterdir()) == ["dump_b.2024.json", "dump_b.2024.npy"]


def test_registering_the_same_name_replaces_it(tmp_path: Path) -> None:
    rng = np.random.default_rng(8)
    first, second = random_hashes(rng, 100), random_hashes(rng, 50)
    registry = Registry(tmp_path)
    registry.register("dump", first, rows=100, columns={}, source="a.csv")
    registry.register("dump", second, rows=50, columns={}, source="b.csv")
    (dump,) = registry.list()
    assert (dump.identifiers, dump.rows, dump.source) == (50, 50, "b.csv")
    assert registry.overlap(first)[0].shared == 0
    assert registry.overlap(second)[0].shared == 50


def test_registry_defaults_to_breachlens_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREACHLENS_HOME", str(tmp_path / "env-home"))
    Registry().register("dump", np.arange(3, dtype=np.uint64), rows=3, columns={}, source="x.csv")
    assert (tmp_path / "env-home" / "fingerprints" / "dump.npy").is_file()


def test_empty_registry_and_empty_sets(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    assert registry.list() == [] and registry.overlap(np.arange(5, dtype=np.uint64)) == []
    registry.register("empty", np.empty(0, dtype=np.uint64), rows=0, columns={}, source="e.csv")
    (overlap,) = registry.overlap(np.empty(0, dtype=np.uint64))
    assert (overlap.shared, overlap.sample_identifiers, overlap.dump_identifiers, overlap.ratio) == (0, 0, 0, 0.0)


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "-dash-first", "with space", "é", "x" * 129,
                                  "a\\b", "name\n"])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    registry = Registry(tmp_path)
    with pytest.raises(InputError, match="not a valid dump name"):
        registry.register(name, np.arange(3, dtype=np.uint64), rows=3, columns={}, source="x.csv")
    with pytest.raises(InputError):
        registry.remove(name)
    assert not (tmp_path / "fingerprints").exists() or not list((tmp_path / "fingerprints").iterdir())


def test_unknown_names_in_the_filter_list_the_known_ones(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.register("ft-2024", np.arange(3, dtype=np.uint64), rows=3, columns={}, source="x.csv")
    with pytest.raises(InputError, match="'nope'.*registered: ft-2024"):
        registry.overlap(np.arange(3, dtype=np.uint64), names=["ft-2024", "nope"])


def test_damaged_files_are_store_errors(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.register("dump", np.arange(10, dtype=np.uint64), rows=10, columns={}, source="x.csv")
    np.save(tmp_path / "fingerprints" / "dump.npy", np.arange(4, dtype=np.uint64))  # does not match its JSON
    with pytest.raises(StoreError, match="register 'dump' again"):
        registry.overlap(np.arange(3, dtype=np.uint64))
    (tmp_path / "fingerprints" / "dump.json").write_text("{not json")
    with pytest.raises(StoreError, match="cannot be read"):
        registry.list()


def test_a_dump_of_an_earlier_hash_scheme_is_refused_not_compared(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.register("old", np.arange(10, dtype=np.uint64), rows=10, columns={}, source="x.csv")
    path = tmp_path / "fingerprints" / "old.json"
    data = json.loads(path.read_text())
    assert data["format"] == HASH_FORMAT
    path.write_text(json.dumps({**data, "format": 1}))  # what versions before the scheme change wrote
    with pytest.raises(StoreError, match="fingerprint scheme 1.*register 'old' again"):
        registry.overlap(np.arange(3, dtype=np.uint64))  # an overlap of 0 would be a wrong answer


def test_other_secret_no_overlap(tmp_path: Path) -> None:
    frame = people(300, seed=2)
    registry = Registry(tmp_path)
    registry.register("dump", identifier_hashes(frame, KINDS, SECRET), rows=300, columns=KINDS, source="d.csv")
    assert registry.overlap(identifier_hashes(frame.head(100), KINDS, SECRET))[0].shared == 200
    assert registry.overlap(identifier_hashes(frame.head(100), KINDS, OTHER_SECRET))[0].shared == 0


def test_nothing_in_clear_on_disk(tmp_path: Path) -> None:
    frame = people(400, seed=4)
    registry = Registry(tmp_path)
    registry.register("dump", identifier_hashes(frame, KINDS, SECRET), rows=400, columns=KINDS,
                      source="/home/analyst/leaks/people.csv")
    registry.overlap(identifier_hashes(frame.head(50), KINDS, SECRET))
    written = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"analyst" not in written  # no local path
    for email in frame.get_column("mail").to_list():
        assert email.encode() not in written and email.split("@")[0].encode() not in written, email
    phones = normalise_phones(frame.get_column("tel")).to_list()
    for raw, e164 in zip(frame.get_column("tel").to_list(), phones, strict=True):
        assert raw.encode() not in written and e164.encode() not in written and e164[1:].encode() not in written
    metadata = json.loads((tmp_path / "fingerprints" / "dump.json").read_text())
    assert set(metadata) == {"format", "name", "registered_at", "source", "rows", "identifiers", "columns", "note",
                             "stored", "sketch_size"}


def test_sketch_estimates_large_overlaps(tmp_path: Path) -> None:
    rng = np.random.default_rng(9)
    pool = random_hashes(rng, 400_000)
    rng.shuffle(pool)
    dump, sample = pool[:200_000], pool[150_000:250_000]  # 50,000 shared
    registry = Registry(tmp_path)
    registered = registry.register("sketched", dump, rows=200_000, columns={}, source="s.csv", sketch=4096)
    assert (registered.stored, registered.identifiers, registered.sketch_size) == ("sketch", 200_000, 4096)
    assert registry.hashes("sketched").size == 4096
    (overlap,) = registry.overlap(sample)
    assert overlap.method == "estimate" and overlap.dump_identifiers == 200_000
    assert overlap.shared == pytest.approx(50_000, rel=0.1)  # about 1024 found: ±3 % typical
    small = registry.register("small", dump[:1000], rows=1000, columns={}, source="s.csv", sketch=4096)
    assert small.stored == "exact"  # fits in its sketch: kept whole
    assert registry.overlap(sample, names=["small"])[0].method == "exact"
    with pytest.raises(InputError):
        registry.register("bad", dump, rows=1, columns={}, source="s.csv", sketch=0)


def test_hashes_files_are_memory_mapped(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.register("dump", np.arange(1000, dtype=np.uint64), rows=1000, columns={}, source="x.csv")
    assert isinstance(registry.hashes("dump"), np.memmap)


def test_files_are_private(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.register("dump", np.arange(10, dtype=np.uint64), rows=10, columns={}, source="x.csv")
    for path in (tmp_path / "fingerprints").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert not [p for p in (tmp_path / "fingerprints").iterdir() if p.name.startswith(".")]  # no temp file left
    assert os.access(tmp_path / "fingerprints" / "dump.npy", os.R_OK)
