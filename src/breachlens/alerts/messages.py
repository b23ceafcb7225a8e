"""Alert messages: one JSON-able dict per event (new alert, update, daily digest), and its shapes for Slack,
Microsoft Teams and Mattermost incoming webhooks.

The generic webhook receives the message itself::

    {"event": "new", "watchlist": "acme", "alert": {"id": 1, "state": "new", ...},
     "incident": {"id": 3, "victim": "Acme", "country": "FR", "records": 120000, "sources": 2, ...},
     "matches": [{"term": "Acme", "field": "text", "start": 10, "end": 14, "found": "ACME", ...}],
     "sent_at": "2024-03-13T10:00:00+00:00"}

A digest is ``{"event": "digest", "watchlist": ..., "items": [message, ...]}``.

Example::

    >>> message = {"event": "new", "watchlist": "acme", "alert": {"id": 1},
    ...            "incident": {"id": 3, "victim": "Acme", "records": 1200, "sources": ["x"]}, "matches": []}
    >>> title(message)
    '[breachlens] acme: new alert 1 — Acme'
    >>> slack_payload(message)["text"]
    '[breachlens] acme: new alert 1 — Acme'
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from breachlens.model import Alert, Incident

__all__ = ["alert_message", "digest_message", "title", "summary_lines", "slack_payload", "teams_payload",
           "mattermost_payload"]

_EVENTS = {"new": "new alert", "update": "incident grew, alert", "digest": "daily digest"}


def incident_summary(incident: Incident | None) -> dict[str, Any]:
    """What an alert says about its incident (no leaked values: counts, categories, names of sources)."""
    if incident is None:
        return {}
    victim = incident.victim
    return {
        "id": incident.id,
        "victim": victim.name if victim else None,
        "country": victim.country if victim else None,
        "sector": victim.sector if victim else None,
        "domain": victim.domain if victim else None,
        "claim_type": str(incident.claim_type),
        "records": incident.records_range[1] if incident.records_range else None,
        "data_categories": list(incident.data_categories),
        "actors": list(incident.actors),
        "venues": list(incident.venues),
        "sources": sorted({s.source for s in incident.sightings}),
        "first_seen": incident.first_seen.isoformat(),
        "last_seen": incident.last_seen.isoformat(),
        "severity": str(incident.severity.band) if incident.severity else None,
        "severity_score": incident.severity.score if incident.severity else None,
        "credibility": incident.credibility.score if incident.credibility else None,
        "novelty": incident.novelty.status if incident.novelty else None,
    }


def alert_message(event: str, alert: Alert, incident: Incident | None, now: datetime | None = None) -> dict[str, Any]:
    """The message of one alert event ("new" or "update")."""
    summary = incident_summary(incident)
    if not summary:
        summary = {"id": None, "victim": alert.victim, "records": alert.records, "sources": []}
    return {
        "event": event,
        "watchlist": alert.watchlist,
        "alert": {"id": alert.id, "state": str(alert.state), "updates": alert.updates,
                  "incident_id": alert.incident_id, "claim_ids": list(alert.claim_ids)},
        "incident": summary,
        "matches": [m.model_dump(mode="json") for m in alert.matches[:20]],
        "sent_at": (now or datetime.now(UTC)).isoformat(),
    }


def digest_message(watchlist: str, items: list[dict[str, Any]], now: datetime | None = None) -> dict[str, Any]:
    return {"event": "digest", "watchlist": watchlist, "items": items,
            "sent_at": (now or datetime.now(UTC)).isoformat()}


def _victim(message: dict[str, Any]) -> str:
    return str((message.get("incident") or {}).get("victim") or "unnamed victim")


def title(message: dict[str, Any]) -> str:
    event = message.get("event", "new")
    if event == "digest":
        return f"[breachlens] {message['watchlist']}: daily digest, {len(message.get('items', []))} alert event(s)"
    return f"[breachlens] {message['watchlist']}: {_EVENTS.get(event, event)} {message['alert']['id']} — " \
           f"{_victim(message)}"


def _one(message: dict[str, Any]) -> list[str]:
    incident = message.get("incident") or {}
    lines = []
    parts = [f"incident {incident.get('id')}" if incident.get("id") is not None else "claim (no incident yet)"]
    if incident.get("country"):
        parts.append(str(incident["country"]))
    if incident.get("records"):
        parts.append(f"{incident['records']:,} records")
    if incident.get("severity"):
        parts.append(f"severity {incident['severity']}")
    if incident.get("credibility") is not None:
        parts.append(f"credibility {incident['credibility']}")
    sources = incident.get("sources") or []
    if sources:
        parts.append(f"{len(sources)} source(s)")
    lines.append(f"{_victim(message)}: " + ", ".join(parts))
    if incident.get("actors"):
        lines.append("actor: " + ", ".join(incident["actors"]))
    if incident.get("data_categories"):
        lines.append("data: " + ", ".join(incident["data_categories"]))
    reasons = sorted({f"{m['term']!r} in {m['field']} ({m['found']!r})" for m in message.get("matches", [])})
    if reasons:
        lines.append("matched: " + "; ".join(reasons[:5]))
    return lines


def summary_lines(message: dict[str, Any]) -> list[str]:
    """A title line, then what the alert says, one fact per line (used by e-mail and chat payloads)."""
    lines = [title(message)]
    if message.get("event") == "digest":
        for item in message.get("items", []):
            lines.append(f"{_EVENTS.get(item.get('event'), item.get('event'))} {item['alert']['id']}: "
                         + " | ".join(_one(item)))
        return lines
    return lines + _one(message)


def _escape_slack(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def _escape_markdown(text: str) -> str:
    """Text from sources shown literally by Markdown renderers (Mattermost, Teams' TextBlock): no injected link,
    image or heading ("[click](https://evil)" stays text)."""
    return _MARKDOWN.sub(r"\\\1", text)


def slack_payload(message: dict[str, Any]) -> dict[str, Any]:
    """A Slack incoming-webhook payload: ``text`` (the notification) and Block Kit blocks."""
    lines = summary_lines(message)
    return {"text": _escape_slack(lines[0]),
            "blocks": [{"type": "header", "text": {"type": "plain_text", "text": lines[0][:150]}},
                       {"type": "section", "text": {"type": "mrkdwn",
                                                    "text": _escape_slack("\n".join(lines[1:]) or lines[0])[:3000]}}]}


def teams_payload(message: dict[str, Any]) -> dict[str, Any]:
    """A Microsoft Teams incoming-webhook (Workflows) payload: a message with one Adaptive Card."""
    lines = summary_lines(message)
    body: list[dict[str, Any]] = [{"type": "TextBlock", "text": _escape_markdown(lines[0]), "weight": "Bolder",
                                   "size": "Medium", "wrap": True}]
    body += [{"type": "TextBlock", "text": _escape_markdown(line), "wrap": True} for line in lines[1:]]
    return {"type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None,
                             "content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                                         "type": "AdaptiveCard", "version": "1.4", "body": body}}]}


def mattermost_payload(message: dict[str, Any]) -> dict[str, Any]:
    """A Mattermost incoming-webhook payload: Markdown ``text`` and a username."""
    lines = summary_lines(message)
    return {"username": "breachlens", "text": f"#### {_escape_markdown(lines[0])}\n"
            + "\n".join(f"- {_escape_markdown(line)}" for line in lines[1:])}
