"""Clear-text passwords: 4 to 64 characters without blanks at the ends, not a hash (those are
:mod:`.password_hash`). Any short string has that form, so a column is read as passwords only when its header
says so ("password", "mdp", "passwd", "contraseña"); the share of values mixing character classes (lower,
upper, digit, symbol) then tells clear passwords from other secrets."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, share
from breachlens.samples.detectors.password_hash import PasswordHash

_HASH = PasswordHash()  # a hash is no clear password


class Password(Detector):
    kind = "password"
    FORM: ClassVar[str] = r"^\S(?:.{2,62}\S)$"
    CLASSES: ClassVar[tuple[str, ...]] = (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]")

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return ~_HASH.form(prepared).fill_null(False) & ~prepared.str.contains(r"[\n\r\t]")

    def classes(self, values: pl.Series) -> pl.Series:
        """How many character classes each value mixes (0 to 4)."""
        return pl.DataFrame({"p": values}).select(
            pl.sum_horizontal([pl.col("p").str.contains(c).fill_null(False).cast(pl.Int8) for c in self.CLASSES])
        ).to_series()

    def fit(self, column: Column) -> float:
        good = column.valid_values(self)
        if good.is_empty():
            return 0.0
        mixed = share(self.classes(good) >= 2)
        return 0.6 + 0.4 * mixed

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid passwords by how many character classes they mix ("classes_1" ... "classes_4")."""
        counts = self.classes(self.prepare(values).filter(self.valid(values))).value_counts().iter_rows()
        return {f"classes_{count}": n for count, n in sorted(counts)}
