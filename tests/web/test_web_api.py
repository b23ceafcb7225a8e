"""The REST API and the pages in process: auth, roles, CSRF, the one error shape, filters, triage that survives
re-analysis and re-clustering, full-text search kept in sync, escaping and the security headers."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_posts import build_database
from web_site import PASSWORD, csrf_of, make_users

from breachlens.ingest import ingest, rebuild_incidents
from breachlens.store import Store
from breachlens.web.app import CSP, create_app
from breachlens.web.auth import SignInGuard


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One database filled by the real ingest, copied for each test (each test changes its copy)."""
    home = tmp_path_factory.mktemp("web-api")
    database = build_database(home, posts=8)
    tokens = make_users(database)
    with Store(database) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return home / "breachlens.db", tokens


@pytest.fixture
def env(template: tuple[Path, dict[str, str]], tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    source, tokens = template
    shutil.copyfile(source, tmp_path / "breachlens.db")
    database = f"sqlite:///{tmp_path / 'breachlens.db'}"
    with TestClient(create_app(database)) as client:
        yield client, tokens, database


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def signed_in(client: TestClient, name: str) -> str:
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf": csrf_of(page.text)},
                           follow_redirects=False)
    assert response.status_code == 303
    return csrf_of(client.get("/").text)


def error_shape(body: dict[str, object], status: int) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert error["status"] == status and isinstance(error["code"], str) and error["message"]


@pytest.mark.parametrize(("path", "status"), [
    ("/api/incidents", 401), ("/api/incidents/1", 401), ("/api/claims", 401), ("/api/statistics", 401),
])
def test_api_needs_a_caller_and_answers_the_error_shape(env: tuple[TestClient, dict[str, str], str], path: str,
                                                        status: int) -> None:
    client, _, _ = env
    response = client.get(path)
    assert response.status_code == status
    error_shape(response.json(), status)
    assert client.get(path, headers=bearer("bl_wrong")).status_code == 401


def test_every_error_path_has_the_one_shape(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, _ = env
    auth = bearer(tokens["ana"])
    cases = [("get", "/api/incidents/999999", 404, None), ("get", "/api/incidents/0", 422, None),
             ("get", "/api/incidents?per_page=1000", 422, None), ("get", "/api/claims/abc", 422, None),
             ("get", "/api/documents/nothex", 422, None), ("get", "/api/documents/" + "0" * 64, 404, None),
             ("get", "/api/no-such-route", 404, None), ("delete", "/api/incidents", 405, None),
             ("post", "/api/incidents/1/status", 422, {"status": "maybe"}),
             ("get", "/api/incidents/1/report?format=doc", 422, None)]
    for method, path, status, body in cases:
        response = client.request(method, path, headers=auth, json=body)
        assert response.status_code == status, path
        error_shape(response.json(), status)
    viewer = client.post("/api/incidents/1/status", headers=bearer(tokens["vic"]), json={"status": "confirmed"})
    assert viewer.status_code == 403
    error_shape(viewer.json(), 403)


def test_incidents_are_paginated_and_filtered(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, _ = env
    auth = bearer(tokens["vic"])
    everything = client.get("/api/incidents?per_page=200", headers=auth).json()
    assert everything["total"] == len(everything["items"]) >= 3
    seen = [item["first_seen"] for item in everything["items"]]
    assert seen == sorted(seen, reverse=True)  # newest first
    first = client.get("/api/incidents?per_page=2&page=1", headers=auth).json()
    second = client.get("/api/incidents?per_page=2&page=2", headers=auth).json()
    assert len(first["items"]) == 2 and first["pages"] == (everything["total"] + 1) // 2
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})
    country = everything["items"][0]["victim"]["country"]
    filtered = client.get(f"/api/incidents?country={country}&per_page=200", headers=auth).json()
    assert filtered["items"] and all(i["victim"]["country"] == country for i in filtered["items"])
    assert filtered["total"] < everything["total"] or len({i["victim"]["country"] for i in everything["items"]}) == 1
    claims = client.get("/api/claims?per_page=3", headers=auth).json()
    assert claims["total"] >= 8 and len(claims["items"]) == 3


def test_full_text_search_follows_new_claims(env: tuple[TestClient, dict[str, str], str], tmp_path: Path) -> None:
    client, tokens, database = env
    auth = bearer(tokens["vic"])
    assert client.get("/api/incidents?q=Quuxcorp", headers=auth).json()["total"] == 0
    post = tmp_path / "new" / "post.txt"
    post.parent.mkdir()
    post.write_text("Selling Quuxcorp Telecom database, 90,000 lines: emails, phone numbers. Price 700$.",
                    encoding="utf-8")
    with Store(database) as store:
        ingest(str(post.parent), store)
        rebuild_incidents(store)
    found = client.get("/api/incidents?q=quuxcorp", headers=auth).json()
    assert found["total"] == 1 and found["items"][0]["victim"]["name"].startswith("Quuxcorp")
    assert client.get("/api/incidents?q=quux", headers=auth).json()["total"] == 1  # prefixes match
    assert client.get('/api/incidents?q="unbalanced AND (', headers=auth).status_code == 200


def test_status_and_notes_need_csrf_with_a_cookie(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, _, _ = env
    csrf = signed_in(client, "ana")
    assert client.post("/incidents/1/status", data={"status": "confirmed"}, follow_redirects=False).status_code == 403
    assert client.post("/api/incidents/1/status", json={"status": "confirmed"}).status_code == 403
    done = client.post("/incidents/1/status", data={"status": "confirmed", "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    api = client.post("/api/incidents/1/notes", json={"text": "called the DPO"}, headers={"X-CSRF-Token": csrf})
    assert api.status_code == 201
    incident = client.get("/api/incidents/1").json()
    assert incident["status"] == "confirmed" and incident["notes"][0]["text"] == "called the DPO"


def test_viewer_sees_no_triage_forms_and_cannot_post(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, _, _ = env
    csrf = signed_in(client, "vic")
    page = client.get("/incidents/1").text
    assert "/status" not in page and "Save correction" not in page
    refused = client.post("/incidents/1/status", data={"status": "resolved", "csrf": csrf}, follow_redirects=False)
    assert refused.status_code == 403


def test_sign_in_refuses_a_wrong_password_and_sets_strict_cookies(env: tuple[TestClient, dict[str, str], str]
                                                                  ) -> None:
    client, _, _ = env
    page = client.get("/login")
    wrong = client.post("/login", data={"name": "ana", "password": "nope-nope", "csrf": csrf_of(page.text)})
    assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    page = client.get("/login")
    right = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": csrf_of(page.text),
                                        "next": "//evil.example/"}, follow_redirects=False)
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert right.headers["location"] == "/"  # no open redirect
    assert client.get("/login", follow_redirects=False).status_code == 200
    forged = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": "forged"})
    assert forged.status_code == 403


def test_an_account_tried_too_often_is_refused_even_with_its_password(
        env: tuple[TestClient, dict[str, str], str], caplog: pytest.LogCaptureFixture) -> None:
    client, _, _ = env
    for _ in range(SignInGuard.ACCOUNT_BURST):
        page = client.get("/login")
        assert client.post("/login", data={"name": "ana", "password": "nope-nope",
                                           "csrf": csrf_of(page.text)}).status_code == 401
    page = client.get("/login")
    with caplog.at_level("WARNING", logger="breachlens.web"):
        held = client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": csrf_of(page.text)},
                           follow_redirects=False)
    assert held.status_code == 429 and 1 <= int(held.headers["retry-after"]) <= SignInGuard.ACCOUNT_EVERY
    assert "Too many failed sign-ins" in held.text and csrf_of(held.text)  # a new form to try again with
    assert "'ana'" in caplog.text and PASSWORD not in caplog.text
    signed_in(client, "vic")  # other accounts are not held


def test_pages_redirect_to_sign_in_and_carry_the_csp(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, _, _ = env
    response = client.get("/statistics", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert response.headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP
    signed_in(client, "vic")
    for path in ("/", "/statistics", "/sources", "/incidents/1", "/incidents/1?lang=fr", "/actors/x", "/venues/y"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-security-policy"] == CSP
        assert "<script>" not in page.text and " style=" not in page.text and "onclick" not in page.text
    stats = client.get("/statistics").text
    assert stats.count("<svg") >= 5


def test_corrections_survive_reanalysis_and_reclustering(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, database = env
    auth = bearer(tokens["ana"])
    claim = client.get("/api/claims/1", headers=auth).json()
    fixed = client.post("/api/claims/1/corrections", headers=auth, json={"field": "records", "value": "123,456"})
    assert fixed.status_code == 201 and fixed.json()["original"] == claim["claim"]["records"]
    bad = client.post("/api/claims/1/corrections", headers=auth, json={"field": "victim.country", "value": "France"})
    assert bad.status_code == 400
    error_shape(bad.json(), 400)
    with Store(database) as store:  # re-analysis replaces the claim (same row, same id); then re-clustering
        stored = store.claim(1)
        assert stored is not None
        document = store.document(stored.claim.document_id or "")
        assert document is not None
        store.save(document, stored.claim.model_copy(update={"actor": "someone-else"}), extractor_version="next")
        rebuild_incidents(store)
    again = client.get("/api/claims/1", headers=auth).json()
    assert again["claim"]["actor"] == "someone-else"  # re-analysed
    assert again["corrected"]["records"] == 123456 and again["corrections"][0]["field"] == "records"
    incident = client.get(f"/api/incidents/{again['incident_id']}", headers=auth).json()
    assert 123456 in incident["records_range"]
    signed_in(client, "ana")
    page = client.get(f"/incidents/{again['incident_id']}").text
    assert "corrected by ana" in page


def test_merge_and_split_survive_reclustering(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, database = env
    csrf = signed_in(client, "ana")
    items = client.get("/api/incidents?per_page=200").json()["items"]
    first, second = items[0], items[1]
    client.post(f"/incidents/{first['id']}/status", data={"status": "investigating", "csrf": csrf})
    merged = client.post(f"/incidents/{first['id']}/merge", data={"other": str(second["id"]), "csrf": csrf},
                         follow_redirects=False)
    assert merged.status_code == 303
    target = int(merged.headers["location"].rsplit("/", 1)[1])
    incident = client.get(f"/api/incidents/{target}").json()
    assert incident["claims"] == first["claims"] + second["claims"]
    assert incident["status"] == "investigating"  # the triage status follows the merge
    with Store(database) as store:
        rebuild_incidents(store)
    assert client.get(f"/api/incidents/{target}").json()["claims"] == first["claims"] + second["claims"]
    claim_ids = incident["incident"]["claim_ids"]
    split = client.post(f"/incidents/{target}/split", data={"claim": [str(claim_ids[0])], "csrf": csrf},
                        follow_redirects=False)
    assert split.status_code == 303
    with Store(database) as store:
        rebuild_incidents(store)
    alone = client.get(f"/api/claims/{claim_ids[0]}").json()["incident_id"]
    rest = client.get(f"/api/claims/{claim_ids[1]}").json()["incident_id"]
    assert alone != rest
    assert client.get(f"/api/incidents/{alone}").json()["claims"] == 1


def test_reports_download_in_every_format(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, _ = env
    auth = bearer(tokens["vic"])
    md = client.get("/api/incidents/1/report?format=md&lang=fr", headers=auth)
    assert md.status_code == 200 and md.text.startswith("# Incident 1") and "attachment" in md.headers[
        "content-disposition"]
    html = client.get("/api/incidents/1/report?format=html", headers=auth)
    assert html.text.lstrip().lower().startswith("<!doctype html>")
    pdf = client.get("/api/incidents/1/report?format=pdf", headers=auth)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_statistics_and_documents(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, _ = env
    auth = bearer(tokens["vic"])
    stats = client.get("/api/statistics", headers=auth).json()
    assert stats["incidents"] >= 3 and sum(w["incidents"] for w in stats["per_week"]) == stats["incidents"]
    assert len(stats["per_week"]) > 1  # the posts were seen over several weeks
    claim = client.get("/api/claims/1", headers=auth).json()
    document = client.get(f"/api/documents/{claim['claim']['document_id']}", headers=auth).json()
    assert claim["claim"]["evidence"][0]["text"] in document["text"]


def test_merge_and_split_through_the_api(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, tokens, _ = env
    auth = bearer(tokens["ana"])
    items = client.get("/api/incidents?per_page=200", headers=auth).json()["items"]
    a, b = items[0], items[1]
    assert client.post(f"/api/incidents/{a['id']}/merge", headers=auth, json={"other": a["id"]}).status_code == 400
    merged = client.post(f"/api/incidents/{a['id']}/merge", headers=auth, json={"other": b["id"]}).json()["id"]
    incident = client.get(f"/api/incidents/{merged}", headers=auth).json()
    assert incident["claims"] == a["claims"] + b["claims"]
    first = incident["incident"]["claim_ids"][0]
    split = client.post(f"/api/incidents/{merged}/split", headers=auth, json={"claim_ids": [first]}).json()
    assert split["id"] != split["new"]
    assert client.get(f"/api/incidents/{split['new']}", headers=auth).json()["claims"] == 1
    whole = client.post(f"/api/incidents/{split['id']}/split", headers=auth,
                        json={"claim_ids": client.get(f"/api/incidents/{split['id']}", headers=auth)
                              .json()["incident"]["claim_ids"]})
    assert whole.status_code == 400
    error_shape(whole.json(), 400)


def test_hibp_paths_keep_their_own_error_shapes(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, _, _ = env
    response = client.get("/api/v3/no-such-route-here")
    assert response.status_code == 404
    assert "error" not in response.json()  # not our shape: /api/v3/ belongs to the HIBP-compatible API


def test_a_non_ascii_csrf_token_is_refused_not_a_crash(env: tuple[TestClient, dict[str, str], str]) -> None:
    client, _, _ = env
    page = client.get("/login")
    assert client.post("/login", data={"name": "ana", "password": PASSWORD, "csrf": "é"}).status_code == 403
    assert "breachlens_login" in client.cookies and csrf_of(page.text)
    signed_in(client, "ana")
    form = client.post("/incidents/1/notes", data={"text": "x", "csrf": "é"}, follow_redirects=False)
    assert form.status_code == 403
    api = client.post("/api/incidents/1/notes", json={"text": "x"}, headers={"X-CSRF-Token": b"\xe9t\xe9"})
    assert api.status_code == 403
    error_shape(api.json(), 403)


@pytest.mark.parametrize("q", ["\x00", "a\x00b", '"\x00"'])
def test_search_with_a_nul_character_is_no_server_error(env: tuple[TestClient, dict[str, str], str], q: str) -> None:
    client, tokens, _ = env
    response = client.get("/api/incidents", params={"q": q}, headers=bearer(tokens["vic"]))
    assert response.status_code == 200, response.text  # was 503, its message naming the database's path
    assert response.json()["total"] >= 0
