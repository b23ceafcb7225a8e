"""``breachlens sample``: verify a leaked sample, keep a dump's fingerprint, make synthetic samples."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from breachlens.cli._output import check_lang, number, print_table, write_file

app = typer.Typer(help="Verify leaked samples (real, recycled or fabricated; which flow they leaked from), "
                       "register dumps for overlap checks, and make synthetic samples.", no_args_is_help=True)


class ReportFormat(StrEnum):
    report = "report"
    json = "json"


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on standard error for reading a file (bytes done of total)."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update


@app.command("verify")
def verify(
    file: Annotated[Path, typer.Argument(help="The sample: CSV/TSV, JSON, JSON Lines, SQL dump, XLSX, "
                                         "possibly inside .gz or .zip.", show_default=False)],
    claim: Annotated[int | None, typer.Option("--claim", help="Compare with this stored claim (its id in "
                                              "`claims list`): count and data categories.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="report (Markdown) or json")] =
        ReportFormat.report,
    against: Annotated[list[str] | None, typer.Option("--against", help="Check overlap with this registered "
                                                      "dump only (repeatable; default: every one).")] = None,
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the report: en or fr.")] = "en",
    member: Annotated[str | None, typer.Option("--member", help="The file to read inside a .zip.")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="Profile on this Dask scheduler, e.g. "
                                             "tcp://scheduler:8786.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Profile batches in this many local "
                                         "processes (worth it on machines with more than two cores).")] = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Is this sample real, recycled from a known dump, or fabricated, and where did it leak from?

    Nothing from the sample is stored; the report shows counts, rates and redacted examples.

    Example: breachlens sample verify dump.csv
    Example: breachlens sample verify dump.zip --claim 12 --against france-travail-2024 --lang fr
    """
    from breachlens.errors import InputError
    from breachlens.samples.profile import verify_sample
    from breachlens.samples.report import render_sample_report

    check_lang(lang)
    stored_claim = None
    if claim is not None:
        from breachlens.store import Store

        with Store() as store:
            row = store.claim(claim)
        if row is None:
            raise InputError("no such claim", input=f"claim {claim}", hint="see `breachlens claims list`")
        stored_claim = row.claim
    with _progress(f"reading {file.name}") as progress:
        report = verify_sample(file, claim=stored_claim, against=against, lang=lang, member=member,
                               progress=progress, dask=dask, workers=workers)
    text = (json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            if fmt is ReportFormat.json else render_sample_report(report, lang))
    if output is not None:
        write_file(output, text, "the report")
        typer.echo(f"{file}: {report.verdict.value} — report written to {output}", err=True)
    else:
        typer.echo(text, nl=False)


@app.command("register")
def register(
    file: Annotated[Path, typer.Argument(help="A dump (any format `verify` reads).", show_default=False)],
    name: Annotated[str, typer.Option("--name", help="Its name, e.g. france-travail-2024.", show_default=False)],
    member: Annotated[str | None, typer.Option("--member", help="The file to read inside a .zip.")] = None,
) -> None:
    """Keep a dump's fingerprint (keyed hashes of its e-mails and phones, nothing in clear) for overlap checks.

    Example: breachlens sample register dump.csv --name france-travail-2024
    """
    from breachlens.errors import InputError
    from breachlens.samples.fingerprint import Registry
    from breachlens.samples.profile import scan_sample

    with _progress(f"reading {file.name}") as progress:
        scan = scan_sample(file, member=member, progress=progress)
    if not len(scan.profile.identifiers):
        raise InputError("no e-mail or phone column found: nothing to fingerprint", input=str(file),
                         hint="`breachlens sample verify` shows what each column was taken for")
    dump = Registry().register(name, scan.profile.identifiers, rows=scan.profile.rows,
                               columns={c.name: c.kind for c in scan.plan}, source=file.name)
    typer.echo(f"registered {dump.name}: {number(dump.identifiers)} identifiers from {number(scan.profile.rows)} "
               f"rows of {file.name}")


@app.command("list")
def list_dumps() -> None:
    """The registered dumps.

    Example: breachlens sample list
    """
    from breachlens.samples.fingerprint import Registry

    dumps = Registry().list()
    print_table(f"Registered dumps ({len(dumps)})", ["name", "registered", ("rows", "right"),
                                                     ("identifiers", "right"), "source"],
                ([d.name, f"{d.registered_at:%Y-%m-%d %H:%M}", number(d.rows), number(d.identifiers), d.source]
                 for d in dumps),
                empty="No dump registered yet: breachlens sample register FILE --name NAME")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The registered dump's name.", show_default=False)]) -> None:
    """Forget a registered dump's fingerprint.

    Example: breachlens sample remove france-travail-2024
    """
    from breachlens.errors import InputError
    from breachlens.samples.fingerprint import Registry

    if not Registry().remove(name):
        raise InputError("no such registered dump", input=name, hint="see `breachlens sample list`")
    typer.echo(f"removed {name}")


@app.command("synth")
def synth(
    output: Annotated[Path, typer.Option("--output", "-o", help="The CSV file to write.", show_default=False)],
    rows: Annotated[int, typer.Option("--rows", "-n", min=1, help="How many rows.")] = 1000,
    locale: Annotated[str, typer.Option("--locale", help="fr_FR (every column), en_US, es_ES or de_DE.")] =
        "fr_FR",
    fabricated: Annotated[bool, typer.Option("--fabricated", help="Make the kinds of fakes sellers post "
                                             "(bad checksums, impossible combinations, generator output).")] =
        False,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same file.")] = 0,
    cut_from: Annotated[Path | None, typer.Option("--from", help="Instead, cut --rows random rows from this "
                                                  "CSV dump (a sample of a known dump).")] = None,
) -> None:
    """Write a synthetic sample (Faker and shipped reference data; no real person) for tests, demos, benchmarks.

    Example: breachlens sample synth --rows 1000000 --locale fr_FR -o synthetic.csv
    Example: breachlens sample synth --rows 1000 --fabricated -o fake.csv
    Example: breachlens sample synth --from synthetic.csv --rows 2000 -o cut.csv
    """
    from breachlens.samples.synth import SynthOptions, cut, synthesize

    if cut_from is not None:
        written = cut(cut_from, output, rows, seed=seed)
        typer.echo(f"{output}: {written:,} rows cut from {cut_from}", err=True)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"writing {output.name}", total=rows)
        written = synthesize(output, SynthOptions(rows=rows, locale=locale, fabricated=fabricated, seed=seed),
                             progress=lambda done, total: bar.update(task, completed=done, total=total))
    kind = "fabricated" if fabricated else "realistic"
    typer.echo(f"{output}: {written:,} {kind} rows ({locale}, seed {seed})", err=True)
