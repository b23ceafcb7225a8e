"""The public surface of breachlens.sources and the examples in its docstrings."""

from __future__ import annotations

import doctest
import importlib
from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest

import breachlens.sources as sources
from breachlens.sources import Item

MODULES = ["_util", "files", "feeds", "http", "item", "ransomware", "telegram", "web"]


def test_public_names() -> None:
    assert sorted(sources.__all__) == ["ContentType", "FetchPolicy", "Fetched", "Item", "detect_kind", "fetch",
                                       "iter_items", "sniff_json"]
    for name in sources.__all__:
        assert getattr(sources, name) is not None


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"breachlens.sources.{name}")
    assert module.__doc__
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_item_is_frozen_and_utc() -> None:
    item = Item(text="x", source="s")
    with pytest.raises(FrozenInstanceError):
        item.text = "y"  # type: ignore[misc]
    with pytest.raises(ValueError, match="timezone-aware"):
        Item(text="x", source="s", published=datetime(2024, 1, 1))
