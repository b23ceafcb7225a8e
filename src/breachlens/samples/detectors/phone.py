"""Phone numbers, French first: 06/07 mobiles and 01-05/09 numbers in national form, +33, 0033 or without the
trunk 0 that spreadsheets drop; other countries in international form (+ or 00), and national forms of the
regions listed in samples.yaml (Spanish 9-digit, North-American 10-digit). Spaces, dots, dashes, brackets,
"(0)" and extensions ("x123") are allowed. Validity uses phonenumbers' metadata patterns, applied as polars
regular expressions per calling code, so no number is parsed one by one."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

import polars as pl

from breachlens.samples.detectors.base import Detector, digits_only, on_subset, rules

_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "pager",
          "uan", "voicemail")


def _union(parts: list[str | None]) -> str | None:
    known = [p for p in parts if p]
    return "^(?:" + "|".join(f"(?:{p})" for p in known) + ")$" if known else None


@cache
def _patterns(region: str) -> dict[str, str]:
    """phonenumbers' national-number patterns of a region, anchored: "valid" (any number type, what
    is_valid_number checks), "mobile" and "fixed_line"."""
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if metadata is None:
        return {}
    found = {"valid": _union([_desc(metadata, name) for name in _TYPES])}
    found["mobile"] = _union([_desc(metadata, "mobile")])
    found["fixed_line"] = _union([_desc(metadata, "fixed_line")])
    return {key: value for key, value in found.items() if value}


def _desc(metadata: object, name: str) -> str | None:
    desc = getattr(metadata, name, None)
    return desc.national_number_pattern if desc is not None and desc.national_number_pattern else None


@cache
def _calling_codes() -> dict[str, str]:
    """Calling code ("44") -> the valid patterns of its regions (and of its non-geographic numbers), joined."""
    import phonenumbers

    codes: dict[str, str] = {}
    for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items():
        parts: list[str | None] = [_patterns(region).get("valid") for region in regions]
        nongeo = phonenumbers.PhoneMetadata.metadata_for_nongeo_region(code)
        if nongeo is not None:
            parts.append(_union([_desc(nongeo, name) for name in _TYPES]))
        joined = _union(parts)
        if joined:
            codes[str(code)] = joined
    return codes


class Phone(Detector):
    kind = "phone"
    CHARACTERS: ClassVar[str] = r"^\s*\+?[\d\s.\-()/]{7,24}(?:\s*(?:x|ext\.?|poste|#)\s*\d{1,6})?\s*$"
    screen = CHARACTERS
    EXTENSION: ClassVar[str] = r"\s*(?:x|ext\.?|poste|#)\s*\d{1,6}\s*$"
    SEPARATORS: ClassVar[str] = " .-()/\t\u00a0\u202f"
    # international (+ or 00), national with a trunk 0, or bare: 9 to 11 digits (a dropped 0 or +, a Spanish or
    # North-American national number); eight bare digits are a date or a code more often than a phone
    FORM: ClassVar[str] = r"^(?:\+|00)[1-9]\d{6,14}$|^0[1-9]\d{6,13}$|^[1-9]\d{8,10}$"

    def prepare(self, values: pl.Series) -> pl.Series:
        """Digits, with a leading + or 00 for international numbers ("+33 (0)6 12.34.56.78" -> "+33612345678");
        values that are not written like a phone number become null."""
        text = values.cast(pl.String)
        v = pl.col("v")
        found = pl.DataFrame({"v": text}).select(shaped=v.str.contains(self.CHARACTERS).fill_null(False),
                                                 odd=v.str.contains(r"[a-z#]|\(0\)").any())
        shaped = found["shaped"]
        if found["odd"][0]:
            text = text.str.replace(self.EXTENSION, "").str.replace("(0)", "", literal=True)
        compact = digits_only(text, self.SEPARATORS)
        return compact.zip_with(shaped, compact.clear(len(compact))).alias(values.name)

    def form(self, prepared: pl.Series) -> pl.Series:
        return prepared.str.contains(self.FORM)

    def _french(self, prepared: pl.Series, mobiles: bool = True) -> tuple[pl.Series, pl.Series]:
        """Whether each number is a valid French one, and whether it is a mobile (both null-free). French
        numbers: +33, 0033 or 0 then 9 digits; 33 then 9 digits (a + dropped); 9 digits alone, as a mobile
        whose 0 a spreadsheet dropped. Without ``mobiles``, mobiles are only told apart where that decides
        (the 9 digits alone), and the second answer is not to be read."""
        home = _patterns(rules().phone.home_region)
        n, size = pl.col("n"), pl.col("n").str.len_bytes()
        national = (pl.when((size == 10) & n.str.starts_with("0")).then(n.str.slice(1))
                    .when((size == 12) & n.str.starts_with("+33")).then(n.str.slice(3))
                    .when((size == 13) & n.str.starts_with("0033")).then(n.str.slice(4))
                    .when((size == 11) & n.str.starts_with("33")).then(n.str.slice(2))
                    .when(size == 9).then(n))
        frame = pl.DataFrame({"n": prepared}).with_columns(national=national, bare=size == 9)
        mobile = pl.col("national").str.contains(home["mobile"]).fill_null(False)
        if not mobiles and not frame["bare"].any():
            mobile = pl.lit(False)
        general = pl.col("national").str.contains(home["valid"]).fill_null(False)
        frame = frame.with_columns(mobile=mobile, general=general)
        french = frame.select(pl.col("general") & (~pl.col("bare").fill_null(False) | pl.col("mobile"))).to_series()
        return french, frame["mobile"] & french

    def checks(self, prepared: pl.Series, matched: pl.Series) -> pl.Series:
        french, _ = self._french(prepared, mobiles=False)
        rest = matched & ~french
        if not rest.any():
            return french
        return french | on_subset(prepared, rest, self._foreign)

    def _foreign(self, numbers: pl.Series) -> pl.Series:
        """Validity of non-French numbers: by calling code for international ones (calling codes are
        prefix-free: one length of 1 to 3 digits fits), by the national regions of samples.yaml for the others;
        one regular expression per calling code or region present."""
        codes = _calling_codes()
        known = list(codes)
        plus = pl.col("n").str.starts_with("+")
        digits = pl.when(plus).then(pl.col("n").str.slice(1)).when(pl.col("n").str.starts_with("00")).then(
            pl.col("n").str.slice(2)).otherwise(pl.col("n"))
        frame = pl.DataFrame({"n": numbers}).with_columns(
            international=plus | pl.col("n").str.starts_with("00"),
            code=pl.coalesce([pl.when(digits.str.slice(0, size).is_in(known)).then(digits.str.slice(0, size))
                              for size in (1, 2, 3)]),
            digits=digits,
        )
        valid = pl.lit(False)
        for code in frame.filter("international")["code"].drop_nulls().unique().to_list():
            rest = pl.col("digits").str.slice(len(code))
            valid = valid | (pl.col("international") & (pl.col("code") == code) & rest.str.contains(codes[code]))
        for region in rules().phone.national_regions:
            pattern = _patterns(region).get("valid")
            if pattern:
                valid = valid | (~pl.col("international") & pl.col("digits").str.contains(pattern))
        return frame.select(valid.fill_null(False)).to_series()

    def subtype(self, values: pl.Series) -> dict[str, int]:
        """French mobiles, French landlines, other French numbers (08, 09) and foreign numbers."""
        good = self.prepare(values).filter(self.valid(values))
        french, mobile = self._french(good)
        home = _patterns(rules().phone.home_region)
        national = good.str.slice(-9)
        landline = french & ~mobile & national.str.contains(home["fixed_line"]).fill_null(False)
        counts = {"fr_mobile": int(mobile.sum()), "fr_landline": int(landline.sum()),
                  "fr_other": int((french & ~mobile & ~landline).sum()), "foreign": int((~french).sum())}
        return {key: count for key, count in counts.items() if count}
