"""Reference data for checking and synthesising French samples, from packages that ship it (never downloaded).

France's postal codes with a locality and département come from ``countrystatecity-postal-codes`` (about 6,000
codes, metropolitan France and Corsica; one locality per code, while a code often serves several communes, so a
city that is not the code's locality is checked against the localities of the same département). Phone ranges
come from ``phonenumbers`` and checksums from ``python-stdnum`` where the detectors need them.

Example::

    code = french_postal_codes()["75011"]
    code.department, code.locality            # ("75", "PARIS")
    city_consistent("75011", "Paris")         # True
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = ["PostalCode", "city_consistent", "department_of", "fold_place", "french_postal_codes", "is_french_locality",
           "localities_by_department", "without_accents"]


@dataclass(frozen=True, slots=True)
class PostalCode:
    code: str  # "75011"
    department: str  # "75", "2A", "2B"
    locality: str  # folded: "PARIS", "BOURG EN BRESSE"


_SEPARATORS = re.compile(r"[\s\-'’.,/]+")
_ARRONDISSEMENT = re.compile(r"\s+(?:\d{1,2}\s*(?:E|EME|ER|ERE)?|CEDEX(?:\s+\d+)?)$")


def without_accents(text: str) -> str:
    """``text`` without its combining marks ("Hélène" -> "Helene"); ASCII text, most names, as it is."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold_place(name: str) -> str:
    """A place name as the references write it: upper case, no accents, words separated by one space,
    "Saint" as ST, arrondissements and CEDEX dropped ("Saint-Étienne" -> "ST ETIENNE", "Paris 11e" -> "PARIS")."""
    text = _SEPARATORS.sub(" ", without_accents(name).upper()).strip()
    text = _ARRONDISSEMENT.sub("", text)
    words = ["ST" if w == "SAINT" else "STE" if w == "SAINTE" else w for w in text.split()]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def department_of(code: str) -> str | None:
    """The département a French postal code belongs to ("75011" -> "75", "20000" -> "2A", "97400" -> "974")."""
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code.startswith("20"):
        known = french_postal_codes().get(code)
        if known is not None:
            return known.department
        return "2A" if code < "20200" else "2B"
    return code[:2]


@cache
def french_postal_codes() -> dict[str, PostalCode]:
    """Every French postal code the reference package knows, by code."""
    from countrystatecity_postal_codes import get_postcodes_of_country

    codes: dict[str, PostalCode] = {}
    for entry in get_postcodes_of_country("FR"):
        state = entry.stateCode or entry.code[:2]
        department = state if state in ("2A", "2B") else entry.code[:2]
        codes.setdefault(entry.code, PostalCode(entry.code, department, fold_place(entry.localityName or "")))
    return codes


@cache
def localities_by_department() -> dict[str, frozenset[str]]:
    """The folded localities of each département."""
    found: dict[str, set[str]] = defaultdict(set)
    for code in french_postal_codes().values():
        found[code.department].add(code.locality)
    return {department: frozenset(names) for department, names in found.items()}


@cache
def _departments_of_locality() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for code in french_postal_codes().values():
        found[code.locality].add(code.department)
    return {name: frozenset(departments) for name, departments in found.items()}


def is_french_locality(name: str) -> bool:
    """Whether ``name`` ("Lorient", "SAINT-MALO") is a locality of France's postal reference."""
    return fold_place(name) in _departments_of_locality()


@lru_cache(maxsize=1 << 16)
def city_consistent(code: str, city: str) -> bool | None:
    """Whether ``city`` can be at postal code ``code``: True (the code's locality, or a locality of its
    département), False (a known locality, only in other départements), None (cannot be told).

    Remembered for the last 65,536 pairs: a sample repeats the same few thousand pairs batch after batch, and
    folding the name is the cost (about 10 µs a pair)."""
    department = department_of(code)
    name = fold_place(city)
    if department is None or not name:
        return None
    known = french_postal_codes().get(code)
    if known is not None and known.locality == name:
        return True
    if name in localities_by_department().get(department, frozenset()):
        return True
    elsewhere = _departments_of_locality().get(name)
    if elsewhere:
        return False
    return None
