"""Watchlists, matching and alerts: hear about a claim that concerns you, once, within minutes.

* :class:`WatchMatcher` — every watchlist's names, domains, brands, keywords and e-mail domains in one automaton;
* :func:`check_alerts` — after an ingest or ``analyze --save``: match what is new, raise or update alerts, notify;
* :func:`retry_dead_letters`, :func:`send_digests` — the dead-letter list and the daily digest;
* :mod:`.notify` — webhook (HMAC-SHA-256 signed), Slack, Teams, Mattermost, e-mail (SMTP with STARTTLS).

Example::

    from breachlens.alerts import WatchMatcher
    from breachlens.model import Watchlist

    matcher = WatchMatcher([Watchlist(name="acme", terms=["Acme"], domains=["acme.fr"])])
    for match in matcher.match_text("ACME SA database for sale"):
        print(match.term, match.field, match.start, match.end)
"""

from __future__ import annotations

from breachlens.alerts.engine import CheckReport, check_alerts, retry_dead_letters, send_digests
from breachlens.alerts.matcher import WatchMatcher
from breachlens.alerts.notify import NotifyConfig, NotifyError

__all__ = ["CheckReport", "NotifyConfig", "NotifyError", "WatchMatcher", "check_alerts", "retry_dead_letters",
           "send_digests"]
