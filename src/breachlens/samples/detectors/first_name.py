"""First names: one or two words of letters ("Jean", "Jean-Pierre", "José Miguel", "ÉLODIE"), no digits. The
shape says a name; which name (first, last, place) is told by Faker's first-name lists against the other
references, and by the header, so a column of rare first names under "prénom" is still decided."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.detectors.lexicon import NAME_CHARACTERS, name_fit, name_shape


class FirstName(Detector):
    kind = "first_name"
    screen = NAME_CHARACTERS
    CHARACTERS: ClassVar[str] = NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 2)
    MAX_LENGTH: ClassVar[int] = 40

    def form(self, prepared: pl.Series) -> pl.Series:
        return name_shape(prepared, self.CHARACTERS, self.WORDS)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.len_chars().is_between(2, self.MAX_LENGTH)

    def fit(self, column: Column) -> float:
        return name_fit(column.name_hits, self.kind, rules().thresholds.name_reference_floor)
