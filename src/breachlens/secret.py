"""The installation secret: 32 random bytes that key every hash breachlens keeps of an identifier.

Identifiers found in leaked samples (e-mails, phone numbers) are never stored in clear; what is kept is
HMAC-SHA-256 under this secret, so the stored hashes cannot be reversed by hashing a list of known e-mails
without the secret. The secret lives in ``$BREACHLENS_HOME/secret`` (mode 0600) and is created on first use.
Losing it makes every registered dump, flow and index unmatchable (register them again); copying it to
another installation makes their hashes comparable.

Creation is atomic: the bytes are written to a temporary file that is then hard-linked to its final name,
which fails if another process got there first; the loser reads the winner's secret. So two processes
starting together always end up with the same secret and nobody ever reads a half-written file.

Each use keys its hashes with a key derived from the secret for that purpose (:func:`derived_key`), so a key
shown or leaked for one purpose (a webhook signing key) says nothing of another (identifier fingerprints).

Example::

    key = installation_secret()        # bytes, len 32
    derived_key("breachlens webhook signing key", key)   # 32 bytes, the same on every call
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from breachlens.errors import ConfigurationError
from breachlens.settings import settings

__all__ = ["SECRET_BYTES", "derived_key", "installation_secret"]

SECRET_BYTES = 32
_FILE_NAME = "secret"


def installation_secret(home: Path | None = None) -> bytes:
    """The secret of this installation (``home`` defaults to ``BREACHLENS_HOME``), created on first use."""
    home = settings().home if home is None else home
    path = home / _FILE_NAME
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    _create(path)
    return _read(path)


def derived_key(purpose: str, secret: bytes | None = None) -> bytes:
    """HMAC-SHA-256(``secret``, ``purpose``): the key of one use of the installation secret (``secret``
    defaults to this installation's)."""
    return hmac.new(installation_secret() if secret is None else secret, purpose.encode(), hashlib.sha256).digest()


def _read(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ConfigurationError(f"the installation secret cannot be read ({error.strerror or error})",
                                 input=str(path),
                                 hint="give the user running breachlens read access to it (mode 0600)") from error
    if len(data) != SECRET_BYTES:
        raise ConfigurationError(f"the installation secret holds {len(data)} bytes instead of {SECRET_BYTES}",
                                 input=str(path),
                                 hint="restore it from a backup; deleting it creates a new secret, and every "
                                      "fingerprint and flow registered before must then be registered again")
    return data


def _create(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigurationError(f"the data directory cannot be created ({error.strerror or error})",
                                 input=str(path.parent), hint="set BREACHLENS_HOME to a writable folder") from error
    temporary = path.with_name(f".{_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.fchmod(descriptor, 0o600)  # whatever the umask
            os.write(descriptor, secrets.token_bytes(SECRET_BYTES))
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(temporary, path)  # fails if the secret exists: first writer wins
        except FileExistsError:
            pass
        except OSError:
            _create_without_links(path, temporary)
    except OSError as error:
        raise ConfigurationError(f"the installation secret cannot be written ({error.strerror or error})",
                                 input=str(path), hint="set BREACHLENS_HOME to a writable folder") from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _create_without_links(path: Path, temporary: Path) -> None:
    """For file systems without hard links: exclusive creation of the final name, then one write."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    try:
        os.write(descriptor, temporary.read_bytes())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
