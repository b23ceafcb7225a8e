"""Profiling batches in parallel: on this machine's cores (a process pool), or on a Dask cluster for samples one
machine cannot profile fast enough.

The client reads the file and sends each batch to the cluster, where :func:`profile_batch` runs; the batch
profiles come back and merge (the merge is associative, so the order they finish in does not matter). At most
``window`` batches are in flight, so memory stays bounded on both sides. The workers receive the installation
secret to compute keyed hashes: use a cluster you trust with the data itself.

Example::

    rest = profile_on_cluster("tcp://scheduler:8786", batches, plan, secret)
    rest = profile_locally(batches, plan, secret, workers=2)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from breachlens.errors import ConfigurationError

if TYPE_CHECKING:
    import polars as pl

    from breachlens.samples.profile import BatchProfile, ColumnPlan

__all__ = ["profile_locally", "profile_on_cluster"]


def profile_on_cluster(address: str, batches: Iterable[pl.DataFrame], plan: Sequence[ColumnPlan], secret: bytes,
                       *, window: int | None = None) -> BatchProfile | None:
    """Profile ``batches`` on the Dask scheduler at ``address``; the merged profile, or None without batches."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - the dev and dask extras install it
        raise ConfigurationError("Dask is not installed", input="--dask",
                                 hint="pip install 'dask[distributed]'") from exc
    from breachlens.samples.profile import profile_batch

    try:
        client = Client(address, timeout="15s")
    except (OSError, TimeoutError) as exc:
        raise ConfigurationError(f"cannot reach the Dask scheduler: {exc}", input=address,
                                 hint="is the scheduler running, and is the address tcp://HOST:PORT?") from exc
    from breachlens.samples.profile import Merger

    merger = Merger()
    with client:
        limit = window or max(2, 2 * sum(client.nthreads().values()))
        pending = as_completed()
        in_flight = 0
        for index, batch in enumerate(batches, start=1):
            pending.add(client.submit(profile_batch, batch, list(plan), secret, index=index, pure=False))
            in_flight += 1
            while in_flight >= limit:
                merger.add(next(pending).result())
                in_flight -= 1
        for future in pending:
            merger.add(future.result())
    return merger.result()


def profile_locally(batches: Iterable[pl.DataFrame], plan: Sequence[ColumnPlan], secret: bytes, *,
                    workers: int) -> BatchProfile | None:
    """Profile ``batches`` in ``workers`` processes of this machine; the merged profile, or None without batches.

    The processes are spawned, not forked (polars' thread pool does not survive a fork), so each pays an import
    once: worth it from the second batch of a large file on, which is when this is called. At most two batches per
    worker are in flight, so memory stays bounded."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from breachlens.samples.profile import Merger, profile_batch

    merger = Merger()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: set[Future[BatchProfile]] = set()
        for index, batch in enumerate(batches, start=1):
            pending.add(pool.submit(profile_batch, batch, list(plan), secret, index=index))
            while len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    merger.add(future.result())
        for future in pending:
            merger.add(future.result())
    return merger.result()
