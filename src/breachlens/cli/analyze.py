"""``breachlens analyze``: from breach-claim texts to evidenced claims and analyst reports."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import write_file
from breachlens.errors import BreachlensError


class Format(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


class Lang(StrEnum):
    en = "en"
    fr = "fr"


_SUFFIX = {Format.markdown: ".md", Format.html: ".html", Format.json: ".json", Format.terminal: ".md"}


def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Text, Markdown or HTML files; '-' reads standard input.",
                                                show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="terminal report, markdown, html, or json "
                                        "(one claim per line)")] = Format.terminal,
    lang: Annotated[Lang, typer.Option("--lang", "-l", help="Language of the report.")] = Lang.en,
    save: Annotated[bool, typer.Option("--save", help="Store each document and its claim in the database "
                                       "(see BREACHLENS_HOME / BREACHLENS_DB).")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of "
                                                "standard output.")] = None,
    output_dir: Annotated[Path | None, typer.Option("--output-dir", help="Write one report per input into "
                                                    "this folder (named after each input).")] = None,
) -> None:
    """Analyse breach-claim texts: victim, records, data, price, actor, venue, date, severity, report.

    Example: breachlens analyze post.txt
    Example: breachlens analyze --format json a.txt b.html -
    Example: breachlens analyze --format html --lang fr -o report.html post.txt
    """
    from breachlens.assess import assess
    from breachlens.extract.pipeline import EXTRACTOR_VERSION, extract, prepare
    from breachlens.inputs import read_input
    from breachlens.serialize import claim_to_dict

    if fmt is Format.html and len(inputs) > 1 and output_dir is None:
        raise typer.BadParameter("HTML reports are one page per input: give --output-dir DIR for several inputs",
                                 param_hint="--format html")
    store = None
    if save:
        from breachlens.store import Store

        store = Store()
    chunks: list[str] = []
    failures = 0
    for name in inputs:
        try:
            raw = read_input(name)
            for warning in raw.warnings:
                typer.echo(f"warning: {name}: {warning}", err=True)
            document = prepare(raw.text, source=raw.source)
            claim = extract(document)
            assessment = assess(claim, lang=lang.value)
            if "truncated_input" in claim.flags:
                typer.echo(f"warning: {name}: long input; only the beginning was analysed", err=True)
            if store is not None:
                result = store.save(document, claim, assessment.severity, extractor_version=EXTRACTOR_VERSION)
                typer.echo(f"saved: {name}: claim {result.claim_id}" +
                           ("" if result.new_document else " (document already stored; claim updated)"), err=True)
        except BreachlensError as exc:
            failures += 1
            typer.echo(f"error: {exc}", err=True)
            continue
        text = _render(fmt, assessment, document.text, claim_to_dict(claim, assessment.severity))
        if output_dir is not None:
            output_dir.mkdir(parents=True, exist_ok=True)
            stem = Path(name).stem if name != "-" else "stdin"
            target = output_dir / f"{stem}{_SUFFIX[fmt]}"
            target.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {target}", err=True)
        elif fmt is Format.terminal and output is None:
            from rich.console import Console

            from breachlens.report.render import print_terminal

            print_terminal(assessment, Console())
        else:
            chunks.append(text)
    if store is not None:  # watchlists: alert on what was just saved
        from breachlens.cli.alerts import check_alerts_after_store

        check_alerts_after_store(store)
    if chunks:
        joined = ("\n" if fmt is Format.json else "\n\n---\n\n").join(c.rstrip("\n") for c in chunks) + "\n"
        if output is not None:
            write_file(output, joined, "the report")
        else:
            sys.stdout.write(joined)
    if failures:
        raise typer.Exit(1)


def _render(fmt: Format, assessment: object, text: str, record: dict[str, object]) -> str:
    if fmt is Format.json:
        return json.dumps(record, ensure_ascii=False)
    from breachlens.report.render import render

    return render(assessment, "html" if fmt is Format.html else "markdown", document_text=text)  # type: ignore[arg-type]
