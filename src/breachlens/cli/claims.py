"""``breachlens claims``: the claims stored by ``analyze --save``."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

app = typer.Typer(help="List and show the claims stored by `breachlens analyze --save`.", no_args_is_help=True)


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


def _number(value: int | None) -> str:
    return f"{value:,}" if value is not None else ""


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
        for row in rows:
            typer.echo(json.dumps({"id": row.id, "stored": row.created_at.isoformat(), **row.data},
                                  ensure_ascii=False))
        return
    import sys

    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 160)  # a pipe or file gets whole lines
    if not rows:
        console.print("No claims stored yet. Store one with: breachlens analyze --save post.txt")
        return
    table = Table(title=f"Claims ({len(rows)} of {total})", title_justify="left")
    for column, justify in (("id", "right"), ("stored", "left"), ("type", "left"), ("victim", "left"),
                            ("cc", "left"), ("records", "right"), ("data", "left"), ("actor", "left"),
                            ("severity", "left")):
        table.add_column(column, justify=justify, no_wrap=column in ("id", "stored", "cc"))  # type: ignore[arg-type]
    for row in rows:
        c = row.claim
        kinds = c.data_categories
        data = ", ".join(kinds[:3]) + (f" +{len(kinds) - 3}" if len(kinds) > 3 else "")
        table.add_row(str(row.id), row.created_at.strftime("%Y-%m-%d"), str(c.claim_type),
                      (c.victim.name if c.victim else None) or "—", (c.victim.country if c.victim else None) or "",
                      _number(c.records), data, c.actor or "", row.severity_band or "")
    console.print(table)


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

    if lang not in ("en", "fr"):
        raise typer.BadParameter("the report languages are en and fr", param_hint="--lang")
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
