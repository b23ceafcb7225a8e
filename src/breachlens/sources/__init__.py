"""Source connectors: where breach claims come from, each yielding :class:`Item` (raw text + what the source says).

=======================  ====================================================  ==============================
kind                     location                                              module
=======================  ====================================================  ==============================
``files``                a file or folder of txt, md, html, json, jsonl        :mod:`.files`
``rss``                  an RSS or Atom feed URL (or a saved feed file)        :mod:`.feeds`
``ransomware-posts``     leak-site post metadata, a .json/.jsonl file or URL   :mod:`.ransomware`
``telegram``             a Telegram Desktop export (``result.json``)           :mod:`.telegram`
``web``                  one web page URL                                      :mod:`.web`
=======================  ====================================================  ==============================

Everything on the network goes through :func:`breachlens.sources.http.fetch` and its :class:`FetchPolicy`
(public addresses only unless allowed, redirects checked hop by hop, one deadline, a size cap, retries).
A source that cannot be read at all raises :class:`~breachlens.errors.SourceError` naming the path or URL;
a bad record inside a source is a warning (appended to ``warnings``, or logged on ``breachlens.sources``) and
the rest is still read.

Example::

    >>> from breachlens.sources import iter_items
    >>> warnings: list[str] = []
    >>> for item in iter_items("posts/", warnings=warnings):  # doctest: +SKIP
    ...     print(item.source, item.url, item.text[:40])
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from breachlens.errors import SourceError
from breachlens.model import SourceKind
from breachlens.sources import feeds, files, ransomware, telegram, web
from breachlens.sources._util import decode_file
from breachlens.sources.http import Fetched, FetchPolicy, fetch
from breachlens.sources.item import ContentType, Item

__all__ = ["ContentType", "FetchPolicy", "Fetched", "Item", "detect_kind", "fetch", "iter_items", "sniff_json"]

_KINDS = ", ".join(["auto", *(kind.value for kind in SourceKind)])


def _is_url(location: str) -> bool:
    head, sep, _ = location.partition("://")
    return bool(sep) and head.isascii() and head.replace("+", "").replace("-", "").replace(".", "").isalnum()


def sniff_json(data: object) -> SourceKind:
    """The kind of parsed JSON: a Telegram export, a list of leak-site posts, or generic objects (``files``)."""
    if telegram.looks_like_export(data):
        return SourceKind.telegram
    if ransomware.looks_like_posts(data):
        return SourceKind.ransomware_posts
    return SourceKind.files


def _sniff_path(path: Path) -> SourceKind:
    suffix = path.suffix.lower()
    if suffix in files.FEED_SUFFIXES:
        try:
            with path.open("rb") as handle:
                head = handle.read(8192)
        except OSError as exc:
            raise SourceError(f"cannot read it ({exc.strerror or exc})", input=str(path)) from exc
        return SourceKind.rss if feeds.is_feed(head) else SourceKind.files
    if suffix not in files.JSON_SUFFIXES | files.JSONL_SUFFIXES:
        return SourceKind.files
    text, _ = decode_file(path)
    if suffix in files.JSONL_SUFFIXES:
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            return SourceKind.ransomware_posts if ransomware.is_post(json.loads(first)) else SourceKind.files
        except json.JSONDecodeError:
            return SourceKind.files
    try:
        return sniff_json(json.loads(text))
    except json.JSONDecodeError:
        return SourceKind.files  # the files connector reports the bad JSON as a warning


def detect_kind(location: str, *, policy: FetchPolicy | None = None) -> SourceKind:
    """The kind of source at ``location`` (what ``kind="auto"`` means).

    A URL is fetched: a feed body is ``rss``, anything else ``web``. A folder holding a Telegram ``result.json``
    is ``telegram``; another folder or a txt/md/html file is ``files``. A ``.json`` or ``.jsonl`` file is
    sniffed: a Telegram export (a ``messages`` list with ``text``), leak-site posts (objects with
    ``post_title`` and ``group_name``), otherwise ``files``. A saved ``.xml``/``.rss``/``.atom`` feed is ``rss``.

    Raises :class:`SourceError` when the path does not exist or the URL cannot be fetched.

    Example::

        >>> detect_kind("exports/ChatExport_2024-03-01/result.json")  # doctest: +SKIP
        <SourceKind.telegram: 'telegram'>
    """
    if _is_url(location):
        fetched = fetch(location, policy)
        return SourceKind.rss if feeds.is_feed(fetched.content, fetched.content_type) else SourceKind.web
    path = Path(location)
    if not path.exists():
        raise SourceError("no such file, folder or URL", input=location,
                          hint="give a path, or a URL starting with http:// or https://")
    if path.is_dir():
        export = path / "result.json"
        if export.is_file() and _sniff_path(export) is SourceKind.telegram:
            return SourceKind.telegram
        return SourceKind.files
    return _sniff_path(path)


def _kind(kind: SourceKind | str) -> SourceKind | None:
    if isinstance(kind, SourceKind):
        return kind
    value = kind.strip().lower().replace("_", "-")
    if value == "auto":
        return None
    try:
        return SourceKind(value)
    except ValueError:
        raise SourceError(f"unknown source kind {kind!r}; use one of {_KINDS}") from None


def _auto_url(location: str, source: str, policy: FetchPolicy | None, warnings: list[str] | None) -> Iterator[Item]:
    fetched = fetch(location, policy)  # fetched once, then read as a feed or as a page
    if feeds.is_feed(fetched.content, fetched.content_type):
        yield from feeds.parse_feed(fetched.content, source=source, location=location,
                                    content_type=fetched.content_type, warnings=warnings)
    else:
        yield web.page_item(fetched, source=source, requested=location)


def iter_items(location: str, kind: SourceKind | str = "auto", *, source: str | None = None,
               policy: FetchPolicy | None = None, warnings: list[str] | None = None) -> Iterator[Item]:
    """The items of the source at ``location`` (a path or an http(s) URL), read as ``kind``.

    ``source`` names the source in every item (default: ``location``); ``policy`` governs network access
    (default :class:`FetchPolicy`: public addresses only); ``warnings`` collects what was skipped and why.
    The kind and the path are checked at once (a :class:`SourceError` for an unknown kind, a missing path or a
    URL given to a file connector); reading and fetching happen as the items are consumed.

    Example::

        >>> items = iter_items("https://news.example/feed.xml", "rss", source="news")  # doctest: +SKIP
        >>> next(items).url  # doctest: +SKIP
        'https://news.example/2024/03/acme-breach'
    """
    chosen = _kind(kind)
    name = source or location
    is_url = _is_url(location)
    if is_url and chosen in (SourceKind.files, SourceKind.telegram):
        raise SourceError(f"the {chosen.value} kind reads local paths, not URLs", input=location,
                          hint="download the file first, or use kind rss, web or ransomware-posts")
    if not is_url and chosen is SourceKind.web:
        raise SourceError("the web kind fetches an http(s) URL, not a path", input=location,
                          hint="use kind files for a saved page")
    if not is_url and not Path(location).exists():
        raise SourceError("no such file or folder", input=location, hint="check the path")
    if chosen is None:
        if is_url:
            return _auto_url(location, name, policy, warnings)
        path = Path(location)
        if path.is_dir() and (path / "result.json").is_file() and \
                _sniff_path(path / "result.json") is SourceKind.telegram:
            return telegram.iter_export(location, source=name, warnings=warnings)
        return files.iter_files(location, source=name, warnings=warnings)
    if chosen is SourceKind.files:
        return files.iter_files(location, source=name, warnings=warnings)
    if chosen is SourceKind.rss:
        return feeds.iter_feed(location, source=name, policy=policy, warnings=warnings)
    if chosen is SourceKind.ransomware_posts:
        return ransomware.iter_posts(location, source=name, policy=policy, warnings=warnings)
    if chosen is SourceKind.telegram:
        return telegram.iter_export(location, source=name, warnings=warnings)
    return web.iter_page(location, source=name, policy=policy)

