"""The date of the breach or of the post, as precise as the text gives it (``2024``, ``2024-03``,
``2024-03-13``).

Only dates with a year count, and only in a clause about the breach itself ("struck MD Lab on December 2,
2019", "In March 2015, ... suffered a data breach", "a breach dating back to December 2018"). Dates of
founding, of the period the records cover ("records span May 2022-March 2023"), or of later events are left
out; when the date is that of the news ("In March 2021, news broke of ..."), only its year is kept.
A date right after words that open the event's date ("occurred on", "dérobé en", "data from", "en vente
depuis le") outweighs a dateline or a report date, and the date of an earlier breach ("X previously suffered a
breach in 2021") is left out; "since" opens the event's date only after words of circulation or sale ("circule
sur Telegram depuis le 21 mai 2024"). A post that names no such date is dated by its own date: a "Date :"
field, a "Posté par X le ..." footer, words saying when it went up ("the post is dated", "the listing went live
on"), a bare or signed date closing the text ("Team @X – 17/03/2024"), a field of a forum title ("- 11/2023",
"| 2024 |"), a dateline or byline in an article's header ("March 12, 2024 — ...", "By Staff Reporter, 9 October
2023"). A more precise date of the chosen one ("Extraction faite en décembre 2023" under a title's "– 2023")
wins over it. A month without a year ("data stolen in late February") takes its year from the full date
before it in the sentence. Month names and cue words in every language come from lexicon.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from breachlens import knowledge
from breachlens.extract.context import Context
from breachlens.extract.text import fold
from breachlens.model import Evidence

__all__ = ["extract_date", "month_names"]

_REPORTED = re.compile(r"^[^.;!?]{0,12}\b(?:news broke|came to light|was reported|were reported|was disclosed|"
                       r"was announced|made headlines)")


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# what may stand between a post_noun cue and its post_dated cue: "the post is dated", "l'annonce a été publiée"
_POST_GAP = re.compile(r"[^.;:!?\n]{0,14}")
# "since" right before a date: "circule sur Telegram depuis le 21 mai 2024"
_SINCE = re.compile(r"\b(?:since|depuis|desde|seit)[\s,]+(?:(?:le|the|el|dem|early|late|mid|debut|fin)[\s-]+)*$")
# a field of a forum title: "[LEAK] Acme (NL) - 73,450 members - 11/2023", "Acme 2.3M | 2024 | Fullz"
_FIELD_BEFORE = re.compile(r"(?:^|\s[|\-–—•·/]\s*)$")
_FIELD_AFTER = re.compile(r"\s*(?:$|[|\-–—•·/]\s)")
# a neighbouring field that is a year too: "- 2019 - 2023 -" is the period the data covers
_FIELD_YEAR_AFTER = re.compile(r"\s*[|\-–—•·/]\s*(?:[01]?\d/)?(?:19|20)\d\d(?!\d)")
_FIELD_YEAR_BEFORE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[|\-–—•·/]\s*$")
# what may stand between an event_date_intro cue and its date: "occurred on", "stolen in late", "survenue le"
_INTRO_GAP = re.compile(r"[\s,:]*(?:(?:on|in|at|the|le|la|les|en|au|du|de|des|el|am|im|since|depuis|desde|seit|"
                        r"early|late|mid|around|about|approximately|vers|environ|debut|fin|mi|courant)[\s-]+)*$")
# "data from January 2022 to March 2023": the period the records cover, not the breach
_RANGE_AFTER = re.compile(r"\s*(?:-|–|to|through|until|till|au|a|jusqu|hasta|bis)\b[^.;,\n]{0,16}\d")
# a bare date that closes a post ("... join before ban. 5 Feb 2024", "#OpName 17.11.2023"): the post's date
# ... or signed: "Team @NoctisLeaks – 17/03/2024"
_CLOSING_BEFORE = re.compile(r"(?:^|[.!?\n])[\s\-–—|•·]*(?:(?:\w+\s+){0,2}[#@]\w+[\s,\-–—|•·]*)*$")
_CLOSING_AFTER = re.compile(r"[\s.!)\]]*$")
# a dateline in the header of an article: "March 12, 2024 — The University of ...", "Le 14 juin 2023" on its own
_DATELINE_BEFORE = re.compile(r"[\s*_>]*(?:(?:le|on|el|am)\s+)?")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\n|$|[\-–—|•·][ \t])")
# the name between a byline cue and its date: "By Staff Reporter, 9 October 2023", "Par Anne Morel | 3 mai 2024"
_BYLINE_NAME = re.compile(r"[^\n]{1,40}?(?:,|\s[|\-–—•·])\s*")
_HEADER_LINES = 3  # a title, a byline, a dateline


@cache
def _months() -> tuple[dict[str, int], str]:
    table: dict[str, int] = {}
    for spellings in knowledge.load("lexicon").cues["months"].values():
        for number, entry in enumerate(spellings, start=1):
            for spelling in str(entry).split("|"):
                spelling = fold(spelling.strip())
                if spelling and "*" not in spelling:
                    table[spelling] = number
    alternation = "|".join(sorted((re.escape(m) for m in table), key=len, reverse=True))
    return table, alternation


def month_names() -> str:
    """A regular-expression alternation of every folded month spelling of lexicon.yaml, longest first."""
    return _months()[1]


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    _, month = _months()
    return [
        (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), "ymd"),
        # days of one month: "between 2 and 19 January 2026", "du 2 au 19 janvier 2026", "2-19 Jan 2026"
        (re.compile(r"\b(?P<d>[0-3]?\d)(?:er|st|nd|rd|th|\.)?\s*(?:-|–|to|and|au|et|a|y|al|bis|und)\s*"
                    r"[0-3]?\d(?:st|nd|rd|th|\.)?\s+(?:de\s+|of\s+)?(?P<mon>" + month + r")\.?,?\s+"
                    r"(?:de\s+)?(?P<y>(?:19|20)\d\d)\b"), "days"),
        (re.compile(r"\b(?P<d>[0-3]?\d)(?:er|st|nd|rd|th|\.)?\s+(?:de\s+|of\s+)?(?P<mon>" + month + r")\.?,?\s+"
                    r"(?:de\s+)?(?P<y>(?:19|20)\d\d)\b"), "dmy"),
        (re.compile(r"\b(?P<mon>" + month + r")\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"),
         "mdy"),
        (re.compile(r"\b(?P<mon>" + month + r")\.?,?\s+(?:de\s+|of\s+)?(?P<y>(?:19|20)\d\d)\b"), "my"),
        (re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b"), "dmy_num"),
        # only as a field of a title (see _TITLE_ONLY): "11/2023", a bare recent year
        (re.compile(r"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)\b"), "my_num"),
        (re.compile(r"\b(?:in|en|during|durant|around|circa|since early|early|late|mid|mid-|debut|fin|mi-|"
                    r"dat(?:e|es|ing) from|datant de|"
                    r"approximately|approx\.?|about|vers|im jahr|im|a finales de|a principios de|"
                    r"(?:the )?(?:first|second) half of|(?:the )?(?:beginning|start|end) of|"
                    r"(?:spring|summer|autumn|fall|winter) of)\s*-?\s*"
                    r"(?:approximately\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)"), "y"),
        (re.compile(r"(?<![\w$€£.,])(?P<y>20(?:0[1-9]|[1-3]\d))(?![\w%$€£]|[.,]\d)"), "year"),  # not 2000: a price
    ]


_TITLE_ONLY = frozenset({"my_num", "year"})  # month/year and bare years are dates only as a title's field


def _mentions(ctx: Context) -> list[tuple[int, int, str, str]]:
    """The dates of the text: (start, end, ISO date, the kind of pattern that read it)."""
    months, _ = _months()
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    windows: list[tuple[int, int]] = []  # every date we read has a year: look only around years
    for year_match in _YEAR.finditer(ctx.folded):
        low, high = max(0, year_match.start() - 40), min(len(ctx.folded), year_match.end() + 12)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    for pattern, kind in _patterns():
        for match in (m for low, high in windows for m in pattern.finditer(ctx.folded, low, high)):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken) or kind in _TITLE_ONLY and not _title_field(
                    ctx, start, end) and not (kind == "my_num" and _labelled(ctx, start)):
                continue  # "Date of dump: 11/2023" is a month; "exp: 11/2027" or "dob 11/1985" are not dates
            year = int(match.group("y"))
            month = day = None
            if "mon" in match.groupdict() and match.group("mon"):
                month = months.get(match.group("mon").rstrip("."))
            if "m" in match.groupdict() and match.group("m"):
                month = int(match.group("m"))
            if "d" in match.groupdict() and match.group("d"):
                day = int(match.group("d"))
            if kind == "dmy_num" and month and day and month > 12 >= day:
                month, day = day, month
            if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
                continue
            iso = f"{year:04d}"
            if month:
                iso += f"-{month:02d}"
                if day and kind != "days":  # several days: the month is as precise as the text is
                    iso += f"-{day:02d}"
            if kind == "y":
                start = match.start("y")
            found.append((start, end, iso, kind))
            taken.append((start, end))
    return found


def _introduced(ctx: Context, start: int, end: int, preposition: bool = False) -> bool:
    """An event_date_intro cue opens the date ("a breach that occurred on 3 January 2024", "dérobé en septembre
    2024", "data from January 2024", "en vente depuis le 28 mai 2025"), and the date opens no period. With
    ``preposition``, a word must stand between them ("stolen in May", never "stolen may include")."""
    for cue in ctx.cue_near("event_date_intro", start, end, before=40):
        gap = _INTRO_GAP.fullmatch(ctx.folded, cue.end, start) if cue.end <= start else None
        if gap and (not preposition or gap.group().strip(" ,:")):
            return not _RANGE_AFTER.match(ctx.folded, end)
    return False


def _labelled(ctx: Context, start: int) -> bool:
    """A field label opening its line names the date: "Date : 12.03.2025", "Published: 2024-03-01"."""
    return any(re.fullmatch(r"\s*:\s*", ctx.folded[cue.end:start])
               and re.search(r"(?:^|\n|[|•·;])[\s*#>\-]*$", ctx.folded[:cue.start])
               for cue in ctx.cue_near("date_label", start, start, before=30))


def _title_field(ctx: Context, start: int, end: int) -> bool:
    """The date is a whole field of the text's first line, set off by a spaced separator: a forum title's
    "- 11/2023" or "| 2024 |"."""
    line_start = len(ctx.folded) - len(ctx.folded.lstrip())
    line_end = ctx.folded.find("\n", line_start)
    line_end = len(ctx.folded) if line_end < 0 else line_end
    if not line_start <= start < end <= line_end:
        return False
    before = _FIELD_BEFORE.search(ctx.folded, line_start, start)
    after = _FIELD_AFTER.match(ctx.folded, end, line_end)
    return bool(before and after and (before.group().strip() or after.group().strip())
                and not _FIELD_YEAR_AFTER.match(ctx.folded, end, line_end)
                and not _FIELD_YEAR_BEFORE.search(ctx.folded, line_start, start))


def _dateline(ctx: Context, start: int, end: int) -> bool:
    """The date heads a line of the article's header on its own, or behind a byline: "March 12, 2024 — The
    University...", "Le 14 juin 2023", "By Staff Reporter, 9 October 2023"."""
    line_start = ctx.folded.rfind("\n", 0, start) + 1
    text_start = len(ctx.folded) - len(ctx.folded.lstrip())
    if ctx.folded.count("\n", text_start, line_start) >= _HEADER_LINES or not _DATELINE_AFTER.match(
            ctx.folded, end):
        return False
    if _DATELINE_BEFORE.fullmatch(ctx.folded, line_start, start):
        return True
    return any(not ctx.folded[line_start:cue.start].strip() and _BYLINE_NAME.fullmatch(ctx.folded, cue.end, start)
               for cue in ctx.cue_near("byline", start, start, before=60, same_sentence=False))


def _posted(ctx: Context, start: int) -> bool:
    """Words that tell when a post went up open the date: "the post is dated", "the listing went live on",
    "l'annonce a été publiée le"."""
    for cue in ctx.cue_near("post_dated", start, start, before=30):
        if cue.end <= start and _INTRO_GAP.fullmatch(ctx.folded, cue.end, start) and any(
                noun.end <= cue.start and _POST_GAP.fullmatch(ctx.folded, noun.end, cue.start)
                for noun in ctx.cue_near("post_noun", cue.start, cue.start, before=30)):
            return True
    return False


def _ongoing_since(ctx: Context, start: int) -> int | None:
    """Where "since" stands when it opens the date a leak started circulating or on sale ("circule sur Telegram
    depuis le 21 mai 2024", "for sale since"), an ongoing_since cue earlier in the clause; else None."""
    since = _SINCE.search(ctx.folded, max(0, start - 30), start)
    if since is None:
        return None
    clause_start = max(ctx.folded.rfind(mark, 0, since.start()) for mark in ".;!?\n") + 1
    if any(clause_start <= cue.start and cue.end <= since.start()
           for cue in ctx.cue_near("ongoing_since", since.start(), since.start(), before=80)):
        return since.start()
    return None


def _closing(ctx: Context, start: int, end: int) -> bool:
    """The date stands alone at the end of the text, maybe behind hashtags or handles."""
    return bool(_CLOSING_AFTER.fullmatch(ctx.folded, end)
                and _CLOSING_BEFORE.search(ctx.folded, max(0, start - 60), start))


@cache
def _bare_month() -> re.Pattern[str]:
    """A month name with no day or year after it."""
    _, month = _months()
    return re.compile(r"\b(?P<mon>" + month + r")\b(?!\.?,?\s+(?:de\s+|of\s+)?[0-3]?\d)")


def _yearless(ctx: Context, dated: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Months without a year that an event_date_intro cue opens, dated by a full date before them in the
    sentence ("said on 9 April 2024 that ... data stolen in late February" is February 2024; "On 3 January
    2025, ... hacked in December" is December 2024)."""
    months, _ = _months()
    found: list[tuple[int, int, str, str]] = []
    for _, anchor_end, anchor, _ in dated:
        if len(anchor) == 4:
            continue
        _, sentence_end = ctx.sentence_span(anchor_end - 1)
        for match in _bare_month().finditer(ctx.folded, anchor_end, sentence_end):
            start, end = match.span()
            if any(s < end and start < e for s, e, _, _ in dated + found) or not _introduced(
                    ctx, start, end, preposition=True):
                continue
            number = months[match.group("mon").rstrip(".")]
            year = int(anchor[:4]) - (number > int(anchor[5:7]))
            found.append((start, end, f"{year:04d}-{number:02d}", "m"))
    return found


def _reported_first(ctx: Context, end: int, sentence_end: int) -> bool:
    """The clause a leading date opens is about a report, and the breach has its own date later on: a report
    verb comes before any breach word ("On 14 March 2025, X revealed that ... hacked in December 2024")."""
    if not _YEAR.search(ctx.folded, end, sentence_end):
        return False
    report = next((m.start for m in ctx.cues("report_verb") if end <= m.start < sentence_end), None)
    if report is None:
        return False
    breach = next((m.start for m in ctx.cues("breach_event") if end <= m.start < sentence_end), None)
    return breach is None or report < breach


def extract_date(ctx: Context) -> tuple[str | None, list[Evidence]]:
    best: tuple[float, int, int, str] | None = None
    scored: list[tuple[float, int, int, str]] = []
    dated = sorted(_mentions(ctx))
    for start, end, iso, kind in sorted(dated + _yearless(ctx, dated)):  # on equal scores, the first in the text
        score = 0.0
        sentence_start, sentence_end = ctx.sentence_span(start)
        leading = start - sentence_start <= 18 and ctx.text[end:end + 1] == ","
        posted = _posted(ctx, start)
        if ctx.cue_near("breach_event", start, end, before=90, after=400 if leading else 110) or posted:
            score += 2.0  # "the post is dated 21 June 2025": the post's date
        elif re.search(r"\b(?:in|on|en|le|au|im|am|en el)\s*$", ctx.folded[max(0, start - 8):start]) and any(
                sentence_start <= m.start < start for m in ctx.cues("breach_event")):
            score += 2.0  # "X leaked ... records ... on BreachForums in January 2025": the clause's verb
        if leading:
            score += 1.0  # "In March 2015, ..."
            if sentence_start == 0:
                score += 1.0  # a text that opens on a date tells when it happened
            if _reported_first(ctx, end, sentence_end):
                score -= 3.0  # "On 14 March 2025, the outlet revealed that a base hacked in 2024...": the report's

        # "between 2 and 19 January 2026": the days an event took, not a period the data covers;
        # "depuis" inside "en vente depuis le 28 mai" or after "circule sur Telegram" is when the leak started
        intros = ctx.cue_near("event_date_intro", start, end, before=40)
        since = _ongoing_since(ctx, start)
        if any((kind != "days" or ctx.folded[cue.end:start].strip())
               and not any(i.start <= cue.start < i.end for i in intros)
               and (since is None or cue.start < since)
               for cue in ctx.cue_near("not_event_date", start, end, before=22)) and not posted:
            score -= 3.0  # "an article published on ..." is not the breach; "the listing, published on ..." is
        if _introduced(ctx, start, end) or since is not None and not _RANGE_AFTER.match(ctx.folded, end):
            score += 3.0  # "a breach dating back to December 2018", "occurred on 3 January 2024": when it happened
        if _labelled(ctx, start) or _closing(ctx, start, end) or _title_field(ctx, start, end) or _dateline(
                ctx, start, end):
            score += 2.0  # "Date : 12.03.2025" on a leak site, "... join before ban. 5 Feb 2024": the post's date
        if any(not _YEAR.search(ctx.folded, cue.end, start)
               for cue in ctx.cue_near("earlier_event", start, end, before=60)):
            score -= 3.0  # "X previously suffered a breach in 2021": an earlier breach's date, not this one's
        if ctx.is_speculative(start):
            score -= 1.0
        if _REPORTED.match(ctx.folded[end:end + 60]):
            iso = iso[:4]
        if score >= 2.0:
            scored.append((score, start, end, iso))
            if best is None or score > best[0]:
                best = (score, start, end, iso)
    if best is None:
        return None, []
    # "[VENTE] Base ... – 2023" then "Extraction faite en décembre 2023": the same date, told more precisely
    finer = [c for c in scored if c[3].startswith(best[3] + "-")]
    if finer:
        best = max(finer, key=lambda c: (len(c[3]), c[0], -c[1]))
    _, start, end, iso = best
    return iso, [ctx.evidence("date", start, end, rule="date")]
