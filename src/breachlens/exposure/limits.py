"""Rate limits of the lookup service: one token bucket per API key and one per client address, in memory.

A bucket holds ``burst`` tokens and gains ``rate`` per second; a request takes one. An empty bucket answers how
long until the next token, which becomes the ``retry-after`` header of a 429. Buckets live in the process (each
uvicorn worker has its own, so N workers allow up to N times the rate); idle full buckets are dropped so an
enumeration from many addresses cannot grow memory without bound.

Example::

    limits = RateLimiter(rate=10, burst=20)
    limits.take("ip:203.0.113.5")     # 0.0 (allowed) or the seconds to wait
    limits.wait("ip:203.0.113.5")     # the same answer, without taking a token
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Token buckets by name (``key:k1a2b3c4``, ``ip:203.0.113.5``)."""

    MAX_BUCKETS = 100_000

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs rate > 0 and burst >= 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, name: str) -> float:
        """Take a token from ``name``'s bucket: 0.0 when allowed, else the seconds until one is there."""
        now = self._clock()
        with self._lock:
            tokens, when = self._buckets.get(name, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            if tokens >= 1:
                self._buckets[name] = (tokens - 1, now)
                if len(self._buckets) > self.MAX_BUCKETS:
                    self._prune(now)
                return 0.0
            self._buckets[name] = (tokens, now)
            return (1 - tokens) / self.rate

    def wait(self, name: str) -> float:
        """The seconds until ``name``'s bucket holds a token (0.0 when it holds one now), taking nothing: a caller
        that only counts failures asks this first and ``take``s on a failure."""
        now = self._clock()
        with self._lock:
            tokens, when = self._buckets.get(name, (self.burst, now))
        tokens = min(self.burst, tokens + (now - when) * self.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def retry_after(self, wait: float) -> str:
        """The ``retry-after`` header value: whole seconds, at least 1."""
        return str(max(1, math.ceil(wait)))

    def _prune(self, now: float) -> None:
        full = [n for n, (t, w) in self._buckets.items() if t + (now - w) * self.rate >= self.burst]
        for name in full:
            del self._buckets[name]
