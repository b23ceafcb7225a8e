"""The dashboard in a real headless Chromium over a real ``breachlens serve``: sign in, filter the feed, search,
open an incident and see its evidence highlighted, change its status, download the PDF report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from web_browser import browser, needs_chromium, open_page, shot, sign_in_page  # noqa: F401 (fixture)
from web_site import PASSWORD, Site

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def session(browser: Any, site: Site) -> Iterator[tuple[Any, Any]]:  # noqa: F811
    context, page, watch = open_page(browser, site.url)
    sign_in_page(page, "ana", PASSWORD)
    yield page, watch
    context.close()


def test_sign_in_lands_on_the_feed(session: tuple[Any, Any]) -> None:
    page, watch = session
    page.goto("/")
    assert page.locator("table.incidents tbody tr").count() >= 5
    assert page.locator("header.top .user").inner_text().startswith("ana")
    shot(page, "feed")
    watch.clean()


def test_wrong_password_is_refused(browser: Any, site: Site) -> None:  # noqa: F811
    context, page, watch = open_page(browser, site.url)
    page.goto("/incidents/1")  # sends to the sign-in page
    assert "/login" in page.url
    shot(page, "login")
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", "not-the-password")
    page.click("button[type=submit]")
    assert page.locator(".alert").inner_text() == "Wrong name or password."
    context.close()
    watch.problems = [p for p in watch.problems if "401" not in p]  # the refused sign-in answers 401
    watch.clean()


def test_filter_the_feed_by_country_and_search(session: tuple[Any, Any]) -> None:
    page, watch = session
    page.goto("/")
    options = page.locator("select[name=country] option").all_inner_texts()
    code = options[1].split(" ")[0]
    with page.expect_navigation():
        page.select_option("select[name=country]", code)  # the menu applies at once (app.js)
    assert f"country={code}" in page.url
    cells = page.locator("table.incidents tbody tr td:nth-child(3)").all_inner_texts()
    assert cells and set(cells) == {code}
    victim = page.locator("a.victim").first.inner_text()
    page.goto("/")
    page.fill("input[name=q]", victim.split()[0].lower())
    page.click("form.search button")
    page.wait_for_url("**q=*")
    assert victim in page.locator("a.victim").all_inner_texts()
    watch.clean()


def test_incident_shows_evidence_and_triage_changes_status(session: tuple[Any, Any]) -> None:
    page, watch = session
    page.goto("/")
    page.locator("a.victim").first.click()
    page.wait_for_url("**/incidents/*")
    marks = page.locator("pre.source mark.ev")
    assert marks.count() >= 3
    colour = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour == "rgb(255, 233, 138)"  # the stylesheet loaded and highlights
    assert page.locator("pre.source").first.inner_text().count(marks.first.inner_text()) >= 1
    assert page.locator("section.card h2", has_text="Severity").count() == 1
    assert page.locator("section.card h2", has_text="Credibility").count() == 1
    shot(page, "incident")
    page.select_option("#status-select", "confirmed")
    page.click("#status-form button")
    page.wait_for_load_state()
    assert page.locator(".badges .status").inner_text() == "confirmed"
    page.click("a.lang:has-text('Français')")
    page.wait_for_url("**lang=fr")
    assert page.locator("section.report").get_attribute("lang") == "fr"
    with page.expect_download() as info:
        page.click("#download-pdf")
    path = info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert info.value.suggested_filename.endswith("-fr.pdf")
    watch.clean()


def test_other_pages_render(session: tuple[Any, Any]) -> None:
    page, watch = session
    page.goto("/statistics")
    assert page.locator("svg.chart").count() == 5
    assert page.locator("svg.columns rect.bar").count() >= 2
    shot(page, "statistics")
    page.goto("/sources")
    assert page.locator(".health.ok").count() == 1 and page.locator(".health.bad").count() == 1
    assert "connection refused" in page.locator("td.error").all_inner_texts()[-1]
    shot(page, "sources")
    page.goto("/")
    page.locator("table.incidents a[href^='/actors/']").first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("ol.timeline li").count() >= 1
    shot(page, "actor")
    watch.clean()
