"""``breachlens export``: incidents as STIX 2.1, MISP, CSV or Parquet."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import write_file


class ExportFormat(StrEnum):
    stix = "stix"
    misp = "misp"
    csv = "csv"
    parquet = "parquet"


def export_command(
    incident_id: Annotated[int | None, typer.Argument(help="One incident's id (default: every incident, or "
                                                      "those first seen since --since).", show_default=False)] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="stix (2.1 bundle), misp (event JSON), csv "
                                              "or parquet")] = ExportFormat.stix,
    since: Annotated[str | None, typer.Option("--since", help="Incidents first seen on or after this date.")] =
        None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (required for "
                                                "parquet; default: standard output).")] = None,
    tlp: Annotated[str | None, typer.Option("--tlp", help="TLP marking: clear, green, amber, amber+strict, red "
                                            "(default: knowledge/exports.yaml).")] = None,
) -> None:
    """Export incidents for OpenCTI, MISP or a notebook.

    Re-exporting gives the same STIX ids and MISP uuids, so the receiving tool updates what it has.

    Example: breachlens export --format stix 3 -o incident-3.json
    Example: breachlens export --format misp --since 2024-01-01 --tlp green
    Example: breachlens export --format parquet -o incidents.parquet
    """
    from breachlens.cli.incidents import _since
    from breachlens.errors import InputError
    from breachlens.store import Store

    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet is binary: give -o FILE.parquet", param_hint="--output")
    if incident_id is not None and since is not None:
        raise typer.BadParameter("give an incident id or --since, not both", param_hint="--since")
    with Store() as store:
        if incident_id is not None:
            row = store.incident(incident_id)
            if row is None:
                raise InputError("no such incident", input=f"incident {incident_id}",
                                 hint="see `breachlens incidents list`")
            incidents = [row.incident]
        else:
            incidents = [r.incident for r in store.incidents(limit=None, since=_since(since))]
    incidents.sort(key=lambda i: (i.first_seen, i.id or 0))
    if fmt is ExportFormat.parquet:
        from breachlens.export.tables import write_parquet

        assert output is not None
        try:
            rows = write_parquet(incidents, output)
        except OSError as exc:
            raise InputError(f"cannot write the file: {exc.strerror or exc}", input=str(output)) from exc
        typer.echo(f"wrote {rows} incident(s) to {output}", err=True)
        return
    if fmt is ExportFormat.stix:
        from breachlens.export.stix import incidents_bundle

        text = incidents_bundle(incidents, tlp=tlp).serialize(pretty=True) + "\n"
    elif fmt is ExportFormat.misp:
        from breachlens.export.misp import events_json

        text = events_json(incidents, tlp=tlp)
    else:
        from breachlens.export.tables import incidents_csv

        text = incidents_csv(incidents)
    if output is not None:
        write_file(output, text)
        typer.echo(f"wrote {len(incidents)} incident(s) to {output}", err=True)
    else:
        sys.stdout.write(text)
