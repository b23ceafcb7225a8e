"""Street-address detector: French, English, German, Spanish and Dutch forms; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("street_address")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('12 rue de la Paix', True, True),
    ('3 bis avenue Foch', True, True),
    ('70, rue de Lemoine', True, True),
    ('rue Thibault Fischer', True, True),  # no house number
    ('Lieu-dit Kerbiquet', True, True),
    ('10 Downing Street', True, True),
    ('141 Doyle Corner', True, True),
    ('Baker Street', True, True),
    ('Hauptstraße 5', True, True),
    ('Ditschlerinstr. 43', True, True),
    ('Rolf-Peter-Briemer-Ring 11', True, True),
    ('Calle Mayor 5', True, True),
    ('C/Mayor 5', True, True),
    ('Via Roma 3', True, True),
    ('Kerkstraat 12', True, True),
    ('12 rue de la Paix <script>', True, False),  # markup
    ('Paris', False, False),
    ('Paris 11', False, False),
    ('Jean Dupont', False, False),
    ('Jane Hill', False, False),
    ('12345', False, False),
    ('rue', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_street_address(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_street_address_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()
