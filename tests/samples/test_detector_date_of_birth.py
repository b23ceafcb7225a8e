"""Date-of-birth detector: date forms, real calendar days from 1900 to today; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("date_of_birth")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('1985-05-12', True, True),
    ('12/05/1985', True, True),
    ('12-05-1985', True, True),
    ('12.05.1985', True, True),
    ('19850512', True, True),
    ('1985-05-12 00:00:00', True, True),
    ('1/2/1990', True, True),  # one-digit day and month
    ('05/31/1990', True, True),  # month first
    ('29/02/2000', True, True),  # leap day
    ('31/02/1990', True, False),  # no such day
    ('29/02/1900', True, False),  # 1900 was no leap year
    ('1985-13-01', True, False),
    ('2999-01-01', True, False),  # in the future
    ('1850-01-01', True, False),  # too old
    ('12/05/85', False, False),  # two-digit year
    ('1985', False, False),
    ('hello', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_date_of_birth(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_date_of_birth_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
