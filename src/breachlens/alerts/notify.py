"""Notifiers: signed JSON webhooks, Slack / Microsoft Teams / Mattermost incoming webhooks, and e-mail over SMTP.

A target is written ``KIND:WHERE``: ``webhook:https://hooks.example/x``, ``slack:https://hooks.slack.com/...``,
``teams:https://....webhook.office.com/...``, ``mattermost:https://chat.example/hooks/...``,
``email:soc@example.org``. :func:`send` delivers one message (a JSON-able dict, see :mod:`.messages`) to one
target, retrying what may pass later, and raises :class:`NotifyError` when it gives up; the caller keeps the
message in the dead-letter list so that ``breachlens alerts retry`` can send it again.

Webhooks:

* the URL goes through the fetch policy of :mod:`breachlens.sources.http` (http/https only; private, loopback and
  link-local addresses refused unless allowed with ``BREACHLENS_NOTIFY_ALLOW_HOSTS`` or
  ``BREACHLENS_NOTIFY_ALLOW_PRIVATE=1``);
* the generic webhook is signed: ``X-Breachlens-Timestamp: <unix seconds>`` and
  ``X-Breachlens-Signature: sha256=<hex HMAC-SHA-256 of "<timestamp>." + body>`` with the key
  ``BREACHLENS_WEBHOOK_SECRET`` (or one derived from the installation secret: ``breachlens alerts signing-key``);
* the request goes to the address the check resolved (host name kept for Host, SNI and the certificate), so a
  second DNS answer cannot send it elsewhere; redirects are not followed;
* one timeout per attempt; connection errors, timeouts, 429 and 5xx are retried with exponential backoff,
  other 4xx are not (a wrong URL will not become right).

Retries and timeouts: ``BREACHLENS_NOTIFY_RETRIES`` (3 extra attempts), ``BREACHLENS_NOTIFY_BACKOFF`` (0.5 s,
doubled at each retry), ``BREACHLENS_NOTIFY_TIMEOUT`` (10 s per attempt).

E-mail: ``BREACHLENS_SMTP_HOST`` (localhost), ``_PORT`` (587), ``_USER``, ``_PASSWORD``, ``_FROM``,
``_STARTTLS`` (1; ``0`` for a local relay), ``_CAFILE`` (extra CA certificates). A message has a plain-text and
an HTML part; every value in the HTML part is escaped. A password is never sent without TLS.

Example::

    config = NotifyConfig.from_env()
    send("webhook:https://hooks.example/x", message, config)
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from breachlens.errors import BreachlensError, ConfigurationError

__all__ = ["KINDS", "NotifyConfig", "NotifyError", "parse_target", "send", "sign", "redact_target"]

KINDS = ("webhook", "slack", "teams", "mattermost", "email")
SIGNATURE_HEADER = "X-Breachlens-Signature"
_ADDRESS = re.compile(r"[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}")
TIMESTAMP_HEADER = "X-Breachlens-Timestamp"


class NotifyError(BreachlensError):
    """A notification could not be delivered (after its retries)."""

    def __init__(self, message: str, *, input: str | None = None, hint: str | None = None,
                 attempts: int = 1) -> None:
        super().__init__(message, input=input, hint=hint)
        self.attempts = attempts


@dataclass(frozen=True)
class NotifyConfig:
    """How notifications may use the network and the mail server."""

    allow_hosts: frozenset[str] = frozenset()
    allow_private: bool = False
    timeout: float = 10.0
    retries: int = 3  # extra attempts after the first
    backoff: float = 0.5  # first wait in seconds, doubled at each retry
    signing_key: bytes | None = None  # None: derived from the installation secret
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "breachlens@localhost"
    smtp_starttls: bool = True
    smtp_cafile: str | None = None
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)

    @classmethod
    def from_env(cls) -> NotifyConfig:
        env = os.environ
        numbers: dict[str, float] = {}
        for name, default in (("BREACHLENS_SMTP_PORT", "587"), ("BREACHLENS_NOTIFY_RETRIES", "3"),
                              ("BREACHLENS_NOTIFY_TIMEOUT", "10"), ("BREACHLENS_NOTIFY_BACKOFF", "0.5")):
            try:
                numbers[name] = float(env.get(name, default))
            except ValueError as exc:
                raise ConfigurationError("not a number", input=f"{name}={env.get(name)}",
                                         hint=f"write it like {default}") from exc
            if numbers[name] < 0 or (name == "BREACHLENS_NOTIFY_TIMEOUT" and numbers[name] == 0):
                raise ConfigurationError("must be positive", input=f"{name}={env.get(name)}")
        secret = env.get("BREACHLENS_WEBHOOK_SECRET")
        return cls(
            allow_hosts=frozenset(h.strip().lower() for h in env.get("BREACHLENS_NOTIFY_ALLOW_HOSTS", "").split(",")
                                  if h.strip()),
            allow_private=env.get("BREACHLENS_NOTIFY_ALLOW_PRIVATE", "") in ("1", "true", "yes"),
            signing_key=secret.encode() if secret else None,
            retries=int(numbers["BREACHLENS_NOTIFY_RETRIES"]), timeout=numbers["BREACHLENS_NOTIFY_TIMEOUT"],
            backoff=numbers["BREACHLENS_NOTIFY_BACKOFF"],
            smtp_host=env.get("BREACHLENS_SMTP_HOST", "localhost"), smtp_port=int(numbers["BREACHLENS_SMTP_PORT"]),
            smtp_user=env.get("BREACHLENS_SMTP_USER") or None, smtp_password=env.get("BREACHLENS_SMTP_PASSWORD"),
            smtp_from=env.get("BREACHLENS_SMTP_FROM", "breachlens@localhost"),
            smtp_starttls=env.get("BREACHLENS_SMTP_STARTTLS", "1") not in ("0", "false", "no"),
            smtp_cafile=env.get("BREACHLENS_SMTP_CAFILE") or None)

    def key(self) -> bytes:
        """The webhook signing key."""
        if self.signing_key is not None:
            return self.signing_key
        from breachlens.secret import derived_key

        return derived_key("breachlens webhook signing key")


def parse_target(target: str) -> tuple[str, str]:
    """``("webhook", "https://...")`` from ``"webhook:https://..."``; raises ConfigurationError otherwise."""
    kind, _, where = target.partition(":")
    kind = kind.strip().lower()
    where = where.strip()
    if kind not in KINDS or not where:
        raise ConfigurationError("not a notification target", input=target,
                                 hint="write webhook:URL, slack:URL, teams:URL, mattermost:URL or email:ADDRESS")
    if kind == "email":
        if not _ADDRESS.fullmatch(where):
            raise ConfigurationError("not an e-mail address", input=target, hint="write email:soc@example.org")
    elif not where.lower().startswith(("http://", "https://")):
        raise ConfigurationError("a webhook target needs an http(s) URL", input=target,
                                 hint=f"write {kind}:https://...")
    return kind, where


def redact_target(target: str) -> str:
    """The target without the secret part of a webhook URL (its path often is the credential)."""
    kind, _, where = target.partition(":")
    if kind == "email" or "://" not in where:
        return target
    scheme, _, rest = where.partition("://")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]  # no path, query or user:password
    return f"{kind}:{scheme}://{host}/…"


def sign(key: bytes, timestamp: str, body: bytes) -> str:
    """The signature header value of a webhook body: ``sha256=`` + hex HMAC-SHA-256 of ``timestamp.body``.

    Example::

        >>> sign(b"key", "1700000000", b"{}")[:15]
        'sha256=9d713ed4'
    """
    return "sha256=" + hmac.new(key, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()


def send(target: str, message: dict[str, Any], config: NotifyConfig) -> int:
    """Deliver ``message`` to ``target``; returns the number of attempts it took. Raises NotifyError."""
    kind, where = parse_target(target)
    if kind == "email":
        return _send_email(where, message, config)
    return _send_webhook(kind, where, message, config, target)


# ---------------------------------------------------------------------------------------------- webhooks
def _body(kind: str, message: dict[str, Any]) -> dict[str, Any]:
    from breachlens.alerts.messages import mattermost_payload, slack_payload, teams_payload

    return {"webhook": lambda m: m, "slack": slack_payload, "teams": teams_payload,
            "mattermost": mattermost_payload}[kind](message)


def _send_webhook(kind: str, url: str, message: dict[str, Any], config: NotifyConfig, target: str) -> int:
    import httpx

    from breachlens.errors import SourceError
    from breachlens.sources.http import FetchPolicy, check_url

    label = redact_target(target)
    try:
        addresses = check_url(url, FetchPolicy(allow_private=config.allow_private, allow_hosts=config.allow_hosts))
    except SourceError as exc:
        raise NotifyError(f"refused: {exc}", input=label,
                          hint="set BREACHLENS_NOTIFY_ALLOW_HOSTS to this host if it is yours") from exc
    body = json.dumps(_body(kind, message), ensure_ascii=False, sort_keys=True).encode("utf-8")
    attempts = 0
    last = ""
    with httpx.Client(timeout=httpx.Timeout(config.timeout), follow_redirects=False, trust_env=False) as client:
        for attempt in range(config.retries + 1):
            attempts = attempt + 1
            if attempt:
                config.sleep(config.backoff * 2 ** (attempt - 1))
            timestamp = str(int(time.time()))
            headers = {"Content-Type": "application/json", "User-Agent": "breachlens-alerts",
                       "X-Breachlens-Event": str(message.get("event", ""))}
            if kind == "webhook":
                headers[TIMESTAMP_HEADER] = timestamp
                headers[SIGNATURE_HEADER] = sign(config.key(), timestamp, body)
            connect, extensions = _pinned(url, addresses, attempt)
            if connect.host != httpx.URL(url).host:
                headers["Host"] = httpx.URL(url).netloc.decode("ascii").rsplit("@", 1)[-1]
            try:
                response = client.post(connect, content=body, headers=headers, extensions=extensions)
            except httpx.TimeoutException:
                last = f"no answer within {config.timeout:g} s"
                continue
            except httpx.HTTPError as exc:
                last = f"connection failed: {exc.__class__.__name__}: {exc}"
                continue
            if 200 <= response.status_code < 300:
                return attempts
            last = f"HTTP {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                break  # the receiver refuses this request: trying again will not help
    raise NotifyError(f"not delivered after {attempts} attempt(s): {last}", input=label, attempts=attempts,
                      hint="it is kept in the dead-letter list; `breachlens alerts retry` sends it again")


def _pinned(url: str, addresses: list[str], attempt: int) -> tuple[Any, dict[str, str]]:
    """The URL to connect to: the host replaced by an address the policy checked (no second DNS answer can
    point elsewhere), with the host name kept for TLS (SNI and certificate check) and the Host header."""
    import httpx

    parsed = httpx.URL(url)
    if not addresses:
        return parsed, {}
    address = addresses[attempt % len(addresses)]
    if parsed.host.strip("[]") == address:
        return parsed, {}
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    return parsed.copy_with(host=address), extensions


# ---------------------------------------------------------------------------------------------- e-mail
def email_message(to: str, message: dict[str, Any], sender: str) -> EmailMessage:
    """The e-mail of an alert message: subject, plain-text part and an HTML part with every value escaped."""
    from breachlens.alerts.messages import summary_lines, title

    lines = summary_lines(message)
    mail = EmailMessage()
    mail["Subject"] = " ".join(title(message).split())  # a CR/LF from source text would make it unsendable
    mail["From"] = sender
    mail["To"] = to
    mail.set_content("\n".join(lines) + "\n\n-- \nbreachlens alerts\n")
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:])
    mail.add_alternative(f"<!doctype html><html><body><h2>{html.escape(lines[0])}</h2><ul>{items}</ul>"
                         "<p style=\"color:#666\">breachlens alerts</p></body></html>", subtype="html")
    return mail


def _send_email(to: str, message: dict[str, Any], config: NotifyConfig) -> int:
    mail = email_message(to, message, config.smtp_from)
    label = f"email:{to}"
    last = ""
    attempts = 0
    for attempt in range(config.retries + 1):
        attempts = attempt + 1
        if attempt:
            config.sleep(config.backoff * 2 ** (attempt - 1))
        try:
            with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout) as smtp:
                smtp.ehlo()
                if config.smtp_starttls:
                    context = ssl.create_default_context(cafile=config.smtp_cafile)
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if config.smtp_user:
                    if not config.smtp_starttls:
                        raise NotifyError("refusing to send the SMTP password without STARTTLS", input=label,
                                          hint="set BREACHLENS_SMTP_STARTTLS=1")
                    smtp.login(config.smtp_user, config.smtp_password or "")
                smtp.send_message(mail)
            return attempts
        except smtplib.SMTPRecipientsRefused as exc:
            last = f"recipient refused: {exc.recipients}"
            break
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            last = f"{exc.__class__.__name__}: {exc}"
    raise NotifyError(f"not delivered after {attempts} attempt(s) through {config.smtp_host}:{config.smtp_port}: "
                      f"{last}", input=label, attempts=attempts,
                      hint="check BREACHLENS_SMTP_*; it is kept in the dead-letter list for `breachlens alerts retry`")
