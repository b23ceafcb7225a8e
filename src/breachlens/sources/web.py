"""One web page over HTTP(S), fetched through :mod:`breachlens.sources.http`: one item, its URL the final URL.

The body is decoded with the charset the server declares, else the one the page declares in a ``<meta>`` tag,
else as UTF-8 / UTF-16 / Windows-1252 (:func:`breachlens.inputs.decode`). Images, PDFs and other binary
bodies are refused: a page is text.

Example::

    >>> items = list(iter_page("https://news.example/acme-breach"))  # doctest: +SKIP
    >>> items[0].content_type, items[0].url  # doctest: +SKIP
    ('html', 'https://news.example/acme-breach')
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from breachlens.errors import InputError, SourceError
from breachlens.inputs import decode
from breachlens.sources._util import looks_like_html
from breachlens.sources.http import Fetched, FetchPolicy, fetch
from breachlens.sources.item import ContentType, Item

__all__ = ["decode_page", "iter_page", "page_item"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"application/xml", "application/json", "application/ld+json", "application/javascript"})


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(fetched: Fetched, where: str | None = None) -> str:
    """The text of a fetched body; raises :class:`SourceError` naming the URL for a binary or empty body."""
    where = where or fetched.url
    media = fetched.content_type
    if media and not (media.startswith("text/") or media in _HTML_TYPES or media in _TEXT_TYPES
                      or media.endswith(("+xml", "+json"))):
        raise SourceError(f"not a web page (content type {media})", input=where,
                          hint="give the URL of an HTML page, a feed or a JSON file")
    declared = _codec(fetched.charset)
    if declared is None:
        match = _META_CHARSET.search(fetched.content[:4096])
        declared = _codec(match.group(1).decode("ascii", "ignore")) if match else None
    if declared is not None and fetched.content.strip():
        try:
            return fetched.content.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies: guess below
    try:
        return decode(fetched.content, where).text
    except InputError as exc:
        raise SourceError(str(exc.args[0]), input=where) from exc


def page_item(fetched: Fetched, *, source: str, requested: str | None = None) -> Item:
    """The item of a fetched page."""
    text = decode_page(fetched, requested)
    content_type: ContentType = "text"
    if fetched.content_type in _HTML_TYPES or looks_like_html(text):
        content_type = "html"
    elif fetched.content_type.endswith("json"):
        content_type = "json"
    metadata = {"status": fetched.status, "media_type": fetched.content_type or None,
                "requested_url": requested or fetched.url, "redirects": list(fetched.redirects)}
    return Item(text=text, source=source, url=fetched.url, content_type=content_type, metadata=metadata)


def iter_page(url: str, *, source: str | None = None, policy: FetchPolicy | None = None) -> Iterator[Item]:
    """The one item of the page at ``url``."""
    yield page_item(fetch(url, policy), source=source or url, requested=url)
