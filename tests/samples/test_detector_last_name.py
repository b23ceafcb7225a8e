"""Last-name detector: surnames with particles, compounds, accents; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("last_name")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('Dupont', True, True),
    ('de la Fontaine', True, True),
    ('van der Berg', True, True),
    ('García López', True, True),
    ("O'Brien", True, True),
    ('MÜLLER', True, True),
    ('Quéméner', True, True),  # in no reference list
    ('Vauquelin-Mauduit', True, True),
    ('D', True, False),  # one letter
    ('Dupont2', False, False),
    ('Jean Paul Marie Dupont Durand', False, False),  # five words
    ('12 rue de la Paix', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_last_name(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_last_name_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
