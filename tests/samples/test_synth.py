"""Synthetic samples: realistic ones pass every consistency check, fabricated ones fail several; cut() samples rows."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum.fr import nir as stdnum_nir

from breachlens.errors import ConfigurationError, InputError, SampleFormatError
from breachlens.samples import synth
from breachlens.samples.reference import city_consistent, french_postal_codes
from breachlens.samples.synth import DEFAULT_COLUMNS, SynthOptions, cut, fabrication_plan, synthesize

AS_OF = date(2025, 6, 1)
MALE = {"M.", "M", "Monsieur"}
FEMALE = {"Mme", "MME", "Madame"}
GOOD_PHONE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.VOIP}
ZONES = {d: zone for zone, departments in synth._FR_PHONE_ZONES.items() for d in departments.split()}


def _read(path: Path, delimiter: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _birth(text: str) -> date | None:
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            pass
    return None


def _age(born: date) -> int:
    """Age in whole years on AS_OF, as a birthday counts it."""
    return AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))


def _nir_ok(row: dict[str, str]) -> bool:
    """Valid key, and sex, birth year and month those of the row (where the row has them)."""
    nir = row["nir"]
    if not stdnum_nir.is_valid(nir):
        return False
    born = _birth(row["date_naissance"]) if row["date_naissance"] else None
    if born is not None and (nir[1:3] != f"{born.year % 100:02d}" or nir[3:5] != f"{born.month:02d}"):
        return False
    if row["civilite"]:
        return nir[0] == ("2" if row["civilite"] in FEMALE else "1")
    return True


def _phone_ok(row: dict[str, str]) -> bool:
    """A valid French mobile, landline or box number; a landline in the zone of the postal code."""
    try:
        number = phonenumbers.parse(row["telephone"], "FR")
    except phonenumbers.NumberParseException:
        return False
    if number.country_code != 33 or not phonenumbers.is_valid_number(number):
        return False
    kind = phonenumbers.number_type(number)
    if kind not in GOOD_PHONE_TYPES:
        return False
    known = french_postal_codes().get(row["code_postal"])
    if kind == PhoneNumberType.FIXED_LINE and known is not None:
        return ZONES[known.department] == int(str(number.national_number)[0])
    return True


def _failures(rows: list[dict[str, str]]) -> dict[str, float]:
    """Share of the non-empty cells failing each check."""
    codes = french_postal_codes()
    checks = {
        "nir": ("nir", _nir_ok),
        "iban": ("iban", lambda r: stdnum_iban.is_valid(r["iban"])),
        "postal_code": ("code_postal", lambda r: r["code_postal"] in codes),
        "city": ("ville", lambda r: r["code_postal"] not in codes
                 or city_consistent(r["code_postal"], r["ville"]) is not False),
        "phone": ("telephone", _phone_ok),
        "age": ("date_naissance", lambda r: 18 <= _age(_birth(r["date_naissance"]) or AS_OF) < 100),
    }
    shares = {}
    for name, (column, check) in checks.items():
        filled = [r for r in rows if r[column]]
        shares[name] = sum(not check(r) for r in filled) / len(filled)
    return shares


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    path = tmp_path_factory.mktemp("synth") / "realistic.csv"
    assert synthesize(path, SynthOptions(rows=5000, seed=11, as_of=AS_OF)) == 5000
    header, rows = _read(path)
    assert header == list(DEFAULT_COLUMNS)
    return rows


# ---- realistic samples


def test_same_seed_same_file_other_seed_other_file(tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.csv" for n in range(3)]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        synthesize(path, SynthOptions(rows=1500, seed=seed, as_of=AS_OF))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_batches_write_one_header_and_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "_BATCH_ROWS", 400)
    seen: list[tuple[int, int]] = []
    path = tmp_path / "batches.csv"
    assert synthesize(path, SynthOptions(rows=1000, seed=1), progress=lambda done, total: seen.append((done, total))) \
        == 1000
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1001 and lines[0] == ",".join(DEFAULT_COLUMNS)
    assert sum(line.startswith("civilite,") for line in lines) == 1
    assert seen == [(400, 1000), (800, 1000), (1000, 1000)]


def test_zero_rows_is_a_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    assert synthesize(path, SynthOptions(rows=0)) == 0
    assert path.read_text(encoding="utf-8").strip() == ",".join(DEFAULT_COLUMNS)


def test_every_nir_has_a_valid_key_and_matches_birth_and_civility(realistic: list[dict[str, str]]) -> None:
    filled = [r for r in realistic if r["nir"]]
    assert len(filled) > 4700
    assert [r["nir"] for r in filled if not _nir_ok(r)] == []
    places = Counter(r["nir"][5:7] for r in filled)
    assert places["99"] > 100 and places["97"] > 20  # born abroad, born overseas
    assert len(places) > 80  # born all over France


def test_every_iban_passes_mod_97_and_the_rib_key(realistic: list[dict[str, str]]) -> None:
    ibans = [r["iban"].replace(" ", "") for r in realistic if r["iban"]]
    assert [i for i in ibans if not stdnum_iban.is_valid(i)] == []
    assert all(i.startswith("FR76") and len(i) == 27 for i in ibans)
    for number in ibans[:500]:  # RIB key: 89 bank + 15 branch + 3 account + key = 0 mod 97
        bank, branch, account, key = int(number[4:9]), int(number[9:14]), int(number[14:25]), int(number[25:])
        assert (89 * bank + 15 * branch + 3 * account + key) % 97 == 0
    assert any(" " in r["iban"] for r in realistic)  # some written in groups of four


def test_postal_codes_exist_and_match_the_city(realistic: list[dict[str, str]]) -> None:
    codes = french_postal_codes()
    assert all(codes[r["code_postal"]].locality == r["ville"] for r in realistic)
    cities = Counter(r["ville"] for r in realistic)
    assert cities.most_common(1)[0][0] == "PARIS" and cities["PARIS"] > 50  # weighted toward big cities
    assert len(cities) > 2000


def test_phones_are_valid_french_numbers_in_the_zone_of_the_address(realistic: list[dict[str, str]]) -> None:
    phones = [r for r in realistic if r["telephone"]]
    assert [r["telephone"] for r in phones if not _phone_ok(r)] == []
    kinds = Counter(phonenumbers.number_type(phonenumbers.parse(r["telephone"], "FR")) for r in phones)
    assert kinds[PhoneNumberType.MOBILE] > 0.6 * len(phones) and kinds[PhoneNumberType.FIXED_LINE] > 0.1 * len(phones)
    styles = Counter("+33" if p.startswith("+33") else "spaced" if " " in p else "dots" if "." in p else "plain"
                     for p in (r["telephone"] for r in phones))
    assert len(styles) == 4


def test_emails_follow_names_over_a_french_provider_mix(realistic: list[dict[str, str]]) -> None:
    emails = [r["email"] for r in realistic]
    domains = Counter(e.split("@")[1].lower() for e in emails)
    assert 0.30 < domains["gmail.com"] / len(emails) < 0.40
    for provider in ("hotmail.fr", "orange.fr", "free.fr", "sfr.fr", "laposte.net", "wanadoo.fr", "yahoo.fr"):
        assert domains[provider] > 0.02 * len(emails), provider
    assert len(domains) > 40  # company domains beside the providers
    assert all(e.isascii() and e.count("@") == 1 for e in emails)
    assert 0 < sum(e.isupper() for e in emails) < 0.05 * len(emails)
    from_names = sum(synth._fold_key(r["nom"]) in r["email"].lower() for r in realistic)
    assert 0.6 * len(emails) < from_names < 0.95 * len(emails)  # most derived from the name, some handles
    assert len(set(emails)) == len({tuple(r.values()) for r in realistic})  # one address per account


def test_birth_and_registration_dates_are_plausible(realistic: list[dict[str, str]]) -> None:
    ages = [_age(b) for b in (_birth(r["date_naissance"]) for r in realistic if r["date_naissance"]) if b]
    assert len(ages) > 4800 and min(ages) >= 18 and max(ages) < 100
    middle = sorted(ages)[len(ages) // 2]
    assert 35 < middle < 55
    for row in realistic:
        registered = datetime.strptime(row["date_inscription"], "%Y-%m-%d %H:%M:%S").date()
        assert registered < AS_OF
        born = _birth(row["date_naissance"]) if row["date_naissance"] else None
        assert born is None or registered >= born + timedelta(days=365 * 18)
    years = {r["date_inscription"][:4] for r in realistic}
    assert len(years) >= 3


def test_a_few_empty_cells_and_duplicate_rows(realistic: list[dict[str, str]]) -> None:
    n = len(realistic)
    for column in ("telephone", "adresse", "nir", "iban"):
        assert 0.005 < sum(not r[column] for r in realistic) / n < 0.05, column
    for column in ("nom", "prenom", "email", "code_postal", "ville", "date_inscription"):
        assert all(r[column] for r in realistic), column
    duplicates = n - len({tuple(r.values()) for r in realistic})
    assert 0.001 * n < duplicates < 0.01 * n


def test_addresses_look_french(realistic: list[dict[str, str]]) -> None:
    addresses = [r["adresse"] for r in realistic if r["adresse"]]
    assert all(a.split()[0].isdigit() for a in addresses)
    assert sum(" rue " in a for a in addresses) > 0.4 * len(addresses)
    assert len(set(addresses)) > 0.9 * len(addresses)


# ---- fabricated samples


@pytest.mark.parametrize("seed", range(4))
def test_fabricated_samples_fail_several_checks(tmp_path: Path, seed: int) -> None:
    options = SynthOptions(rows=5000, fabricated=True, seed=seed, as_of=AS_OF)
    plan = fabrication_plan(options)
    assert 4 <= len(plan) <= 7 and set(plan) <= set(synth.FABRICATION_STRATEGIES)
    synthesize(tmp_path / "fake.csv", options)
    _, rows = _read(tmp_path / "fake.csv")
    failing = _failures(rows)
    expected = {"nir_random_digits": "nir", "nir_inconsistent": "nir", "iban_bad_checksum": "iban",
                "postal_code_invalid": "postal_code", "city_mismatch": "city", "phone_random_digits": "phone",
                "birth_uniform": "age"}
    for strategy, check in expected.items():
        if strategy == "city_mismatch" and failing["postal_code"] > 0.8:
            continue  # a city can only be checked against a postal code that exists
        if strategy in plan:
            assert failing[check] > 0.1, (strategy, failing)
    assert sum(share > 0.1 for share in failing.values()) >= 2, (plan, failing)
    emails = [r["email"] for r in rows]
    if "email_one_pattern" in plan:
        assert all(e.endswith("@gmail.com") or e.split("@")[1] in synth._GENERATOR_DOMAINS for e in emails)
    if "email_generator_domains" in plan:
        assert sum(e.split("@")[1] in synth._GENERATOR_DOMAINS for e in emails) > 0.2 * len(emails)
    if "small_vocabulary" in plan:
        assert len({r["nom"].upper() for r in rows}) <= 20 and len({r["prenom"].lower() for r in rows}) <= 20
    if "too_clean" in plan:
        assert all(all(r.values()) for r in rows) and len({tuple(r.values()) for r in rows}) == len(rows)


def test_the_plan_varies_with_the_seed() -> None:
    plans = [fabrication_plan(SynthOptions(rows=1, fabricated=True, seed=seed)) for seed in range(40)]
    used = Counter(strategy for plan in plans for strategy in plan)
    assert set(used) == set(synth.FABRICATION_STRATEGIES)
    assert len({tuple(sorted(plan)) for plan in plans}) > 30
    assert fabrication_plan(SynthOptions(rows=1, seed=3)) == {}
    for seed in range(20):  # no NIR outside France, no IBAN in the United States
        assert not {"nir_random_digits", "nir_inconsistent"} & set(
            fabrication_plan(SynthOptions(rows=1, locale="de_DE", fabricated=True, seed=seed)))
        assert "iban_bad_checksum" not in fabrication_plan(SynthOptions(rows=1, locale="en_US", fabricated=True,
                                                                        seed=seed))


def test_fabricated_realistic_base_is_the_same_file_shape(tmp_path: Path) -> None:
    synthesize(tmp_path / "fake.csv", SynthOptions(rows=300, fabricated=True, seed=2))
    header, rows = _read(tmp_path / "fake.csv")
    assert header == list(DEFAULT_COLUMNS) and len(rows) == 300


# ---- options


@pytest.mark.parametrize(("locale", "region", "has_iban"), [("en_US", "US", False), ("de_DE", "DE", True),
                                                             ("es_ES", "ES", True)])
def test_other_locales_have_names_email_phone_address(tmp_path: Path, locale: str, region: str,
                                                      has_iban: bool) -> None:
    path = tmp_path / f"{locale}.csv"
    synthesize(path, SynthOptions(rows=1000, locale=locale, seed=4))
    header, rows = _read(path)
    assert "nir" not in header and ("iban" in header) == has_iban
    phones = [r["telephone"] for r in rows if r["telephone"]]
    valid = sum(phonenumbers.is_valid_number(phonenumbers.parse(p, region)) for p in phones)
    assert valid >= 0.99 * len(phones)
    if has_iban:
        assert all(stdnum_iban.is_valid(r["iban"]) for r in rows if r["iban"])
        assert all(r["iban"].startswith(region) for r in rows if r["iban"])
    assert all(r["nom"] and r["prenom"] and "@" in r["email"] and r["code_postal"] and r["ville"] for r in rows)
    assert sum(bool(r["adresse"]) for r in rows) > 0.95 * len(rows)


def test_columns_and_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "subset.csv"
    columns = ("email", "nom", "nir")
    synthesize(path, SynthOptions(rows=200, columns=columns, delimiter=";"))
    header, rows = _read(path, delimiter=";")
    assert header == list(columns) and len(rows) == 200


@pytest.mark.parametrize("options", [
    SynthOptions(rows=-1),
    SynthOptions(rows=10, locale="it_IT"),
    SynthOptions(rows=10, columns=("email", "password")),
    SynthOptions(rows=10, locale="en_US", columns=("nir",)),
    SynthOptions(rows=10, columns=("email", "email")),
    SynthOptions(rows=10, delimiter='"'),
])
def test_bad_options_are_configuration_errors(tmp_path: Path, options: SynthOptions) -> None:
    with pytest.raises(ConfigurationError):
        synthesize(tmp_path / "x.csv", options)


def test_an_unwritable_output_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing"):
        synthesize(tmp_path / "missing" / "x.csv", SynthOptions(rows=10))


# ---- cut


def _source(tmp_path: Path, records: int) -> tuple[Path, list[str]]:
    """A CSV of distinct records, one of them with a quoted field spanning two lines."""
    lines = [f'{i},"name {i}",{i * 7}\n' for i in range(records)]
    lines[3] = '3,"two\nlines, quoted",21\n'
    path = tmp_path / "source.csv"
    path.write_text("id,name,value\n" + "".join(lines), encoding="utf-8")
    return path, lines


def test_cut_keeps_the_header_and_asked_number_of_distinct_source_rows(tmp_path: Path) -> None:
    source, lines = _source(tmp_path, 5000)
    assert cut(source, tmp_path / "cut.csv", 300, seed=9) == 300
    with (tmp_path / "cut.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["id", "name", "value"]
    ids = [int(r[0]) for r in rows[1:]]
    assert len(ids) == len(set(ids)) == 300 and ids == sorted(ids)
    assert all(r == next(csv.reader([lines[int(r[0])]])) for r in rows[1:] if r[0] != "3")
    spread = max(ids) - min(ids)
    assert spread > 4000  # drawn over the whole file, not its first rows


def test_cut_refuses_to_write_over_its_source(tmp_path: Path) -> None:
    source, _ = _source(tmp_path, 50)
    before = source.read_bytes()
    with pytest.raises(InputError, match="source dump itself"):
        cut(source, tmp_path / "." / source.name, 10)
    assert source.read_bytes() == before


def test_cut_is_deterministic_and_takes_all_when_asked_more(tmp_path: Path) -> None:
    source, _ = _source(tmp_path, 50)
    cut(source, tmp_path / "a.csv", 10, seed=1)
    cut(source, tmp_path / "b.csv", 10, seed=1)
    cut(source, tmp_path / "c.csv", 10, seed=2)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_bytes() != (tmp_path / "c.csv").read_bytes()
    assert cut(source, tmp_path / "all.csv", 500) == 50
    assert (tmp_path / "all.csv").read_bytes() == source.read_bytes()  # the multi-line record kept whole
    assert cut(source, tmp_path / "none.csv", 0) == 0
    assert (tmp_path / "none.csv").read_text(encoding="utf-8") == "id,name,value\n"


def test_cut_of_a_synthetic_sample(tmp_path: Path) -> None:
    synthesize(tmp_path / "dump.csv", SynthOptions(rows=3000, seed=8))
    assert cut(tmp_path / "dump.csv", tmp_path / "cut.csv", 100, seed=8) == 100
    source = (tmp_path / "dump.csv").read_text(encoding="utf-8").splitlines()
    taken = (tmp_path / "cut.csv").read_text(encoding="utf-8").splitlines()
    assert taken[0] == source[0] and len(taken) == 101 and set(taken[1:]) <= set(source[1:])


def test_cut_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        cut(tmp_path / "missing.csv", tmp_path / "out.csv", 10)
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(SampleFormatError):
        cut(tmp_path / "empty.csv", tmp_path / "out.csv", 10)
    with pytest.raises(ConfigurationError):
        cut(tmp_path / "empty.csv", tmp_path / "out.csv", -1)
