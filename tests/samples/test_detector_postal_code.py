"""Postal-code detector: French codes checked against the reference, foreign forms."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("postal_code")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('75011', True, True),
    ('01000', True, True),
    ('1000', True, True),  # 01000 without its 0
    ('20000', True, True),  # Ajaccio
    ('97400', True, True),  # Saint-Denis, La Réunion
    ('SW1A 1AA', True, True),  # United Kingdom
    ('1012 AB', True, True),  # Netherlands
    ('K1A 0B1', True, True),  # Canada
    ('10001-1234', True, True),  # ZIP+4
    ('00-950', True, True),  # Poland
    ('1000-001', True, True),  # Portugal
    ('99999', True, False),  # five digits, no French code
    ('00000', True, False),
    ('75999', True, False),  # no such Paris code
    ('9999', True, False),
    ('750011', False, False),
    ('75 011', False, False),
    ('ABCDE', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_postal_code(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_postal_code_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
