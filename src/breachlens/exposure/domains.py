"""The local parts of exposed addresses of *watched* domains, kept encrypted for ``breacheddomain``.

Have I Been Pwned's domain search answers ``{"alias": ["Breach", ...]}``: the local parts of the domain's exposed
addresses. Keyed hashes cannot give them back, so when a breach is added, the addresses of the domains that have a
domain API key (``breachlens keys create --domain``) have their local parts kept — encrypted, never in clear: each
one XOR-ed with a keystream of HMAC-SHA-256 blocks (key derived from the installation secret, a random 16-byte
nonce per entry: a PRF in counter mode), in ``$BREACHLENS_HOME/exposure/domains/<domain>.json``. Only domains with
a key are kept, and only from the breaches added after the key was created (add a breach again to include it).

Example::

    store = AliasStore(secret=installation_secret())
    store.add(3, {"example.fr": {"jean.dupont"}})
    store.aliases("example.fr")          # {"jean.dupont": [3]}
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from breachlens.samples.fingerprint import read_json, write_json
from breachlens.secret import derived_key
from breachlens.settings import settings

__all__ = ["AliasStore"]


class AliasStore:
    def __init__(self, home: Path | None = None, secret: bytes | None = None) -> None:
        self.home = settings().home if home is None else Path(home)
        self.folder = self.home / "exposure" / "domains"
        if secret is None:
            from breachlens.secret import installation_secret

            secret = installation_secret(self.home)
        self._key = derived_key("breachlens exposure aliases v1", secret)

    def _stream(self, nonce: bytes, size: int) -> bytes:
        blocks = (hmac.new(self._key, nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest()
                  for counter in range((size + 31) // 32))
        return b"".join(blocks)[:size]

    def _seal(self, local: str) -> dict[str, str]:
        nonce = secrets.token_bytes(16)
        data = local.encode()
        return {"n": nonce.hex(), "c": bytes(a ^ b for a, b in zip(data, self._stream(nonce, len(data)),
                                                                    strict=True)).hex()}

    def _open(self, entry: dict[str, str]) -> str:
        nonce, data = bytes.fromhex(entry["n"]), bytes.fromhex(entry["c"])
        return bytes(a ^ b for a, b in zip(data, self._stream(nonce, len(data)), strict=True)).decode()

    def _path(self, domain: str) -> Path:
        return self.folder / f"{domain}.json"

    def _entries(self, domain: str) -> list[dict[str, object]]:
        path = self._path(domain)
        return list(read_json(path, "domain aliases").get("entries", [])) if path.is_file() else []

    def add(self, number: int, aliases: dict[str, set[str]]) -> None:
        """Keep the local parts found in breach ``number``, per domain (replacing that breach's earlier ones)."""
        self.remove(number)
        for domain, locals_ in aliases.items():
            if "/" in domain or domain.startswith("."):
                continue
            entries = self._entries(domain)
            entries.extend({"b": number, **self._seal(local)} for local in sorted(locals_))
            write_json(self._path(domain), {"format": 1, "entries": entries})

    def remove(self, number: int) -> None:
        """Forget what breach ``number`` exposed."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            entries = list(read_json(path, "domain aliases").get("entries", []))
            kept = [e for e in entries if e.get("b") != number]
            if len(kept) != len(entries):
                write_json(path, {"format": 1, "entries": kept})

    def aliases(self, domain: str) -> dict[str, list[int]]:
        """Local part -> breach numbers, for ``domain``."""
        found: dict[str, list[int]] = {}
        for entry in self._entries(domain):
            local = self._open({"n": str(entry["n"]), "c": str(entry["c"])})
            found.setdefault(local, []).append(int(entry["b"]))  # type: ignore[call-overload]
        return found
