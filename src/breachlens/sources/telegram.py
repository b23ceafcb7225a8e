"""Telegram Desktop exports: ``result.json`` of a channel or group ("Export chat history", JSON format).

Layout::

    {"name": "Leaks Channel", "type": "public_channel", "id": 1234567890,
     "messages": [{"id": 17, "type": "message", "date": "2024-03-01T12:00:00", "date_unixtime": "1709294400",
                   "from": "Leaks Channel", "text": ["Selling ", {"type": "bold", "text": "ACME"}, " db"],
                   "text_entities": [...]}]}

One item per message: the text is the concatenation of its parts; the targets of links (``text_link`` hrefs
and ``link`` texts) are kept in ``metadata["links"]``. Service messages (joins, pins) and messages without text
(a photo without caption) are skipped. ``published`` comes from ``date_unixtime`` (exact); without it, ``date``
is the exporting computer's local time and is taken as UTC. A full-account export (``{"chats": {"list": [...]}}``)
is read chat by chat.

The item URL is ``https://t.me/<username>/<id>`` when the channel's public username is known: from the export
(``"username"``, which Telegram Desktop does not always write) or from the ``username`` argument.

Example::

    >>> export = {"name": "Leaks", "username": "leaks_chan", "messages": [
    ...     {"id": 5, "type": "message", "date_unixtime": "1709294400", "from": "Leaks",
    ...      "text": ["Selling ", {"type": "text_link", "text": "ACME", "href": "https://x.example/acme"}]}]}
    >>> [(item.text, item.url, item.metadata["links"]) for item in items_from_export(export, "result.json")]
    [('Selling ACME', 'https://t.me/leaks_chan/5', ['https://x.example/acme'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from breachlens.errors import SourceError
from breachlens.sources._util import Warn, load_json, to_utc
from breachlens.sources.item import Item

__all__ = ["flatten_text", "items_from_export", "iter_export", "looks_like_export"]

_USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")


def flatten_text(value: Any) -> tuple[str, list[str]]:
    """The plain text of a message ``text`` (a string or a list of strings and entities) and the link targets.

    Example::

        >>> flatten_text(["see ", {"type": "link", "text": "https://a.example"}, {"type": "bold", "text": "!"}])
        ('see https://a.example!', ['https://a.example'])
    """
    if isinstance(value, str):
        return value, []
    parts: list[str] = []
    links: list[str] = []
    if isinstance(value, list):
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, Mapping):
                text = part.get("text")
                if isinstance(text, str):
                    parts.append(text)
                    if part.get("type") == "link" and text.strip():
                        links.append(text.strip())
                href = part.get("href")
                if isinstance(href, str) and href.strip():
                    links.append(href.strip())
    return "".join(parts), links


def looks_like_export(data: Any) -> bool:
    """True for a Telegram Desktop export: a ``messages`` list of objects with ``text``, or a ``chats.list``."""
    if not isinstance(data, Mapping):
        return False
    messages = data.get("messages")
    if isinstance(messages, list):
        sample = [message for message in messages[:50] if isinstance(message, Mapping)]
        return not messages or any("text" in message for message in sample)
    chats = data.get("chats")
    return isinstance(chats, Mapping) and isinstance(chats.get("list"), list)


def _username(value: Any) -> str | None:
    if isinstance(value, str):
        match = _USERNAME.fullmatch(value.strip())
        if match:
            return match.group(1)
    return None


def _chat_items(chat: Mapping[str, Any], source: str, where: str, warn: Warn, username: str | None) -> Iterator[Item]:
    messages = chat.get("messages")
    if not isinstance(messages, list):
        raise SourceError('not a Telegram Desktop export (no "messages" list)', input=where,
                          hint="export the channel with Telegram Desktop in JSON format and give its result.json")
    name = chat.get("name") if isinstance(chat.get("name"), str) else None
    handle = _username(username) or _username(chat.get("username"))
    for index, message in enumerate(messages):
        if not isinstance(message, Mapping):
            warn(f"{where} message {index + 1}: not an object ({type(message).__name__}); skipped")
            continue
        if message.get("type", "message") != "message":
            continue  # service message: joined, pinned, title changed...
        text, links = flatten_text(message.get("text"))
        if "text_entities" in message and isinstance(message["text_entities"], list):
            _, entity_links = flatten_text(message["text_entities"])
            links = list(dict.fromkeys([*links, *entity_links]))
        text = text.strip()
        if not text:
            continue
        message_id = message.get("id")
        published = to_utc(message.get("date_unixtime")) or to_utc(message.get("date"))
        author = message.get("from") if isinstance(message.get("from"), str) else None
        metadata: dict[str, Any] = {"channel": name, "channel_id": chat.get("id"), "message_id": message_id,
                                    "links": links}
        for key, target in (("forwarded_from", "forwarded_from"), ("reply_to_message_id", "reply_to"),
                            ("from_id", "from_id"), ("media_type", "media_type")):
            if message.get(key) is not None:
                metadata[target] = message[key]
        edited = to_utc(message.get("edited_unixtime")) or to_utc(message.get("edited"))
        if edited:
            metadata["edited"] = edited.isoformat()
        if "photo" in message or "file" in message:
            metadata["has_media"] = True
        url = f"https://t.me/{handle}/{message_id}" if handle and isinstance(message_id, int) else None
        yield Item(text=text, source=source, url=url, author=author, published=published, content_type="text",
                   metadata=metadata)


def items_from_export(data: Any, source: str, *, where: str | None = None, warn: Warn | None = None,
                      username: str | None = None) -> Iterator[Item]:
    """Items of a parsed export; ``where`` names the file in warnings and errors."""
    where = where or source
    warn = warn or Warn(None)
    if not isinstance(data, Mapping):
        raise SourceError("not a Telegram Desktop export (the JSON is not an object)", input=where)
    chats = data.get("chats")
    if "messages" not in data and isinstance(chats, Mapping) and isinstance(chats.get("list"), list):
        for chat in chats["list"]:
            if isinstance(chat, Mapping):
                yield from _chat_items(chat, source, where, warn, username)
        return
    yield from _chat_items(data, source, where, warn, username)


def iter_export(location: str, *, source: str | None = None, warnings: list[str] | None = None,
                username: str | None = None) -> Iterator[Item]:
    """Items of ``result.json`` (or of an export folder holding it)."""
    path = Path(location)
    if path.is_dir():
        path = path / "result.json"
    if not path.is_file():
        raise SourceError("no Telegram export here", input=location,
                          hint="give the result.json written by Telegram Desktop, or the folder that holds it")
    warn = Warn(warnings)
    yield from items_from_export(load_json(path, warn), source or location, where=str(path), warn=warn,
                                 username=username)
