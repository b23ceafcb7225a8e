"""Cities: words of letters, hyphens and apostrophes, an arrondissement or CEDEX allowed at the end ("Paris",
"PARIS 11", "Saint-Étienne", "Aix-en-Provence", "Lyon 3e", "Marseille Cedex 08", "Frankfurt am Main"). Which
name it is (a place, not a person) is told by the French localities of the postal reference, Faker's city
lists and place-name morphology ("-sur-Mer", "Saint ...", "...ville"), and by the header."""

from __future__ import annotations

from typing import ClassVar

from breachlens.samples.detectors.lexicon import CITY_CHARACTERS, NameLike


class City(NameLike):
    kind = "city"
    screen = CITY_CHARACTERS
    CHARACTERS: ClassVar[str] = CITY_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 8)
    MAX_LENGTH: ClassVar[int] = 60
