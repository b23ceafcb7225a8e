"""SIRET detector: 14 digits, Luhn, the La Poste exception; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("siret")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('73282932000074', True, True),
    ('732 829 320 00074', True, True),
    ('35600000000048', True, True),  # La Poste's head office: Luhn
    ('35600000000001', True, True),  # a La Poste establishment: digit sum a multiple of 5
    ('73282932000075', True, False),  # Luhn fails
    ('35600000000002', True, False),  # La Poste, wrong sum
    ('00000000000000', True, False),  # one digit repeated
    ('7328293200007', False, False),  # 13 digits
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_siret(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_siret_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
