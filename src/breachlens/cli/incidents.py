"""``breachlens incidents``: one incident per breach, across every source that spoke of it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from breachlens.cli._output import ListFormat, check_lang, echo_json_lines, print_table

if TYPE_CHECKING:
    from breachlens.model import Incident

app = typer.Typer(help="List and show incidents: claims about the same breach clustered across sources.",
                  no_args_is_help=True)

_BAND_FLOOR = {"low": 0.0, "medium": 2.0, "high": 3.0, "very-high": 4.0, "very high": 4.0}


class ShowFormat(StrEnum):
    markdown = "markdown"
    json = "json"


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    from breachlens.errors import InputError

    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError("not a date", input=f"--since {value}", hint="write it as 2024-01-01") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command("list")
def list_incidents(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
    country: Annotated[str | None, typer.Option("--country", help="Victim country (ISO code).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First seen on or after this date.")] = None,
    min_severity: Annotated[str | None, typer.Option("--min-severity", help="low, medium, high or very-high.")] =
        None,
    victim: Annotated[str | None, typer.Option("--victim", help="Victim name contains this.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """Incidents, newest first.

    Example: breachlens incidents list --country FR --since 2024-01-01 --min-severity high
    """
    from breachlens.store import Store

    floor = None
    if min_severity is not None:
        if min_severity.lower() not in _BAND_FLOOR:
            raise typer.BadParameter("one of low, medium, high, very-high", param_hint="--min-severity")
        floor = _BAND_FLOOR[min_severity.lower()]
    with Store() as store:
        rows = store.incidents(limit=limit, country=country, since=_since(since), min_severity=floor, victim=victim)
    if fmt is ListFormat.json:
        echo_json_lines(row.incident.model_dump(mode="json", exclude={"sightings"}) |
                        {"sources": len({s.source for s in row.incident.sightings})} for row in rows)
        return

    def records(i: Incident) -> str:
        if not i.records_range:
            return ""
        low, high = i.records_range
        return f"{high:,}" if low == high else f"{low:,}–{high:,}"

    print_table(f"Incidents ({len(rows)})",
                [("id", "right"), "first seen", "victim", "cc", "type", ("records", "right"), "severity",
                 ("cred.", "right"), "novelty", ("src", "right"), "actor"],
                ([str(row.id), f"{i.first_seen:%Y-%m-%d}", (i.victim.name if i.victim else None) or "—",
                  (i.victim.country if i.victim else None) or "", str(i.claim_type), records(i),
                  str(i.severity.band) if i.severity else "", str(i.credibility.score) if i.credibility else "",
                  i.novelty.status if i.novelty else "", str(len({s.source for s in i.sightings})),
                  ", ".join(i.actors[:2])] for row in rows for i in (row.incident,)),
                empty="No incidents. Ingest sources first: breachlens ingest FILE_OR_URL")


@app.command("show")
def show_incident(
    incident_id: Annotated[int, typer.Argument(help="The incident's id, as `incidents list` shows it.")],
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="markdown or json")] = ShowFormat.markdown,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the report: en or fr.")] = "en",
) -> None:
    """The report of one incident: the claim report, its sources over time, credibility and novelty.

    Example: breachlens incidents show 3 --lang fr
    """
    from breachlens.assess import assess
    from breachlens.errors import InputError
    from breachlens.ingest import incident_claim
    from breachlens.report.incident import render_incident_markdown
    from breachlens.store import Store

    check_lang(lang)
    with Store() as store:
        row = store.incident(incident_id)
        if row is None:
            raise InputError("no such incident", input=f"incident {incident_id}",
                             hint="see `breachlens incidents list`")
        claims = [c.claim for c in store.claims_of(row.incident.claim_ids)]
    incident = row.incident
    if fmt is ShowFormat.json:
        typer.echo(json.dumps(incident.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    high = incident.records_range[1] if incident.records_range else None
    assessment = assess(incident_claim(claims, incident.victim, high), lang=lang)
    typer.echo(render_incident_markdown(incident, assessment, lang))
