"""The extraction pipeline: one document in, one evidenced claim out.

Each stage reads the shared :class:`~breachlens.extract.context.Context` and returns its value with the
evidence spans it came from; the order below is the only coupling between them (the actor is read before the
victim, so that a group is never taken for its victim).
"""

from __future__ import annotations

from functools import cache

from breachlens import knowledge
from breachlens.extract.actors import extract_actor, extract_venue
from breachlens.extract.categories import extract_categories
from breachlens.extract.claim_type import extract_claim_type
from breachlens.extract.context import Context
from breachlens.extract.dates import extract_date
from breachlens.extract.language import detect_language
from breachlens.extract.lexicon import Matcher, cue_terms
from breachlens.extract.price import extract_price
from breachlens.extract.records import extract_records
from breachlens.extract.text import clean_input, html_to_text, looks_like_html
from breachlens.extract.victim import VictimFinding, extract_victim, victim_country
from breachlens.model import Claim, Document, Evidence, Victim

__all__ = ["extract", "prepare", "MAX_ANALYSED_CHARS", "EXTRACTOR_VERSION"]

EXTRACTOR_VERSION = "1"
MAX_ANALYSED_CHARS = 200_000  # a claim is a post or an article; past this we read the beginning only


def prepare(raw: str, source: str = "-", **metadata: object) -> Document:
    """The document for a raw input: HTML made text, line ends and control characters normalised."""
    content_type = "text"
    text = clean_input(raw)
    if looks_like_html(text):
        text = clean_input(html_to_text(text))
        content_type = "html"
    return Document.from_text(text, source=source, content_type=content_type, metadata=dict(metadata))


@cache
def _sector_matcher() -> Matcher[str]:
    entries: list[tuple[str, str]] = []
    for key, sector in knowledge.load("sectors").sectors.items():
        entries.extend((term, key) for words in sector.terms.values() for term in words)
    entries.extend((term, "") for term in cue_terms("not_sector"))  # longer phrases that name no sector
    return Matcher(entries)


def _sector(ctx: Context, finding: VictimFinding | None) -> str | None:
    if finding is not None and finding.sector:
        return finding.sector
    scores: dict[str, float] = {}
    anchors = finding.mentions if finding else []
    for match in _sector_matcher().find(ctx.folded, longest=True):
        if match.start >= ctx.commentary_start:
            continue
        weight = 0.5
        if any(abs(match.start - s) <= 60 or abs(match.end - e) <= 60 for s, e in anchors):
            weight = 2.0
        elif finding is None and ctx.cue_near("record_nouns", match.start, match.end, before=30, after=30):
            weight = 1.5
        for key in match.payloads:
            if key:
                scores[key] = scores.get(key, 0.0) + weight
    if not scores:
        return None
    key, score = max(scores.items(), key=lambda kv: kv[1])
    return key if score >= 1.0 else None


# Flags a text raises by its own words, before any commentary: flag -> lexicon cue.
_CUE_FLAGS = {"vulnerable": "vulnerable", "public_data": "public_data", "partial_card": "partial_card",
              "integrity_loss": "integrity_loss", "availability_loss": "availability_loss",
              "permanent_loss": "permanent_loss"}


def _flags(ctx: Context, sector: str | None) -> tuple[list[str], list[Evidence]]:
    flags: list[str] = []
    evidence: list[Evidence] = []
    for flag, cue in _CUE_FLAGS.items():
        found = [m for m in ctx.cues(cue) if m.start < ctx.commentary_start]
        if found:
            flags.append(flag)
            evidence.append(ctx.evidence(f"flags.{flag}", found[0].start, found[0].end, rule=f"cue:{cue}"))
    sectors = knowledge.load("sectors").sectors
    if "vulnerable" not in flags and sector in sectors and sectors[sector].vulnerable:
        flags.append("vulnerable")
    if "availability_loss" in flags and "permanent_loss" in flags:
        flags.remove("availability_loss")
    return flags, evidence


def extract(document: Document, language: str | None = None) -> Claim:
    """The claim that ``document`` makes, every value with the evidence it came from."""
    text = document.text
    flags: list[str] = []
    if len(text) > MAX_ANALYSED_CHARS:
        text = text[:MAX_ANALYSED_CHARS]
        flags.append("truncated_input")
    ctx = Context(text, language=language or detect_language(text))
    evidence: list[Evidence] = []

    categories, found = extract_categories(ctx)
    evidence += found
    records, found = extract_records(ctx)
    evidence += found
    price, found = extract_price(ctx)
    evidence += found
    actor, found = extract_actor(ctx)
    evidence += found
    venue, found = extract_venue(ctx)
    evidence += found

    exclude = set()
    if actor is not None:
        exclude |= {actor.name, *actor.aliases}
    if venue is not None:
        exclude.add(venue)
    finding, found = extract_victim(ctx, exclude=exclude)
    evidence += found
    actor_spans = [(actor.start, actor.end)] if actor else []
    country, country_evidence = victim_country(ctx, finding, actor_spans)
    if country_evidence is not None:
        evidence.append(country_evidence)
    sector = _sector(ctx, finding)
    victim = None
    if finding is not None or country or sector:
        victim = Victim(
            name=finding.name if finding else None,
            aliases=[a for a in (finding.aliases if finding else []) if a != (finding.name if finding else None)],
            country=country, sector=sector, domain=finding.domain if finding else None,
        )
    claim_type, found = extract_claim_type(ctx, actor.kind if actor else None, price)
    evidence += found
    date, found = extract_date(ctx)
    evidence += found
    found_flags, found = _flags(ctx, sector)
    flags += found_flags
    evidence += found
    return Claim(
        source=document.source,
        document_id=document.id,
        language=ctx.language,
        claim_type=claim_type,
        victim=victim,
        records=records.value if records else None,
        records_range=records.range if records else None,
        data_categories=categories,
        price=price,
        actor=actor.name if actor else None,
        actor_aliases=list(actor.aliases) if actor else [],
        venue=venue,
        date=date,
        evidence=sorted(evidence, key=lambda e: (e.start, e.field)),
        flags=flags,
    )
