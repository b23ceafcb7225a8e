"""Phone detector: French numbers in every usual writing, foreign numbers, near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("phone")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('06 12 34 56 78', True, True),
    ('06.12.34.56.78', True, True),
    ('06-12-34-56-78', True, True),
    ('0612345678', True, True),
    ('+33 6 12 34 56 78', True, True),
    ('+33612345678', True, True),
    ('0033 6 12 34 56 78', True, True),
    ('+33 (0)6 12 34 56 78', True, True),  # trunk 0 in brackets
    ('07 81 23 45 67', True, True),
    ('01 44 55 66 77', True, True),  # Paris landline
    ('05 56 12 34 56', True, True),
    ('09 70 12 34 56', True, True),  # non-geographic
    ('612345678', True, True),  # a spreadsheet dropped the 0
    ('144556677', True, False),  # 9 digits alone are read as a mobile (a landline keeps its 0)
    ('33612345678', True, True),  # the + dropped
    ('06\xa012\xa034\xa056\xa078', True, True),  # no-break spaces
    ('+44 20 7946 0958', True, True),
    ('0044 20 7946 0958', True, True),
    ('+49 30 901820', True, True),
    ('+1 212 555 1234', True, True),
    ('+212 6 12 34 56 78', True, True),
    ('(212) 555-1234', True, True),
    ('+1-212-555-1234x3449', True, True),  # extension
    ('06 12 34 56 7', True, False),  # too few digits
    ('07 00 00 00 00', True, False),  # 07 0 is not allocated
    ('+33 6 12 34 56 789', True, False),  # too many digits
    ('+999 123 456 789', True, False),  # no such code
    ('12/03/1990', False, False),  # a date
    ('0000000000', False, False),
    ('06 12', False, False),
    ('jean@orange.fr', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_phone(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_phone_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_phone_subtype_tells_mobiles_landlines_and_foreign_numbers() -> None:
    values = pl.Series(["06 12 34 56 78", "07 81 23 45 67", "01 44 55 66 77", "08 00 12 34 56", "+44 20 7946 0958",
                        "06 12"])
    assert DETECTOR.subtype(values) == {"fr_mobile": 2, "fr_landline": 1, "fr_other": 1, "foreign": 1}
