"""Multi-pattern matching of knowledge terms (pyahocorasick) on folded text, whole words only.

A term matches case- and accent-insensitively where it is a whole word; a plural ending (``s``, ``x``,
``es``) is allowed after it. A term ending in ``*`` matches any word that starts with it. Every language's
terms go into one automaton, so a post that mixes languages is read all the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Generic, TypeVar

import ahocorasick

from breachlens import knowledge
from breachlens.extract.text import fold

T = TypeVar("T")

__all__ = ["Match", "Matcher", "cue", "cue_terms"]

_PLURALS = ("s", "x", "es")


@dataclass(slots=True)  # not frozen: built ~100 times per text and never changed (treat as immutable)
class Match(Generic[T]):
    start: int
    end: int
    term: str
    payloads: tuple[T, ...]

    def __len__(self) -> int:
        return self.end - self.start


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


_PUNCTUATED: set[str] = set()  # keys whose punctuation must match as written ("data:", "u.s.")


@cache
def _boundary_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x3000):
        char = chr(code)
        if not (char.isalnum() or char == "_"):
            table[code] = " "
    return table


@lru_cache(maxsize=8)
def _boundary_view(folded: str) -> str:
    """``folded`` with every non-word character made a space, behind one leading space."""
    return " " + folded.translate(_boundary_table())


class Matcher(Generic[T]):
    """All whole-word occurrences of many terms in one pass.

    Terms that start with a letter or digit are searched in a view of the text where punctuation is a space
    and each term carries a leading space, so the automaton only reports hits at the start of a word ("at"
    is not reported inside "data"). The few terms that start with a symbol ("$", "€", "+") are searched
    as they are.
    """

    def __init__(self, entries: Iterable[tuple[str, T]], *, digits_after: bool = False) -> None:
        self.digits_after = digits_after  # "USD3,000": a term may touch the digits that follow it
        table: dict[str, tuple[str, bool, list[T]]] = {}
        raw: dict[str, tuple[str, bool, list[T]]] = {}
        for term, payload in entries:
            wildcard = term.endswith("*")
            key = " ".join(fold(term.rstrip("*").strip()).split())
            if not key:
                continue
            if _is_word(key[0]):
                if any(not (_is_word(c) or c in " -'") for c in key):
                    _PUNCTUATED.add(key)
                slot = table.setdefault(" " + key.translate(_boundary_table()), (key, wildcard, []))
            else:
                slot = raw.setdefault(key, (key, wildcard, []))
            if payload not in slot[2]:
                slot[2].append(payload)
        self.size = len(table) + len(raw)
        self._words: Any = ahocorasick.Automaton()
        for view_key, (key, wildcard, payloads) in table.items():
            self._words.add_word(view_key, (key, wildcard, tuple(payloads)))
        self._raw: Any = ahocorasick.Automaton()
        for key, (_, wildcard, payloads) in raw.items():
            self._raw.add_word(key, (key, wildcard, tuple(payloads)))
        if table:
            self._words.make_automaton()
        if raw:
            self._raw.make_automaton()
        self._has_words, self._has_raw = bool(table), bool(raw)

    def find(self, folded: str, *, longest: bool = False) -> list[Match[T]]:
        """Matches in ``folded`` (the output of :func:`fold`), left to right.

        With ``longest``, overlapping matches are resolved in favour of the longest (then the leftmost).
        """
        if not self.size:
            return []
        text_len = len(folded)
        view = _boundary_view(folded)  # view[i + 1] is a space exactly where folded[i] is not a word character
        found: list[Match[T]] = []
        hits: list[tuple[int, int, str, bool, tuple[T, ...]]] = []
        if self._has_words:
            for end_index, (key, wildcard, payloads) in self._words.iter(view):
                # the view is one character longer (its leading space) and the key carries one more
                start = end_index - len(key)
                if key in _PUNCTUATED and folded[start:end_index] != key:
                    continue  # "data:" must be written with its colon
                hits.append((start, end_index, key, wildcard, payloads))
        if self._has_raw:
            for end_index, (key, wildcard, payloads) in self._raw.iter(folded):
                hits.append((end_index - len(key) + 1, end_index + 1, key, wildcard, payloads))
        for start, end, key, wildcard, payloads in hits:
            if wildcard:
                while end < text_len and view[end + 1] != " ":
                    end += 1
            elif end < text_len and view[end + 1] != " " and view[end] != " ":
                # the term ends inside a word: only a plural ending (or digits, when allowed) may follow
                if self.digits_after and folded[end].isdigit():
                    found.append(Match(start, end, key, payloads))
                    continue
                for suffix in _PLURALS:
                    stop = end + len(suffix)
                    if folded.startswith(suffix, end) and (stop >= text_len or view[stop + 1] == " "):
                        end = stop
                        break
                else:
                    continue
            found.append(Match(start, end, key, payloads))
        if longest and found:
            found.sort(key=lambda m: (-(m.end - m.start), m.start))
            taken: list[Match[T]] = []
            used = bytearray(text_len + 1)
            for match in found:
                if any(used[match.start:match.end]):
                    continue
                used[match.start:match.end] = b"\x01" * (match.end - match.start)
                taken.append(match)
            found = taken
        found.sort(key=lambda m: (m.start, -m.end))
        return found


@cache
def cue_terms(name: str) -> tuple[str, ...]:
    """Every term of cue ``name`` in lexicon.yaml, all languages."""
    cues = knowledge.load("lexicon").cues
    if name not in cues:
        raise KeyError(f"no cue {name!r} in knowledge/lexicon.yaml")
    terms: list[str] = []
    for words in cues[name].values():
        terms.extend(str(w) for w in words)
    return tuple(terms)


@cache
def folded_terms(name: str) -> frozenset[str]:
    """The terms of cue ``name`` folded (lower case, no accents), for word lookups."""
    return frozenset(fold(t) for t in cue_terms(name))


@cache
def cue(name: str) -> Matcher[str]:
    """A matcher for cue ``name`` of lexicon.yaml (payload: the cue name)."""
    return Matcher((term, name) for term in cue_terms(name))


# cues read through their own matchers or as word lists, not scanned per document
_NOT_SCANNED = frozenset({"months", "currency", "place", "not_victim", "strong_category_words", "not_category",
                          "approx_low", "approx_high", "vague_count", "alias_intro", "org_suffix", "reporter",
                          "distractor_org", "reporter_after", "product_of", "seized", "not_victim_alone",
                          "earlier_victim", "bare_venue", "not_sector", "field_label", "actor_label", "messenger",
                          "role_mailbox", "sign_off", "gang_after", "post_closing",
                          "link_line", "statement"})


@cache
def all_cues() -> Matcher[str]:
    """One automaton for every cue of lexicon.yaml (payload: the cue names), so a text is scanned once."""
    entries: list[tuple[str, str]] = []
    for name in knowledge.load("lexicon").cues:
        if name in _NOT_SCANNED or name.split(":", 1)[0] in _NOT_SCANNED:
            continue
        entries.extend((term, name) for term in cue_terms(name))
    return Matcher(entries)


def find_cues(folded: str) -> dict[str, list[Match[str]]]:
    """Matches of every cue in ``folded``, by cue name."""
    grouped: dict[str, list[Match[str]]] = {}
    for match in all_cues().find(folded):
        if len(match.payloads) == 1:
            grouped.setdefault(match.payloads[0], []).append(match)
            continue
        for name in match.payloads:
            grouped.setdefault(name, []).append(Match(match.start, match.end, match.term, (name,)))
    return grouped
