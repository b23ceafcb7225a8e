"""Insights, mitigations and obligations: the rules of ``knowledge/report_rules.yaml`` applied to a claim.

A rule is a condition on the facts of a claim (data categories, sector, country, records, price, severity
band) and a sentence template per language. Applying the rules gives :class:`~breachlens.model.Statement` and
:class:`~breachlens.model.Obligation` objects that name the rule and the facts behind them, so every sentence
of a report can be traced back.

Missing values never leak into the text: a template whose field has no value falls back to the rule's neutral
wording, and is skipped when that too needs a missing value.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from breachlens.knowledge import HERE, load
from breachlens.knowledge.schemas import Authority, Condition, ReportRule, ReportRules, Sector
from breachlens.model import Claim, Obligation, Severity, Statement

__all__ = [
    "AUDIENCES",
    "Facts",
    "category_label",
    "country_name",
    "facts_of",
    "format_number",
    "format_price",
    "format_records",
    "headline",
    "insights",
    "message",
    "message_keys",
    "mitigations",
    "obligations",
    "sector_label",
]

AUDIENCES: tuple[str, ...] = ("victim", "authorities", "people")
_FORMATTER = string.Formatter()
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")


# --------------------------------------------------------------------------- knowledge access
def _rules() -> ReportRules:
    rules: ReportRules = load("report_rules")
    return rules


def _optional(name: str) -> Any:
    """A knowledge file that may not be packaged yet: its model, or None when the file is absent."""
    if not (HERE / f"{name}.yaml").is_file():
        return None
    return load(name)


def message(key: str, lang: str = "en", **fields: object) -> str:
    """The report phrase ``key`` in ``lang`` (English when missing), formatted with ``fields``."""
    texts = _rules().messages.get(key)
    if not texts:
        return key
    text = texts.get(lang) or texts.get("en") or key
    return text.format(**fields) if fields else text


def message_keys() -> list[str]:
    """The keys of every report phrase (``status``, ``section.claimed``...)."""
    return list(_rules().messages)


def _pick(texts: Mapping[str, str], lang: str) -> str | None:
    return texts.get(lang) or texts.get("en")


def category_label(key: str, lang: str = "en") -> str:
    """The plain-words label of a data category (``phone`` -> "phone numbers"), in ``lang``."""
    entry = load("categories").categories.get(key)
    if entry is None:
        return key.replace("_", " ")
    return str(entry.label.get(lang) or entry.label.get("en") or key.replace("_", " "))


def _category_order() -> dict[str, int]:
    return {key: index for index, key in enumerate(load("categories").categories)}


def _sector(key: str | None) -> Sector | None:
    if not key:
        return None
    sectors = _optional("sectors")
    if sectors is None:
        return None
    entry: Sector | None = sectors.sectors.get(key)
    return entry


def sector_label(key: str, lang: str = "en") -> str:
    """The label of a sector of ``sectors.yaml`` in ``lang``; the key itself when unknown."""
    entry = _sector(key)
    if entry is None:
        return key
    return entry.label.get(lang) or entry.label.get("en") or key


def country_name(code: str, lang: str = "en") -> str:
    """The common name of an ISO 3166-1 alpha-2 country in ``lang``; the code itself when unknown."""
    countries = _optional("countries")
    entry = countries.countries.get(code) if countries is not None else None
    if entry is not None:
        names = entry.names.get(lang) or entry.names.get("en")
        if names:
            return str(names[0])
    return code


def _authority(code: str | None) -> Authority | None:
    if not code:
        return None
    authorities = _optional("authorities")
    if authorities is None:
        return None
    entry: Authority | None = authorities.authorities.get(code)
    return entry


def _eu_status(code: str | None) -> tuple[bool | None, bool | None]:
    """(EU member, EU or EEA member) for a country: from countries.yaml, else from its authority's law."""
    if not code:
        return None, None
    countries = _optional("countries")
    entry = countries.countries.get(code) if countries is not None else None
    if entry is not None:
        return bool(entry.eu), bool(entry.eu or entry.eea)
    authority = _authority(code)
    if authority is not None:
        gdpr = authority.law.strip().upper() == "GDPR"
        return gdpr, gdpr
    if countries is None and _optional("authorities") is None:
        return None, None  # no knowledge of countries at all: neither in nor out
    return False, False


# --------------------------------------------------------------------------- number and value formatting
def format_number(value: float, lang: str = "en") -> str:
    """``22000000`` -> "22,000,000" (en) or "22 000 000" (fr); at most two decimals."""
    group, decimal = message("number.group", lang), message("number.decimal", lang)
    text = f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


def _short(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", message("number.decimal", lang))


def format_records(records: int, lang: str = "en") -> str:
    """A record count as a phrase: "22 million records", "22 millions d'enregistrements", "1,234 records"."""
    if records >= 1_000_000_000 and records % 100_000_000 == 0:
        n = records / 1_000_000_000
        return message("records.billion.one" if n < 2 else "records.billion.many", lang, n=_short(n, lang))
    if records >= 1_000_000 and records % 100_000 == 0:
        n = records / 1_000_000
        return message("records.million.one" if n < 2 else "records.million.many", lang, n=_short(n, lang))
    key = "records.one" if records == 1 else "records.many"
    return message(key, lang, n=format_number(records, lang))


def format_price(claim: Claim, lang: str = "en") -> str | None:
    """The asking price in words: "starting at 2,500 USD, negotiable"; None without a price."""
    price = claim.price
    if price is None:
        return None
    amount = format_number(price.amount, lang)
    if price.currency:
        amount = f"{amount} {price.currency}"
    if price.starting_at:
        amount = message("price.starting_at", lang, amount=amount)
    if price.negotiable:
        amount = f"{amount}, {message('price.negotiable', lang)}"
    return amount


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return message("list.sep", lang).join(items[:-1]) + message("list.and", lang) + items[-1]


def _ordered_categories(claim: Claim) -> list[str]:
    order = _category_order()
    return sorted(claim.data_categories, key=lambda key: (order.get(key, len(order)), key))


def _de(name: str, lang: str) -> str:
    if lang == "fr":
        return f"d'{name}" if name[:1] in _VOWELS else f"de {name}"
    return f"of {name}"


# --------------------------------------------------------------------------- facts of a claim
@dataclass
class Facts:
    """What the rules can test and quote about one claim, in one language."""

    claim: Claim
    lang: str
    severity: Severity | None = None
    country: str | None = None
    eu: bool | None = None
    eea: bool | None = None
    authority: Authority | None = None
    sector: Sector | None = None
    categories: list[str] = field(default_factory=list)  # in taxonomy order
    values: dict[str, str] = field(default_factory=dict)  # template field -> text
    value_facts: dict[str, str] = field(default_factory=dict)  # template field -> fact behind it
    neutral: set[str] = field(default_factory=set)  # fields holding a neutral wording, not a fact

    def put(self, name: str, value: str | None, fact: str | None = None) -> None:
        if value is None or value == "":
            return
        self.values[name] = value
        if fact:
            self.value_facts[name] = fact


def facts_of(claim: Claim, severity: Severity | None = None, lang: str = "en") -> Facts:
    """Gather the facts of ``claim`` (and its severity) that the rules test and the templates quote."""
    victim = claim.victim
    country = victim.country if victim is not None else None
    eu, eea = _eu_status(country)
    facts = Facts(
        claim=claim,
        lang=lang,
        severity=severity,
        country=country,
        eu=eu,
        eea=eea,
        authority=_authority(country),
        sector=_sector(victim.sector if victim else None),
        categories=_ordered_categories(claim),
    )
    if victim is not None and victim.name:
        facts.put("victim", victim.name, f"victim.name={victim.name}")
        facts.put("victim_name", victim.name, f"victim.name={victim.name}")
        facts.put("de_victim", _de(victim.name, lang), f"victim.name={victim.name}")
    else:
        facts.put("victim", message("neutral.victim", lang))
        facts.put("de_victim", message("neutral.de_victim", lang))
        facts.neutral.update({"victim", "de_victim"})
    if victim is not None and victim.sector:
        facts.put("sector", sector_label(victim.sector, lang), f"victim.sector={victim.sector}")
    if country:
        facts.put("country", country_name(country, lang), f"victim.country={country}")
    if claim.records is not None:
        facts.put("records", format_records(claim.records, lang), f"records={claim.records}")
    elif claim.records_range is not None:
        low, high = claim.records_range
        text = message("records.range", lang, low=format_number(low, lang), high=format_number(high, lang))
        facts.put("records", text, f"records_range={low}-{high}")
    if facts.categories:
        labels = [category_label(key, lang) for key in facts.categories]
        facts.put("categories", _join(labels, lang), "data_categories=" + ",".join(facts.categories))
    facts.put("price", format_price(claim, lang), _price_fact(claim))
    facts.put("actor", claim.actor, f"actor={claim.actor}")
    facts.put("venue", claim.venue, f"venue={claim.venue}")
    facts.put("date", claim.date, f"date={claim.date}")
    authority = facts.authority
    if authority is not None:
        name = (authority.name_en if lang == "en" and authority.name_en else None) or authority.name
        fact = f"authority={authority.short or authority.name}"
        facts.put("authority", authority.short or name, fact)
        facts.put("authority_name", name, fact)
        full = f"{name} ({authority.short})" if authority.short and authority.short != name else name
        facts.put("authority_full", full, fact)
        facts.put("breach_url", authority.breach_url or authority.url, fact)
        facts.put("law", authority.law, f"authority.law={authority.law}")
        hours = authority.deadline_hours
        if hours is not None:
            facts.put("deadline_hours", str(hours), f"authority.deadline_hours={hours}")
        facts.put("cert", authority.cert, f"authority.cert={authority.cert}")
    if severity is not None:
        band = str(severity.band)
        facts.put("severity_band", message(f"band.{band}", lang), f"severity.band={band}")
        score = format_number(round(severity.score, 2), lang)
        facts.put("severity_score", score, f"severity.score={severity.score}")
    return facts


def _price_fact(claim: Claim) -> str | None:
    if claim.price is None:
        return None
    currency = f" {claim.price.currency}" if claim.price.currency else ""
    return f"price={claim.price.amount}{currency}"


def _usd(claim: Claim) -> float | None:
    price = claim.price
    if price is None:
        return None
    rate = _rules().usd_rates.get((price.currency or "USD").upper())
    return None if rate is None else price.amount * rate


def _records(claim: Claim) -> int | None:
    if claim.records is not None:
        return claim.records
    return claim.records_range[0] if claim.records_range is not None else None


# --------------------------------------------------------------------------- conditions
def _special(facts: Facts) -> list[str]:
    categories = load("categories").categories
    return [key for key in facts.categories if key in categories and categories[key].special]


def _groups(facts: Facts, groups: Iterable[str]) -> list[str]:
    categories = load("categories").categories
    wanted = set(groups)
    return [key for key in facts.categories if key in categories and categories[key].group in wanted]


def _yes(flag: bool) -> str:
    return "true" if flag else "false"


def match(condition: Condition, facts: Facts) -> list[str] | None:
    """The facts that make ``condition`` hold, or None when it does not hold."""
    claim = facts.claim
    found: list[str] = []
    victim = claim.victim
    sector_key = victim.sector if victim else None
    country_fact = f"victim.country={facts.country}"

    if condition.categories:
        hit = [key for key in facts.categories if key in condition.categories]
        if not hit:
            return None
        found += [f"data_categories={key}" for key in hit]
    if condition.all_categories:
        if not all(key in facts.categories for key in condition.all_categories):
            return None
        found += [f"data_categories={key}" for key in condition.all_categories]
    if condition.groups:
        hit = _groups(facts, condition.groups)
        if not hit:
            return None
        found += [f"data_categories={key}" for key in hit]
    if condition.sectors:
        if sector_key not in condition.sectors:
            return None
        found.append(f"victim.sector={sector_key}")
    if condition.claim_types:
        if str(claim.claim_type) not in condition.claim_types:
            return None
        found.append(f"claim_type={claim.claim_type}")
    if condition.flags:
        hit = [flag for flag in claim.flags if flag in condition.flags]
        if not hit:
            return None
        found += [f"flags={flag}" for flag in hit]
    if condition.countries:
        in_list = facts.country is not None and (
            facts.country in condition.countries or ("EU" in condition.countries and bool(facts.eea))
        )
        if not in_list:
            return None
        found.append(country_fact)
    if condition.not_countries and facts.country in condition.not_countries:
        return None
    if condition.country_known is not None:
        if (facts.country is not None) != condition.country_known:
            return None
        found.append(country_fact if facts.country else "country=unknown")
    for name, wanted, actual in (("eu", condition.eu, facts.eu), ("eea", condition.eea, facts.eea)):
        if wanted is None:
            continue
        if actual is None or actual != wanted:
            return None
        found += [country_fact, f"country.{name}={_yes(actual)}"]
    if condition.authority_known is not None:
        if (facts.authority is not None) != condition.authority_known:
            return None
        authority = facts.authority
        found.append(f"authority={authority.short or authority.name}" if authority else "authority=unknown")
    if condition.victim_known is not None:
        known = victim is not None and bool(victim.name)
        if known != condition.victim_known:
            return None
        found.append(f"victim.name={victim.name}" if victim is not None and known else "victim=unknown")
    records = _records(claim)
    if condition.min_records is not None:
        if records is None or records < condition.min_records:
            return None
        found.append(f"records={records}")
    if condition.max_records is not None:
        if records is None or records > condition.max_records:
            return None
        found.append(f"records={records}")
    if condition.special is not None:
        special = _special(facts)
        if bool(special) != condition.special:
            return None
        found += [f"data_categories={key}" for key in special] if special else ["special_categories=none"]
    if condition.nis2 is not None:
        scope = facts.sector.nis2 if facts.sector is not None else None
        if facts.sector is None or (scope is not None) != condition.nis2:
            return None
        found += [f"victim.sector={sector_key}", f"sector.nis2={scope or 'none'}"]
    if condition.vulnerable is not None:
        if facts.sector is None or facts.sector.vulnerable != condition.vulnerable:
            return None
        found += [f"victim.sector={sector_key}", f"sector.vulnerable={_yes(facts.sector.vulnerable)}"]
    if condition.severity:
        if facts.severity is None or str(facts.severity.band) not in condition.severity:
            return None
        found.append(f"severity.band={facts.severity.band}")
    price_fact = _price_fact(claim)
    if condition.price is not None:
        if (claim.price is not None) != condition.price:
            return None
        found.append(price_fact or "price=none")
    if condition.max_price_usd is not None:
        usd = _usd(claim)
        if usd is None or usd > condition.max_price_usd:
            return None
        found += [price_fact or "", f"price.usd={round(usd)}"]
    if condition.negotiable is not None:
        price = claim.price
        open_price = price is not None and (price.negotiable or price.starting_at)
        if open_price != condition.negotiable:
            return None
        if price is not None and price.negotiable:
            found.append("price.negotiable=true")
        if price is not None and price.starting_at:
            found.append("price.starting_at=true")
    if condition.any_of:
        for part in condition.any_of:
            sub = match(part, facts)
            if sub is not None:
                found += sub
                break
        else:
            return None
    return _unique(found)


def _unique(items: Iterable[str]) -> list[str]:
    return [item for item in dict.fromkeys(items) if item]


# --------------------------------------------------------------------------- templates
def _fill(template: str | None, facts: Facts) -> tuple[str, list[str]] | None:
    """``template`` with the facts' values, and the facts it quoted; None when a field has no value."""
    if template is None:
        return None
    names = [name for _, name, _, _ in _FORMATTER.parse(template) if name is not None]
    if any(name not in facts.values for name in names):
        return None
    text = template.format_map({name: facts.values[name] for name in names})
    if names and template.startswith("{" + names[0] + "}") and names[0] in facts.neutral:
        text = text[:1].upper() + text[1:]
    return text, [facts.value_facts[name] for name in names if name in facts.value_facts]


def _sentence(rule: ReportRule, facts: Facts) -> tuple[str, list[str]] | None:
    """The rule's sentence and its facts, or None when the rule does not apply or cannot be worded."""
    found = match(rule.when, facts)
    if found is None:
        return None
    for texts in (rule.text, rule.fallback):
        filled = _fill(_pick(texts, facts.lang), facts) if texts else None
        if filled is not None:
            text, quoted = filled
            return text, _unique([*found, *quoted])
    return None


def _statements(audience: str, facts: Facts) -> list[Statement]:
    statements: list[Statement] = []
    for rule in _rules().rules:
        if rule.audience != audience:
            continue
        worded = _sentence(rule, facts)
        if worded is not None:
            statements.append(Statement(text=worded[0], rule=rule.id, facts=worded[1]))
    return statements


# --------------------------------------------------------------------------- public API
def insights(claim: Claim, severity: Severity | None, lang: str = "en") -> list[Statement]:
    """Why the claim matters: what the claim type, the data, the people served and the scale imply."""
    return _statements("insight", facts_of(claim, severity, lang))


def mitigations(claim: Claim, severity: Severity | None, lang: str = "en") -> dict[str, list[Statement]]:
    """What to do now, per audience: ``victim``, ``authorities`` and ``people`` (every key always present)."""
    facts = facts_of(claim, severity, lang)
    return {audience: _statements(audience, facts) for audience in AUDIENCES}


def obligations(claim: Claim, severity: Severity | None, lang: str = "en") -> list[Obligation]:
    """The regulatory duties the facts trigger (GDPR Art. 33/34, NIS2 Art. 23, national laws...)."""
    facts = facts_of(claim, severity, lang)
    duties: list[Obligation] = []
    for rule in _rules().rules:
        if rule.audience != "obligation":
            continue
        worded = _sentence(rule, facts)
        if worded is None:
            continue
        law = _fill(_pick(rule.law, lang), facts) if rule.law else (rule.id, [])
        if law is None:
            continue
        extra = list(law[1])
        parts: dict[str, str | None] = {}
        for name, template in (
            ("authority", rule.authority),
            ("deadline", _pick(rule.deadline, lang) if rule.deadline else None),
            ("url", rule.url),
        ):
            filled = _fill(template, facts)
            parts[name] = filled[0] if filled is not None else None
            if filled is not None:
                extra += filled[1]
        duties.append(
            Obligation(
                law=law[0],
                duty=worded[0],
                authority=parts["authority"],
                deadline=parts["deadline"],
                url=parts["url"],
                rule=rule.id,
                facts=_unique([*worded[1], *extra]),
            )
        )
    return duties


def headline(claim: Claim, lang: str = "en") -> str:
    """The report title: "Alleged sale of France Travail data: 22 million records (names, ...)"."""
    facts = facts_of(claim, None, lang)
    kind = str(claim.claim_type)
    named = "victim" not in facts.neutral
    text = message(f"headline.{kind}" if named else f"headline.{kind}.anonymous", lang, **facts.values)
    if "records" in facts.values:
        text += message("headline.records", lang, records=facts.values["records"])
    if facts.categories:
        labels = [category_label(key, lang) for key in facts.categories]
        shown = (
            message("list.sep", lang).join(labels[:3]) + message("headline.more", lang)
            if len(labels) > 3
            else _join(labels, lang)
        )
        text += message("headline.categories", lang, categories=shown)
    return text
