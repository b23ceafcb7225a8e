"""Local files: one file, or a folder read recursively in sorted order (hidden files and folders skipped).

=================  ==================================================================================
``.txt``           one item, content type ``text``
``.md``            one item, ``markdown``
``.html .htm``     one item, ``html``
``.json``          a list of objects or one object; a Telegram Desktop export or a list of leak-site
                   posts is read by its own connector (:mod:`.telegram`, :mod:`.ransomware`)
``.jsonl``         one object per line (``.ndjson`` too)
``.xml .rss``      an RSS or Atom feed saved to disk (:mod:`.feeds`)
=================  ==================================================================================

A generic JSON object gives its text from the first of ``text``, ``content``, ``body``, ``description``,
``message``, ``title`` (with the title in front when there is both a title and a body), its URL from ``url`` or
``link``, its author from ``author`` and its date from ``published``, ``date`` or ``created_at``. An object
with ``post_title`` and ``group_name`` is a leak-site post (:func:`.ransomware.item_from_record`).

Nothing in a folder stops the rest: a bad JSON line or object, a binary, empty or unreadable file, a file
type we do not read are each one warning (naming the file and line) and are skipped. A file given by itself
with another suffix is read as text.

Example::

    >>> warnings: list[str] = []
    >>> items = list(iter_files("posts/", warnings=warnings))  # doctest: +SKIP
    >>> warnings  # doctest: +SKIP
    ['posts/feed.jsonl line 3: invalid JSON (Expecting value, column 1); skipped']
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from breachlens.errors import SourceError
from breachlens.sources import feeds, ransomware, telegram
from breachlens.sources._util import Warn, jsonl_objects, load_json, looks_like_html, read_text, to_utc
from breachlens.sources.item import ContentType, Item

__all__ = ["DOCUMENT_SUFFIXES", "JSON_SUFFIXES", "JSONL_SUFFIXES", "FEED_SUFFIXES", "item_from_object",
           "iter_files", "walk"]

DOCUMENT_SUFFIXES: dict[str, ContentType] = {".txt": "text", ".text": "text", ".md": "markdown",
                                             ".markdown": "markdown", ".html": "html", ".htm": "html"}
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
TEXT_KEYS = ("text", "content", "body", "description", "message")
_READABLE = frozenset(DOCUMENT_SUFFIXES) | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


def walk(root: Path) -> list[Path]:
    """The files under ``root``, sorted by path, without hidden files or anything inside hidden folders."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found.extend(Path(folder, name) for name in names if not name.startswith("."))
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _string(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(part, str | Mapping) for part in value):
        text, _ = telegram.flatten_text(value)  # a list of strings and {"text": ...} parts
        return text.strip() or None
    return None


def _author(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("username")
    return _string(value)


def item_from_object(obj: Mapping[str, Any], source: str, *, where: str, warn: Warn,
                     metadata: dict[str, Any] | None = None) -> Item | None:
    """The item of one generic JSON object, or None with a warning naming ``where`` when it holds no text.

    Example::

        >>> item = item_from_object({"title": "ACME leak", "body": "2M rows", "link": "https://f.example/t/1",
        ...                          "date": "2024-03-01T12:00:00Z"}, "posts.json", where="posts.json", warn=Warn([]))
        >>> item.text, item.url, item.published.isoformat()
        ('ACME leak\\n\\n2M rows', 'https://f.example/t/1', '2024-03-01T12:00:00+00:00')
    """
    if ransomware.is_post(obj):
        return ransomware.item_from_record(obj, source, where=where, warn=warn)
    title = _string(obj.get("title"))
    body = next((text for key in TEXT_KEYS if (text := _string(obj.get(key)))), None)
    text = f"{title}\n\n{body}" if title and body and not body.startswith(title) else body or title or ""
    if not text:
        warn(f"{where}: no text (none of {', '.join((*TEXT_KEYS, 'title'))} holds a string); skipped")
        return None
    published = None
    for key in ("published", "date", "created_at"):
        if obj.get(key) not in (None, ""):
            published = to_utc(obj[key])
            if published is None:
                warn(f"{where}: unreadable date {key}={obj[key]!r}; kept without a date")
            break
    meta = dict(metadata or {})
    if isinstance(obj.get("id"), str | int) and not isinstance(obj.get("id"), bool):
        meta["id"] = obj["id"]
    return Item(text=text, source=source, url=_string(obj.get("url")) or _string(obj.get("link")),
                author=_author(obj.get("author")), published=published,
                content_type="html" if looks_like_html(text) else "text", metadata=meta)


def _json_items(path: Path, source: str, warn: Warn) -> Iterator[Item]:
    try:
        data = load_json(path, warn)
    except SourceError as exc:
        warn(f"{exc}; skipped")
        return
    if telegram.looks_like_export(data):
        yield from telegram.items_from_export(data, source, where=str(path), warn=warn)
        return
    if isinstance(data, Mapping) and isinstance(data.get("records"), list):
        data = data["records"]
    objects = data if isinstance(data, list) else [data]
    for index, obj in enumerate(objects):
        where = f"{path} object {index + 1}" if isinstance(data, list) else str(path)
        meta = {"path": str(path), "index": index} if isinstance(data, list) else {"path": str(path)}
        if isinstance(obj, str) and obj.strip():
            yield Item(text=obj.strip(), source=source, url=str(path), metadata=meta,
                       content_type="html" if looks_like_html(obj) else "text")
        elif isinstance(obj, Mapping):
            item = item_from_object(obj, source, where=where, warn=warn, metadata=meta)
            if item is not None:
                yield item
        else:
            warn(f"{where}: not an object ({type(obj).__name__}); skipped")


def _jsonl_items(path: Path, source: str, warn: Warn) -> Iterator[Item]:
    for where, number, obj in jsonl_objects(path, warn):
        item = item_from_object(obj, source, where=where, warn=warn, metadata={"path": str(path), "line": number})
        if item is not None:
            yield item


def _feed_items(path: Path, source: str, warn: Warn) -> Iterator[Item]:
    try:
        content = path.read_bytes()
    except OSError as exc:
        warn(f"{path}: cannot read it ({exc.strerror or exc}); skipped")
        return
    if not feeds.is_feed(content):
        text = read_text(path, warn)
        if text is not None:
            yield Item(text=text, source=source, url=str(path), metadata={"path": str(path)},
                       content_type="html" if looks_like_html(text) else "text")
        return
    try:
        yield from feeds.parse_feed(content, source=source, location=str(path), warnings=warn.sink)
    except SourceError as exc:
        warn(f"{exc}; skipped")


def _file_items(path: Path, source: str, warn: Warn, *, explicit: bool) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        yield from _json_items(path, source, warn)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_items(path, source, warn)
    elif suffix in FEED_SUFFIXES:
        yield from _feed_items(path, source, warn)
    elif suffix in DOCUMENT_SUFFIXES or explicit:
        text = read_text(path, warn)
        if text is None:
            return
        if not text.strip():
            warn(f"{path}: empty; skipped")
            return
        content_type = DOCUMENT_SUFFIXES.get(suffix) or ("html" if looks_like_html(text) else "text")
        yield Item(text=text, source=source, url=str(path), content_type=content_type, metadata={"path": str(path)})
    else:
        warn(f"{path}: not a file type breachlens reads ({suffix or 'no suffix'}; it reads "
             f"{', '.join(sorted(_READABLE))}); skipped")


def iter_files(location: str | os.PathLike[str], *, source: str | None = None,
               warnings: list[str] | None = None) -> Iterator[Item]:
    """Items of a file or of every readable file under a folder. Raises :class:`SourceError` for a missing path."""
    path = Path(location)
    name = source or str(location)
    warn = Warn(warnings)
    if not path.exists():
        raise SourceError("no such file or folder", input=str(location), hint="check the path")
    if not path.is_dir():
        yield from _file_items(path, name, warn, explicit=True)
        return
    for file in walk(path):
        yield from _file_items(file, name, warn, explicit=False)
