"""Payment-card detector: Luhn, IIN ranges and lengths, test numbers; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("payment_card")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('4539148803436467', True, True),
    ('4539 1488 0343 6467', True, True),
    ('4539-1488-0343-6467', True, True),
    ('5432109876543212', True, True),  # Mastercard
    ('4000000000000010', True, True),
    ('4539148803436468', True, False),  # Luhn fails
    ('0000000000000000', True, False),  # one digit repeated
    ('4111111111111111', True, False),  # published test number
    ('378282246310005', True, False),  # test Amex
    ('9000000000000001', True, False),  # no scheme has that prefix
    ('497010123456781', True, False),  # Visa has no 15-digit numbers
    ('45391488034', False, False),
    ('4539148803436467123456', False, False),
    ('4539x1488x0343x6467', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_payment_card(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_payment_card_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_payment_card_subtype_by_scheme() -> None:
    values = pl.Series(["4539148803436467", "5432109876543212", "4000000000000010", "4539148803436468"])
    assert DETECTOR.subtype(values) == {"visa": 2, "mastercard": 1}
