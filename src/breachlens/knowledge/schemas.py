"""Schemas of the knowledge files: what each YAML file under ``breachlens/knowledge/`` must look like.

Language-keyed mappings use ISO 639-1 codes (``en``, ``fr``, ``es``, ``de``, ``it``, ``pt``, ``nl``, ``ru``...).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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


# --- samples.yaml: column detectors of leaked samples -------------------------------------------------------
class SampleKind(Strict):
    """One PII kind a column of a leaked sample can hold (a detector in ``breachlens.samples.detectors``)."""

    category: str  # categories.yaml key
    hints: Terms = Field(default_factory=dict)  # column headers that suggest the kind, per language
    form_weight: float = Field(default=0.5, ge=0, le=1)  # how much a value of the right form failing checks counts
    needs_hint: bool = False  # the form alone is too common to decide without a header hint (clear passwords)


class SampleThresholds(Strict):
    sample_rows: int = Field(gt=0)  # rows of the first batch a column is decided on
    min_score: float = Field(gt=0, le=1)  # a kind is decided from this score on
    hint_bonus: float = Field(ge=0, le=1)  # what a header naming the kind adds to its score
    hinted_form_weight: float = Field(ge=0, le=1)  # form_weight, at least, of a kind the header names
    unhinted_factor: float = Field(ge=0, le=1)  # score factor of kinds that need a hint and have none
    fit_from_share: float = Field(ge=0, le=1)  # value statistics are computed from this form share on
    name_reference_floor: float = Field(gt=0, le=1)  # reference share under which no name kind is preferred
    unique_share: float = Field(gt=0, le=1)  # distinct share from which a column is an identifier
    sequence_density: float = Field(ge=1)  # (max - min + 1) / distinct under which integers are a sequence
    dob_ages: tuple[int, int]  # ages of people a date-of-birth column holds
    dob_people_share: float = Field(gt=0, le=1)  # share of dates at those ages for a date column to be births
    dob_min_year_spread: float = Field(ge=0)  # standard deviation of birth years, in years
    dob_other_fit: float = Field(ge=0, le=1)  # fit of dates without the ages of people: births only by the header
    date_years: tuple[int, int]  # years a date is plausible in (dates other than births)
    max_header_tokens: int = Field(ge=1)  # longest header hint, in words


class StreetTypes(Strict):
    leading: Terms  # words that open a street name: "rue", "avenue", "calle" (no house number needed)
    trailing: Terms  # words that close a street name after a house number: "Street", "Road"
    glued: Terms  # endings glued to the street name, house number after: "straße", "weg", "str."


class CardBrand(Strict):
    prefixes: list[str]  # IIN prefixes or ranges of prefixes of one length: "4", "51-55", "2221-2720"
    lengths: list[int]

    @field_validator("prefixes")
    @classmethod
    def _ranges(cls, value: list[str]) -> list[str]:
        for prefix in value:
            low, _, high = prefix.partition("-")
            if not low.isdigit() or (high and (not high.isdigit() or len(high) != len(low) or high < low)):
                raise ValueError(f"card prefix {prefix!r} is not a prefix or an ordered range of one length")
        return value


class PhoneRules(Strict):
    home_region: str  # national numbers with a trunk 0 are read as this region's
    national_regions: list[str] = Field(default_factory=list)  # national numbers without a trunk 0, in order


class Samples(Strict):
    thresholds: SampleThresholds
    kinds: dict[str, SampleKind]
    header_blockers: Terms = Field(default_factory=dict)  # headers that name no person's data ("company name")
    empty_values: list[str] = Field(default_factory=list)  # placeholders that mean an empty cell
    street_types: StreetTypes
    name_particles: list[str] = Field(default_factory=list)  # lower-case words inside surnames: de, van, del
    civilities: dict[Literal["male", "female", "neutral"], list[str]]
    cities: list[str] = Field(default_factory=list)  # places the packaged references lack (major world cities)
    phone: PhoneRules
    payment_cards: dict[str, CardBrand]
    test_cards: list[str] = Field(default_factory=list)  # published test numbers: pass Luhn, never a real card
    free_mail_domains: list[str] = Field(default_factory=list)

    @field_validator("kinds")
    @classmethod
    def _one_kind_per_hint(cls, kinds: dict[str, SampleKind]) -> dict[str, SampleKind]:
        """A header hint names one kind: the same words under two kinds would make the hint a coin toss."""
        from breachlens.extract.text import fold

        owner: dict[str, str] = {}
        for kind, entry in kinds.items():
            for words in entry.hints.values():
                for word in words:
                    key = "".join(ch for ch in fold(word) if ch.isalnum())
                    if owner.setdefault(key, kind) != kind:
                        raise ValueError(f"header hint {word!r} is under both {owner[key]} and {kind}")
        return kinds


# --- sample_checks.yaml: consistency and fabrication checks of leaked samples, and the verdict ---------------
class SampleVerdictRules(Strict):
    min_rows: int = Field(ge=1)
    recycled_overlap: float = Field(gt=0, le=1)
    fabricated_signals: int = Field(ge=1)
    strong_failure: float = Field(gt=0, le=1)


class SampleCheckRule(Strict):
    suspicious_above: float = Field(ge=0, le=1)
    min_checked: int = Field(ge=1)


class SampleCheckReference(Strict):
    min_age: int = Field(ge=0)
    max_age: int = Field(gt=0)
    generator_domains: list[str]
    landline_zones: dict[str, list[str]]  # "01" -> départements
    civility: dict[Literal["1", "2"], list[str]]  # NIR sex digit -> folded civility words


class SampleChecks(Strict):
    verdict: SampleVerdictRules
    checks: dict[str, SampleCheckRule]
    reference: SampleCheckReference
    messages: dict[str, dict[Lang, str]]

    @field_validator("messages")
    @classmethod
    def _english_everywhere(cls, value: dict[str, dict[Lang, str]]) -> dict[str, dict[Lang, str]]:
        missing = [key for key, texts in value.items() if "en" not in texts]
        if missing:
            raise ValueError(f"messages without English: {', '.join(missing)}")
        return value


# ------------------------------------------------------------------------------------------ exports (issue 7)
class Exports(Strict):
    """knowledge/exports.yaml: breachlens vocabulary -> STIX / MISP vocabularies."""

    stix_sectors: dict[str, str]
    gdpr_special: dict[str, str]
    enisa: dict[str, str]
    dark_web_topic: dict[str, str]
    dark_web_motivation: dict[str, str]
    misp_threat_level: dict[str, int]
    tlp: Literal["clear", "white", "green", "amber", "amber+strict", "red"]


# --- advice.yaml: what people whose identifiers are in a breach should do (exposure lookups) ----------------
class AdviceEntry(Strict):
    text: dict[Lang, str]
    sectors: dict[str, dict[Lang, str]] = Field(default_factory=dict)  # sectors.yaml key -> text


class AdviceRules(Strict):
    general: dict[Lang, str]
    categories: dict[str, AdviceEntry]  # categories.yaml key
    sectors: dict[str, dict[Lang, str]] = Field(default_factory=dict)
    data_classes: dict[str, str] = Field(default_factory=dict)  # categories.yaml key -> HIBP data class name

    @model_validator(mode="after")
    def _english_everywhere(self) -> AdviceRules:
        texts = [("general", self.general)] + [(f"sectors.{k}", v) for k, v in self.sectors.items()]
        for key, entry in self.categories.items():
            texts.append((f"categories.{key}", entry.text))
            texts.extend((f"categories.{key}.sectors.{s}", v) for s, v in entry.sectors.items())
        missing = [where for where, text in texts if "en" not in text]
        if missing:
            raise ValueError(f"advice without English: {', '.join(missing)}")
        return self
