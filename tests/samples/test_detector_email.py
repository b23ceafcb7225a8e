"""E-mail detector: addresses of every usual shape, and near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("email")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('jean.dupont@orange.fr', True, True),
    ("j.o'neil+news@mail.example.co.uk", True, True),
    ('UPPER.CASE@EXAMPLE.COM', True, True),
    ('  padded@example.org ', True, True),  # blanks around
    ('a@b.io', True, True),
    ('user@xn--bcher-kva.de', True, True),  # punycode domain
    ('jean@localhost', True, False),  # no dot in the domain
    ('jean@orange', True, False),  # no dot in the domain
    ('jean..dupont@orange.fr', True, False),  # two dots in a row
    ('jean@orange.f', True, False),  # one-letter TLD
    ('jean@-orange.fr', True, False),  # label starts with a dash
    ('jean@orange.123', True, False),  # numeric TLD
    ('jean@@orange.fr', False, False),
    ('jean dupont@orange.fr', False, False),  # a blank inside
    ('@orange.fr', False, False),
    ('jean.dupont.orange.fr', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_email(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_email_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_email_subtype_counts_free_mail() -> None:
    values = pl.Series(["a@gmail.com", "b@orange.fr", "c@example-corp.fr", "bad@"])
    assert DETECTOR.subtype(values) == {"free_mail": 2, "other_domain": 1}
