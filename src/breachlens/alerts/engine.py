"""From new claims to alerts and notifications: once per incident per watchlist, again when the incident grows.

:func:`check_alerts` runs after every ingest and every ``analyze --save``:

1. the claims stored or re-analysed since the last run (a cursor on their update time) are matched, with their
   document's text, against every watchlist in one pass (:class:`~breachlens.alerts.matcher.WatchMatcher`);
2. the matches are grouped by watchlist and incident (a claim not yet in an incident stands alone, keyed by the
   claim; it is moved onto its incident at the next run that finds one) — an alert already raised for that pair is
   never raised again;
3. every alert still open is compared with its incident: more distinct sources or a higher record count is an
   update, notified with the new figures (an acknowledged alert stays acknowledged);
4. events are sent to the watchlist's targets at once, or queued for its daily digest; a target that fails after
   its retries gets the message in the dead-letter list, which :func:`retry_dead_letters` replays.

Example::

    with Store() as store:
        report = check_alerts(store, NotifyConfig.from_env())
        print(report.summary())
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from breachlens.alerts.matcher import WatchMatcher
from breachlens.alerts.messages import alert_message, digest_message
from breachlens.alerts.notify import NotifyConfig, NotifyError, redact_target, send
from breachlens.alerts.store import alert_from_row, watchlists
from breachlens.model import AlertState, Claim, Incident, Watchlist, WatchMatch
from breachlens.store import Store
from breachlens.store.models import ClaimRow, DocumentRow, IncidentRow, as_utc
from breachlens.store.tables_alerts import AlertCursorRow, AlertRow, DeadLetterRow, DeliveryRow, WatchlistRow

__all__ = ["CheckReport", "check_alerts", "retry_dead_letters", "send_digests", "DIGEST_EVERY"]

DIGEST_EVERY = timedelta(days=1)
_CURSOR = "claims"


@dataclass
class CheckReport:
    claims: int = 0  # claims matched in this run
    matches: int = 0
    new: int = 0
    updated: int = 0
    sent: int = 0
    queued: int = 0
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"alerts: {self.claims} new claim(s) matched, {self.new} new alert(s), {self.updated} update(s), "
                f"{self.sent} notification(s) sent")
        if self.queued:
            text += f", {self.queued} queued for the digest"
        if self.failed:
            text += f", {len(self.failed)} failed (in the dead-letter list: breachlens alerts retry)"
        return text


def _snapshot(incident: Incident | None) -> tuple[int, int | None]:
    if incident is None:
        return 0, None
    sources = len({s.source for s in incident.sightings})
    return sources, incident.records_range[1] if incident.records_range else None


def _incident(data: dict[str, Any] | None, incident_id: int) -> Incident | None:
    return Incident.model_validate({**data, "id": incident_id}) if data else None


def _claim(row: ClaimRow) -> Claim:
    data = dict(row.data)
    data.pop("severity", None)
    return Claim.model_validate(data)


def _matches_json(matches: Iterable[WatchMatch], limit: int = 50) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in list(matches)[:limit]]


def check_alerts(store: Store, config: NotifyConfig | None = None, *, now: datetime | None = None) -> CheckReport:
    """Match what is new, raise or update alerts, and notify (see the module docstring)."""
    now = now or datetime.now(UTC)
    report = CheckReport()
    lists = {w.name: w for w in watchlists(store)}
    events: list[tuple[int, str]] = []  # (alert id, "new" | "update")
    with store._session() as session:
        cursor = session.get(AlertCursorRow, _CURSOR)
        since = as_utc(cursor.claims_updated) if cursor is not None and cursor.claims_updated else None
        newest = session.scalar(select(func.max(ClaimRow.updated_at)))
        latest = as_utc(newest) if newest is not None else since
        rows: list[Any] = []
        if lists and newest is not None:  # without watchlists the cursor just moves on: no text is read
            query = select(ClaimRow, DocumentRow.text).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
            if since is not None:
                query = query.where(ClaimRow.updated_at > since)
            rows = list(session.execute(query.where(ClaimRow.updated_at <= newest)
                                        .order_by(ClaimRow.updated_at, ClaimRow.id)).all())
        if cursor is None:
            session.add(AlertCursorRow(name=_CURSOR, claims_updated=latest))
        else:
            cursor.claims_updated = latest
        incidents: dict[int, Incident | None] = {}

        def incident_of(incident_id: int | None) -> Incident | None:
            if incident_id is None:
                return None
            if incident_id not in incidents:
                found = session.get(IncidentRow, incident_id)
                incidents[incident_id] = _incident(found.data, incident_id) if found is not None else None
            return incidents[incident_id]

        # claims that joined an incident since: their alerts move onto the incident (merged if one is there),
        # before matching, so that a new claim of that incident finds the alert instead of raising a second one
        for moving in session.scalars(select(AlertRow).where(AlertRow.subject.like("claim:%"))).all():
            incident_id = session.scalar(select(ClaimRow.incident_id).where(ClaimRow.id == moving.claim_ids[0]))
            if incident_id is None:
                continue
            subject = f"incident:{incident_id}"
            other = session.scalar(select(AlertRow).where(AlertRow.watchlist == moving.watchlist,
                                                          AlertRow.subject == subject))
            if other is None:
                moving.subject, moving.incident_id = subject, incident_id
            else:
                other.claim_ids = sorted(set(other.claim_ids) | set(moving.claim_ids))
                session.delete(moving)
        session.flush()
        if lists:
            matcher = WatchMatcher(lists.values())
            for row, text in rows:
                report.claims += 1
                found = matcher.match_claim(_claim(row), text)
                report.matches += len(found)
                by_list: dict[str, list[WatchMatch]] = {}
                for match in found:
                    by_list.setdefault(match.watchlist, []).append(match)
                for name, matches in by_list.items():
                    subject = f"incident:{row.incident_id}" if row.incident_id else f"claim:{row.id}"
                    alert = session.scalar(select(AlertRow).where(AlertRow.watchlist == name,
                                                                  AlertRow.subject == subject))
                    if alert is None:
                        incident = incident_of(row.incident_id)
                        sources, records = _snapshot(incident)
                        victim = (incident.victim.name if incident and incident.victim else None) or \
                            (row.victim if row.victim else None)
                        alert = AlertRow(watchlist=name, subject=subject, incident_id=row.incident_id,
                                         claim_ids=[row.id], state=AlertState.new.value, victim=victim,
                                         sources=sources, records=records if incident else row.records, updates=0,
                                         matches=_matches_json(matches), created_at=now, updated_at=now)
                        session.add(alert)
                        session.flush()
                        events.append((alert.id, "new"))
                        report.new += 1
                    elif row.id not in alert.claim_ids:
                        alert.claim_ids = [*alert.claim_ids, row.id]
                        alert.matches = [*alert.matches, *_matches_json(matches)][:50]
        new_ids = {alert_id for alert_id, _ in events}
        # incidents that grew (new source, higher count), and incident ids that changed in a rebuild
        for alert in session.scalars(select(AlertRow).where(AlertRow.state != AlertState.resolved.value,
                                                            AlertRow.incident_id.is_not(None))).all():
            incident = incident_of(alert.incident_id)
            if incident is None:  # the rebuild renumbered it: follow the first claim
                moved = session.scalar(select(ClaimRow.incident_id).where(ClaimRow.id == alert.claim_ids[0]))
                clash = moved is not None and session.scalar(select(AlertRow.id).where(
                    AlertRow.watchlist == alert.watchlist, AlertRow.subject == f"incident:{moved}"))
                if moved is None or clash:
                    continue
                alert.subject, alert.incident_id = f"incident:{moved}", moved
                incident = incident_of(moved)
            sources, records = _snapshot(incident)
            grew = sources > alert.sources or (records or 0) > (alert.records or 0)
            alert.sources, alert.records = max(sources, alert.sources), max(records or 0, alert.records or 0) or None
            if incident is not None and incident.victim and incident.victim.name:
                alert.victim = incident.victim.name
            if grew and alert.id not in new_ids:
                alert.updates += 1
                alert.updated_at = now
                events.append((alert.id, "update"))
                report.updated += 1
        messages = []
        for alert_id, event in events:
            alert_row = session.get(AlertRow, alert_id)
            if alert_row is None:
                continue
            event_alert = alert_from_row(alert_row)
            messages.append((lists[event_alert.watchlist], event_alert.id,
                             alert_message(event, event_alert, incident_of(event_alert.incident_id), now)))
    _deliver(store, messages, config or NotifyConfig.from_env(), report, now)
    send_digests(store, config or NotifyConfig.from_env(), now=now, report=report)
    return report


def _deliver(store: Store, messages: list[tuple[Watchlist, int, dict[str, Any]]], config: NotifyConfig,
             report: CheckReport, now: datetime) -> None:
    """Send each message to its watchlist's targets (network calls outside any transaction), log each delivery."""
    log: list[DeliveryRow] = []
    dead: list[DeadLetterRow] = []
    for watchlist, alert_id, message in messages:
        for target in watchlist.notify:
            if watchlist.digest:
                log.append(DeliveryRow(alert_id=alert_id, watchlist=watchlist.name, event=message["event"],
                                       target=target, status="queued", attempts=0, payload=message, at=now))
                report.queued += 1
                continue
            status, attempts, error = _attempt(target, message, config)
            log.append(DeliveryRow(alert_id=alert_id, watchlist=watchlist.name, event=message["event"],
                                   target=redact_target(target), status=status, attempts=attempts, error=error,
                                   at=now))
            if status == "sent":
                report.sent += 1
            else:
                report.failed.append(error or "")
                dead.append(DeadLetterRow(watchlist=watchlist.name, target=target, payload=message,
                                          error=error or "", attempts=attempts, created_at=now, last_attempt=now))
    if log or dead:
        with store._session() as session:
            session.add_all([*log, *dead])


def _attempt(target: str, message: dict[str, Any], config: NotifyConfig) -> tuple[str, int, str | None]:
    try:
        return "sent", send(target, message, config), None
    except NotifyError as exc:
        return "failed", exc.attempts, str(exc)
    except Exception as exc:  # noqa: BLE001 - a bad target must never lose the message
        return "failed", 1, f"{redact_target(target)}: {exc.__class__.__name__}: {exc}"


def send_digests(store: Store, config: NotifyConfig, *, now: datetime | None = None, force: bool = False,
                 report: CheckReport | None = None) -> int:
    """Send each digest watchlist's queued events as one message per target, at most once a day (``force``:
    now). Returns the number of digests sent; failed ones go to the dead-letter list."""
    now = now or datetime.now(UTC)
    report = report or CheckReport()
    plans: list[tuple[str, str, list[int], dict[str, Any]]] = []
    with store._session() as session:
        for row in session.scalars(select(WatchlistRow)).all():
            last = as_utc(row.last_digest)
            if not force and last is not None and now - last < DIGEST_EVERY:
                continue
            queued = session.scalars(select(DeliveryRow).where(DeliveryRow.watchlist == row.name,
                                                               DeliveryRow.status == "queued")
                                     .order_by(DeliveryRow.id)).all()
            by_target: dict[str, list[DeliveryRow]] = {}
            for item in queued:
                by_target.setdefault(item.target, []).append(item)
            for target, items in by_target.items():
                plans.append((row.name, target, [i.id for i in items],
                              digest_message(row.name, [dict(i.payload or {}) for i in items], now)))
    sent = 0
    for name, target, ids, message in plans:
        status, attempts, error = _attempt(target, message, config)
        with store._session() as session:
            for item in session.scalars(select(DeliveryRow).where(DeliveryRow.id.in_(ids))):
                item.status, item.payload = "digested", None
            session.add(DeliveryRow(alert_id=None, watchlist=name, event="digest", target=redact_target(target),
                                    status=status, attempts=attempts, error=error, at=now))
            if status == "sent":
                sent += 1
                report.sent += 1
            else:
                report.failed.append(error or "")
                session.add(DeadLetterRow(watchlist=name, target=target, payload=message, error=error or "",
                                          attempts=attempts, created_at=now, last_attempt=now))
            watchlist_row = session.get(WatchlistRow, name)
            if watchlist_row is not None:
                watchlist_row.last_digest = now
    return sent


def retry_dead_letters(store: Store, config: NotifyConfig, *, now: datetime | None = None) -> tuple[int, int]:
    """Send every dead letter again; the delivered ones leave the list. Returns (delivered, still failing)."""
    now = now or datetime.now(UTC)
    with store._session() as session:
        letters = [(row.id, row.watchlist, row.target, dict(row.payload))
                   for row in session.scalars(select(DeadLetterRow).order_by(DeadLetterRow.id))]
    delivered = failing = 0
    for letter_id, watchlist, target, payload in letters:
        status, attempts, error = _attempt(target, payload, config)
        alert_id = (payload.get("alert") or {}).get("id")
        with store._session() as session:
            row = session.get(DeadLetterRow, letter_id)
            if row is None:
                continue
            exists = alert_id is not None and session.get(AlertRow, alert_id) is not None
            session.add(DeliveryRow(alert_id=alert_id if exists else None, watchlist=watchlist,
                                    event=str(payload.get("event", "")), target=redact_target(target),
                                    status=status, attempts=attempts, error=error, at=now))
            if status == "sent":
                session.delete(row)
                delivered += 1
            else:
                row.attempts, row.error, row.last_attempt = row.attempts + attempts, error or "", now
                failing += 1
    return delivered, failing
