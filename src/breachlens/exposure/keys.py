"""API keys of the lookup service: created by ``breachlens keys create``, stored hashed, optionally scoped.

A key is 32 random hexadecimal digits (128 bits from ``secrets``), shown once. What is kept, in
``$BREACHLENS_HOME/exposure/keys.json``, is its SHA-256: a fast hash is enough because the key is random and long
(nobody can try 2^128 candidates), and it keeps the check per request to a microsecond, where a password hash
(argon2) would cost tens of milliseconds per request. A key is *scoped* to a domain (``--domain example.fr``): it
then sees the addresses of that domain only (``breachedaccount`` for ``*@example.fr``, ``breacheddomain`` for
``example.fr``) and, as the owner of those addresses, their sensitive breaches too. An unscoped key looks up any
address or phone number but never sees sensitive breaches nor domain searches.

Example::

    keys = KeyStore()
    created, key = keys.create(domain="example.fr", label="DPO")   # key: "3f9c...": print it once
    keys.check(key)                                                 # ApiKey(id="k3a4b5c", domain="example.fr")
    keys.revoke(created.id)
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from breachlens.errors import InputError
from breachlens.settings import settings

__all__ = ["ApiKey", "KeyStore", "normalise_domain"]

_RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class ApiKey:
    id: str  # "k" + 8 hex digits of the key's hash: what `keys list` shows and `keys revoke` takes
    digest: str  # SHA-256 of the key, hex
    domain: str | None
    label: str | None
    created: datetime
    revoked: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "sha256": self.digest, "domain": self.domain, "label": self.label,
                "created": self.created.isoformat(), "revoked": self.revoked}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ApiKey:
        return cls(id=str(data["id"]), digest=str(data["sha256"]), domain=data.get("domain"),
                   label=data.get("label"), created=datetime.fromisoformat(data["created"]),
                   revoked=bool(data.get("revoked", False)))


def normalise_domain(domain: str) -> str:
    """A domain as keys and addresses use it: trimmed, lower-case, IDNA-encoded; InputError if it is not one."""
    from breachlens.exposure.normalise import normalise_email

    text = domain.strip().lower().rstrip(".")
    address = normalise_email(f"x@{text}") if text and "@" not in text else None
    if address is None:
        raise InputError("not a domain name", input=repr(domain[:80]), hint="write it as example.fr")
    return address.split("@", 1)[1]


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class KeyStore:
    """The API keys of this installation (``home``: BREACHLENS_HOME)."""

    def __init__(self, home: Path | None = None) -> None:
        self.path = (settings().home if home is None else Path(home)) / "exposure" / "keys.json"
        self._cache: dict[str, ApiKey] = {}
        self._checked = 0.0
        self._stamp: int | None = -1

    def _read(self) -> list[ApiKey]:
        from breachlens.samples.fingerprint import read_json

        if not self.path.is_file():
            return []
        return [ApiKey.from_json(item) for item in read_json(self.path, "API keys").get("keys", [])]

    def _save(self, keys: list[ApiKey]) -> None:
        from breachlens.samples.fingerprint import write_json

        write_json(self.path, {"format": 1, "keys": [k.to_json() for k in keys]})
        self._stamp = -1

    def list(self) -> list[ApiKey]:
        """Every key, revoked ones too, oldest first."""
        return self._read()

    def create(self, domain: str | None = None, label: str | None = None) -> tuple[ApiKey, str]:
        """A new key: its record and the key itself (shown once, never stored)."""
        scope = normalise_domain(domain) if domain else None
        key = secrets.token_hex(16)
        digest = _digest(key)
        record = ApiKey(id="k" + digest[:8], digest=digest, domain=scope, label=label, created=datetime.now(UTC))
        self._save([*self._read(), record])
        return record, key

    def revoke(self, key_id: str) -> ApiKey:
        """Revoke a key by its id (``keys list``); it stops working within a second."""
        keys = self._read()
        for position, item in enumerate(keys):
            if item.id == key_id:
                keys[position] = ApiKey(**{**item.__dict__, "revoked": True})
                self._save(keys)
                return keys[position]
        raise InputError("no such API key", input=key_id, hint="see `breachlens keys list`")

    def check(self, key: str | None) -> ApiKey | None:
        """The live key matching ``key``, or None (missing, unknown or revoked). Re-reads the file when it changed,
        looking at most once a second."""
        if not key or len(key) > 200:
            return None
        now = time.monotonic()
        if now - self._checked >= _RECHECK_SECONDS or self._stamp == -1:
            self._checked = now
            try:
                stamp: int | None = self.path.stat().st_mtime_ns
            except FileNotFoundError:
                stamp = None
            if stamp != self._stamp:
                self._cache = {k.digest: k for k in self._read() if not k.revoked}
                self._stamp = stamp
        return self._cache.get(_digest(key))

    def watched_domains(self) -> frozenset[str]:
        """Domains with a live key: ``exposure add`` keeps their addresses' local parts (encrypted)."""
        return frozenset(k.domain for k in self._read() if k.domain and not k.revoked)
