"""The asking price: the amount of money the data is offered for (or the ransom demanded for it).

Among the amounts of money in the text, the price is the one next to a price word ("asking", "selling for",
"bidding opens at", "déboursé", "rançon") in a sentence about the sale. Conversions ("USD 3,000 (SGD 4,020)",
"roughly 1.5 million Australian dollars") and amounts that are not what the data costs now (revenue, fines,
"to extend the timer", decryption keys, the price of a sale told as earlier: "originally sold for $2k") are
left out, and so is a ransom the victim refused to pay once the data is given away ("published the data for free
after the company refused to pay a ransom of $60,000"). "Negotiable", "OBO", "à débattre" and "starting at" are
read around it.
"""

from __future__ import annotations

import re

from breachlens.extract.context import Context
from breachlens.extract.money import Money, money_mentions
from breachlens.model import Evidence, Price

__all__ = ["extract_price"]

_NEGATED = re.compile(r"\b(?:not|non|no|pas|nicht|sin|sem)[\s-]*$")  # "not negotiable", "non négociable"

_SHORT_STARTING = {"from", "des", "ab", "ot", "desde", "start", "от"}


def _is_conversion(ctx: Context, money: Money, previous: Money | None) -> bool:
    if previous is None:
        return False
    gap = ctx.folded[previous.end:money.start]
    if len(gap) > 30 or re.search(r"[.;!?]", gap):
        return False
    if "(" in gap or "[" in gap:
        return True  # "USD3,000 (SGD4,020)"
    stripped = gap.strip(" ,-–—/")
    if not stripped or stripped in {"or", "ou", "o", "oder", "i.e.", "="}:
        return money.currency != previous.currency
    return bool(ctx.cue_near("conversion", money.start, money.end, before=len(gap), same_sentence=False))


def extract_price(ctx: Context) -> tuple[Price | None, list[Evidence]]:
    amounts = money_mentions(ctx)
    if not amounts:
        return None, []
    best: tuple[float, Money] | None = None
    previous: Money | None = None
    for money in amounts:
        conversion = _is_conversion(ctx, money, previous)
        previous = money
        if conversion or money.number.value <= 0:
            continue
        if any(not re.search(r"[;.!?\n]\s", ctx.text[min(m.end, money.end):max(m.start, money.start)])
               for m in ctx.cue_near("not_price", money.start, money.end, before=45, after=35)):
            continue  # "$3 billion in revenue", but not across "revenue; its data was sold for $2,000"
        if ctx.cues("given_away") and ctx.cue_near("ransom_refused", money.start, money.end, before=45, after=35):
            continue  # a refused ransom, and the data given away since: not what the data costs now
        if ctx.sale_told_as_earlier(money.start):
            continue  # "Originally sold for $2k", "a broker had sold access for $3,000": not what it costs now
        score = 0.0
        if ctx.cue_near("price", money.start, money.end, before=35, after=12):
            score += 2.0
        if ctx.in_sentence("sale", money.start) or ctx.in_sentence("extortion", money.start):
            score += 1.0
        if ctx.cue_near("price_negotiable", money.start, money.end, before=10, after=25):
            score += 1.0
        if ctx.is_speculative(money.start):
            score -= 2.0
        if score < 1.0:
            continue
        if best is None or score > best[0]:
            best = (score, money)
    if best is None:
        return None, []
    money = best[1]
    # in the price's sentence, or the short one right after it ("Price: 3k USD. Negotiable."); never negated
    near = ctx.cue_near("price_negotiable", money.start, money.end, before=60, after=120) + ctx.cue_near(
        "price_negotiable", money.start, money.end, before=0, after=30, same_sentence=False)
    negotiable = any(not _NEGATED.search(ctx.folded[max(0, m.start - 10):m.start]) for m in near)
    starting = any(
        money.start - m.end <= (6 if m.term in _SHORT_STARTING else 25)
        for m in ctx.cue_near("price_starting", money.start, money.end, before=30)
        if m.end <= money.start
    )
    evidence = [ctx.evidence("price", money.start, money.end, rule=f"price:{money.currency}")]
    return Price(amount=money.number.value, currency=money.currency, negotiable=negotiable,
                 starting_at=starting), evidence
