"""Postal codes. French ones are five digits checked against the reference of French codes (and the overseas
ranges 971-976, 984-988), with a four-digit form accepted where a spreadsheet dropped the leading zero
("1000" for 01000). Other countries' codes are taken by form only, and only the distinctive forms count as
valid (UK "SW1A 1AA", Dutch "1012 AB", Canadian "K1A 0B1", US ZIP+4, Polish "00-950", Portuguese "1000-001"):
a bare five-digit number is also an identifier, a German or Spanish code an analyst confirms through the
header ("PLZ", "código postal"). A column of distinct numbers in sequence is identifiers, not codes."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, on_subset
from breachlens.samples.reference import french_postal_codes


@cache
def _french_codes() -> pl.Series:
    """The reference's codes, as the one-row list series ``is_in`` takes."""
    return pl.Series("code", sorted(french_postal_codes()), dtype=pl.String).implode()


class PostalCode(Detector):
    kind = "postal_code"
    screen = (r"(?i)^(?:\d{4,5}|\d{2}-\d{3}|\d{4} ?[A-Z]{2}|\d{4}-\d{3}|\d{5}-\d{4}"
              r"|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
    DIGITS: ClassVar[str] = r"^\d{4,5}$"
    OVERSEAS: ClassVar[str] = r"^(?:97[1-6]|98[4-9])\d{2}$"
    FOREIGN: ClassVar[str] = (
        r"(?i)^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"  # United Kingdom
        r"|\d{4} ?[A-Z]{2}"  # Netherlands
        r"|[A-Z]\d[A-Z] ?\d[A-Z]\d"  # Canada
        r"|\d{5}-\d{4}"  # United States, ZIP+4
        r"|\d{2}-\d{3}"  # Poland
        r"|\d{4}-\d{3})$"  # Portugal
    )
    SEQUENCE_FIT: ClassVar[float] = 0.5

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.DIGITS) | prepared.str.contains(self.FOREIGN)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        """Five digits in the reference or the overseas ranges; four digits the same with a 0 before them; a
        foreign form."""
        french = prepared.is_in(_french_codes()) | prepared.str.contains(self.OVERSEAS)
        short = (prepared.str.len_bytes() == 4) & matched
        if short.any():
            french = french | on_subset(prepared, short, lambda rows: ("0" + rows).is_in(_french_codes()))
        return french | prepared.str.contains(self.FOREIGN)

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """French codes (overseas apart, and those written without their leading zero), foreign forms."""
        good = self.prepare(values).filter(self.valid(values))
        overseas = int(good.str.contains(self.OVERSEAS).sum())
        short = int(good.str.contains(r"^\d{4}$").sum())
        foreign = int(good.str.contains(self.FOREIGN).sum())
        counts = {"fr": len(good) - overseas - short - foreign, "fr_overseas": overseas, "fr_no_leading_zero": short,
                  "foreign": foreign}
        return {key: count for key, count in counts.items() if count}

    def fit(self, column: Column) -> float:
        return self.SEQUENCE_FIT if column.is_sequence else 1.0
