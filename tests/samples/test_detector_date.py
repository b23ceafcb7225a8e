"""Date detector: dates other than births (registration, login), with times; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("date")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('2023-11-05', True, True),
    ('05/11/2023', True, True),
    ('2023-11-05T14:03:00+01:00', True, True),
    ('2023-11-05 14:03:00', True, True),
    ('20231105', True, True),
    ('12/31/2023', True, True),  # month first
    ('2030-01-01', True, True),  # an expiry date
    ('31/02/2023', True, False),  # no such day
    ('2023-02-29', True, False),  # 2023 was no leap year
    ('1899-12-31', True, False),  # before 1900
    ('2023-11', False, False),
    ('05/11/23', False, False),
    ('14:03', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_date(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_date_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_date_to_date_and_formats() -> None:
    values = pl.Series(["2023-11-05", "05/11/2023", "31/02/2023", None, "2023-11-05 14:03:00"])
    assert [str(d) if d else None for d in DETECTOR.to_date(values).to_list()] == [
        "2023-11-05", "2023-11-05", None, None, "2023-11-05"]
    assert DETECTOR.subtype(values) == {"iso": 2, "day_first": 1, "with_time": 1}
