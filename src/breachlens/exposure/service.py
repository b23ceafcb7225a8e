"""The lookup service behind the HTTP API, the public page and ``exposure check``: visibility rules in one place.

Who sees which breach of an identifier:

* an unscoped API key: every indexed, non-retired breach holding it, but no sensitive one;
* a key scoped to ``example.fr``: addresses of ``example.fr`` only (anything else is refused with 403), and their
  sensitive breaches too (the key stands for the owner of those addresses);
* the public (no key: range API, lookup page): breaches added with ``--public`` that are neither sensitive, retired
  nor spam lists;
* ``exposure check`` on the command line (the operator): everything.

Rate limits (``RateLimiter``) are per API key and per client address; they are set by ``BREACHLENS_EXPOSURE_KEY_RATE``
and ``BREACHLENS_EXPOSURE_IP_RATE`` (requests per second, default 10 and 20; the burst is five seconds' worth).

Example::

    service = ExposureService()
    service.account(normalise_identifier("jean@example.fr"), key=None, everything=True)   # [IndexedBreach, ...]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from breachlens.errors import ConfigurationError
from breachlens.exposure.domains import AliasStore
from breachlens.exposure.index import ExposureIndex
from breachlens.exposure.keys import ApiKey, KeyStore
from breachlens.exposure.limits import RateLimiter
from breachlens.exposure.normalise import Identifier
from breachlens.model import IndexedBreach

__all__ = ["ExposureService", "Limits"]


@dataclass(frozen=True)
class Limits:
    key_rate: float = 10.0  # requests per second per API key
    ip_rate: float = 20.0  # requests per second per client address
    burst_seconds: float = 5.0

    @classmethod
    def from_environment(cls) -> Limits:
        def rate(name: str, default: float) -> float:
            value = os.environ.get(name)
            if not value:
                return default
            try:
                number = float(value)
            except ValueError:
                number = -1.0
            if number <= 0:
                raise ConfigurationError("must be a positive number of requests per second", input=f"{name}={value}")
            return number

        return cls(key_rate=rate("BREACHLENS_EXPOSURE_KEY_RATE", cls.key_rate),
                   ip_rate=rate("BREACHLENS_EXPOSURE_IP_RATE", cls.ip_rate))


class ExposureService:
    def __init__(self, home: Path | None = None, limits: Limits | None = None, secret: bytes | None = None) -> None:
        self.index = ExposureIndex(home, secret=secret)
        self.keys = KeyStore(home)
        self._home = home
        self._secret = secret
        self._aliases: AliasStore | None = None
        limits = limits or Limits.from_environment()
        self.key_limiter = RateLimiter(limits.key_rate, max(1.0, limits.key_rate * limits.burst_seconds))
        self.ip_limiter = RateLimiter(limits.ip_rate, max(1.0, limits.ip_rate * limits.burst_seconds))

    @property
    def aliases(self) -> AliasStore:
        if self._aliases is None:
            self._aliases = AliasStore(self._home, self._secret)
        return self._aliases

    @staticmethod
    def in_scope(identifier: Identifier, key: ApiKey | None) -> bool:
        """Whether ``key`` may look ``identifier`` up (a domain key: addresses of its domain only)."""
        if key is None or key.domain is None:
            return True
        return identifier.kind == "email" and identifier.value.rsplit("@", 1)[1] == key.domain

    def account(self, identifier: Identifier, key: ApiKey | None, *, everything: bool = False,
                include_unverified: bool = True, domain: str | None = None) -> list[IndexedBreach]:
        """The breaches of ``identifier`` that ``key`` may see (``everything``: the operator sees all)."""
        found = self.index.lookup(identifier)
        owner = key is not None and key.domain is not None and self.in_scope(identifier, key)
        visible = [b for b in found if not b.breach.retired and (everything or owner or not b.breach.sensitive)]
        if not include_unverified:
            visible = [b for b in visible if b.breach.verified]
        if domain:
            visible = [b for b in visible if (b.breach.domain or "").lower() == domain.lower()]
        return sorted(visible, key=lambda b: b.breach.name.lower())

    def public(self, identifier: Identifier) -> list[IndexedBreach]:
        """The breaches of ``identifier`` shown to the public (the lookup page without a key)."""
        return [b for b in self.index.lookup(identifier) if _public(b)]

    def public_by_names(self, names: Sequence[str]) -> list[IndexedBreach]:
        """The public breaches among ``names`` (the page's script found them through the range API)."""
        found = [self.index.get(name) for name in names[:50]]
        return sorted({b.number: b for b in found if b is not None and _public(b)}.values(),
                      key=lambda b: b.breach.name.lower())

    def domain(self, domain: str) -> dict[str, list[str]]:
        """Local part -> breach names, for the owner of ``domain`` (sensitive breaches included)."""
        view = self.index.view()
        result: dict[str, list[str]] = {}
        for local, numbers in sorted(self.aliases.aliases(domain).items()):
            names = sorted({view.breaches[n].breach.name for n in numbers
                            if n in view.breaches and not view.breaches[n].breach.retired})
            if names:
                result[local] = names
        return result


def _public(indexed: IndexedBreach) -> bool:
    b = indexed.breach
    return indexed.public and not (b.retired or b.sensitive or b.spam_list)
