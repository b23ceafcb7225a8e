"""IBAN detector: mod 97, country lengths, letters in the BBAN; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("iban")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('FR76 3000 6000 0112 3456 7890 189', True, True),
    ('FR7630006000011234567890189', True, True),
    ('DE89370400440532013000', True, True),
    ('GB82 WEST 1234 5698 7654 32', True, True),  # letters in the BBAN
    ('ES9121000418450200051332', True, True),
    ('fr1420041010050500013m02606', True, True),  # lower case
    ('FR7630006000011234567890188', True, False),  # wrong check
    ('FR763000600001123456789018', True, False),  # 26 characters for France
    ('FR0030006000011234567890189', True, False),  # check digits 00
    ('XX7630006000011234567890189', True, False),  # no such country
    ('FR76300', False, False),
    ('7630006000011234567890189', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_iban(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_iban_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_iban_subtype_by_country() -> None:
    values = pl.Series(["FR7630006000011234567890189", "DE89370400440532013000", "FR7630006000011234567890189",
                        "FR7630006000011234567890188"])
    assert DETECTOR.subtype(values) == {"FR": 2, "DE": 1}
