"""Countries and domains mentioned in a text.

Country names and demonyms in several languages and the country-code TLDs come from knowledge/countries.yaml;
regions and cities that place an organisation ("based in New Jersey") from the ``place:CC`` cues of
lexicon.yaml. Domains are validated against the public-suffix list that tldextract ships (never downloaded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.lexicon import Matcher

__all__ = ["CountryMention", "country_mentions", "domains", "country_of_domain", "is_place_name", "registrable"]


@dataclass(frozen=True, slots=True)
class CountryMention:
    code: str
    start: int
    end: int
    kind: str  # "name" | "demonym" | "place" | "flag" (an emoji flag)


@cache
def _country_matcher() -> Matcher[tuple[str, str, str]]:
    return Matcher(_entries())


@cache
def _place_names() -> frozenset[str]:
    from breachlens.extract.text import fold

    return frozenset(fold(written).strip() for _surface, (_code, kind, written) in _entries() if kind != "demonym")


def _entries() -> list[tuple[str, tuple[str, str, str]]]:
    entries: list[tuple[str, tuple[str, str, str]]] = []
    for code, country in knowledge.load("countries").countries.items():
        for words in country.names.values():
            entries.extend((w, (code, "name", w)) for w in words)
        for words in country.demonyms.values():
            entries.extend((w, (code, "demonym", w)) for w in words)
    for name, terms in knowledge.load("lexicon").cues.items():
        if name.startswith("place:"):
            code = name.split(":", 1)[1]
            entries.extend((w, (code, "place", w)) for words in terms.values() for w in words)
    return entries


def is_place_name(text: str) -> bool:
    """Whether ``text`` is the name of a country or of a place the lexicon knows ("France", "Paris"), which in
    "Curtis Bank (France)" says where the victim is, not another name of it."""
    from breachlens.extract.text import fold

    return fold(text).strip() in _place_names()


_PLACE_GOES_ON = re.compile(r"-(?:et|sur|sous|de|du|des|la|le|les|en|les|lez|aux|au|d')-?")
_FLAG = re.compile("[\U0001F1E6-\U0001F1FF]{2}")


def country_mentions(ctx: Context) -> list[CountryMention]:
    cached: Any = ctx._cue_cache.get("__countries__")
    if cached is not None:
        return list(cached)
    out: list[CountryMention] = []
    for match in _country_matcher().find(ctx.folded, longest=True):
        surface = ctx.text[match.start:match.end]
        if _PLACE_GOES_ON.match(ctx.folded, match.end) or ctx.text[max(0, match.start - 1):match.start] == "-":
            continue  # "Maine-et-Loire", "Saint-Jean-de-Maine" hold a place name but are another place
        chosen = None
        for code, kind, written in match.payloads:
            if written.isupper() and len(written) <= 5:
                if surface.replace(".", "") != written.replace(".", ""):
                    continue  # "US" but not "us", "IN" never as a word
            elif written[:1].isupper() and not surface[:1].isupper():
                continue  # "Turkey" but not "turkey"
            chosen = (code, kind)
            break
        if chosen:
            out.append(CountryMention(chosen[0], match.start, match.end, chosen[1]))
    known = knowledge.load("countries").countries
    for flag in _FLAG.finditer(ctx.text):  # 🇫🇷: two regional indicator letters spell the ISO code
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag.group())
        if code in known:
            out.append(CountryMention(code, flag.start(), flag.end(), "flag"))
    out.sort(key=lambda m: m.start)
    ctx._cue_cache["__countries__"] = out  # type: ignore[assignment]
    return out


@cache
def _tld_countries() -> dict[str, str]:
    table = {}
    for code, country in knowledge.load("countries").countries.items():
        if country.tld and not country.tld_generic:  # .io, .co, .tv, .me: used by anyone, anywhere
            table[country.tld] = code
    return table


@cache
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


_DOMAIN = re.compile(r"(?<![@\w.\-])((?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w\-]|\.[a-z0-9])",
                     re.I)
_FILE_EXT = {"txt", "csv", "sql", "json", "zip", "rar", "gz", "tar", "xlsx", "xls", "pdf", "doc", "docx", "exe",
             "php", "html", "htm", "js", "py", "jpg", "png", "gif", "mp4", "bak", "db", "log", "7z", "xml"}


def registrable(domain: str) -> tuple[str, str] | None:
    """(registered name, suffix) of a domain, or None when its suffix is not public."""
    parts = _extractor()(domain)
    if not parts.suffix or not parts.domain:
        return None
    return parts.domain, parts.suffix


def registered_domain(value: str) -> str | None:
    """The registered domain of a host, URL or title ("https://www.Example.COM/x" -> "example.com"), or None."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value.strip().lower()).split("/", 1)[0].split(":", 1)[0]
    if not host or " " in host or "." not in host:
        return None
    parts = registrable(host)
    return f"{parts[0]}.{parts[1]}" if parts else None


def domains(ctx: Context) -> list[tuple[str, int, int]]:
    """Domains written in the text (not e-mail addresses), as (domain, start, end)."""
    out = []
    for match in _DOMAIN.finditer(ctx.text):
        name = match.group(1).lower().rstrip(".")
        if name.rsplit(".", 1)[-1] in _FILE_EXT or name.count(".") > 4:
            continue
        if registrable(name) is None:
            continue
        out.append((name, match.start(1), match.end(1)))
    return out


def country_of_domain(domain: str) -> str | None:
    parts = registrable(domain)
    if parts is None:
        return None
    tld = parts[1].rsplit(".", 1)[-1]
    code = _tld_countries().get(tld)
    if code is None and tld == "uk":
        return "GB"
    return code
