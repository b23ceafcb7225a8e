"""Reference words for the name and place detectors, loaded once and folded.

First and last names come from Faker's bundled locale data (fr_FR, en_US, es_ES, de_DE), places from the French
postal reference (:mod:`breachlens.samples.reference`), Faker's German, Austrian and Swiss city lists, its Spanish
provinces and the major cities of ``samples.yaml``. They are one signal among others: the shape of the words and
the header decide when a name is in none of them, so a column of rare surnames under "nom" is still a last-name
column.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.reference import fold_place, localities_by_department, without_accents

__all__ = ["CITY_CHARACTERS", "FULL_NAME_CHARACTERS", "NAME_CHARACTERS", "cities", "first_names", "fold",
           "last_names", "name_fit", "name_shape", "reference_hits"]

_NAME_LOCALES = ("fr_FR", "en_US", "es_ES", "de_DE")
_CITY_LOCALES = ("de_DE", "de_AT", "de_CH")  # the languages of our samples; the French places come from the reference
_PROVINCE_LOCALES = ("es_ES",)  # Faker's Spanish "cities" are its provinces
_MORPHOLOGY_LOCALES = ("fr_FR", "en_US")  # city prefixes ("Saint", "North") and suffixes ("-sur-Mer", "ville")
_FRENCH_PLACE_LINKS = frozenset({"SUR", "SOUS", "LES", "LEZ", "EN", "AUX", "DE", "DU", "DES"})

# Names are letters with inner apostrophes, dots, hyphens and single spaces, first a letter; the detectors add
# how many words. One character class for all the name kinds keeps the regular expressions cheap to build.
NAME_CHARACTERS = r"^\p{L}[\p{L}'’. -]*$"
FULL_NAME_CHARACTERS = r"^\p{L}[\p{L}'’., -]*$"
CITY_CHARACTERS = r"^\p{L}[\p{L}'’. -]*(?: \d{1,3}(?:e|er|ère|eme|ème|E|ER|EME)?| (?i:cedex)(?: \d{1,3})?)?$"
_BROKEN = r"--|''|  |[-'’]$| -|- "  # doubled or dangling separators


def name_shape(values: pl.Series, characters: str, words: tuple[int, int]) -> pl.Series:
    """Whether each value is letters in the ``characters`` class, of ``words`` words (low, high)."""
    v = pl.col("v")
    spaces = v.str.count_matches(" ", literal=True)
    shape = v.str.contains(characters) & spaces.is_between(words[0] - 1, words[1] - 1) & ~v.str.contains(_BROKEN)
    return pl.DataFrame({"v": values}).select(shape).to_series()


_SPLIT = re.compile(r"[\s\-'’.,]+")


def fold(text: str) -> str:
    """Lower case without accents ("Hélène" -> "helene", "Müller" -> "muller")."""
    return without_accents(text.replace("ß", "ss")).lower()


def _provider(kind: str, locale: str) -> type | None:
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider  # type: ignore[no-any-return]
    except ImportError:  # pragma: no cover - a Faker without that locale
        return None


def _words(provider: type | None, *attributes: str) -> set[str]:
    found: set[str] = set()
    for attribute in attributes:
        words = getattr(provider, attribute, None) or ()
        found.update(fold(word) for word in words)  # tuples, or OrderedDicts of word -> weight
    return found


@cache
def first_names() -> frozenset[str]:
    """Folded first names, whole ("jean-pierre") and by part ("jean", "pierre")."""
    names: set[str] = set()
    for locale in _NAME_LOCALES:
        names |= _words(_provider("person", locale), "first_names", "first_names_male", "first_names_female",
                        "first_names_nonbinary")
    return frozenset(names | {part for name in names for part in _SPLIT.split(name) if len(part) > 1})


@cache
def last_names() -> frozenset[str]:
    """Folded last names, whole ("da costa") and by part."""
    names: set[str] = set()
    for locale in _NAME_LOCALES:
        names |= _words(_provider("person", locale), "last_names")
    return frozenset(names | {part for name in names for part in _SPLIT.split(name) if len(part) > 2})


@cache
def cities() -> frozenset[str]:
    """Places as :func:`fold_place` writes them ("ST ETIENNE"): French localities, Faker's cities, samples.yaml."""
    from breachlens.samples.detectors.base import rules

    places: set[str] = set()
    for names in localities_by_department().values():
        places |= names
    for locale in _CITY_LOCALES:
        places.update(fold_place(city) for city in getattr(_provider("address", locale), "cities", ()) or ())
    for locale in _PROVINCE_LOCALES:
        places.update(fold_place(city) for city in getattr(_provider("address", locale), "states", ()) or ())
    places.update(fold_place(city) for city in rules().cities)
    places.discard("")
    return frozenset(places)


@cache
def _place_morphology() -> tuple[frozenset[str], tuple[str, ...]]:
    prefixes: set[str] = {"ST", "STE"}
    suffixes: set[str] = set()
    for locale in _MORPHOLOGY_LOCALES:
        provider = _provider("address", locale)
        prefixes.update(fold_place(p) for p in getattr(provider, "city_prefixes", ()) or ())
        suffixes.update(fold_place(s) for s in getattr(provider, "city_suffixes", ()) or ())
    suffixes.discard("")
    return frozenset(prefixes), tuple(sorted(suffixes))


def warm_references() -> None:
    """Load the references the detectors read (names, places, postal codes, phone ranges): a few tenths of a
    second once per process, which a profile spends while the first batch of the file is being read."""
    from breachlens.samples.detectors.country import _known
    from breachlens.samples.detectors.phone import _calling_codes
    from breachlens.samples.reference import _departments_of_locality, french_postal_codes

    first_names(), last_names(), cities(), _place_morphology()
    french_postal_codes(), _departments_of_locality(), _calling_codes(), _known()


def _is_place(value: str) -> bool:
    place = fold_place(value)
    if place in cities():
        return True
    prefixes, suffixes = _place_morphology()
    words = place.split()
    if len(words) > 1 and (words[0] in prefixes or any(w in _FRENCH_PLACE_LINKS for w in words[1:-1])):
        return True
    return any(place.endswith(suffix) and len(place) > len(suffix) + 2 for suffix in suffixes)


def reference_hits(distinct: pl.Series) -> dict[str, float]:
    """Shares of ``distinct`` values that the references know as a first name, a last name, a full name (a
    first name at one end and something else), a city; and ``simple``: one word or a particle-led surname."""
    from breachlens.samples.detectors.base import rules

    first, last = first_names(), last_names()
    particles = frozenset(rules().name_particles)
    counts = dict.fromkeys(("first_name", "last_name", "full_name", "city", "simple"), 0)
    values = [v for v in distinct.to_list() if v]
    for value in values:
        folded = fold(value)
        tokens = [t for t in _SPLIT.split(folded) if t]
        if not tokens:
            continue
        words = value.split()
        proper = [t for t in tokens if t not in particles] or tokens
        in_first = [t in first for t in tokens]
        if folded in first or all(in_first):
            counts["first_name"] += 1
        if folded in last or all(t in last for t in proper):
            counts["last_name"] += 1
        if len(words) > 1 and (in_first[0] or in_first[-1]) and not all(in_first):
            counts["full_name"] += 1
        if _is_place(value):
            counts["city"] += 1
        if len(words) == 1 or fold(words[0]) in particles:
            counts["simple"] += 1
    total = len(values) or 1
    return {kind: count / total for kind, count in counts.items()}


def name_fit(hits: dict[str, float], kind: str, floor: float) -> float:
    """0.5 to 1: how much more the references know the values as ``kind`` than as the other name kinds."""
    top = max(floor, *(share for key, share in hits.items() if key != "simple"))
    return 0.5 + 0.5 * hits[kind] / top


class NameLike(Detector):
    """What first names, last names and cities share: a shape of letters in a few words, a length, and a fit
    decided by the reference lists (subclasses set ``CHARACTERS``, ``WORDS`` and ``MAX_LENGTH``)."""

    CHARACTERS: ClassVar[str] = NAME_CHARACTERS
    WORDS: ClassVar[tuple[int, int]] = (1, 2)
    MAX_LENGTH: ClassVar[int] = 40

    def form(self, prepared: pl.Series) -> pl.Series:
        return name_shape(prepared, self.CHARACTERS, self.WORDS)

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return prepared.str.len_chars().is_between(2, self.MAX_LENGTH)

    def fit(self, column: Column) -> float:
        return name_fit(column.name_hits, self.kind, rules().thresholds.name_reference_floor)
