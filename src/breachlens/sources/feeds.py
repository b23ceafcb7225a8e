"""RSS and Atom feeds (feedparser), from a URL fetched through :mod:`breachlens.sources.http` or a local file.

One item per entry: the title and the longest of content and summary, as HTML (``<h1>title</h1>`` then the
body; feedparser has already sanitised it), the entry link, its author and its date in UTC. feedparser is only
ever handed bytes, so it never opens a URL itself.

Example::

    >>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
    ... <item><title>ACME breached</title><link>https://news.example/acme</link>
    ... <description>2M records for sale</description></item></channel></rss>'''
    >>> [(item.text, item.url) for item in parse_feed(rss, source="news")]
    [('<h1>ACME breached</h1>\\n2M records for sale', 'https://news.example/acme')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import feedparser

from breachlens.errors import SourceError
from breachlens.sources._util import Warn
from breachlens.sources.http import Fetched, FetchPolicy, fetch
from breachlens.sources.item import Item

__all__ = ["FEED_MEDIA_TYPES", "is_feed", "items_from_fetched", "iter_feed", "parse_feed"]

FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                              "application/rss", "application/x-rss+xml"})
_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:html|body|head)[\s>]", re.IGNORECASE)


def is_feed(content: bytes, content_type: str = "") -> bool:
    """A quick guess: does this body look like an RSS or Atom feed? (:func:`parse_feed` decides for sure.)"""
    if content_type.split(";")[0].strip().lower() in FEED_MEDIA_TYPES:
        return True
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = content[:8192].decode("utf-16", errors="ignore").encode("utf-8")
    root = _ROOT.search(head)
    if root is None:
        return False
    html = _HTML_ROOT.search(head)
    return html is None or html.start() > root.start()


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _body(entry: Mapping[str, Any]) -> str:
    candidates = [part.get("value", "") for part in entry.get("content") or [] if isinstance(part, Mapping)]
    candidates.append(entry.get("summary") or "")
    return max((str(text).strip() for text in candidates), key=len, default="")


def parse_feed(content: bytes, *, source: str, location: str | None = None, content_type: str = "",
               warnings: list[str] | None = None) -> Iterator[Item]:
    """Items of a feed body. Raises :class:`SourceError` naming ``location`` when it is not RSS or Atom."""
    warn = Warn(warnings)
    where = location or source
    headers = {"content-location": location} if location and "://" in location else {}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason and not parsed.entries else ""
        raise SourceError(f"not an RSS or Atom feed{detail}", input=where,
                          hint="give the feed URL (often /feed, /rss or /atom.xml), or use kind 'web' for a page")
    if parsed.get("bozo") and parsed.get("bozo_exception"):
        exc = parsed["bozo_exception"]
        if not isinstance(exc, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
            warn(f"{where}: the feed is not well-formed ({exc}); read what could be read")
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        title = str(entry.get("title") or "").strip()
        body = _body(entry)
        if not title and not body:
            warn(f"{where} entry {index + 1}: no title and no content; skipped")
            continue
        text = "\n".join(part for part in (f"<h1>{escape(title, quote=False)}</h1>" if title else "", body) if part)
        tags = [tag.get("term") for tag in entry.get("tags") or [] if isinstance(tag, Mapping) and tag.get("term")]
        metadata: dict[str, Any] = {"feed": feed_title, "feed_url": location, "entry_id": entry.get("id"),
                                    "title": title or None}
        if tags:
            metadata["tags"] = tags
        yield Item(text=text, source=source, url=entry.get("link") or None, author=entry.get("author") or None,
                   published=_utc(entry.get("published_parsed")) or _utc(entry.get("updated_parsed")),
                   content_type="html", metadata=metadata)


def items_from_fetched(fetched: Fetched, *, source: str, warnings: list[str] | None = None) -> Iterator[Item]:
    """Items of a feed already fetched (the ``auto`` kind fetches once, then decides feed or page)."""
    yield from parse_feed(fetched.content, source=source, location=fetched.url, content_type=fetched.content_type,
                          warnings=warnings)


def iter_feed(location: str, *, source: str | None = None, policy: FetchPolicy | None = None,
              warnings: list[str] | None = None) -> Iterator[Item]:
    """Items of the feed at ``location``: an http(s) URL, or the path of a saved feed file."""
    source = source or location
    if "://" in location:
        fetched = fetch(location, policy)
        yield from parse_feed(fetched.content, source=source, location=location, content_type=fetched.content_type,
                              warnings=warnings)
        return
    path = Path(location)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the feed file ({exc.strerror or exc})", input=location,
                          hint="give a feed URL or the path of a saved RSS/Atom file") from exc
    yield from parse_feed(content, source=source, location=location, warnings=warnings)
