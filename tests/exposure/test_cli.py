"""``breachlens exposure`` and ``breachlens keys`` as a user runs them (real processes), bad input included."""

from __future__ import annotations

import json
from pathlib import Path

from exposure_helpers import Dump, run


def test_add_check_list_retire_remove(dump: Dump, home: Path) -> None:
    added = run("exposure", "add", str(dump.path), "--breach", "france-travail-2024", "--title", "France Travail",
                "--date", "2024-03", "--domain", "FranceTravail.fr", "--sector", "recruitment", "--public", home=home)
    assert added.returncode == 0, added.stderr
    assert "indexed france-travail-2024: 600 identifiers" in added.stdout
    checked = run("exposure", "check", dump.emails[0], "--lang", "fr", home=home)
    assert checked.returncode == 0 and "France Travail (france-travail-2024, 2024-03-01)" in checked.stdout
    assert "Ne donnez jamais un code" in checked.stdout
    assert "adresses e-mail" in checked.stdout and "Email addresses" not in checked.stdout  # in the reader's language
    as_json = json.loads(run("exposure", "check", dump.phones[0], "--format", "json", home=home).stdout)
    assert as_json["kind"] == "phone" and as_json["breaches"][0]["domain"] == "francetravail.fr"
    assert {"email", "phone", "name"} <= set(as_json["data_categories"]) and as_json["advice"]
    listed = [json.loads(line) for line in run("exposure", "list", "--format", "json", home=home).stdout.splitlines()]
    assert [(b["name"], b["identifiers"], b["public"]) for b in listed] == [("france-travail-2024", 600, True)]
    assert run("exposure", "retire", "france-travail-2024", home=home).returncode == 0
    assert "Not found" in run("exposure", "check", dump.emails[0], home=home).stdout
    assert "retired" in run("exposure", "list", home=home).stdout
    assert run("exposure", "remove", "france-travail-2024", home=home).returncode == 0
    assert "No breach indexed yet" in run("exposure", "list", home=home).stdout


def test_keys_create_list_revoke(home: Path) -> None:
    created = run("keys", "create", "--domain", "Example.FR", "--label", "DPO", home=home)
    assert created.returncode == 0
    key = created.stdout.strip().splitlines()[-1]
    assert len(key) == 32 and int(key, 16) >= 0
    listed = json.loads(run("keys", "list", "--format", "json", home=home).stdout)
    assert listed["domain"] == "example.fr" and listed["label"] == "DPO" and not listed["revoked"]
    assert key not in (home / "exposure" / "keys.json").read_text()
    assert run("keys", "revoke", listed["id"], home=home).returncode == 0
    assert json.loads(run("keys", "list", "--format", "json", home=home).stdout)["revoked"] is True


def test_bad_input_is_one_clear_error_line(tmp_path: Path, dump: Dump, home: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 64)
    cities = tmp_path / "cities.csv"
    cities.write_text("ville,code\nParis,75001\nLyon,69001\n", encoding="utf-8")
    cases = [
        ("exposure", "add", str(tmp_path / "missing.csv"), "--breach", "x"),
        ("exposure", "add", str(empty), "--breach", "x"),
        ("exposure", "add", str(binary), "--breach", "x"),
        ("exposure", "add", str(cities), "--breach", "x"),
        ("exposure", "add", str(dump.path), "--breach", "../evil"),
        ("exposure", "add", str(dump.path), "--breach", "x", "--date", "March"),
        ("exposure", "add", str(dump.path), "--breach", "x", "--sector", "nowhere"),
        ("exposure", "add", str(dump.path), "--breach", "x", "--public", "--sensitive"),
        ("exposure", "check", "garbage"),
        ("exposure", "retire", "nothing"),
        ("exposure", "remove", "nothing"),
        ("keys", "create", "--domain", "not a domain"),
        ("keys", "revoke", "k00000000"),
    ]
    for args in cases:
        done = run(*args, home=home)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr.strip().startswith("error: ") and "Traceback" not in done.stderr, (args, done.stderr)
    assert not (home / "exposure" / "index").exists() or "No breach" in run("exposure", "list", home=home).stdout
