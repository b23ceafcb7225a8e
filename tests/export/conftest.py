"""A store of three ingested incidents, built once for the export tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from corpus import build

from breachlens.model import Incident
from breachlens.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("export")
    built = build(folder / "posts", f"sqlite:///{folder / 'breachlens.db'}")
    yield built
    built.close()


@pytest.fixture(scope="module")
def incidents(store: Store) -> list[Incident]:
    return [row.incident for row in store.incidents(limit=None)]
