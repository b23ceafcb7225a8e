"""Civility detector: titles and sex codes in four languages; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("civility")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('M.', True, True),
    ('Mme', True, True),
    ('Mlle', True, True),
    ('Mr', True, True),
    ('MRS', True, True),
    ('Monsieur', True, True),
    ('Madame', True, True),
    ('H', True, True),
    ('F', True, True),
    ('m', True, True),
    ('Herr', True, True),
    ('Frau', True, True),
    ('Sra.', True, True),
    ('Femme', True, True),
    ('Mister X', False, False),
    ('Madam', False, False),
    ('Mme Dupont', False, False),
    ('Z', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_civility(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_civility_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_civility_subtype_by_sex() -> None:
    values = pl.Series(["M.", "Mme", "Mlle", "Herr", "Dr", "?"])
    assert DETECTOR.subtype(values) == {"female": 2, "male": 2, "neutral": 1}
