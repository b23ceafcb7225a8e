"""Telegram Desktop exports written by the tests with Faker names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from faker import Faker

from breachlens.errors import SourceError
from breachlens.model import SourceKind
from breachlens.sources import detect_kind, iter_items
from breachlens.sources.telegram import flatten_text, items_from_export


def export(faker: Faker, *, username: str | None = None) -> dict[str, Any]:
    company = faker.company()
    channel = f"{faker.word().title()} Leaks"
    data: dict[str, Any] = {"name": channel, "type": "public_channel", "id": faker.random_int(10**9, 2 * 10**9)}
    if username:
        data["username"] = username
    data["messages"] = [
        {"id": 1, "type": "service", "date": "2024-03-01T09:00:00", "date_unixtime": "1709283600",
         "actor": channel, "action": "create_channel", "title": channel, "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2024-03-01T12:00:00", "date_unixtime": "1709294400",
         "from": channel, "from_id": "channel123", "text": f"{company} database: 3M users, $1,500",
         "text_entities": [{"type": "plain", "text": f"{company} database: 3M users, $1,500"}]},
        {"id": 3, "type": "message", "date": "2024-03-02T08:15:00", "date_unixtime": "1709367300",
         "edited": "2024-03-02T09:00:00", "edited_unixtime": "1709370000", "from": channel,
         "text": ["New dump of ", {"type": "bold", "text": company}, " — sample: ",
                  {"type": "text_link", "text": "here", "href": "https://files.example.test/sample.zip"},
                  " mirror ", {"type": "link", "text": "https://mirror.example.test/x"}],
         "text_entities": [{"type": "plain", "text": "New dump of "}, {"type": "bold", "text": company},
                           {"type": "plain", "text": " — sample: "},
                           {"type": "text_link", "text": "here", "href": "https://files.example.test/sample.zip"},
                           {"type": "plain", "text": " mirror "},
                           {"type": "link", "text": "https://mirror.example.test/x"}]},
        {"id": 4, "type": "message", "date": "2024-03-02T10:00:00", "date_unixtime": "1709373600", "from": channel,
         "photo": "photos/photo_1.jpg", "width": 800, "height": 600, "text": "", "text_entities": []},
        {"id": 5, "type": "message", "date": "2024-03-03T07:00:00", "from": faker.name(),
         "forwarded_from": faker.company(), "photo": "photos/photo_2.jpg", "text": "caption of a forwarded post"},
        "not a message",
    ]
    return data


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def test_channel_export(tmp_path: Path, faker: Faker) -> None:
    data = export(faker, username="@acme_leaks_chan")
    path = write(tmp_path / "ChatExport_2024-03-04" / "result.json", data)
    warnings: list[str] = []
    items = list(iter_items(str(path), "telegram", source="tg", warnings=warnings))
    assert [item.metadata["message_id"] for item in items] == [2, 3, 5]  # service, photo-only, non-object skipped
    sale, dump, forwarded = items
    channel = data["name"]
    assert sale.text == data["messages"][1]["text"] and sale.author == channel and sale.source == "tg"
    assert sale.url == "https://t.me/acme_leaks_chan/2"
    assert sale.published == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    assert sale.metadata == {"channel": channel, "channel_id": data["id"], "message_id": 2, "links": [],
                             "from_id": "channel123"}
    company = data["messages"][2]["text"][1]["text"]
    assert dump.text == f"New dump of {company} — sample: here mirror https://mirror.example.test/x"
    assert dump.metadata["links"] == ["https://files.example.test/sample.zip", "https://mirror.example.test/x"]
    assert dump.metadata["edited"] == "2024-03-02T09:00:00+00:00"
    assert forwarded.published == datetime(2024, 3, 3, 7, 0, tzinfo=UTC)  # no unixtime: local date taken as UTC
    assert forwarded.metadata["forwarded_from"] and forwarded.metadata["has_media"] is True
    assert warnings == [f"{path} message 6: not an object (str); skipped"]


def test_without_username_there_is_no_url(tmp_path: Path, faker: Faker) -> None:
    path = write(tmp_path / "result.json", export(faker))
    items = list(iter_items(str(path), warnings=[]))
    assert len(items) == 3 and all(item.url is None for item in items)


def test_export_folder_is_detected(tmp_path: Path, faker: Faker) -> None:
    folder = tmp_path / "ChatExport"
    write(folder / "result.json", export(faker))
    (folder / "photos").mkdir()
    (folder / "photos" / "photo_1.jpg").write_bytes(b"\xff\xd8\xff" + bytes(16))
    assert detect_kind(str(folder)) is SourceKind.telegram
    warnings: list[str] = []
    assert len(list(iter_items(str(folder), warnings=warnings))) == 3
    assert len(warnings) == 1  # the non-object message; the photos folder is not read as files


def test_full_account_export(faker: Faker) -> None:
    data = {"chats": {"about": "", "list": [export(faker), export(faker)]}}
    assert len(list(items_from_export(data, "result.json", username="some_chan"))) == 6


def test_invalid_export(tmp_path: Path) -> None:
    path = write(tmp_path / "result.json", {"name": "x", "chats": 3})
    with pytest.raises(SourceError) as caught:
        list(iter_items(str(path), "telegram"))
    assert str(caught.value).startswith(f"{path}: not a Telegram Desktop export") and "Telegram Desktop" in str(
        caught.value)
    broken = tmp_path / "broken" / "result.json"
    broken.parent.mkdir()
    broken.write_text('{"messages": [', encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken/result.json: invalid JSON at line 1"):
        list(iter_items(str(broken), "telegram"))


@pytest.mark.parametrize(("value", "expected"), [
    ("plain", ("plain", [])),
    (["a", {"type": "bold", "text": "b"}, {"type": "text_link", "text": "c", "href": "https://x.test"}],
     ("abc", ["https://x.test"])),
    ([{"type": "mention", "text": "@user"}, 3, None], ("@user", [])),
    (None, ("", [])),
])
def test_flatten_text(value: Any, expected: tuple[str, list[str]]) -> None:
    assert flatten_text(value) == expected
