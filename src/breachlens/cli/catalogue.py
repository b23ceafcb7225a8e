"""``breachlens catalogue``: import a public breach catalogue to tell new breaches from re-posts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import number, print_table

app = typer.Typer(help="Import and list known breaches (a public catalogue, Have I Been Pwned layout).",
                  no_args_is_help=True)


@app.command("import")
def import_catalogue(
    file: Annotated[Path, typer.Argument(help="A JSON catalogue: a list of breaches (Name, Title, Domain, "
                                         "BreachDate, PwnCount, DataClasses, ...).", show_default=False)],
    incidents: Annotated[bool, typer.Option("--incidents/--no-incidents", help="Re-check incidents against "
                                            "the catalogue afterwards.")] = True,
) -> None:
    """Import a breach catalogue; importing it again updates what changed.

    Example: breachlens catalogue import breaches.json
    """
    from breachlens.assess.incidents import victim_key
    from breachlens.catalogue import read_catalogue
    from breachlens.store import Store

    breaches, problems = read_catalogue(file)
    for line in problems[:10]:
        typer.echo(f"warning: {line}", err=True)
    if len(problems) > 10:
        typer.echo(f"warning: ... and {len(problems) - 10} more", err=True)
    keys = [victim_key(b.title, b.domain) for b in breaches]
    with Store() as store:
        added, updated = store.import_breaches(breaches, keys)
        typer.echo(f"{file}: {len(breaches)} breaches read, {added} added, {updated} updated, "
                   f"{len(problems)} skipped", err=True)
        if incidents and (added or updated):
            from breachlens.cli.ingest import _rebuild

            _rebuild(store)


@app.command("list")
def list_catalogue(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """The imported breaches.

    Example: breachlens catalogue list -n 20
    """
    from breachlens.store import Store

    with Store() as store:
        breaches = store.breaches()
    print_table(f"Known breaches ({len(breaches)})", ["name", "title", "domain", "breach date", ("count", "right"),
                                                      "data"],
                ([b.name, b.title, b.domain or "", b.breach_date or "", number(b.count),
                  ", ".join(b.data_categories[:5])] for b in breaches[:limit]),
                empty="No catalogue imported yet: breachlens catalogue import FILE")
