"""The Have I Been Pwned API v3 of a real uvicorn on 127.0.0.1: shapes, status codes, keys, scopes, floods, and
pyhibp (a client from PyPI) working against it unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from exposure_helpers import Dump

from breachlens.exposure.ingest import index_file
from breachlens.exposure.keys import KeyStore
from breachlens.exposure.normalise import normalise_email, normalise_phone
from breachlens.exposure.service import ExposureService, Limits
from breachlens.model import Breach

UA = {"user-agent": "breachlens-tests"}


@pytest.fixture
def world(dump: Dump, serve: Callable[..., Any]) -> dict[str, Any]:
    """Three breaches of the same dump (one public, one sensitive, one unverified), keys, and a server."""
    store = KeyStore()
    _, general = store.create(label="helpdesk")
    _, owner = store.create(domain="example.fr")
    _, other = store.create(domain="example.org")
    index_file(dump.path, Breach(name="FranceTravail", title="France Travail", domain="francetravail.fr",
                                 breach_date="2024-03-01"), public=True, sector="recruitment", workers=1)
    index_file(dump.path, Breach(name="Hidden", title="Hidden", sensitive=True), workers=1)
    index_file(dump.path, Breach(name="Rumour", title="Rumour", verified=False), workers=1)
    server = serve(ExposureService(limits=Limits(key_rate=1000, ip_rate=1000)))
    return {"url": server.url, "general": general, "owner": owner, "other": other, "dump": dump}


def _get(world: dict[str, Any], path: str, key: str | None = None, **params: Any) -> httpx.Response:
    headers = dict(UA)
    if key:
        headers["hibp-api-key"] = world[key]
    return httpx.get(world["url"] + path, params=params, headers=headers, timeout=10)


def test_breaches_breach_and_dataclasses(world: dict[str, Any]) -> None:
    listed = _get(world, "/api/v3/breaches").json()
    assert [b["Name"] for b in listed] == ["FranceTravail", "Hidden", "Rumour"]
    assert set(listed[0]) >= {"Name", "Title", "Domain", "BreachDate", "AddedDate", "ModifiedDate", "PwnCount",
                              "Description", "LogoPath", "DataClasses", "IsVerified", "IsFabricated", "IsSensitive",
                              "IsRetired", "IsSpamList", "IsMalware", "IsSubscriptionFree", "IsStealerLog"}
    assert listed[0]["PwnCount"] == 600 and "Email addresses" in listed[0]["DataClasses"]
    assert [b["Name"] for b in _get(world, "/api/v3/breaches", domain="francetravail.fr").json()] == ["FranceTravail"]
    assert _get(world, "/api/v3/breaches", domain="nowhere.example").json() == []
    assert _get(world, "/api/v3/breach/francetravail").json()["Title"] == "France Travail"
    missing = _get(world, "/api/v3/breach/Nothing")
    assert missing.status_code == 404 and missing.content == b""
    assert "Phone numbers" in _get(world, "/api/v3/dataclasses").json()


def test_breachedaccount(world: dict[str, Any]) -> None:
    email = world["dump"].emails[1]  # not of example.fr
    names = _get(world, f"/api/v3/breachedaccount/{email}", "general")
    assert names.status_code == 200 and names.json() == [{"Name": "FranceTravail"}, {"Name": "Rumour"}]
    assert _get(world, f"/api/v3/breachedaccount/{email}", "general", includeUnverified="false").json() == [
        {"Name": "FranceTravail"}]
    full = _get(world, f"/api/v3/breachedaccount/{email.upper()}", "general", truncateResponse="False").json()
    assert [b["Name"] for b in full] == ["FranceTravail", "Rumour"] and full[0]["Domain"] == "francetravail.fr"
    advised = _get(world, f"/api/v3/breachedaccount/{email}", "general", truncateResponse="false",
                   includeAdvice="true", lang="fr").json()
    assert any("SMS" in a["Text"] for a in advised[0]["Advice"])
    only = _get(world, f"/api/v3/breachedaccount/{email}", "general", domain="francetravail.fr").json()
    assert only == [{"Name": "FranceTravail"}]
    phone = world["dump"].phones[1]
    assert _get(world, f"/api/v3/breachedaccount/{phone}", "general").json() == [{"Name": "FranceTravail"},
                                                                                  {"Name": "Rumour"}]
    nobody = _get(world, "/api/v3/breachedaccount/nobody@nowhere.example", "general")
    assert nobody.status_code == 404 and nobody.content == b""


def test_sensitive_breaches_only_for_the_owners_key(world: dict[str, Any]) -> None:
    email = world["dump"].domain_emails[0]
    assert "Hidden" not in [b["Name"] for b in _get(world, f"/api/v3/breachedaccount/{email}", "general").json()]
    assert "Hidden" in [b["Name"] for b in _get(world, f"/api/v3/breachedaccount/{email}", "owner").json()]


def test_domain_keys_are_scoped(world: dict[str, Any]) -> None:
    outside = world["dump"].emails[1]
    refused = _get(world, f"/api/v3/breachedaccount/{outside}", "owner")
    assert refused.status_code == 403 and refused.json()["statusCode"] == 403
    assert _get(world, f"/api/v3/breachedaccount/{world['dump'].phones[0]}", "owner").status_code == 403
    aliases = _get(world, "/api/v3/breacheddomain/example.fr", "owner")
    assert aliases.status_code == 200
    expected = {normalise_email(e).split("@")[0] for e in world["dump"].domain_emails}  # type: ignore[union-attr]
    assert set(aliases.json()) == expected
    assert all(v == ["FranceTravail", "Hidden", "Rumour"] for v in aliases.json().values())
    assert _get(world, "/api/v3/breacheddomain/example.fr", "other").status_code == 403
    assert _get(world, "/api/v3/breacheddomain/example.fr", "general").status_code == 403
    assert _get(world, "/api/v3/breacheddomain/example.org", "other").status_code == 404
    assert _get(world, "/api/v3/breacheddomain/not a domain", "other").status_code == 400


@pytest.mark.parametrize(("path", "key", "headers", "status"), [
    ("/api/v3/breachedaccount/someone@example.fr", None, UA, 401),
    ("/api/v3/breachedaccount/someone@example.fr", "0" * 32, UA, 401),
    ("/api/v3/breachedaccount/someone@example.fr", "x" * 5000, UA, 401),
    ("/api/v3/breacheddomain/example.fr", None, UA, 401),
    ("/api/v3/breaches", None, {"user-agent": ""}, 403),
    ("/api/v3/breachedaccount/range/ABCDEF", None, {"user-agent": ""}, 403),
])
def test_missing_or_wrong_credentials(world: dict[str, Any], path: str, key: str | None, headers: dict[str, str],
                                      status: int) -> None:
    sent = {**headers, **({"hibp-api-key": key} if key else {})}
    answer = httpx.get(world["url"] + path, headers=sent, timeout=10)
    assert answer.status_code == status
    assert answer.json()["statusCode"] == status and answer.json()["message"]
    assert set(answer.json()) == {"statusCode", "message"}


def test_a_revoked_key_stops_working(world: dict[str, Any]) -> None:
    import time

    store = KeyStore()
    created, key = store.create()
    email = world["dump"].emails[1]
    headers = {**UA, "hibp-api-key": key}
    assert httpx.get(f"{world['url']}/api/v3/breachedaccount/{email}", headers=headers).status_code == 200
    store.revoke(created.id)
    time.sleep(1.1)  # keys are re-read at most once a second
    assert httpx.get(f"{world['url']}/api/v3/breachedaccount/{email}", headers=headers).status_code == 401


@pytest.mark.parametrize("account", ["not-an-address", "a@b", "0612", "x" * 400, "<script>alert(1)</script>",
                                     "%00", "a@@b.fr"])
def test_malformed_accounts_are_400(world: dict[str, Any], account: str) -> None:
    answer = _get(world, f"/api/v3/breachedaccount/{account}", "general")
    assert answer.status_code == 400 and answer.json()["statusCode"] == 400


@pytest.mark.parametrize("prefix", ["ABCDE", "ABCDEFA", "GHIJKL", "%20%20%20%20%20%20", "../../x"])
def test_malformed_ranges_are_refused(world: dict[str, Any], prefix: str) -> None:
    answer = _get(world, f"/api/v3/breachedaccount/range/{prefix}")
    assert answer.status_code in (400, 404)
    assert answer.status_code == 404 or answer.json()["statusCode"] == 400


def test_range_gives_suffixes_of_public_breaches(world: dict[str, Any]) -> None:
    value = normalise_phone(world["dump"].phones[2])
    assert value is not None
    digest = hashlib.sha1(value.encode()).hexdigest().upper()
    entries = _get(world, f"/api/v3/breachedaccount/range/{digest[:6].lower()}").json()
    assert {"HashSuffix": digest[6:], "Websites": ["FranceTravail"]} in entries
    assert all(set(e) == {"HashSuffix", "Websites"} and len(e["HashSuffix"]) == 34 for e in entries)


def test_floods_get_429_with_retry_after(dump: Dump, serve: Callable[..., Any]) -> None:
    _, key = KeyStore().create()
    index_file(dump.path, Breach(name="One", title="One"), workers=1)
    # refills are negligible at these rates (one request per 100 s): the counts do not depend on the clock
    by_key = serve(ExposureService(limits=Limits(key_rate=0.01, ip_rate=1000, burst_seconds=300)))
    headers = {**UA, "hibp-api-key": key}
    codes = [httpx.get(f"{by_key.url}/api/v3/breachedaccount/{dump.emails[0]}", headers=headers)
             for _ in range(5)]
    assert [c.status_code for c in codes] == [200, 200, 200, 429, 429]
    assert int(codes[-1].headers["retry-after"]) >= 1 and codes[-1].json()["statusCode"] == 429
    by_address = serve(ExposureService(limits=Limits(key_rate=1000, ip_rate=0.01, burst_seconds=400)))
    public = [httpx.get(f"{by_address.url}/api/v3/breachedaccount/range/ABCDEF", headers=UA).status_code
              for _ in range(6)]
    assert public == [200, 200, 200, 200, 429, 429]
    page = httpx.post(f"{by_address.url}/lookup", data={"identifier": dump.emails[0]})
    assert page.status_code == 429


def test_pyhibp_works_unchanged(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import pyhibp

    monkeypatch.setattr(pyhibp, "HIBP_API_BASE_URI", world["url"] + "/api/v3/")
    monkeypatch.setitem(pyhibp.pyHIBP_HEADERS, "User-Agent", "breachlens-tests")
    monkeypatch.setitem(pyhibp.pyHIBP_HEADERS, "hibp-api-key", world["general"])
    email = world["dump"].emails[1]
    breaches = pyhibp.get_account_breaches(account=email, truncate_response=True)
    assert breaches == [{"Name": "FranceTravail"}]  # pyhibp sends includeUnverified=False by default
    full = pyhibp.get_account_breaches(account=email, include_unverified=True)
    assert [b["Name"] for b in full] == ["FranceTravail", "Rumour"] and full[0]["PwnCount"] == 600
    assert pyhibp.get_account_breaches(account=world["dump"].phones[1], truncate_response=True) == [
        {"Name": "FranceTravail"}]
    assert pyhibp.get_account_breaches(account="nobody@nowhere.example") == []
    assert [b["Name"] for b in pyhibp.get_all_breaches()] == ["FranceTravail", "Hidden", "Rumour"]
    assert pyhibp.get_all_breaches(domain="francetravail.fr")[0]["Name"] == "FranceTravail"
    assert pyhibp.get_single_breach(breach_name="FranceTravail")["BreachDate"] == "2024-03-01"
    assert pyhibp.get_single_breach(breach_name="Nothing") == {}
    assert "Email addresses" in pyhibp.get_data_classes()
    monkeypatch.setitem(pyhibp.pyHIBP_HEADERS, "hibp-api-key", "wrong")
    with pytest.raises(RuntimeError, match="401"):
        pyhibp.get_account_breaches(account=email)


def test_the_last_range_is_answered(world: dict[str, Any]) -> None:
    for prefix in ("FFFFFF", "ffffff", "FFFFFE"):  # (FFFFFF + 1) << 40 overflowed 64 bits: a 500
        answer = _get(world, f"/api/v3/breachedaccount/range/{prefix}")
        assert answer.status_code == 200 and isinstance(answer.json(), list)


def test_accounts_never_reach_the_access_log(world: dict[str, Any]) -> None:
    import logging

    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    access = logging.getLogger("uvicorn.access")
    handler, level = Keep(), access.level
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        email, phone = world["dump"].emails[1], world["dump"].phones[1]
        assert _get(world, f"/api/v3/breachedaccount/{email}", "general").status_code == 200
        assert _get(world, f"/api/v3/breachedaccount/{phone}", "general", truncateResponse="false").status_code == 200
        assert _get(world, "/api/v3/breachedaccount/range/ABCDEF").status_code == 200
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    logged = "\n".join(lines)
    assert logged.count("/api/v3/breachedaccount/[redacted]") == 2 and "/range/ABCDEF" in logged
    local, digits = email.split("@")[0].lower(), "".join(c for c in phone if c.isdigit())
    assert local not in logged.lower() and digits[1:] not in logged
