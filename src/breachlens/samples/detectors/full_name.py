"""Full names: two to five words of letters, first name first or last ("Jean Dupont", "DUPONT Jean",
"José Miguel Prada Oliveras", "Dupont, Jean"). Told from last names of several words by a first name at one
end (Faker's lists), and by the header."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.detectors.lexicon import FULL_NAME_CHARACTERS, name_fit, name_shape


class FullName(Detector):
    kind = "full_name"
    screen = FULL_NAME_CHARACTERS
    CHARACTERS: ClassVar[str] = FULL_NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (2, 5)
    MAX_LENGTH: ClassVar[int] = 100

    def form(self, prepared: pl.Series) -> pl.Series:
        return name_shape(prepared, self.CHARACTERS, self.WORDS)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.len_chars().is_between(4, self.MAX_LENGTH)

    def fit(self, column: Column) -> float:
        return name_fit(column.name_hits, self.kind, rules().thresholds.name_reference_floor)
