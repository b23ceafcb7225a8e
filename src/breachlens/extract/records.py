"""The record count: how many records (people, accounts, lines) the whole data set holds.

Every number is a candidate; what stands around it decides. A count is what a record noun follows
("22M lines", "19,2 millions de clients", "560 million Ticketmaster customers") or precedes ("Records: 22M").
Sizes ("1.3 TB"), other things counted ("404,000 files", "231 workstations"), money, years, percentages,
samples ("a first list of 100.000 names") and the analyst's guesses are not counts. A range
("302,000 to 340,000 lines") gives its upper bound and keeps the range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from breachlens.extract.context import Context
from breachlens.extract.lexicon import Match
from breachlens.extract.money import money_mentions
from breachlens.extract.numbers import NumberMention
from breachlens.model import Evidence

__all__ = ["RecordCount", "extract_records"]

_STOP = re.compile(r"[.;!?()\[\]\n:]|,\s|\s-\s|\s[-–—]\s")
# after a count, a sample cue right behind a list or clause separator opens an item of its own ("120k rows,
# sample attached"): it is about the sample, not about the count before it ("1,000 rows as a sample" is)
_NEW_ITEM = re.compile(r"(?:[,;|(\[\n+]|\s[-–—])\s*$")
_RANGE = re.compile(r"^\s*(?:to|-|–|—|and|a|à|au|bis|hasta|y|et|ou|or)\s*$")
_LABEL_BEFORE = re.compile(r"(?:records?|lines?|rows?|entries|users?|accounts?|count|total|volume|size|lignes?|"
                           r"enregistrements|entrees|utilisateurs|comptes|registros|lineas|usuarios|datensatze|"
                           r"zeilen|nombre de lignes|nb lignes|number of records|number of users)"
                           r"\s*(?:[:=\-–~]|of|de|totall?ing|count)\s*(?:about|approx\.?|around|over|~|environ|"
                           r"plus de|more than)?\s*$")


@dataclass(frozen=True)
class RecordCount:
    value: int
    range: tuple[int, int] | None
    start: int
    end: int
    score: float


def _window(ctx: Context, end: int, size: int = 48) -> tuple[int, int]:
    chunk = ctx.folded[end:end + size]
    stop = _STOP.search(chunk)
    return end, end + (stop.start() if stop else len(chunk))


_MONEY_WORD = re.compile(r"(?:revenue|turnover|sales|valuation|funding|capital|chiffre d'affaires|\bca|ingresos|"
                         r"umsatz|price|prix|precio|preis|blitz|step|start|bid|bin|buy ?now)\W*$")
_FIELD_END = re.compile(r"[ \t]*(?:[|/\n)\]]|[-–—][ \t]|$)")


def _title_field(ctx: Context, start: int, end: int) -> bool:
    """Whether a count written with a multiplier stands alone as a field of the post's title line."""
    line_end = ctx.text.find("\n")
    return (line_end < 0 or end <= line_end) and bool(_FIELD_END.match(ctx.text, end)) and \
        bool(re.search(r"(?:[|\-–—(\[:]|[\w)\]])[ \t]+$|[|(\[]$", ctx.text[max(0, start - 3):start])) and \
        not _MONEY_WORD.search(ctx.folded[max(0, start - 25):start])


def _bracketed(ctx: Context, start: int, end: int) -> bool:
    """Whether ``start:end`` stands in a bracket: "(350 salariés)", "(logisticien, Bordeaux, 1 100 salariés)"."""
    opened, closed = ctx.folded.rfind("(", max(0, start - 60), start), ctx.folded.find(")", end, end + 40)
    return opened >= 0 and ")" not in ctx.folded[opened:start] and closed >= 0 and "(" not in ctx.folded[end:closed]


def _about_a_sample(ctx: Context, start: int, end: int) -> bool:
    """Whether a sample cue goes with the count at ``start:end``: before it ("sample of 500 rows"), or after it
    without opening an item of its own ("1,000 rows as a sample", not "120k rows, free sample below")."""
    cues = ctx.cue_near("sample", start, end, before=90, after=25)
    outer = [c for c in cues if not any(o is not c and o.start <= c.start and c.end <= o.end for o in cues)]
    return any(cue.start < end or not _NEW_ITEM.search(ctx.folded[end:cue.start]) for cue in outer)


def _first_in(matches: list[Match[str]], low: int, high: int) -> Match[str] | None:
    for match in matches:
        if low <= match.start < high:
            return match
    return None


def _is_year(ctx: Context, number: NumberMention) -> bool:
    raw = ctx.folded[number.start:number.end]
    return not number.multiplier and raw.isdigit() and len(raw) == 4 and 1950 <= number.value <= 2099


def extract_records(ctx: Context) -> tuple[RecordCount | None, list[Evidence]]:
    money = {(m.number.start, m.number.end) for m in money_mentions(ctx)}
    record_nouns = ctx.cues("record_nouns")
    blockers = sorted(ctx.cues("not_records") + ctx.cues("size_units"), key=lambda m: m.start)
    numbers = [n for n in ctx.numbers if (n.start, n.end) not in money]
    candidates: list[RecordCount] = []
    skip_next = False
    for index, number in enumerate(numbers):
        if skip_next:
            skip_next = False
            continue
        low_value: int | None = None
        head = number
        # a range: "302,000 to 340,000 lines"
        if index + 1 < len(numbers):
            nxt = numbers[index + 1]
            if _RANGE.match(ctx.folded[number.end:nxt.start]) and nxt.value >= number.value:
                low_value, number, skip_next = head.integer, nxt, True
                if nxt.factor > 1 and not head.multiplier and head.value * nxt.factor <= nxt.value:
                    # "between 1.2 and 1.5 million": the multiplier is said once, for both bounds
                    low_value = int(round(head.value * nxt.factor))
        if number.value < 50 or _is_year(ctx, number):
            continue
        after = ctx.folded[number.end:number.end + 3]
        if after.lstrip().startswith(("%", "percent", "per cent", "pour cent", "por ciento")):
            continue
        w_low, w_high = _window(ctx, number.end)
        blocker = _first_in(blockers, w_low, w_high)
        noun = _first_in(record_nouns, w_low, w_high)
        if blocker is not None and noun is not None and blocker.start <= noun.start:
            # "185,000 student and staff records": a blocker that qualifies the record noun right after it
            later = _first_in(record_nouns, blocker.end, blocker.end + 2)
            if later is not None:
                noun, blocker = later, None
        if blocker is not None and (noun is None or blocker.start <= noun.start):
            continue
        score = 0.0
        if noun is not None:
            words_between = len(ctx.folded[number.end:noun.start].split())
            if words_between <= 4:
                score += 3.0
        before = ctx.folded[max(0, head.start - 40):head.start]
        if _LABEL_BEFORE.search(before):
            score += 3.0  # "Rows: 87,340": as strong as a noun, so the exact count beats a title's "87k customers"
        if score <= 0 and number.multiplier and _title_field(ctx, head.start, number.end):
            score += 2.0  # "[SELLING] Mercado Fácil 2.3M | 2024 | Fullz", "FREE DB - kitabooks.co.ke - 450k"
        if score <= 0:
            continue
        if number.multiplier:
            score += 0.5
        if ctx.cue_near("record_total", head.start, number.end, before=30, after=20):
            score += 0.75
        if ctx.cue_near("unique", head.start, number.end, before=0, after=12):
            score += 0.25
        if _about_a_sample(ctx, head.start, number.end):
            score -= 4.0
        if noun is not None and noun.term.startswith(("employee", "salarie", "staff", "mitarbeiter", "empleado")) \
                and (ctx.cue_near("employee_count", head.start, number.end, before=25, after=30)
                     or _bracketed(ctx, head.start, noun.end)):  # "Menuiseries Durand (350 salariés)"
            score -= 4.0
        if ctx.cue_near("staff_size", head.start, head.start, before=14):
            score -= 4.0  # "which employs 2,300 people"
        if ctx.cue_near("victim_size", head.start, number.end, before=16, after=32):
            score -= 4.0  # "l'opérateur, qui compte 4 millions de clients": the organisation's size
        if ctx.is_speculative(head.start):
            score -= 2.0
        if score <= 0:
            continue
        end = noun.end if noun is not None else number.end
        value = number.integer
        candidates.append(RecordCount(value, (low_value, value) if low_value is not None else None,
                                      head.start, end, score))
    if not candidates:
        return None, []
    best = max(candidates, key=lambda c: (int(c.score), c.value))
    return best, [ctx.evidence("records", best.start, best.end, rule="records")]
