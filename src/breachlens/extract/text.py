"""Text helpers shared by every extractor: folding, HTML to text, sentences.

``fold`` is length-preserving (one character in, one character out), so a match found in the folded text is
at the same offsets in the original: evidence spans always quote the input exactly.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

__all__ = ["fold", "html_to_text", "looks_like_html", "Sentences", "clean_input"]

_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"
_SPECIAL = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00df": "s", "\u0131": "i", "\u0130": "i", "\u00e6": "a", "\u00c6": "a", "\u0153": "o", "\u0152": "o",
    "\u00f8": "o", "\u00d8": "o", "\u0142": "l", "\u0141": "l", "\u0111": "d", "\u0110": "d",
    "\u00f0": "d", "\u00fe": "t", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ",
    "\u0451": "\u0435", "\u0401": "\u0435",  # ё -> е
}


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for char in _SPACES:
        table[ord(char)] = " "
    ranges = [(0x41, 0x5B), (0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)]
    for low, high in ranges:
        for code in range(low, high):
            char = chr(code)
            base = unicodedata.normalize("NFD", char)[0].lower()
            if len(base) == 1 and base != char:
                table[code] = base
    for char, repl in _SPECIAL.items():
        table[ord(char)] = repl
    return table


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic quotes and dashes made plain; same length as ``text``."""
    return text.translate(_fold_table())


# --------------------------------------------------------------------------------------------- HTML -> text
_HTML_HINT = re.compile(r"<\s*(?:html|body|div|p|br|span|a|table|td|li|ul|h[1-6]|article|section|script|style|"
                        r"img|svg|iframe|meta|head|title|strong|em|b|i|font|pre|code|blockquote)\b", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
               "blockquote", "pre", "table", "ul", "ol", "header", "footer", "title", "dt", "dd")


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment rather than prose that mentions a tag."""
    head = text[:4096]
    return len(_HTML_HINT.findall(head)) >= 2 or head.lstrip()[:15].lower().startswith(("<!doctype", "<html"))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: scripts, styles and hidden parts dropped, blocks on their own lines."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, template, iframe, object, embed, svg, head, meta, link"):
        node.decompose()
    for tag in _BLOCK_TAGS:
        for node in tree.css(tag):
            node.insert_before("\n")
            node.insert_after("\n")
    root = tree.body or tree.root
    text = root.text(separator="", strip=False) if root is not None else ""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_input(text: str) -> str:
    """Normalise line ends and drop control characters (the text we analyse and quote from)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------------------------------------ sentences
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"')\]]*\s+(?=[\"'(\[]?[A-ZÀ-ÖØ-ÞА-Я0-9\-•*])|\n\s*\n|\n(?=\s*[-•*–·]\s)|\n")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Inc|Ltd|Co|Corp|approx|vs|etc|No|U\.S|e\.g|i\.e|M|Mme|Jr|Sr)\.)$")


@dataclass(frozen=True)
class Sentences:
    """Sentence boundaries of a text; ``index(pos)`` gives the sentence holding ``pos``."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Sentences:
        starts, ends = [0], []
        for match in _SENTENCE_END.finditer(text):
            if _ABBREV.search(text[max(0, match.start() - 6):match.start()]):
                continue
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        return cls(tuple(starts), tuple(ends))

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def span(self, pos: int) -> tuple[int, int]:
        i = self.index(pos)
        return self.starts[i], self.ends[i]

    def __len__(self) -> int:
        return len(self.starts)
