"""``breachlens sources``: the sources ``watch`` follows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from breachlens.cli._output import ListFormat, echo_json_lines, print_table
from breachlens.cli.ingest import Kind, parse_every
from breachlens.model import Reliability

if TYPE_CHECKING:
    from breachlens.store import SourceState

app = typer.Typer(help="Add, list and remove the sources that `breachlens watch` polls.", no_args_is_help=True)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A short name for the source.", show_default=False)],
    location: Annotated[str, typer.Argument(help="A file, folder or http(s) URL.", show_default=False)],
    kind: Annotated[Kind, typer.Option("--kind", "-k", help="What the source is.")] = Kind.auto,
    every: Annotated[str, typer.Option("--every", help="Polling interval: 90s, 15m, 2h, 1d.")] = "15m",
    reliability: Annotated[Reliability, typer.Option("--reliability", "-r", help="Admiralty source reliability: "
                                                     "A (completely reliable) .. E (unreliable), F (cannot "
                                                     "be judged).")] = Reliability.F,
    proxy: Annotated[str | None, typer.Option("--proxy", help="e.g. socks5://127.0.0.1:9050")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow private and loopback "
                                                "addresses.")] = False,
) -> None:
    """Follow a source.

    Example: breachlens sources add zataz https://www.zataz.com/feed/ --kind rss --every 30m --reliability B
    """
    from breachlens.model import Source, SourceKind
    from breachlens.sources import detect_kind
    from breachlens.store import Store

    resolved = SourceKind(kind.value) if kind is not Kind.auto else None
    if resolved is None and location.lower().startswith(("http://", "https://")):
        # a URL is not fetched when it is added: a feed-looking URL is a feed, anything else a page
        feedish = any(word in location.lower() for word in ("feed", "rss", "atom", ".xml"))
        resolved = SourceKind.rss if feedish else SourceKind.web
    elif resolved is None:
        resolved = detect_kind(location)
    source = Source(name=name, kind=resolved, location=location, every_seconds=parse_every(every),
                    reliability=reliability, proxy=proxy, allow_private=allow_private)
    with Store() as store:
        store.add_source(source)
    typer.echo(f"added {name} ({resolved}, every {every}, reliability {reliability})")


@app.command("list")
def list_sources(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """The sources followed, with their health: last run, last success, last error.

    Example: breachlens sources list
    """
    from breachlens.store import Store

    with Store() as store:
        states = store.sources()
    if fmt is ListFormat.json:
        echo_json_lines({**s.source.model_dump(mode="json"),
                         "last_run": s.last_run.isoformat() if s.last_run else None,
                         "last_success": s.last_success.isoformat() if s.last_success else None,
                         "last_error": s.last_error, "failures": s.failures, "last_new": s.last_new} for s in states)
        return

    def status(s: SourceState) -> str:
        if s.last_run is None:
            return "never run"
        return "ok" if not s.last_error else f"failing ×{s.failures}: {s.last_error[:60]}"

    print_table(f"Sources ({len(states)})",
                ["name", "kind", "every", "rel.", "last success", ("new", "right"), "status", "location"],
                ([s.source.name, str(s.source.kind), f"{s.source.every_seconds or 0}s", str(s.source.reliability),
                  s.last_success.strftime("%Y-%m-%d %H:%M") if s.last_success else "—", str(s.last_new), status(s),
                  s.source.location] for s in states),
                empty="No sources yet. Add one with: breachlens sources add NAME LOCATION")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The source's name.", show_default=False)]) -> None:
    """Stop following a source (what it brought stays in the store).

    Example: breachlens sources remove zataz
    """
    from breachlens.errors import InputError
    from breachlens.store import Store

    with Store() as store:
        if not store.remove_source(name):
            raise InputError("no such source", input=name, hint="see `breachlens sources list`")
    typer.echo(f"removed {name}")


@app.command("reliability")
def set_reliability(
    name: Annotated[str, typer.Argument(help="The source's name.", show_default=False)],
    reliability: Annotated[Reliability, typer.Argument(help="A .. F (Admiralty scale).", show_default=False)],
) -> None:
    """Set how reliable a source is (Admiralty scale A-F); credibility of its incidents follows.

    Example: breachlens sources reliability zataz B
    """
    from breachlens.errors import InputError
    from breachlens.store import Store

    with Store() as store:
        if not store.set_reliability(name, reliability):
            raise InputError("no such source", input=name, hint="see `breachlens sources list`")
    typer.echo(f"{name}: reliability {reliability}")
