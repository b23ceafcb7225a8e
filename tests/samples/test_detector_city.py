"""City detector: the shape of place names (the references decide in detect_column)."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("city")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('Paris', True, True),
    ('PARIS 11', True, True),
    ('Lyon 3e', True, True),
    ('Saint-Étienne', True, True),
    ('Aix-en-Provence', True, True),
    ('Marseille Cedex 08', True, True),
    ('Frankfurt am Main', True, True),
    ("L'Haÿ-les-Roses", True, True),
    ('St. Louis', True, True),
    ('P', True, False),  # one letter
    ('75011', False, False),
    ('Paris75', False, False),
    ('12 rue de la Paix', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_city(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_city_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
