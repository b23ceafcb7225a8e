"""The ``breachlens`` command: one module per command group, each a few lines over the public API."""

from __future__ import annotations

import sys

import typer

from breachlens.cli import analyze as _analyze
from breachlens.errors import BreachlensError

app = typer.Typer(
    name="breachlens",
    help="Turn breach claims (forum posts, leak-site entries, news) into evidenced intelligence.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.command("analyze")(_analyze.analyze)


def _version(value: bool) -> None:
    if value:
        from breachlens import __version__

        typer.echo(f"breachlens {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn breach claims (forum posts, leak-site entries, news) into evidenced intelligence.

    Example: breachlens analyze post.txt
    """


def _register() -> None:
    """Command groups, each in its own module (imported here; their heavy libraries load inside commands)."""
    from breachlens.cli import catalogue, claims, incidents, ingest, owner, sample, sources

    app.add_typer(claims.app, name="claims")
    app.command("ingest")(ingest.ingest_command)
    app.command("watch")(ingest.watch_command)
    app.add_typer(sources.app, name="sources")
    app.add_typer(catalogue.app, name="catalogue")
    app.add_typer(incidents.app, name="incidents")
    app.add_typer(sample.app, name="sample")
    app.add_typer(owner.app, name="owner")
    from breachlens.cli import serve, users  # web dashboard

    app.command("serve")(serve.serve_command)
    app.add_typer(users.app, name="users")
    from breachlens.cli import exposure, keys  # exposure index and lookup-service keys

    app.add_typer(exposure.app, name="exposure")
    app.add_typer(keys.app, name="keys")

    from breachlens.cli import alerts, export, watchlist  # watchlists, alerts and exports

    app.add_typer(watchlist.app, name="watchlist")
    app.add_typer(alerts.app, name="alerts")
    app.command("export")(export.export_command)


_register()


def main() -> None:
    """Entry point of the console script: errors become one clear line and a non-zero exit."""
    try:
        app()
    except BreachlensError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
