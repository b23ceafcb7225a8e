"""watchlist and alerts commands as a user runs them: the ingest and ``analyze --save`` hooks raise alerts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from posts import NEWS, SALE, company, post
from servers import Receiver
from typer.testing import CliRunner

from breachlens.cli import app
from breachlens.errors import ConfigurationError, InputError

runner = CliRunner()


@pytest.fixture(autouse=True)
def _notify_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BREACHLENS_NOTIFY_ALLOW_HOSTS", "127.0.0.1")
    monkeypatch.setenv("BREACHLENS_WEBHOOK_SECRET", "cli-secret")
    monkeypatch.setenv("BREACHLENS_NOTIFY_RETRIES", "1")
    monkeypatch.setenv("BREACHLENS_NOTIFY_BACKOFF", "0.01")
    monkeypatch.setenv("BREACHLENS_SMTP_PORT", "1")  # nothing listens there: e-mail targets fail


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_watchlist_ingest_alert_ack_resolve(tmp_path: Path, receiver: Receiver) -> None:
    name, domain = company(3)
    code, _, err = invoke("watchlist", "add", "logi", "--terms", f"{name},{name} SAS", "--domains", domain,
                          "--notify", f"webhook:{receiver.url}")
    assert code == 0 and "3 term(s), 1 target(s)" in err
    code, _, err = invoke("watchlist", "add", "logi", "--notify", "email:dpo@example.org", "--digest")
    assert "daily digest" in err
    _, out, _ = invoke("watchlist", "list", "--format", "json")
    (saved,) = [json.loads(line) for line in out.splitlines()]
    assert saved["digest"] is True and saved["notify"][1] == "email:dpo@example.org"
    invoke("watchlist", "add", "logi", "--no-digest")
    invoke("watchlist", "add", "noisy", "--keywords", "nothing to see here")
    folder = post(tmp_path / "posts", "a.txt", SALE.format(company=name, count="300,000", email=f"rh@{domain}"))
    code, _, err = invoke("ingest", str(folder), "--source", "forum")
    assert code == 0 and "1 new alert(s)" in err and "1 failed" in err  # the e-mail target has no SMTP server
    assert receiver.received[0].json()["incident"]["victim"] == name
    _, out, _ = invoke("alerts", "list", "--format", "json")
    (alert,) = [json.loads(line) for line in out.splitlines()]
    assert alert["state"] == "new" and alert["watchlist"] == "logi" and alert["incident_id"]
    _, table, _ = invoke("alerts", "list")
    assert name in table and "logi" in table
    assert invoke("alerts", "ack", str(alert["id"]))[2].strip() == f"alert {alert['id']}: acknowledged"
    invoke("alerts", "resolve", str(alert["id"]))
    _, out, _ = invoke("alerts", "list", "--state", "resolved", "--format", "json")
    assert json.loads(out)["id"] == alert["id"]
    _, out, _ = invoke("alerts", "list", "--state", "new", "--format", "json")
    assert out == ""
    _, out, _ = invoke("alerts", "dead-letters", "--format", "json")
    (letter,) = [json.loads(line) for line in out.splitlines()]
    assert letter["target"] == "email:dpo@example.org" and letter["event"] == "new"
    code, _, err = invoke("alerts", "retry")
    assert code == 1 and "0 delivered, 1 still failing" in err


def test_analyze_save_raises_alerts(tmp_path: Path, receiver: Receiver) -> None:
    name, _ = company(4)
    invoke("watchlist", "add", "logi", "--terms", name, "--notify", f"slack:{receiver.url}")
    text = post(tmp_path, "p.txt", NEWS.format(company=name, count="9,000")) / "p.txt"
    code, _, err = invoke("analyze", "--save", "--format", "json", str(text))
    assert code == 0 and "alerts: 1 new claim(s) matched, 1 new alert(s)" in err
    assert name in receiver.received[0].json()["text"]


def test_errors_name_the_input() -> None:
    with pytest.raises(ConfigurationError, match="not a notification target"):
        invoke("watchlist", "add", "x", "--terms", "X", "--notify", "pager:42")
    with pytest.raises(InputError, match="needs something to match"):
        invoke("watchlist", "add", "empty")
    with pytest.raises(InputError, match="no such alert"):
        invoke("alerts", "ack", "99")
    with pytest.raises(InputError, match="no such watchlist"):
        invoke("watchlist", "remove", "ghost")


def test_cli_error_line_and_signing_key(tmp_path: Path) -> None:
    env = {**os.environ, "BREACHLENS_HOME": str(tmp_path)}
    env.pop("BREACHLENS_WEBHOOK_SECRET")  # the key then derives from the installation secret
    done = subprocess.run([sys.executable, "-m", "breachlens", "alerts", "resolve", "5"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 1 and done.stderr.startswith("error: alert 5: no such alert")
    assert "Traceback" not in done.stderr
    key = json.loads(subprocess.run([sys.executable, "-m", "breachlens", "alerts", "signing-key"],
                                    capture_output=True, text=True, env=env, timeout=120).stdout)
    assert key["algorithm"] == "HMAC-SHA-256" and len(bytes.fromhex(key["key_hex"])) == 32


def test_a_failing_alert_check_never_fails_the_command_that_stored_the_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import breachlens.alerts.engine as engine

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(engine, "check_alerts", broken)
    name, _ = company(6)
    invoke("watchlist", "add", "logi", "--terms", name)
    text = post(tmp_path, "p.txt", NEWS.format(company=name, count="9,000")) / "p.txt"
    code, _, err = invoke("analyze", "--save", "--format", "json", str(text))
    assert code == 0 and "warning: alerts: RuntimeError: database is locked" in err
