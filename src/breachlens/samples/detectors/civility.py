"""Civilities and sex: titles ("M.", "Mme", "Mlle", "Mr", "Mrs", "Monsieur", "Madame", "Herr", "Frau", "Sr.",
"Sra.") and sex codes ("H"/"F", "M"/"F", "M"/"W", "Homme", "Female"), listed in samples.yaml by male, female
and neutral. A column of them holds a handful of distinct values."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules


@cache
def _civilities() -> dict[str, str]:
    """Lower-case civility -> male, female or neutral."""
    return {word.lower(): sex for sex, words in rules().civilities.items() for word in words}


@cache
def _known() -> pl.Series:
    return pl.Series(list(_civilities()), dtype=pl.String).implode()


class Civility(Detector):
    kind = "civility"
    screen = r"^\p{L}[\p{L}. ]{0,13}$"  # short: the titles and codes of samples.yaml
    MAX_DISTINCT: ClassVar[int] = 16

    def prepare(self, values: pl.Series) -> pl.Series:
        return pl.DataFrame({"v": values.cast(pl.String)}).select(pl.col("v").str.strip_chars().str.to_lowercase()
                                                                  ).to_series()

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.is_in(_known())

    def fit(self, column: Column) -> float:
        return 1.0 if column.distinct.len() <= self.MAX_DISTINCT else 0.5

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid values by sex: male, female, neutral."""
        good = self.prepare(values).filter(self.valid(values))
        sexes = good.replace_strict(_civilities(), default=None, return_dtype=pl.String)
        return dict(sorted(sexes.value_counts().iter_rows(), key=lambda row: (-row[1], str(row[0]))))
