"""The byte-matrix shortcut of the IBAN and NIR detectors (``masks_by_width``) answers what their general way
answers, whatever the mix of lengths, spellings and junk."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from breachlens.samples.detectors.base import Detector, FixedWidth, digits_only
from breachlens.samples.detectors.iban import Iban
from breachlens.samples.detectors.nir import Nir


def general(detector: Detector, values: pl.Series) -> tuple[list[bool], list[bool]]:
    matched, valid = detector.masks_of_prepared(detector.prepare(values))
    return matched.to_list(), valid.to_list()


def shortcut(detector: Detector, values: pl.Series) -> tuple[list[bool], list[bool]]:
    matched, valid, _ = detector.masks_and_dates(values)
    return matched.to_list(), valid.to_list()


def test_fixed_width_reads_one_length_of_ascii_only() -> None:
    fixed = FixedWidth.of(pl.Series(["fr76 3000", "FR76 3001"]))
    assert fixed is not None
    spaced = fixed.without(b" ")
    assert spaced is not None
    assert spaced.upper().columns.T.tobytes() == b"FR763000FR763001"
    assert fixed.number(2, 4).tolist() == [76, 76] and fixed.digits(2, 4).tolist() == [True, True]
    assert FixedWidth.of(pl.Series(["FR76", "FR7"])) is None  # two lengths
    assert FixedWidth.of(pl.Series(["FR76", None])) is None
    assert FixedWidth.of(pl.Series(["FRé6", "FR76"])) is None  # not ASCII (and not one byte length)
    assert FixedWidth.of(pl.Series([], dtype=pl.String)) is None
    assert FixedWidth(np.frombuffer(b"1 2-3 4", dtype=np.uint8).reshape(7, 1)).without(b" ") is not None
    odd = FixedWidth.of(pl.Series(["12 34", "1234 "]))  # a space in different places: not written one way
    assert odd is not None and odd.without(b" ") is None


def _faker_values(method: str, locale: str, count: int) -> list[str]:
    fake = Faker(locale)
    fake.seed_instance(7)
    return [getattr(fake, method)() for _ in range(count)]


@pytest.mark.parametrize(("detector", "values"), [
    (Iban(), _faker_values("iban", "fr_FR", 300)),
    (Iban(), _faker_values("iban", "en_GB", 300)),  # letters in the BBAN
    (Iban(), _faker_values("iban", "de_DE", 300)),
    (Nir(), _faker_values("ssn", "fr_FR", 300)),
])
def test_real_looking_values_give_the_same_masks(detector: Detector, values: list[str]) -> None:
    spaced = [" ".join(v[i:i + 4] for i in range(0, len(v), 4)) for v in values]
    mixed = [v for pair in zip(values, spaced, strict=True) for v in pair] + [None, "", "n/a", "é" * 15, values[0][:-1]]
    for spelled in (values, [v.lower() for v in values], spaced, [*values[:10], None, *values[10:]], mixed):
        series = pl.Series(spelled, dtype=pl.String)
        assert shortcut(detector, series) == general(detector, series)
        assert any(shortcut(detector, series)[1])


def _mutated(alphabet: str, widths: list[int]) -> st.SearchStrategy[list[str | None]]:
    value = st.sampled_from(widths).flatmap(lambda width: st.text(alphabet=alphabet, min_size=width, max_size=width))
    return st.lists(st.one_of(value, st.none()), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_iban_shortcut_matches_on_any_values(data: st.DataObject) -> None:
    starts = st.sampled_from(["FR76", "GB29", "DE89", "fr14", "XX00", "FR0 ", "F176"])
    rests = st.sampled_from([11, 14, 18, 23, 29, 30, 31]).flatmap(
        lambda size: st.text(alphabet="0123456789ABZab -/", min_size=size, max_size=size))
    value = st.tuples(starts, rests).map("".join)
    values = data.draw(st.lists(st.one_of(value, st.none()), min_size=1, max_size=30))
    series = pl.Series(values, dtype=pl.String)
    assert shortcut(Iban(), series) == general(Iban(), series)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_nir_shortcut_matches_on_any_values(data: st.DataObject) -> None:
    widths = data.draw(st.lists(st.sampled_from([13, 15, 21]), min_size=1, max_size=3))
    values = data.draw(_mutated("0123456789129AB a.-é", widths))
    series = pl.Series(values, dtype=pl.String)
    assert shortcut(Nir(), series) == general(Nir(), series)


def test_nir_keys_and_corsica() -> None:
    # the key is 97 - (the first 13 digits mod 97), 2A and 2B read as 19 and 18
    base = "1850319123456"
    key = 97 - int(base) % 97
    corsica = "18503" + "2A" + "123456"
    corsica_key = 97 - int("18503" + "19" + "123456") % 97
    values = pl.Series([f"{base}{key:02d}", f"{base}{(key % 97) + 1:02d}", f"{corsica}{corsica_key:02d}",
                        f"{corsica}{corsica_key:02d}".lower()])
    assert shortcut(Nir(), values) == general(Nir(), values) == ([True] * 4, [True, False, True, True])


@pytest.mark.parametrize("spaced_share", [0.0, 0.1, 0.9, 1.0])
def test_digits_only_removes_every_separator_whatever_the_first_rows_use(spaced_share: float) -> None:
    """Columns past the first rows: separators go literally when most first rows have some, by the pattern on
    the rows that have some otherwise; either way none is left and nothing else changes."""
    spaced = int(2500 * spaced_share)
    values = ["1 85 05 78 006 084 36"] * spaced + ["185057800608436"] * (2500 - spaced) + [
        "1.85.05.78.006.084.36", "1-85-05", "1\u00a085\u202f05", None, "", "A B"]
    assert digits_only(pl.Series(values)).to_list() == (
        ["185057800608436"] * 2501 + ["18505", "18505", None, "", "AB"])


def test_digits_only_leaves_the_callers_series_alone() -> None:
    values = pl.Series(["185057800608436"] * 2500 + ["1 85 05 78 006 084 36"])
    before = values.to_list()
    assert digits_only(values).to_list() == ["185057800608436"] * 2501
    assert values.to_list() == before


def test_one_huge_cell_goes_the_general_way() -> None:
    """A cell of megabytes (an unclosed quote swallowed the file) joins the values too long for a matrix."""
    values = pl.Series(["FR7630006000011234567890189", "FR" + "7" * 5_000_000, None])
    assert shortcut(Iban(), values) == general(Iban(), values)
