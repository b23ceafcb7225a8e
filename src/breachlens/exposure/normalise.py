"""One identifier typed by a person, normalised exactly as ``exposure add`` normalised the dump's columns.

``exposure add`` normalises whole columns with the vectorised ``normalise_emails`` / ``normalise_phones`` of
``breachlens.samples.fingerprint``; a lookup normalises one value, where a polars call (tens of microseconds) would
cost more than the whole index lookup. So this module holds the same rules for one string, in plain Python:
e-mail addresses trimmed, lower-cased, put in NFC when not ASCII, checked against the same pattern (translated to
Python's ``re``) and their domain IDNA-encoded; phone numbers stripped of separators and put in E.164 by
``phonenumbers`` (national numbers read as numbers of ``region``). ``tests/exposure/test_normalise.py`` checks that
both agree on generated addresses and numbers.

The keyed hash of an identifier is HMAC-SHA-256(secret, ``kind:value``) cut to 64 bits, the same as the
fingerprints of ``breachlens sample register``; the public hash (range API) is SHA-1 of the value alone, upper-case
hex, as Have I Been Pwned's range APIs use.

Example::

    normalise_identifier(" Jean.Dupont@Orange.FR ")   # Identifier(kind="email", value="jean.dupont@orange.fr")
    normalise_identifier("06 12 34 56 78")             # Identifier(kind="phone", value="+33612345678")
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

import phonenumbers

from breachlens.errors import InputError

__all__ = ["Identifier", "normalise_email", "normalise_identifier", "normalise_phone", "sha1_hex"]

MAX_IDENTIFIER = 320  # characters: longer than any address (254) or number; refused before any work


@dataclass(frozen=True)
class Identifier:
    kind: Literal["email", "phone"]
    value: str

    @property
    def keyed_input(self) -> bytes:
        """What the keyed hash is computed on: ``kind:value`` (as ``identifier_hashes`` does)."""
        return f"{self.kind}:{self.value}".encode()


@cache
def _email_regex() -> re.Pattern[str]:
    from breachlens.samples.fingerprint import _EMAIL

    text = re.sub(r"\\x\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), _EMAIL)
    if text.endswith("$"):
        text = text[:-1] + r"\Z"
    return re.compile(text)


_ASCII = re.compile(r"[\x00-\x7f]*\Z")
_SEPARATORS = re.compile(r"[\s.\-/]+")
_PHONE_CHARS = re.compile(r"\+?[0-9\s.\-/()]{4,40}\Z")


def normalise_email(text: str) -> str | None:
    """The address as indexed, or None when it is not an address."""
    value = text.strip().lower()
    if not _ASCII.match(value):
        value = unicodedata.normalize("NFC", value).lower()
    if not _email_regex().match(value):
        return None
    local, _, domain = value.partition("@")
    if len(local.encode()) > 64:
        return None
    if not _ASCII.match(domain):
        from breachlens.samples.fingerprint import _idna

        encoded = _idna(domain)
        if encoded is None:
            return None
        domain = encoded
    address = f"{local}@{domain}"
    return address if len(address.encode()) <= 254 else None


def normalise_phone(text: str, region: str = "FR") -> str | None:
    """The number in E.164, or None when phonenumbers does not take it for a valid number."""
    value = _SEPARATORS.sub("", text)
    if not value:
        return None
    code, prefix, valid = _home(region.upper())
    national = None
    if value.startswith("+" + code):
        national = value[len(code) + 1:]
    elif value.startswith("00" + code):
        national = value[len(code) + 2:]
    elif prefix and value.startswith(prefix) and not value.startswith("00"):
        national = value[len(prefix):]
    if national is not None and valid.match(national):  # the column normaliser's fast path, same rule
        return f"+{code}{national}"
    try:
        number = phonenumbers.parse(value, region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@cache
def _home(region: str) -> tuple[str, str, re.Pattern[str]]:
    from breachlens.samples.fingerprint import _home_patterns

    code, prefix, pattern = _home_patterns(region)
    return code, prefix, re.compile(pattern)


def normalise_identifier(text: str, region: str = "FR") -> Identifier:
    """An e-mail address (it holds an ``@``) or a phone number, normalised; InputError for anything else."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty identifier", input="identifier", hint="give an e-mail address or a phone number")
    if len(text) > MAX_IDENTIFIER:
        raise InputError(f"identifier longer than {MAX_IDENTIFIER} characters", input="identifier",
                         hint="give one e-mail address or one phone number")
    if "@" in text:
        email = normalise_email(text)
        if email is None:
            raise InputError("not a valid e-mail address", input=repr(text[:80]),
                             hint="write it as name@example.org")
        return Identifier("email", email)
    if _PHONE_CHARS.match(text.strip()):
        phone = normalise_phone(text, region)
        if phone is not None:
            return Identifier("phone", phone)
    raise InputError("neither an e-mail address nor a valid phone number", input=repr(text[:80]),
                     hint="write an address as name@example.org, a number as +33612345678")


def sha1_hex(value: str) -> str:
    """SHA-1 of a normalised identifier, upper-case hex (40 characters), as the range API uses it."""
    return hashlib.sha1(value.encode(), usedforsecurity=False).hexdigest().upper()


