"""Schemas of the knowledge files: what each YAML file under ``breachlens/knowledge/`` must look like.

Language-keyed mappings use ISO 639-1 codes (``en``, ``fr``, ``es``, ``de``, ``it``, ``pt``, ``nl``, ``ru``...).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Lang = str
Terms = dict[Lang, list[str]]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- categories.yaml ----------------------------------------------------------------------------------------
class Category(Strict):
    group: Literal[
        "identity", "contact", "official ids", "accounts", "money", "life", "special categories", "technical",
        "content", "other",
    ]
    label: dict[Lang, str]
    special: bool = False  # GDPR Art. 9 / Art. 10 category
    enisa: Literal["simple", "behavioural", "financial", "sensitive"]  # ENISA DPC base 1..4
    identifying: Literal["none", "low", "medium", "high", "full"] = "none"  # feeds ENISA EI
    terms: Terms = Field(default_factory=dict)  # how people write it in prose, per language
    columns: list[str] = Field(default_factory=list)  # column names and slang (any language)


class Categories(Strict):
    categories: dict[str, Category]


# --- countries.yaml -----------------------------------------------------------------------------------------
class Country(Strict):
    names: Terms  # official and common names per language
    demonyms: Terms = Field(default_factory=dict)  # adjectives and nouns of people, all inflections
    tld: str | None = None  # country-code TLD without the dot
    tld_generic: bool = False  # the ccTLD is sold and used world-wide as a generic TLD (.io, .co, .tv, .me)
    eu: bool = False
    eea: bool = False
    currency: str | None = None  # ISO 4217

    @field_validator("tld")
    @classmethod
    def _tld(cls, value: str | None) -> str | None:
        return value.lstrip(".").lower() if value else value


class Countries(Strict):
    countries: dict[str, Country]  # ISO 3166-1 alpha-2

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: dict[str, Country]) -> dict[str, Country]:
        bad = [code for code in value if len(code) != 2 or not code.isupper()]
        if bad:
            raise ValueError(f"country keys must be ISO 3166-1 alpha-2 codes: {bad[:5]}")
        return value


# --- sectors.yaml -------------------------------------------------------------------------------------------
class Sector(Strict):
    label: dict[Lang, str]
    nis2: Literal["essential", "important"] | None = None  # NIS2 Annex I (essential) / Annex II (important)
    vulnerable: bool = False  # people served are vulnerable (patients, job seekers, minors...)
    terms: Terms = Field(default_factory=dict)  # words that reveal the sector of an organisation


class Sectors(Strict):
    sectors: dict[str, Sector]


# --- venues.yaml / actors.yaml / organisations.yaml --------------------------------------------------------
class Venue(Strict):
    name: str
    kind: Literal["forum", "market", "telegram", "leak_site", "paste", "file_sharing", "social", "chat", "other"]
    aliases: list[str] = Field(default_factory=list)
    active: bool | None = None


class Venues(Strict):
    venues: list[Venue]


class Actor(Strict):
    name: str
    kind: Literal["ransomware", "group", "individual", "hacktivist", "apt", "extortion"]
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None


class Actors(Strict):
    actors: list[Actor]


class Organisation(Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    domain: str | None = None
    country: str | None = None
    sector: str | None = None
    parent: str | None = None


class Organisations(Strict):
    organisations: list[Organisation]


# --- authorities.yaml ---------------------------------------------------------------------------------------
class Authority(Strict):
    name: str  # in the country's language
    name_en: str | None = None
    short: str | None = None  # CNIL, ICO, AEPD...
    url: str | None = None
    breach_url: str | None = None  # where controllers notify a breach
    law: str = "GDPR"  # GDPR, UK GDPR, or the national law's name
    deadline_hours: int | None = 72
    deadline_note: str | None = None  # the deadline when it is not a number of hours ("3 working days")
    cert: str | None = None  # national CSIRT for NIS2 notifications (e.g. ANSSI / CERT-FR)
    note: str | None = None  # what a reader must know about who is competent (federal states, sectors)


class Authorities(Strict):
    authorities: dict[str, Authority]  # ISO 3166-1 alpha-2 -> authority


# --- lexicon.yaml: cue words for extraction (claim types, record nouns, distractors...) --------------------
class Lexicon(Strict):
    cues: dict[str, Terms]  # cue name -> per-language terms


# --- report_rules.yaml: insights, mitigations and obligations as rules --------------------------------------
class Condition(Strict):
    """When a rule applies: every field that is set must hold; ``any_of`` holds when one of its parts does.

    Lists mean "any of these"; an empty list or ``None`` means "no constraint".
    """

    categories: list[str] = Field(default_factory=list)  # any of these data categories
    all_categories: list[str] = Field(default_factory=list)  # every one of these data categories
    groups: list[str] = Field(default_factory=list)  # any data category of these groups (categories.yaml)
    sectors: list[str] = Field(default_factory=list)  # victim sector in these
    claim_types: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)  # any of these claim flags
    countries: list[str] = Field(default_factory=list)  # victim/claim country in these ("EU" = any EU/EEA)
    not_countries: list[str] = Field(default_factory=list)  # victim/claim country not in these
    country_known: bool | None = None  # a victim or claim country is known
    eu: bool | None = None  # the country is an EU member state (NIS2 scope)
    eea: bool | None = None  # the country is in the EU or EEA (GDPR scope)
    authority_known: bool | None = None  # authorities.yaml has an entry for the country
    victim_known: bool | None = None  # the claim names a victim
    min_records: int | None = None
    max_records: int | None = None
    special: bool | None = None  # any GDPR special category present
    nis2: bool | None = None  # victim sector in NIS2 scope
    vulnerable: bool | None = None  # the victim sector serves vulnerable people (sectors.yaml)
    severity: list[str] = Field(default_factory=list)  # severity band in these
    price: bool | None = None  # an asking price is known
    max_price_usd: float | None = None  # asking price at most this, converted with ReportRules.usd_rates
    negotiable: bool | None = None  # the price is negotiable or a starting price (auction)
    any_of: list[Condition] = Field(default_factory=list)  # at least one of these holds


class ReportRule(Strict):
    """One sentence of a report: an insight, a mitigation for one audience, or a regulatory obligation.

    ``text`` (and ``fallback``, ``authority``, ``url``) are ``str.format`` templates with named fields:
    {victim}, {records}, {categories}, {authority}, {country}, {actor}, {venue}, {price}, {sector}, {law},
    {deadline_hours}, {cert}, {breach_url}... When a field of ``text`` has no value, ``fallback`` (a neutral
    wording) is used, and when that too needs a missing field the rule is skipped.
    """

    id: str
    audience: Literal["insight", "victim", "authorities", "people", "obligation"]
    when: Condition = Field(default_factory=Condition)
    text: dict[Lang, str]  # str.format template: {victim}, {records}, {categories}, {authority}, ...
    fallback: dict[Lang, str] = Field(default_factory=dict)  # neutral wording when a field of text is missing
    law: dict[Lang, str] = Field(default_factory=dict)  # obligations, per language; may use {law}
    authority: str | None = None  # obligations: template naming who is notified, e.g. "{authority_name}"
    deadline: dict[Lang, str] = Field(default_factory=dict)  # obligations: "72 h", per language
    url: str | None = None  # obligations: template, e.g. "{breach_url}"


class ReportRules(Strict):
    rules: list[ReportRule]
    messages: dict[str, dict[Lang, str]] = Field(default_factory=dict)  # report labels and phrases
    usd_rates: dict[str, float] = Field(default_factory=dict)  # rough currency -> USD rates for price rules

    @field_validator("rules")
    @classmethod
    def _by_id(cls, value: list[ReportRule]) -> list[ReportRule]:
        """A later rule with the same id (from an override file) replaces the earlier one, in its place."""
        latest: dict[str, ReportRule] = {}
        for rule in value:
            if "en" not in rule.text:
                raise ValueError(f"rule {rule.id} has no English text")
            latest[rule.id] = rule
        return list(latest.values())


# --- enisa.yaml: the ENISA 2013 severity method -------------------------------------------------------------
EnisaClass = Literal["simple", "behavioural", "financial", "sensitive"]
Identifying = Literal["none", "low", "medium", "high", "full"]


class EiCombination(Strict):
    all_of: list[str]
    any_of: list[str]
    value: float = Field(ge=0.25, le=1)
    reason: dict[Lang, str]


class DpcAdjustment(Strict):
    id: str
    group: str  # one adjustment per group applies: the first that matches
    base: list[EnisaClass] = Field(default_factory=list)
    flags_any: list[str] = Field(default_factory=list)
    sectors_any: list[str] = Field(default_factory=list)
    min_categories: int | None = None
    delta: int = Field(ge=-3, le=3)
    reason: dict[Lang, str]


class CbPart(Strict):
    value: float = Field(ge=0, le=0.5)
    reason: dict[Lang, str]


class CbFlag(CbPart):
    flag: str


class CbMalicious(CbPart):
    claim_types: list[str]


class CircumstancesOfBreach(Strict):
    confidentiality: dict[str, CbPart]  # claim type -> part
    integrity: CbFlag
    availability: list[CbFlag]  # first matching flag wins
    malicious: CbMalicious


class NoData(Strict):
    reason: dict[Lang, str]


class Band(Strict):
    min: float
    band: Literal["low", "medium", "high", "very high"]


class Enisa(Strict):
    dpc_base: dict[EnisaClass, int]
    dpc_labels: dict[EnisaClass, dict[Lang, str]]
    ei_levels: dict[Identifying, float]
    ei_labels: dict[float, dict[Lang, str]]
    ei_combinations: list[EiCombination]
    dpc_adjustments: list[DpcAdjustment]
    cb: CircumstancesOfBreach
    no_data: NoData
    bands: list[Band]

    @field_validator("bands")
    @classmethod
    def _highest_first(cls, bands: list[Band]) -> list[Band]:
        if [b.min for b in bands] != sorted((b.min for b in bands), reverse=True) or bands[-1].min != 0:
            raise ValueError("bands must go from the highest lower bound down to 0")
        return bands


# --- credibility.yaml: victim identity, clustering, novelty and credibility ---------------------------------
class Identity(Strict):
    legal_forms: list[str]  # dropped from the end of a name
    generic_words: list[str]  # never identify an organisation alone
    leading_articles: list[str] = Field(default_factory=list)


class Clustering(Strict):
    window_days: int = Field(gt=0)
    count_tolerance: float = Field(ge=0, lt=1)
    date_tolerance_days: int = Field(ge=0)
    fuzzy_min: float = Field(gt=0, le=100)
    fuzzy_min_length: int = Field(ge=1)
    prefix_min_length: int = Field(ge=1)


class NoveltyRules(Strict):
    count_tolerance: float = Field(ge=0, lt=1)
    date_tolerance_days: int = Field(ge=0)
    min_category_overlap: float = Field(ge=0, le=1)
    repost_after_days: int = Field(ge=0)  # a match first seen this long after the breach is a re-post
    data_classes: dict[str, list[str]] = Field(default_factory=dict)  # folded catalogue class -> category keys


class CredibilityBandRule(Strict):
    min: float
    band: Literal["low", "moderate", "high"]


class AdmiraltyRule(Strict):
    digit: int = Field(ge=1, le=5)
    min_score: float = Field(ge=0, le=100)
    corroborated: bool | None = None  # None: either


class ActorPoints(Strict):
    max: float = Field(ge=0)
    min_claims: int = Field(ge=1)
    repost_penalty: float = Field(ge=0)
    kinds: dict[str, float] = Field(default_factory=dict)  # actors.yaml kind -> points


class VenueReputation(Strict):
    points: float
    escrow: bool = False


class VenuePoints(Strict):
    unknown: float
    none: float
    kinds: dict[str, float]  # venues.yaml kind -> points
    inactive: float
    reputation: dict[str, VenueReputation] = Field(default_factory=dict)  # venue name -> reputation


class Signal(Strict):
    cues: list[str] = Field(default_factory=list)  # lexicon.yaml cue names (missing cues are skipped)
    terms: list[str] = Field(default_factory=list)


class SpecificityPoints(Strict):
    field_list: float
    min_fields: int = Field(ge=1)
    exact_count: float
    round_count: float
    no_count: float
    min_significant_digits: int = Field(ge=1)
    sample: float
    escrow: float
    price: float
    signals: dict[Literal["sample", "escrow"], Signal]


class ConsistencyPoints(Strict):
    per_source: float
    max_sources: float
    contradicting_counts: float


class NoveltyPoints(Strict):
    repost_verified: float
    repost_unverified: float
    repost_fabricated: float
    new: float
    unknown: float


FactorName = Literal["actor", "venue", "specificity", "consistency", "novelty"]


class Score(Strict):
    base: float = Field(ge=0, le=100)
    bands: list[CredibilityBandRule]
    admiralty: list[AdmiraltyRule]
    independent_sources: int = Field(ge=2)
    actor: ActorPoints
    venue: VenuePoints
    specificity: SpecificityPoints
    consistency: ConsistencyPoints
    novelty: NoveltyPoints
    names: dict[FactorName, dict[Lang, str]]
    messages: dict[str, dict[Lang, str]]

    @field_validator("bands")
    @classmethod
    def _highest_first(cls, bands: list[CredibilityBandRule]) -> list[CredibilityBandRule]:
        if [b.min for b in bands] != sorted((b.min for b in bands), reverse=True) or bands[-1].min != 0:
            raise ValueError("bands must go from the highest lower bound down to 0")
        return bands

    @field_validator("messages")
    @classmethod
    def _english(cls, messages: dict[str, dict[Lang, str]]) -> dict[str, dict[Lang, str]]:
        missing = [key for key, texts in messages.items() if "en" not in texts]
        if missing:
            raise ValueError(f"messages without English text: {missing}")
        return messages


class CredibilityRules(Strict):
    identity: Identity
    clustering: Clustering
    novelty: NoveltyRules
    score: Score
