"""Render an assessment as the report an analyst would publish: Markdown, self-contained HTML or terminal.

The words come from ``knowledge/report_rules.yaml`` (labels under ``messages``) and the layout from the Jinja2
templates beside this module; this module only gathers the values. Everything that came from a source is
untrusted: the HTML template is autoescaped, and every value written into Markdown is escaped, so neither a
victim name nor an evidence quote can inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breachlens.model import Assessment, Claim, Evidence, Factor, Obligation, Severity, Statement
from breachlens.report import rules

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["FORMATS", "render", "print_terminal", "report_context", "markdown_escape"]

FORMATS: tuple[str, ...] = ("markdown", "html")
TEMPLATES = Path(__file__).parent / "templates"

# Which row of "What is claimed" an evidence field belongs to: the longest matching prefix wins.
_EVIDENCE_ROWS: dict[str, str] = {
    "claim_type": "claim_type",
    "victim": "victim",
    "victim.country": "country",
    "country": "country",
    "victim.sector": "sector",
    "records": "records",
    "records_range": "records",
    "data_categories": "data_categories",
    "price": "price",
    "actor": "actor",
    "actor_aliases": "actor",
    "venue": "venue",
    "date": "date",
    "flags": "flags",
}

# Markdown punctuation that could start markup; "_" only where it is not inside a word (CommonMark never reads
# an intraword underscore as emphasis, and "claim_type" stays readable).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>#|~!]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_WHITESPACE = re.compile(r"[\r\n\t\v\f\u2028\u2029]+\s*")


def markdown_escape(value: object) -> str:
    """Text that Markdown shows literally: its punctuation backslash-escaped, on one line."""
    if value is None:
        return ""
    text = _WHITESPACE.sub(" ", str(value))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# --------------------------------------------------------------------------- the values the templates show
@dataclass
class Row:
    key: str
    label: str
    value: str
    quotes: list[str] = field(default_factory=list)


@dataclass
class Segment:
    text: str
    marked: bool = False
    field: str = ""


def _row_of(field_name: str) -> str | None:
    base = re.split(r"[\[:]", field_name, maxsplit=1)[0]
    best: str | None = None
    for prefix in _EVIDENCE_ROWS:
        if (base == prefix or base.startswith(prefix + ".")) and (best is None or len(prefix) > len(best)):
            best = prefix
    return _EVIDENCE_ROWS[best] if best is not None else None


def _quotes(claim: Claim) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    for item in claim.evidence:
        row = _row_of(item.field)
        text = " ".join(item.text.split())
        if row is None or not text:
            continue
        bucket = quotes.setdefault(row, [])
        if text not in bucket:
            bucket.append(text)
    return quotes


def _rows(claim: Claim, lang: str) -> list[Row]:
    t = lambda key, **kw: rules.message(key, lang, **kw)  # noqa: E731
    none = t("value.none")
    victim = claim.victim
    values: dict[str, str | None] = {"claim_type": t(f"claim_type.{claim.claim_type}")}
    if victim is not None and victim.name:
        extras = []
        if victim.aliases:
            extras.append(f"{t('field.aliases')} {', '.join(victim.aliases)}")
        if victim.domain:
            extras.append(f"{t('field.domain')} {victim.domain}")
        values["victim"] = f"{victim.name} ({'; '.join(extras)})" if extras else victim.name
    else:
        values["victim"] = None
    country = victim.country if victim is not None else None
    if country:
        name = rules.country_name(country, lang)
        values["country"] = f"{name} ({country})" if name != country else country
    if victim is not None and victim.sector:
        values["sector"] = rules.sector_label(victim.sector, lang)
    if claim.records is not None:
        phrase, exact = rules.format_records(claim.records, lang), rules.format_number(claim.records, lang)
        values["records"] = phrase if exact in phrase else f"{phrase} ({exact})"
    elif claim.records_range is not None:
        low, high = claim.records_range
        values["records"] = rules.message(
            "records.range", lang, low=rules.format_number(low, lang), high=rules.format_number(high, lang)
        )
    else:
        values["records"] = None
    labels = [rules.category_label(key, lang) for key in rules.facts_of(claim, None, lang).categories]
    values["data_categories"] = ", ".join(labels) or None
    values["price"] = rules.format_price(claim, lang)
    actor = claim.actor
    if actor and claim.actor_aliases:
        actor = f"{actor} ({t('field.aliases')} {', '.join(claim.actor_aliases)})"
    values["actor"] = actor
    values["venue"] = claim.venue
    values["date"] = claim.date
    if claim.flags:
        labels = rules.message_keys()
        values["flags"] = ", ".join(
            t(f"flag.{flag}") if f"flag.{flag}" in labels else flag for flag in claim.flags
        )
    quotes = _quotes(claim)
    optional = {"country", "sector", "flags"}
    rows = []
    for key, value in values.items():
        if value is None and key in optional:
            continue
        rows.append(Row(key=key, label=t(f"field.{key}"), value=value or none, quotes=quotes.get(key, [])))
    return rows


def _component(label: str, factor: Factor, lang: str) -> dict[str, Any]:
    return {
        "label": label,
        "name": factor.name,
        "value": rules.format_number(round(factor.value, 2), lang),
        "reason": factor.reason,
        "evidence": list(factor.evidence),
    }


def _severity(severity: Severity, lang: str) -> dict[str, Any]:
    t = lambda key: rules.message(key, lang)  # noqa: E731
    band = str(severity.band)
    return {
        "score": rules.format_number(round(severity.score, 2), lang),
        "band": t(f"band.{band}"),
        "band_key": band.replace(" ", "-"),
        "method": severity.method,
        "components": [
            _component(t("severity.dpc"), severity.dpc, lang),
            _component(t("severity.ei"), severity.ei, lang),
            _component(t("severity.cb"), severity.cb, lang),
        ],
        "factors": [_component(item.name, item, lang) for item in severity.factors],
        "scale": rules.format_number(severity.scale, lang) if severity.scale is not None else None,
    }


def _segments(document_text: str, evidence: list[Evidence]) -> list[Segment]:
    """The document cut into plain and evidence-marked pieces; spans not quoting it exactly are ignored."""
    exact = [e for e in evidence if e.end > e.start and document_text[e.start : e.end] == e.text]
    spans = sorted(exact, key=lambda item: (item.start, -item.end))
    pieces: list[Segment] = []
    cursor = 0
    for item in spans:
        if item.start < cursor:
            continue  # overlaps a span already marked
        if item.start > cursor:
            pieces.append(Segment(document_text[cursor : item.start]))
        pieces.append(Segment(item.text, marked=True, field=item.field))
        cursor = item.end
    if cursor < len(document_text):
        pieces.append(Segment(document_text[cursor:]))
    return pieces


def report_context(assessment: Assessment, document_text: str | None = None) -> dict[str, Any]:
    """Everything the report templates show, already worded in the assessment's language."""
    lang = assessment.language
    claim = assessment.claim
    messages = {key: rules.message(key, lang) for key in rules.message_keys()}
    audiences = [
        {"key": audience, "label": messages.get(f"audience.{audience}", audience), "statements": statements}
        for audience in rules.AUDIENCES
        if (statements := assessment.mitigations.get(audience))
    ]
    traced: list[Statement | Obligation] = [*assessment.insights, *assessment.obligations]
    for audience in rules.AUDIENCES:
        traced += assessment.mitigations.get(audience, [])
    trace = [{"rule": item.rule, "facts": item.facts} for item in traced]
    sources = [claim.source] if claim.source and claim.source != "-" else []
    return {
        "lang": lang,
        "t": messages,
        "headline": assessment.headline or rules.headline(claim, lang),
        "rows": _rows(claim, lang),
        "insights": assessment.insights,
        "severity": _severity(assessment.severity, lang),
        "obligations": assessment.obligations,
        "audiences": audiences,
        "sources": sources,
        "document_id": claim.document_id,
        "quote_open": messages.get("quote.open", '"'),
        "quote_close": messages.get("quote.close", '"'),
        "source_text": _segments(document_text, claim.evidence) if document_text else None,
        "source_lines": document_text.splitlines() if document_text else None,
        "trace": trace,
    }


# --------------------------------------------------------------------------- renderers
def _environment(fmt: str) -> Any:
    import jinja2

    if fmt == "html":
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,
        finalize=markdown_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(assessment: Assessment, fmt: str = "markdown", document_text: str | None = None) -> str:
    """The report of ``assessment`` as ``"markdown"`` or ``"html"`` (self-contained, no script).

    ``document_text`` (the analysed text) adds a "Source text" section with the evidence spans marked.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    name = "report.html.j2" if fmt == "html" else "report.md.j2"
    text: str = _environment(fmt).get_template(name).render(**report_context(assessment, document_text))
    if fmt == "markdown":
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def print_terminal(assessment: Assessment, console: Console, document_text: str | None = None) -> None:
    """Print the Markdown report on a rich console."""
    from rich.markdown import Markdown

    console.print(Markdown(render(assessment, "markdown", document_text)))
