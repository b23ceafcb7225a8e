"""The kind of claim: ``sale``, ``leak``, ``ransomware``, ``access`` or ``other``.

A ransomware group as the actor, or leak-site and encryption words, make a ransomware claim; words of network
access for sale ("initial access", "RDP access", "domain admin") an access claim; otherwise the sale and leak
cues are weighed ("selling", "asking price", "à vendre" against "leaked", "free download", "publié"); an
extortion without an offer ("demanding a ransom") is ``other``.
"""

from __future__ import annotations

from breachlens.extract.context import Context
from breachlens.model import ClaimType, Evidence, Price

__all__ = ["extract_claim_type"]


_WEAK_ONCE = frozenset({"$", "payment", "price", "escrow"})


def _weight(ctx: Context, name: str) -> tuple[float, int | None, int | None]:
    total, first = 0.0, None
    seen: set[str] = set()
    counted: list[tuple[int, int]] = []
    for match in ctx.cues(name):
        if match.start >= ctx.commentary_start:
            continue
        if match.term in _WEAK_ONCE and match.term in seen:
            continue  # "$" beside every amount, revenue too: one sign of a sale, however many amounts
        if name == "sale" and any(start < match.end and match.start < end for start, end in counted):
            continue  # "for sale:", "for sale" and "sale" over the same words: one offer, not three (the other
            # kinds' thresholds were set counting nested terms, "ransomware gang" and "ransomware", apart)
        counted.append((match.start, match.end))
        seen.add(match.term)
        total += 0.5 if ctx.is_speculative(match.start) else 1.0
        if first is None:
            first = match
    if first is None:
        return 0.0, None, None
    return total, first.start, first.end


def extract_claim_type(ctx: Context, actor_kind: str | None, price: Price | None
                       ) -> tuple[ClaimType, list[Evidence]]:
    sale, s_start, s_end = _weight(ctx, "sale")
    leak, l_start, l_end = _weight(ctx, "leak")
    ransom, r_start, r_end = _weight(ctx, "ransomware")
    access, a_start, a_end = _weight(ctx, "access")
    extortion, e_start, e_end = _weight(ctx, "extortion")

    def pick(kind: ClaimType, start: int | None, end: int | None) -> tuple[ClaimType, list[Evidence]]:
        if start is None or end is None:
            return kind, []
        return kind, [ctx.evidence("claim_type", start, end, rule=f"claim_type:{kind.value}")]

    if actor_kind == "ransomware":
        return pick(ClaimType.ransomware, r_start if r_start is not None else s_start,
                    r_end if r_start is not None else s_end)
    offer = sale  # the words of an offer; an asking price makes a sale more likely still
    if price is not None and price.currency not in (None,):
        sale += 1.0
    if ransom >= 2 and actor_kind in (None, "group", "extortion") and ransom >= sale:
        return pick(ClaimType.ransomware, r_start, r_end)
    if access >= 1 and access >= leak and offer >= 1 and access * 3 >= offer:
        return pick(ClaimType.access, a_start, a_end)
    if extortion >= 1 and sale <= extortion and leak <= extortion:
        return pick(ClaimType.other, e_start, e_end)
    if sale == 0 and leak == 0:
        return ClaimType.other, []
    if sale >= leak:
        return pick(ClaimType.sale, s_start, s_end)
    return pick(ClaimType.leak, l_start, l_end)
