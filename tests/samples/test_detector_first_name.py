"""First-name detector: the shape of first names (the references decide in detect_column)."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("first_name")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('Jean', True, True),
    ('Jean-Pierre', True, True),
    ('Élodie', True, True),
    ('MARIE', True, True),
    ('José Miguel', True, True),  # two given names
    ('Zébulon', True, True),  # in no reference list
    ('Maïwenn', True, True),
    ("D'Artagnan", True, True),
    ('J', True, False),  # one letter
    ('Jean3', False, False),
    ('Jean Pierre Paul', False, False),  # three words
    ('jean@orange.fr', False, False),
    ('12', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_first_name(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_first_name_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
