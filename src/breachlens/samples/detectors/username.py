"""User names: 3 to 32 characters of letters, digits, dots, dashes and underscores, starting with a letter or
digit, with a letter ("jdupont", "marie.martin92", "xX_dark_Xx"); not an e-mail address, not a number, not a
hash. The form is common, so without a header hint a column is user names only when most values mix letters
with digits or separators the way handles do."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, share


class Username(Detector):
    kind = "username"
    FORM: ClassVar[str] = r"^[\p{L}\d][\p{L}\d._\-]{2,31}$"
    screen = FORM
    DIGEST: ClassVar[str] = r"^(?:[0-9a-f]{32}|[0-9A-F]{32})$"  # an MD5 hash has the form of a handle
    HANDLE: ClassVar[str] = r"\p{L}.*[\d._\-]|[\d._\-].*\p{L}"  # letters mixed with digits or separators

    def form(self, prepared: pl.Series) -> pl.Series:
        v = pl.col("v")
        return pl.DataFrame({"v": prepared}).select(v.str.contains(self.FORM) & v.str.contains(r"\p{L}")).to_series()

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return ~prepared.str.contains(self.DIGEST)

    def fit(self, column: Column) -> float:
        good = column.valid_values(self)
        if good.is_empty():
            return 0.0
        handles = share(good.str.contains(self.HANDLE))
        return 0.5 + 0.4 * handles
