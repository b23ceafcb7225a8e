"""Novelty: is an incident new, or a re-post of a breach the catalogue already knows?

An incident is a ``repost`` of a catalogue breach of the same victim when the breach happened before the
incident was first seen and nothing contradicts it — breach dates close, counts within a tolerance, data
categories overlapping, wherever both sides say — and at least its date or its count agrees. A victim the
catalogue knows whose breaches do not match is ``new``, and the reasons say why not; without a catalogue or a
victim name the status is ``unknown``. Tolerances are data, in ``knowledge/credibility.yaml``.

Example::

    catalogue = Catalogue(breaches)
    result = novelty(incident, catalogue)
    print(result.status, [m.reasons for m in result.matches])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from breachlens import knowledge
from breachlens.assess.incidents import Cluster, counts_close, date_span, dates_close, victim_key
from breachlens.extract.lexicon import Matcher
from breachlens.extract.text import fold
from breachlens.knowledge.schemas import NoveltyRules
from breachlens.model import Breach, Incident, Novelty, NoveltyMatch

__all__ = ["Catalogue", "breach_categories", "novelty"]

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _rules() -> NoveltyRules:
    rules: NoveltyRules = knowledge.load("credibility").novelty
    return rules


@cache
def _category_matcher() -> Matcher[str]:
    entries: list[tuple[str, str]] = []
    for key, category in knowledge.load("categories").categories.items():
        for words in category.terms.values():
            entries.extend((term, key) for term in words)
        entries.extend((column, key) for column in category.columns)
    return Matcher(entries)


def breach_categories(data_classes: Iterable[str]) -> list[str]:
    """Our category keys (categories.yaml) for a catalogue's data classes, read through the category terms;
    the few classes the terms miss or misread are in ``credibility.yaml`` (``novelty.data_classes``); a class
    nothing knows is ``other``.

    Example::

        >>> breach_categories(["Email addresses", "Phone numbers", "Geographic locations", "Years of birth"])
        ['date_of_birth', 'email', 'location', 'phone']
    """
    table = {" ".join(fold(k).split()): v for k, v in _rules().data_classes.items()}
    found: set[str] = set()
    for data_class in data_classes:
        folded = " ".join(fold(data_class).split())
        if folded in table:
            found.update(table[folded])
            continue
        keys = {key for match in _category_matcher().find(folded, longest=True) for key in match.payloads}
        found.update(keys or {"other"})
    return sorted(found)


class Catalogue:
    """Known breaches (the Have I Been Pwned layout), indexed by the victim key of their name, title and domain.

    Example::

        catalogue = Catalogue([Breach(name="FranceTravail", title="France Travail", domain="francetravail.fr",
                                      breach_date="2024-03-01", count=43_000_000, data_classes=["Names"])])
        catalogue.find("france travail")
    """

    def __init__(self, breaches: list[Breach]) -> None:
        self.breaches = list(breaches)
        self._by_key: dict[str, list[Breach]] = {}
        self._by_name = {breach.name: breach for breach in self.breaches}
        for breach in self.breaches:
            keys = {victim_key(breach.title), victim_key(_CAMEL.sub(" ", breach.name)), victim_key(breach.name)}
            if breach.domain:
                keys.add(victim_key(None, breach.domain))
            for key in keys:
                if key:
                    for form in (key, key.replace(" ", "")):
                        slot = self._by_key.setdefault(form, [])
                        if breach not in slot:
                            slot.append(breach)

    def __len__(self) -> int:
        return len(self.breaches)

    def find(self, key: str | None) -> list[Breach]:
        """The breaches of the victim with key ``key`` (see :func:`~breachlens.assess.incidents.victim_key`).

        Example::

            catalogue.find(victim_key("Pôle emploi"))
        """
        if not key:
            return []
        found = list(self._by_key.get(key, []))
        for breach in self._by_key.get(key.replace(" ", ""), []):
            if breach not in found:
                found.append(breach)
        return found

    def get(self, name: str) -> Breach | None:
        """The breach named ``name`` (``Breach.name``), if any."""
        return self._by_name.get(name)


def _short(value: int) -> str:
    """A catalogue count as people say it: 43,123,456 -> "43M"."""
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:.3g}{unit}"
    return str(value)


def _claimed(count: tuple[int, int]) -> str:
    low, high = count
    return f"{low:,}" if low == high else f"{low:,}-{high:,}"


def _at_precision(value: str, like: str) -> str:
    return value[: len(like)] if len(like) < len(value) else value


def _match(incident: Cluster | Incident, breach: Breach, rules: NoveltyRules) -> tuple[bool, NoveltyMatch]:
    reasons = [f"same victim ({breach.title})"]
    against: list[str] = []
    agree = 0
    score = 0.4
    claimed_date = incident.breach_date
    first_seen = incident.first_seen.date()
    if breach.breach_date:
        shown = _at_precision(breach.breach_date[:10], claimed_date) if claimed_date else breach.breach_date[:10]
        span = date_span(breach.breach_date[:10])
        if span is not None and span[0] > first_seen:
            against.append(f"breach date {shown} is after the claim was first seen ({first_seen.isoformat()})")
        elif claimed_date:
            if dates_close(breach.breach_date[:10], claimed_date, rules.date_tolerance_days):
                agree += 1
                score += 0.2
                reasons.append(f"breach date {shown} ~ claimed {claimed_date}")
            else:
                against.append(f"breach date {shown} is not the claimed {claimed_date}")
        else:
            reasons.append(f"breach date {shown} before the first sighting ({first_seen.isoformat()})")
    if breach.count and incident.records_range:
        if counts_close((breach.count, breach.count), incident.records_range, rules.count_tolerance):
            agree += 1
            score += 0.25
            reasons.append(f"{_short(breach.count)} records ~ {_claimed(incident.records_range)} claimed")
        else:
            against.append(f"{_short(breach.count)} records, not {_claimed(incident.records_range)} claimed")
    known = breach.data_categories or breach_categories(breach.data_classes)
    if known and incident.data_categories:
        shared = sorted(set(known) & set(incident.data_categories))
        overlap = len(shared) / min(len(set(known)), len(set(incident.data_categories)))
        if overlap >= rules.min_category_overlap:
            score += 0.15 * overlap
            reasons.append("same categories: " + ", ".join(shared))
        else:
            only = sorted(set(incident.data_categories) - set(known))
            against.append("different categories: " + ", ".join(only) + " not in " + ", ".join(sorted(known)))
    if breach.fabricated:
        reasons.append("the catalogue marks this breach as fabricated")
    elif not breach.verified:
        reasons.append("the catalogue has not verified this breach")
    repost = not against and agree > 0
    if not repost and not against:
        against.append("neither the breach date nor the count can be compared")
    score = max(0.0, score - 0.3 * len(against)) if against else score
    match = NoveltyMatch(breach=breach.name, title=breach.title, breach_date=breach.breach_date, count=breach.count,
                         reasons=reasons + against, score=round(min(score, 1.0), 3))
    return repost, match


def novelty(incident: Cluster | Incident, catalogue: Catalogue | None) -> Novelty:
    """Whether ``incident`` is new or a re-post of a breach of ``catalogue``, with the reasons in plain words.

    Example::

        result = novelty(incident, Catalogue(breaches))
        if result.status == "repost":
            print(result.matches[0].title, result.matches[0].reasons)
    """
    victim = incident.victim
    if catalogue is None or victim is None or not victim.name:
        return Novelty(status="unknown")
    key = incident.victim_key or victim_key(victim.name, victim.domain)
    candidates = catalogue.find(key)
    if not candidates and victim.domain:
        candidates = catalogue.find(victim_key(None, victim.domain))
    if not candidates:
        return Novelty(status="new")
    rules = _rules()
    results = [_match(incident, breach, rules) for breach in candidates]
    reposts = sorted((m for ok, m in results if ok), key=lambda m: -m.score)
    if reposts:
        return Novelty(status="repost", matches=reposts)
    return Novelty(status="new", matches=sorted((m for _, m in results), key=lambda m: -m.score))

