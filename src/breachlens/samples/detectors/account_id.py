"""Account identifiers: integers ("1042"), UUIDs ("c725bd97-9e28-4761-88fe-a5d73716e7ea") and numbers behind a
short prefix ("CUST-000123"). Any number has that form, so what makes a column of identifiers is its
statistics: the values are distinct, and often in sequence or packed in a dense range; a column whose values
repeat is something else (a code, a count, a category)."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules


class AccountId(Detector):
    kind = "account_id"
    INTEGER: ClassVar[str] = r"^\d{1,20}$"
    UUID: ClassVar[str] = r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
    PREFIXED: ClassVar[str] = r"^[A-Za-z]{1,6}[-_]?\d{2,15}$"
    FORM: ClassVar[str] = f"(?:{INTEGER})|(?:{UUID})|(?:{PREFIXED})"
    screen = FORM
    REPEATED_FIT: ClassVar[float] = 0.3  # values repeat: not identifiers
    SCATTERED_FIT: ClassVar[float] = 0.65  # distinct integers out of sequence: identifiers, or another number

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def fit(self, column: Column) -> float:
        if column.distinct_share < rules().thresholds.unique_share:
            return self.REPEATED_FIT
        good = column.valid_values(self)
        if good.is_empty():
            return 0.0
        if column.is_sequence or bool(good.str.contains(self.UUID).all()):
            return 1.0
        prefixes = good.str.extract(r"^([A-Za-z]{1,6}[-_]?)\d", 1)
        if prefixes.null_count() == 0 and prefixes.n_unique() == 1:  # one scheme: "CUST-" + number
            return 0.95
        return self.SCATTERED_FIT

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Integers, UUIDs and prefixed numbers."""
        good = self.prepare(values).filter(self.valid(values))
        integers = int(good.str.contains(self.INTEGER).sum())
        uuids = int(good.str.contains(self.UUID).sum())
        counts = {"integer": integers, "uuid": uuids, "prefixed": len(good) - integers - uuids}
        return {key: count for key, count in counts.items() if count}
