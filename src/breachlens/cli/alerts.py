"""``breachlens alerts``: alerts raised by watchlists, their state, the dead-letter list and the daily digest."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from breachlens.cli._output import ListFormat, echo_json_lines, number, print_table

if TYPE_CHECKING:
    from breachlens.store import Store

app = typer.Typer(help="Alerts raised by watchlists: list, acknowledge, resolve, retry failed notifications.",
                  no_args_is_help=True)


def check_alerts_after_store(store: Store) -> None:
    """The hook run after an ingest and after ``analyze --save``: match what is new against the watchlists,
    raise or update alerts and notify. It never fails the command that stored the data: problems are warnings."""
    from breachlens.alerts.engine import check_alerts
    from breachlens.alerts.notify import NotifyConfig
    from breachlens.errors import BreachlensError

    try:
        report = check_alerts(store, NotifyConfig.from_env())
    except BreachlensError as exc:
        typer.echo(f"warning: alerts: {exc}", err=True)
        return
    except Exception as exc:  # noqa: BLE001 - the data is stored: a failing alert check must not fail the command
        typer.echo(f"warning: alerts: {exc.__class__.__name__}: {exc} (run `breachlens alerts check` again)",
                   err=True)
        return
    if report.new or report.updated or report.failed or report.queued:
        typer.echo(report.summary(), err=True)
        for line in report.failed[:5]:
            typer.echo(f"  warning: {line}", err=True)


@app.command("list")
def list_alerts(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
    state: Annotated[str | None, typer.Option("--state", help="new, acknowledged or resolved.")] = None,
    watchlist: Annotated[str | None, typer.Option("--watchlist", "-w", help="Only this watchlist.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 100,
) -> None:
    """Alerts, most recently changed first, with why they matched.

    Example: breachlens alerts list --state new --format json
    """
    from breachlens.alerts.store import list_alerts as fetch
    from breachlens.model import AlertState
    from breachlens.store import Store

    if state is not None and state not in AlertState.__members__:
        raise typer.BadParameter("one of new, acknowledged, resolved", param_hint="--state")
    with Store() as store:
        found = fetch(store, state=state, watchlist=watchlist, limit=limit)
    if fmt is ListFormat.json:
        echo_json_lines(a.model_dump(mode="json") for a in found)
        return

    def why(matches: list) -> str:  # type: ignore[type-arg]
        return "; ".join(sorted({f"{m.term} ({m.field})" for m in matches}))[:80]

    print_table(f"Alerts ({len(found)})",
                [("id", "right"), "watchlist", "state", ("incident", "right"), "victim", ("records", "right"),
                 ("src", "right"), ("upd.", "right"), "changed", "why"],
                ([str(a.id), a.watchlist, str(a.state), str(a.incident_id or ""), a.victim or "—", number(a.records),
                  str(a.sources), str(a.updates), f"{a.updated_at:%Y-%m-%d %H:%M}", why(a.matches)] for a in found),
                empty="No alerts. Watchlists: breachlens watchlist list")


def _set(alert_id: int, state: str) -> None:
    from breachlens.alerts.store import set_state
    from breachlens.model import AlertState
    from breachlens.store import Store

    with Store() as store:
        alert = set_state(store, alert_id, AlertState(state))
    typer.echo(f"alert {alert.id}: {alert.state}", err=True)


@app.command("ack")
def ack(alert_id: Annotated[int, typer.Argument(help="The alert's id, as `alerts list` shows it.")]) -> None:
    """Acknowledge an alert: someone is on it (updates are still sent when the incident grows).

    Example: breachlens alerts ack 3
    """
    _set(alert_id, "acknowledged")


@app.command("resolve")
def resolve(alert_id: Annotated[int, typer.Argument(help="The alert's id, as `alerts list` shows it.")]) -> None:
    """Resolve an alert: handled; no more updates are sent for it.

    Example: breachlens alerts resolve 3
    """
    _set(alert_id, "resolved")


@app.command("reopen")
def reopen(alert_id: Annotated[int, typer.Argument(help="The alert's id.")]) -> None:
    """Set an alert back to new.

    Example: breachlens alerts reopen 3
    """
    _set(alert_id, "new")


@app.command("retry")
def retry() -> None:
    """Send the dead-letter list again (notifications that failed after their retries); delivered ones leave it.

    Example: breachlens alerts retry
    """
    from breachlens.alerts.engine import retry_dead_letters
    from breachlens.alerts.notify import NotifyConfig
    from breachlens.store import Store

    with Store() as store:
        delivered, failing = retry_dead_letters(store, NotifyConfig.from_env())
    typer.echo(f"dead letters: {delivered} delivered, {failing} still failing", err=True)
    if failing:
        raise typer.Exit(1)


@app.command("dead-letters")
def dead_letters_command(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="table, or json (one per line)")] =
        ListFormat.table,
) -> None:
    """Notifications that could not be delivered, with the last error.

    Example: breachlens alerts dead-letters
    """
    from breachlens.alerts.notify import redact_target
    from breachlens.alerts.store import dead_letters
    from breachlens.store import Store

    with Store() as store:
        letters = dead_letters(store)
    if fmt is ListFormat.json:
        echo_json_lines({"id": d.id, "watchlist": d.watchlist, "target": redact_target(d.target),
                         "event": d.payload.get("event"), "attempts": d.attempts, "error": d.error,
                         "created_at": d.created_at.isoformat() if d.created_at else None} for d in letters)
        return
    print_table(f"Dead letters ({len(letters)})", [("id", "right"), "watchlist", "target", "event",
                                                   ("attempts", "right"), "error"],
                ([str(d.id), d.watchlist, redact_target(d.target), str(d.payload.get("event")), str(d.attempts),
                  d.error[:80]] for d in letters), empty="No dead letters: every notification was delivered.")


@app.command("check")
def check() -> None:
    """Match what was stored since the last check, raise or update alerts and notify (ingest does it already).

    Example: breachlens alerts check
    """
    from breachlens.alerts.engine import check_alerts
    from breachlens.alerts.notify import NotifyConfig
    from breachlens.store import Store

    with Store() as store:
        report = check_alerts(store, NotifyConfig.from_env())
    typer.echo(report.summary(), err=True)


@app.command("digest")
def digest(force: Annotated[bool, typer.Option("--force", help="Send now even if the last digest is less than "
                                               "a day old.")] = False) -> None:
    """Send the daily digest of watchlists that ask for one (run it from cron; checks run it too, once a day).

    Example: breachlens alerts digest --force
    """
    from breachlens.alerts.engine import send_digests
    from breachlens.alerts.notify import NotifyConfig
    from breachlens.store import Store

    with Store() as store:
        sent = send_digests(store, NotifyConfig.from_env(), force=force)
    typer.echo(f"digests sent: {sent}", err=True)


@app.command("signing-key")
def signing_key() -> None:
    """Print the key that signs webhook bodies (X-Breachlens-Signature), for the receiver to verify them.

    Example: breachlens alerts signing-key
    """
    from breachlens.alerts.notify import NotifyConfig

    typer.echo(json.dumps({"algorithm": "HMAC-SHA-256", "key_hex": NotifyConfig.from_env().key().hex(),
                           "header": "X-Breachlens-Signature: sha256=HEX(HMAC(key, timestamp + '.' + body))"}))
