"""Every test runs with its own data directory, so no test reads or writes the user's breachlens state."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("breachlens-home")
    monkeypatch.setenv("BREACHLENS_HOME", str(home))
    monkeypatch.delenv("BREACHLENS_DB", raising=False)
    monkeypatch.delenv("BREACHLENS_KNOWLEDGE", raising=False)
    return home
