"""Numbers as people write them: one table of positives and near-misses."""

import pytest

from breachlens.extract.numbers import find_numbers
from breachlens.extract.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22M lines", [22_000_000]),
        ("22,043,118 rows", [22_043_118]),
        ("27 561 592 lignes", [27_561_592]),
        ("27\u202f561\u202f592 lignes", [27_561_592]),
        ("100.000 noms", [100_000]),
        ("19,2 millions de clients", [19_200_000]),
        ("1.2 milliard de comptes", [1_200_000_000]),
        ("vingt-deux millions de lignes", [22_000_000]),
        ("twenty-two million records", [22_000_000]),
        ("half a billion people", [500_000_000]),
        ("6 lakh customers", [600_000]),
        ("2 crore users", [20_000_000]),
        ("$10k OBO", [10_000]),
        ("3.5 mil millones de registros", [3_500_000_000]),
        ("1,5 million", [1_500_000]),
        ("22M+ records", [22_000_000]),
        ("USD3,000 (SGD4,020)", [3_000, 4_020]),
        ("302,000 to 340,000 lines", [302_000, 340_000]),
        ("12kk lines email:pass", [12_000_000]),
        ("1.5kk combos", [1_500_000]),
        # near-misses: no number hidden in words or codes
        ("mp3 files and an A320", []),
        ("covid19 vaccine", []),
        ("5 m of cable", [5]),
    ],
)
def test_numbers(text: str, expected: list[int]) -> None:
    assert [n.integer for n in find_numbers(fold(text))] == expected


def test_spans_quote_the_text() -> None:
    text = "Über 1,5 Millionen Datensätze"
    (number,) = find_numbers(fold(text))
    assert text[number.start:number.end] == "1,5 Millionen"
