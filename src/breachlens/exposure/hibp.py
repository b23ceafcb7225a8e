"""Breaches in the Have I Been Pwned API v3 layout (field names, order and types of the public service).

Example::

    hibp_breach(indexed)      # {"Name": "FranceTravail2024", "Title": ..., "PwnCount": 43000000, ...}
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from breachlens.model import IndexedBreach

__all__ = ["hibp_breach"]


def _stamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hibp_breach(indexed: IndexedBreach) -> dict[str, Any]:
    """One breach as ``/api/v3/breach/{name}`` answers it."""
    b = indexed.breach
    added = _stamp(b.added_date)
    return {
        "Name": b.name, "Title": b.title, "Domain": b.domain or "", "BreachDate": b.breach_date,
        "AddedDate": added, "ModifiedDate": _stamp(indexed.modified_date) or added, "PwnCount": b.count or 0,
        "Description": b.description or "", "LogoPath": "", "Attribution": None, "DataClasses": list(b.data_classes),
        "IsVerified": b.verified, "IsFabricated": b.fabricated, "IsSensitive": b.sensitive, "IsRetired": b.retired,
        "IsSpamList": b.spam_list, "IsMalware": b.malware, "IsSubscriptionFree": False, "IsStealerLog": b.stealer_log,
    }
