"""Fixtures of the ingest tests: a folder of posts written with Faker."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_posts import make_posts


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    make_posts(tmp_path / "posts", 12)
    return tmp_path / "posts"
