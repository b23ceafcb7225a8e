"""Data categories: which kinds of personal data the text says were taken.

Terms come from knowledge/categories.yaml. A multi-word term ("email addresses", "numéros de téléphone") or a
word listed as strong in lexicon.yaml counts wherever it stands. A single common word ("names", "adresse",
"tel") counts only inside an enumeration of data ("nom, prénom, tel, iban"; one short item we have no term for,
"emails, student IDs, GPA, phone", does not end it), right after words that introduce the data ("including
names") or right after a count of records ("30 000 clients, email"). Dump notation ("email:pass") counts
wherever it stands. Nothing counts where the text denies it ("no credit card details or passwords") or guesses
("almost certainly contains ..."); the hedge of a breach notice ("may have been affected") is no guess.
"Partial" or "last four digits" card data is financial data, not card data.
"""

from __future__ import annotations

import re
from functools import cache

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.lexicon import Match, Matcher, cue_terms
from breachlens.extract.text import fold
from breachlens.model import Evidence

__all__ = ["extract_categories"]

Payload = tuple[str, str]  # (category key, "term" | "column")

_GAP = re.compile(
    r"^(?:[\s,;:/|&+()\[\].\-•*·\"'_]|\b(?:and|or|et|ou|y|e|o|und|oder|as well as|along with|plus|with|avec|con|mit|"
    r"also|aussi|the|their|his|her|its|des|de|du|d'|la|le|les|leurs?|los|las|el|sus?|ihre?|die|der|den|"
    r"full|complete|partial|customer|customers|user|users|client|clients|staff|employee|employees|detailed|"
    r"specific|other|further|"
    r"various|some|all|tous|toutes|any|additional|complets?|completes?|personal|personnelles?|exact|"
    r"unique|plain text|hashed|encrypted|salted|unsalted|their own|etc|among others|entre autres|"
    r"numbers?|numeros?|details?|info|information|data|donnees)\b)*$"
)
# "emails, student IDs, GPA, phone": a list goes on over one short item we have no term for
_UNKNOWN_ITEM = re.compile(r"^\s*[,;|/]\s*[\w-]{1,12}(?: [\w-]{1,12})?\s*[,;|/]\s*$")
# "30 000 clients, email": the data of a count, right after it
_COUNT_GAP = re.compile(r"[\s,:;(|\-]{1,4}$")
_COUNT_BEFORE = re.compile(r"\d\s*(?:k|m|kk)?\s+$")
# "Menuiseries Durand (350 salariés)": a count in brackets describes who the victim is, it lists no data
_SIZE_BEFORE = re.compile(r"\(\s*(?:about |around |environ |plus de |over |~)?\d[\d\s.,]*(?:k|m)?\s*$")
_SIZE_AFTER = re.compile(r"^\s*\)")
_NEGATION_AFTER = re.compile(
    r"^[^.;!?\n]{0,45}?\b(?:were not|was not|are not|is not|weren't|wasn't|not (?:been )?(?:compromised|affected|"
    r"exposed|included|accessed|impacted|stolen|taken)|n'(?:ont|a|est|sont|auraient|aurait) (?:pas|jamais)|"
    r"ne (?:sont|seraient|serait) pas|"
    r"pas ete|no fueron|no han sido|nicht betroffen|wurden nicht|unaffected|remain(?:ed)? safe)\b"
)


@cache
def _matcher() -> Matcher[Payload]:
    entries: list[tuple[str, Payload]] = []
    for key, category in knowledge.load("categories").categories.items():
        for words in category.terms.values():
            entries.extend((term, (key, "term")) for term in words)
        entries.extend((column, (key, "column")) for column in category.columns)
    entries.extend((term, ("", "ignore")) for term in cue_terms("not_category"))
    return Matcher(entries)


@cache
def _term_keys() -> dict[str, tuple[str, ...]]:
    """Folded term -> its category keys (for elliptical lists such as "email, IP and physical addresses")."""
    table: dict[str, list[str]] = {}
    for key, category in knowledge.load("categories").categories.items():
        for words in category.terms.values():
            for term in words:
                table.setdefault(" ".join(fold(term).split()), []).append(key)
    return {term: tuple(keys) for term, keys in table.items()}


_ELLIPSIS_NOUN = r"(addresses|adresses|direcciones|adressen|indirizzi|enderecos|numbers|numeros|details)\b"
_ELLIPSIS = re.compile(
    r"\b((?:[\w-]+\s*,\s*)*[\w-]+)\s*(?:,\s*)?\s(?:and|or|&|et|ou|y|und|e)\s+[\w-]+\s+" + _ELLIPSIS_NOUN + "$"
)
_ELLIPSIS_END = re.compile(r"\s(?:and|or|&|et|ou|y|und|e)\s+[\w-]+\s+" + _ELLIPSIS_NOUN)


@cache
def _strong_words() -> frozenset[str]:
    return frozenset(" ".join(fold(t).split()) for t in cue_terms("strong_category_words"))


@cache
def _strong_written() -> frozenset[str]:
    return frozenset(" ".join(t.casefold().split()) for t in cue_terms("strong_category_words"))


def _is_strong(ctx: Context, match: Match[Payload]) -> bool:
    if any(kind == "term" for _, kind in match.payloads):
        if any(char in match.term for char in " -'/:"):
            return True  # several words, or dump notation ("email:pass")
        if match.term in _strong_words() or match.term.rstrip("s") in _strong_words():
            return True
        # "passports" may have matched as the term "passport" plus a plural: the word as written counts too,
        # accents and all ("diplômés", graduates, is not "diplômes")
        return ctx.text[match.start:match.end].casefold() in _strong_written()
    return False


def _linked(ctx: Context, left: Match[Payload], right: Match[Payload]) -> bool:
    gap = ctx.folded[left.end:right.start]
    if not gap.strip(" "):
        return False  # "Medical Diagnostic Laboratories", "email service": words of a name, not a list
    return len(gap) <= 40 and bool(_GAP.match(gap) or _UNKNOWN_ITEM.match(gap))


def _after_count(ctx: Context, match: Match[Payload]) -> bool:
    """Whether ``match`` follows a count of records with nothing but a separator: "30 000 clients, email"."""
    for noun in ctx.cues("record_nouns"):
        if noun.end <= match.start and _COUNT_GAP.match(ctx.folded, noun.end, match.start) and \
                _COUNT_BEFORE.search(ctx.folded, max(0, noun.start - 4), noun.start):
            return True
    return False


def extract_categories(ctx: Context) -> tuple[list[str], list[Evidence]]:
    matches = [m for m in _matcher().find(ctx.folded, longest=True) if not _a_size(ctx, m)]
    matches += _elliptical(ctx, matches)
    matches.sort(key=lambda m: m.start)
    if not matches:
        return [], []
    # enumerations: runs of matches separated only by separators and filler words
    groups: list[list[Match[Payload]]] = [[matches[0]]]
    for match in matches[1:]:
        if _linked(ctx, groups[-1][-1], match):
            groups[-1].append(match)
        else:
            groups.append([match])
    intro_ends = [m.end for m in ctx.cues("data_intro")]
    negations = ctx.cues("negation")
    found: dict[str, Evidence] = {}
    for group in groups:
        first = group[0]
        in_list = len(group) >= 2
        introduced = any(first.start - 40 <= end <= first.start for end in intro_ends) or _after_count(ctx, first)
        if _negated(ctx, group, negations):
            continue
        for match in group:
            if match.payloads[0][1] == "ignore" or ctx.is_speculative(match.start):
                continue
            strong = _is_strong(ctx, match)
            column_only = all(kind == "column" for _, kind in match.payloads)
            if not (strong or in_list or (introduced and not column_only)):
                continue
            for key in _keys(ctx, match):
                if key not in found:
                    found[key] = ctx.evidence("data_categories", match.start, match.end, rule=f"category:{key}")
    keys = sorted(found)
    return keys, [found[k] for k in keys]


def _a_size(ctx: Context, match: Match[Payload]) -> bool:
    """Whether ``match`` is the noun of a bracketed count: "(350 salariés)", "(2,000 employees)"."""
    return bool(_SIZE_BEFORE.search(ctx.folded[max(0, match.start - 25):match.start])
                and _SIZE_AFTER.match(ctx.folded[match.end:match.end + 5]))


def _keys(ctx: Context, match: Match[Payload]) -> list[str]:
    keys: list[str] = []
    for key, _kind in match.payloads:
        if key not in keys:
            keys.append(key)
    if "payment_card" in keys and ctx.cue_near("partial_card", match.start, match.end, before=60, after=15):
        keys = ["financial" if k == "payment_card" else k for k in keys]
    return keys


def _negated(ctx: Context, group: list[Match[Payload]], negations: list[Match[str]]) -> bool:
    first, last = group[0], group[-1]
    s_start, _ = ctx.sentence_span(first.start)
    window = max(s_start, first.start - 35)
    for neg in negations:
        if window <= neg.start and neg.end <= first.start:
            between = ctx.folded[neg.end:first.start]
            if len(between.split()) <= 4 and not re.search(r"[.;:!?]", between):
                return True
    return bool(_NEGATION_AFTER.match(ctx.folded[last.end:last.end + 60]))


def _elliptical(ctx: Context, matches: list[Match[Payload]]) -> list[Match[Payload]]:
    """"email, IP and physical addresses": the modifiers before the noun name categories of their own."""
    extra: list[Match[Payload]] = []
    terms = _term_keys()
    taken = {(m.start, m.end) for m in matches}
    for end_found in _ELLIPSIS_END.finditer(ctx.folded):  # the list is read back from its noun only
        window_start = max(0, end_found.start() - 200)
        found = _ELLIPSIS.search(ctx.folded, window_start, end_found.end())
        if found is None:
            continue
        noun = found.group(2)
        position = found.start(1)
        for word in re.finditer(r"[\w-]+", found.group(1)):
            start, end = position + word.start(), position + word.end()
            keys = terms.get(f"{word.group(0)} {noun}")
            if keys and (start, end) not in taken and not any(m.start <= start < m.end for m in matches):
                extra.append(Match(start, end, word.group(0), tuple((k, "term") for k in keys)))
    return extra
