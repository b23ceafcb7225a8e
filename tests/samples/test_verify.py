"""End to end: synthetic samples made by `sample synth` get the verdict they should, through the library and the
CLI; nothing of the sample is kept in clear; batch profiles merge the same way whatever the grouping."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from typer.testing import CliRunner

from breachlens.cli import app
from breachlens.errors import InputError
from breachlens.model import Claim, ClaimType, SampleVerdictKind, Victim
from breachlens.samples.checks import parse_dates
from breachlens.samples.profile import Merger, merge_all, plan_columns, profile_batch, verify_sample
from breachlens.samples.report import render_sample_report
from breachlens.samples.synth import SynthOptions, cut, synthesize

runner = CliRunner()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BREACHLENS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("BREACHLENS_DB", raising=False)
    return tmp_path / "home"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    made = {"dump": folder / "dump.csv", "real": folder / "real.csv", "fake": folder / "fake.csv",
            "cut": folder / "cut.csv"}
    synthesize(made["dump"], SynthOptions(rows=6000, seed=1))
    synthesize(made["real"], SynthOptions(rows=3000, seed=2))
    synthesize(made["fake"], SynthOptions(rows=3000, seed=3, fabricated=True))
    cut(made["dump"], made["cut"], 800, seed=4)
    return made


def test_a_realistic_sample_is_plausible(files: dict[str, Path]) -> None:
    report = verify_sample(files["real"])
    assert report.verdict is SampleVerdictKind.plausible, report.reasons
    kinds = {c.name: c.kind for c in report.columns}
    assert kinds["email"] == "email" and kinds["nir"] == "nir" and kinds["iban"] == "iban"
    assert kinds["code_postal"] == "postal_code" and kinds["date_naissance"] == "date_of_birth"
    assert {"email", "phone", "name", "national_id", "financial", "date_of_birth"} <= set(report.data_categories)
    assert not [c for c in report.checks if c.suspicious], [c.reason for c in report.checks if c.suspicious]


def test_a_fabricated_sample_is_fabricated_with_its_signs(files: dict[str, Path]) -> None:
    report = verify_sample(files["fake"], lang="fr")
    assert report.verdict is SampleVerdictKind.fabricated
    assert len(report.reasons) >= 3  # the headline and at least two signs
    assert sum(c.suspicious for c in report.checks) >= 2


def test_a_sample_cut_from_a_registered_dump_is_recycled(files: dict[str, Path]) -> None:
    assert runner.invoke(app, ["sample", "register", str(files["dump"]), "--name", "acme-2024"]).exit_code == 0
    report = verify_sample(files["cut"])
    assert report.verdict is SampleVerdictKind.recycled
    assert report.overlaps[0].dump == "acme-2024" and report.overlaps[0].ratio > 0.95
    assert "acme-2024" in report.reasons[0]
    other = verify_sample(files["real"])  # another population: no overlap
    assert other.verdict is SampleVerdictKind.plausible


def test_the_claim_is_compared(files: dict[str, Path]) -> None:
    claim = Claim(source="post", claim_type=ClaimType.sale, victim=Victim(name="Acme"), records=22_000_000,
                  data_categories=["email", "phone", "health"])
    report = verify_sample(files["real"], claim=claim)
    text = " ".join(report.claim_comparison)
    assert "22,000,000" in text and "health" in text


def test_nothing_in_clear_in_the_report_or_the_home(files: dict[str, Path], home: Path) -> None:
    frame = pl.read_csv(files["cut"], infer_schema=False)
    emails = frame["email"].drop_nulls().to_list()[:50]
    result = runner.invoke(app, ["sample", "verify", str(files["cut"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["sample", "register", str(files["cut"]), "--name", "cut"]).exit_code == 0
    stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    for email in emails:
        assert email not in result.output
        assert email.encode() not in stored


def test_dates_of_birth_show_no_full_date_in_the_report(files: dict[str, Path]) -> None:
    """The range of a date-of-birth column is the oldest and youngest people's birth dates: years only."""
    raw = pl.read_csv(files["cut"], infer_schema=False)["date_naissance"].drop_nulls()
    born = parse_dates(raw).drop_nulls()
    report = verify_sample(files["cut"])
    (column,) = [c for c in report.columns if c.kind == "date_of_birth"]
    assert (column.oldest, column.newest) == (str(born.min().year), str(born.max().year))  # type: ignore[union-attr]
    for lang in ("en", "fr"):
        text = render_sample_report(report, lang) + report.model_dump_json()
        assert not [value for value in [*raw.to_list(), *born.dt.to_string("%Y-%m-%d").to_list()] if value in text]


def test_cli_report_and_json(files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["sample", "verify", str(files["fake"])])
    assert result.exit_code == 0, result.output
    assert "Verdict: fabricated" in result.output and "| email |" in result.output
    data = json.loads(runner.invoke(app, ["sample", "verify", str(files["real"]), "-f", "json"]).output)
    assert data["verdict"] == "plausible" and data["read"]["rows"] == 3000


def test_cli_errors_name_the_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    for path in (empty, binary, tmp_path / "missing.csv"):
        result = runner.invoke(app, ["sample", "verify", str(path)])
        assert result.exit_code != 0
        assert str(path.name) in (result.output + str(result.exception))
        assert "Traceback" not in result.output


def test_cli_report_output_that_cannot_be_written_is_named(files: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["sample", "verify", str(files["fake"]), "-o", str(tmp_path)])
    assert isinstance(result.exception, InputError) and str(tmp_path) in str(result.exception)


def test_synth_cli(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    result = runner.invoke(app, ["sample", "synth", "--rows", "200", "--seed", "7", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert pl.read_csv(out, infer_schema=False).height == 200


def test_profiles_merge_the_same_way_whatever_the_grouping(files: dict[str, Path]) -> None:
    frame = pl.read_csv(files["real"], infer_schema=False)
    plan = plan_columns(frame)
    secret = b"k" * 32
    parts = [profile_batch(frame.slice(i, 500), plan, secret) for i in range(0, frame.height, 500)]
    whole = profile_batch(frame, plan, secret)
    left = merge_all(parts)
    right = parts[0]
    for part in parts[1:]:
        right = right.merge(part)
    streamed = Merger()
    for part in parts:
        streamed.add(part)
    counter = streamed.result()
    assert left is not None and counter is not None
    assert counter.columns[0].examples == right.columns[0].examples  # the first batch's examples stay first
    for merged in (left, right, counter):
        assert merged.rows == whole.rows and merged.duplicate_rows == whole.duplicate_rows
        assert np.array_equal(merged.identifiers, whole.identifiers)
        assert [c.valid for c in merged.columns] == [c.valid for c in whole.columns]
        assert [c.distinct() for c in merged.columns] == [c.distinct() for c in whole.columns]
        assert {k: (t.checked, t.failed) for k, t in merged.tallies.items()} == \
            {k: (t.checked, t.failed) for k, t in whole.tallies.items()}


def test_profiling_on_a_local_dask_cluster_gives_the_same_report(files: dict[str, Path]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None,
                                  protocol="tcp", host="127.0.0.1") as cluster:
        from breachlens.samples.readers import ReadLimits

        small = ReadLimits(batch_rows=700)
        local = verify_sample(files["real"], limits=small)
        remote = verify_sample(files["real"], limits=small, dask=cluster.scheduler_address)
    assert remote.model_dump() == local.model_dump()


def test_the_public_surface_verifies_a_sample(files: dict[str, Path]) -> None:
    import breachlens

    report = breachlens.profile_sample(files["fake"])
    assert isinstance(report, breachlens.SampleReport)
    assert report.verdict is breachlens.SampleVerdictKind.fabricated


def test_a_local_process_pool_gives_the_same_profile(files: dict[str, Path]) -> None:
    from breachlens.samples.readers import ReadLimits

    limits = ReadLimits(batch_rows=1000)
    alone = verify_sample(files["dump"], limits=limits, workers=1)
    pooled = verify_sample(files["dump"], limits=limits, workers=2)
    assert pooled.model_dump() == alone.model_dump()
