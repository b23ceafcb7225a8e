"""Rendered reports: golden Markdown and HTML in English and French, escaping of untrusted text, no leaks.

Regenerate the golden files after an intended change with ``BREACHLENS_UPDATE_GOLDEN=1 pytest tests/report``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from report_fixtures import severity

from breachlens.model import Assessment, Claim, ClaimType, Evidence, Price, Victim
from breachlens.report import rules
from breachlens.report.render import markdown_escape, print_terminal, render

GOLDEN = Path(__file__).parent / "golden"

TEXT_EN = (
    "A threat actor going by 'datavendor' on a well-known cybercrime forum is selling a database taken "
    "from France Travail (formerly Pôle emploi). The listing claims over 22 million records of French "
    "job seekers: "
    "full names, email addresses, postal addresses, phone numbers and employment details. "
    "Bidding starts at $2,500 and the price is negotiable."
)

TEXT_FR = (
    "Le groupe de rançongiciel Qilin revendique sur son site de fuite une attaque contre le Centre "
    "hospitalier de Valmont (France). Il affirme détenir 180 000 dossiers de patients : noms, "
    "dates de naissance, numéros de sécurité sociale et données de santé, et menace de tout publier "
    "le 2024-04-22."
)


def quote(text: str, snippet: str, field: str, rule: str | None = None) -> Evidence:
    start = text.index(snippet)
    return Evidence(field=field, start=start, end=start + len(snippet), text=snippet, rule=rule)


def build(c: Claim, lang: str, score: float, band: str, scale: int | None) -> Assessment:
    sev = severity(score=score, band=band, scale=scale)
    return Assessment(
        claim=c,
        severity=sev,
        obligations=rules.obligations(c, sev, lang),
        insights=rules.insights(c, sev, lang),
        mitigations=rules.mitigations(c, sev, lang),
        headline=rules.headline(c, lang),
        language=lang,
    )


def english() -> Assessment:
    t = TEXT_EN
    c = Claim(
        source="examples/sale-fr-employment.txt",
        document_id="0" * 64,
        language="en",
        claim_type=ClaimType.sale,
        victim=Victim(
            name="France Travail",
            aliases=["Pôle emploi"],
            country="FR",
            sector="government",
            domain="francetravail.fr",
        ),
        records=22_000_000,
        data_categories=["address", "email", "employment", "name", "phone"],
        price=Price(amount=2500, currency="USD", negotiable=True, starting_at=True),
        actor="datavendor",
        venue="a well-known cybercrime forum",
        evidence=[
            quote(t, "is selling", "claim_type", "claim_type:sale"),
            quote(t, "France Travail", "victim", "victim"),
            quote(t, "French", "country", "country:demonym"),
            quote(t, "over 22 million records", "records", "records"),
            quote(t, "full names", "data_categories", "category:name"),
            quote(t, "email addresses", "data_categories", "category:email"),
            quote(t, "postal addresses", "data_categories", "category:address"),
            quote(t, "phone numbers", "data_categories", "category:phone"),
            quote(t, "employment details", "data_categories", "category:employment"),
            quote(t, "$2,500", "price", "price:USD"),
            quote(t, "datavendor", "actor", "actor"),
            quote(t, "a well-known cybercrime forum", "venue", "venue"),
        ],
    )
    return build(c, "en", 3.5, "high", 22_000_000)


def french() -> Assessment:
    t = TEXT_FR
    c = Claim(
        source="https://example.org/leak/valmont",
        language="fr",
        claim_type=ClaimType.ransomware,
        victim=Victim(name="Centre hospitalier de Valmont", country="FR", sector="healthcare"),
        records=180_000,
        data_categories=["date_of_birth", "health", "name", "national_id"],
        actor="Qilin",
        date="2024-04-22",
        evidence=[
            quote(t, "Qilin", "actor", "actor"),
            quote(t, "Centre hospitalier de Valmont", "victim", "victim"),
            quote(t, "France", "country", "country:name"),
            quote(t, "180 000 dossiers", "records", "records"),
            quote(t, "noms", "data_categories", "category:name"),
            quote(t, "dates de naissance", "data_categories", "category:date_of_birth"),
            quote(t, "numéros de sécurité sociale", "data_categories", "category:national_id"),
            quote(t, "données de santé", "data_categories", "category:health"),
            quote(t, "2024-04-22", "date", "date"),
        ],
        flags=["vulnerable"],
    )
    return build(c, "fr", 4.5, "very high", 180_000)


CASES = {"en": (english, TEXT_EN), "fr": (french, TEXT_FR)}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden(lang: str, fmt: str) -> None:
    make, text = CASES[lang]
    output = render(make(), fmt, document_text=text)
    path = GOLDEN / f"report.{lang}.{'md' if fmt == 'markdown' else 'html'}"
    if os.environ.get("BREACHLENS_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}: run with BREACHLENS_UPDATE_GOLDEN=1"
    assert output == path.read_text(encoding="utf-8"), f"{path.name} changed: review, then regenerate"


def test_report_sections_and_quotes() -> None:
    md = render(english(), "markdown", document_text=TEXT_EN)
    for heading in (
        "## What is claimed",
        "## Why it matters",
        "## Severity",
        "## Regulatory obligations",
        "## Recommended actions",
        "### For the victim organisation",
        "### For the people concerned",
        "## Sources",
        "## About this report",
    ):
        assert heading in md
    assert "**Unverified claim — not confirmed by the victim**" in md
    assert "— “over 22 million records”" in md
    assert "CNIL" in md and "GDPR Art. 33" in md
    fr = render(french(), "markdown")
    assert "Revendication non vérifiée — non confirmée par la victime" in fr
    assert "numéros de sécurité sociale" in fr and "données de santé" in fr
    assert "NIS2 art. 23" in fr and "RGPD art. 34" in fr
    assert "## Texte source" not in fr  # only with document_text


def test_html_is_self_contained_and_strict() -> None:
    html = render(english(), "html", document_text=TEXT_EN)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    ) in html
    assert "<script" not in html.lower()
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html), "no external resource"
    assert "<link" not in html and "@import" not in html
    assert "@media print" in html
    assert '<mark title="records">over 22 million records</mark>' in html
    assert '<html lang="fr">' in render(french(), "html")


XSS_NAME = "<script>alert(1)</script>"
XSS_QUOTE = "<img src=x onerror=alert(1)>"


def xss_assessment(lang: str) -> tuple[Assessment, str]:
    text = f"Selling {XSS_NAME} db. Fields: {XSS_QUOTE} and [click](javascript:alert(1)) *emails*"
    c = Claim(
        source="javascript:alert(1)",
        claim_type=ClaimType.sale,
        victim=Victim(name=XSS_NAME, aliases=['"><svg onload=alert(1)>'], domain="x.example"),
        data_categories=["email"],
        actor="<b onmouseover=alert(1)>actor</b>",
        venue="[click](javascript:alert(1))",
        evidence=[
            quote(text, XSS_NAME, "victim"),
            quote(text, XSS_QUOTE, "data_categories", "category:email"),
            quote(text, "[click](javascript:alert(1))", "venue"),
        ],
    )
    return build(c, lang, 2.5, "medium", None), text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_escapes_everything_from_the_source(lang: str) -> None:
    assessment, text = xss_assessment(lang)
    html = render(assessment, "html", document_text=text)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror=" not in lowered.replace("onerror=alert(1)&gt;", "")  # only escaped text may remain
    assert "<img" not in lowered and "<svg" not in lowered and "<b " not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in lowered


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markdown_escapes_everything_from_the_source(lang: str) -> None:
    assessment, text = xss_assessment(lang)
    md = render(assessment, "markdown", document_text=text)
    assert not re.search(r"(?<!\\)<(script|img|svg|b )", md), "unescaped tag in Markdown"
    assert r"\<script\>alert(1)\</script\>" in md
    assert "[click](javascript" not in md and r"\[click\](javascript:alert(1))" in md
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def test_markdown_escape() -> None:
    assert markdown_escape("a_b _c_ *d* [e](f) `g` <h> #i |j|\nk") == (
        r"a_b \_c\_ \*d\* \[e\](f) \`g\` \<h\> \#i \|j\| k"
    )
    assert markdown_escape(None) == ""


EMPTY_LEAKS = re.compile(r"\bNone\b|\bnull\b|\{\w*\}|\{\{|\}\}")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_empty_claim_leaks_nothing(lang: str, fmt: str) -> None:
    from breachlens.model import Factor, Severity, SeverityBand

    zero = Factor(name="", value=0, reason="")
    sev = Severity(score=0, band=SeverityBand.low, dpc=zero, ei=zero, cb=zero)
    c = Claim(source="")
    assessment = Assessment(
        claim=c,
        severity=sev,
        obligations=rules.obligations(c, sev, lang),
        insights=rules.insights(c, sev, lang),
        mitigations=rules.mitigations(c, sev, lang),
        language=lang,
    )
    output = render(assessment, fmt, document_text="")
    if fmt == "html":
        output = re.sub(r"<style>.*?</style>", "", output, flags=re.S)
    assert not EMPTY_LEAKS.search(output), EMPTY_LEAKS.search(output)
    bare = render(Assessment(claim=c, severity=sev, language=lang), fmt)  # no rules applied at all
    if fmt == "html":
        bare = re.sub(r"<style>.*?</style>", "", bare, flags=re.S)
    assert not EMPTY_LEAKS.search(bare)
    expected = rules.message("none.obligations", lang)
    assert (expected if fmt == "markdown" else expected.replace("'", "&#39;")) in bare


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(english(), "pdf")


def test_print_terminal() -> None:
    from rich.console import Console

    console = Console(record=True, width=100, color_system=None)
    print_terminal(english(), console)
    out = console.export_text()
    assert "Alleged sale of France Travail data" in out
    assert "Unverified claim" in out and "Regulatory obligations" in out
