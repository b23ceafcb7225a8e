"""International bank account numbers of any country: country code, 2 check digits and the national account
number (BBAN), spaces allowed ("FR76 3000 6000 0112 3456 7890 189"). Valid when the length and the BBAN
structure are the country's (the IBAN registry shipped with python-stdnum: FR is 27 characters) and the
number mod 97 is 1. The mod 97 is integer arithmetic on the whole series: the BBAN as a 128-bit integer, the
country letters and check digits added after it, so no IBAN is rearranged one by one."""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import Detector, FixedWidth, digits_only, masks_by_width


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
def _lengths_by_code() -> np.ndarray:
    """The IBAN length of each country by its two letters read as ``256 * first + second`` (0: no such country)."""
    table = np.zeros(1 << 16, dtype=np.int64)
    for country, (length, _) in _registry().items():
        table[ord(country[0]) * 256 + ord(country[1])] = length
    return table


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

    def masks_and_dates(self, values: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series | None]:
        """``masks`` from the bytes of the values (``masks_by_width``): 4 times as fast as through ``prepare``."""
        matched, valid = masks_by_width(values, b" -", self._byte_masks, lambda part: self.masks(part))
        return matched.alias(self.kind), valid.alias(self.kind), None

    @staticmethod
    def _byte_masks(fixed: FixedWidth) -> tuple[np.ndarray, np.ndarray]:
        """``FORM`` and ``checks`` over upper-case IBANs without separators, all of one length."""
        c, width = fixed.columns, fixed.width
        if not 15 <= width <= 34:  # FORM: 2 letters, 2 digits, 11 to 30 letters or digits
            nothing = np.zeros(fixed.size, dtype=bool)
            return nothing, nothing
        letters = (c[4:] >= ord("A")) & (c[4:] <= ord("Z"))
        digits = (c[4:] >= ord("0")) & (c[4:] <= ord("9"))
        matched = fixed.between("A", "Z", 0, 2) & fixed.digits(2, 4) & (letters | digits).all(axis=0)
        code = c[0].astype(np.int64) * 256 + c[1]
        check = fixed.number(2, 4)
        remainder = np.zeros(fixed.size, dtype=np.int64)  # BBAN, then the country letters and check digits, mod 97
        for start in range(4, width, 9):  # nine digits at a time: remainder * 10**9 stays within int64
            stop = min(start + 9, width)
            remainder = (remainder * 10 ** (stop - start) + fixed.number(start, stop)) % 97
        lettered = np.flatnonzero(letters.any(axis=0))
        if lettered.size:  # letters count two digits (A = 10 ... Z = 35): their rows character by character
            part = c[4:, lettered].astype(np.int64)
            again = np.zeros(lettered.size, dtype=np.int64)
            for value in part:
                again = np.where(value >= ord("A"), again * 100 + value - 55, again * 10 + value - ord("0")) % 97
            remainder[lettered] = again
        for place in (0, 1):
            remainder = (remainder * 100 + c[place].astype(np.int64) - 55) % 97
        remainder = (remainder * 100 + check) % 97
        valid = matched & (_lengths_by_code()[code] == width) & (check >= 2) & (check <= 98) & (remainder == 1)
        return matched, valid

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
