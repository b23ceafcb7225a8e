"""Alerts once per incident per watchlist, updates when the incident grows, kept states, the daily digest,
and claims stored before any incident exists (``analyze --save``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from posts import NEWS, SALE, company, ingest_and_rebuild, post
from servers import Receiver

from breachlens.alerts.engine import check_alerts, send_digests
from breachlens.alerts.notify import NotifyConfig
from breachlens.alerts.store import add_watchlist, deliveries, list_alerts, remove_watchlist, set_state, watchlist
from breachlens.extract.pipeline import EXTRACTOR_VERSION, extract, prepare
from breachlens.ingest import rebuild_incidents
from breachlens.model import AlertState, Watchlist
from breachlens.store import Store


def test_once_per_incident_then_updates_when_it_grows(tmp_path: Path, receiver: Receiver,
                                                     config: NotifyConfig) -> None:
    name, domain = company()
    with Store() as store:
        add_watchlist(store, Watchlist(name="logi", terms=[name], email_domains=[domain],
                                       notify=[f"webhook:{receiver.url}"]))
        add_watchlist(store, Watchlist(name="other", terms=["Globex Unrelated"]))
        sale = SALE.format(company=name, count="120,000", email=f"j.martin@{domain}")
        ingest_and_rebuild(store, post(tmp_path / "a", "a.txt", sale), "forum")
        first = check_alerts(store, config)
        assert (first.new, first.updated, first.sent) == (1, 0, 1)
        (alert,) = list_alerts(store)
        assert alert.watchlist == "logi" and alert.state is AlertState.new and alert.sources == 1
        assert {(m.term, m.field) for m in alert.matches} >= {(name, "text"), (domain, "text"), (name, "victim")}
        # the same run again, and the same document from the same source again: nothing new
        assert check_alerts(store, config).new == 0
        ingest_and_rebuild(store, tmp_path / "a", "forum")
        assert (check_alerts(store, config).new, len(receiver.received)) == (0, 1)
        set_state(store, alert.id, AlertState.acknowledged)
        # another source reports the same breach: same incident, one update, the state is kept
        ingest_and_rebuild(store, post(tmp_path / "b", "b.txt", NEWS.format(company=name, count="120,000")),
                           "news")
        grown = check_alerts(store, config)
        assert (grown.new, grown.updated) == (0, 1)
        (alert,) = list_alerts(store)
        assert alert.state is AlertState.acknowledged and alert.updates == 1 and alert.sources == 2
        assert len(alert.claim_ids) == 2
        events = [r.json()["event"] for r in receiver.received]
        assert events == ["new", "update"]
        assert receiver.received[1].json()["incident"]["sources"] == ["forum", "news"]
        # resolved alerts get no more updates
        set_state(store, alert.id, AlertState.resolved)
        ingest_and_rebuild(store, post(tmp_path / "c", "c.txt", NEWS.format(company=name, count="120,000")
                                       + " Re-shared on Telegram."), "telegram")
        assert check_alerts(store, config).updated == 0


def test_claims_saved_before_incidents_are_alerted_then_attached(receiver: Receiver, config: NotifyConfig) -> None:
    """``analyze --save`` stores claims without incidents: the alert is keyed by the claim, then moved onto the
    incident at the first check after a rebuild, without a second notification."""
    name, _ = company(21)
    with Store() as store:
        add_watchlist(store, Watchlist(name="logi", terms=[name], notify=[f"webhook:{receiver.url}"]))
        document = prepare(NEWS.format(company=name, count="45,000"), source="post.txt")
        store.save(document, extract(document), extractor_version=EXTRACTOR_VERSION)
        assert check_alerts(store, config).new == 1
        (alert,) = list_alerts(store)
        assert alert.incident_id is None and len(alert.claim_ids) == 1
        rebuild_incidents(store)
        again = check_alerts(store, config)
        assert (again.new, again.updated) == (0, 0)
        (alert,) = list_alerts(store)
        assert alert.incident_id is not None
        assert store.incident(alert.incident_id) is not None
    assert len(receiver.received) == 1


def test_daily_digest_groups_alerts(tmp_path: Path, receiver: Receiver, config: NotifyConfig) -> None:
    first, _ = company(1)
    second, _ = company(2)
    now = datetime(2030, 5, 1, 9, tzinfo=UTC)
    with Store() as store:
        add_watchlist(store, Watchlist(name="group", terms=[first, second], notify=[f"webhook:{receiver.url}"],
                                       digest=True))
        ingest_and_rebuild(store, post(tmp_path / "a", "a.txt", NEWS.format(company=first, count="10,000")), "x")
        report = check_alerts(store, config, now=now)  # first digest goes out at the first check
        assert (report.new, report.queued) == (1, 1)
        assert [r.json()["event"] for r in receiver.received] == ["digest"]
        ingest_and_rebuild(store, post(tmp_path / "b", "b.txt", NEWS.format(company=second, count="20,000")), "y")
        later = check_alerts(store, config, now=now + timedelta(hours=2))
        assert later.queued == 1 and len(receiver.received) == 1  # less than a day later: held back
        assert send_digests(store, config, now=now + timedelta(hours=3)) == 0
        assert send_digests(store, config, now=now + timedelta(days=1, minutes=1)) == 1
        digest = receiver.received[-1].json()
        assert digest["event"] == "digest" and [i["incident"]["victim"] for i in digest["items"]] == [second]
        assert not [d for d in deliveries(store) if d["status"] == "queued"]


def test_watchlists_extend_and_remove() -> None:
    with Store() as store:
        add_watchlist(store, Watchlist(name="acme", terms=["Acme"], domains=["acme.fr"]))
        merged = add_watchlist(store, Watchlist(name="acme", terms=["ACME Corp", "Acme"],
                                                notify=["email:soc@acme.example"]))
        assert merged.terms == ["Acme", "ACME Corp"] and merged.domains == ["acme.fr"]
        assert watchlist(store, "acme") == merged
        assert remove_watchlist(store, "acme") and watchlist(store, "acme") is None
        assert not remove_watchlist(store, "acme")


def test_claim_alert_joined_by_a_new_claim_of_its_incident_is_not_raised_twice(
        tmp_path: Path, receiver: Receiver, config: NotifyConfig) -> None:
    """A claim alerted before any incident, then a second claim of the same breach and a rebuild: the first
    alert moves onto the incident and is updated; no second "new" alert for the same incident."""
    name, _ = company(22)
    with Store() as store:
        add_watchlist(store, Watchlist(name="logi", terms=[name], notify=[f"webhook:{receiver.url}"]))
        document = prepare(NEWS.format(company=name, count="45,000"), source="post.txt")
        store.save(document, extract(document), extractor_version=EXTRACTOR_VERSION)
        assert check_alerts(store, config).new == 1
        ingest_and_rebuild(store, post(tmp_path / "b", "b.txt", SALE.format(company=name, count="45,000",
                                                                             email="x@example.org")), "forum")
        again = check_alerts(store, config)
        assert again.new == 0
        (alert,) = list_alerts(store)
        assert alert.incident_id is not None and len(alert.claim_ids) == 2
    assert [r.json()["event"] for r in receiver.received][0] == "new"
    assert "new" not in [r.json()["event"] for r in receiver.received][1:]
