"""Ingest is idempotent and crash-safe: real processes, a real SQLite file, killed mid-ingest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest_posts import make_posts

from breachlens.ingest import ingest, rebuild_incidents
from breachlens.store import Store


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {table: connection.execute(f"select count(*) from {table}").fetchone()[0]
                for table in ("documents", "claims", "sightings", "incidents")}


def dump(db: Path) -> list[tuple[object, ...]]:
    """What an ingest stores, without the times it was stored at."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("select d.id, c.id, c.incident_id, s.source, s.url from documents d "
                                  "join claims c on c.document_id = d.id join sightings s on s.document_id = d.id "
                                  "order by d.id, s.source, s.url").fetchall()
        rows += connection.execute("select id, victim_key, victim, records_high from incidents order by id").fetchall()
    return rows


def test_ingesting_twice_changes_nothing(posts: Path, _isolated_home: Path) -> None:
    with Store() as store:
        first = ingest(str(posts), store)
        rebuild_incidents(store)
    before = dump(_isolated_home / "breachlens.db")
    with Store() as store:
        again = ingest(str(posts), store)
        rebuild_incidents(store)
    assert (first.items, first.new_documents, first.new_sightings) == (12, 12, 12)
    assert (again.items, again.new_documents, again.new_sightings) == (12, 0, 0)
    assert dump(_isolated_home / "breachlens.db") == before
    assert counts(_isolated_home / "breachlens.db") == {"documents": 12, "claims": 12, "sightings": 12,
                                                        "incidents": 6}


def test_same_text_in_two_sources_is_one_document_two_sightings(posts: Path, _isolated_home: Path) -> None:
    with Store() as store:
        ingest(str(posts), store, source="forum mirror")
        report = ingest(str(posts), store, source="analyst folder")
        rebuild_incidents(store)
        incident = store.incidents(limit=1)[0].incident
    assert report.new_documents == 0 and report.new_sightings == 12
    assert {s.source for s in incident.sightings} == {"forum mirror", "analyst folder"}
    assert counts(_isolated_home / "breachlens.db")["sightings"] == 24


def test_killed_ingest_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    make_posts(folder, 400, seed=11)
    env = {**os.environ, "BREACHLENS_HOME": str(tmp_path / "killed")}
    env.pop("BREACHLENS_DB", None)
    db = tmp_path / "killed" / "breachlens.db"
    command = [sys.executable, "-m", "breachlens", "ingest", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = counts(db)["sightings"]
            except sqlite3.OperationalError:
                continue
            if stored >= 40:
                break
    assert process.poll() is None, "the ingest finished before it could be killed: make it longer"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    partial = counts(db)
    assert 40 <= partial["sightings"] < 400
    assert partial["documents"] == partial["claims"] == partial["sightings"]  # each item whole or absent

    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "400 items" in done.stderr
    after = counts(db)
    assert after["documents"] == after["claims"] == after["sightings"] == 400

    clean_env = {**env, "BREACHLENS_HOME": str(tmp_path / "clean")}
    clean = subprocess.run(command, env=clean_env, capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    assert counts(tmp_path / "clean" / "breachlens.db") == after
