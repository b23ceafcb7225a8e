"""SIREN detector: 9 digits and the Luhn check; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("siren")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('732829320', True, True),
    ('732 829 320', True, True),
    ('552100554', True, True),
    ('356000000', True, True),
    ('732829321', True, False),  # Luhn fails
    ('000000000', True, False),  # one digit repeated
    ('73282932', False, False),  # 8 digits
    ('7328293200', False, False),
    ('73282932A', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_siren(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_siren_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
