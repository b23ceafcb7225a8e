"""International bank account numbers of any country: country code, 2 check digits and the national account
number (BBAN), spaces allowed ("FR76 3000 6000 0112 3456 7890 189"). Valid when the length and the BBAN
structure are the country's (the IBAN registry shipped with python-stdnum: FR is 27 characters) and the
number mod 97 is 1. The mod 97 is integer arithmetic on the whole series: the BBAN as a 128-bit integer, the
country letters and check digits added after it, so no IBAN is rearranged one by one."""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector, digits_only


@cache
def _registry() -> dict[str, tuple[int, str]]:
    """Country -> (IBAN length, BBAN regular expression), from python-stdnum's copy of the SWIFT registry."""
    from stdnum import numdb

    classes = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}
    found: dict[str, tuple[int, str]] = {}
    for _length, low, _high, properties, _children in numdb.get("iban").prefixes:
        structure = properties.get("bban")
        if not structure:
            continue
        parts = re.findall(r"(\d+)!([nac])", structure)
        length = 4 + sum(int(size) for size, _ in parts)
        found[low] = (length, "^" + "".join(f"{classes[kind]}{{{size}}}" for size, kind in parts) + "$")
    return found


@cache
def _letter_values() -> dict[str, int]:
    """Two-letter country code -> its digits in the mod 97 ("FR" -> 1527)."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    return {a + b: (ord(a) - 55) * 100 + (ord(b) - 55) for a in letters for b in letters}


def _mod97_with_letters(bban: pl.Series) -> pl.Series:
    """BBAN mod 97 where the BBAN has letters (A=10 ... Z=35): expanded, then cut in two 128-bit halves."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    expanded = bban.str.replace_many(letters, [str(ord(c) - 55) for c in letters])
    frame = pl.DataFrame({"e": expanded})
    e = pl.col("e")
    high = pl.when(e.str.len_bytes() > 30).then(e.str.head(-30)).otherwise(pl.lit("0")).cast(pl.Int128)
    low = e.str.tail(30).cast(pl.Int128)
    shift = pow(10, 30, 97)
    return frame.select(((high % 97) * shift + low % 97) % 97).to_series()


class Iban(Detector):
    kind = "iban"
    screen = r"^[A-Za-z]{2}\s?\d{2}"
    FORM: ClassVar[str] = r"^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$"

    def prepare(self, values: pl.Series) -> pl.Series:
        return digits_only(values.cast(pl.String).str.strip_chars().str.to_uppercase(), " -\u00a0\u202f")

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        """The country's length, and the mod 97: ``BBAN mod 97`` from the BBAN as a 128-bit integer (letters
        expanded on their rows only), then the country letters and check digits appended arithmetically."""
        n = pl.col("n")
        frame = pl.DataFrame({"n": prepared.zip_with(matched, prepared.clear(len(prepared)))}).with_columns(
            country=n.str.slice(0, 2), check=n.str.slice(2, 2).cast(pl.Int64, strict=False), bban=n.str.slice(4))
        frame = frame.with_columns(plain=pl.col("bban").cast(pl.Int128, strict=False))
        lettered = (frame["bban"].is_not_null() & frame["plain"].is_null()).fill_null(False)
        if lettered.any():
            remainders = _mod97_with_letters(frame["bban"].filter(lettered))
            frame = frame.with_columns(frame["plain"].scatter(lettered.arg_true(), remainders))
        lengths = {country: length for country, (length, _) in _registry().items()}
        expected = pl.col("country").replace_strict(lengths, default=0, return_dtype=pl.Int64)
        letters = pl.col("country").replace_strict(_letter_values(), default=None, return_dtype=pl.Int64)
        total = ((pl.col("plain") % 97).cast(pl.Int64) * 1_000_000 + letters * 100 + pl.col("check")) % 97
        return frame.select((n.str.len_bytes() == expected) & (total == 1) & pl.col("check").is_between(2, 98)
                            ).to_series()

    def structured(self, values: pl.Series) -> pl.Series:
        """Whether each valid IBAN's BBAN also has its country's structure (digits and letters where the SWIFT
        registry puts them): a finer check for a profile, one regular expression per country present."""
        prepared = self.prepare(values)
        valid = self.valid(values)
        frame = pl.DataFrame({"n": prepared}).with_columns(country=pl.col("n").str.slice(0, 2),
                                                           bban=pl.col("n").str.slice(4))
        registry = _registry()
        structure = pl.lit(False)
        for country in frame.filter(valid)["country"].unique().to_list():
            if country in registry:
                structure = pl.when(pl.col("country") == country).then(
                    pl.col("bban").str.contains(registry[country][1])).otherwise(structure)
        return frame.select(structure.fill_null(False)).to_series() & valid

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid IBANs by country."""
        good = self.prepare(values).filter(self.valid(values))
        return dict(sorted(good.str.slice(0, 2).value_counts().iter_rows(), key=lambda row: (-row[1], row[0])))
