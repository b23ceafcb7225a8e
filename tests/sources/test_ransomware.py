"""Leak-site post feeds written by the tests with Faker names."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from faker import Faker
from source_servers import LocalServer

from breachlens.errors import SourceError
from breachlens.model import SourceKind
from breachlens.sources import FetchPolicy, detect_kind, iter_items


def posts(faker: Faker, count: int = 3) -> list[dict[str, Any]]:
    records = []
    for _ in range(count):
        domain = faker.domain_name()
        records.append({"post_title": domain.upper(), "group_name": f"{faker.word()}{faker.random_int(2, 9)}",
                        "discovered": "2023-07-26 20:57:28.843391", "published": "2023-07-26 20:57:28.843369",
                        "website": f"https://www.{domain}", "description": faker.sentence(), "country": "FR"})
    return records


def test_post_list(tmp_path: Path, faker: Faker) -> None:
    records = posts(faker)
    records[1]["description"] = ""
    records[2]["website"] = None
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert detect_kind(str(path)) is SourceKind.ransomware_posts
    items = list(iter_items(str(path), "ransomware-posts", source="leak-sites"))
    first, second, third = items
    group, title, site = records[0]["group_name"], records[0]["post_title"], records[0]["website"]
    assert first.text == (f"{group} ransomware leak site: {title} ({site}) listed as a victim.\n\n"
                          f"{records[0]['description']}")
    assert first.published == datetime(2023, 7, 26, 20, 57, 28, 843369, tzinfo=UTC)
    assert first.metadata == {"claim_type": "ransomware", "actor": group, "victim": title, "website": site,
                              "discovered": "2023-07-26T20:57:28.843391+00:00", "country": "FR",
                              "record": f"{path} record 1"}
    assert first.author == group and first.source == "leak-sites" and first.content_type == "text"
    assert second.text.endswith("listed as a victim.")
    assert f"{records[2]['post_title']} listed as a victim." in third.text and third.metadata["website"] is None


def test_records_object_and_bad_records(tmp_path: Path, faker: Faker) -> None:
    records: list[Any] = posts(faker, 2)
    records.insert(1, {"post_title": "NO-GROUP.TEST", "group_name": ""})
    records.append([1, 2])
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"records": records}), encoding="utf-8")
    warnings: list[str] = []
    items = list(iter_items(str(path), warnings=warnings))  # auto: the files connector knows posts too
    assert [item.metadata["victim"] for item in items] == [records[0]["post_title"], records[2]["post_title"]]
    assert warnings == [f"{path} object 2: leak-site post without group_name; skipped",
                        f"{path} object 4: not an object (list); skipped"]
    warnings.clear()
    assert len(list(iter_items(str(path), "ransomware-posts", warnings=warnings))) == 2
    assert warnings == [f"{path} record 2: leak-site post without group_name; skipped",
                        f"{path} record 4: not an object (list); skipped"]


def test_jsonl_posts(tmp_path: Path, faker: Faker) -> None:
    path = tmp_path / "posts.jsonl"
    lines = [json.dumps(record) for record in posts(faker, 2)]
    path.write_text(lines[0] + "\n{oops\n" + lines[1] + "\n", encoding="utf-8")
    warnings: list[str] = []
    items = list(iter_items(str(path), "ransomware-posts", warnings=warnings))
    assert len(items) == 2 and warnings[0].startswith(f"{path} line 2: invalid JSON")


def test_not_a_post_list(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text(json.dumps({"victims": []}), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(iter_items(str(path), "ransomware-posts"))
    assert str(caught.value).startswith(f"{path}: not a list of leak-site posts")


def test_posts_over_http(server: LocalServer, policy: FetchPolicy, faker: Faker) -> None:
    server.extra["/extra"] = json.dumps(posts(faker, 2)).encode()
    items = list(iter_items(server.url("/extra"), "ransomware-posts", policy=policy))
    assert [item.metadata["claim_type"] for item in items] == ["ransomware", "ransomware"]
    server.extra["/extra"] = b"<html>not json</html>"
    with pytest.raises(SourceError, match=r"/extra: the body is not JSON"):
        list(iter_items(server.url("/extra"), "ransomware-posts", policy=policy))
