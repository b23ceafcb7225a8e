"""The files connector: a folder of mixed files gives items and one warning per thing it could not read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from faker import Faker

from breachlens.errors import SourceError
from breachlens.model import SourceKind
from breachlens.sources import detect_kind, iter_items
from breachlens.sources.files import walk


@pytest.fixture
def folder(tmp_path: Path, faker: Faker) -> Path:
    root = tmp_path / "posts"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    company = faker.company()
    (root / "a.txt").write_text(f"Selling {company} database, 2M rows, $2,500", encoding="utf-8")
    (root / "b.md").write_text(f"# {company}\n\n**Leak** of 40k customers", encoding="utf-8")
    (root / "c.html").write_text(f"<html><body><p>{company} dump</p></body></html>", encoding="utf-8")
    (root / "d.json").write_text(json.dumps([
        {"title": f"{company} leak", "body": "500k users", "link": "https://forum.test/t/1",
         "author": {"name": faker.user_name()}, "date": "2024-03-01T12:00:00Z", "id": 7},
        {"views": 12},
        "a plain string post",
        42,
    ]), encoding="utf-8")
    (root / "e.json").write_text(json.dumps({"content": "<p>one object</p>", "created_at": 1709294400}),
                                 encoding="utf-8")
    (root / "f.jsonl").write_text("\n".join([
        json.dumps({"message": "first line", "published": "2024-03-02 10:00:00"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "fourth", "date": "yesterday-ish"}),
    ]) + "\n", encoding="utf-8")
    (root / "g.bin.txt").write_bytes(b"\x00\x01\x02binary\x00\x00" * 20)
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    (root / "empty.txt").write_bytes(b"")
    (root / "latin1.txt").write_bytes("Donn\u00e9es de sant\u00e9 \u2013 vente".encode("cp1252"))
    (root / "utf16.txt").write_bytes("UTF-16 post \u00e9".encode("utf-16"))
    (root / "broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / ".git" / "config.txt").write_text("hidden folder", encoding="utf-8")
    (root / "sub" / "nested.txt").write_text("nested post", encoding="utf-8")
    return root


def test_folder_items_and_warnings(folder: Path) -> None:
    warnings: list[str] = []
    items = list(iter_items(str(folder), warnings=warnings))
    rel = [(Path(item.metadata["path"]).relative_to(folder).as_posix(), item.content_type) for item in items]
    assert rel == [
        ("a.txt", "text"), ("b.md", "markdown"), ("c.html", "html"),
        ("d.json", "text"), ("d.json", "text"),
        ("e.json", "html"),
        ("f.jsonl", "text"), ("f.jsonl", "text"),
        ("latin1.txt", "text"),
        ("sub/nested.txt", "text"),
        ("utf16.txt", "text"),
    ]
    assert all(item.source == str(folder) for item in items)
    by_text = {item.text: item for item in items}
    assert by_text["Données de santé – vente"].url == str(folder / "latin1.txt")
    assert "UTF-16 post é" in by_text
    assert "a plain string post" in by_text and "<p>one object</p>" in by_text
    assert by_text["<p>one object</p>"].published == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert by_text["first line"].published == datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
    assert by_text["first line"].metadata == {"path": str(folder / "f.jsonl"), "line": 1}
    d = folder / "d.json"
    expected = [
        f"{folder / 'broken.json'}: invalid JSON at line 1, column 10: Unterminated string starting at; skipped",
        f"{d} object 2: no text (none of text, content, body, description, message, title holds a string); skipped",
        f"{d} object 4: not an object (int); skipped",
        f"{folder / 'empty.txt'}: the input is empty",
        f"{folder / 'f.jsonl'} line 2: invalid JSON (Expecting property name enclosed in double quotes, column 2); "
        "skipped",
        f"{folder / 'f.jsonl'} line 4: not an object (list); skipped",
        f"{folder / 'f.jsonl'} line 5: unreadable date date='yesterday-ish'; kept without a date",
        f"{folder / 'g.bin.txt'}: this looks like a binary file",
        f"{folder / 'image.png'}: not a file type breachlens reads (.png;",
        f"{folder / 'latin1.txt'}: not valid UTF-8 (byte 4); read as Windows-1252",
        f"{folder / 'utf16.txt'}: read as UTF-16",
    ]
    assert len(warnings) == len(expected)
    for warning, start in zip(warnings, expected, strict=True):
        assert warning.startswith(start), (warning, start)
    assert not any("hidden" in warning or "Traceback" in warning for warning in warnings)


def test_generic_json_object_fields(folder: Path) -> None:
    items = list(iter_items(str(folder / "d.json"), warnings=[]))
    first = items[0]
    assert first.text.endswith(" leak\n\n500k users") and first.url == "https://forum.test/t/1"
    assert first.author and first.published == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert first.metadata == {"path": str(folder / "d.json"), "index": 0, "id": 7}


def test_walk_is_sorted_and_skips_hidden(folder: Path) -> None:
    names = [path.relative_to(folder).as_posix() for path in walk(folder)]
    assert names == sorted(names, key=lambda name: name.split("/")) and "sub/nested.txt" in names
    assert not any(part.startswith(".") for name in names for part in name.split("/"))


def test_single_file_with_any_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "post.log"
    path.write_text("Selling access to a bank, 3 BTC", encoding="utf-8")
    (item,) = iter_items(str(path))
    assert (item.text, item.content_type, item.url, item.source) == (path.read_text(), "text", str(path), str(path))


def test_missing_path_is_a_source_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope")
    for kind in ("auto", "files", "telegram", "ransomware-posts"):
        with pytest.raises(SourceError) as caught:
            list(iter_items(missing, kind))
        assert str(caught.value).startswith(f"{missing}: no ") and "Traceback" not in str(caught.value)
    with pytest.raises(SourceError, match="no such file, folder or URL"):
        detect_kind(missing)


def test_kind_checks(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="unknown source kind 'pastebin'; use one of auto, files, rss"):
        iter_items(str(tmp_path), "pastebin")
    with pytest.raises(SourceError, match="the web kind fetches an http"):
        iter_items(str(tmp_path), "web")
    with pytest.raises(SourceError, match="reads local paths, not URLs"):
        iter_items("https://example.test/result.json", SourceKind.telegram)


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("notes.txt", "text", SourceKind.files),
    ("page.html", "<p>x</p>", SourceKind.files),
    ("posts.json", json.dumps([{"title": "x", "body": "y"}]), SourceKind.files),
    ("bad.json", "{", SourceKind.files),
    ("posts.jsonl", json.dumps({"post_title": "X.COM", "group_name": "g"}), SourceKind.ransomware_posts),
    ("other.jsonl", json.dumps({"text": "x"}), SourceKind.files),
    ("records.json", json.dumps({"records": [{"post_title": "X.COM", "group_name": "g"}]}),
     SourceKind.ransomware_posts),
    ("result.json", json.dumps({"name": "c", "messages": [{"id": 1, "type": "message", "text": "x"}]}),
     SourceKind.telegram),
    ("page.xml", "<html><body>not a feed</body></html>", SourceKind.files),
])
def test_detect_kind_of_files(tmp_path: Path, name: str, content: str, kind: SourceKind) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_kind(str(path)) is kind
    assert detect_kind(str(tmp_path)) in (SourceKind.files, SourceKind.telegram)
