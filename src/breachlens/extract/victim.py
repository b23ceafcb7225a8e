"""The victim: the organisation whose data the text says was taken, with its aliases, domain, country, sector.

Candidates are organisations of the gazetteer (knowledge/organisations.yaml) and proper-noun phrases. Context
decides between them: "stolen from X", "database of X", "X suffered a data breach", "560 million X customers",
"the stock photo site X" make a victim; "according to X", "researcher X", "X's parent company", "like X", a
known actor, venue, country or news outlet do not. A name in brackets after the victim is an alias
("France Travail (formerly Pôle emploi)", "Medical Diagnostic Laboratories (MDLab)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.geo import (
    CountryMention,
    country_mentions,
    country_of_domain,
    domains,
    is_place_name,
    registrable,
)
from breachlens.extract.lexicon import Matcher, cue_terms, folded_terms
from breachlens.extract.text import fold
from breachlens.model import Evidence

__all__ = ["VictimFinding", "extract_victim"]

_LOWER_JOIN = r"(?:de|of|du|des|de la|del|de los|for|für|di|do|da|the|&|van|von|der)"
_CAP = r"(?:[A-Z0-9ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÑÁÍÓÚ](?:[\w&'’\-+#]|\.(?=\w))*)"
_DOMAINISH = r"(?:[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,})"
_PHRASE = re.compile(
    r"(?<![\w@.#-])(?:" + _CAP + r"(?:(?:[ ]" + _LOWER_JOIN + r")?[ ]" + _CAP + r"|[ ][dl]['’]" + _CAP + r"){0,5}|"
    + _DOMAINISH + r")"
    r"(?![\w@-])"
)
_FR_HEAD = re.compile(
    r"(?<![\w-])(?:[Cc]entre|[Cc]aisse|[Hh]ôpital|[Hh]opital|[Uu]niversité|[Mm]inistère|[Mm]airie|[Cc]onseil|"
    r"[Aa]gence|[Ii]nstitut|[Dd]irection|[Aa]ssurance|[Bb]anque|[Éé]cole|[Ll]ycée|[Cc]ollège|[Cc]hambre|"
    r"[Cc]ommunauté|[Ff]édération|[Cc]ompagnie|[Rr]égie|[Cc]linique|[Gg]roupe)"
    r"(?:[ ](?!(?:known|as|called|named|of|the|for|and|in|on|at|to|by|with)\b)(?:[a-zàâçéèêëîïôöùûü'’\-]+)){1,3}"
    r"(?:[ ](?:" + _CAP + r")(?:(?:[ ]" + _LOWER_JOIN + r")?[ -]" + _CAP + r"){0,3})"
)
_CIVIC = re.compile(  # "the city of Rennes", "County of Fairfax", "Ayuntamiento de Sevilla"
    r"(?<![\w-])(?:[Cc]ity|[Tt]own|[Cc]ounty|[Bb]orough|[Mm]unicipality|[Cc]ommune|[Vv]ille|[Mm]étropole|"
    r"[Aa]yuntamiento|[Cc]omune|[Gg]emeinde|[Ss]tadt)[ ](?:of|de|du|d'|di|del)[ ]?(?:" + _CAP + r")"
    r"(?:[ -]" + _CAP + r"){0,2}"
)
_PAREN = re.compile(r"^\s*[(\[]\s*(?:(?:formerly|previously|formerly known as|also known as|aka|a\.k\.a\.|anciennement|"
                    r"ex-?|antes|ehemals|now|désormais)\s+)?(?P<alias>[^()\[\]\n]{2,60}?)\s*[)\]]")
_FORMERLY = re.compile(r"^\s*,?\s*(?:formerly|previously|formerly known as|anciennement|ex-|also known as)\s+"
                       r"(?P<alias>[A-Z][\w'’.\- ]{1,40}?)(?=[,.;)]|\s(?:is|was|has|a|an|the|est|a)\b)")


_POSSESSIVE = re.compile(r"'s$")
_SENTENCE_STOP = re.compile(r"[.;!?\n]")
_HEAD_STOP = re.compile(r"[.;!?\n(,:]")
_ADJECTIVE_USE = re.compile(r"[ \t]+(?:leaks?|download|dumps?|db|database|data|access|combos?|combolist|sample|"
                           r"logs|fullz|giveaway)\b", re.IGNORECASE)
_PROVIDER_OF = re.compile(r"[ ](?:customers?|clients?|tenant|subsidiary|affiliate)[ ]+['\"‘“«]?[A-Z0-9]")
_COUNT_OF = re.compile(r"\d[\d\s.,]*\s?[kKmM]?\s+\w")  # "(350 salariés)", "(2M users)": a count, not an alias
_QUOTE_CHARS = "'\"‘’“”«»"
_QUOTES = re.compile(r"[ ]?['\"‘’“”«»]")
_BRACKETED = re.compile(r"[ \t]*[(\[][^()\[\]\n]{1,40}[)\]]")
_AFTER_A_NAME = re.compile(r"\w[ \t]*[(\[][ \t]*$")


@dataclass
class VictimFinding:
    name: str
    start: int
    end: int
    score: float
    aliases: list[str] = field(default_factory=list)
    domain: str | None = None
    country: str | None = None
    sector: str | None = None
    known: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)


@cache
def _org_matcher() -> Matcher[int]:
    orgs = knowledge.load("organisations").organisations
    entries: list[tuple[str, int]] = []
    for index, org in enumerate(orgs):
        entries.append((org.name, index))
        entries.extend((alias, index) for alias in org.aliases)
        if org.domain:
            entries.append((org.domain, index))
    return Matcher(entries)


@cache
def _stop_names() -> frozenset[str]:
    words = {fold(t) for t in cue_terms("not_victim")}
    for cue_name in ("sale", "leak", "access"):  # "Selling Acme", "Leak of Globex": the claim's verb, not a name
        words.update(fold(t) for t in cue_terms(cue_name) if " " not in t)
    for name in ("actors", "venues"):
        data = knowledge.load(name)
        for entry in getattr(data, name):
            words.add(fold(entry.name))
            words.update(fold(a) for a in entry.aliases)
    words.update(_place_names())
    for country in knowledge.load("countries").countries.values():
        words.update(fold(w) for words_ in country.demonyms.values() for w in words_)
    lexicon = knowledge.load("lexicon").cues
    for name, terms in lexicon.items():
        if name.startswith("currency:"):  # "Starting at 2500 USD": a currency code is no name either
            words.update(fold(w) for words_ in terms.values() for w in words_ if w.isalpha() and len(w) <= 4)
    for spellings in lexicon["months"].values():  # "Oktober 2024" is a date, not a name
        words.update(fold(s.strip()) for entry in spellings for s in str(entry).split("|") if "*" not in s)
    return frozenset(words)


@cache
def _place_names() -> frozenset[str]:
    """Country names and the places of the lexicon: they open many organisations' names ("Paris Habitat",
    "Bretagne Fibre", "Singapore Airlines"), where they are kept."""
    words: set[str] = set()
    for country in knowledge.load("countries").countries.values():
        words.update(fold(w) for words_ in country.names.values() for w in words_)
    for name, terms in knowledge.load("lexicon").cues.items():
        if name.startswith("place:"):
            words.update(fold(w) for words_ in terms.values() for w in words_)
    return frozenset(words)


_LABEL_VALUE = re.compile(r"\s*[:：]\s*[\d~≈$€£¥]")


@cache
def _org_suffixes() -> frozenset[str]:
    return frozenset(fold(t).rstrip(".") for t in cue_terms("org_suffix"))


_POSSESSIVE_END = re.compile(r"[’']s$")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_INNER_CAPITAL = re.compile(r".[A-Z0-9.&-]")


def _clean(name: str) -> str:
    name = name.strip(" .,:;'’\"-")
    name = _POSSESSIVE_END.sub("", name)
    return name.strip()


def _tail_cue(ctx: Context, start: int, names: tuple[str, ...], width: int = 45) -> float:
    """Weight of a cue that ends right before ``start`` (articles and descriptors may stand between)."""
    best = 0.0
    for name in names:
        for match in ctx.cues(name):
            if match.end > start or start - match.end > width:
                continue
            between = ctx.folded[match.end:start]
            if _SENTENCE_STOP.search(between):
                continue
            words = between.split()
            if name == "victim_intro" and len(words) <= 5:
                best = max(best, 3.0 - 0.2 * len(words))
            elif name == "victim_intro_weak" and len(words) <= 2:
                best = max(best, 2.0)
            elif name == "descriptor" and len(words) <= 2:
                best = max(best, 2.5)
            elif name == "descriptor" and len(words) <= 5 and "," not in between.rstrip(", ") and \
                    ctx.text[match.end:start].islower():  # "la société lyonnaise de e-commerce X"
                best = max(best, 2.0)
    return best


_DESCRIPTOR_AFTER = re.compile(r"^\s(?:website|web site|site|app|application|forum|platform|service|store|shop|"
                               r"marketplace|game|network|community|portal|database|plateforme|application)\b")


_RELATED_APPOSITION = re.compile(r"(?:\w+\s+)?(?:parent|owner|holding|maison mere|societe mere|empresa matriz|"
                                 r"mutterkonzern|operator|operateur)\b")
_FIELD_BEFORE = re.compile(r"(?:^|\|)[ \t]*$")
_FIELD_AFTER = re.compile(r"[ \t]*\|")
# one lower-case word between a name and what it is ("the Lumora smart-home app"); not a preposition
_IDENTIFIER_AFTER = re.compile(r"\s+(?:numbers?|nos?\.?|cards?|card details|ids?|details|ids?\s+numbers?|"
                               r"numeros?|cartes?)\b")
_MODIFIER = re.compile(r"\s(?!(?:via|from|with|for|and|the|on|in|at|by|to|sur|par|pour|avec|dans|des|les|por|con|"
                       r"para|mit|von|und)\s)[a-z][a-z\-]{2,20}(?=\s)")
_APPOSITION = re.compile(r"^\.?\s?,\s+(?:a|an|the|one of the|un|une|le|la|l'|el|la|die|der|das|ein|eine)\s+")
_TITLE_SEPARATOR = re.compile(r"^\s*(?:\([^()\n]{2,40}\)\s*)?[:|\-–—]\s*(?:~|about|over|\+)?\s*\d")


def _head_cue(ctx: Context, end: int) -> float:
    if _PROVIDER_OF.match(ctx.text, end):
        return -2.0  # "stolen from Snowflake customer Advance Auto Parts": the provider, not the victim
    if _DESCRIPTOR_AFTER.match(ctx.folded[end:end + 20]):
        return 2.0
    modifier = _MODIFIER.match(ctx.text[end:end + 24])
    if modifier and _DESCRIPTOR_AFTER.match(ctx.folded[end + modifier.end():end + modifier.end() + 20]):
        return 2.0  # "the Lumora smart-home app"
    apposition = _APPOSITION.match(ctx.folded[end:end + 16])
    if apposition:  # "Ardent Freight, a logistics company with...", "X, un opérateur..."
        low = end + apposition.end()
        tail = ctx.folded[low:low + 45]
        stop = _HEAD_STOP.search(tail)
        high = low + (stop.start() if stop else len(tail))
        if _RELATED_APPOSITION.match(tail):
            return -2.0  # "Westmere Health, the parent company of Lakeside Clinic": related, not the victim
        if any(low <= m.start < high and len(ctx.folded[low:m.start].split()) <= 5 for m in ctx.cues("descriptor")):
            return 2.0
    title = _TITLE_SEPARATOR.match(ctx.folded[end:end + 50])
    if title:  # a post title: "Acme Corp - 22M lines", "Assurances X : 95k fiches"
        number_end = end + title.end()
        if any(0 <= m.start - number_end <= 16 for m in ctx.cues("record_nouns")):
            return 2.5
    bracket = _BRACKETED.match(ctx.folded[end:end + 50])
    if bracket:  # "Northwind Traders (NWT) database", "Orvane Pharmacy (Poland) customers": the cue follows
        end += bracket.end()  # the name's alias or place
    for match in ctx.cues("record_nouns"):  # "LinkedIn profiles", "Decathlon Spain employees' data"
        if end <= match.start <= end + 24:
            between = ctx.folded[end:match.start]
            if not _HEAD_STOP.search(between) and len(between.split()) <= 1:
                return 2.0
            break
    for match in ctx.cues("victim_after"):
        if match.start < end:
            continue
        between = ctx.folded[end:match.start]
        if len(between) > 25 or _HEAD_STOP.search(between):
            break
        words = between.split()
        if len(words) <= 1 and not (words and words[0] in {"of", "de", "du", "des", "d'", "for", "pour"}):
            return 2.5
    return 0.0


_BREACH_VERB = re.compile(r"\b(?:suffered|was breached|has been breached|was hacked|has been hacked|hit by|"
                          r"breached|compromised|attacked|targeted|data breach|breach|victim|a subi|victime|"
                          r"cyberattack|cyber-attack|attack|ransomware|intrusion|incident|stolen|leaked|exposed|"
                          r"pirate|piratee|touche|touchee|sufrio|hackeado|gehackt|cyberattaque|attaque|piratage|"
                          r"fuite de donnees|fuite|ciberataque|ataque|cyberangriff|angriff|unauthori[sz]ed access|"
                          r"acces non autorise|intrusion|suspicious activity|unauthori[sz]ed activity)\b")


# what may open a sentence before its subject: a time ("In March 2024, ...", "On or about September 29, 2023, ...",
# "Mardi, ...", "Après plusieurs jours de silence, ..."), a source ("Selon nos informations, ...", "According to a
# filing with ...,"), a headline's topic ("Cyberattaque : ..."), an article
_LEAD = re.compile(r"^(?:(?:(?:in|en|on|le|el|am|im|at|au|dans|selon|d'apres|according to|segun|laut)\b[^.;]{0,60}|"
                   r"[^,.;:]{0,40}),\s*|[^,.;:\s]+\s+:\s*)?(?:the\s+|le\s+|la\s+|l')?$")


def _subject_of_breach(ctx: Context, start: int, end: int) -> float:
    """"Brown-Forman, the US wine and spirits giant, is the newest brand to be hit by a data breach"."""
    s_start, s_end = ctx.sentence_span(start)
    if not _LEAD.match(ctx.folded[s_start:start]):
        return 0.0
    rest = ctx.folded[end:min(s_end, end + 140)]
    return 2.0 if _BREACH_VERB.search(rest) else 0.0


def _cue_regex(name: str, tail: str, head: str = "") -> re.Pattern[str]:
    """A pattern over folded text from the terms of lexicon cue ``name``, longest terms first."""
    terms = sorted({fold(t) for t in cue_terms(name)}, key=len, reverse=True)
    return re.compile(head + "(?:" + "|".join(re.escape(t) for t in terms) + ")" + tail)


@cache
def _context_patterns() -> dict[str, re.Pattern[str]]:
    """Words around a name that make it a reporter, a related organisation, a product or a seized site."""
    before = r"\W+(?:\w+\W+){0,%d}$"
    return {
        "reporter_before": _cue_regex("reporter", r"[^\w,;]+(?:\w+[^\w,;]+){0,2}$", r"(?<!\w)"),
        "earlier_before": _cue_regex("earlier_victim", before % 3, r"(?<!\w)"),
        "reporter_after": _cue_regex("reporter_after", r"\b", r"^\W*(?:\([^)]{1,24}\)\s*)?(?:,\s*)?"),
        "related_before": _cue_regex("distractor_org", r"\W+(?:its\W+)?$", r"(?<!\w)"),
        "product_before": _cue_regex("product_of", before % 1, r"(?<!\w)"),
        "seized_before": _cue_regex("seized", before % 1, r"(?<!\w)"),
        # "the company's SAP environment": a system the victim runs, not the victim
        "system_before": re.compile(r"\b(?:company|firm|organi[sz]ation|victim|bank|hospital|its|their|our)['’]s?\s+$"),
        # "breached in January 2025 by ShadowKraken", "piratée par X": the name after a breach verb's "by"
        # is who did it, not the victim
        "agent_before": _cue_regex("breach_event", r"\b[^.;!?\n]{0,30}\b(?:by|par|por)\s+(?:the\s+|le\s+|el\s+)?$",
                                   r"(?<!\w)"),
        # "an initial access broker known as "Sable"", "un pirate surnommé X": a person's or a group's handle
        "handle_before": re.compile(r"\b(?:broker|actor|hacker|seller|vendor|user|member|individual|group|gang|"
                                    r"crew|collective|operator|affiliate|pirate|acteur|vendeur|groupe|collectif|"
                                    r"utilisateur|individu|vendedor|grupo|usuario)s?\s+(?:known as|called|dubbed|"
                                    r"named|going by|who goes by|aka|alias|connu sous le nom de|se faisant appeler|"
                                    r"surnomme|baptise|nomme|conocido como|llamado)\s*[\"'«“‘]?\s*$"),
    }


# penalty of each context pattern: a reporter is the strongest sign that a name is not the victim
_PENALTIES = {"reporter_before": 3.0, "reporter_after": 2.5, "earlier_before": 3.0, "related_before": 2.0,
              "product_before": 2.0, "seized_before": 2.0, "agent_before": 3.0, "handle_before": 4.0,
              "system_before": 3.0}


# what may follow the name that heads a leak-site entry: "(filiale du Groupe X) — France — Manufacturing"
_HEADING_REST = re.compile(r"\.?[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*(?:[—–|\-][ \t]*[^\n.;!?]{1,60}?)?[ \t.]*$")


_DOMAIN_LINE = re.compile(r"[ \t]*(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,}/?[ \t]*"
                          r"(?:\n|$)")


def _heads_a_line(ctx: Context, start: int, end: int) -> float:
    """A name that heads one of the first lines of a leak-site entry: followed on its line by a bracket or a
    dash and a few words ("Helmond Precision Tooling B.V. — Netherlands"), or alone on it above a line that
    says where it is or gives its website ("CLINIQUE DU PARC\nMontpellier, France. ...", "ACME GMBH\nacme.de")."""
    line_start = ctx.text.rfind("\n", 0, start) + 1
    if ctx.text.count("\n", 0, line_start) > 4 or re.search(r"\w", ctx.text[line_start:start]):
        return 0.0  # one of the first lines, opened by the name (a bullet, a flag or an emoji may stand before)
    line_end = ctx.text.find("\n", end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    rest = ctx.text[end:line_end]
    if not _HEADING_REST.fullmatch(rest):
        return 0.0
    if re.fullmatch(r"[\W_]*(?:leaks?|leak site|blog|news|publications|fuites|(?:new )?drop|new leak|update)[\W_]*",
                    rest, re.I):
        return 0.0  # "OBSIDIAN CLAW — LEAKS": the leak site's own banner, not its victim
    if rest.strip(" \t."):
        return 2.5
    following = ctx.text[line_end + 1:line_end + 60]
    if line_end >= len(ctx.text):
        return 0.0
    if is_place_name(re.split(r"[,.;:\n]", following, maxsplit=1)[0].strip()) or _DOMAIN_LINE.match(following):
        return 2.0  # the entry's next line says where it is, or gives its website
    return 0.0


# "X said on 30 October that it had found ...", "X reported that its systems ...": X speaks of itself
_SELF_REPORT = re.compile(r"\W*(?:said|says|reported|reports|told|confirmed|announced|a indique|indique|a annonce)"
                          r"\s+(?:on\s+[^,.;]{1,25}\s+|le\s+[^,.;]{1,25}\s+)?(?:that|qu)\W*"
                          r"(?:it|its|they|their|the company|elle|il|ses|son|sa)\b")


def _penalty(ctx: Context, start: int, end: int) -> float:
    windows = {"before": ctx.folded[max(0, start - 45):start], "after": ctx.folded[end:end + 40]}
    self_report = bool(_SELF_REPORT.match(ctx.folded, end))
    return sum(_PENALTIES[name] for name, pattern in _context_patterns().items()
               if pattern.search(windows[name.rsplit("_", 1)[1]]) and not (self_report and name == "reporter_after"))


def _candidates(ctx: Context) -> list[tuple[str, int, int, int | None]]:
    """(name, start, end, gazetteer index) for every proper-noun phrase and known organisation."""
    found: list[tuple[str, int, int, int | None]] = []
    for match in _org_matcher().find(ctx.folded, longest=True):
        surface = ctx.text[match.start:match.end]
        if surface[:1].islower() and "." not in surface:
            continue  # "free download" is not Free
        if " " not in surface and fold(surface) in folded_terms("not_victim_alone") and \
                _ADJECTIVE_USE.match(ctx.text, match.end) and \
                not re.search(r"\w", ctx.text[ctx.sentence_span(match.start)[0]:match.start]):
            continue  # "Free leak: ...", "Free DB of ..." is not Free either
        if " " not in surface and fold(surface) in folded_terms("not_victim_alone") and \
                re.search(r"\b(?:for|pour|por|fur|totally|100%)\s*$", ctx.folded[max(0, match.start - 10):match.start]):
            continue  # "we publish it for FREE"
        if _IDENTIFIER_AFTER.match(ctx.folded, match.end):
            continue  # "the Aadhaar numbers, PAN card details": an identifier the organisation issues, not it
        found.append((surface, match.start, match.end, match.payloads[0]))
    used = bytearray(len(ctx.text) + 1)  # characters already inside a candidate
    for _, s, e, _ in found:
        used[s:e] = b"\x01" * (e - s)
    intro_ends = sorted(m.end for m in ctx.cues("victim_intro"))
    for pattern in (_CIVIC, _FR_HEAD, _PHRASE):
        for phrase in pattern.finditer(ctx.text):
            start, end = phrase.start(), phrase.end()
            if used[start] or any(used[start:end]):
                continue
            text = phrase.group(0)
            inside = [e for e in intro_ends if start < e < end - 1]
            if inside:  # German capitalises nouns: "Verkaufe Datenbank der Stadtwerke Kiel" starts after the cue
                cut = inside[-1]
                text = ctx.text[cut:end].lstrip()
            name = _clean(text)
            if not name:
                continue
            start = ctx.text.find(name, start)
            found.append((name, start, start + len(name), None))
            used[start:start + len(name)] = b"\x01" * len(name)
    return found


_DOMAIN_LIKE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_LEADING_COUNT = re.compile(r"\d[\d.,]*\s?(?:kk|KK|[kKmMbB]|mn|bn|million|millions|lakh|crore)?")
@cache
def _headline_words() -> frozenset[str]:
    """Words that end a name in a title-case headline: "Acme Data Leaked", "Globex Database For Sale"."""
    words = {fold(t) for t in cue_terms("victim_after") if " " not in t}
    words |= {fold(t) for t in cue_terms("headline_words")}
    return frozenset(words)


_JOINS = frozenset({"de", "of", "du", "des", "for", "fur", "di", "do", "da", "the", "&", "van", "von", "der", "del"})
_CONNECTORS = frozenset({"of", "from", "at", "de", "du", "des", "chez", "von", "der", "del", "da", "di", "the",
                         "la", "le", "les", "el", "los", "die", "das"})


_INTRODUCED = re.compile(r"(?:known as|called|named|dubbed|connue? sous le nom de)\W*$")
# a size, a count or an ordinal ("3rd", "2e"): not a name
_SIZE_OR_NUMBER = re.compile(r"\d[\d.,/\- ]*\s?(?:[kmgtp]b|go|to|mo|kk|k|m|bn|%|st|nd|rd|th|er|eme|e)?")
_ELIDED = re.compile(r"[dlDL]['’]\w")
_BASED = re.compile(r"[\w.]+-(?:based|headquartered)$")
_TRAILING = frozenset({"de", "of", "du", "des", "the", "and", "et", "&", "la", "le", "y"})


def _trim(ctx: Context, name: str, start: int) -> tuple[str, int] | None:
    """Drop leading stop words ("The", "Selon", "Dark Web News Analysis:") from a phrase.

    ``name`` is ``ctx.text[start:start + len(name)]``; folding keeps lengths, so the folded words are slices of
    ``ctx.folded`` and nothing is folded again.
    """
    stop = _stop_names()
    words = name.split(" ")
    folded_words = ctx.folded[start:start + len(name)].split(" ")
    offset = start

    def drop(count: int, extra: int = 0) -> None:
        nonlocal words, folded_words, offset
        offset += sum(len(w) + 1 for w in words[:count]) + extra
        words, folded_words = words[count:], folded_words[count:]

    def is_stop(folded_word: str) -> bool:
        return folded_word in stop or _POSSESSIVE.sub("", folded_word) in stop

    while words and _BASED.match(folded_words[0]):  # "Japan-based electronics maker X": where, not who
        if len(words) == 1:
            return None
        drop(1)
    if len(words) > 2 and _SIZE_OR_NUMBER.fullmatch(folded_words[0]) and folded_words[1] in _CONNECTORS and \
            words[2][:1].isupper():
        drop(2)  # "3TB of Acme data", "40 Go de Mutuelle X"
    if len(words) > 1 and _LEADING_COUNT.fullmatch(words[0]) and words[1][:1].isupper():
        drop(1)  # "2M Turkish citizens": a count, then the people
        if len(words) == 1 and folded_words[0] in stop:
            return None
    while True:
        if len(words) > 1 and is_stop(folded_words[0]) and (words[1][:1].isupper() or words[1][:1].isdigit()):
            if folded_words[0] in _place_names() and words[0][:1].isupper() and not is_stop(folded_words[1]):
                break  # "Paris Habitat", "Bretagne Fibre": a place that opens the name is part of it
            drop(1)
        elif len(words) > 2 and folded_words[0] in stop and folded_words[1] in _CONNECTORS and \
                (words[2][:1].isupper() or words[2][:1].isdigit()) and folded_words[0] not in _org_suffixes():
            drop(2)  # "Leak of Globex Corp", "Fuite de Acme", "Datensätze der Versicherung X" (not "Ministry of X")
        else:
            break
    if len(words) > 1 and folded_words[0] in stop and _ELIDED.match(words[1]):
        drop(1, 2)
        words[0], folded_words[0] = words[0][2:], folded_words[0][2:]
    if len(words) == 1 and is_stop(folded_words[0]):
        return None
    introduced = _INTRODUCED.search(ctx.folded[max(0, offset - 24):offset])
    if not introduced and _SIZE_OR_NUMBER.fullmatch(" ".join(folded_words)):
        return None  # "87GB", "2.3": sizes and numbers are not names
    if not introduced and all(w in stop or _SIZE_OR_NUMBER.fullmatch(w) for w in folded_words):
        return None  # "August 2024", "14 Oktober 2024"
    possessive = next((i for i, word in enumerate(folded_words[:-1]) if _POSSESSIVE_END.search(word)), None)
    if possessive is not None and folded_words[possessive + 1].rstrip(".") not in _org_suffixes():
        # "Halcyon Realty's CRM": the owner, not its system
        words, folded_words = words[:possessive + 1], folded_words[:possessive + 1]
        words[-1] = _POSSESSIVE_END.sub("", words[-1])
        folded_words[-1] = _POSSESSIVE_END.sub("", folded_words[-1])
    joined_number = next((i for i, word in enumerate(words[:-1]) if i and folded_words[i] in _JOINS
                          and words[i + 1][:1].isdigit()), None)
    if joined_number is not None:  # "Sparkasse Obertal für 3.000 Dollar": the name ends before the amount
        words, folded_words = words[:joined_number], folded_words[:joined_number]
    headline = _headline_words()
    cut = next((i for i, word in enumerate(folded_words) if i and word in headline), None)
    if cut is not None:
        words, folded_words = words[:cut], folded_words[:cut]  # "Tikla.com.tr Data Allegedly Up for Sale"
    while words and folded_words[-1] in _TRAILING:
        words, folded_words = words[:-1], folded_words[:-1]
    if not words:
        return None
    name = " ".join(words)
    if " ".join(folded_words) in stop or (len(name) < 2 and not introduced):
        return None
    if len(words) == 1 and folded_words[0] in folded_terms("not_victim_alone"):
        return None
    return name, offset


def extract_victim(ctx: Context, exclude: set[str] | None = None) -> tuple[VictimFinding | None, list[Evidence]]:
    excluded = {fold(x) for x in (exclude or set())}
    excluded_keys = {_NOT_KEY.sub("", x) for x in excluded if len(x) >= 4}
    orgs = knowledge.load("organisations").organisations
    by_key: dict[str, VictimFinding] = {}
    first_block = min(len(ctx.text), max(200, ctx.text.find("\n", 80) if ctx.text.find("\n", 80) > 0 else 200))
    for raw_name, raw_start, _raw_end, index in _candidates(ctx):
        trimmed = _trim(ctx, raw_name, raw_start) if index is None else (raw_name, raw_start)
        if trimmed is None:
            continue
        name, start = trimmed
        end = start + len(name)
        if index is None and _IDENTIFIER_AFTER.match(ctx.folded, end):
            continue  # "the Aadhaar numbers": an identifier, not who holds the data
        if fold(name) in folded_terms("field_label") and _LABEL_VALUE.match(ctx.text, end):
            continue  # "Total : 23 456 étudiants", "Hosts: 1,800": a field of the post, not a name
        key = fold(orgs[index].name) if index is not None else _NOT_KEY.sub("", fold(name))
        if not key or key in excluded or any(key in x or x in key for x in excluded_keys):
            continue
        if ctx.is_speculative(start) and ctx.commentary_start <= start:
            continue
        quoted = _QUOTES.match(ctx.text, end) if start and ctx.text[start - 1] in _QUOTE_CHARS else None
        after = quoted.end() if quoted else end  # "'KidsLearn Academy' (kidslearn.co.uk) — 120k accounts"
        before = start - 1 if quoted else start
        score = max(_tail_cue(ctx, before, ("victim_intro", "descriptor", "victim_intro_weak")), 0.0) + \
            _head_cue(ctx, after)
        if " " in name or _INNER_CAPITAL.search(name) or ctx.text.count(name) > 1 or index is not None:
            score += _subject_of_breach(ctx, start, end)  # a lone capitalised word may just start the sentence
        score -= _penalty(ctx, start, end)
        if index is not None:
            score += 1.0
        elif _org_shaped(name):
            score += 1.0  # "Tamsin Engineering Ltd", "Assurances Pelletier": the name of an organisation
        if _FIELD_BEFORE.search(ctx.text[max(0, start - 4):start]) and _FIELD_AFTER.match(ctx.text[end:end + 4]):
            score += 1.0  # a field of a title line: "Akira | Holloway & Finch LLP | Published: ..."
        if index is None:
            score += _heads_a_line(ctx, start, after)
        if index is None and _own_domain(ctx, name, after):
            score += 1.0  # "Ostara Telecom (ostaratel.de)"
        if start < first_block:
            score += 0.75
        if index is None and _AFTER_A_NAME.search(ctx.text[max(0, start - 6):start]):
            score -= 1.0  # "Northwind Traders (NWT)": a bracket after a name holds its alias, not the victim
        finding = by_key.get(key)
        if finding is None:
            org = orgs[index] if index is not None else None
            finding = VictimFinding(
                name=org.name if org else name, start=start, end=end, score=0.0, known=org is not None,
                aliases=list(org.aliases) if org else [], domain=org.domain if org else None,
                country=org.country if org else None, sector=org.sector if org else None)
            by_key[key] = finding
        finding.mentions.append((start, end))
        # the best-scored mention carries the evidence
        if score > finding.score or len(finding.mentions) == 1:
            finding.start, finding.end = start, end
        finding.score = max(finding.score, score) + (0.4 if len(finding.mentions) > 1 else 0.0)
    _merge_variants(by_key)
    _back_references(ctx, by_key)
    ranked = sorted(by_key.values(), key=lambda f: (-f.score, f.mentions[0][0]))
    if not ranked or ranked[0].score < 2.4:
        return None, []
    best = ranked[0]
    _aliases(ctx, best)
    _domain(ctx, best)
    evidence = [ctx.evidence("victim", best.start, best.end, rule="victim")]
    return best, evidence


_DEFINITE = re.compile(r"\s*(?:the|la|le|l'|el|die|der|das)\s*([a-z][a-z\-]{3,})\b")


def _back_references(ctx: Context, by_key: dict[str, VictimFinding]) -> None:
    """"Lakeside Family Clinic ... a breach at the clinic": the head noun of a name stands for it."""
    heads: dict[str, list[VictimFinding]] = {}
    for finding in by_key.values():
        words = fold(finding.name).split()
        if len(words) > 1:
            heads.setdefault(words[-1], []).append(finding)
    if not heads:
        return
    for match in ctx.cues("victim_intro"):
        ref = _DEFINITE.match(ctx.folded, match.end, match.end + 30)
        if ref and len(heads.get(ref.group(1), ())) == 1:
            finding = heads[ref.group(1)][0]
            if finding.mentions[0][0] < match.start:
                finding.score = max(finding.score, 2.4)


def _org_shaped(name: str) -> bool:
    """"Tamsin Engineering Ltd", "Assurances Pelletier": a name that an organisation word ends or opens."""
    words = fold(name).split()
    if len(words) < 2:
        return False
    suffixes = _org_suffixes()
    after = name.split()[2 if words[1] in _JOINS and len(words) > 2 else 1]  # "University of Eastmoor"
    return words[-1].rstrip(".") in suffixes or " ".join(words[-2:]) in suffixes or (
        words[0] in suffixes and after[:1].isupper())


def _own_domain(ctx: Context, name: str, end: int) -> bool:
    """The name is followed by its own domain in brackets."""
    match = _PAREN.match(ctx.text[end:end + 70])
    if not match or not re.fullmatch(_DOMAINISH, match.group("alias").lower()):
        return False
    parts = registrable(match.group("alias").lower())
    label = re.sub(r"[^a-z0-9]", "", parts[0]) if parts else ""
    key = re.sub(r"[^a-z0-9]", "", fold(name))
    return bool(label) and (label[:4] == key[:4] or label in key or key in label)


def _merge_variants(by_key: dict[str, VictimFinding]) -> None:
    """"MD Lab" and "MDLab", "Mediaworks" and "MediaWorks": one organisation."""
    keys = sorted(by_key, key=len, reverse=True)
    for key in keys:
        for other in keys:
            if other == key or other not in by_key or key not in by_key:
                continue
            word_prefix = re.sub(r"\s+", " ", fold(by_key[key].name)).startswith(fold(by_key[other].name) + " ")
            if len(other) >= 3 and (other == key or (key.startswith(other) and (len(other) >= 0.7 * len(key)
                                                                               or word_prefix))):
                keep, drop = by_key[key], by_key.pop(other)
                if word_prefix and len(drop.mentions) > len(keep.mentions) and not keep.known:
                    # "an Activision HR employee ... Activision advised": the name written most often
                    keep.name, keep.start, keep.end = drop.name, drop.start, drop.end
                elif _DOMAIN_LIKE.fullmatch(keep.name) and not _DOMAIN_LIKE.fullmatch(drop.name):
                    # "Northwind Outfitters (northwind-outfitters.ca)": the name, with the domain beside it
                    keep.domain = keep.domain or keep.name.lower()
                    keep.name, keep.start, keep.end = drop.name, drop.start, drop.end
                keep.score = max(keep.score, drop.score) + 0.4
                keep.mentions.extend(drop.mentions)


def _aliases(ctx: Context, finding: VictimFinding) -> None:
    seen = {fold(finding.name)} | {fold(a) for a in finding.aliases}
    for _start, end in finding.mentions:
        after = ctx.text[end:end + 90]
        for pattern in (_PAREN, _FORMERLY):
            match = pattern.match(after)
            if not match:
                continue
            alias = _clean(match.group("alias")).replace("\n", "")
            if not alias or fold(alias) in seen or len(alias) > 60 or is_place_name(alias) or \
                    _COUNT_OF.match(alias):
                continue  # "Curtis Bank (France)": where the victim is, not another of its names
            if re.fullmatch(_DOMAINISH, alias) and registrable(alias):
                finding.domain = finding.domain or alias.lower()
                continue
            if alias[:1].isupper() or alias[:1].isdigit():
                finding.aliases.append(alias)
                seen.add(fold(alias))


def _domain(ctx: Context, finding: VictimFinding) -> None:
    if finding.domain:
        return
    name_key = re.sub(r"[^a-z0-9]", "", fold(finding.name))
    for domain, start, _end in domains(ctx):
        parts = registrable(domain)
        if parts is None:
            continue
        label = re.sub(r"[^a-z0-9]", "", parts[0])
        near = any(abs(start - s) < 120 for s, _ in finding.mentions)
        if label and name_key and (label in name_key or name_key in label or (near and label[:4] == name_key[:4])):
            finding.domain = domain
            return


def _french_locality(civic_name: str) -> bool:
    """Whether the place of "ville de Lorient" or "city of Rennes" is a French locality (postal reference)."""
    from breachlens.samples.reference import is_french_locality

    return is_french_locality(re.split(r"\s(?:of|de|du|d'|di|del)\s?", civic_name, maxsplit=1)[-1])


@cache
def _id_countries() -> tuple[str, ...]:
    return tuple(name.split(":", 1)[1] for name in knowledge.load("lexicon").cues if name.startswith("id_country:"))


def victim_country(ctx: Context, finding: VictimFinding | None, exclude_spans: list[tuple[int, int]]
                   ) -> tuple[str | None, Evidence | None]:
    """The country of the victim (or of the people affected when no organisation is named)."""
    if finding is not None:  # "Decathlon Spain", "Orange España": the national branch named right after
        for mention in country_mentions(ctx):
            if mention.kind == "name" and any(0 <= mention.start - e <= 1 or s < mention.start < e
                                              for s, e in finding.mentions) and mention.code != finding.country:
                return mention.code, ctx.evidence("country", mention.start, mention.end, rule="country:branch")
    if finding is not None and finding.country:
        return finding.country, None
    if finding is not None and finding.domain:
        code = country_of_domain(finding.domain)
        if code:
            return code, None
    scores: dict[str, float] = {}
    where: dict[str, CountryMention] = {}
    people = ctx.cues("record_nouns")
    actors = [m for m in ctx.cues("actor_intro") if m.term in {"pirates", "hackers", "hacker", "groupe", "group",
                                                                  "gang", "pirate", "collectif", "collective"}]
    victim_sentences = {ctx.sentences.index(s) for s, _ in (finding.mentions if finding else [])}
    for mention in country_mentions(ctx):
        if any(s <= mention.start < e for s, e in exclude_spans):
            continue
        if finding and any(s <= mention.start < e for s, e in finding.mentions):
            if finding.start <= mention.start < finding.end:
                # "Vodafone Italia", "Orange España", "Paris Habitat": a place in the victim's name says where it is
                scores[mention.code] = scores.get(mention.code, 0.0) + 1.5
                where.setdefault(mention.code, mention)
            continue
        weight = 1.0 if mention.kind != "place" else 0.8
        if ctx.sentences.index(mention.start) in victim_sentences:
            weight += 1.0
        if any(abs(p.start - mention.end) <= 12 or abs(mention.start - p.end) <= 12 for p in people):
            weight += 1.0
        if any(abs(a.end - mention.start) <= 3 or abs(mention.end - a.start) <= 3 for a in actors):
            weight -= 1.5
        if ctx.folded[max(0, mention.start - 5):mention.start].endswith(("pro-", "anti-", "pro ", "anti ")):
            weight -= 1.5  # "pro-Russian hacktivists": whose side the attackers take, not where the victim is
        if finding and any(0 <= s - mention.end <= 30 and not _SENTENCE_STOP.search(ctx.folded[mention.end:s])
                           for s, _ in finding.mentions):
            weight += 1.0  # "the Estonian Ministry of ...", "French telecom provider Orvane": said of the victim
        scores[mention.code] = scores.get(mention.code, 0.0) + weight
        where.setdefault(mention.code, mention)
    if not scores and finding is not None and _CIVIC.fullmatch(finding.name) and _french_locality(finding.name):
        scores["FR"] = 1.0  # "ville de Lorient": a French commune the postal reference knows
    if not scores:  # no country named: identifiers only one country issues ("SSN", "codice fiscale")
        for code in _id_countries():
            for match in ctx.cues(f"id_country:{code}"):
                if match.term.isupper() and ctx.text[match.start:match.end] != ctx.text[match.start:match.end].upper():
                    continue  # "SIN", "NIE", "RFC" as acronyms only, not the words "sin" or "nie"
                scores[code] = scores.get(code, 0.0) + 1.0
                where.setdefault(code, CountryMention(code, match.start, match.end, "identifier"))
    for domain, _start, _end in domains(ctx):
        code = country_of_domain(domain)
        if code and finding is not None and finding.domain == domain:
            scores[code] = scores.get(code, 0.0) + 2.0
    if not scores:
        return None, None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    code, top = ranked[0]
    if top < 1.0 or (len(ranked) > 1 and ranked[1][1] >= top * 0.8 and finding is None):
        return None, None
    first = where.get(code)
    if first is None:
        return code, None
    return code, ctx.evidence("country", first.start, first.end, rule=f"country:{first.kind}")
