"""Watchlists and alerts in the breachlens database: functions over a :class:`~breachlens.store.Store`.

Example::

    with Store() as store:
        add_watchlist(store, Watchlist(name="acme", terms=["Acme"], domains=["acme.fr"]))
        for alert in list_alerts(store, state="new"):
            print(alert.id, alert.victim)
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select

from breachlens.errors import InputError
from breachlens.model import Alert, AlertState, Watchlist, WatchMatch
from breachlens.store import Store
from breachlens.store.models import as_utc
from breachlens.store.tables_alerts import AlertRow, DeadLetterRow, DeliveryRow, WatchlistRow

__all__ = ["add_watchlist", "watchlists", "watchlist", "remove_watchlist", "list_alerts", "get_alert",
           "set_state", "dead_letters", "DeadLetter", "alert_from_row"]


def _merge(old: Watchlist, new: Watchlist) -> Watchlist:
    """``new``'s lists added to ``old``'s (order kept, no duplicates); digest set if either asks for it."""
    data: dict[str, Any] = old.model_dump()
    for key in ("terms", "domains", "brands", "keywords", "email_domains", "notify"):
        merged = list(data[key])
        for value in getattr(new, key):
            if value not in merged:
                merged.append(value)
        data[key] = merged
    data["digest"] = old.digest or new.digest
    return Watchlist.model_validate(data)


def add_watchlist(store: Store, watchlist: Watchlist, *, replace: bool = False) -> Watchlist:
    """Create a watchlist, or extend the one of that name with these terms and targets (``replace``: overwrite)."""
    from breachlens.alerts.notify import parse_target

    for target in watchlist.notify:
        parse_target(target)  # a bad target is refused now, not at the first alert
    now = datetime.now(UTC)
    with store._session() as session:
        row = session.get(WatchlistRow, watchlist.name)
        if row is None:
            session.add(WatchlistRow(name=watchlist.name, data=watchlist.model_dump(mode="json"), created_at=now,
                                     updated_at=now))
            return watchlist
        merged = watchlist if replace else _merge(Watchlist.model_validate(row.data), watchlist)
        row.data, row.updated_at = merged.model_dump(mode="json"), now
        return merged


def watchlists(store: Store) -> list[Watchlist]:
    with store._session() as session:
        return [Watchlist.model_validate(row.data) for row in session.scalars(select(WatchlistRow)
                                                                             .order_by(WatchlistRow.name))]


def watchlist(store: Store, name: str) -> Watchlist | None:
    with store._session() as session:
        row = session.get(WatchlistRow, name)
        return Watchlist.model_validate(row.data) if row is not None else None


def remove_watchlist(store: Store, name: str) -> bool:
    """Remove a watchlist and its alerts."""
    with store._session() as session:
        session.execute(delete(AlertRow).where(AlertRow.watchlist == name))
        return bool(session.execute(delete(WatchlistRow).where(WatchlistRow.name == name)).rowcount)  # type: ignore[attr-defined]


def alert_from_row(row: AlertRow) -> Alert:
    return Alert(id=row.id, watchlist=row.watchlist, incident_id=row.incident_id, claim_ids=list(row.claim_ids),
                 state=AlertState(row.state), victim=row.victim, sources=row.sources, records=row.records,
                 updates=row.updates, matches=[WatchMatch.model_validate(m) for m in row.matches],
                 created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at))


def list_alerts(store: Store, *, state: str | None = None, watchlist: str | None = None,
                limit: int | None = 100) -> list[Alert]:
    """Alerts, most recently changed first."""
    query = select(AlertRow).order_by(AlertRow.updated_at.desc(), AlertRow.id.desc())
    if state:
        query = query.where(AlertRow.state == AlertState(state).value)
    if watchlist:
        query = query.where(AlertRow.watchlist == watchlist)
    if limit is not None:
        query = query.limit(limit)
    with store._session() as session:
        return [alert_from_row(row) for row in session.scalars(query)]


def get_alert(store: Store, alert_id: int) -> Alert | None:
    with store._session() as session:
        row = session.get(AlertRow, alert_id)
        return alert_from_row(row) if row is not None else None


def set_state(store: Store, alert_id: int, state: AlertState) -> Alert:
    """Acknowledge or resolve an alert (or set it back to new); raises InputError for an unknown id."""
    with store._session() as session:
        row = session.get(AlertRow, alert_id)
        if row is None:
            raise InputError("no such alert", input=f"alert {alert_id}", hint="see `breachlens alerts list`")
        row.state, row.updated_at = state.value, datetime.now(UTC)
        session.flush()
        return alert_from_row(row)


class DeadLetter:
    """A notification that failed after its retries, kept whole to be sent again."""

    def __init__(self, row: DeadLetterRow) -> None:
        self.id = row.id
        self.watchlist = row.watchlist
        self.target = row.target
        self.payload: dict[str, Any] = dict(row.payload)
        self.error = row.error
        self.attempts = row.attempts
        self.created_at = as_utc(row.created_at)
        self.last_attempt = as_utc(row.last_attempt)


def dead_letters(store: Store) -> list[DeadLetter]:
    with store._session() as session:
        return [DeadLetter(row) for row in session.scalars(select(DeadLetterRow).order_by(DeadLetterRow.id))]


def deliveries(store: Store, *, status: str | None = None) -> list[dict[str, Any]]:
    """Delivery log rows as dicts (for tests and ``alerts list --deliveries``)."""
    query = select(DeliveryRow).order_by(DeliveryRow.id)
    if status:
        query = query.where(DeliveryRow.status == status)
    with store._session() as session:
        return [{"id": r.id, "alert_id": r.alert_id, "watchlist": r.watchlist, "event": r.event, "target": r.target,
                 "status": r.status, "attempts": r.attempts, "error": r.error} for r in session.scalars(query)]
