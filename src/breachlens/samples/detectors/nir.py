"""French social security numbers (NIR, "numéro de sécurité sociale"): 13 characters and a 2-digit key, spaces
allowed ("1 85 05 78 006 084 36"). Sex 1 or 2 (3, 4, 7, 8 for provisional numbers have the form but are not
counted valid), birth month 01-12 or the 20-42 and 50-99 ranges given when it is unknown, département 01-99 or
2A/2B for Corsica, and key = 97 - (number mod 97), where 2A and 2B count as 19 and 18 (20 less 1,000,000 and
2,000,000). The checksum is integer arithmetic over the whole series."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import Detector, FixedWidth, digits_only, masks_by_width


class Nir(Detector):
    kind = "nir"
    screen = r"^[1-478][\s.\-\u00a0\u202f]*(?:[\dABab][\s.\-\u00a0\u202f]*){14}$"
    FORM: ClassVar[str] = r"^[1-478]\d{4}(?:\d{2}|2[AB])\d{8}$"

    def prepare(self, values: pl.Series) -> pl.Series:
        return digits_only(values.cast(pl.String).str.strip_chars().str.to_uppercase())

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def masks_and_dates(self, values: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series | None]:
        """``masks`` from the bytes of the values (``masks_by_width``): 4 times as fast as through ``prepare``."""
        matched, valid = masks_by_width(values, b" .-", self._byte_masks, lambda part: self.masks(part))
        return matched.alias(self.kind), valid.alias(self.kind), None

    @staticmethod
    def _byte_masks(fixed: FixedWidth) -> tuple[np.ndarray, np.ndarray]:
        """``FORM`` and ``checks`` over upper-case numbers without separators, all of one length."""
        c = fixed.columns
        if fixed.width != 15:
            nothing = np.zeros(fixed.size, dtype=bool)
            return nothing, nothing
        corsica = (c[5] == ord("2")) & ((c[6] == ord("A")) | (c[6] == ord("B")))
        first = c[0]
        matched = (((first >= ord("1")) & (first <= ord("4")) | (first == ord("7")) | (first == ord("8")))
                   & fixed.digits(1, 5) & (fixed.digits(5, 7) | corsica) & fixed.digits(7, 15))
        department = np.where(corsica, np.where(c[6] == ord("A"), 19, 18), fixed.number(5, 7))
        x = fixed.number(0, 5) * 10**10 + department * 10**8 + fixed.number(7, 15)
        sex, month = x // 10**14, (x // 10**10) % 100
        key_ok = x % 100 == 97 - (x // 100) % 97
        month_ok = ((month >= 1) & (month <= 12)) | ((month >= 20) & (month <= 42)) | (month >= 50)
        place_ok = (department > 0) | corsica
        return matched, matched & key_ok & ((sex == 1) | (sex == 2)) & month_ok & place_ok

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        """Integer arithmetic on the 15 digits (Corsica's 2A/2B read as 19/18 on their rows only): sex, month,
        département and key = 97 - (first 13 digits mod 97)."""
        number = prepared.cast(pl.Int64, strict=False)
        corsica = (matched & number.is_null()).fill_null(False)
        if corsica.any():
            rows = corsica.arg_true()
            lettered = prepared.gather(rows)
            readable = lettered.str.slice(0, 5) + lettered.str.slice(5, 2).replace({"2A": "19", "2B": "18"}) \
                + lettered.str.slice(7)
            number = number.scatter(rows, readable.cast(pl.Int64, strict=False))
        x = pl.col("x")
        sex, month = x // 10**14, (x // 10**10) % 100
        department = (x // 10**8) % 100
        key_ok = x % 100 == 97 - (x // 100) % 97
        month_ok = month.is_between(1, 12) | month.is_between(20, 42) | (month >= 50)
        place_ok = (department > 0) | pl.lit(corsica)
        return pl.DataFrame({"x": number}).select(key_ok & sex.is_in([1, 2]) & month_ok & place_ok).to_series()

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Men and women (the sex digit), and people born in Corsica or abroad (département 2A/2B, 99)."""
        good = self.prepare(values).filter(self.valid(values))
        counts = {"men": int(good.str.starts_with("1").sum()), "women": int(good.str.starts_with("2").sum()),
                  "born_in_corsica": int(good.str.slice(5, 2).is_in(["2A", "2B", "20"]).sum()),
                  "born_abroad": int((good.str.slice(5, 2) == "99").sum())}
        return {key: count for key, count in counts.items() if count}
