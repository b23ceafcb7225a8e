"""``breachlens export`` as a user runs it: every format, one incident or --since, stdout or -o FILE."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from corpus import build
from typer.testing import CliRunner

from breachlens.cli import app
from breachlens.errors import InputError
from breachlens.settings import settings

runner = CliRunner()


@pytest.fixture
def home_store(tmp_path: Path) -> list[int]:
    store = build(tmp_path / "posts", settings().database_url)
    ids = [row.id for row in store.incidents(limit=None)]
    store.close()
    return ids


def test_every_format(home_store: list[int], tmp_path: Path) -> None:
    stix = runner.invoke(app, ["export", "--format", "stix"])
    assert stix.exit_code == 0
    bundle = json.loads(stix.stdout)
    assert bundle["type"] == "bundle" and sum(o["type"] == "report" for o in bundle["objects"]) == 3
    one = json.loads(runner.invoke(app, ["export", "--format", "stix", str(home_store[0]), "--tlp", "green"]).stdout)
    assert sum(o["type"] == "report" for o in one["objects"]) == 1
    assert one["objects"][0]["name"] == "TLP:GREEN"
    target = tmp_path / "events.json"
    misp = runner.invoke(app, ["export", "--format", "misp", "-o", str(target)])
    assert misp.exit_code == 0 and "wrote 3 incident(s)" in misp.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["response"]) == 3
    csv_text = runner.invoke(app, ["export", "--format", "csv", "--since", "2000-01-01"]).stdout
    assert len(csv_text.splitlines()) == 4
    assert len(runner.invoke(app, ["export", "--format", "csv", "--since", "2999-01-01"]).stdout.splitlines()) == 1
    parquet = tmp_path / "incidents.parquet"
    assert runner.invoke(app, ["export", "--format", "parquet", "-o", str(parquet)]).exit_code == 0
    assert pl.read_parquet(parquet).height == 3


def test_usage_errors(home_store: list[int]) -> None:
    no_file = runner.invoke(app, ["export", "--format", "parquet"])
    assert no_file.exit_code == 2 and "-o FILE" in no_file.stderr
    both = runner.invoke(app, ["export", "1", "--since", "2024-01-01"])
    assert both.exit_code == 2
    missing = runner.invoke(app, ["export", "999"])
    assert isinstance(missing.exception, InputError) and "no such incident" in str(missing.exception)
    bad_date = runner.invoke(app, ["export", "--since", "yesterday"])
    assert isinstance(bad_date.exception, InputError)


@pytest.mark.parametrize("fmt", ["csv", "stix", "misp", "parquet"])
def test_an_output_that_cannot_be_written_is_named(home_store: list[int], tmp_path: Path, fmt: str) -> None:
    for output in (tmp_path, tmp_path / "no" / "such" / "folder.out"):
        result = runner.invoke(app, ["export", "--format", fmt, "-o", str(output)])
        assert isinstance(result.exception, InputError), result.exception
        assert str(output) in str(result.exception) and "cannot write" in str(result.exception)
