"""Matching documents and claims against every watchlist at once, each match with its reason.

One Aho-Corasick automaton (pyahocorasick) holds the terms of all watchlists, so a document is scanned once
whatever the number of terms: 100,000 terms cost about what ten do (``benchmarks/watchlist.py``). Terms and text
are folded the same way (:func:`breachlens.extract.text.fold`: lower case, no accents, same length), so spans in
the folded text are spans in the original. The automaton scans a view of the text where every non-word
character is a space, behind a leading space, and every key starts with that space: a hit can only start at a
word, so "ing" in a watchlist costs nothing on "nothing".

Rules of a match, by kind of term:

* ``name``, ``brand``, ``keyword``: whole words only ("Acme" fires on "ACME Corp" and "Acmé", never on "Acmeo");
  the punctuation between the words of a name is free ("Acme Corp" / "Acme-Corp"), the spacing is not;
* ``domain``: the domain or any sub-domain ("mail.acme.fr" for "acme.fr"), never a longer domain
  ("myacme.fr", "acme.fr.evil.com");
* ``email_domain``: the domain right after an ``@`` (or a sub-domain of it: "jean@hr.acme.fr").

Claims are also matched on their fields: the victim's name and aliases (whole words, and fuzzily with rapidfuzz
on the normalised victim key: "Decatlon" for "Decathlon", "Pole-Emploi" for "France Travail") and its domain.

Example::

    >>> from breachlens.model import Watchlist
    >>> matcher = WatchMatcher([Watchlist(name="acme", terms=["Acme"], domains=["acme.fr"])])
    >>> [(m.term, m.found) for m in matcher.match_text("ACME data on sale, see intranet.acme.fr")]
    [('Acme', 'ACME'), ('acme.fr', 'acme.fr')]
    >>> matcher.match_text("Acmeo Industries")
    []
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import ahocorasick

from breachlens.extract.text import fold
from breachlens.model import Claim, Watchlist, WatchMatch

__all__ = ["WatchMatcher", "FUZZY_THRESHOLD"]

FUZZY_THRESHOLD = 90.0  # rapidfuzz ratio (0-100) of two victim keys; "acme" vs "acmeo" is 88.9
_FUZZY_MIN_LENGTH = 6  # shorter keys only match exactly: one letter more is another company
Kind = Literal["name", "domain", "brand", "keyword", "email_domain"]
_KINDS: tuple[tuple[str, Kind], ...] = (("terms", "name"), ("brands", "brand"), ("keywords", "keyword"),
                                        ("domains", "domain"), ("email_domains", "email_domain"))


@cache
def _boundary_table() -> dict[int, str]:
    """Every non-word character (up to U+2FFF) to a space: the view the automaton scans."""
    return {code: " " for code in range(0x3000) if not _word(chr(code))}


def _strip_symbols(key: str) -> str:
    """A key without the punctuation around it ("S.A.R.L." ends at its last letter)."""
    start, end = 0, len(key)
    while start < end and not _word(key[start]):
        start += 1
    while end > start and not _word(key[end - 1]):
        end -= 1
    return key[start:end]


@dataclass(frozen=True)
class _Term:
    watchlist: str
    kind: Kind
    term: str


def _key(term: str) -> str:
    return " ".join(fold(term).split())


def _domain_key(term: str) -> str:
    value = fold(term).strip().rstrip(".")
    for prefix in ("http://", "https://"):
        value = value.removeprefix(prefix)
    value = value.split("/", 1)[0].removeprefix("*.").removeprefix("@")
    return value


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


class WatchMatcher:
    """All the watchlists' terms in one automaton, plus a victim-key index for fuzzy name matching."""

    def __init__(self, watchlists: Iterable[Watchlist], *, fuzzy_threshold: float = FUZZY_THRESHOLD) -> None:
        self.fuzzy_threshold = fuzzy_threshold
        table: dict[str, list[tuple[_Term, str | None]]] = {}  # view key -> (term, exact folded form or None)
        self._names: list[_Term] = []  # name and brand terms, indexed by victim key at the first claim
        self._victims: dict[str, list[_Term]] | None = None  # victim key -> name/brand terms
        self._buckets: dict[str, list[str]] = {}
        self.watchlists: list[str] = []
        for watchlist in watchlists:
            self.watchlists.append(watchlist.name)
            for attribute, kind in _KINDS:
                for term in getattr(watchlist, attribute):
                    entry = _Term(watchlist.name, kind, term.strip())
                    domain = kind in ("domain", "email_domain")
                    key = _strip_symbols(_domain_key(term) if domain else _key(term))
                    if not key:
                        continue
                    if kind in ("name", "brand"):
                        self._names.append(entry)
                    slot = (entry, key if domain else None)  # a domain is matched with its dots as written
                    view_key = " " + key.translate(_boundary_table())
                    if slot not in table.setdefault(view_key, []):
                        table[view_key].append(slot)
        self.size = len(table)
        self._automaton: Any = ahocorasick.Automaton()
        for view_key, slots in table.items():
            self._automaton.add_word(view_key, (len(view_key) - 1, tuple(slots)))
        if table:
            self._automaton.make_automaton()

    def _victim_index(self) -> dict[str, list[_Term]]:
        """Name and brand terms by victim key (the clustering's normalised identity), built when first needed."""
        if self._victims is None:
            from breachlens.assess.incidents import victim_key

            self._victims = {}
            for entry in self._names:
                key = victim_key(entry.term)
                if key and entry not in self._victims.setdefault(key, []):
                    self._victims[key].append(entry)
            for key in self._victims:
                if len(key) >= _FUZZY_MIN_LENGTH:
                    self._buckets.setdefault(key[:2], []).append(key)
        return self._victims

    # ------------------------------------------------------------------------------------------------ text
    def match_text(self, text: str, field: str = "text") -> list[WatchMatch]:
        """Every whole-word occurrence of a watchlist term in ``text``, left to right."""
        if not self.size or not text:
            return []
        folded = fold(text)
        view = " " + folded.translate(_boundary_table())  # words only, behind one space: hits start at a word
        found: list[WatchMatch] = []
        for end, (length, slots) in self._automaton.iter(view):
            start = end - length
            for entry, exact in slots:
                if exact is not None and folded[start:end] != exact:
                    continue
                if _fits(folded, start, end, entry.kind):
                    found.append(WatchMatch(watchlist=entry.watchlist, kind=entry.kind, term=entry.term,
                                            field=field, start=start, end=end, found=text[start:end]))
        found.sort(key=lambda m: (m.start, -m.end, m.watchlist))
        return found

    # ------------------------------------------------------------------------------------------------ claims
    def match_claim(self, claim: Claim, text: str | None = None) -> list[WatchMatch]:
        """Matches in a document's ``text`` and in its claim's victim fields (exact and fuzzy)."""
        found = self.match_text(text, "text") if text else []
        victim = claim.victim
        if victim is None:
            return found
        names = [("victim", victim.name)] if victim.name else []
        names += [("victim.aliases", alias) for alias in victim.aliases]
        for field, name in names:
            found += self.match_text(name, field)
        if victim.domain:
            found += [m for m in self.match_text(victim.domain, "victim.domain") if m.kind in ("domain", "name")]
        seen = {(m.watchlist, m.term) for m in found}
        for field, name in names:
            for match in self._fuzzy(name, field):
                if (match.watchlist, match.term) not in seen:
                    seen.add((match.watchlist, match.term))
                    found.append(match)
        return found

    def _fuzzy(self, name: str, field: str) -> list[WatchMatch]:
        from rapidfuzz import fuzz

        from breachlens.assess.incidents import victim_key

        victims = self._victim_index()
        key = victim_key(name)
        if not key or not victims:
            return []
        scored: list[tuple[str, float]] = []
        if key in victims:
            scored.append((key, 100.0))
        elif len(key) >= _FUZZY_MIN_LENGTH:
            for candidate in self._buckets.get(key[:2], []):
                score = fuzz.ratio(key, candidate)
                if score >= self.fuzzy_threshold:
                    scored.append((candidate, round(score, 1)))
        return [WatchMatch(watchlist=entry.watchlist, kind=entry.kind, term=entry.term, field=field, start=0,
                           end=len(name), found=name, score=score)
                for candidate, score in scored for entry in victims[candidate]]


def _fits(folded: str, start: int, end: int, kind: str) -> bool:
    """Whether a hit at ``folded[start:end]`` stands on its own for a term of ``kind``."""
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    if kind in ("domain", "email_domain"):
        if _word(before) or before == "-":
            return False
        if _word(after) or after == "-" or (after == "." and end + 1 < len(folded) and _word(folded[end + 1])):
            return False  # "acme.fr.evil.com" is another domain
        if kind == "email_domain":
            token_start = start
            while token_start > 0 and (_word(folded[token_start - 1]) or folded[token_start - 1] in ".-+@%"):
                token_start -= 1
            head = folded[token_start:start]
            return "@" in head and (before == "@" or before == ".")
        return True
    if _word(before) or _word(after):
        return False
    # a name inside a domain or an address ("intranet.acme.fr", "acme.fr.evil.com") is left to domain terms
    if before in ".@" and start > 1 and _word(folded[start - 2]):
        return False
    return not (after in ".@" and end + 1 < len(folded) and _word(folded[end + 1]))
