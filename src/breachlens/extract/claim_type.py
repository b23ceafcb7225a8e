"""The kind of claim: ``sale``, ``leak``, ``ransomware``, ``access`` or ``other``.

A ransomware group as the actor, or leak-site and encryption words, make a ransomware claim: a countdown
("Time left: 4d 11h 23m"), a publication date or status, a publication threatened ("menacent de tout
publier"); words of network access for sale ("initial access", "RDP access", "DA access") an access claim;
otherwise the sale and leak cues are weighed ("selling", "asking price", "à vendre" against "leaked", "free
download", "publié"); an extortion without an offer ("demanding a ransom") is ``other``, unless a sample is
already out ("posted a sample ... threatening to release the rest unless paid", "exige une rançon et a déjà publié
un échantillon"): publishing part of the data to press for the ransom is the double extortion of ransomware. A
regulator's penalty for data left open ("a £350,000 fine ... after a misconfigured server exposed ...") is
``other``: the data was found, not offered or published.

Some cue words say nothing of this claim: a denied one ("no passwords were exposed", "not sold"), a sale told
as earlier ("originally sold for $2k", "had sold access"), the "$" of the victim's revenue, and the remedy a
breach notice offers ("offering 24 months of free credit monitoring").
"""

from __future__ import annotations

import re
from functools import cache

from breachlens.extract.context import Context
from breachlens.extract.dates import month_names
from breachlens.extract.lexicon import Match
from breachlens.model import ClaimType, Evidence, Price

__all__ = ["extract_claim_type"]


_WEAK_ONCE = frozenset({"$", "payment", "price", "escrow"})
# a leak-site countdown: "4d 11h 23m", "6 jours 14 h 22 min", "03:11:22:45"
_COUNTDOWN = re.compile(
    r"\b\d{1,3}\s*(?:d|days?|j|jours?)\s*,?\s*\d{1,2}\s*(?:h|hours?|heures?)\s*,?\s*\d{1,2}\s*(?:m|min|mins|minutes?)\b"
    r"|\b\d{1,3}:\d\d:\d\d:\d\d\b")
_CLAUSE_BREAK = re.compile(r"[.;:!?,\n]")
_SENTENCE_BREAK = re.compile(r"[;.!?\n]\s")
# "selling access to 20k streaming accounts": access to records is a sale of data, not of a network
_TO_RECORDS = re.compile(r"\s+(?:to|a)\s+(?:\d[\d.,]*\s*(?:k|m)?\s+)?(?:[\w'-]+\s+){0,2}$")
_IN_DAYS = (r"(?:in|within|dans|sous|d'ici|en|en los proximos|innerhalb von|binnen)\s+\d{1,3}\s*"
            r"(?:days?|hours?|jours?|heures?|dias|horas|tagen|stunden)\b")


@cache
def _deadline() -> re.Pattern[str]:
    """A date or delay right after a threatened publication: "le 15 janvier", "on 30 September", "in 5 days"."""
    month = month_names()
    return re.compile(r"[^.;!?\n]{0,40}?(?:\b[0-3]?\d(?:er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?:" + month + r")\b"
                      r"|\b(?:" + month + r")\s+[0-3]?\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b|\b" + _IN_DAYS + ")")


def _denied(ctx: Context, match: Match[str]) -> bool:
    """"no passwords were exposed", "was not sold": a negation at most three words before, in the clause."""
    for neg in ctx.cues("negation"):
        if neg.end <= match.start and match.start - neg.end <= 40:
            between = ctx.folded[neg.end:match.start]
            if len(between.split()) <= 3 and not _CLAUSE_BREAK.search(between):
                return True
    return False


def _threatened(ctx: Context, match: Match[str]) -> bool:
    """"threatens to publish", "menacent de tout publier": a publication to come, not done."""
    return any(0 <= match.start - t.end <= 12 and len(ctx.folded[t.end:match.start].split()) <= 1
               for t in ctx.cues("threat"))


def _silent(ctx: Context, name: str, match: Match[str]) -> bool:
    """Whether cue ``match`` of kind ``name`` says nothing of this claim."""
    if name in ("sale", "leak", "access") and _denied(ctx, match):
        return True
    if name == "access" and any(_TO_RECORDS.match(ctx.folded[match.end:noun.start])
                                for noun in ctx.cue_near("record_nouns", match.start, match.end, after=45)
                                if noun.start >= match.end):
        return True  # "selling access to 20k streaming accounts"
    if name == "leak" and _threatened(ctx, match):
        return True  # weighed as a ransomware sign instead
    if name == "sale":
        if ctx.told_as_earlier(match.start) or ctx.in_sentence("remedy", match.start):
            return True  # "originally sold for", "is offering 24 months of free credit monitoring"
        if match.term == "$" and (ctx.sale_told_as_earlier(match.start) or any(
                not _SENTENCE_BREAK.search(ctx.text[min(m.end, match.end):max(m.start, match.start)])
                for m in ctx.cue_near("not_price", match.start, match.end, before=20, after=20))):
            return True  # the "$" of an earlier sale, or of the victim's revenue
    return False


def _sample_published(ctx: Context) -> Match[str] | None:
    """The first publication done (not threatened, not denied) of a sample: "posted a sample", "a publié un
    échantillon"; a leak cue and a sample cue in one clause."""
    for match in ctx.cues("leak"):
        if match.start >= ctx.commentary_start or _denied(ctx, match) or _threatened(ctx, match):
            continue
        for sample in ctx.cue_near("sample", match.start, match.end, before=40, after=40):
            low, high = min(match.end, sample.end), max(match.start, sample.start)
            if not _CLAUSE_BREAK.search(ctx.folded[low:high]):
                return match
    return None


def _fined_exposure(ctx: Context) -> bool:
    """Whether the text tells of a regulator's penalty and its only leak words are of data left open."""
    if not any(m.start < ctx.commentary_start for m in ctx.cues("enforcement")):
        return False
    exposures = ctx.cues("exposure")
    return all(any(e.start <= m.start and m.end <= e.end for e in exposures) for m in ctx.cues("leak")
               if m.start < ctx.commentary_start and not _denied(ctx, m))


def _weight(ctx: Context, name: str) -> tuple[float, int | None, int | None]:
    total, first = 0.0, None
    seen: set[str] = set()
    counted: list[tuple[int, int]] = []
    for match in ctx.cues(name):
        if match.start >= ctx.commentary_start or _silent(ctx, name, match):
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
    if name == "ransomware":
        # a countdown is one sign, a threat to publish another; a threat with its deadline ("menacent de tout
        # publier le 15 janvier") is the leak site's own business, two
        signs = [(m.start(), m.end(), 1.0) for m in _COUNTDOWN.finditer(ctx.folded)]
        signs += [(m.start, m.end, 2.0 if _deadline().match(ctx.folded, m.end) else 1.0)
                  for m in ctx.cues("leak") if _threatened(ctx, m) and not _denied(ctx, m)]
        for start, end, weight in signs:
            if start >= ctx.commentary_start:
                continue
            total += weight / 2 if ctx.is_speculative(start) else weight
            if first is None or start < first.start:
                first = Match(start, end, ctx.folded[start:end], ("ransomware",))
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
    if extortion >= 1 and offer <= extortion and actor_kind in (None, "group", "extortion"):
        sample = _sample_published(ctx)
        if sample is not None:
            return pick(ClaimType.ransomware, sample.start, sample.end)
    if access >= 1 and access >= leak and offer >= 1 and access * 3 >= offer:
        return pick(ClaimType.access, a_start, a_end)
    if extortion >= 1 and sale <= extortion and leak <= extortion:
        return pick(ClaimType.other, e_start, e_end)
    if (sale == 0 and leak == 0) or (offer == 0 and ransom == 0 and _fined_exposure(ctx)):
        return ClaimType.other, []
    if sale >= leak:
        return pick(ClaimType.sale, s_start, s_end)
    return pick(ClaimType.leak, l_start, l_end)
