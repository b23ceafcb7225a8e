"""Attribution: canary records name the flow a sample came from (a record counts once whatever matched), the
schema ranks the flows when no canary matched, schema similarity says why, and flows keep nothing in clear."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from faker import Faker

from breachlens.errors import InputError, StoreError
from breachlens.samples.attribution import (
    Flows,
    SchemaFingerprint,
    canary_hashes,
    fold_header,
    schema_of,
    schema_similarity,
    value_shape,
)
from breachlens.samples.fingerprint import HASH_FORMAT, identifier_hashes

SECRET = bytes(range(32))
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def people(count: int, seed: int, *, spaced_phones: bool = True, date_format: str = "%Y-%m-%d") -> pl.DataFrame:
    """Synthetic people as an owner's export holds them (Faker, French; mobiles in ranges that exist)."""
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    rows = []
    for _ in range(count):
        rows.append({
            "Nom": fake.last_name(), "Prénom": fake.first_name(), "E-mail": fake.unique.email(),
            "Téléphone": fake.numerify(f"06 {fake.random_int(10, 38)} ## ## ##" if spaced_phones
                                       else f"06{fake.random_int(10, 38)}######"),
            "Date de naissance": fake.date_of_birth(minimum_age=18, maximum_age=90).strftime(date_format),
            "Code postal": fake.postcode(),
        })
    return pl.DataFrame(rows)


KINDS = {"Nom": "last_name", "Prénom": "first_name", "E-mail": "email", "Téléphone": "phone",
         "Date de naissance": "date_of_birth", "Code postal": "postal_code"}


def schema(frame: pl.DataFrame, delimiter: str | None = ";", kinds: dict[str, str] | None = None) -> SchemaFingerprint:
    kinds = KINDS if kinds is None else kinds
    return schema_of(frame.columns, [kinds.get(c) for c in frame.columns], frame, delimiter)


@pytest.fixture()
def flows(tmp_path: Path) -> tuple[Flows, dict[str, pl.DataFrame]]:
    """Three flows of the owner with 10 canary records each; B and C also with a schema."""
    registry = Flows(tmp_path)
    canaries = {name: people(10, seed) for name, seed in (("crm-copy", 11), ("partner-b", 12), ("backup-c", 13))}
    schemas = {
        "crm-copy": None,
        "partner-b": schema(people(200, 21, spaced_phones=False), delimiter=","),  # phones without spaces
        "backup-c": schema(people(200, 22)),  # the owner's usual export: ';', spaced phones, ISO dates
    }
    for name, frame in canaries.items():
        hashes, records = canary_hashes(frame, KINDS, SECRET)
        registry.add(name, hashes, frame.height, schemas[name], records=records, now=NOW)
    return registry, canaries


# ------------------------------------------------------------------------------------------------ canaries
def test_canaries_name_the_flow(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    sample = pl.concat([people(300, 31), canaries["partner-b"][2:5]])  # 3 canary records of partner-b
    matches = registry.attribute(identifier_hashes(sample, KINDS, SECRET), schema(sample))
    assert [(m.flow, m.canaries) for m in matches] == [("partner-b", 3)]
    assert "3 of 10 canary records of partner-b are in the sample" in matches[0].reasons[0]


def test_a_record_matching_by_email_and_phone_counts_once(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    b = canaries["partner-b"]
    only_mail = b[5:6].with_columns(pl.lit(None, dtype=pl.String).alias("Téléphone"))
    only_phone = b[6:7].with_columns(pl.lit("someone@example.invalid").alias("E-mail"))
    both = b[0:1]  # its e-mail and its phone both match
    sample = pl.concat([people(50, 32), both, only_mail, only_phone])
    (match,) = registry.attribute(identifier_hashes(sample, KINDS, SECRET), None)
    assert (match.flow, match.canaries) == ("partner-b", 3)
    (match,) = registry.attribute(identifier_hashes(pl.concat([people(20, 33), both]), KINDS, SECRET), None)
    assert match.canaries == 1


def test_canaries_of_two_flows_most_first(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    sample = pl.concat([canaries["crm-copy"][:2], canaries["backup-c"][:4], people(100, 34)])
    matches = registry.attribute(identifier_hashes(sample, KINDS, SECRET), schema(sample))
    assert [(m.flow, m.canaries) for m in matches] == [("backup-c", 4), ("crm-copy", 2)]
    assert matches[0].schema_similarity > 0.8  # same export as backup-c, also told
    assert matches[1].schema_similarity == 0.0  # crm-copy has no schema


def test_canaries_found_with_other_spellings(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    respelled = canaries["crm-copy"][:3].with_columns(
        pl.col("E-mail").str.to_uppercase(),
        ("+33 " + pl.col("Téléphone").str.slice(1)).alias("Téléphone"))
    (match,) = registry.attribute(identifier_hashes(respelled, KINDS, SECRET), None)
    assert (match.flow, match.canaries) == ("crm-copy", 3)


def test_other_secret_finds_no_canary(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    assert registry.attribute(identifier_hashes(canaries["partner-b"], KINDS, bytes(32)), None) == []


def test_canary_hashes_keep_the_record_of_each_hash() -> None:
    frame = pl.DataFrame({"mail": ["a@example.com", "b@example.com", "nope"],
                          "tel": ["0199001234", None, "01 99 00 12 35"]})
    hashes, records = canary_hashes(frame, {"mail": "email", "tel": "phone"}, SECRET)
    assert hashes.dtype == np.uint64 and records.dtype == np.int64
    assert sorted(records.tolist()) == [0, 0, 1, 2]
    assert len(set(hashes.tolist())) == 4


# ------------------------------------------------------------------------------------------------ schemas
def test_without_canaries_the_same_schema_ranks_first(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, _ = flows
    sample = people(150, 41)  # written like backup-c: ';', spaced phones, ISO dates
    matches = registry.attribute(identifier_hashes(sample, KINDS, SECRET), schema(sample))
    assert [m.flow for m in matches][0] == "backup-c"
    assert all(m.canaries == 0 for m in matches)
    assert "crm-copy" not in [m.flow for m in matches]  # neither canaries nor schema: left out
    assert matches[0].schema_similarity > matches[-1].schema_similarity or len(matches) == 1
    assert matches[0].schema_similarity == pytest.approx(1.0)
    assert any("no canary record of backup-c" in reason for reason in matches[0].reasons)


def test_written_like_partner_b_ranks_partner_b_first(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, _ = flows
    sample = people(150, 42, spaced_phones=False)
    matches = registry.attribute(identifier_hashes(sample, KINDS, SECRET), schema(sample, delimiter=","))
    assert [m.flow for m in matches] == ["partner-b", "backup-c"]


def test_unrelated_schema_matches_nothing(flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, _ = flows
    fake = Faker("fr_FR")
    fake.seed_instance(43)
    other = pl.DataFrame({"sku": [fake.ean13() for _ in range(50)],
                          "price": [fake.pyfloat(2, 2, True) for _ in range(50)]})
    assert registry.attribute(np.empty(0, dtype=np.uint64), schema(other, "|", kinds={})) == []
    assert registry.attribute(np.empty(0, dtype=np.uint64), None) == []


def test_similarity_of_identical_schemas_and_its_reasons() -> None:
    a = schema(people(100, 51))
    b = schema(people(100, 52))
    score, reasons = schema_similarity(a, b)
    assert score == pytest.approx(1.0)
    assert "same 6 of 6 column names" in reasons
    assert "same column order" in reasons
    assert "phone written 99 99 99 99 99 in both" in reasons
    assert "date_of_birth written 9999-99-99 in both" in reasons
    assert "same delimiter (semicolon)" in reasons
    assert any(reason.startswith("same kinds of data (") for reason in reasons)


def test_similarity_falls_with_each_difference() -> None:
    base = people(100, 53)
    same = schema_similarity(schema(base), schema(people(100, 54)))[0]
    reordered_frame = people(100, 55).select(["E-mail", "Nom", "Prénom", "Téléphone", "Code postal",
                                              "Date de naissance"])
    reordered, reasons = schema_similarity(schema(base), schema(reordered_frame))
    assert reordered < same
    assert "4 of 6 shared columns in the same order" in reasons
    other_formats, reasons = schema_similarity(schema(base),
                                               schema(people(100, 56, spaced_phones=False, date_format="%d/%m/%Y"),
                                                      delimiter=","))
    assert other_formats < same
    assert "phone written 99 99 99 99 99 in one, 9999999999 in the other" in reasons
    assert "different delimiters (semicolon, comma)" in reasons
    renamed = people(100, 57).rename({"E-mail": "courriel", "Téléphone": "mobile", "Nom": "nom_famille",
                                      "Prénom": "prenom", "Date de naissance": "naissance", "Code postal": "cp"})
    renamed_kinds = {"courriel": "email", "mobile": "phone", "nom_famille": "last_name", "prenom": "first_name",
                     "naissance": "date_of_birth", "cp": "postal_code"}
    by_kind, reasons = schema_similarity(schema(base), schema(renamed, kinds=renamed_kinds))
    assert by_kind < other_formats < same  # same content, new names: kinds and shapes still tell
    assert "same 1 of 6 column names" in reasons  # "Prénom" and "prenom" fold the same
    assert "phone written 99 99 99 99 99 in both" in reasons


def test_similar_names_are_matched_fuzzily() -> None:
    kinds, shapes = ("email", "phone", None), ("a@a.a", "9999999999", "Aa")
    a = SchemaFingerprint(("email", "telephone", "nom"), kinds, shapes, None)
    b = SchemaFingerprint(("emails", "telephone1", "nom"), kinds, shapes, None)
    score, reasons = schema_similarity(a, b)
    assert "same 1 of 3 column names" in reasons
    assert "2 column names alike (email ~ emails, telephone ~ telephone1)" in reasons
    assert score > 0.9


def test_similarity_is_symmetric_enough_and_bounded() -> None:
    a, b = schema(people(80, 58)), schema(people(80, 59, spaced_phones=False), ",")
    ab, ba = schema_similarity(a, b)[0], schema_similarity(b, a)[0]
    assert 0.0 <= ab <= 1.0 and ab == pytest.approx(ba)
    assert schema_similarity(SchemaFingerprint((), (), (), None), a) == (0.0, [])


@pytest.mark.parametrize(("header", "folded"), [
    ("E-mail", "email"), ("E_MAIL", "email"), ("Téléphone portable", "telephoneportable"),
    ("Date de naissance", "datedenaissance"), ("firstName", "firstname"), ("  Code postal ", "codepostal"),
    ("Nº", "no"), ("N°", "n"),  # masculine ordinal folds to o; the degree sign is punctuation
])
def test_fold_header(header: str, folded: str) -> None:
    assert fold_header(header) == folded


@pytest.mark.parametrize(("value", "shape"), [
    ("06 12 34 56 78", "99 99 99 99 99"), ("0612345678", "9999999999"), ("+33 6 12 34 56 78", "+99 9 99 99 99 99"),
    ("1985-03-12", "9999-99-99"), ("12/03/1985", "99/99/9999"), ("jean.dupont@example.com", "a.a@a.a"),
    ("jdupont92@example.com", "a@a.a"), ("Jean", "Aa"), ("DUPONT", "A"), ("Jean-Pierre", "Aa-Aa"),
    ("éloïse", "a"), ("Élodie", "Aa"), ("AB-123-CD", "A-999-A"), ("  75011 ", "99999"), ("12  rue", "99 a"),
])
def test_value_shape(value: str, shape: str) -> None:
    assert value_shape(value) == shape


def test_schema_of_dominant_shapes() -> None:
    frame = pl.DataFrame({"Tel": ["06 12 34 56 78", "06 98 76 54 32", "0611223344", None, ""],
                          "n": [1, 22, 333, 4444, 55555]})
    fingerprint = schema_of(["Tel", "n", "missing"], ["phone", None, None], frame, "\t")
    assert fingerprint.columns == ("tel", "n", "missing")
    assert fingerprint.shapes == ("99 99 99 99 99", "99999", "")  # ties: the larger shape, deterministic
    assert fingerprint.delimiter == "\t"
    with pytest.raises(InputError):
        schema_of(["a", "b"], ["email"], frame, None)


# ------------------------------------------------------------------------------------------------ storage
def test_flows_round_trip_and_nothing_in_clear(tmp_path: Path, flows: tuple[Flows, dict[str, pl.DataFrame]]) -> None:
    registry, canaries = flows
    listed = registry.list()
    assert [(f.name, f.canaries, f.identifiers, f.added_at) for f in listed] == [
        ("backup-c", 10, 20, NOW), ("crm-copy", 10, 20, NOW), ("partner-b", 10, 20, NOW)]
    assert listed[2].schema is not None and listed[2].schema.delimiter == ","
    assert listed[1].schema is None
    written = b"".join(p.read_bytes() for p in (tmp_path / "flows").iterdir())
    for frame in canaries.values():
        for email in frame.get_column("E-mail").to_list():
            assert email.encode() not in written
        for phone in frame.get_column("Téléphone").to_list():
            assert phone.encode() not in written and phone.replace(" ", "")[1:].encode() not in written
        for name in frame.get_column("Nom").to_list():
            assert f'"{name}"'.encode() not in written
    stored = json.loads((tmp_path / "flows" / "partner-b.json").read_text())
    assert set(stored) == {"format", "name", "added_at", "canaries", "canary_hashes", "canary_records", "schema"}
    assert all(len(value) == 16 for value in stored["canary_hashes"])
    assert registry.remove("crm-copy") is True and registry.remove("crm-copy") is False
    assert [f.name for f in registry.list()] == ["backup-c", "partner-b"]


def test_adding_again_replaces(tmp_path: Path) -> None:
    registry = Flows(tmp_path)
    first, second = people(5, 61), people(5, 62)
    for frame in (first, second):
        hashes, records = canary_hashes(frame, KINDS, SECRET)
        registry.add("flow", hashes, 5, None, records=records, now=NOW)
    assert len(registry.list()) == 1
    assert registry.attribute(identifier_hashes(first, KINDS, SECRET), None) == []
    assert registry.attribute(identifier_hashes(second, KINDS, SECRET), None)[0].canaries == 5


def test_flows_refuse_bad_input(tmp_path: Path) -> None:
    registry = Flows(tmp_path)
    with pytest.raises(InputError, match="not a valid flow name"):
        registry.add("../x", np.arange(2, dtype=np.uint64), 2, None)
    with pytest.raises(InputError, match="canary records or a schema"):
        registry.add("empty", np.empty(0, dtype=np.uint64), 0, None)
    with pytest.raises(InputError, match="one canary record per hash"):
        registry.add("x", np.arange(3, dtype=np.uint64), 3, None, records=np.array([0, 1]))
    with pytest.raises(InputError, match="declared"):
        registry.add("x", np.arange(3, dtype=np.uint64), 1, None)
    assert registry.list() == []
    schema_only = registry.add("schema-only", np.empty(0, dtype=np.uint64), 0, schema(people(20, 63)))
    assert schema_only.identifiers == 0


def test_a_flow_of_an_earlier_hash_scheme_is_refused(tmp_path: Path) -> None:
    registry = Flows(tmp_path)
    registry.add("flow", np.arange(2, dtype=np.uint64), 2, None)
    path = tmp_path / "flows" / "flow.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "format": 1}))
    with pytest.raises(StoreError, match="fingerprint scheme 1.*add the flow 'flow' again"):
        registry.attribute(np.arange(2, dtype=np.uint64), None)


def test_damaged_flow_file_is_a_store_error(tmp_path: Path) -> None:
    registry = Flows(tmp_path)
    registry.add("flow", np.arange(2, dtype=np.uint64), 2, None)
    damaged = {"format": HASH_FORMAT, "name": "flow", "canary_hashes": ["zz"]}
    (tmp_path / "flows" / "flow.json").write_text(json.dumps(damaged))
    with pytest.raises(StoreError, match="add the flow again"):
        registry.list()
