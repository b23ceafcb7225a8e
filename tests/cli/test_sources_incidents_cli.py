"""sources, watch, catalogue and incidents commands, as a user runs them (real processes, a real database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

TEXTS = {
    "a.txt": "Selling Examplia Telecom database, 2,400,000 lines: names, emails, phone numbers. 900$ OBO. "
             "Examplia Telecom is a French operator.",
    "b.txt": "News: a hacker known as 'moonfox' leaked 2.4M records of Examplia Telecom on BreachForums, with "
             "names, e-mail addresses and phone numbers.",
    "c.txt": "Leak of Globexa Insurance customers: 310,000 rows with health data and policy numbers, free.",
}


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BREACHLENS_HOME": str(home)}
    env.pop("BREACHLENS_DB", None)
    return subprocess.run([sys.executable, "-m", "breachlens", *args], capture_output=True, text=True, env=env,
                          timeout=180)


def write_posts(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_sources_watch_and_incidents(tmp_path: Path) -> None:
    home = tmp_path / "home"
    posts = write_posts(tmp_path / "posts")
    assert "No sources yet" in run(home, "sources", "list").stdout
    added = run(home, "sources", "add", "analysts", str(posts), "--every", "10m", "--reliability", "B")
    assert added.returncode == 0, added.stderr
    assert "files" in added.stdout
    assert run(home, "sources", "add", "gone", str(tmp_path / "missing"), "--kind", "files").returncode == 0
    duplicate = run(home, "sources", "add", "analysts", str(posts))
    assert duplicate.returncode == 1 and "exists" in duplicate.stderr and "Traceback" not in duplicate.stderr
    bad = run(home, "sources", "add", "x", str(posts), "--every", "soon")
    assert bad.returncode == 1 and "not a duration" in bad.stderr

    watched = run(home, "watch", "--once")
    assert watched.returncode == 0, watched.stderr
    assert "round 1: 2 due of 2 sources" in watched.stderr
    assert "gone: failed" in watched.stderr  # reported, and the other source was still read
    assert "1 sources read, 1 failed" in watched.stderr

    listing = run(home, "sources", "list")
    assert "failing" in listing.stdout and "ok" in listing.stdout
    again = run(home, "watch", "--once")
    assert "round 1: 1 due of 2 sources" in again.stderr  # the healthy source is not due for 10 minutes

    incidents = [json.loads(line) for line in run(home, "incidents", "list", "--format", "json").stdout.splitlines()]
    assert len(incidents) == 2
    examplia = next(i for i in incidents if i["victim"]["name"] == "Examplia Telecom")
    assert len(examplia["claim_ids"]) == 2 and examplia["records_range"] == [2_400_000, 2_400_000]
    assert examplia["credibility"]["admiralty"].startswith("B")
    assert examplia["novelty"]["status"] == "unknown"

    report = run(home, "incidents", "show", str(examplia["id"]))
    assert report.returncode == 0, report.stderr
    assert "Timeline of sources" in report.stdout and "Credibility" in report.stdout
    fr = run(home, "incidents", "show", str(examplia["id"]), "--lang", "fr")
    assert "Chronologie des sources" in fr.stdout and "CNIL" in fr.stdout
    assert run(home, "incidents", "list", "--country", "FR").stdout.count("Examplia") == 1
    assert "No incidents" in run(home, "incidents", "list", "--since", "2999-01-01").stdout
    assert run(home, "incidents", "show", "999").returncode == 1

    assert run(home, "sources", "reliability", "analysts", "A").returncode == 0
    assert run(home, "sources", "remove", "gone").returncode == 0
    assert run(home, "sources", "remove", "gone").returncode == 1


def test_catalogue_import_flags_reposts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    posts = write_posts(tmp_path / "posts")
    catalogue = [{
        "Name": "ExampliaTelecom", "Title": "Examplia Telecom", "Domain": "examplia-telecom.fr",
        "BreachDate": "2023-05-01", "AddedDate": "2023-06-01T10:00:00Z", "PwnCount": 2_400_000,
        "Description": "In May 2023, Examplia Telecom suffered a breach.",
        "DataClasses": ["Email addresses", "Names", "Phone numbers"], "IsVerified": True,
    }, {"Title": "no name"}]
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    assert run(home, "ingest", str(posts)).returncode == 0
    imported = run(home, "catalogue", "import", str(tmp_path / "catalogue.json"))
    assert imported.returncode == 0, imported.stderr
    assert "1 added" in imported.stderr and "1 skipped" in imported.stderr and "no Name" in imported.stderr
    incidents = [json.loads(line) for line in run(home, "incidents", "list", "--format", "json").stdout.splitlines()]
    examplia = next(i for i in incidents if i["victim"]["name"] == "Examplia Telecom")
    assert examplia["novelty"]["status"] == "repost"
    assert examplia["novelty"]["matches"][0]["breach"] == "ExampliaTelecom"
    globexa = next(i for i in incidents if i["victim"]["name"] != "Examplia Telecom")
    assert globexa["novelty"]["status"] in {"new", "unknown"}
    again = run(home, "catalogue", "import", str(tmp_path / "catalogue.json"))
    assert "0 added, 0 updated" in again.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    failed = run(home, "catalogue", "import", str(broken))
    assert failed.returncode == 1 and "not JSON" in failed.stderr and "Traceback" not in failed.stderr
