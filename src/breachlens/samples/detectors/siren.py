"""SIREN numbers of French companies: 9 digits (spaces allowed, "732 829 320") passing the Luhn check, not
one digit repeated ("000000000")."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector, as_integers, digits_only, luhn_array, same_digits_array


class Siren(Detector):
    kind = "siren"
    screen = r"^[\s.\-\u00a0\u202f]*(?:\d[\s.\-\u00a0\u202f]*){9}$"
    FORM: ClassVar[str] = r"^\d{9}$"

    def prepare(self, values: pl.Series) -> pl.Series:
        return digits_only(values.cast(pl.String).str.strip_chars())

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        x, size = as_integers(prepared)
        return pl.Series(prepared.name, luhn_array(x) & ~same_digits_array(x, size))
