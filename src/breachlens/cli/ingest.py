"""``breachlens ingest`` and ``breachlens watch``: read sources into the store, then update incidents."""

from __future__ import annotations

import re
import sys
import time
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from breachlens.errors import BreachlensError, ConfigurationError

if TYPE_CHECKING:
    from breachlens.ingest import IngestReport
    from breachlens.store import Store


class Kind(StrEnum):
    auto = "auto"
    files = "files"
    rss = "rss"
    ransomware_posts = "ransomware-posts"
    telegram = "telegram"
    web = "web"


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> int:
    """Seconds in a duration such as "90s", "15m", "2h" or "1d"."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", value.lower())
    if not match or int(match.group(1)) == 0:
        raise ConfigurationError("not a duration", input=value, hint="write it like 90s, 15m, 2h or 1d")
    return int(match.group(1)) * _UNITS[match.group(2) or "s"]


def _progress(label: str):  # type: ignore[no-untyped-def]
    """A live counter on a terminal; nothing when the output is a pipe or a file."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} items"),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=None)
    return bar, lambda done: bar.update(task, completed=done)


def run_ingest(store: Store, location: str, *, kind: str, source: str | None, proxy: str | None,
               allow_private: bool) -> IngestReport:
    from breachlens.ingest import ingest
    from breachlens.sources.http import FetchPolicy

    policy = FetchPolicy(allow_private=allow_private, proxy=proxy)
    bar, update = _progress(f"ingesting {source or location}")
    if bar is None:
        return ingest(location, store, kind=kind, source=source, policy=policy)
    with bar:
        return ingest(location, store, kind=kind, source=source, policy=policy, progress=update)


def _print_report(report: IngestReport, verbose_warnings: int = 5) -> None:
    typer.echo(report.summary(), err=True)
    for line in report.failed[:verbose_warnings] + report.warnings[:verbose_warnings]:
        typer.echo(f"  warning: {line}", err=True)
    hidden = max(0, len(report.failed) - verbose_warnings) + max(0, len(report.warnings) - verbose_warnings)
    if hidden:
        typer.echo(f"  ... and {hidden} more", err=True)


def ingest_command(
    location: Annotated[str, typer.Argument(help="A file, a folder, or an http(s) URL.", show_default=False)],
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="What the source is; auto guesses from the "
                                       "name and the content.")] = Kind.auto,
    source: Annotated[str | None, typer.Option("--source", help="Name the sightings with this source name "
                                               "(default: the location).")] = None,
    proxy: Annotated[str | None, typer.Option("--proxy", help="Fetch through this proxy, e.g. "
                                              "socks5://127.0.0.1:9050 for .onion sites.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching from private, loopback "
                                                "and link-local addresses (refused by default).")] = False,
    incidents: Annotated[bool, typer.Option("--incidents/--no-incidents", help="Update incidents after the "
                                            "ingest.")] = True,
) -> None:
    """Read a source (files, RSS/Atom, leak-site posts, Telegram export, web page) into the store.

    Each item is analysed and stored with its sighting, once: running the same ingest again changes nothing.
    Then the stored claims are clustered into incidents.

    Example: breachlens ingest posts/
    Example: breachlens ingest https://example.org/feed.xml --kind rss
    Example: breachlens ingest result.json --kind telegram --source "channel X"
    """
    from breachlens.store import Store

    with Store() as store:
        report = run_ingest(store, location, kind=kind.value, source=source, proxy=proxy,
                            allow_private=allow_private)
        _print_report(report)
        if incidents:
            _rebuild(store)


def _rebuild(store: Store) -> None:
    from breachlens.ingest import rebuild_incidents

    done = rebuild_incidents(store)
    typer.echo(f"incidents: {done.incidents} from {done.claims} claims ({done.reposts} probable re-posts of "
               f"known breaches), {done.seconds:.1f} s", err=True)
    from breachlens.cli.alerts import check_alerts_after_store  # watchlists: alert on what is new

    check_alerts_after_store(store)


def watch_command(
    once: Annotated[bool, typer.Option("--once", help="Poll every due source once, then stop.")] = False,
    every: Annotated[str, typer.Option("--every", help="Polling interval of sources added without one.")] = "15m",
) -> None:
    """Poll every due source, store what is new and update incidents; a summary per round.

    A source that fails is reported and retried at its next turn; it never stops the others. Stop with Ctrl-C.

    Example: breachlens watch --once
    Example: breachlens watch --every 30m
    """
    from breachlens.store import Store

    default_every = parse_every(every)
    with Store() as store:
        if not store.sources():
            typer.echo("No sources yet. Add one with: breachlens sources add NAME LOCATION", err=True)
            raise typer.Exit(1 if once else 0)
        round_number = 0
        try:
            while True:
                round_number += 1
                _round(store, round_number, default_every)
                if once:
                    return
                now = datetime.now(UTC)
                waits = [max(0.0, (s.source.every_seconds or default_every)
                             - ((now - s.last_run).total_seconds() if s.last_run else 0)) for s in store.sources()]
                pause = min(waits, default=default_every)
                typer.echo(f"next round in {pause:.0f} s (Ctrl-C stops)", err=True)
                time.sleep(max(1.0, pause))
        except KeyboardInterrupt:
            typer.echo("stopped", err=True)


def _round(store: Store, number: int, default_every: int) -> None:
    now = datetime.now(UTC)
    due = [s for s in store.sources() if s.due(now, default_every)]
    typer.echo(f"round {number}: {len(due)} due of {len(store.sources())} sources", err=True)
    new = failed = 0
    for state in due:
        source = state.source
        try:
            report = run_ingest(store, source.location, kind=str(source.kind), source=source.name,
                                proxy=source.proxy, allow_private=source.allow_private)
        except BreachlensError as exc:
            failed += 1
            store.mark_run(source.name, ok=False, error=str(exc))
            typer.echo(f"  {source.name}: failed: {exc}", err=True)
            continue
        store.mark_run(source.name, ok=True, new=report.new_documents)
        new += report.new_sightings
        _print_report(report)
    if new:
        _rebuild(store)
    typer.echo(f"round {number} done: {len(due) - failed} sources read, {failed} failed, {new} new sightings",
               err=True)
