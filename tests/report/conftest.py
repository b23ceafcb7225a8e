"""Fixtures of the report tests: country, authority and sector knowledge pinned for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from report_fixtures import FIXTURES

from breachlens.report import rules


@pytest.fixture(autouse=True)
def pinned_knowledge(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Country, authority and sector knowledge fixed for every report test (see report_fixtures.py)."""
    monkeypatch.setattr(rules, "_optional", FIXTURES.get)
    yield
