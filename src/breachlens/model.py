"""The one vocabulary of breachlens.

Every layer speaks these models: sources yield :class:`Document`, extraction turns a document into a
:class:`Claim` whose every value carries :class:`Evidence`, assessment adds a :class:`Severity` with the
:class:`Factor` behind each number, and the report is a list of :class:`Statement` each traced to the facts or
rules that produced it.

Models are frozen pydantic classes: they are validated when built and never change afterwards. Cross-field rules
live in one ``model_validator`` per class.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ColumnProfile",
    "FlowMatch",
    "Overlap",
    "ReadInfo",
    "SampleCheck",
    "SampleReport",
    "SampleVerdictKind",
    "Assessment",
    "Breach",
    "Claim",
    "ClaimType",
    "Credibility",
    "CredibilityBand",
    "Document",
    "Evidence",
    "Factor",
    "Incident",
    "Novelty",
    "NoveltyMatch",
    "Obligation",
    "Price",
    "Reliability",
    "Severity",
    "SeverityBand",
    "Sighting",
    "Source",
    "SourceKind",
    "Statement",
    "Victim",
    "content_hash",
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def content_hash(text: str) -> str:
    """The identity of a document: SHA-256 of its text, hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class ClaimType(StrEnum):
    sale = "sale"  # offered for money
    leak = "leak"  # published or given away
    ransomware = "ransomware"  # extortion listing of a ransomware group
    access = "access"  # network access for sale
    other = "other"  # e.g. extortion by an individual, a claim without an offer


class Evidence(Frozen):
    """Where a value came from: ``text == document.text[start:end]``."""

    field: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule: str | None = None  # which detector or rule produced it

    @model_validator(mode="after")
    def _span(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence span ends before it starts ({self.start}..{self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError("evidence text length does not match its span")
        return self


class Document(Frozen):
    """Raw input: the text we analyse, its origin and its content hash."""

    id: str  # content hash of ``text``
    source: str  # path, URL or "-"
    text: str
    content_type: Literal["text", "html", "markdown", "json"] = "text"
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    fetched: datetime = Field(default_factory=lambda: datetime.now(UTC))
    metadata: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, source: str = "-", **kwargs: Any) -> Document:
        return cls(id=content_hash(text), source=source, text=text, **kwargs)

    @model_validator(mode="after")
    def _identity(self) -> Document:
        if self.id != content_hash(self.text):
            raise ValueError("document id must be the content hash of its text")
        return self


class Victim(Frozen):
    """The organisation whose data was taken. ``name`` is None when the text names no organisation but says
    where the people are or which sector they belong to ("data on 750 million Indian telecom users")."""

    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-2
    sector: str | None = None  # key of knowledge/sectors.yaml
    domain: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Victim:
        if self.country is not None and (len(self.country) != 2 or not self.country.isupper()):
            raise ValueError(f"country must be an ISO 3166-1 alpha-2 code, not {self.country!r}")
        if not (self.name or self.country or self.sector):
            raise ValueError("a victim needs a name, a country or a sector")
        return self


class Price(Frozen):
    amount: float = Field(gt=0)
    currency: str | None = None  # ISO 4217, or BTC, XMR, USDT, ETH
    negotiable: bool = False
    starting_at: bool = False  # "starting at", "bidding opens at", auction start

    @model_validator(mode="after")
    def _integral(self) -> Price:
        if self.amount == int(self.amount):
            object.__setattr__(self, "amount", int(self.amount))
        return self


class Claim(Frozen):
    """What a text claims about stolen data, each value traced to its evidence.

    ``model_dump(mode="json")`` gives the claim layout of the evaluation README.
    """

    source: str
    document_id: str | None = None
    language: str | None = None  # ISO 639-1
    claim_type: ClaimType = ClaimType.other
    victim: Victim | None = None
    records: int | None = Field(default=None, ge=0)
    records_range: tuple[int, int] | None = None
    data_categories: list[str] = Field(default_factory=list)
    price: Price | None = None
    actor: str | None = None
    actor_aliases: list[str] = Field(default_factory=list)
    venue: str | None = None
    date: str | None = None  # ISO 8601 at the precision the text gives: 2024, 2024-03, 2024-03-13
    evidence: list[Evidence] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)  # context facts: vulnerable people, public data, ...

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.records_range is not None:
            low, high = self.records_range
            if low > high:
                raise ValueError("records_range must be (low, high)")
        if self.date is not None and not _iso_date(self.date):
            raise ValueError(f"date must be ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD), not {self.date!r}")
        if sorted(set(self.data_categories)) != list(self.data_categories):
            object.__setattr__(self, "data_categories", sorted(set(self.data_categories)))
        return self

    def evidence_for(self, field: str) -> list[Evidence]:
        return [item for item in self.evidence if item.field == field]


def _iso_date(value: str) -> bool:
    for pattern in ("%Y", "%Y-%m", "%Y-%m-%d"):
        try:
            datetime.strptime(value, pattern)
        except ValueError:
            continue
        return True
    return False


class Factor(Frozen):
    """One number in a score and why it has that value."""

    name: str
    value: float
    reason: str
    evidence: list[str] = Field(default_factory=list)  # facts (category keys, flags, quotes) behind it


class SeverityBand(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    very_high = "very high"


class Severity(Frozen):
    """ENISA (2013) severity: SE = DPC x EI + CB, with every factor explained."""

    score: float
    band: SeverityBand
    dpc: Factor
    ei: Factor
    cb: Factor
    factors: list[Factor] = Field(default_factory=list)  # the adjustments and CB parts in detail
    scale: int | None = None  # number of people, reported beside the score as the method says
    method: str = "ENISA 2013 (SE = DPC x EI + CB)"


class Statement(Frozen):
    """One sentence of a report and what it rests on."""

    text: str
    rule: str  # id of the rule that produced it
    facts: list[str] = Field(default_factory=list)  # e.g. "data_categories=phone", "victim.country=FR"


class Obligation(Frozen):
    """A regulatory duty that the facts trigger."""

    law: str  # "GDPR Art. 33"
    duty: str
    authority: str | None = None
    deadline: str | None = None
    url: str | None = None
    rule: str
    facts: list[str] = Field(default_factory=list)


class Assessment(Frozen):
    """Everything we conclude about a claim: severity, obligations, insights and mitigations."""

    claim: Claim
    severity: Severity
    obligations: list[Obligation] = Field(default_factory=list)
    insights: list[Statement] = Field(default_factory=list)
    mitigations: dict[str, list[Statement]] = Field(default_factory=dict)  # audience -> statements
    headline: str | None = None
    language: str = "en"


# --------------------------------------------------------------------------------------------------- sources
class SourceKind(StrEnum):
    files = "files"  # a file or a folder of txt, md, html, json, jsonl
    rss = "rss"  # an RSS or Atom feed
    ransomware_posts = "ransomware-posts"  # leak-site post metadata (group, post title, website, description)
    telegram = "telegram"  # a Telegram Desktop channel export (result.json)
    web = "web"  # one web page


class Reliability(StrEnum):
    """Admiralty (NATO) source reliability: A completely reliable ... E unreliable, F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Source(Frozen):
    """A place an analyst follows: polled by ``breachlens watch`` every ``every_seconds``."""

    name: str = Field(min_length=1, max_length=100)
    kind: SourceKind
    location: str  # path or URL
    every_seconds: int | None = Field(default=None, gt=0)
    reliability: Reliability = Reliability.F
    proxy: str | None = None  # socks5://127.0.0.1:9050 for .onion sites
    allow_private: bool = False


class Sighting(Frozen):
    """One time a document was seen in a source (the same text seen in two sources is two sightings)."""

    source: str  # source name, or the path/URL given to ``ingest``
    document_id: str
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    seen: datetime


# ------------------------------------------------------------------------------------------------ catalogue
class Breach(Frozen):
    """A known breach from a public catalogue (the Have I Been Pwned layout)."""

    name: str
    title: str
    domain: str | None = None
    breach_date: str | None = None  # ISO date
    added_date: datetime | None = None
    count: int | None = None
    data_classes: list[str] = Field(default_factory=list)  # as the catalogue writes them
    data_categories: list[str] = Field(default_factory=list)  # our taxonomy keys
    description: str | None = None
    verified: bool = True
    fabricated: bool = False
    sensitive: bool = False
    retired: bool = False
    spam_list: bool = False
    malware: bool = False
    stealer_log: bool = False


# ------------------------------------------------------------------------------------------------ incidents
class CredibilityBand(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"


class Credibility(Frozen):
    """How believable a claim is (0-100), kept apart from how reliable its source is (Admiralty letter)."""

    score: int = Field(ge=0, le=100)
    band: CredibilityBand
    admiralty: str  # source reliability letter + information credibility digit, e.g. "B2"
    factors: list[Factor] = Field(default_factory=list)


class NoveltyMatch(Frozen):
    breach: str  # Breach.name
    title: str
    breach_date: str | None = None
    count: int | None = None
    reasons: list[str] = Field(default_factory=list)  # "same victim", "2024-03", "43M records", "same categories"
    score: float = 0.0


class Novelty(Frozen):
    """Whether an incident is new or a probable re-post or repackaging of a known breach."""

    status: Literal["new", "repost", "unknown"]  # unknown: no catalogue to compare with, or no victim name
    matches: list[NoveltyMatch] = Field(default_factory=list)


class Incident(Frozen):
    """One breach as seen across sources: the claims about it, its dates, counts, data, actors and sources."""

    id: int | None = None
    victim: Victim | None = None
    victim_key: str | None = None  # normalised victim identity used for clustering
    claim_ids: list[int] = Field(default_factory=list)
    claim_type: ClaimType = ClaimType.other
    breach_date: str | None = None  # when the breach happened (ISO, as precise as known)
    first_seen: datetime
    last_seen: datetime
    records_range: tuple[int, int] | None = None
    data_categories: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    venues: list[str] = Field(default_factory=list)
    sightings: list[Sighting] = Field(default_factory=list)
    severity: Severity | None = None
    credibility: Credibility | None = None
    novelty: Novelty | None = None


# ------------------------------------------------------------------------------------------------ samples
# A leaked sample is profiled in memory; what these models keep is aggregates and redacted examples, never a
# value in clear (privacy rules of DESIGN.md).
class SampleVerdictKind(StrEnum):
    plausible = "plausible"  # looks like real data of its kind; nothing matches a registered dump
    recycled = "recycled"  # a large share of its identifiers is in a registered dump
    fabricated = "fabricated"  # checksums fail, combinations are impossible, generator fingerprints
    inconclusive = "inconclusive"  # too little to judge (few rows, no identifier column)


class ReadInfo(Frozen):
    """How a sample file was read: its format, encoding, delimiter, rows, and the damage met on the way."""

    source: str
    format: str  # csv, json, jsonl, sql, xlsx
    encoding: str | None = None
    delimiter: str | None = None
    container: str | None = None  # gz, zip
    member: str | None = None  # the file read inside a zip
    columns: list[str] = Field(default_factory=list)
    rows: int = 0
    damage: list[str] = Field(default_factory=list)  # "line 1204: unterminated quote; the rest was skipped"


class ColumnProfile(Frozen):
    """What one column holds, decided from its values with its header as a hint."""

    name: str
    position: int
    kind: str | None = None  # detector key (email, phone, first_name, postal_code, nir, iban, ...) or None
    category: str | None = None  # taxonomy key of the data categories (email, phone, name, national_id, ...)
    score: float = 0.0  # how sure: share of filled values matching the kind, raised by a header hint
    header_hint: str | None = None  # the kind the header name suggests
    rows: int = 0
    filled: int = 0
    matched: int = 0  # filled values whose form matches the kind
    valid: int = 0  # matched values that also pass the kind's checks (checksum, range, known code)
    distinct: int | None = None  # estimated distinct values
    oldest: str | None = None  # date columns: ISO dates (dates of birth: the year only)
    newest: str | None = None
    examples: list[str] = Field(default_factory=list)  # redacted ("j***@o****.fr")
    notes: list[str] = Field(default_factory=list)

    @property
    def validity(self) -> float | None:
        return self.valid / self.matched if self.matched else None


class SampleCheck(Frozen):
    """One consistency or fabrication test over a sample: how many rows or values it looked at, how many failed."""

    name: str  # e.g. "postal_code_city", "nir_birth", "luhn_payment_card", "digit_uniformity"
    kind: Literal["consistency", "validity", "fabrication", "freshness"]
    checked: int = 0
    failed: int = 0
    reason: str = ""  # in words, with the figures
    suspicious: bool = False  # the result points at fabrication

    @property
    def failure_rate(self) -> float:
        return self.failed / self.checked if self.checked else 0.0


class Overlap(Frozen):
    """How much of a sample's identifiers a registered dump holds."""

    dump: str
    shared: int
    sample_identifiers: int
    dump_identifiers: int
    method: Literal["exact", "estimate"] = "exact"

    @property
    def ratio(self) -> float:
        return self.shared / self.sample_identifiers if self.sample_identifiers else 0.0


class FlowMatch(Frozen):
    """A data flow of the owner the sample may have leaked from: by its canaries, else by schema similarity."""

    flow: str
    canaries: int = 0  # canary records of the flow found in the sample
    schema_similarity: float = 0.0  # 0-1
    reasons: list[str] = Field(default_factory=list)


class SampleReport(Frozen):
    """The verification of a leaked sample: how it was read, its columns, checks, overlaps, flows and verdict."""

    read: ReadInfo
    columns: list[ColumnProfile] = Field(default_factory=list)
    duplicate_rows: int = 0
    checks: list[SampleCheck] = Field(default_factory=list)
    overlaps: list[Overlap] = Field(default_factory=list)
    flows: list[FlowMatch] = Field(default_factory=list)
    verdict: SampleVerdictKind = SampleVerdictKind.inconclusive
    reasons: list[str] = Field(default_factory=list)
    data_categories: list[str] = Field(default_factory=list)
    claim_comparison: list[str] = Field(default_factory=list)  # against the claim: count, categories


# ------------------------------------------------------------------------------------------- alerts (issue 7)
class Watchlist(Frozen):
    """What an organisation wants to hear about: its names, domains, brands, keywords, and where to send alerts.

    ``notify`` targets are ``webhook:URL``, ``slack:URL``, ``teams:URL``, ``mattermost:URL`` or
    ``email:ADDRESS``. With ``digest``, alerts are gathered and sent once a day instead of one by one.
    """

    name: str = Field(min_length=1, max_length=100)
    terms: list[str] = Field(default_factory=list)  # organisation names and aliases
    domains: list[str] = Field(default_factory=list)  # registered domains; sub-domains match too
    brands: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    email_domains: list[str] = Field(default_factory=list)
    notify: list[str] = Field(default_factory=list)
    digest: bool = False


class WatchMatch(Frozen):
    """Why a watchlist fired: which of its terms, in which field (text, victim, domain, ...), at which span."""

    watchlist: str
    kind: Literal["name", "domain", "brand", "keyword", "email_domain"]
    term: str  # the watchlist's term as written
    field: str  # "text" (the document) or a claim field: "victim", "victim.domain", "victim.aliases"
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    found: str  # the words matched, as written in the field
    score: float = 100.0  # 100 for an exact (folded) match, lower for a fuzzy one


class AlertState(StrEnum):
    new = "new"
    acknowledged = "acknowledged"
    resolved = "resolved"


class Alert(Frozen):
    """One incident (or, before incidents are built, one claim) that concerns one watchlist."""

    id: int
    watchlist: str
    incident_id: int | None = None
    claim_ids: list[int] = Field(default_factory=list)
    state: AlertState = AlertState.new
    victim: str | None = None
    sources: int = 0  # distinct sources of the incident when last notified
    records: int | None = None  # highest count of the incident when last notified
    updates: int = 0  # how many times the incident grew since the alert was raised
    matches: list[WatchMatch] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime


# ------------------------------------------------------------------------------------------------ exposure
# The exposure index keeps keyed hashes of identifiers only (breachlens.exposure); these models describe what it
# knows about each indexed breach and what a lookup answers.
class IndexedBreach(Frozen):
    """A breach in the exposure index: its catalogue metadata and how it is indexed."""

    number: int = Field(ge=1, le=65535)  # stored beside each identifier hash (uint16)
    breach: Breach
    identifiers: int = Field(default=0, ge=0)  # distinct identifiers indexed
    public: bool = False  # SHA-1 hashes kept too, so the k-anonymity range API and public page answer for it
    sector: str | None = None  # victim sector (knowledge/sectors.yaml key): picks the advice
    modified_date: datetime | None = None


class Advice(Frozen):
    """What to do about one exposed data class, in one language."""

    category: str  # taxonomy key (knowledge/categories.yaml) or "general"
    text: str
    rule: str  # the advice.yaml entry it came from, e.g. "phone" or "phone/telecom"


class Exposure(Frozen):
    """The answer to "was this identifier in a breach, and what should I do?" (never holds the identifier)."""

    kind: Literal["email", "phone"]
    breaches: list[Breach] = Field(default_factory=list)
    data_categories: list[str] = Field(default_factory=list)
    advice: list[Advice] = Field(default_factory=list)
    language: str = "en"
