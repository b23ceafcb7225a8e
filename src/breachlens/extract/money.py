"""Which numbers are amounts of money, and in which currency ("$2,500", "2 500 €", "0.5 BTC", "USD3,000",
"1 million US dollars", "1.5 million Australian dollars"). Currencies and how they are written live in
lexicon.yaml (``currency:CODE`` cues)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.lexicon import Match, Matcher
from breachlens.extract.numbers import NumberMention

__all__ = ["Money", "money_mentions"]


@dataclass(frozen=True, slots=True)
class Money:
    number: NumberMention
    currency: str
    start: int  # the span of amount and currency together
    end: int


@cache
def _currency_matcher() -> Matcher[str]:
    entries: list[tuple[str, str]] = []
    for name, terms in knowledge.load("lexicon").cues.items():
        if name.startswith("currency:"):
            code = name.split(":", 1)[1]
            entries.extend((term, code) for words in terms.values() for term in words)
    return Matcher(entries, digits_after=True)


def _currency_matches(ctx: Context) -> list[Match[str]]:
    cached = ctx._cue_cache.get("__currency__")
    if cached is None:
        cached = _currency_matcher().find(ctx.folded, longest=True)
        ctx._cue_cache["__currency__"] = cached
    return cached


def money_mentions(ctx: Context) -> list[Money]:
    """Numbers written as amounts of money, with their currency."""
    currencies = _currency_matches(ctx)
    if not currencies:
        return []
    out: list[Money] = []
    folded = ctx.folded
    for number in ctx.numbers:
        best: Match[str] | None = None
        for cur in currencies:
            if cur.end <= number.start:
                gap = folded[cur.end:number.start]
                if len(gap) <= 1 and not gap.strip():
                    best = cur
            elif cur.start >= number.end:
                gap = folded[number.end:cur.start]
                if len(gap) <= 1 and not gap.strip() and (best is None or best.end > number.start):
                    best = best or cur
                break
        if best is not None:
            start, end = min(best.start, number.start), max(best.end, number.end)
            out.append(Money(number, best.payloads[0], start, end))
    return out
