"""``analyze --save`` then ``claims list`` / ``claims show``, as a user runs them (real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BREACHLENS_HOME": str(home)}
    env.pop("BREACHLENS_DB", None)
    return subprocess.run([sys.executable, "-m", "breachlens", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_save_then_list_and_show(tmp_path: Path) -> None:
    empty = run("claims", "list", home=tmp_path)
    assert empty.returncode == 0 and "No claims stored yet" in empty.stdout
    post = EXAMPLES / "sale-fr-employment.txt"
    saved = run("analyze", "--save", "--format", "json", str(post), home=tmp_path)
    assert saved.returncode == 0, saved.stderr
    assert "saved:" in saved.stderr and "claim 1" in saved.stderr
    again = run("analyze", "--save", "--format", "json", str(post), home=tmp_path)
    assert "already stored" in again.stderr
    assert (tmp_path / "breachlens.db").is_file()

    table = run("claims", "list", home=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "France Travail" in table.stdout and "22,043,118" in table.stdout

    lines = run("claims", "list", "--format", "json", home=tmp_path).stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == 1 and record["victim"]["name"] == "France Travail" and record["severity"]["band"]

    report = run("claims", "show", "1", "--format", "markdown", "--lang", "fr", home=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "France Travail" in report.stdout and "CNIL" in report.stdout

    missing = run("claims", "show", "42", home=tmp_path)
    assert missing.returncode == 1 and "no such claim" in missing.stderr and "Traceback" not in missing.stderr


def test_breachlens_db_is_used_by_every_command(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    env = {**os.environ, "BREACHLENS_HOME": str(tmp_path / "home"), "BREACHLENS_DB": str(db)}
    for args in (("analyze", "--save", "--format", "json", str(EXAMPLES / "leak-en-retailer.txt")),
                 ("claims", "list", "--format", "json")):
        done = subprocess.run([sys.executable, "-m", "breachlens", *args], capture_output=True, text=True, env=env,
                              timeout=120)
        assert done.returncode == 0, done.stderr
    assert db.is_file() and not (tmp_path / "home" / "breachlens.db").exists()
    assert json.loads(done.stdout.splitlines()[0])["source"].endswith("leak-en-retailer.txt")


def test_unwritable_database_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    env = {**os.environ, "BREACHLENS_DB": str(tmp_path / "f" / "sub" / "db.sqlite")}
    done = subprocess.run([sys.executable, "-m", "breachlens", "claims", "list"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1 and done.stderr.startswith("error:") and "Traceback" not in done.stderr
