"""The report rules against the packaged knowledge files (skipped while a file is not there yet)."""

from __future__ import annotations

import importlib.util
import re

import pytest
from report_fixtures import REAL_OPTIONAL, severity

from breachlens.knowledge import HERE
from breachlens.model import Claim, ClaimType, Victim
from breachlens.report import rules
from breachlens.report.render import render

needs = pytest.mark.skipif(
    not all((HERE / f"{name}.yaml").is_file() for name in ("countries", "authorities", "sectors")),
    reason="countries.yaml, authorities.yaml or sectors.yaml not packaged yet",
)


@pytest.fixture
def packaged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "_optional", REAL_OPTIONAL)


@needs
@pytest.mark.usefixtures("packaged")
def test_packaged_fr_victim_gets_cnil() -> None:
    c = Claim(source="t", victim=Victim(name="Acme", country="FR"), data_categories=["email", "phone"])
    duties = {o.rule: o for o in rules.obligations(c, severity(), "en")}
    assert "obligation.gdpr.art33" in duties
    assert "CNIL" in (duties["obligation.gdpr.art33"].authority or "")
    us = Claim(source="t", victim=Victim(name="Acme", country="US"), data_categories=["email"])
    us_rules = {o.rule for o in rules.obligations(us, severity(), "en")}
    assert "obligation.us.states" in us_rules and "obligation.gdpr.art33" not in us_rules


@pytest.mark.skipif(
    importlib.util.find_spec("breachlens.assess.severity") is None, reason="severity engine not there yet"
)
@pytest.mark.usefixtures("packaged")
def test_assess_and_render_with_the_real_engine() -> None:
    from breachlens.assess import assess

    c = Claim(
        source="t",
        claim_type=ClaimType.sale,
        victim=Victim(name="France Travail", country="FR", sector="government"),
        records=22_000_000,
        data_categories=["address", "email", "employment", "name", "phone"],
    )
    for lang in ("en", "fr"):
        assessment = assess(c, lang=lang)
        for fmt in ("markdown", "html"):
            text = render(assessment, fmt)
            assert not re.search(r"\bNone\b|\{\w*\}", re.sub(r"<style>.*?</style>", "", text, flags=re.S))
