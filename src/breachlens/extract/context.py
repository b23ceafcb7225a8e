"""What every field extractor reads: the text, its folded twin, sentences, numbers and cue matches, each
computed once per document and shared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from breachlens.extract.lexicon import Match, cue, find_cues
from breachlens.extract.numbers import NumberMention, find_numbers
from breachlens.extract.text import Sentences, fold
from breachlens.model import Evidence

__all__ = ["Context"]

_WORDS_ONLY = re.compile(r"[\w' ]*$")
_BULLET = re.compile(r"\n[ \t]*(?:[-•*–·▪►>]|\d+[.)])[ \t]+[^\n]*")


@dataclass
class Context:
    text: str
    language: str | None = None
    _cue_cache: dict[str, list[Match[str]]] = field(default_factory=dict, repr=False)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences.of(self.text)

    @cached_property
    def numbers(self) -> list[NumberMention]:
        return find_numbers(self.folded)

    @cached_property
    def _all_cues(self) -> dict[str, list[Match[str]]]:
        return find_cues(self.folded)

    def cues(self, name: str) -> list[Match[str]]:
        """Matches of cue ``name`` of lexicon.yaml, left to right."""
        found = self._all_cues.get(name)
        if found is None:
            cue(name)  # raises KeyError for a cue lexicon.yaml does not have
            return []
        return found

    def sentence_span(self, pos: int) -> tuple[int, int]:
        return self.sentences.span(pos)

    def cue_near(self, name: str, start: int, end: int, before: int = 40, after: int = 0,
                 same_sentence: bool = True) -> list[Match[str]]:
        """Matches of cue ``name`` within ``before`` characters before ``start`` or ``after`` after ``end``."""
        low, high = start - before, end + after
        if same_sentence:
            s_start, s_end = self.sentence_span(start)
            low, high = max(low, s_start), min(high, max(s_end, end))
        return [m for m in self.cues(name) if m.end > low and m.start < high
                and not (m.start >= start and m.end <= end)]

    def in_sentence(self, name: str, pos: int) -> list[Match[str]]:
        s_start, s_end = self.sentence_span(pos)
        return [m for m in self.cues(name) if s_start <= m.start < s_end]

    @cached_property
    def commentary_start(self) -> int:
        """Where the analyst's own commentary begins (a heading line such as "Key Insights"), or the end."""
        for match in self.cues("commentary_heading"):
            line_start = self.text.rfind("\n", 0, match.start) + 1
            line_end = self.text.find("\n", match.end)
            line_end = len(self.text) if line_end < 0 else line_end
            line = self.text[line_start:line_end].strip(" \t:#*-")
            if match.start - line_start <= 12 and len(line) <= len(match.term) + 30 and line_start > 0:
                return line_start
        return len(self.text)

    @cached_property
    def speculative(self) -> list[tuple[int, int]]:
        """Regions where the text guesses rather than reports: sentences with a speculation cue, the bullet
        list that such a sentence introduces, and the commentary section. The legal hedge of a breach notice
        ("may have been affected", "ont pu être consultées") is no guess."""
        regions: list[tuple[int, int]] = []
        hedges = self.cues("notice_hedge")
        for match in self.cues("speculation"):
            if match.term in {"may", "mai"} and re.match(r"\s*\d", self.folded[match.end:match.end + 3]):
                continue  # the month
            if any(h.start <= match.start and match.end <= h.end for h in hedges):
                continue  # "may have been affected": a notice's legal hedge, not a guess
            _, end = self.sentence_span(match.start)
            start, stop = match.start, end
            if self.text[start:end].rstrip().endswith(":") or self.text[end:end + 3].lstrip(" \t").startswith(
                    ("\n-", "\n•", "\n*", "-", "•")):
                for bullet in _BULLET.finditer(self.text, end):
                    if bullet.start() != stop and self.text[stop:bullet.start()].strip():
                        break
                    stop = bullet.end()
            regions.append((start, stop))
        if self.commentary_start < len(self.text):
            regions.append((self.commentary_start, len(self.text)))
        return regions

    def is_speculative(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.speculative)

    def told_as_earlier(self, pos: int) -> bool:
        """Whether the word at ``pos`` tells of an earlier event: "originally sold", "had already sold"."""
        return any(0 <= pos - m.end <= 16 and _WORDS_ONLY.match(self.folded, m.end, pos)
                   and len(self.folded[m.end:pos].split()) <= 1 for m in self.cues("told_as_earlier"))

    def sale_told_as_earlier(self, pos: int) -> bool:
        """Whether the sale that an amount at ``pos`` belongs to, the nearest sale word before it in its sentence,
        happened before the claim: "Originally sold for $2k", "a broker had sold access for $3,000"."""
        s_start, _ = self.sentence_span(pos)
        before = [m for m in self.cues("sale") if s_start <= m.start and m.end <= pos]
        return bool(before) and self.told_as_earlier(before[-1].start)

    def evidence(self, field_name: str, start: int, end: int, rule: str | None = None) -> Evidence:
        return Evidence(field=field_name, start=start, end=end, text=self.text[start:end], rule=rule)
