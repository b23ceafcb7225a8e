"""Redacted examples: what a report may show of a leaked value (``j***@o****.fr``), never the value itself.

Example::

    redact("jean.dupont@orange.fr", "email")     # "j***@o****.fr"
    redact("06 12 34 56 78", "phone")            # "06 ** ** ** 78"
"""

from __future__ import annotations

import re

__all__ = ["redact"]

_DIGIT = re.compile(r"\d")


def _mask_word(word: str, stars: int = 3) -> str:
    """The first character and a fixed number of stars: the length is not shown."""
    return word[:1] + "*" * stars if word else ""


def _email(value: str) -> str:
    local, _, domain = value.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{_mask_word(local)}@{_mask_word(host, 4)}{'.' + tld if tld else ''}"


def _digits(value: str, keep_start: int, keep_end: int) -> str:
    """Digits replaced by ``*`` except the first ``keep_start`` and last ``keep_end``; separators kept."""
    positions = [m.start() for m in _DIGIT.finditer(value)]
    shown = set(positions[:keep_start]) | set(positions[len(positions) - keep_end:] if keep_end else [])
    return "".join(ch if i in shown or not ch.isdigit() else "*" for i, ch in enumerate(value))


def redact(value: str, kind: str | None) -> str:
    """``value`` with most of it hidden, in a way that still shows its form for ``kind``; a value that does not
    have the form of its kind (a column decided wrong) is masked word by word."""
    value = value.strip()
    if not value:
        return ""
    if kind in ("city", "civility", "country"):
        return value  # not personal on their own
    hidden = _by_kind(value, kind)
    return hidden if hidden != value else " ".join(_mask_word(w) for w in value.split()[:4])


def _by_kind(value: str, kind: str | None) -> str:
    if kind == "email" and "@" in value:
        return _email(value)
    if kind in ("phone",):
        return _digits(value, 2 if not value.startswith("+") else 3, 2)
    if kind in ("iban",):
        return value[:4] + _digits(value[4:], 0, 2)
    if kind in ("payment_card", "nir", "siren", "siret", "account_id"):
        return _digits(value, 1, 2)
    if kind in ("date_of_birth", "date"):
        return _digits(value, 4 if re.match(r"\d{4}", value) else 0, 0 if re.match(r"\d{4}", value) else 4)
    if kind == "postal_code":
        return _digits(value, 2, 0)
    if kind in ("password_hash",):
        return value[:4] + "…"
    if kind in ("ip_address",):
        return re.sub(r"[0-9a-fA-F]+$", "*", value.split("/")[0])
    return value
