"""SIRET numbers of French establishments: 14 digits, the SIREN then a 5-digit establishment number (spaces
allowed, "732 829 320 00074"), passing the Luhn check, except the establishments of La Poste (SIREN 356000000,
head office 35600000000048 apart) whose digit sum is a multiple of 5; not one digit repeated."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import Detector, as_integers, digits_only, luhn_array, same_digits_array


class Siret(Detector):
    kind = "siret"
    screen = r"^[\s.\-\u00a0\u202f]*(?:\d[\s.\-\u00a0\u202f]*){14}$"
    FORM: ClassVar[str] = r"^\d{14}$"
    LA_POSTE: ClassVar[int] = 356_000_000
    LA_POSTE_HEAD_OFFICE: ClassVar[int] = 35_600_000_000_048

    def prepare(self, values: pl.Series) -> pl.Series:
        return digits_only(values.cast(pl.String).str.strip_chars())

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        x, size = as_integers(prepared)
        la_poste = ((x // 100_000) == self.LA_POSTE) & (x != self.LA_POSTE_HEAD_OFFICE)
        valid = luhn_array(x) & ~la_poste
        if la_poste.any():
            valid[la_poste] = _digit_sum(x[la_poste]) % 5 == 0
        return pl.Series(prepared.name, valid & ~same_digits_array(x, size))


def _digit_sum(x: np.ndarray) -> np.ndarray:
    total = np.zeros(len(x), dtype=np.int64)
    rest = x.copy()
    for _ in range(14):
        total += (rest % 10).astype(np.int64)
        rest //= 10
    return total
