"""Numbers as people write them: "22M", "22,043,118", "27 561 592", "100.000", "19,2 millions", "1.2 milliard",
"12kk" (combolist slang for millions), "vingt-deux millions", "twenty-two million", "half a billion", "6 lakh",
"$10k".

:func:`find_numbers` returns every number mention of a folded text with its value and span. It knows nothing
about what is counted: records.py and price.py decide that from the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = ["NumberMention", "find_numbers", "parse_number"]

# multiplier words (folded) -> factor
_MULTIPLIERS: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "thousands": 1e3, "mille": 1e3, "mil": 1e3, "tausend": 1e3, "тыс": 1e3,
    "m": 1e6, "mm": 1e6, "kk": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "millon": 1e6,
    "millones": 1e6, "millionen": 1e6, "milione": 1e6, "milioni": 1e6, "milhao": 1e6, "milhoes": 1e6,
    "miljoen": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "mrd": 1e9,
    "milliarde": 1e9, "milliarden": 1e9, "miliardo": 1e9, "miliardi": 1e9, "bilhao": 1e9, "bilhoes": 1e9,
    "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}
_MULT_ALT = "|".join(sorted((re.escape(w) for w in _MULTIPLIERS), key=len, reverse=True))

_NUMBER = re.compile(
    r"(?<![\d.,_])"
    r"(?P<num>\d{1,3}(?:(?P<sep>[,.\u00a0\u202f ']|\u2009)\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<mult>" + _MULT_ALT + r")(?![a-zа-я0-9]))?"
    r"(?P<plus>\+)?",
)
# "18 k members", "2,4 M de lignes": a spaced one-letter multiplier, then what it counts (not "5 m tall")
_SPACED_MULTIPLIER = re.compile(r"\s+(?:de\s+|d')?(?!(?:tall|long|wide|high|deep|away|from|de\s|d')\b)"
                                r"[a-z\u00e0-\u00ff]{3,}")
# "mil millones" (es), "miles de millones"
_ES_BILLION = re.compile(r"\s(?:mil|miles de) millones\b")

# number words ---------------------------------------------------------------------------------------------
_WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred and a",
    "fr": "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
          "vingt vingts trente quarante cinquante soixante cent cents et",
    "es": "cero un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
          "dieciseis diecisiete dieciocho diecinueve veinte veinti veintiun veintidos veintitres veinticuatro "
          "veinticinco veintiseis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta "
          "setenta ochenta noventa cien ciento doscientos trescientos cuatrocientos quinientos y",
    "de": "ein eine eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf zwanzig dreissig vierzig "
          "funfzig sechzig siebzig achtzig neunzig hundert und",
}
_BIG = {"en": ("million", "billion", "thousand"), "fr": ("million", "milliard", "mille"),
        "es": ("millon", "millones", "mil"), "de": ("million", "millionen", "milliarde", "milliarden", "tausend")}
_WORD_NUMBER = re.compile(
    r"(?<![\w-])(?P<words>(?:(?:" + "|".join(sorted({w for ws in _WORDS.values() for w in ws.split()},
                                                     key=len, reverse=True))
    + r")(?:[\s-]+|(?=\w)))+?)"
    r"(?P<mult>millions?|billions?|thousands?|milliards?|mille|millones|millon|millionen|million|milliarden|"
    r"milliarde|tausend)\b"
)
_MULTIPLIER_WORD = re.compile(r"(?:milli|billion|thousand|mille|tausend)\w*")
_CODES_BEFORE_DIGITS = frozenset(
    ["usd", "eur", "gbp", "sgd", "aud", "cad", "nzd", "chf", "inr", "jpy", "cny", "rub", "brl", "mxn", "try",
     "ils", "zar", "btc", "xmr", "eth", "usdt", "ltc", "us", "au", "nz", "ca", "hk", "rs", "r", "n", "no", "nr"]
)
_HALF = re.compile(r"\b(?:half a|a half|un demi-?|une demi-|medio|halbe?)\s?"
                   r"(million|billion|milliard|millon|millionen)\b")
_A_MULT = re.compile(r"\b(?:a|one|un|une|un|uno|eine?)\s(million|billion|milliard|millon|million)\b")


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    value: float
    multiplier: bool  # written with a multiplier word or suffix ("22M", "1.2 milliard")
    words: bool = False  # written in words
    plus: bool = False  # "22M+"
    factor: float = 1.0  # what the multiplier multiplied by ("1.5 million": 1e6)

    @property
    def integer(self) -> int:
        return int(round(self.value))


def parse_number(raw: str, sep: str | None, has_multiplier: bool) -> float | None:
    """The value of the digits ``raw`` (no multiplier applied)."""
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if sep:
        sep = sep.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
        groups_part = raw
        decimal = ""
        # a trailing decimal part after the groups: "1,234.5" or "1.234,5"
        match = re.match(r"^(.*?\d{3})([.,]\d+)?$", raw)
        if match and match.group(2) and match.group(2)[0] != sep:
            groups_part, decimal = match.group(1), match.group(2)[1:]
        digits = groups_part.replace(sep, "")
        if has_multiplier and sep in ",." and raw.count(sep) == 1 and not decimal:
            # "1,500 million": thousands all the same; "1.500 millones" too
            pass
        try:
            return float(digits + ("." + decimal if decimal else ""))
        except ValueError:
            return None
    raw = raw.replace(" ", "")
    if "," in raw or "." in raw:
        head, _, tail = raw.replace(",", ".").rpartition(".")
        if len(tail) == 3 and not has_multiplier and head and len(head) <= 3:
            return float(head + tail)  # "100.000" / "1,234" written without more groups
        try:
            return float(head + "." + tail)
        except ValueError:
            return None
    try:
        return float(raw)
    except ValueError:
        return None


@cache
def _text2num_langs() -> tuple[str, ...]:
    return ("en", "fr", "es", "de")


def _words_value(words: str) -> float | None:
    words = " ".join(words.replace("-", " ").split())
    if not words:
        return 1.0
    if words in {"a", "un", "une", "uno", "una", "ein", "eine", "one"}:
        return 1.0
    from text_to_num import text2num

    for lang in _text2num_langs():
        for candidate in (words, words.replace(" ", "-")):
            try:
                value = text2num(candidate, lang)
            except (ValueError, IndexError, KeyError):
                continue
            if value:
                return float(value)
    return None


def find_numbers(folded: str) -> list[NumberMention]:
    """Every number of the folded text, each once (digits, digits with multipliers, number words)."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    for match in _NUMBER.finditer(folded):
        start = match.start()
        if start and folded[start - 1].isalpha():
            word = re.search(r"[^\W\d_]+$", folded[max(0, start - 6):start])
            if not word or word.group(0) not in _CODES_BEFORE_DIGITS:
                continue  # "mp3", "covid19", "A320"
        raw, sep, mult = match.group("num"), match.group("sep"), match.group("mult")
        if mult in {"m", "b", "k"} and match.start("mult") != match.end("num") and \
                not _SPACED_MULTIPLIER.match(folded, match.end("mult")):
            mult = None  # "5 m" (metres), "2 b": a one-letter multiplier touches the digits, or counts something
        if mult in {"mil"} and not folded.startswith(" millones", match.end("mult")):
            mult = "mil" if folded[match.end("mult"):match.end("mult") + 1] in (" ", "") else None
        value = parse_number(raw, sep, bool(mult))
        if value is None:
            continue
        end = match.end("num")
        factor = 1.0
        if mult:
            factor = _MULTIPLIERS.get(mult, 1.0)
            end = match.end("mult")
            es = _ES_BILLION.match(folded, end) if mult in {"mil"} else None
            if mult == "mil" and folded.startswith(" millones", end):
                factor, end = 1e9, end + len(" millones")
            elif es:
                factor, end = 1e9, es.end()
            value *= factor
        plus = bool(match.group("plus"))
        if plus:
            end = match.end("plus")
        found.append(NumberMention(match.start(), end, value, bool(mult), plus=plus, factor=factor))
        taken.append((match.start(), end))
    windows: list[tuple[int, int]] = []  # number words end on a multiplier: read them back from there
    for mult in _MULTIPLIER_WORD.finditer(folded):
        low = max(0, mult.start() - 90)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], mult.end())
        else:
            windows.append((low, mult.end()))
    for (low, high), (pattern, words_mode) in (
            (w, p) for w in windows for p in ((_HALF, False), (_WORD_NUMBER, True), (_A_MULT, False))):
        for match in pattern.finditer(folded, low, high):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            mult_word = match.group("mult") if words_mode else match.group(1)
            factor = next((_MULTIPLIERS[w] for w in (mult_word, mult_word.rstrip("s")) if w in _MULTIPLIERS), 1e6)
            if words_mode:
                base = _words_value(match.group("words"))
                if base is None:
                    continue
            else:
                base = 0.5 if pattern is _HALF else 1.0
            found.append(NumberMention(start, end, base * factor, True, words=True, factor=factor))
            taken.append((start, end))
    found.sort(key=lambda n: n.start)
    return found
