"""Shortcuts the reader takes for speed give what the plain way gives."""

from __future__ import annotations

import sys

import pytest

from breachlens.samples.memory import keep_freed_memory
from breachlens.samples.readers import _count


@pytest.mark.parametrize(("start", "end"), [(0, None), (5, 3_000_000), (1_000_003, None), (10, 20)])
def test_counting_a_byte_by_numpy_is_bytes_count(start: int, end: int | None) -> None:
    data = (b'a,"b\nc",d\n' * 400_000)[:3_999_991]
    for char in (b"\n", b'"', b","):
        assert _count(data, char, start, end) == data.count(char, start, len(data) if end is None else end)
    assert _count(data, b"\r\n") == data.count(b"\r\n")  # several bytes: bytes.count itself


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_freed_memory_is_kept_on_glibc() -> None:
    assert keep_freed_memory() is True
    assert keep_freed_memory() is True  # once; later calls answer the same
