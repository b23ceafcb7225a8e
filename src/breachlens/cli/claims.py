"""``breachlens claims``: the claims stored by ``analyze --save``."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from breachlens.cli._output import ListFormat, check_lang, echo_json_lines, number, print_table

app = typer.Typer(help="List and show the claims stored by `breachlens analyze --save`.", no_args_is_help=True)


class ShowFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


@app.command("list")
def list_claims(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one claim per line)")] =
        ListFormat.table,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many claims, newest first.")] = 50,
    victim: Annotated[str | None, typer.Option("--victim", help="Only victims whose name contains this.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Only this victim country (ISO code).")] = None,
) -> None:
    """List stored claims, newest first.

    Example: breachlens claims list --country FR
    Example: breachlens claims list --format json | jq .victim.name
    """
    from breachlens.store import Store

    with Store() as store:
        rows = store.claims(limit=limit, victim=victim, country=country)
        total = store.count()["claims"]
    if fmt is ListFormat.json:
        echo_json_lines({"id": row.id, "stored": row.created_at.isoformat(), **row.data} for row in rows)
        return

    def data(kinds: list[str]) -> str:
        return ", ".join(kinds[:3]) + (f" +{len(kinds) - 3}" if len(kinds) > 3 else "")

    print_table(f"Claims ({len(rows)} of {total})",
                [("id", "right"), "stored", "type", "victim", "cc", ("records", "right"), "data", "actor",
                 "severity"],
                ([str(row.id), row.created_at.strftime("%Y-%m-%d"), str(row.claim.claim_type),
                  (row.claim.victim.name if row.claim.victim else None) or "—",
                  (row.claim.victim.country if row.claim.victim else None) or "", number(row.claim.records),
                  data(row.claim.data_categories), row.claim.actor or "", row.severity_band or ""] for row in rows),
                empty="No claims stored yet. Store one with: breachlens analyze --save post.txt",
                no_wrap=("id", "stored", "cc"))


@app.command("show")
def show_claim(
    claim_id: Annotated[int, typer.Argument(help="The claim's id, as `claims list` shows it.")],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="terminal report, markdown or json")] =
        ShowFormat.terminal,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the report: en or fr.")] = "en",
) -> None:
    """Show one stored claim: its report, or its JSON with evidence.

    Example: breachlens claims show 1 --format markdown --lang fr
    """
    from breachlens.errors import InputError
    from breachlens.store import Store

    check_lang(lang)
    with Store() as store:
        row = store.claim(claim_id)
        document = store.document(row.claim.document_id) if row and row.claim.document_id else None
    if row is None:
        raise InputError("no such claim", input=f"claim {claim_id}", hint="see `breachlens claims list`")
    if fmt is ShowFormat.json:
        typer.echo(json.dumps({"id": row.id, "stored": row.created_at.isoformat(), **row.data}, ensure_ascii=False,
                              indent=2))
        return
    from breachlens.assess import assess
    from breachlens.report.render import print_terminal, render

    assessment = assess(row.claim, lang=lang)
    text = document.text if document else None
    if fmt is ShowFormat.markdown:
        typer.echo(render(assessment, "markdown", document_text=text))
    else:
        from rich.console import Console

        print_terminal(assessment, Console(), document_text=text)
