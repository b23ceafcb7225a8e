"""Account-id detector: integers, UUIDs, prefixed numbers (statistics decide in detect_column)."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("account_id")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('1042', True, True),
    ('000123', True, True),
    ('c725bd97-9e28-4761-88fe-a5d73716e7ea', True, True),
    ('{C725BD97-9E28-4761-88FE-A5D73716E7EA}', True, True),
    ('CUST-000123', True, True),
    ('U12345', True, True),
    ('12.5', False, False),
    ('abc', False, False),
    ('c725bd97-9e28-4761-88fe', False, False),
    ('-12', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_account_id(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_account_id_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
