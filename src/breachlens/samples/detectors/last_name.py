"""Last names: one to four words of letters, particles included ("Dupont", "de la Fontaine", "van der Berg",
"García López", "O'Brien", "MÜLLER"), no digits. Faker's last-name lists against the other references and the
header tell a surname column from first names and places; a column of mostly several-word values without a
particle leans to full names."""

from __future__ import annotations

from typing import ClassVar

from breachlens.samples.detectors.base import Column, rules
from breachlens.samples.detectors.lexicon import NAME_CHARACTERS, NameLike, name_fit


class LastName(NameLike):
    kind = "last_name"
    screen = NAME_CHARACTERS
    CHARACTERS: ClassVar[str] = NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 4)
    MAX_LENGTH: ClassVar[int] = 60

    def fit(self, column: Column) -> float:
        hits = column.name_hits
        fit = name_fit(hits, self.kind, rules().thresholds.name_reference_floor)
        return fit * (0.6 + 0.4 * hits["simple"])
