"""First names: one or two words of letters ("Jean", "Jean-Pierre", "José Miguel", "ÉLODIE"), no digits. The
shape says a name; which name (first, last, place) is told by Faker's first-name lists against the other
references, and by the header, so a column of rare first names under "prénom" is still decided."""

from __future__ import annotations

from typing import ClassVar

from breachlens.samples.detectors.lexicon import NAME_CHARACTERS, NameLike


class FirstName(NameLike):
    kind = "first_name"
    screen = NAME_CHARACTERS
    CHARACTERS: ClassVar[str] = NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 2)
    MAX_LENGTH: ClassVar[int] = 40
