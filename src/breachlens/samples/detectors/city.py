"""Cities: words of letters, hyphens and apostrophes, an arrondissement or CEDEX allowed at the end ("Paris",
"PARIS 11", "Saint-Étienne", "Aix-en-Provence", "Lyon 3e", "Marseille Cedex 08", "Frankfurt am Main"). Which
name it is (a place, not a person) is told by the French localities of the postal reference, Faker's city
lists and place-name morphology ("-sur-Mer", "Saint ...", "...ville"), and by the header."""

from __future__ import annotations

from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.detectors.lexicon import CITY_CHARACTERS, name_fit, name_shape


class City(Detector):
    kind = "city"
    screen = CITY_CHARACTERS
    CHARACTERS: ClassVar[str] = CITY_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 8)
    MAX_LENGTH: ClassVar[int] = 60

    def form(self, prepared: pl.Series) -> pl.Series:
        return name_shape(prepared, self.CHARACTERS, self.WORDS)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.len_chars().is_between(2, self.MAX_LENGTH)

    def fit(self, column: Column) -> float:
        return name_fit(column.name_hits, self.kind, rules().thresholds.name_reference_floor)
