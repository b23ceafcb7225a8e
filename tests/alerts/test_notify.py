"""Notifiers against real receivers on 127.0.0.1: signed webhooks, chat payload shapes, SMTP with STARTTLS,
and a receiver that fails then recovers, to show that nothing is lost (dead letter, then retry)."""

from __future__ import annotations

import email
import hashlib
import hmac
from email import policy
from pathlib import Path
from typing import Any

import pytest
from posts import NEWS, SALE, company, ingest_and_rebuild, post
from servers import Receiver

from breachlens.alerts.engine import check_alerts, retry_dead_letters
from breachlens.alerts.notify import NotifyConfig, NotifyError, parse_target, redact_target, send
from breachlens.alerts.store import add_watchlist, dead_letters, deliveries, list_alerts
from breachlens.errors import ConfigurationError
from breachlens.model import Watchlist
from breachlens.store import Store

MESSAGE: dict[str, Any] = {
    "event": "new", "watchlist": "acme", "alert": {"id": 7, "state": "new", "updates": 0},
    "incident": {"id": 3, "victim": "Acme <script>alert(1)</script>", "country": "FR", "records": 120000,
                 "sources": ["forum"], "data_categories": ["email", "name"], "actors": ["LockBit"]},
    "matches": [{"term": "Acme", "field": "text", "found": "ACME", "start": 8, "end": 12}],
}


def test_webhook_is_signed_and_verifiable(receiver: Receiver, config: NotifyConfig) -> None:
    assert send(f"webhook:{receiver.url}", MESSAGE, config) == 1
    (got,) = receiver.received
    timestamp = got.headers["X-Breachlens-Timestamp"]
    expected = hmac.new(b"test-signing-key", timestamp.encode() + b"." + got.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(got.headers["X-Breachlens-Signature"], f"sha256={expected}")
    assert got.headers["Content-Type"] == "application/json"
    assert got.json()["incident"]["victim"] == MESSAGE["incident"]["victim"]


def test_webhook_retries_5xx_with_backoff_then_succeeds(receiver: Receiver) -> None:
    waits: list[float] = []
    config = NotifyConfig(allow_hosts=frozenset({"127.0.0.1"}), retries=3, backoff=0.5, signing_key=b"k",
                          sleep=waits.append)
    receiver.fail = 2
    assert send(f"webhook:{receiver.url}", MESSAGE, config) == 3
    assert waits == [0.5, 1.0]  # exponential backoff
    assert len(receiver.received) == 1


def test_webhook_does_not_retry_4xx(receiver: Receiver, config: NotifyConfig) -> None:
    receiver.fail, receiver.status = 5, 404
    with pytest.raises(NotifyError, match="HTTP 404") as caught:
        send(f"webhook:{receiver.url}", MESSAGE, config)
    assert caught.value.attempts == 1 and receiver.attempts == 1


def test_loopback_refused_unless_allowed(receiver: Receiver) -> None:
    with pytest.raises(NotifyError, match="loopback"):
        send(f"webhook:{receiver.url}", MESSAGE, NotifyConfig(signing_key=b"k"))
    assert receiver.attempts == 0
    with pytest.raises(NotifyError, match="link-local"):
        send("webhook:http://169.254.169.254/latest", MESSAGE, NotifyConfig(signing_key=b"k"))


@pytest.mark.parametrize("bad", ["webhook:ftp://x", "pager:123", "email:not-an-address", "slack:", "teams"])
def test_bad_targets(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        parse_target(bad)


def test_chat_payload_shapes(receiver: Receiver, config: NotifyConfig) -> None:
    for kind in ("slack", "teams", "mattermost"):
        send(f"{kind}:{receiver.url}", MESSAGE, config)
    slack, teams, mattermost = (r.json() for r in receiver.received)
    assert "[breachlens] acme: new alert 7" in slack["text"]
    assert "&lt;script&gt;" in slack["text"] and "<script>" not in slack["text"]  # Slack control characters
    assert [b["type"] for b in slack["blocks"]] == ["header", "section"]
    assert teams["type"] == "message"
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["type"] == "AdaptiveCard" and card["content"]["body"][0]["type"] == "TextBlock"
    assert mattermost["username"] == "breachlens" and mattermost["text"].startswith(r"#### \[breachlens\] acme")
    assert all("X-Breachlens-Signature" not in r.headers for r in receiver.received)


def test_email_over_starttls_with_text_and_html(smtp: tuple[int, Any], certificate: tuple[Path, Path]) -> None:
    port, mailbox = smtp
    config = NotifyConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_cafile=str(certificate[0]),
                          smtp_from="alerts@breachlens.test", retries=0, sleep=lambda _s: None)
    assert send("email:soc@example.org", MESSAGE, config) == 1
    (mail_from, rcpt, raw), = mailbox.messages
    assert mail_from == "alerts@breachlens.test" and rcpt == ["soc@example.org"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"].startswith("[breachlens] acme: new alert 7")
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "120,000 records" in text and "LockBit" in text
    assert "&lt;script&gt;" in html and "<script>" not in html  # source text is escaped in the HTML part


def test_email_refused_without_tls(smtp: tuple[int, Any]) -> None:
    port, mailbox = smtp
    config = NotifyConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, retries=1,
                          sleep=lambda _s: None)
    with pytest.raises(NotifyError, match="not delivered after 2 attempt"):  # the server requires STARTTLS
        send("email:soc@example.org", MESSAGE, config)
    assert mailbox.messages == []


def test_email_with_untrusted_certificate_fails(smtp: tuple[int, Any]) -> None:
    port, _ = smtp
    config = NotifyConfig(smtp_host="127.0.0.1", smtp_port=port, retries=0, sleep=lambda _s: None)
    with pytest.raises(NotifyError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
        send("email:soc@example.org", MESSAGE, config)


def test_failing_receiver_loses_nothing(tmp_path: Path, receiver: Receiver, config: NotifyConfig) -> None:
    """The receiver answers 500 to every attempt of the first run: the alert goes to the dead-letter list; once it
    recovers, `retry` delivers it and the list is empty."""
    name, domain = company()
    receiver.fail = 10**6
    with Store() as store:
        add_watchlist(store, Watchlist(name="logi", terms=[name], notify=[f"webhook:{receiver.url}"]))
        ingest_and_rebuild(store, post(tmp_path / "a", "a.txt", SALE.format(company=name, count="120,000",
                                                                            email=f"j.martin@{domain}")), "forum")
        report = check_alerts(store, config)
        assert report.new == 1 and report.sent == 0 and len(report.failed) == 1
        assert receiver.attempts == config.retries + 1 and receiver.received == []
        (letter,) = dead_letters(store)
        assert letter.payload["event"] == "new" and letter.payload["incident"]["victim"] == name
        assert "HTTP 500" in letter.error
        assert retry_dead_letters(store, config) == (0, 1)  # still down: kept, attempts counted
        assert dead_letters(store)[0].attempts == 2 * (config.retries + 1)
        receiver.fail = 0
        assert retry_dead_letters(store, config) == (1, 0)
        assert dead_letters(store) == []
        (got,) = receiver.received
        assert got.json()["alert"]["id"] == list_alerts(store)[0].id
        assert [d["status"] for d in deliveries(store)] == ["failed", "failed", "sent"]


def test_email_dead_letter_then_retry(tmp_path: Path, smtp: tuple[int, Any], certificate: tuple[Path, Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    port, mailbox = smtp
    name, _ = company(8)
    down = NotifyConfig(smtp_host="127.0.0.1", smtp_port=1, retries=1, sleep=lambda _s: None)  # nothing listens
    up = NotifyConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_cafile=str(certificate[0]), retries=0,
                      sleep=lambda _s: None)
    with Store() as store:
        add_watchlist(store, Watchlist(name="logi", terms=[name], notify=["email:dpo@example.org"]))
        ingest_and_rebuild(store, post(tmp_path / "a", "a.txt", NEWS.format(company=name, count="80,000")), "news")
        assert len(check_alerts(store, down).failed) == 1
        assert retry_dead_letters(store, up) == (1, 0)
    assert len(mailbox.messages) == 1 and name in email.message_from_bytes(mailbox.messages[0][2])["Subject"]


def test_webhook_connects_to_the_checked_address(receiver: Receiver) -> None:
    """A host name is resolved once, by the policy check; the request goes to that address with the name kept
    in the Host header (a second DNS answer cannot redirect it)."""
    url = receiver.url.replace("127.0.0.1", "localhost")
    with pytest.raises(NotifyError, match="loopback"):
        send(f"webhook:{url}", MESSAGE, NotifyConfig(signing_key=b"k", retries=0))
    config = NotifyConfig(allow_hosts=frozenset({"localhost"}), signing_key=b"k", retries=1, sleep=lambda _s: None)
    assert send(f"webhook:{url}", MESSAGE, config) in (1, 2)  # a retry tries the next address (::1, 127.0.0.1)
    (got,) = receiver.received
    assert got.headers["Host"] == url.split("/")[2]


def test_email_subject_with_cr_lf_from_source_text_is_sent_on_one_line(
        smtp: tuple[int, Any], certificate: tuple[Path, Path]) -> None:
    port, mailbox = smtp
    config = NotifyConfig(smtp_host="127.0.0.1", smtp_port=port, smtp_cafile=str(certificate[0]),
                          smtp_from="alerts@breachlens.test", retries=0, sleep=lambda _s: None)
    injected = {**MESSAGE, "incident": {**MESSAGE["incident"], "victim": "Acme\r\nBcc: spy@example.org\nX: y"}}
    assert send("email:soc@example.org", injected, config) == 1
    (_, rcpt, raw), = mailbox.messages
    assert rcpt == ["soc@example.org"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Bcc"] is None and message["X"] is None
    assert message["Subject"].endswith("Acme Bcc: spy@example.org X: y")


@pytest.mark.parametrize("target", ["webhook:https://hooks.example.org/T0/B1/s3cr3t",
                                    "slack:https://bot:s3cr3t@hooks.example.org/x",
                                    "webhook:https://hooks.example.org?token=s3cr3t",
                                    "teams:https://hooks.example.org#s3cr3t"])
def test_redacted_targets_keep_no_secret(target: str) -> None:
    redacted = redact_target(target)
    assert "s3cr3t" not in redacted and "hooks.example.org" in redacted


def test_source_text_cannot_inject_markdown_links_into_chat_messages() -> None:
    from breachlens.alerts.messages import mattermost_payload, teams_payload

    evil = {**MESSAGE, "incident": {**MESSAGE["incident"], "victim": "Acme [log in here](https://evil.example)"}}
    for text in (mattermost_payload(evil)["text"],
                 "\n".join(b["text"] for b in teams_payload(evil)["attachments"][0]["content"]["body"])):
        assert "[log in here](https" not in text
        assert r"\[log in here\]\(https://evil\.example\)" in text
