"""Street addresses: a house number and a street ("12 rue de la Paix", "3 bis avenue Foch", "10 Downing
Street", "141 Doyle Corner"), a street type that opens the name with or without a number ("rue Thibault
Fischer", "Calle Mayor 5", "C/ Mayor 5", "Via Roma 3"), a street type glued to the name before the number
("Hauptstraße 5", "Ditschlerinstr. 43", "Kerkstraat 12"), or an English street type that closes it ("Baker
Street"). The street types are in samples.yaml, per language."""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from breachlens.samples.detectors.base import Detector, rules

_NUMBER = r"\d{1,5}(?:\s?(?:bis|ter|quater|[a-z]))?(?:[-/]\d{1,5}[a-z]?)?"
_WORD = r"\p{L}[\p{L}'’.\-]*"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s") for word in sorted(set(words), key=len, reverse=True))


@cache
def _pattern() -> str:
    types = rules().street_types
    opening = [w for words in types.leading.values() for w in words]
    leading = _alternation([w for w in opening if not w.endswith("/")])
    slashed = _alternation([w for w in opening if w.endswith("/")]) or r"[^\s\S]"  # "c/Mayor": no space needed
    trailing = _alternation([w for words in types.trailing.values() for w in words])
    glued = _alternation([w for words in types.glued.values() for w in words])
    forms = [
        # [number] leading type, then a word: "12 rue de la Paix", "rue Fischer", "Calle Mayor 5", "C/Mayor 5"
        rf"^(?:{_NUMBER}[\s,]+)?(?:(?:{leading})\.?\s+|(?:{slashed})\s*)[\p{{L}}\d]",
        # number then at least two words: "10 Downing Street", "141 Doyle Corner"
        rf"^{_NUMBER},?\s+{_WORD}(?:\s+[\p{{L}}\d][\p{{L}}\d'’.\-]*)+",
        # glued type then a number: "Hauptstraße 5", "Rolf-Peter-Briemer-Ring 11", "Cichoriusallee 61-49"
        rf"^(?:{_WORD}\s)*\p{{L}}[\p{{L}}\-]*(?:{glued})\s*{_NUMBER}\b",
        # words closed by an English type: "Baker Street", "Elm Road 3"
        rf"^(?:{_NUMBER}\s+)?(?:{_WORD}\s+){{1,4}}(?:{trailing})\.?(?:\s+{_NUMBER})?$",
    ]
    return "(?i)" + "|".join(f"(?:{form})" for form in forms)


class StreetAddress(Detector):
    kind = "street_address"
    screen = r"\p{L}.*[\d\s/]|[\d\s/].*\p{L}"  # a letter, and a number, a blank or "c/"
    MAX_LENGTH = 150

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(_pattern())

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        return (prepared.str.len_chars() <= self.MAX_LENGTH) & ~prepared.str.contains(r"[@<>{}\[\]|\\]|://")

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Addresses with a house number against those without (a lieu-dit, a street alone)."""
        good = self.prepare(values).filter(self.valid(values))
        numbered = int(good.str.contains(r"\d").sum())
        return {"numbered": numbered, "unnumbered": len(good) - numbered}
