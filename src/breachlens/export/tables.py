"""Incidents as a table for notebooks: CSV (text) and Parquet (polars writes it natively; no pyarrow needed).

One row per incident, flat columns (lists joined with ``;`` in CSV, kept as lists in Parquet)::

    id, victim, country, sector, domain, claim_type, breach_date, first_seen, last_seen, records_low,
    records_high, data_categories, actors, venues, sources, sightings, severity_score, severity_band,
    credibility, admiralty, novelty

Example::

    >>> from datetime import UTC, datetime
    >>> from breachlens.model import Incident, Victim
    >>> now = datetime(2024, 3, 13, tzinfo=UTC)
    >>> print(incidents_csv([Incident(id=1, victim=Victim(name="Acme", country="FR"), first_seen=now,
    ...                                last_seen=now, data_categories=["email", "name"])]).splitlines()[1][:40])
    1,Acme,FR,,,other,,2024-03-13T00:00:00Z,
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from breachlens.model import Incident

__all__ = ["COLUMNS", "incident_rows", "incidents_frame", "incidents_csv", "write_parquet"]

COLUMNS = ["id", "victim", "country", "sector", "domain", "claim_type", "breach_date", "first_seen", "last_seen",
           "records_low", "records_high", "data_categories", "actors", "venues", "sources", "sightings",
           "severity_score", "severity_band", "credibility", "admiralty", "novelty"]
_LISTS = ("data_categories", "actors", "venues", "sources")


def incident_rows(incidents: Iterable[Incident]) -> list[dict[str, Any]]:
    rows = []
    for incident in incidents:
        victim = incident.victim
        rows.append({
            "id": incident.id,
            "victim": victim.name if victim else None,
            "country": victim.country if victim else None,
            "sector": victim.sector if victim else None,
            "domain": victim.domain if victim else None,
            "claim_type": str(incident.claim_type),
            "breach_date": incident.breach_date,
            "first_seen": incident.first_seen,
            "last_seen": incident.last_seen,
            "records_low": incident.records_range[0] if incident.records_range else None,
            "records_high": incident.records_range[1] if incident.records_range else None,
            "data_categories": list(incident.data_categories),
            "actors": list(incident.actors),
            "venues": list(incident.venues),
            "sources": sorted({s.source for s in incident.sightings}),
            "sightings": len(incident.sightings),
            "severity_score": incident.severity.score if incident.severity else None,
            "severity_band": str(incident.severity.band) if incident.severity else None,
            "credibility": incident.credibility.score if incident.credibility else None,
            "admiralty": incident.credibility.admiralty if incident.credibility else None,
            "novelty": incident.novelty.status if incident.novelty else None,
        })
    return rows


def incidents_frame(incidents: Iterable[Incident]) -> Any:
    """A polars DataFrame with :data:`COLUMNS` (typed even when empty)."""
    import polars as pl

    schema: dict[str, Any] = {
              "id": pl.Int64, "victim": pl.Utf8, "country": pl.Utf8, "sector": pl.Utf8, "domain": pl.Utf8,
              "claim_type": pl.Utf8, "breach_date": pl.Utf8, "first_seen": pl.Datetime("us", "UTC"),
              "last_seen": pl.Datetime("us", "UTC"), "records_low": pl.Int64, "records_high": pl.Int64,
              "data_categories": pl.List(pl.Utf8), "actors": pl.List(pl.Utf8), "venues": pl.List(pl.Utf8),
              "sources": pl.List(pl.Utf8), "sightings": pl.Int64, "severity_score": pl.Float64,
              "severity_band": pl.Utf8, "credibility": pl.Int64, "admiralty": pl.Utf8, "novelty": pl.Utf8}
    return pl.DataFrame(incident_rows(incidents), schema=schema, orient="row")


def incidents_csv(incidents: Iterable[Incident]) -> str:
    """CSV text (UTF-8, header line, lists joined with ``;``, times in ISO 8601 UTC).

    Text from sources is untrusted: a cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
    tab, carriage return first) is prefixed with ``'``.
    """
    import polars as pl

    frame = incidents_frame(incidents).with_columns([pl.col(c).list.join(";") for c in _LISTS])
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.Utf8]
    frame = frame.with_columns([pl.when(pl.col(c).str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + pl.col(c))
                                .otherwise(pl.col(c)).alias(c) for c in text_columns])
    return str(frame.write_csv(datetime_format="%Y-%m-%dT%H:%M:%S%.fZ"))


def write_parquet(incidents: Iterable[Incident], path: Path) -> int:
    """Write the incidents to a Parquet file (zstd); returns the number of rows."""
    frame = incidents_frame(incidents)
    frame.write_parquet(path, compression="zstd")
    return int(frame.height)
