"""Ransomware leak-site posts: the metadata that trackers publish about each victim a group lists.

The layout (a JSON list, an object with a ``"records"`` list, or JSON Lines)::

    {"post_title": "EXAMPLE.COM", "group_name": "lockbit3", "discovered": "2023-07-26 20:57:28.843391",
     "published": "2023-07-26 20:57:28.843369", "website": "https://www.example.com", "description": "..."}

Each post is a ransomware claim. Its text is a short sentence the claim extractor can read (group, victim,
website) followed by the description; the facts themselves are in ``Item.metadata`` so nothing has to be
re-extracted: ``claim_type``, ``actor``, ``victim``, ``website``, ``discovered`` (and ``country``,
``activity``, ``post_url`` when the record has them). Dates without a zone are taken as UTC.

Example::

    >>> item = item_from_record({"post_title": "EXAMPLE.COM", "group_name": "lockbit3",
    ...                          "website": "https://www.example.com"}, source="posts.json")
    >>> item.text
    'lockbit3 ransomware leak site: EXAMPLE.COM (https://www.example.com) listed as a victim.'
    >>> item.metadata["actor"], item.metadata["victim"]
    ('lockbit3', 'EXAMPLE.COM')
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from breachlens.errors import SourceError
from breachlens.sources._util import Warn, jsonl_objects, load_json, looks_like_html, to_utc
from breachlens.sources.http import FetchPolicy, fetch
from breachlens.sources.item import Item

__all__ = ["is_post", "item_from_record", "items_from_data", "iter_posts", "looks_like_posts"]

_EXTRA = ("country", "activity", "post_url")


def _string(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def is_post(obj: Any) -> bool:
    """True for an object with the two fields every leak-site post has: ``post_title`` and ``group_name``."""
    return isinstance(obj, Mapping) and "post_title" in obj and "group_name" in obj


def _records(data: Any) -> list[Any] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping) and isinstance(data.get("records"), list):
        return list(data["records"])
    return None


def looks_like_posts(data: Any) -> bool:
    """True when parsed JSON is a list of leak-site posts (judged on its first objects)."""
    records = _records(data)
    if not records:
        return False
    objects = [record for record in records[:20] if isinstance(record, Mapping)]
    return bool(objects) and sum(is_post(obj) for obj in objects) * 2 > len(objects)


def item_from_record(record: Mapping[str, Any], source: str, *, where: str | None = None,
                     warn: Warn | None = None) -> Item | None:
    """The item for one post, or None (with a warning naming ``where``) when it has no group or title."""
    group = _string(record.get("group_name"))
    title = _string(record.get("post_title"))
    if not group or not title:
        missing = " and ".join(name for name, value in (("group_name", group), ("post_title", title)) if not value)
        (warn or Warn(None))(f"{where or source}: leak-site post without {missing}; skipped")
        return None
    website = _string(record.get("website"))
    description = _string(record.get("description"))
    text = f"{group} ransomware leak site: {title}{f' ({website})' if website else ''} listed as a victim."
    if description:
        text = f"{text}\n\n{description}"
    discovered = to_utc(record.get("discovered"))
    published = to_utc(record.get("published")) or discovered
    metadata: dict[str, Any] = {"claim_type": "ransomware", "actor": group, "victim": title, "website": website,
                                "discovered": discovered.isoformat() if discovered else None}
    for key in _EXTRA:
        value = _string(record.get(key))
        if value:
            metadata[key] = value
    if where:
        metadata["record"] = where
    return Item(text=text, source=source, url=_string(record.get("post_url")), author=group, published=published,
                content_type="html" if description and looks_like_html(description) else "text",
                metadata=metadata)


def items_from_data(data: Any, source: str, where: str, warn: Warn) -> Iterator[Item]:
    """Items of parsed JSON (a list of posts or ``{"records": [...]}``); ``where`` names the file or URL."""
    records = _records(data)
    if records is None:
        raise SourceError('not a list of leak-site posts (expected a JSON list or an object with a "records" list)',
                          input=where)
    for index, record in enumerate(records):
        place = f"{where} record {index + 1}"
        if not isinstance(record, Mapping):
            warn(f"{place}: not an object ({type(record).__name__}); skipped")
            continue
        item = item_from_record(record, source, where=place, warn=warn)
        if item is not None:
            yield item


def _jsonl(path: Path, source: str, warn: Warn) -> Iterator[Item]:
    for place, _number, record in jsonl_objects(path, warn):
        item = item_from_record(record, source, where=place, warn=warn)
        if item is not None:
            yield item


def iter_posts(location: str, *, source: str | None = None, policy: FetchPolicy | None = None,
               warnings: list[str] | None = None) -> Iterator[Item]:
    """Items of a leak-site post file (``.json`` or ``.jsonl``) or of a URL that serves such JSON."""
    warn = Warn(warnings)
    source = source or location
    if location.lower().startswith(("http://", "https://")):
        fetched = fetch(location, policy)
        try:
            data = json.loads(fetched.content.decode(fetched.charset or "utf-8-sig", errors="replace"))
        except (json.JSONDecodeError, LookupError) as exc:
            raise SourceError(f"the body is not JSON: {exc}", input=location) from exc
        yield from items_from_data(data, source, location, warn)
        return
    path = Path(location)
    if not path.is_file():
        raise SourceError("no such file", input=location, hint="give a .json or .jsonl file of leak-site posts")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl(path, source, warn)
    else:
        yield from items_from_data(load_json(path, warn), source, str(path), warn)
