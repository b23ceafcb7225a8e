"""The exposure index: add, look up, add again, retire, remove; the range API's data; bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from exposure_helpers import write_dump

from breachlens.errors import InputError, StoreError
from breachlens.exposure.index import ExposureIndex
from breachlens.exposure.ingest import hash_columns, hash_file
from breachlens.exposure.normalise import normalise_identifier, sha1_hex
from breachlens.model import Breach

SECRET = bytes(range(32))


def _add(index: ExposureIndex, name: str, emails: list[str], phones: list[str] = (), public: bool = False,  # type: ignore[assignment]
         **flags: object) -> None:
    hashed = hash_columns([pl.Series(emails)], [pl.Series(list(phones))], SECRET, public)
    index.add(Breach(name=name, title=name.title(), data_categories=["email", "phone"], **flags),  # type: ignore[arg-type]
              hashed.keyed, hashed.sha1, public=public)


def _names(index: ExposureIndex, text: str) -> list[str]:
    return sorted(b.breach.name for b in index.lookup(normalise_identifier(text)))


def test_add_and_look_up(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    _add(index, "first", ["Jean.Dupont@Orange.fr", "marie@example.fr"], ["06 12 34 56 78"])
    _add(index, "second", ["jean.dupont@orange.fr"])
    assert _names(index, " JEAN.DUPONT@orange.fr") == ["first", "second"]
    assert _names(index, "marie@example.fr") == ["first"]
    assert _names(index, "+33612345678") == ["first"]
    assert _names(index, "nobody@example.fr") == []
    assert [b.identifiers for b in index.breaches()] == [3, 1]


def test_an_index_of_an_earlier_hash_scheme_is_refused(tmp_path: Path) -> None:
    _add(ExposureIndex(tmp_path, secret=SECRET), "first", ["a@example.fr"])
    meta = next(tmp_path.glob("exposure/index/g*/meta.json"))
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 1}))
    with pytest.raises(StoreError, match="fingerprint scheme 1"):  # not "in no breach": a wrong answer
        ExposureIndex(tmp_path, secret=SECRET).lookup(normalise_identifier("a@example.fr"))


def test_a_fresh_reader_sees_what_a_writer_added(tmp_path: Path) -> None:
    _add(ExposureIndex(tmp_path, secret=SECRET), "first", ["a@example.fr"])
    assert _names(ExposureIndex(tmp_path, secret=SECRET), "a@example.fr") == ["first"]


def test_adding_a_breach_again_replaces_it(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    _add(index, "first", ["a@example.fr", "b@example.fr"])
    _add(index, "first", ["c@example.fr"])
    assert _names(index, "a@example.fr") == []
    assert _names(index, "c@example.fr") == ["first"]
    assert len(index.breaches()) == 1


def test_retire_keeps_the_metadata_and_drops_the_hashes(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    _add(index, "first", ["a@example.fr"], public=True)
    _add(index, "second", ["a@example.fr"])
    index.retire("FIRST")
    assert _names(index, "a@example.fr") == ["second"]
    retired = index.get("first")
    assert retired is not None and retired.breach.retired
    assert index.range(sha1_hex("a@example.fr")[:6]) == []


def test_remove_drops_everything(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    _add(index, "first", ["a@example.fr"])
    index.remove("first")
    assert index.breaches() == [] and _names(index, "a@example.fr") == []
    with pytest.raises(InputError, match="no such breach"):
        index.remove("first")
    assert len(list((tmp_path / "exposure" / "index").iterdir())) == 2  # CURRENT and one generation


def test_range_answers_public_breaches_only(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    _add(index, "open", ["a@example.fr", "b@example.fr"], ["0612345678"], public=True)
    _add(index, "closed", ["a@example.fr"])
    _add(index, "spam", ["a@example.fr"], public=True, spam_list=True)
    digest = sha1_hex("a@example.fr")
    entries = index.range(digest[:6].lower())
    assert [(e.suffix, e.breaches) for e in entries] == [(digest[6:], ("open",))]
    phone = sha1_hex("+33612345678")
    assert [e.suffix for e in index.range(phone[:6])] == [phone[6:]]
    for bad in ("", "ABCDE", "ABCDEFG", "GGGGGG", "../../"):
        with pytest.raises(InputError):
            index.range(bad)


def test_an_empty_index_answers_nothing(tmp_path: Path) -> None:
    index = ExposureIndex(tmp_path, secret=SECRET)
    assert index.breaches() == [] and _names(index, "a@example.fr") == [] and index.range("ABCDEF") == []


def test_a_sensitive_breach_cannot_be_public(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="sensitive"):
        _add(ExposureIndex(tmp_path, secret=SECRET), "x", ["a@example.fr"], public=True, sensitive=True)


@pytest.mark.parametrize("name", ["", "../evil", "a b", ".hidden", "x" * 200])
def test_bad_breach_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InputError):
        _add(ExposureIndex(tmp_path, secret=SECRET), name, ["a@example.fr"])


def test_many_identifiers_each_found_in_its_breaches(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 2**64, 50_000, dtype=np.uint64)
    index = ExposureIndex(tmp_path, secret=SECRET)
    index.add(Breach(name="one", title="One"), keys[:30_000])
    index.add(Breach(name="two", title="Two"), keys[20_000:])
    for position in rng.integers(0, keys.size, 500):
        found = sorted(b.breach.name for b in index.lookup_hash(int(keys[position])))
        expected = (["one"] if position < 30_000 else []) + (["two"] if position >= 20_000 else [])
        assert found == expected
    assert index.lookup_hash(0) == [] and index.lookup_hash(2**64 - 1) == []


def test_a_file_in_any_sample_format_is_hashed_by_its_detected_columns(tmp_path: Path) -> None:
    import gzip

    dump = write_dump(tmp_path / "dump.csv", rows=200)
    packed = tmp_path / "dump.csv.gz"
    packed.write_bytes(gzip.compress(dump.path.read_bytes()))
    hashed = hash_file(packed, SECRET, public=True, workers=1)
    assert hashed.rows == 200 and hashed.emails == 200 and hashed.phones == 200
    assert {k for k in hashed.columns.values() if k in ("email", "phone")} == {"email", "phone"}
    assert "name" in hashed.categories and hashed.sha1 is not None and hashed.sha1.shape == (400, 20)


def test_a_file_without_identifiers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text("ville,code\nParis,75001\nLyon,69001\n", encoding="utf-8")
    with pytest.raises(InputError, match="no e-mail or phone column"):
        hash_file(path, SECRET, public=False)
