"""A corpus of XSS payloads (script tags, event handlers, javascript: URLs, SVG, CSS, attribute breakouts,
template syntax) ingested as forum posts and leak-site posts, then every page shown in a real headless Chromium:
not one script may run, not one dialog open, not one console error appear (a CSP refusal is one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from web_browser import browser, needs_chromium, open_page, shot, sign_in_page  # noqa: F401 (fixture)
from web_posts import XSS
from web_site import PASSWORD, Site

pytestmark = needs_chromium
XSS_POSTS = True  # the ``site`` fixture ingests the XSS corpus for this module

INJECTED = ("[onerror], [onload], [onmouseover], [onfocus], [onclick], iframe, object, embed, "
            "a[href^='javascript'], [style]:not([style='']), body svg script")


@pytest.fixture(scope="module")
def session(browser: Any, site: Site) -> Iterator[tuple[Any, Any]]:  # noqa: F811
    context, page, watch = open_page(browser, site.url)
    sign_in_page(page, "ana", PASSWORD)
    yield page, watch
    context.close()


def inert(page: Any) -> None:
    """No element the payloads could have made, and only our own script."""
    found = page.eval_on_selector_all(INJECTED, "nodes => nodes.map(n => n.outerHTML.slice(0, 200))")
    assert not found, f"{page.url}: {found}"
    scripts = page.eval_on_selector_all("script", "nodes => nodes.map(n => n.getAttribute('src'))")
    assert scripts == ["/static/app.js"], page.url


def test_every_page_shows_the_payloads_as_text(session: tuple[Any, Any], site: Site) -> None:
    page, watch = session
    page.goto("/?q=Corp")
    assert page.locator("a.victim").count() >= 5
    text = page.locator("main").inner_text()
    assert "<script>alert('xss-script')</script> Corp 0" in text  # shown, as text
    shot(page, "xss-feed")
    inert(page)
    visited = 0
    links: set[str] = set()
    for feed_page in range(1, 4):
        page.goto(f"/?page={feed_page}")
        inert(page)
        hrefs = page.eval_on_selector_all("a", "nodes => nodes.map(n => n.getAttribute('href'))")
        links |= {h for h in hrefs if h and h.startswith(("/incidents/", "/actors/", "/venues/"))}
    assert len([h for h in links if h.startswith("/actors/")]) >= 5
    for href in sorted(links):
        page.goto(href)
        inert(page)
        visited += 1
        if href.startswith("/incidents/") and visited < 60:
            page.goto(href + "?lang=fr")
            inert(page)
    for path in ("/statistics", "/sources", "/?q=" + quote("<script>"), "/actors/" + quote(XSS[1], safe=""),
                 "/venues/" + quote(XSS[0], safe="")):
        page.goto(path)
        inert(page)
    assert visited >= 20
    watch.clean()


def test_an_incident_with_payloads_keeps_its_evidence_inert(session: tuple[Any, Any]) -> None:
    page, watch = session
    page.goto("/?q=onfocus")
    hrefs = page.eval_on_selector_all("a.victim", "nodes => nodes.map(n => n.getAttribute('href'))")
    for href in hrefs:  # an incident whose source text kept its markup (the others were HTML, made text)
        page.goto(href)
        source = " ".join(page.locator("pre.source").all_inner_texts())
        if "<input" in source:
            break
    assert "<input" in source and "onfocus=alert" in source
    assert page.locator("pre.source mark.ev").count() >= 1
    shot(page, "xss-incident")
    inert(page)
    page.fill("textarea[name=text]", "<img src=x onerror=alert('note')> analyst note")
    page.click("text=Add note")
    page.wait_for_load_state()
    assert "<img src=x onerror=alert('note')> analyst note" in page.locator("ul.notes").inner_text()
    inert(page)
    watch.clean()
