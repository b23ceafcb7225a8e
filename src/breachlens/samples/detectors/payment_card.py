"""Payment card numbers: 12 to 19 digits (spaces or dashes allowed, "4970 1012 3456 7890"), valid when the
Luhn check passes, the issuer prefix (IIN) and length are a known scheme's (samples.yaml: Visa, Mastercard,
Amex, CB cards carry Visa or Mastercard prefixes) and the number is not a published test number or one digit
repeated ("0000000000000000"). ``subtype`` counts the schemes."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import numpy as np
import polars as pl

from breachlens.samples.detectors.base import (
    Detector,
    as_integers,
    digits_only,
    leading_digits,
    luhn_array,
    rules,
    same_digits_array,
)


@cache
def _table() -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[str, ...]]:
    """The IIN ranges of samples.yaml flattened into disjoint intervals of 6-digit prefixes, the most specific
    range winning where they overlap: (interval starts, scheme index or -1, allowed lengths as bits, schemes)."""
    schemes = tuple(rules().payment_cards)
    ranges: list[tuple[int, int, int, int, int]] = []  # (prefix length, low, high, scheme index, length bits)
    for index, (scheme, brand) in enumerate(rules().payment_cards.items()):
        del scheme
        bits = sum(1 << size for size in brand.lengths)
        for prefix in brand.prefixes:
            low, _, high = prefix.partition("-")
            pad = 6 - len(low)
            ranges.append((len(low), int(low) * 10**pad, (int(high or low) + 1) * 10**pad - 1, index, bits))
    ranges.sort(key=lambda item: -item[0])
    starts = sorted({0} | {low for _, low, _, _, _ in ranges} | {high + 1 for _, _, high, _, _ in ranges})
    owners, allowed = [], []
    for start in starts:
        owner = next(((index, bits) for _, low, high, index, bits in ranges if low <= start <= high), (-1, 0))
        owners.append(owner[0])
        allowed.append(owner[1])
    return np.array(starts, dtype=np.int64), np.array(owners), np.array(allowed, dtype=np.int64), schemes


class PaymentCard(Detector):
    kind = "payment_card"
    screen = r"^[\s\-\u00a0\u202f]*(?:\d[\s\-\u00a0\u202f]*){12,19}$"
    FORM: ClassVar[str] = r"^\d{12,19}$"

    def prepare(self, values: pl.Series) -> pl.Series:
        return digits_only(values.cast(pl.String).str.strip_chars(), " -\u00a0\u202f")

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def _schemes(self, x: np.ndarray, size: np.ndarray) -> np.ndarray:
        """Index of the scheme whose prefix and length each number has, -1 when none."""
        starts, owners, allowed, _ = _table()
        interval = np.searchsorted(starts, leading_digits(x, size, 6), side="right") - 1
        fits = (allowed[interval] >> np.clip(size, 0, 62)) & 1
        return np.where((fits == 1) & (size > 0), owners[interval], -1)

    def scheme(self, prepared: pl.Series) -> pl.Series:
        """The card scheme of each prepared number, null when its prefix and length are no known scheme's."""
        x, size = as_integers(prepared)
        names = pl.Series("scheme", _table()[3], dtype=pl.String)
        index = pl.Series(prepared.name, self._schemes(x, size))
        return pl.select(pl.when(index >= 0).then(names.gather(index.clip(0)))).to_series().alias(prepared.name)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        x, size = as_integers(prepared)
        good = luhn_array(x) & (self._schemes(x, size) >= 0) & ~same_digits_array(x, size)
        return pl.Series(prepared.name, good) & ~prepared.is_in(rules().test_cards)

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid numbers by card scheme."""
        good = self.prepare(values).filter(self.valid(values))
        return dict(sorted(self.scheme(good).value_counts().iter_rows(), key=lambda row: (-row[1], str(row[0]))))
