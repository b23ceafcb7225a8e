"""`breachlens serve` is one server for every part: the dashboard's API keeps its error shape, the
HIBP-compatible API under /api/v3 keeps the public service's, and the lookup page and feeds answer beside them."""

from __future__ import annotations

import httpx
from web_site import PASSWORD, Site, csrf_of


def test_the_hibp_api_is_served_with_its_own_status_and_body(site: Site) -> None:
    breaches = httpx.get(site.url + "/api/v3/breaches", headers={"user-agent": "tests"})
    assert breaches.status_code == 200 and breaches.json() == []
    missing_key = httpx.get(site.url + "/api/v3/breachedaccount/someone@example.org", headers={"user-agent": "tests"})
    assert missing_key.status_code == 401
    assert "error" not in missing_key.json()  # HIBP's body, not the dashboard's error shape
    assert missing_key.json()["statusCode"] == 401


def test_the_dashboard_api_keeps_its_error_shape(site: Site) -> None:
    answer = httpx.get(site.url + "/api/incidents")
    assert answer.status_code == 401
    assert answer.json()["error"]["status"] == 401


def test_the_lookup_page_and_the_feeds_are_served(site: Site) -> None:
    page = httpx.get(site.url + "/lookup")
    assert page.status_code == 200 and "<form" in page.text
    anonymous = httpx.get(site.url + "/feeds/incidents.atom", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")  # not public
    assert httpx.get(site.url + "/feeds/incidents.rss", headers={"Authorization": "Bearer bl_wrong"},
                     follow_redirects=False).status_code == 303
    feed = httpx.get(site.url + "/feeds/incidents.atom", headers={"Authorization": f"Bearer {site.tokens['vic']}"})
    assert feed.status_code == 200 and "application/atom+xml" in feed.headers["content-type"]
    assert feed.text.count("<entry>") >= 1


def test_a_private_feed_url_carries_its_token_for_feed_readers(site: Site) -> None:
    token = site.tokens["vic"]
    feed = httpx.get(site.url + f"/feeds/incidents.rss?token={token}&country=FR")
    assert feed.status_code == 200 and "<rss" in feed.text
    assert httpx.get(site.url + "/feeds/incidents.rss?token=bl_wrong", follow_redirects=False).status_code == 303
    # the token is accepted in the URL of the feeds only, never for the dashboard's API
    assert httpx.get(site.url + f"/api/incidents?token={token}").status_code == 401


def test_a_feed_token_never_reaches_the_access_log() -> None:
    import logging

    import breachlens.exposure.api  # noqa: F401  (installs the redacting filter on uvicorn's access log)

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/feeds/incidents.rss?token=bl_secret&country=FR", "1.1",
                                200), None)
    for log_filter in logging.getLogger("uvicorn.access").filters:
        assert not isinstance(log_filter, logging.Filter) or log_filter.filter(record)
    assert "bl_secret" not in record.getMessage() and "country=FR" in record.getMessage()


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(site: Site) -> None:
    with httpx.Client(base_url=site.url, headers={"X-Forwarded-Proto": "https",
                                                  "X-Forwarded-For": "203.0.113.9"}) as browser:
        page = browser.get("/login")
        signed = browser.post("/login", data={"name": "adm", "password": PASSWORD, "csrf": csrf_of(page.text)},
                              follow_redirects=False)
    assert signed.status_code == 303 and "secure" not in signed.headers["set-cookie"].lower()
