"""CSV and Parquet exports read back, and the Atom/RSS router served by uvicorn on 127.0.0.1 with its filters."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import httpx
import polars as pl
import pytest
import uvicorn
from fastapi import FastAPI

from breachlens.export.feeds import router
from breachlens.export.tables import COLUMNS, incidents_csv, write_parquet
from breachlens.model import Incident, Victim
from breachlens.store import Store


def test_csv_reads_back(incidents: list[Incident]) -> None:
    rows = list(csv.DictReader(io.StringIO(incidents_csv(incidents))))
    assert list(rows[0]) == COLUMNS and len(rows) == len(incidents)
    by_id = {int(r["id"]): r for r in rows}
    for incident in incidents:
        row = by_id[incident.id]  # type: ignore[index]
        assert row["victim"] == incident.victim.name  # type: ignore[union-attr]
        assert row["data_categories"].split(";") == incident.data_categories
        assert int(row["records_high"]) == incident.records_range[1]  # type: ignore[index]


def test_csv_defuses_spreadsheet_formulas() -> None:
    now = datetime(2024, 3, 13, tzinfo=UTC)
    text = incidents_csv([Incident(id=1, victim=Victim(name="=HYPERLINK(\"http://x\")"), first_seen=now,
                                   last_seen=now, actors=["@evil"])])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["victim"].startswith("'=") and row["actors"] == "'@evil"


def test_parquet_reads_back(incidents: list[Incident], tmp_path: Path) -> None:
    path = tmp_path / "incidents.parquet"
    assert write_parquet(incidents, path) == len(incidents)
    frame = pl.read_parquet(path)
    assert frame.columns == COLUMNS
    assert frame.schema["data_categories"] == pl.List(pl.Utf8)
    assert sorted(frame["records_high"].to_list()) == sorted(i.records_range[1] for i in incidents)  # type: ignore[index]
    assert write_parquet([], tmp_path / "empty.parquet") == 0
    assert pl.read_parquet(tmp_path / "empty.parquet").columns == COLUMNS


@pytest.fixture(scope="module")
def feed_server(store: Store) -> Iterator[str]:
    app = FastAPI()
    app.state.store = store
    app.include_router(router)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feeds_and_filters(feed_server: str, incidents: list[Incident], kind: str) -> None:
    def entries(**params: str) -> list[str]:
        response = httpx.get(f"{feed_server}/feeds/incidents.{kind}", params=params, timeout=10)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(f"application/{kind}+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        return [entry.title for entry in parsed.entries]

    everything = entries()
    assert len(everything) == len(incidents)
    french = entries(country="FR")
    assert len(french) == 1 and "(FR)" in french[0]
    assert [t for t in everything if "(DE)" in t] == entries(country="de")
    banks = entries(sector="finance")
    assert len(banks) == 1 and "Banque" in banks[0]
    severe = entries(severity="very-high")
    assert len(severe) == sum(1 for i in incidents if i.severity and i.severity.band == "very high") == 1
    assert entries(severity="low") == everything
    assert len(entries(limit="1")) == 1
    assert entries(country="FR", sector="finance") == []


def test_feed_bad_parameters(feed_server: str) -> None:
    assert httpx.get(f"{feed_server}/feeds/incidents.atom", params={"severity": "apocalyptic"}).status_code == 422
    assert httpx.get(f"{feed_server}/feeds/incidents.rss", params={"country": "France"}).status_code == 422
    assert httpx.get(f"{feed_server}/feeds/incidents.rss", params={"limit": "0"}).status_code == 422


def test_atom_entries_link_the_incident_and_its_report(feed_server: str, incidents: list[Incident]) -> None:
    parsed = feedparser.parse(httpx.get(f"{feed_server}/feeds/incidents.atom", timeout=10).content)
    entry = parsed.entries[0]
    links = {link["rel"]: link["href"] for link in entry.links}
    incident_id = links["alternate"].rsplit("/", 1)[1]
    assert links["related"] == f"{feed_server}/incidents/{incident_id}/report.html"
    assert int(incident_id) in {i.id for i in incidents}
    assert entry.id.startswith("urn:uuid:")


def test_a_control_character_from_a_source_does_not_break_the_feed(incidents: list[Incident]) -> None:
    from breachlens.export.feeds import incidents_feed

    first = incidents[0]
    victim = (first.victim or Victim(name="x")).model_copy(update={"name": "Bad\x0bName\x00 Ltd"})
    broken = first.model_copy(update={"victim": victim})
    for kind in ("atom", "rss"):
        document = incidents_feed([broken], kind, base_url="http://127.0.0.1:8000")  # type: ignore[arg-type]
        parsed = feedparser.parse(document)
        assert not parsed.bozo and "BadName Ltd" in parsed.entries[0].title
