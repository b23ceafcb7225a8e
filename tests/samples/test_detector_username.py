"""User-name detector: handles of letters, digits, dots, dashes, underscores; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("username")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('jdupont', True, True),
    ('marie.martin92', True, True),
    ('xX_dark_Xx', True, True),
    ('user-42', True, True),
    ('Élodie_75', True, True),
    ('5f4dcc3b5aa765d61d8327deb882cf99', True, False),  # an MD5 hash
    ('ab', False, False),  # too short
    ('jean@orange.fr', False, False),
    ('123456', False, False),  # no letter
    ('_lead', False, False),
    ('jean dupont', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_username(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_username_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
