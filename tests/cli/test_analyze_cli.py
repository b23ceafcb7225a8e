"""The ``breachlens analyze`` command, run as a user runs it (a real process), including bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str, stdin: bytes | None = None, env_home: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    import os

    env = dict(os.environ)
    if env_home is not None:
        env["BREACHLENS_HOME"] = str(env_home)
        env.pop("BREACHLENS_DB", None)
    return subprocess.run([sys.executable, "-m", "breachlens", *args], input=stdin, capture_output=True,
                          env=env, timeout=120)


def test_json_lines_one_claim_per_input(tmp_path: Path) -> None:
    inputs = sorted(str(p) for p in EXAMPLES.iterdir())
    done = run("analyze", "--format", "json", *inputs)
    assert done.returncode == 0, done.stderr.decode()
    lines = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [c["source"] for c in lines] == inputs
    for claim in lines:
        assert {"victim", "records", "data_categories", "price", "actor", "venue", "claim_type", "date",
                "language", "evidence", "severity"} <= set(claim)
        assert claim["severity"]["band"] in {"low", "medium", "high", "very high"}


def test_stdin_is_read_with_a_dash() -> None:
    done = run("analyze", "--format", "json", "-", stdin=b"Selling Acme database, 2M lines, 500$")
    assert done.returncode == 0, done.stderr.decode()
    claim = json.loads(done.stdout)
    assert claim["records"] == 2_000_000 and claim["source"] == "-"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes(content)
    done = run("analyze", str(path))
    assert done.returncode == 1
    err = done.stderr.decode()
    assert str(path) in err and message in err
    assert "Traceback" not in err


def test_missing_file_and_folder(tmp_path: Path) -> None:
    done = run("analyze", str(tmp_path / "nope.txt"), str(tmp_path))
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "no such file" in err and "folder" in err and "Traceback" not in err


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Selling Acme database, 2M lines", encoding="utf-8")
    done = run("analyze", "--format", "json", str(tmp_path / "missing.txt"), str(good))
    assert done.returncode == 1
    assert json.loads(done.stdout)["records"] == 2_000_000


def test_invalid_utf8_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Base clients à vendre : 2M lignes, prénom, téléphone. Prix 300€".encode("cp1252"))
    done = run("analyze", "--format", "json", str(path))
    assert done.returncode == 0, done.stderr.decode()
    assert "Windows-1252" in done.stderr.decode()
    claim = json.loads(done.stdout)
    assert claim["records"] == 2_000_000 and claim["price"]["currency"] == "EUR"


def test_markdown_and_html_reports(tmp_path: Path) -> None:
    post = str(EXAMPLES / "sale-fr-employment.txt")
    md = run("analyze", "--format", "markdown", "--lang", "fr", post)
    assert md.returncode == 0, md.stderr.decode()
    assert "France Travail" in md.stdout.decode()
    out = tmp_path / "r.html"
    html = run("analyze", "--format", "html", "-o", str(out), str(EXAMPLES / "ransomware-listing.html"))
    assert html.returncode == 0, html.stderr.decode()
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "javascript:" not in page.lower()


def test_terminal_report_is_the_default() -> None:
    done = run("analyze", str(EXAMPLES / "leak-en-retailer.txt"))
    assert done.returncode == 0, done.stderr.decode()
    assert "Northwind Outfitters" in done.stdout.decode()


def test_help_has_examples() -> None:
    done = run("analyze", "--help")
    assert done.returncode == 0
    assert "Example:" in done.stdout.decode()


@pytest.mark.parametrize("where", ["folder", "missing/report.md"])
def test_an_output_that_cannot_be_written_is_named(tmp_path: Path, where: str) -> None:
    (tmp_path / "folder").mkdir()
    target = tmp_path / where
    done = run("analyze", str(EXAMPLES / "sale-fr-employment.txt"), "-o", str(target), env_home=tmp_path)
    assert done.returncode == 1
    error = done.stderr.decode()
    assert "Traceback" not in error and str(target) in error and "cannot write" in error
