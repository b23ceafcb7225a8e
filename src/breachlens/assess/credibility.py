"""Credibility: how believable an incident is, kept apart from how reliable its source is.

Intelligence practice grades the two separately (the Admiralty or NATO system): the source's reliability is a
letter, A (completely reliable) to F (cannot be judged), given by the analyst per source; the information's
credibility is a digit, 1 (confirmed by independent sources) to 6 (cannot be judged). This module scores the
information 0-100 from five factors, each a :class:`~breachlens.model.Factor` named by its key, with its
points, its reason (in the language asked for) and the facts behind it (:func:`factor_label` words the key):

* **actor** — the actor's track record (earlier claims that matched a catalogue breach, re-posts) and kind;
* **venue** — a known forum, market or leak site with a reputation and escrow, or an unknown place;
* **specificity** — a list of fields, an exact non-round count, a sample, escrow, a price;
* **consistency** — several independent sources raise it, counts that contradict each other lower it;
* **novelty** — a re-post of a real known breach means the data very likely exists.

The Admiralty digit comes from the score and corroboration (independent sources or a catalogue match). Points,
bands and wording (English and French) are data, in ``knowledge/credibility.yaml``.

Example::

    result = credibility(incident, claims, reliability=Reliability.B, novelty=novelty(incident, catalogue))
    print(result.score, result.band, result.admiralty, [f.reason for f in result.factors])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from breachlens import knowledge
from breachlens.assess.incidents import Cluster, counts_close, format_count
from breachlens.assess.novelty import Catalogue
from breachlens.extract.lexicon import Matcher
from breachlens.extract.text import fold
from breachlens.knowledge.schemas import FactorName, Score
from breachlens.model import Claim, Credibility, CredibilityBand, Factor, Incident, Novelty, Reliability

__all__ = ["ActorHistory", "actor_histories", "admiralty_digit", "band_of", "credibility", "factor_label"]


@dataclass(frozen=True, slots=True)
class ActorHistory:
    """What an actor claimed before: how many claims, how many matched a catalogue breach, how many re-posts.

    Example::

        ActorHistory(claims=12, matched=9, reposts=1)
    """

    claims: int
    matched: int = 0
    reposts: int = 0


def actor_histories(assessed: Iterable[tuple[Cluster | Incident, Novelty]]) -> dict[str, ActorHistory]:
    """Each actor's track record over the store, from every incident and its novelty.

    ``claims`` counts the actor's incidents, ``matched`` those that match a catalogue breach (the data was real),
    ``reposts`` those among them first seen more than ``novelty.repost_after_days`` after the breach happened
    (old data sold as new).

    Example::

        histories = actor_histories((found, novelty(found, catalogue)) for found in clusters)
    """
    after = timedelta(days=knowledge.load("credibility").novelty.repost_after_days)
    claims: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    reposts: Counter[str] = Counter()
    for incident, result in assessed:
        best = result.matches[0] if result.status == "repost" and result.matches else None
        old = False
        if best is not None and best.breach_date:
            happened = _day(best.breach_date)
            old = happened is not None and incident.first_seen - happened > after
        for actor in dict.fromkeys(incident.actors):
            claims[actor] += 1
            matched[actor] += best is not None
            reposts[actor] += old
    return {actor: ActorHistory(claims=claims[actor], matched=matched[actor], reposts=reposts[actor])
            for actor in claims}


def _day(value: str) -> datetime | None:
    """The first moment of an ISO date written to any precision ("2024", "2024-03", "2024-03-05")."""
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return datetime(numbers[0], numbers[1], numbers[2], tzinfo=UTC)
    except (ValueError, IndexError):
        return None


def _rules() -> Score:
    rules: Score = knowledge.load("credibility").score
    return rules


def _say(key: str, lang: str, **values: object) -> str:
    texts = _rules().messages[key]
    return (texts.get(lang) or texts["en"]).format(**values)


def factor_label(name: FactorName, lang: str = "en") -> str:
    """How a report names credibility factor ``name`` (``actor``, ``venue``, ``specificity``, ``consistency``,
    ``novelty``) in ``lang``.

    Example::

        >>> factor_label("actor", "fr")
        "historique de l'acteur"
    """
    names = _rules().names.get(name, {})
    return str(names.get(lang) or names.get("en") or name)


def _factor(key: FactorName, value: float, reasons: list[str], evidence: list[str], lang: str) -> Factor:
    return Factor(name=key, value=round(value, 1), reason="; ".join(reasons), evidence=evidence)


@cache
def _actors() -> dict[str, tuple[str, str]]:
    """Folded actor name or alias -> (name, kind)."""
    table: dict[str, tuple[str, str]] = {}
    for actor in knowledge.load("actors").actors:
        for name in (actor.name, *actor.aliases):
            table.setdefault(" ".join(fold(name).split()), (actor.name, actor.kind))
    return table


@cache
def _venues() -> dict[str, tuple[str, str, bool | None]]:
    """Folded venue name or alias -> (name, kind, active)."""
    table: dict[str, tuple[str, str, bool | None]] = {}
    for venue in knowledge.load("venues").venues:
        for name in (venue.name, *venue.aliases):
            table.setdefault(" ".join(fold(name).split()), (venue.name, venue.kind, venue.active))
    return table


@cache
def _signal_matcher() -> Matcher[str]:
    """Terms of the specificity signals (sample, escrow): their lexicon cues and their own terms."""
    from breachlens.extract.lexicon import cue_terms

    cues = knowledge.load("lexicon").cues
    entries: list[tuple[str, str]] = []
    for signal, spec in _rules().specificity.signals.items():
        for cue in spec.cues:
            if cue in cues:
                entries.extend((term, signal) for term in cue_terms(cue))
        entries.extend((term, signal) for term in spec.terms)
    return Matcher(entries)


# ------------------------------------------------------------------------------------------------ factors
def _actor(incident: Cluster | Incident, claims: Sequence[Claim], history: ActorHistory | None,
           lang: str) -> Factor:
    rules = _rules().actor
    names = list(incident.actors) or [c.actor for c in claims if c.actor]
    if not names:
        return _factor("actor", 0, [_say("actor_none", lang)], [], lang)
    actor = names[0]
    value = 0.0
    reasons: list[str] = []
    evidence = [f"actor={actor}"]
    known = _actors().get(" ".join(fold(actor).split()))
    if known is not None:
        points = rules.kinds.get(known[1], 0)
        value += points
        reasons.append(_say("actor_kind", lang, actor=known[0], kind=known[1]))
        evidence.append(f"actor.kind={known[1]}")
    if history is not None and history.claims > 0:
        weight = min(1.0, history.claims / rules.min_claims)
        ratio = min(history.matched, history.claims) / history.claims
        value += rules.max * (2 * ratio - 1) * weight
        value -= rules.repost_penalty * min(history.reposts, history.claims) / history.claims * weight
        reasons.append(_say("actor_history", lang, actor=actor, claims=history.claims, matched=history.matched,
                            reposts=history.reposts))
        evidence += [f"actor.claims={history.claims}", f"actor.matched={history.matched}",
                     f"actor.reposts={history.reposts}"]
    elif known is None:
        reasons.append(_say("actor_unknown", lang, actor=actor))
    return _factor("actor", value, reasons, evidence, lang)


def _venue(incident: Cluster | Incident, claims: Sequence[Claim], lang: str) -> tuple[Factor, bool]:
    """The venue factor and whether the venue offers escrow."""
    rules = _rules().venue
    names = list(incident.venues) or [c.venue for c in claims if c.venue]
    if not names:
        return _factor("venue", rules.none, [_say("venue_none", lang)], [], lang), False
    best: tuple[float, list[str], list[str], bool] | None = None
    for name in dict.fromkeys(names):
        known = _venues().get(" ".join(fold(name).split()))
        if known is None:
            candidate = (rules.unknown, [_say("venue_unknown", lang, venue=name)], [f"venue={name}"], False)
        else:
            venue, kind, active = known
            value = rules.kinds.get(kind, 0)
            reasons = [_say("venue_kind", lang, venue=venue, kind=kind)]
            evidence = [f"venue={venue}", f"venue.kind={kind}"]
            reputation = rules.reputation.get(venue)
            escrow = False
            if reputation is not None:
                value += reputation.points
                reasons.append(_say("venue_reputation", lang, venue=venue))
                if reputation.escrow:
                    escrow = True
                    reasons.append(_say("venue_escrow", lang, venue=venue))
                    evidence.append("venue.escrow")
            if active is False:
                value += rules.inactive
                reasons.append(_say("venue_inactive", lang, venue=venue))
                evidence.append("venue.active=false")
            candidate = (value, reasons, evidence, escrow)
        if best is None or candidate[0] > best[0]:
            best = candidate
    assert best is not None
    return _factor("venue", best[0], best[1], best[2], lang), best[3]


def _exact(count: int, digits: int) -> bool:
    """A count that is not round: at least ``digits`` significant digits (22,043,118 but not 22,000,000)."""
    return len(str(count).rstrip("0")) >= digits


def _signals(claims: Sequence[Claim], texts: Sequence[str]) -> dict[str, str]:
    """Signal -> the fact that shows it (a flag, an evidence field or a quote of the text)."""
    found: dict[str, str] = {}
    wanted = set(_rules().specificity.signals)
    for claim in claims:
        for flag in claim.flags:
            if flag in wanted:
                found.setdefault(flag, f"flags={flag}")
        for item in claim.evidence:
            name = item.field.removeprefix("flags.").rsplit(".", 1)[-1]
            if name in wanted:
                found.setdefault(name, f"{item.field}: {item.text!r}")
    for text in texts:
        for match in _signal_matcher().find(fold(text)):
            for signal in match.payloads:
                found.setdefault(signal, f"text: {text[match.start:match.end]!r}")
    return found


def _specificity(incident: Cluster | Incident, claims: Sequence[Claim], texts: Sequence[str],
                 venue_escrow: bool, lang: str) -> Factor:
    rules = _rules().specificity
    value = 0.0
    reasons: list[str] = []
    evidence: list[str] = []
    fields = max([len(c.data_categories) for c in claims] or [len(incident.data_categories)])
    if fields >= rules.min_fields:
        value += rules.field_list
        reasons.append(_say("field_list", lang, n=fields))
        evidence.append(f"data_categories={fields}")
    elif claims or incident.data_categories:
        reasons.append(_say("few_fields", lang, n=fields))
    counts = [c.records for c in claims if c.records] or (
        [incident.records_range[0]] if incident.records_range and not claims else [])
    exact = [n for n in counts if _exact(n, rules.min_significant_digits)]
    if exact:
        value += rules.exact_count
        reasons.append(_say("exact_count", lang, count=f"{exact[0]:,}"))
        evidence.append(f"records={exact[0]}")
    elif counts:
        value += rules.round_count
        reasons.append(_say("round_count", lang, count=format_count(counts[0])))
        evidence.append(f"records={counts[0]}")
    else:
        value += rules.no_count
        reasons.append(_say("no_count", lang))
    signals = _signals(claims, texts)
    if "sample" in signals:
        value += rules.sample
        reasons.append(_say("sample", lang))
        evidence.append(signals["sample"])
    if "escrow" in signals and not venue_escrow:  # the venue's escrow already counted under venue
        value += rules.escrow
        reasons.append(_say("escrow", lang))
        evidence.append(signals["escrow"])
    prices = [c.price for c in claims if c.price is not None]
    if prices:
        price = prices[0]
        shown = f"{price.amount:,} {price.currency or ''}".strip()
        value += rules.price
        reasons.append(_say("price", lang, price=shown))
        evidence.append(f"price={shown}")
    return _factor("specificity", value, reasons, evidence, lang)


def _sources(incident: Cluster | Incident, claims: Sequence[Claim]) -> list[str]:
    found: dict[str, None] = {}
    if isinstance(incident, Cluster):
        found.update(dict.fromkeys(incident.sources))
    else:
        found.update(dict.fromkeys(s.source for s in incident.sightings))
    found.update(dict.fromkeys(c.source for c in claims))
    return list(found)


def _consistency(incident: Cluster | Incident, claims: Sequence[Claim], lang: str) -> tuple[Factor, int]:
    rules = _rules()
    points = rules.consistency
    sources = _sources(incident, claims)
    value = 0.0
    reasons: list[str] = []
    evidence = [f"source={s}" for s in sources]
    if len(sources) > 1:
        value += min(points.max_sources, points.per_source * (len(sources) - 1))
        reasons.append(_say("sources", lang, n=len(sources)))
    else:
        reasons.append(_say("one_source", lang))
    counts = sorted({c.records for c in claims if c.records})
    if not claims and isinstance(incident, Cluster):
        counts = sorted(set(incident.counts))
    if len(counts) > 1:
        tolerance = knowledge.load("credibility").clustering.count_tolerance
        shown = ", ".join(format_count(n) for n in counts)
        if counts_close((counts[0], counts[0]), (counts[-1], counts[-1]), tolerance):
            reasons.append(_say("consistent_counts", lang, counts=shown))
        else:
            value += points.contradicting_counts
            reasons.append(_say("contradicting_counts", lang, counts=shown))
            evidence.append(f"records={counts[0]}..{counts[-1]}")
    return _factor("consistency", value, reasons, evidence, lang), len(sources)


def _novelty(result: Novelty | None, catalogue: Catalogue | None, lang: str) -> tuple[Factor, bool]:
    """The novelty factor and whether a verified catalogue breach corroborates the incident."""
    points = _rules().novelty
    if result is None or result.status == "unknown":
        return _factor("novelty", points.unknown, [_say("unknown", lang)], [], lang), False
    if result.status == "new" or not result.matches:
        return _factor("novelty", points.new, [_say("new", lang)], ["novelty=new"], lang), False
    match = result.matches[0]
    breach = catalogue.get(match.breach) if catalogue is not None else None
    evidence = ["novelty=repost", f"breach={match.breach}"]
    if breach is not None and breach.fabricated:
        return _factor("novelty", points.repost_fabricated, [_say("repost_fabricated", lang, breach=match.title)],
                       [*evidence, "breach.fabricated"], lang), False
    if breach is not None and not breach.verified:
        return _factor("novelty", points.repost_unverified, [_say("repost_unverified", lang, breach=match.title)],
                       [*evidence, "breach.verified=false"], lang), False
    return _factor("novelty", points.repost_verified, [_say("repost_verified", lang, breach=match.title)],
                   evidence, lang), True


# ------------------------------------------------------------------------------------------------- score
def band_of(score: float) -> CredibilityBand:
    """The credibility band of ``score`` (low < 40 <= moderate < 70 <= high, from credibility.yaml).

    Example::

        >>> band_of(39), band_of(40), band_of(70)
        (<CredibilityBand.low: 'low'>, <CredibilityBand.moderate: 'moderate'>, <CredibilityBand.high: 'high'>)
    """
    for band in _rules().bands:
        if score >= band.min:
            return CredibilityBand(band.band)
    return CredibilityBand.low  # pragma: no cover - the schema guarantees a band at 0


def admiralty_digit(score: float, corroborated: bool, judged: bool) -> int:
    """The Admiralty information-credibility digit: 1 confirmed ... 5 improbable, 6 cannot be judged.

    Example::

        >>> admiralty_digit(80, True, True), admiralty_digit(80, False, True), admiralty_digit(50, False, False)
        (1, 2, 6)
    """
    if not judged:
        return 6
    for rule in _rules().admiralty:
        if score >= rule.min_score and (rule.corroborated is None or rule.corroborated == corroborated):
            return rule.digit
    return 6  # pragma: no cover - the last rule starts at 0


def credibility(incident: Cluster | Incident, claims: list[Claim], *, reliability: Reliability = Reliability.F,
                actor_history: ActorHistory | None = None, novelty: Novelty | None = None,
                catalogue: Catalogue | None = None, texts: list[str] | None = None,
                lang: str = "en") -> Credibility:
    """How credible ``incident`` is (0-100, band, Admiralty code), from the claims about it.

    ``reliability`` is the analyst's grade of the source (the Admiralty letter), not computed here.
    ``catalogue`` (optional) tells whether the breach a re-post matches was verified or fabricated; ``texts``
    (optional) are the documents' texts, read for a sample or escrow.

    Example::

        result = credibility(incident, claims, reliability=Reliability.B,
                             actor_history=ActorHistory(claims=12, matched=9), novelty=novelty(incident, catalogue))
        result.admiralty  # "B2"
    """
    rules = _rules()
    actor = _actor(incident, claims, actor_history, lang)
    venue, venue_escrow = _venue(incident, claims, lang)
    specificity = _specificity(incident, claims, texts or [], venue_escrow, lang)
    consistency, sources = _consistency(incident, claims, lang)
    novelty_factor, confirmed = _novelty(novelty, catalogue, lang)
    factors = [actor, venue, specificity, consistency, novelty_factor]
    score = int(round(max(0.0, min(100.0, rules.base + sum(f.value for f in factors)))))
    corroborated = confirmed or sources >= rules.independent_sources
    victim = incident.victim
    judged = bool((victim is not None and victim.name) or incident.records_range or incident.data_categories
                  or any(c.records or c.data_categories for c in claims))  # something that could be checked
    digit = admiralty_digit(score, corroborated, judged)
    return Credibility(score=score, band=band_of(score), admiralty=f"{reliability.value}{digit}", factors=factors)
