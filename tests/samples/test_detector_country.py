"""Country detector: names in four languages, ISO codes in capitals; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("country")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('France', True, True),
    ('FRANCE', True, True),
    ('Allemagne', True, True),
    ('Deutschland', True, True),
    ('España', True, True),
    ('Etats-Unis', True, True),
    ('FR', True, True),
    ('FRA', True, True),
    ('Maldives (Îles)', True, True),  # a qualifier in brackets
    ('fr', False, False),  # codes are written in capitals
    ('Atlantis', False, False),
    ('F', False, False),
    ('Paris', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_country(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_country_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_country_subtype_by_code() -> None:
    assert DETECTOR.subtype(pl.Series(["France", "FR", "Allemagne", "Atlantis"])) == {"FR": 2, "DE": 1}
