"""NIR detector (French social security numbers): keys, Corsica, structure; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("nir")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('185057800608491', True, True),
    ('1 85 05 78 006 084 91', True, True),  # written with spaces
    ('269059912304585', True, True),  # born abroad (99)
    ('169052A00405040', True, True),  # Corsica 2A
    ('283022B11200763', True, True),  # Corsica 2B
    ('283022b11200763', True, True),  # lower-case b
    ('185057800608492', True, False),  # wrong key
    ('169052A00405041', True, False),  # Corsica, wrong key
    ('385057800608491', True, False),  # sex 3: provisional
    ('185137800608491', True, False),  # month 13
    ('18505780060849', False, False),  # 14 characters
    ('000000000000000', False, False),
    ('585057800608491', False, False),  # no such sex digit
    ('1850578006084AB', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_nir(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_nir_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_nir_subtype() -> None:
    values = pl.Series(["185057800608491", "169052A00405040", "269059912304585", "185057800608492"])
    assert DETECTOR.subtype(values) == {"men": 2, "women": 1, "born_in_corsica": 1, "born_abroad": 1}
