"""Incidents: the claims about one breach, clustered across sources and languages.

Two claims are one incident when they name one victim and describe one data set:

* **One victim.** Names are reduced to a victim key (:func:`victim_key`): the gazetteer's canonical name when
  the name, an alias or the domain is known ("Pôle emploi", "Pole-Emploi" and "francetravail.fr" are all
  ``france travail``), otherwise the folded name without punctuation, leading articles and legal forms
  ("INFORMATICA.COM" and "Informatica Inc." are ``informatica``). Two different keys are one victim when one is
  the start of the other, word by word, and no other victim shares that start ("DILLARD" and "Dillard Door &
  Security"), or when their distinctive words are nearly the same (rapidfuzz) and their generic words are the
  same ("Globex Bank" is not "Globex Insurance").
  Generic words (``national``, ``bank``, ``of``...) never make two names one victim, and short names are never
  matched fuzzily ("Acme" is not "Acmeo").
* **One data set.** Counts within a tolerance (or missing on one side), breach dates that agree (or missing on
  one side), and a sighting within ``window_days`` of the incident's last sighting unless the breach date
  matches. A victim with several data sets (a 22M sale, a 340k leak, a 4.8M set of health data) has several
  incidents on its timeline.

Candidates are found through dictionaries keyed by victim-key words (exact key, word prefixes, a three-letter
bucket for fuzzy names): never all pairs. The thresholds are data, in ``knowledge/credibility.yaml``.

Example::

    clusterer = Clusterer()
    number = clusterer.add(ClaimRecord(claim_id=1, victim=Victim(name="Pôle emploi"), seen=now, records=None,
                                       records_range=None, data_categories=["email"], date="2024-03",
                                       actor=None, venue=None, claim_type=ClaimType.sale, source="forum"))
    for incident in clusterer.clusters():
        print(incident.number, incident.victim_key, incident.claim_ids, incident.why)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from breachlens import knowledge
from breachlens.extract.lexicon import cue_terms
from breachlens.extract.text import fold
from breachlens.knowledge.schemas import Clustering, CredibilityRules
from breachlens.model import Claim, ClaimType, Incident, Sighting, Victim

__all__ = ["ClaimRecord", "Cluster", "Clusterer", "Resolution", "cluster", "date_span", "format_count",
           "counts_close", "dates_close", "resolve_victim", "victim_key"]


# ------------------------------------------------------------------------------------------------ identity
def _rules() -> CredibilityRules:
    rules: CredibilityRules = knowledge.load("credibility")
    return rules


_NON_WORD = re.compile(r"[\W_]+")
_INITIAL_DOT = re.compile(r"(?<![\w.])(\w)\.(?=\w|$|\s)")  # "S.A." -> "SA.", then "SA"
_POSSESSIVE = re.compile(r"['’]s\b")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}$")


def _words(text: str) -> list[str]:
    """Folded words of a name: no accents, case, punctuation or possessive; initials joined ("S.A." -> "sa")."""
    folded = fold(text)
    if "'" in folded:
        folded = _POSSESSIVE.sub("", folded)
    if "." in folded:
        previous = None
        while previous != folded:
            previous, folded = folded, _INITIAL_DOT.sub(r"\1", folded)
    return _NON_WORD.sub(" ", folded).split()


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(" ".join(_words(w)) for w in _rules().identity.legal_forms)


@cache
def _articles() -> frozenset[str]:
    return frozenset(" ".join(_words(w)) for w in _rules().identity.leading_articles)


@cache
def _generic() -> frozenset[str]:
    words = {w for term in _rules().identity.generic_words for w in _words(term)}
    for term in cue_terms("org_suffix"):
        words.update(_words(term))
    return frozenset(words | _legal_forms())


def _strip(words: list[str]) -> list[str]:
    """Leading articles and trailing legal forms dropped (one word always stays)."""
    words = list(words)
    articles, legal = _articles(), _legal_forms()
    while len(words) > 1 and words[0] in articles:
        words.pop(0)
    while len(words) > 1 and words[-1] in legal:
        words.pop()
    return words


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a victim name became its key: ``how`` is ``name``, ``alias``, ``domain`` or ``gazetteer``."""

    key: str
    how: str
    via: str  # the alias, domain or name that decided
    canonical: str | None = None  # the gazetteer's name, when the victim is in it

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.key.split())


@cache
def _gazetteer() -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    """(words -> (canonical name, how, surface), domain -> canonical name) of organisations.yaml."""
    names: dict[str, tuple[str, str, str]] = {}
    domains: dict[str, str] = {}
    orgs = knowledge.load("organisations").organisations
    for org in orgs:
        for surface, how in [(org.name, "gazetteer"), *((alias, "alias") for alias in org.aliases)]:
            words = _words(surface)
            if not words:
                continue
            for form in (words, _strip(words)):
                names.setdefault(" ".join(form), (org.name, how, surface))
                names.setdefault("".join(form), (org.name, how, surface))
        if org.domain:
            domains.setdefault(org.domain.lower(), org.name)
    for org in orgs:  # registrable parts after every full domain, so "pajemploi.urssaf.fr" keeps its own
        if org.domain:
            parts = _registrable(org.domain.lower())
            if parts:
                domains.setdefault(".".join(parts), org.name)
    return names, domains


def _registrable(domain: str) -> tuple[str, str] | None:
    from breachlens.extract.geo import registrable

    return registrable(domain)


def _canonical_key(name: str) -> str:
    return " ".join(_words(name))


def _from_domain(domain: str, *, gazetteer_only: bool) -> Resolution | None:
    domain = domain.strip().lower().rstrip(".")
    domain = domain.removeprefix("www.")
    _, domains = _gazetteer()
    parts = _registrable(domain)
    for form in (domain, ".".join(parts) if parts else None):
        if form and form in domains:
            canonical = domains[form]
            return Resolution(_canonical_key(canonical), "domain", domain, canonical)
    if gazetteer_only or parts is None:
        return None
    words = _strip(_words(parts[0]))
    return Resolution(" ".join(words), "domain", domain) if words else None


@lru_cache(maxsize=500_000)
def resolve_victim(name: str | None, domain: str | None = None) -> Resolution | None:
    """The victim key of a name (and domain) and how it was found; None when there is neither.

    Example::

        >>> resolve_victim("Pole-Emploi")
        Resolution(key='france travail', how='alias', via='Pôle emploi', canonical='France Travail')
    """
    words: list[str] = []
    if name and name.strip():
        plain = fold(name.strip()).strip(" .,;:")
        if _DOMAIN.match(plain):
            found = _from_domain(plain, gazetteer_only=False)
            if found is not None:
                return found
        words = _words(name)
        names, _ = _gazetteer()
        for form in (words, _strip(words)):
            for joined in (" ".join(form), "".join(form)):
                if joined and joined in names:
                    canonical, how, surface = names[joined]
                    return Resolution(_canonical_key(canonical), how, surface, canonical)
    if domain:
        found = _from_domain(domain, gazetteer_only=True)
        if found is not None:
            return found
    if words:
        return Resolution(" ".join(_strip(words)), "name", name or "")
    if domain:
        return _from_domain(domain, gazetteer_only=False)
    return None


def victim_key(name: str | None, domain: str | None = None) -> str | None:
    """The normalised identity of a victim: the gazetteer's canonical name when the name, an alias or the
    domain is known, else the folded name without punctuation, leading articles and legal forms.

    Example::

        >>> victim_key("Pôle emploi"), victim_key("INFORMATICA.COM"), victim_key("The Acme Company, Inc.")
        ('france travail', 'informatica', 'acme')
    """
    found = resolve_victim(name, domain)
    return found.key if found else None


# ------------------------------------------------------------------------------------------ counts, dates
def format_count(value: int) -> str:
    """A count as people write it: round counts short ("22M", "340k", "4.8M"), exact ones in full.

    Example::

        >>> format_count(22_000_000), format_count(4_800_000), format_count(22_043_118)
        ('22M', '4.8M', '22,043,118')
    """
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if value >= size:
            short = value / size
            if short == int(short):
                return f"{int(short)}{unit}"
            if round(short, 1) * size == value:
                return f"{short:.1f}{unit}"
            break
    return f"{value:,}"


def counts_close(left: tuple[int, int], right: tuple[int, int], tolerance: float) -> bool:
    """Whether two count ranges describe one data set: they overlap once widened by ``tolerance``.

    Example::

        >>> counts_close((22_000_000, 22_000_000), (22_043_118, 22_043_118), 0.2)
        True
    """
    return left[1] >= right[0] * (1 - tolerance) and right[1] >= left[0] * (1 - tolerance)


@lru_cache(maxsize=4096)
def date_span(value: str) -> tuple[date, date] | None:
    """First and last day an ISO date of any precision covers ("2024-03" -> 2024-03-01..2024-03-31).

    Example::

        >>> date_span("2024-02")
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            start = date(parts[0], parts[1], 1)
            following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return start, following - timedelta(days=1)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None


def dates_close(left: str, right: str, tolerance_days: int) -> bool:
    """Whether two ISO dates (any precision) can be the same breach: their spans are within the tolerance.

    Example::

        >>> dates_close("2024-03", "2024-03-13", 45), dates_close("2023", "2024-06", 45)
        (True, False)
    """
    a, b = date_span(left), date_span(right)
    if a is None or b is None:
        return True
    gap = max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)
    return gap <= tolerance_days


def _precision(value: str) -> int:
    return value.count("-")


# ------------------------------------------------------------------------------------------------ records
@dataclass(slots=True)
class ClaimRecord:
    """What clustering needs of one claim: who, how many, what, when it happened and when it was seen."""

    claim_id: int
    victim: Victim | None
    seen: datetime
    records: int | None = None
    records_range: tuple[int, int] | None = None
    data_categories: list[str] = field(default_factory=list)
    date: str | None = None
    actor: str | None = None
    venue: str | None = None
    claim_type: ClaimType = ClaimType.other
    source: str = "-"

    @classmethod
    def from_claim(cls, claim_id: int, claim: Claim, seen: datetime, source: str | None = None) -> ClaimRecord:
        """The record of a stored claim first seen at ``seen``.

        Example::

            record = ClaimRecord.from_claim(42, claim, seen=sighting.seen, source=sighting.source)
        """
        return cls(claim_id=claim_id, victim=claim.victim, seen=seen, records=claim.records,
                   records_range=claim.records_range, data_categories=list(claim.data_categories), date=claim.date,
                   actor=claim.actor, venue=claim.venue, claim_type=claim.claim_type,
                   source=source or claim.source)

    @property
    def count(self) -> tuple[int, int] | None:
        if self.records_range is not None:
            return self.records_range
        if self.records:
            return self.records, self.records
        return None


@dataclass(frozen=True, slots=True)
class Cluster:
    """One incident: the claims about one breach, its two kinds of date, counts, data, actors and venues.

    ``breach_date`` is when the breach happened (the claims' dates); ``first_seen``/``last_seen`` when it was
    seen. ``why`` says why each claim after the first joined.
    """

    number: int
    victim: Victim | None
    victim_key: str | None
    claim_ids: list[int]
    claim_type: ClaimType
    breach_date: str | None
    first_seen: datetime
    last_seen: datetime
    records_range: tuple[int, int] | None
    data_categories: list[str]
    actors: list[str]
    venues: list[str]
    sources: list[str]
    counts: list[int]
    why: list[str]

    def to_incident(self, id: int | None = None, sightings: Sequence[Sighting] = ()) -> Incident:
        """The :class:`~breachlens.model.Incident` of this cluster, for storage and reports.

        Example::

            incident = cluster.to_incident(id=7, sightings=store.sightings(cluster.claim_ids))
        """
        return Incident(id=id, victim=self.victim, victim_key=self.victim_key, claim_ids=list(self.claim_ids),
                        claim_type=self.claim_type, breach_date=self.breach_date, first_seen=self.first_seen,
                        last_seen=self.last_seen, records_range=self.records_range,
                        data_categories=list(self.data_categories), actors=list(self.actors),
                        venues=list(self.venues), sightings=list(sightings))


class _Open:
    """The mutable state of one incident while claims are added."""

    __slots__ = ("number", "identity", "canonical", "claim_ids", "names", "victims", "types", "dates",
                 "breach_date", "first_seen", "last_seen", "low", "high", "counts", "categories", "actors",
                 "venues", "sources", "why")

    def __init__(self, number: int, identity: str | None, record: ClaimRecord, canonical: str | None) -> None:
        self.number = number
        self.identity = identity
        self.canonical = canonical
        self.claim_ids: list[int] = []
        self.names: dict[str, int] = {}
        self.victims: list[Victim] = []
        self.types: dict[ClaimType, int] = {}
        self.dates: dict[str, int] = {}
        self.breach_date: str | None = None  # the most precise, then most frequent, then earliest claimed date
        self.first_seen = self.last_seen = record.seen
        self.low: int | None = None
        self.high: int | None = None
        self.counts: list[int] = []
        self.categories: set[str] = set()
        self.actors: dict[str, None] = {}
        self.venues: dict[str, None] = {}
        self.sources: dict[str, None] = {}
        self.why: list[str] = []
        self.take(record)

    def take(self, record: ClaimRecord) -> None:
        self.claim_ids.append(record.claim_id)
        victim = record.victim
        if victim is not None:
            if victim.name:
                self.names[victim.name] = self.names.get(victim.name, 0) + 1
            if len(self.victims) < 8:
                self.victims.append(victim)
        self.types[record.claim_type] = self.types.get(record.claim_type, 0) + 1
        if record.date:
            seen = self.dates[record.date] = self.dates.get(record.date, 0) + 1
            best = self.breach_date
            if best is None or (_precision(record.date), seen, best) > (_precision(best), self.dates[best],
                                                                        record.date):
                self.breach_date = record.date
        if record.seen < self.first_seen:
            self.first_seen = record.seen
        if record.seen > self.last_seen:
            self.last_seen = record.seen
        count = record.count
        if count is not None:
            self.low = count[0] if self.low is None else min(self.low, count[0])
            self.high = count[1] if self.high is None else max(self.high, count[1])
            self.counts.append(count[1] if count[0] == count[1] else count[0])
        if record.data_categories:
            self.categories.update(record.data_categories)
        if record.actor:
            self.actors[record.actor] = None
        if record.venue:
            self.venues[record.venue] = None
        self.sources[record.source] = None

    @property
    def count(self) -> tuple[int, int] | None:
        return None if self.low is None or self.high is None else (self.low, self.high)

    def freeze(self) -> Cluster:
        claim_type = max(self.types, key=self.types.__getitem__)  # the most frequent, the first on a tie
        return Cluster(
            number=self.number, victim=_merge_victims(self.victims, self.names, self.canonical),
            victim_key=self.identity, claim_ids=list(self.claim_ids), claim_type=claim_type,
            breach_date=self.breach_date, first_seen=self.first_seen, last_seen=self.last_seen,
            records_range=self.count, data_categories=sorted(self.categories), actors=list(self.actors),
            venues=list(self.venues), sources=list(self.sources), counts=list(self.counts), why=list(self.why),
        )


def _merge_victims(victims: list[Victim], names: dict[str, int], canonical: str | None) -> Victim | None:
    """One victim from the claims' victims: the gazetteer's name when known, else the fullest name written in
    mixed case ("Dillard Door & Security" rather than "DILLARD"); the other names become aliases."""
    if not victims:
        return None
    name = canonical or (max(names, key=lambda n: (not n.isupper(), len(n.split()), names[n])) if names else None)
    aliases: dict[str, None] = {}
    for other in [*names, *(a for v in victims for a in v.aliases)]:
        if other != name:
            aliases[other] = None

    def first(attr: str) -> str | None:
        values = Counter(getattr(v, attr) for v in victims if getattr(v, attr))
        return values.most_common(1)[0][0] if values else None

    return Victim(name=name, aliases=list(aliases), country=first("country"), sector=first("sector"),
                  domain=first("domain"))


# ---------------------------------------------------------------------------------------------- clusterer
class Clusterer:
    """Clusters claims into incidents as they arrive; ``clusters()`` gives the incidents so far.

    Feed records in the order they were seen (``cluster`` sorts them) to get the same incidents as a batch.

    Example::

        clusterer = Clusterer(window_days=90)
        for record in records:
            record_incident = clusterer.add(record)
        incidents = clusterer.clusters()
    """

    def __init__(self, window_days: int | None = None) -> None:
        self.settings: Clustering = _rules().clustering
        self.window = timedelta(days=window_days if window_days is not None else self.settings.window_days)
        self._open: list[_Open] = []
        self._timeline: dict[str, list[_Open]] = {}  # victim identity -> its incidents
        self._identity: dict[str, str] = {}  # victim key -> identity (the first key of that victim)
        self._members: dict[str, list[str]] = {}  # identity -> its victim keys
        self._canonical: set[str] = set()  # identities that are gazetteer organisations
        self._compact: dict[str, str] = {}  # key without spaces -> key
        self._extensions: dict[str, set[str]] = {}  # compact word prefix -> keys that start with it
        self._buckets: dict[str, list[str]] = {}  # first letters of distinctive words -> distinctive strings
        self._distinctive: dict[str, list[str]] = {}  # distinctive string -> keys
        self._link: dict[str, str] = {}  # key -> why it is the victim of its identity

    # ----------------------------------------------------------------------------------- victim identity
    def _split(self, key: str) -> tuple[str, frozenset[str]]:
        generic = _generic()
        words = key.split()
        return " ".join(w for w in words if w not in generic), frozenset(w for w in words if w in generic)

    def _identity_of(self, found: Resolution) -> str:
        key = found.key
        identity = self._identity.get(key)
        if identity is not None:
            return identity
        identity, why = self._match(found)
        if identity is None:
            identity, why = key, ""
            self._members[key] = []
            if found.canonical:
                self._canonical.add(key)
        self._identity[key] = identity
        self._members[identity].append(key)
        self._link[key] = why
        words = key.split()
        compact = "".join(words)
        self._compact.setdefault(compact, key)
        for end in range(1, len(words) + 1):
            self._extensions.setdefault("".join(words[:end]), set()).add(key)
        distinctive, _ = self._split(key)
        if distinctive:
            if distinctive not in self._distinctive:
                self._buckets.setdefault(distinctive[:3], []).append(distinctive)
            self._distinctive.setdefault(distinctive, []).append(key)
        return identity

    def _match(self, found: Resolution) -> tuple[str | None, str]:
        """The identity an unseen victim key belongs to, and why; (None, "") for a new victim."""
        key = found.key
        words = key.split()
        compact = "".join(words)
        settings = self.settings
        if compact in self._compact:  # "dillarddoor" (a domain) and "dillard door"
            other = self._compact[compact]
            return self._identity[other], f"same victim: {key} written as {other}"
        if found.canonical:
            return None, ""  # gazetteer organisations are told apart by their aliases, not by guesses
        generic = _generic()
        # word prefixes: "dillard" starts "dillard door security", or the other way round
        if words[0] not in generic:
            related: set[str] = set()
            if len(compact) >= settings.prefix_min_length:
                related.update(self._extensions.get(compact, ()))
            for end in range(1, len(words)):
                shorter = "".join(words[:end])
                if shorter in self._compact and len(shorter) >= settings.prefix_min_length:
                    related.add(self._compact[shorter])
            identities = {self._identity[k] for k in related}
            if len(identities) == 1:
                (identity,) = identities
                if identity not in self._canonical and self._chain(compact, words[0], identity):
                    other = max(related, key=len)
                    short, long = (key, other) if len(key) < len(other) else (other, key)
                    return identity, f"same victim: {short} is the start of {long}"
        # near-identical distinctive words and the same generic words
        distinctive, generic_words = self._split(key)
        if len(distinctive.replace(" ", "")) >= settings.fuzzy_min_length:
            bucket = self._buckets.get(distinctive[:3], [])
            for text, score, _ in process.extract(distinctive, bucket, scorer=fuzz.ratio,
                                                  score_cutoff=settings.fuzzy_min, limit=5):
                for other in self._distinctive[text]:
                    _, other_generic = self._split(other)
                    if generic_words == other_generic:
                        identity = self._identity[other]
                        return identity, f"same victim: name {key} ~ {other} ({score:.0f})"
        return None, ""

    def _chain(self, compact: str, first: str, identity: str) -> bool:
        """Every key of ``identity`` that starts with the same word is a prefix or an extension of ``compact``:
        "dillard plumbing" does not join "dillard" once "dillard door security" has."""
        for member in self._members[identity]:
            member_words = member.split()
            if member_words[0] != first:
                continue
            other = "".join(member_words)
            if not (other.startswith(compact) or compact.startswith(other)):
                return False
        return True

    # ------------------------------------------------------------------------------------------ incidents
    def add(self, record: ClaimRecord) -> int:
        """Add one claim; the number of the incident it belongs to (a new one or an existing one).

        Example::

            number = clusterer.add(ClaimRecord(claim_id=7, victim=Victim(name="DILLARD"), seen=now))
        """
        if record.seen.tzinfo is None:
            record = replace(record, seen=_aware(record.seen))
        victim = record.victim
        found = resolve_victim(victim.name, victim.domain) if victim is not None and victim.name else None
        if found is None or not found.key:
            return self._new(None, record, None).number
        identity = self._identity_of(found)
        best: tuple[float, _Open] | None = None
        for incident in self._timeline.get(identity, ()):
            score = self._fits(incident, record)
            if score is not None and (best is None or score > best[0]):
                best = (score, incident)
        if best is None:
            return self._new(identity, record, found).number
        incident = best[1]
        why = [self._victim_reason(found, incident), *self._reasons(incident, record)]
        incident.why.append(f"claim {record.claim_id}: " + "; ".join(r for r in why if r))
        if found.canonical and incident.canonical is None:
            incident.canonical = found.canonical
        incident.take(record)
        return incident.number

    def _victim_reason(self, found: Resolution, incident: _Open) -> str:
        link = self._link.get(found.key, "")
        if found.how == "alias":
            return f"same victim via alias {found.via}"
        if found.how == "domain":
            return f"same victim via domain {found.via}"
        if link:
            return link
        first = next(iter(incident.names), None)
        if first is not None and first != found.via:
            return f"same victim ({found.canonical or found.key}): {found.via} ~ {first}"
        return f"same victim ({found.canonical or found.key})"

    def _new(self, identity: str | None, record: ClaimRecord, found: Resolution | None) -> _Open:
        incident = _Open(len(self._open) + 1, identity, record, found.canonical if found else None)
        self._open.append(incident)
        if identity is not None:
            self._timeline.setdefault(identity, []).append(incident)
        return incident

    def _fits(self, incident: _Open, record: ClaimRecord) -> float | None:
        """How well ``record`` fits ``incident``'s data set (higher is better), or None when it cannot."""
        settings = self.settings
        score = 0.0
        date_match = False
        ours = incident.breach_date
        if record.date and ours:
            if not dates_close(record.date, ours, settings.date_tolerance_days):
                return None
            date_match = True
            score += 2
        if record.seen > incident.last_seen:
            gap = record.seen - incident.last_seen
        else:
            gap = max(incident.first_seen - record.seen, timedelta(0))
        if gap > self.window and not date_match:
            return None
        theirs = record.count
        if theirs is not None and incident.low is not None and incident.high is not None:
            if not counts_close(theirs, (incident.low, incident.high), settings.count_tolerance):
                return None
            score += 3
        elif theirs is not None or incident.low is not None:
            score += 0.5
        if record.data_categories and incident.categories:
            shared = incident.categories.intersection(record.data_categories)
            if shared:
                score += len(shared) / len(incident.categories.union(record.data_categories))
        return score - gap.days / 3650

    def _reasons(self, incident: _Open, record: ClaimRecord) -> list[str]:
        """Why ``record`` joined ``incident``, in words: dates, counts and shared data."""
        reasons: list[str] = []
        if record.date and incident.breach_date:
            reasons.append(f"breach date {record.date} ~ {incident.breach_date}")
        theirs, count = record.count, incident.count
        if theirs is not None and count is not None:
            reasons.append(f"count {_range_text(theirs)} ~ {_range_text(count)}")
        elif theirs is not None or count is not None:
            reasons.append("no count on one side")
        shared = incident.categories.intersection(record.data_categories)
        if shared:
            reasons.append("shared data: " + ", ".join(sorted(shared)))
        return reasons

    def clusters(self) -> list[Cluster]:
        """The incidents so far, in the order they were opened.

        Example::

            for incident in clusterer.clusters():
                print(incident.number, incident.victim_key, len(incident.claim_ids))
        """
        return [incident.freeze() for incident in self._open]


def _range_text(count: tuple[int, int]) -> str:
    low, high = count
    return format_count(low) if low == high else f"{format_count(low)}-{format_count(high)}"


def cluster(records: Iterable[ClaimRecord], window_days: int | None = None) -> list[Cluster]:
    """Cluster claim records into incidents, in the order they were seen.

    Example::

        incidents = cluster(ClaimRecord.from_claim(i, c, seen=now) for i, c in enumerate(claims, 1))
    """
    clusterer = Clusterer(window_days)
    for record in sorted(records, key=lambda r: (_aware(r.seen), r.claim_id)):
        clusterer.add(record)
    return clusterer.clusters()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
