"""`breachlens serve` is one server for every part: the dashboard's API keeps its error shape, the
HIBP-compatible API under /api/v3 keeps the public service's, and the lookup page and feeds answer beside them."""

from __future__ import annotations

import httpx
from web_site import Site


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
    feed = httpx.get(site.url + "/feeds/incidents.atom")
    assert feed.status_code == 200 and "application/atom+xml" in feed.headers["content-type"]
    assert feed.text.count("<entry>") >= 1
