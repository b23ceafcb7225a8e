"""Public breach catalogues (the Have I Been Pwned layout): read, validate, turn into ``Breach`` models.

A catalogue file is a JSON list of breaches, or an object whose ``records`` (or ``breaches``) is that list; each
breach has ``Name``, ``Title``, ``Domain``, ``BreachDate``, ``AddedDate``, ``PwnCount``, ``Description``,
``DataClasses`` and the status flags (``IsVerified``, ``IsFabricated``, ``IsSensitive``, ``IsRetired``,
``IsSpamList``, ``IsMalware``, ``IsStealerLog``).

Example::

    breaches, problems = read_catalogue(Path("breaches.json"))
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from breachlens.errors import InputError
from breachlens.model import Breach

__all__ = ["read_catalogue", "breach_from_record"]

_FLAGS = {"IsVerified": "verified", "IsFabricated": "fabricated", "IsSensitive": "sensitive",
          "IsRetired": "retired", "IsSpamList": "spam_list", "IsMalware": "malware", "IsStealerLog": "stealer_log"}


def _date(value: Any) -> str | None:
    if not value:
        return None
    text = str(value)[:10]
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return None
    return text


def _datetime(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def breach_from_record(record: dict[str, Any]) -> Breach:
    """One catalogue entry as a Breach; raises ValueError naming the field that is wrong."""
    from breachlens.assess.novelty import breach_categories

    name = record.get("Name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("no Name")
    classes = record.get("DataClasses") or []
    if not isinstance(classes, list):
        raise ValueError("DataClasses is not a list")
    count = record.get("PwnCount")
    if count is not None and not isinstance(count, int):
        raise ValueError("PwnCount is not a number")
    flags = {field: bool(record[key]) for key, field in _FLAGS.items() if key in record}
    return Breach(name=name.strip(), title=str(record.get("Title") or name).strip(),
                  domain=(str(record["Domain"]).strip().lower() or None) if record.get("Domain") else None,
                  breach_date=_date(record.get("BreachDate")), added_date=_datetime(record.get("AddedDate")),
                  count=count, data_classes=[str(c) for c in classes],
                  data_categories=breach_categories([str(c) for c in classes]),
                  description=str(record["Description"]) if record.get("Description") else None, **flags)


def read_catalogue(path: Path) -> tuple[list[Breach], list[str]]:
    """The breaches of a catalogue file, and one line per entry that could not be read (which, and why)."""
    from breachlens.inputs import read_input

    raw = read_input(str(path))
    try:
        data = json.loads(raw.text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} at line {exc.lineno}", input=str(path),
                         hint="a catalogue is a JSON list of breaches (Have I Been Pwned layout)") from exc
    if isinstance(data, dict):
        data = data.get("records", data.get("breaches"))
    if not isinstance(data, list):
        raise InputError("no list of breaches (expected a JSON list, or an object with 'records')", input=str(path))
    breaches: list[Breach] = []
    problems: list[str] = []
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            problems.append(f"{path}: entry {index}: not an object")
            continue
        try:
            breaches.append(breach_from_record(record))
        except (ValueError, TypeError) as exc:
            problems.append(f"{path}: entry {index} ({record.get('Name', '?')}): {exc}")
    return breaches, problems
