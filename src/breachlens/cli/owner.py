"""``breachlens owner``: what a data owner registers so that a leaked sample can be traced to where it leaked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import number, print_table

app = typer.Typer(help="The data owner's side: register data flows (exports, partner copies) with their canary "
                       "records, so `sample verify` can name the flow a sample leaked from.", no_args_is_help=True)
flow_app = typer.Typer(help="Add, list and remove data flows.", no_args_is_help=True)
app.add_typer(flow_app, name="flow")


@flow_app.command("add")
def add_flow(
    name: Annotated[str, typer.Argument(help="The flow's name, e.g. partner-x-export.", show_default=False)],
    canaries: Annotated[Path, typer.Option("--canaries", help="The canary records planted in this flow (fake "
                                           "identities with e-mail and/or phone), any format `sample verify` "
                                           "reads.", show_default=False)],
    schema: Annotated[Path | None, typer.Option("--schema", help="A few rows of the flow as it is exported: "
                                                "its columns and formats, to rank flows when no canary "
                                                "matches.")] = None,
) -> None:
    """Register a data flow; its canaries are kept as keyed hashes only.

    Example: breachlens owner flow add partner-x-export --canaries canaries.csv --schema export_sample.csv
    """
    from breachlens.errors import InputError
    from breachlens.samples.attribution import Flows, canary_hashes, schema_of
    from breachlens.samples.profile import plan_columns
    from breachlens.samples.readers import read_sample
    from breachlens.secret import installation_secret

    secret = installation_secret()
    with read_sample(canaries) as reader:
        frames = list(reader)
    if not frames:
        raise InputError("no canary records", input=str(canaries))
    import polars as pl

    frame = pl.concat(frames)
    kinds = {c.name: c.kind for c in plan_columns(frame) if c.kind}
    hashes, records = canary_hashes(frame, kinds, secret)
    if not len(hashes):
        raise InputError("no e-mail or phone column among the canaries", input=str(canaries),
                         hint="canaries are fake identities: give each an e-mail address or a phone number")
    fingerprint = None
    if schema is not None:
        with read_sample(schema) as reader:
            first = next(iter(reader), None)
            if first is None:
                raise InputError("no rows in the schema sample", input=str(schema))
            plan = plan_columns(first)
            fingerprint = schema_of(reader.columns, [c.kind for c in plan], first.head(1000), reader.info.delimiter)
    Flows().add(name, hashes, len(set(records.tolist())), fingerprint, records=records)
    typer.echo(f"added flow {name}: {number(len(set(records.tolist())))} canary records"
               + (f", schema of {len(fingerprint.columns)} columns" if fingerprint else ""))


@flow_app.command("list")
def list_flows() -> None:
    """The registered flows.

    Example: breachlens owner flow list
    """
    from breachlens.samples.attribution import Flows

    flows = Flows().list()
    print_table(f"Data flows ({len(flows)})", ["name", "added", ("canaries", "right"), "schema"],
                ([f.name, f"{f.added_at:%Y-%m-%d %H:%M}", number(f.canaries),
                  f"{len(f.schema.columns)} columns" if f.schema else "—"] for f in flows),
                empty="No flow registered yet: breachlens owner flow add NAME --canaries FILE")


@flow_app.command("remove")
def remove_flow(name: Annotated[str, typer.Argument(help="The flow's name.", show_default=False)]) -> None:
    """Forget a flow.

    Example: breachlens owner flow remove partner-x-export
    """
    from breachlens.errors import InputError
    from breachlens.samples.attribution import Flows

    if not Flows().remove(name):
        raise InputError("no such flow", input=name, hint="see `breachlens owner flow list`")
    typer.echo(f"removed {name}")
