"""IP-address detector: IPv4 octets, IPv6 forms; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("ip_address")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('192.168.1.10', True, True),
    ('8.8.8.8', True, True),
    ('255.255.255.255', True, True),
    ('2001:db8::1', True, True),
    ('::1', True, True),
    ('2001:0db8:85a3:0000:0000:8a2e:0370:7334', True, True),
    ('::ffff:192.0.2.1', True, True),
    ('fe80::1%eth0', True, True),
    ('256.1.1.1', True, False),  # octet over 255
    ('01.2.3.4', True, False),  # leading zero
    ('2001:db8:::1', True, False),
    ('12:30', True, False),  # a time
    ('192.168.1', False, False),
    ('1.2.3.4.5', False, False),
    ('hello', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_ip_address(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_ip_address_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_ip_address_subtype() -> None:
    values = pl.Series(["192.168.1.10", "8.8.8.8", "2001:db8::1", "::1", "256.1.1.1"])
    assert DETECTOR.subtype(values) == {"v4": 2, "v6": 2, "private": 2}
