"""Password-hash detector: crypt formats and hex digests by length; near-misses."""

from __future__ import annotations

import polars as pl
import pytest

from breachlens.samples.detectors import get

DETECTOR = get("password_hash")

# (value, has the form, passes the checks)
CASES: list[tuple[str | None, bool, bool]] = [
    ('$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', True, True),  # bcrypt
    ('$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', True, True),
    ("$6$rounds=5000$saltsalt$" + "a" * 86, True, True),  # sha512crypt
    ('$1$saltsalt$bbbbbbbbbbbbbbbbbbbbbb', True, True),  # md5crypt
    ('$P$ccccccccccccccccccccccccccccccc', True, True),  # phpass
    ('pbkdf2_sha256$260000$saltsalt$aGFzaA==', True, True),
    ('*A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1A1', True, True),  # MySQL
    ('5f4dcc3b5aa765d61d8327deb882cf99', True, True),  # MD5
    ('5F4DCC3B5AA765D61D8327DEB882CF99', True, True),
    ('5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', True, True),  # SHA-1
    ('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8', True, True),  # SHA-256
    ('00000000000000000000000000000000', True, False),  # one character repeated
    ('5f4dcc3b5aa765d61d8327deb882cfzz', False, False),  # MD5 length, not hex
    ('5f4dCC3b5aa765d61d8327deb882cf99', False, False),  # mixed case
    ('5f4dcc3b5aa765d61d8327deb882cf9', False, False),  # 31 characters
    ('$2b$12$tooshort', False, False),
    ('password', False, False),
    ('', False, False),
    (None, False, False),
]


@pytest.mark.parametrize(("value", "matched", "valid"), CASES)
def test_password_hash(value: str | None, matched: bool, valid: bool) -> None:
    values = pl.Series([value], dtype=pl.String)
    masks = DETECTOR.masks(values)
    assert (masks[0][0], masks[1][0]) == (matched, valid)
    assert DETECTOR.valid(values)[0] == valid


def test_password_hash_table_in_one_series() -> None:
    """The same answers when the whole table is one series (vectorised paths, subsets, scattering back)."""
    values = pl.Series([value for value, _, _ in CASES], dtype=pl.String)
    matched, valid = DETECTOR.masks(values)
    assert matched.to_list() == [m for _, m, _ in CASES]
    assert valid.to_list() == [v for _, _, v in CASES]
    assert DETECTOR.match(values).to_list() == matched.to_list()
    assert DETECTOR.valid(values).to_list() == valid.to_list()


def test_password_hash_kinds() -> None:
    values = pl.Series(["5f4dcc3b5aa765d61d8327deb882cf99", "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", BCRYPT, "x"])
    assert DETECTOR.hash_kind(values).to_list() == ["md5", "sha1", "bcrypt", None]
    assert DETECTOR.subtype(values) == {"bcrypt": 1, "md5": 1, "sha1": 1}


BCRYPT = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
