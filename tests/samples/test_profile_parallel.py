"""The parts of a batch profile run in threads and share work: the shortcuts must give what the plain way gives."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from breachlens.samples.checks import Shared
from breachlens.samples.fingerprint import drop_repeats
from breachlens.samples.profile import (
    DETAIL_EVERY,
    _Ahead,
    _bottom_k,
    _bottom_k_fast,
    _share,
    _union_runs,
    plan_columns,
    profile_batch,
)
from breachlens.samples.synth import SynthOptions, synthesize

SECRET = b"s" * 32


@pytest.fixture(scope="module")
def frame(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    path: Path = tmp_path_factory.mktemp("parallel") / "people.csv"
    synthesize(path, SynthOptions(rows=4000, seed=21))
    return pl.read_csv(path, infer_schema=False)


def test_repeated_values_checked_once_count_as_every_row(frame: pl.DataFrame) -> None:
    plan = plan_columns(frame)
    repeating = {c.kind for c in plan if c.repeats}
    assert {"civility", "first_name"} <= repeating  # (postal codes repeat too, in batches larger than this)
    assert not {c.kind for c in plan if c.repeats} & {"email", "nir", "iban"}  # identifiers do not
    row_by_row = [dataclasses.replace(c, repeats=False) for c in plan]
    fast = profile_batch(frame, plan, SECRET, first=True)
    plain = profile_batch(frame, row_by_row, SECRET, first=True)
    for a, b in zip(fast.columns, plain.columns, strict=True):
        assert (a.rows, a.filled, a.matched, a.valid, a.distinct()) == (b.rows, b.filled, b.matched, b.valid,
                                                                         b.distinct())
        assert a.examples == b.examples  # the first valid values in file order, either way
    assert {k: (t.checked, t.failed) for k, t in fast.tallies.items()} == \
        {k: (t.checked, t.failed) for k, t in plain.tallies.items()}


def test_statistics_are_sampled_on_some_batches_only(frame: pl.DataFrame) -> None:
    plan = plan_columns(frame)
    sampled = profile_batch(frame, plan, SECRET, index=DETAIL_EVERY)
    skipped = profile_batch(frame, plan, SECRET, index=1)
    phone = next(i for i, c in enumerate(plan) if c.kind == "phone")
    assert sum(sampled.columns[phone].subtypes.values()) > 0 and not skipped.columns[phone].subtypes
    assert "email_pattern" in sampled.tallies and "email_pattern" not in skipped.tallies
    assert skipped.columns[phone].valid == sampled.columns[phone].valid  # validity is counted on every batch
    assert skipped.tallies["nir_birth"].checked == sampled.tallies["nir_birth"].checked


def test_shares_of_subtypes_never_round_a_present_kind_to_nothing() -> None:
    assert _share(3, 1000) == "<1%"
    assert _share(0, 1000) == "0%"
    assert _share(500, 1000) == "50%"


def test_shared_work_is_computed_once_whatever_the_threads() -> None:
    shared = Shared()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(shared.once("k", slow))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 4 and len(calls) == 1


def test_reading_ahead_passes_the_readers_error_at_its_batch() -> None:
    def batches() -> Iterator[pl.DataFrame]:
        yield pl.DataFrame({"a": [1]})
        yield pl.DataFrame({"a": [2]})
        raise ValueError("line 3: broken")

    ahead = _Ahead(batches())
    seen = []
    with pytest.raises(ValueError, match="line 3"):
        for batch in ahead:
            seen.append(batch["a"][0])
    ahead.close()
    assert seen == [1, 2]


def test_reading_ahead_stops_when_the_consumer_does() -> None:
    def endless() -> Iterator[pl.DataFrame]:
        while True:
            yield pl.DataFrame({"a": [0]})

    ahead = _Ahead(endless())
    next(iter(ahead))
    ahead.close()  # returns: the reading thread does not wait forever on a full queue
    assert not ahead._thread.is_alive()


@pytest.mark.parametrize("distinct", [200_000, 3_000, 1_500, 20_000, 2_047, 2_048, 5, 1])
def test_the_fast_bottom_k_sketch_is_the_bottom_k(distinct: int) -> None:
    rng = np.random.default_rng(distinct)
    values = rng.integers(0, 2**64 - 1, distinct, dtype=np.uint64, endpoint=True)
    hashes = np.repeat(values, max(1, 200_000 // distinct))  # columns whose values repeat take the slow way
    rng.shuffle(hashes)
    assert np.array_equal(_bottom_k_fast(hashes), _bottom_k(hashes))


@pytest.mark.parametrize("size", [0, 1, 2, 3, 7, 8, 9, 50])
def test_repeats_are_dropped_in_place_across_chunks(size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("breachlens.samples.fingerprint._CHUNK", 4)  # runs of equal values across chunk borders
    rng = np.random.default_rng(size)
    ordered = np.sort(rng.integers(0, 5, size).astype(np.uint64))
    assert np.array_equal(drop_repeats(ordered.copy()), np.unique(ordered))


def test_mostly_repeated_values_do_not_keep_the_whole_array() -> None:
    ordered = np.repeat(np.arange(10, dtype=np.uint64), 100)
    distinct = drop_repeats(ordered)
    assert np.array_equal(distinct, np.arange(10, dtype=np.uint64)) and distinct.base is None  # a copy


def test_runs_unite_into_their_sorted_distinct_values() -> None:
    rng = np.random.default_rng(3)
    runs = [np.unique(rng.integers(0, 1000, 300).astype(np.uint64)) for _ in range(6)]
    expected = np.unique(np.concatenate(runs))
    assert np.array_equal(_union_runs(runs), expected)
