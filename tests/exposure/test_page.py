"""The public lookup page of a real uvicorn: it works with no script (form posted to the server), shows breaches and
advice in English and French, escapes what it shows, and its script only ever sends a 6-character hash prefix."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from exposure_helpers import Dump

from breachlens.exposure.ingest import index_file
from breachlens.exposure.service import ExposureService, Limits
from breachlens.model import Breach


@pytest.fixture
def site(dump: Dump, serve: Callable[..., Any]) -> dict[str, Any]:
    index_file(dump.path, Breach(name="FranceTravail", title="France <b>Travail</b>", breach_date="2024-03-01"),
               public=True, sector="recruitment", workers=1)
    index_file(dump.path, Breach(name="Private", title="Private"), workers=1)  # not public: never on the page
    server = serve(ExposureService(limits=Limits(key_rate=1000, ip_rate=1000)))
    return {"url": server.url, "dump": dump}


def test_the_form_works_without_scripts(site: dict[str, Any]) -> None:
    page = httpx.get(site["url"] + "/lookup")
    assert page.status_code == 200 and '<form id="lookup" method="post" action="/lookup">' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    found = httpx.post(site["url"] + "/lookup", data={"identifier": site["dump"].emails[4], "lang": "en"})
    assert found.status_code == 200 and "Found in 1 breach(es)" in found.text
    assert "France &lt;b&gt;Travail&lt;/b&gt;" in found.text and "<b>Travail</b>" not in found.text
    assert "Private" not in found.text and "never give a code" in found.text.lower()
    assert site["dump"].emails[4] not in found.text  # the identifier is not echoed back


def test_french_and_not_found(site: dict[str, Any]) -> None:
    found = httpx.post(site["url"] + "/lookup", data={"identifier": site["dump"].phones[3], "lang": "fr"})
    assert "Trouvé dans 1 fuite(s)" in found.text and "Ne donnez jamais un code" in found.text
    missing = httpx.post(site["url"] + "/lookup", data={"identifier": "nobody@nowhere.example"})
    assert missing.status_code == 200 and "Not found in the breaches published here" in missing.text


@pytest.mark.parametrize("data", [{"identifier": "garbage"}, {"identifier": ""}, {}, {"identifier": "x" * 5000}])
def test_bad_input_is_a_clear_400(site: dict[str, Any], data: dict[str, str]) -> None:
    answer = httpx.post(site["url"] + "/lookup", data=data)
    assert answer.status_code == 400 and "neither a valid e-mail address nor a valid phone number" in answer.text


def test_a_binary_body_is_a_clear_400(site: dict[str, Any]) -> None:
    answer = httpx.post(site["url"] + "/lookup", content=b"\xff\xfe\x00garbage",
                        headers={"content-type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 400


def test_the_script_path_shows_breaches_by_name(site: dict[str, Any]) -> None:
    shown = httpx.get(site["url"] + "/lookup/result", params=[("b", "FranceTravail"), ("b", "Private"),
                                                               ("lang", "fr")])
    assert "Trouvé dans 1 fuite(s)" in shown.text and "Private" not in shown.text
    script = httpx.get(site["url"] + "/lookup/lookup.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "crypto.subtle.digest(\"SHA-1\"" in script.text and "hash.slice(0, 6)" in script.text
    # the script sends nothing but the range prefix and breach names
    assert re.findall(r'fetch\(([^)]*)\)', script.text) == ['"/api/v3/breachedaccount/range/" + hash.slice(0, 6']


def test_the_page_is_packaged_beside_the_router() -> None:
    from breachlens.exposure import api

    here = Path(api.__file__).parent
    assert (here / "templates" / "lookup.html").is_file() and (here / "static" / "lookup.js").is_file()
