"""Countries: names in the languages of countries.yaml ("France", "Allemagne", "España", "Deutschland",
"Etats-Unis"), ISO 3166-1 alpha-2 and alpha-3 codes in capitals ("FR", "FRA"). ``subtype`` counts the valid
values by alpha-2 code."""

from __future__ import annotations

from functools import cache

import polars as pl

from breachlens import knowledge
from breachlens.samples.detectors.base import Detector
from breachlens.samples.detectors.lexicon import fold


@cache
def _names() -> dict[str, str]:
    """Lower-case name (accented and folded) -> alpha-2 code."""
    import pycountry

    found: dict[str, str] = {}
    for code, country in knowledge.load("countries").countries.items():
        for names in country.names.values():
            for name in names:
                found.setdefault(name.lower(), code)
                found.setdefault(fold(name), code)
    for entry in pycountry.countries:
        for name in (getattr(entry, "name", None), getattr(entry, "common_name", None)):
            if name:
                found.setdefault(name.lower(), entry.alpha_2)
                found.setdefault(fold(name), entry.alpha_2)
    return found


@cache
def _codes() -> dict[str, str]:
    """Alpha-2 and alpha-3 code -> alpha-2 code."""
    import pycountry

    found = {code: code for code in knowledge.load("countries").countries}
    for entry in pycountry.countries:
        found[entry.alpha_2] = entry.alpha_2
        found[entry.alpha_3] = entry.alpha_2
    return found


@cache
def _known() -> tuple[pl.Series, pl.Series]:
    """The names and codes as the one-row list series ``is_in`` takes."""
    return pl.Series(list(_names()), dtype=pl.String).implode(), pl.Series(list(_codes()), dtype=pl.String).implode()


class Country(Detector):
    kind = "country"
    screen = r"^\p{L}"

    def prepare(self, values: pl.Series) -> pl.Series:
        """Without a qualifier in brackets ("Maldives (Îles)" -> "Maldives")."""
        v = pl.col("v").str.strip_chars()
        return pl.DataFrame({"v": values.cast(pl.String)}).select(
            pl.when(v.str.ends_with(")")).then(v.str.replace(r"\s*\([^)]*\)$", "")).otherwise(v)).to_series()

    def form(self, prepared: pl.Series) -> pl.Series:
        names, codes = _known()
        v = pl.col("v")
        return pl.DataFrame({"v": prepared}).select(v.str.to_lowercase().is_in(names) | v.is_in(codes)).to_series()

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """Valid values by ISO 3166-1 alpha-2 code."""
        good = self.prepare(values).filter(self.valid(values))
        by_code = good.replace_strict(_codes(), default=None, return_dtype=pl.String)
        by_name = good.str.to_lowercase().replace_strict(_names(), default=None, return_dtype=pl.String)
        codes = by_code.fill_null(by_name)
        return dict(sorted(codes.value_counts().iter_rows(), key=lambda row: (-row[1], str(row[0]))))
