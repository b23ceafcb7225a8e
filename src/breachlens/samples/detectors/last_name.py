"""Last names: one to four words of letters, particles included ("Dupont", "de la Fontaine", "van der Berg",
"García López", "O'Brien", "MÜLLER"), no digits. Faker's last-name lists against the other references and the
header tell a surname column from first names and places; a column of mostly several-word values without a
particle leans to full names."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.detectors.lexicon import NAME_CHARACTERS, name_fit, name_shape


class LastName(Detector):
    kind = "last_name"
    screen = NAME_CHARACTERS
    CHARACTERS: ClassVar[str] = NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 4)
    MAX_LENGTH: ClassVar[int] = 60

    def form(self, prepared: pl.Series) -> pl.Series:
        return name_shape(prepared, self.CHARACTERS, self.WORDS)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.len_chars().is_between(2, self.MAX_LENGTH)

    def fit(self, column: Column) -> float:
        hits = column.name_hits
        fit = name_fit(hits, self.kind, rules().thresholds.name_reference_floor)
        return fit * (0.6 + 0.4 * hits["simple"])
