"""Deciding what a column holds: every detector scores a sample of its values, the header adds a hint.

For each kind the score is ``(valid + form_weight x (matched - valid)) / filled`` times the detector's ``fit``
(value statistics: reference names, ages, sequences), plus ``hint_bonus`` when the header names the kind. The
best score decides from ``min_score`` on (samples.yaml); equal scores go to the kind earlier in ``DETECTORS``.
So the values win over a misleading header ("tel" over e-mail addresses is an e-mail column) and the header
settles what values cannot (rare surnames under "nom" are last names; five-digit codes under "PLZ" are postal
codes). ``detect_columns`` then uses the neighbours: of two name columns the one headed "prénom" is the first
name, a five-digit column beside a city column is a postal code.

Example::

    guess = detect_column("Courriel", frame["Courriel"])
    guess.kind, guess.category, guess.score      # ("email", "email", 1.0)
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from breachlens.samples.detectors.account_id import AccountId
from breachlens.samples.detectors.base import Column, Detector, rules
from breachlens.samples.detectors.city import City
from breachlens.samples.detectors.civility import Civility
from breachlens.samples.detectors.country import Country
from breachlens.samples.detectors.date import Date
from breachlens.samples.detectors.date_of_birth import DateOfBirth
from breachlens.samples.detectors.email import Email
from breachlens.samples.detectors.first_name import FirstName
from breachlens.samples.detectors.full_name import FullName
from breachlens.samples.detectors.iban import Iban
from breachlens.samples.detectors.ip_address import IpAddress
from breachlens.samples.detectors.last_name import LastName
from breachlens.samples.detectors.nir import Nir
from breachlens.samples.detectors.password import Password
from breachlens.samples.detectors.password_hash import PasswordHash
from breachlens.samples.detectors.payment_card import PaymentCard
from breachlens.samples.detectors.phone import Phone
from breachlens.samples.detectors.postal_code import PostalCode
from breachlens.samples.detectors.siren import Siren
from breachlens.samples.detectors.siret import Siret
from breachlens.samples.detectors.street_address import StreetAddress
from breachlens.samples.detectors.username import Username

__all__ = ["DETECTORS", "ColumnGuess", "detect_column", "detect_columns", "get", "header_hint"]

# Decision priority: specific forms first, then the kinds told apart by statistics, the catch-alls last.
DETECTORS: tuple[Detector, ...] = (
    Email(), Iban(), PaymentCard(), Nir(), Siret(), Siren(), PasswordHash(), IpAddress(), Phone(), DateOfBirth(),
    Date(), PostalCode(), Civility(), Country(), StreetAddress(), FullName(), FirstName(), LastName(), City(),
    AccountId(), Username(), Password(),
)
_BY_KIND = {detector.kind: detector for detector in DETECTORS}
_NAME_KINDS = ("first_name", "last_name")
_PLACE_NEIGHBOURS = {"postal_code": "city", "city": "postal_code"}


def get(kind: str) -> Detector:
    """The detector of ``kind`` ("email", "nir", ...)."""
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise KeyError(f"no detector of kind {kind!r}; known: {', '.join(_BY_KIND)}") from None


# ---------------------------------------------------------------------------------------------- header hints
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> list[str]:
    """Folded words of a header or hint: "Date de naissance" -> [date, de, naissance], "dateNaissance" ->
    [date, naissance], "E-mail" -> [e, mail], "adresse1" -> [adresse] (numbers dropped)."""
    from breachlens.knowledge import fold

    text = _CAMEL.sub(" ", text)
    return [w for w in _NOT_WORD.split(fold(text)) if w and not w.isdigit()]


@cache
def _hint_index() -> dict[str, str | None]:
    """Hint words run together ("datedenaissance") -> kind; blockers -> None."""
    index: dict[str, str | None] = {}
    for kind, entry in rules().kinds.items():
        for words in entry.hints.values():
            for hint in words:
                index["".join(_words(hint))] = kind
    for words in rules().header_blockers.values():
        for blocker in words:
            index["".join(_words(blocker))] = None
    index.pop("", None)
    return index


def header_hint(name: str) -> str | None:
    """The kind a column header suggests, or None. Hints match whole runs of words of the folded header, so
    "Date de naissance", "date_naissance", "DateNaissance" and "datenaissance" all find "date de naissance"
    without "nom" matching inside "prenom". Several hints in one header: the one of most words wins, then the
    one ending last (the head noun of "user_ip" is "ip"), then the longest."""
    words = _words(name)
    index = _hint_index()
    most = rules().thresholds.max_header_tokens + 2
    best: tuple[int, int, int] | None = None
    kind: str | None = None
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + most) + 1):
            joined = "".join(words[start:end])
            if joined in index:
                rank = (end - start, end, len(joined))
                if best is None or rank > best:
                    best, kind = rank, index[joined]
    return kind


# ---------------------------------------------------------------------------------------------- decisions
@dataclass
class ColumnGuess:
    """What a column holds, decided on a sample of its values; the counts are the sample's."""

    kind: str | None
    category: str | None
    score: float  # 0-1: share of filled values of the kind, weighed by the value statistics and the header
    header_hint: str | None
    matched: int  # filled values with the kind's form
    valid: int  # of those, values that pass the kind's checks
    filled: int  # non-empty values looked at
    subtypes: dict[str, int] = field(default_factory=dict)
    name: str = ""
    rows: int = 0  # values looked at, empty ones included
    candidates: dict[str, float] = field(default_factory=dict)  # kinds that scored, best first (the evidence)


@dataclass
class _Evidence:
    column: Column
    hint: str | None  # the header's
    scores: dict[str, float]  # kind -> score from the values alone


def _score(detector: Detector, column: Column, hint: str | None = None) -> float:
    """The score of one kind for a column; ``hint`` is the kind a header (or the neighbours) suggest."""
    limits = rules().thresholds
    hinted = hint == detector.kind
    if not column.filled or not column.passes(detector):
        return limits.hint_bonus if hinted else 0.0
    matched, valid = column.masks(detector)
    matches, valids = int(matched.sum()), int(valid.sum())
    weight = max(detector.form_weight, limits.hinted_form_weight) if hinted else detector.form_weight
    base = (valids + weight * (matches - valids)) / column.filled
    if detector.needs_hint and not hinted:  # at most this, under min_score: the statistics cannot change it
        return base * limits.unhinted_factor
    fit = detector.fit(column) if base >= limits.fit_from_share else 1.0
    return base * fit + (limits.hint_bonus if hinted else 0.0)


def _evidence(name: str, values: pl.Series, hint: str | None) -> _Evidence:
    column = Column(name, values)
    column.screened(DETECTORS)
    return _Evidence(column, hint, {detector.kind: _score(detector, column) for detector in DETECTORS})


def _decide(evidence: _Evidence, hint: str | None, header: str | None) -> ColumnGuess:
    """The guess for a column, ``hint`` (the header's, or one the neighbours give) lifting its kind."""
    limits = rules().thresholds
    column = evidence.column
    scores = dict(evidence.scores)
    if hint is not None and hint in scores:
        scores[hint] = _score(_BY_KIND[hint], column, hint)
    order = {kind: position for position, kind in enumerate(_BY_KIND)}
    ranked = sorted(scores, key=lambda kind: (-round(scores[kind], 9), order[kind]))
    candidates = {kind: round(min(1.0, scores[kind]), 3) for kind in ranked if scores[kind] > 0.05}
    best = ranked[0]
    if not column.filled or scores[best] < limits.min_score:
        return ColumnGuess(None, None, round(min(1.0, scores[best]), 3) if column.filled else 0.0, header, 0, 0,
                           column.filled, {}, column.name, column.rows, candidates)
    detector = _BY_KIND[best]
    matched, valid = column.masks(detector)
    return ColumnGuess(best, detector.category, round(min(1.0, scores[best]), 3), header, int(matched.sum()),
                       int(valid.sum()), column.filled, detector.subtype(column.values), column.name, column.rows,
                       candidates)


def detect_column(name: str, values: pl.Series) -> ColumnGuess:
    """What one column holds, from a sample of its values (the first ``sample_rows``) with its header as a hint."""
    hint = header_hint(name)
    return _decide(_evidence(name, values, hint), hint, hint)


def detect_columns(frame: pl.DataFrame) -> list[ColumnGuess]:
    """Every column of ``frame``, decided with its neighbours: name columns split into first and last names,
    postal codes and cities found beside each other."""
    with ThreadPoolExecutor(max_workers=max(1, min(frame.width, os.cpu_count() or 1))) as pool:  # a column each
        evidence = list(pool.map(lambda name: _evidence(name, frame[name], header_hint(name)), frame.columns))
    guesses = [_decide(item, item.hint, item.hint) for item in evidence]
    # a postal-code-like column beside a city column (and the other way round) takes that kind as a hint
    for position, item in enumerate(evidence):
        if item.hint is not None:
            continue
        neighbours = {guesses[p].kind for p in (position - 2, position - 1, position + 1, position + 2)
                      if 0 <= p < len(guesses) and p != position}
        for kind, neighbour in _PLACE_NEIGHBOURS.items():
            if neighbour in neighbours and guesses[position].kind in (None, "account_id", *_NAME_KINDS):
                decided = _decide(item, kind, None)
                if decided.kind == kind:
                    guesses[position] = decided
    _split_names(evidence, guesses)
    return guesses


def _split_names(evidence: list[_Evidence], guesses: list[ColumnGuess]) -> None:
    """Of name columns decided (or nearly) as the same name kind, the one whose header or references say first
    name is first_name and the others last_name, or the other way round."""
    named = [p for p, g in enumerate(guesses) if g.kind in _NAME_KINDS]
    if not named:
        return
    nameless = [p for p, g in enumerate(guesses) if g.kind is None and evidence[p].hint is None
                and max(evidence[p].scores[k] for k in _NAME_KINDS) >= 0.45]
    for kind in _NAME_KINDS:
        other = "last_name" if kind == "first_name" else "first_name"
        same = [p for p in named if guesses[p].kind == kind]
        if len(same) + len(nameless) < 2 or any(guesses[p].kind == other for p in named):
            continue
        hinted = [p for p in same if evidence[p].hint == kind]
        leaning = max(same, key=lambda p: _leaning(evidence[p], kind)) if same else None
        keep: int | None = hinted[0] if hinted else leaning
        for position in same + nameless:
            if position == keep or evidence[position].hint == kind:
                continue
            decided = _decide(evidence[position], other, evidence[position].hint)
            if decided.kind == other:
                guesses[position] = decided
                break


def _leaning(evidence: _Evidence, kind: str) -> float:
    """How much more the references know a column's values as ``kind`` than as the other name kind."""
    hits = evidence.column.name_hits
    other = "last_name" if kind == "first_name" else "first_name"
    return hits[kind] - hits[other]
