"""The lookup page in a real headless Chromium: with scripts on, the identifier never leaves the browser (only
a 6-character SHA-1 prefix is requested) and the result and advice are shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exposure_helpers import Dump

from breachlens.exposure.ingest import index_file
from breachlens.exposure.normalise import normalise_email, sha1_hex
from breachlens.exposure.service import ExposureService, Limits
from breachlens.model import Breach

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (`make test` installs it)")
def test_scripts_on_send_only_the_hash_prefix(dump: Dump, serve: Callable[..., Any]) -> None:
    from playwright.sync_api import sync_playwright

    index_file(dump.path, Breach(name="FranceTravail", title="France Travail"), public=True, sector="recruitment",
               workers=1)
    server = serve(ExposureService(limits=Limits(key_rate=1000, ip_rate=1000)))
    email = dump.emails[3]
    normalised = normalise_email(email)
    assert normalised is not None
    sent: list[tuple[str, str, str | None]] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.on("request", lambda r: sent.append((r.method, r.url, r.post_data)))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(server.url + "/lookup?lang=fr")
        page.fill("#identifier", f"  {email.upper()} ")
        page.click("button[type=submit]")
        page.wait_for_url("**/lookup/result?**")
        text = page.inner_text("body")
        browser.close()
    assert not problems, problems
    assert "Trouvé dans 1 fuite(s)" in text and "France Travail" in text and "Ne donnez jamais un code" in text
    assert ("GET", f"{server.url}/api/v3/breachedaccount/range/{sha1_hex(normalised)[:6]}", None) in sent
    assert not any(method == "POST" for method, _, _ in sent)
    local = normalised.split("@")[0].lower()
    assert not any(local in url.lower() or (body and local in body.lower()) for _, url, body in sent)
