"""RSS/Atom feeds and web pages over the local HTTP server, and the ``auto`` kind that tells them apart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from source_servers import RSS, LocalServer

from breachlens.errors import SourceError
from breachlens.model import SourceKind
from breachlens.sources import FetchPolicy, detect_kind, iter_items
from breachlens.sources.feeds import is_feed, parse_feed


def test_rss_feed(server: LocalServer, policy: FetchPolicy) -> None:
    warnings: list[str] = []
    items = list(iter_items(server.url("/rss.xml"), "rss", source="breach-watch", policy=policy, warnings=warnings))
    assert [item.url for item in items] == ["http://news.test/acme", "http://news.test/globex"]
    acme, globex = items
    assert acme.text == ("<h1>ACME Corp database for sale</h1>\n"
                         "<p>A seller offers <b>2 million</b> records of ACME Corp.</p>")
    assert acme.content_type == "html" and acme.source == "breach-watch"
    assert acme.published == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)  # +0100 made UTC
    assert acme.author == "desk@news.test (Desk)"
    assert acme.metadata == {"feed": "Breach Watch", "feed_url": server.url("/rss.xml"), "entry_id": "acme-1",
                             "title": "ACME Corp database for sale", "tags": ["sale"]}
    assert globex.published == datetime(2024, 3, 2, 8, 30, tzinfo=UTC)
    assert warnings == [f"{server.url('/rss.xml')} entry 3: no title and no content; skipped"]


def test_atom_feed_prefers_the_full_content(server: LocalServer, policy: FetchPolicy) -> None:
    (item,) = iter_items(server.url("/atom.xml"), "rss", policy=policy)
    assert item.text == "<h1>Initech breach claimed</h1>\n<p>The actor claims 500k Initech customer records.</p>"
    assert (item.url, item.author, item.source) == ("http://tracker.test/initech", "Analyst One",
                                                    server.url("/atom.xml"))
    assert item.published == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("path", ["/garbage", "/page.html"])
def test_a_body_that_is_not_a_feed(server: LocalServer, policy: FetchPolicy, path: str) -> None:
    with pytest.raises(SourceError) as caught:
        list(iter_items(server.url(path), "rss", policy=policy))
    message = str(caught.value)
    assert message.startswith(f"{server.url(path)}: not an RSS or Atom feed") and "Traceback" not in message


def test_garbage_typed_as_a_feed_is_refused_in_auto_mode_too(server: LocalServer, policy: FetchPolicy) -> None:
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        list(iter_items(server.url("/garbage"), policy=policy))


def test_untyped_garbage_is_not_a_page(server: LocalServer, policy: FetchPolicy) -> None:
    with pytest.raises(SourceError) as caught:
        list(iter_items(server.url("/garbage-untyped"), "web", policy=policy))
    assert str(caught.value).startswith(server.url("/garbage-untyped")) and "content type" in str(caught.value)


def test_feed_through_retries(server: LocalServer, policy: FetchPolicy) -> None:
    assert len(list(iter_items(server.url("/flaky"), "rss", policy=policy))) == 2


def test_saved_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    assert detect_kind(str(path)) is SourceKind.rss
    items = list(iter_items(str(path), "rss", source="saved", warnings=[]))
    assert [item.url for item in items] == ["http://news.test/acme", "http://news.test/globex"]
    assert all(item.source == "saved" for item in items)


def test_feed_file_missing(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        iter_items(str(tmp_path / "nope.xml"), "rss")


def test_web_page(server: LocalServer, policy: FetchPolicy) -> None:
    (item,) = iter_items(server.url("/redirect-page"), "web", source="forum", policy=policy)
    assert item.url == server.url("/page.html") and item.content_type == "html" and item.source == "forum"
    assert "22 millions de lignes, prix négociable" in item.text
    assert item.metadata == {"status": 200, "media_type": "text/html", "requested_url": server.url("/redirect-page"),
                             "redirects": [server.url("/redirect-page")]}


def test_web_page_charset_from_meta(server: LocalServer, policy: FetchPolicy) -> None:
    (item,) = iter_items(server.url("/latin1.html"), "web", policy=policy)
    assert "Données volées – 2 000 €" in item.text


def test_web_refuses_images(server: LocalServer, policy: FetchPolicy) -> None:
    with pytest.raises(SourceError) as caught:
        list(iter_items(server.url("/image.png"), "web", policy=policy))
    assert str(caught.value).startswith(f"{server.url('/image.png')}: not a web page (content type image/png)")


def test_web_errors_name_the_url(server: LocalServer, policy: FetchPolicy) -> None:
    with pytest.raises(SourceError) as caught:
        list(iter_items(server.url("/missing"), "web", policy=policy))
    assert str(caught.value).startswith(f"{server.url('/missing')}: the server answered HTTP 404")


def test_web_default_policy_refuses_loopback(server: LocalServer) -> None:
    with pytest.raises(SourceError, match="loopback"):
        list(iter_items(server.url("/page.html"), "web"))


@pytest.mark.parametrize(("path", "kind"), [
    ("/rss.xml", SourceKind.rss), ("/atom.xml", SourceKind.rss), ("/feed-as-xml", SourceKind.rss),
    ("/page.html", SourceKind.web),
])
def test_detect_kind_of_urls(server: LocalServer, policy: FetchPolicy, path: str, kind: SourceKind) -> None:
    assert detect_kind(server.url(path), policy=policy) is kind


def test_auto_fetches_once_and_reads_feed_or_page(server: LocalServer, policy: FetchPolicy) -> None:
    feed_items = list(iter_items(server.url("/feed-as-xml"), policy=policy))
    page_items = list(iter_items(server.url("/page.html"), "auto", policy=policy))
    assert len(feed_items) == 2 and [item.content_type for item in page_items] == ["html"]
    assert server.hits["/feed-as-xml"] == 1 and server.hits["/page.html"] == 1


def test_is_feed_sniffing() -> None:
    assert is_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">')
    assert is_feed(b"<feed xmlns='http://www.w3.org/2005/Atom'>")
    assert is_feed(b"anything", "application/atom+xml; charset=utf-8")
    assert not is_feed(b"<html><body><p>see our <rss> feed</p></body></html>")
    assert not is_feed(b"{}")


def test_parse_feed_never_fetches_a_string_url() -> None:
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        list(parse_feed(b"http://127.0.0.1:1/feed.xml", source="x"))
