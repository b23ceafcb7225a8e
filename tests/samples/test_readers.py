"""The sample readers: one table per format (CSV, JSON, SQL, XLSX), archives, limits and errors.

Every fixture is synthetic: literal rows written for these tests, or Faker people from ``sample_writers``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from sample_writers import (
    COLUMNS,
    csv_text,
    json_text,
    jsonl_text,
    mark_encrypted,
    mysql_dump,
    people,
    postgres_dump,
    write_gzip,
    write_xlsx,
    write_zip,
)

from breachlens.errors import InputError, SampleFormatError
from breachlens.model import ReadInfo
from breachlens.samples import readers
from breachlens.samples.readers import ReadLimits, SampleReader, read_sample


def read_all(path: Path, **options: Any) -> tuple[pl.DataFrame, ReadInfo]:
    """Every row of ``path`` in one frame, and the info after the read."""
    with read_sample(path, **options) as reader:
        batches = list(reader)
    for batch in batches:
        assert batch.columns == reader.columns
        assert all(dtype == pl.String for dtype in batch.dtypes)
    frame = pl.concat(batches) if batches else pl.DataFrame(schema=dict.fromkeys(reader.columns, pl.String))
    return frame, reader.info


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def has_damage(info: ReadInfo, *parts: str) -> bool:
    return any(all(part in entry for part in parts) for entry in info.damage)


# --------------------------------------------------------------------------------------------------------- CSV
ACCENTS = "id,nom,note\n1,Hélène,“prix” 5 €\n2,Zoë,ok\n"
LATIN = "id,nom,ville\n1,Hélène,Orléans\n2,Zoë,Besançon\n"

CSV_CASES = [
    # (id, file bytes, delimiter, encoding, columns, rows, damage fragments)
    ("comma", b"id,email,city\n1,jean@example.fr,Paris\n2,marie@example.fr,Lyon\n", ",", "utf-8",
     ["id", "email", "city"], [("1", "jean@example.fr", "Paris"), ("2", "marie@example.fr", "Lyon")], []),
    ("semicolon", b"id;email;city\n1;jean@example.fr;Paris, 11e\n2;marie@example.fr;Lyon\n", ";", "utf-8",
     ["id", "email", "city"], [("1", "jean@example.fr", "Paris, 11e"), ("2", "marie@example.fr", "Lyon")], []),
    ("tab", b"id\temail\n1\tjean@example.fr\n2\tmarie@example.fr\n", "\t", "utf-8",
     ["id", "email"], [("1", "jean@example.fr"), ("2", "marie@example.fr")], []),
    ("pipe", b"id|email|pass\n1|jean@example.fr|a,b\n2|marie@example.fr|c;d\n", "|", "utf-8",
     ["id", "email", "pass"], [("1", "jean@example.fr", "a,b"), ("2", "marie@example.fr", "c;d")], []),
    ("colon combo list without header", b"jean@example.fr:s3cret\nmarie@example.org:pa55word\n", ":", "utf-8",
     ["column_1", "column_2"], [("jean@example.fr", "s3cret"), ("marie@example.org", "pa55word")], []),
    ("one column", b"email\njean@example.fr\nmarie@example.fr\n", ",", "utf-8",
     ["email"], [("jean@example.fr",), ("marie@example.fr",)], []),
    ("quoted delimiters, line breaks and quotes",
     b'id,name,note\n1,"Dupont, Jean","dit ""bonjour""\npuis part"\n2,Martin,"a,b"\n', ",", "utf-8",
     ["id", "name", "note"], [("1", "Dupont, Jean", 'dit "bonjour"\npuis part'), ("2", "Martin", "a,b")], []),
    ("single quotes", b"id;name\n1;'Dupont; Jean'\n2;'O''Brien'\n", ";", "utf-8",
     ["id", "name"], [("1", "Dupont; Jean"), ("2", "O'Brien")], []),
    ("crlf and blank lines", b"id,name\r\n\r\n1,Jean\r\n2,\r\n", ",", "utf-8",
     ["id", "name"], [("1", "Jean"), ("2", None)], []),
    ("utf-8 with BOM", codecs.BOM_UTF8 + ACCENTS.encode(), ",", "utf-8-sig",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + ACCENTS.encode("utf-16-le"), ",", "utf-16-le",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + ACCENTS.encode("utf-16-be"), ",", "utf-16-be",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("utf-32 LE with BOM", codecs.BOM_UTF32_LE + ACCENTS.encode("utf-32-le"), ",", "utf-32-le",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("utf-32 BE with BOM", codecs.BOM_UTF32_BE + ACCENTS.encode("utf-32-be"), ",", "utf-32-be",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("utf-16 LE without BOM", ACCENTS.encode("utf-16-le"), ",", "utf-16-le",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("windows-1252", ACCENTS.encode("cp1252"), ",", "cp1252",
     ["id", "nom", "note"], [("1", "Hélène", "“prix” 5 €"), ("2", "Zoë", "ok")], []),
    ("latin-1", LATIN.encode("latin-1"), ",", "latin-1",
     ["id", "nom", "ville"], [("1", "Hélène", "Orléans"), ("2", "Zoë", "Besançon")], []),
    ("headerless", b"1,jean@example.fr,06 01 02 03 04\n2,marie@example.fr,06 05 06 07 08\n", ",", "utf-8",
     ["column_1", "column_2", "column_3"],
     [("1", "jean@example.fr", "06 01 02 03 04"), ("2", "marie@example.fr", "06 05 06 07 08")], []),
    ("duplicate and blank headers", b"email,,email, name \njean@example.fr,x,j2@example.fr,Jean\n", ",", "utf-8",
     ["email", "column_2", "email_2", "name"], [("jean@example.fr", "x", "j2@example.fr", "Jean")], []),
    ("ragged rows", b"id,name,city\n1,Jean,Paris\n2,Marie\n3,Paul,Lyon,extra,more\n4,Zoe,Nice\n", ",", "utf-8",
     ["id", "name", "city"],
     [("1", "Jean", "Paris"), ("2", "Marie", None), ("3", "Paul", "Lyon"), ("4", "Zoe", "Nice")],
     ["line 3: 1 row(s) with fewer than 3 fields", "line 4: 1 row(s) with more than 3 fields"]),
    ("truncated inside a quote", b'id,name,note\n1,Jean,"ok"\n2,Marie,"this note is cu', ",", "utf-8",
     ["id", "name", "note"], [("1", "Jean", "ok")], ["line 3: unterminated quote; rows after it were not read"]),
    ("truncated mid-line", b"id,name,city\n1,Jean,Paris\n2,Ma", ",", "utf-8",
     ["id", "name", "city"], [("1", "Jean", "Paris"), ("2", "Ma", None)], ["line 3: 1 row(s) with fewer"]),
    ("a quote inside an unquoted field", b'id,height,name\n1,5\'11",Jean\n2,6\'0,Marie\n', ",", "utf-8",
     ["id", "height", "name"], [("1", "5'11\"", "Jean"), ("2", "6'0", "Marie")],
     ["lines 2-3: malformed quoting (a quote inside an unquoted field?)"]),
    ("ragged rows beside quoted line breaks", b'a,b,c\n1,"x\ny",3\n4,5\n"m\n\nn",1,2,3\n6\n', ",", "utf-8",
     ["a", "b", "c"], [("1", "x\ny", "3"), ("4", "5", None), ("m\n\nn", "1", "2"), ("6", None, None)],
     ["line 4: 2 row(s) with fewer than 3 fields", "line 5: 1 row(s) with more than 3 fields"]),
    ("header only", b"id,email,city\n", ",", "utf-8", ["id", "email", "city"], [], []),
    ("a NUL byte is text, not a binary file", b"id,name\n1,ab\x00c\n2,d\n", ",", "utf-8",
     ["id", "name"], [("1", "ab\x00c"), ("2", "d")], []),
]


@pytest.mark.parametrize(("data", "delimiter", "encoding", "columns", "rows", "damage"),
                         [pytest.param(*case[1:], id=case[0]) for case in CSV_CASES])
def test_csv(tmp_path: Path, data: bytes, delimiter: str, encoding: str, columns: list[str],
             rows: list[tuple[str | None, ...]], damage: list[str]) -> None:
    frame, info = read_all(write(tmp_path, "sample.csv", data))
    assert (info.format, info.delimiter, info.encoding) == ("csv", delimiter, encoding)
    assert frame.columns == info.columns == columns
    assert frame.rows() == rows
    assert info.rows == len(rows)
    for fragment in damage:
        assert has_damage(info, fragment), info.damage
    if not damage:
        assert info.damage == []


def test_csv_invalid_utf8_after_the_head_is_replaced_and_noted(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "_HEAD_BYTES", 32)  # the encoding is decided on a clean head
    path = write(tmp_path, "late.csv", b"id,email,city\n1,jean@example.fr,Paris\n2,marie@example.fr,Orl\xe9ans\n")
    frame, info = read_all(path)
    assert info.encoding == "utf-8"
    assert frame["city"].to_list() == ["Paris", "Orl\ufffdans"]
    assert has_damage(info, "lines 2-", "not valid UTF-8")


def test_csv_many_batches_across_block_cuts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2-3 MB file with quoted line breaks, read in small blocks: same rows as Python's csv module."""
    monkeypatch.setattr(readers, "_CSV_BLOCK", 96 << 10)
    text = csv_text(people(24_000))
    path = write(tmp_path, "big.csv", text)
    assert 2_000_000 < path.stat().st_size < 3_000_000
    calls: list[tuple[int, int]] = []
    with read_sample(path, limits=ReadLimits(batch_rows=5_000), progress=lambda d, t: calls.append((d, t))) as r:
        batches = list(r)
    assert [b.height for b in batches] == [5_000, 5_000, 5_000, 5_000, 4_000]
    assert all(b.columns == COLUMNS for b in batches)
    assert r.info.rows == 24_000 and r.info.damage == []
    expected = [tuple(cell or None for cell in row) for row in list(csv.reader(io.StringIO(text)))[1:]]
    assert pl.concat(batches).rows() == expected
    assert calls[-1] == (path.stat().st_size, path.stat().st_size)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def python_csv_rows(text: str, width: int) -> list[tuple[str | None, ...]]:
    """What Python's csv module reads in ``text`` after its header, padded to ``width`` like the reader does."""
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return [tuple(cell or None for cell in (row + [""] * width)[:width]) for row in rows if any(row)]


@pytest.mark.parametrize("block", [61, 5_000, 32 << 20])
def test_csv_stray_quotes_and_line_breaks_read_as_python_csv_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   block: int) -> None:
    """Quotes inside unquoted fields (5'11") upset quote parity: records must still end where they end."""
    monkeypatch.setattr(readers, "_CSV_BLOCK", block)
    monkeypatch.setattr(readers, "_HEAD_BYTES", 3_000)
    monkeypatch.setattr(readers, "_SPLIT_BELOW", 2_000)
    lines = csv_text(people(400)).splitlines(keepends=True)
    for number in range(3, len(lines), 37):
        if '"' not in lines[number] and lines[number].count(",") == 6:
            lines[number] = lines[number].replace(",", " 5'11\",", 5)
    text = "".join(lines)
    assert text.count("5'11\"") > 5
    frame, info = read_all(write(tmp_path, "stray.csv", text))
    assert frame.rows() == python_csv_rows(text, len(COLUMNS))
    assert has_damage(info, "malformed quoting")


def test_csv_unterminated_quote_mid_file_stops_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "_CSV_BLOCK", 20_000)
    monkeypatch.setattr(readers, "_MAX_RECORD", 50_000)
    text = "id,name\n" + "".join(f"{i},name {i}\n" for i in range(1, 3_000))
    cut = text.index("\n1500,") + 1
    text = text[:cut] + '1499.5,"never closed\n' + text[cut:]
    frame, info = read_all(write(tmp_path, "broken.csv", text))
    assert frame.height == 1_499 and frame["id"][-1] == "1499"
    assert info.damage == ["line 1501: unterminated quote; rows after it were not read"]


# ---------------------------------------------------------------------------------------------- every format
STREAMED = {
    "users.csv": lambda rows: csv_text(rows),
    "users.json": lambda rows: json_text(rows),
    "users.jsonl": lambda rows: jsonl_text(rows),
    "wrapped.json": lambda rows: json.dumps({"meta": {"n": len(rows), "list": [1, {"a": "]"}]}, "users": rows}),
    "mysql.sql": lambda rows: mysql_dump("users", rows),
    "postgres.sql": lambda rows: postgres_dump("users", rows),
}


@pytest.mark.parametrize("name", STREAMED)
@pytest.mark.parametrize("block", [13, 1_000])
def test_every_text_format_reads_the_same_in_tiny_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         name: str, block: int) -> None:
    """Records cut anywhere by the block ends (inside strings, escapes, numbers, keys) are read whole."""
    rows = people(300)
    expected = [tuple(row[c] or None for c in COLUMNS) for row in rows]
    path = write(tmp_path, name, STREAMED[name](rows))
    for attribute in ("_TEXT_BLOCK", "_CSV_BLOCK"):
        monkeypatch.setattr(readers, attribute, block)
    monkeypatch.setattr(readers, "_HEAD_BYTES", 3_000 if name.endswith(".csv") else block)
    frame, info = read_all(path, limits=ReadLimits(batch_rows=97))
    assert (frame.columns, frame.rows(), info.damage) == (COLUMNS, expected, [])


# -------------------------------------------------------------------------------------------------------- JSON
JSON_CASES = [
    # (id, file name, text, batch rows, format, columns, rows, damage fragments)
    ("array with nested values", "s.json",
     '[{"id": 1, "email": "a@example.fr", "tags": ["x", "é"], "meta": {"vip": true}, "score": 1.5, "ok": false,'
     ' "gone": null, "empty": ""},\n {"id": 2, "email": "b@example.fr", "late": "yes"}]',
     100, "json", ["id", "email", "tags", "meta", "score", "ok", "gone", "empty", "late"],
     [("1", "a@example.fr", '["x", "é"]', '{"vip": true}', "1.5", "false", None, None, None),
      ("2", "b@example.fr", None, None, None, None, None, None, "yes")], []),
    ("object holding the records", "s.json",
     '{"meta": {"count": 2, "list": [1, 2]}, "total": 2, "data": [{"id": 1, "email": "a@example.fr"},'
     ' {"id": 2, "email": "b@example.fr"}], "after": true}',
     100, "json", ["id", "email"], [("1", "a@example.fr"), ("2", "b@example.fr")], []),
    ("json lines", "s.txt", '{"id": 1, "email": "a@example.fr"}\n\n{"id": 2, "email": "b@example.fr"}\n',
     100, "jsonl", ["id", "email"], [("1", "a@example.fr"), ("2", "b@example.fr")], []),
    ("keys first seen after the first batch", "s.jsonl",
     '{"id": 1}\n{"id": 2, "email": "b@example.fr"}\n{"id": 3, "phone": "0601020304"}\n',
     2, "jsonl", ["id", "email"], [("1", None), ("2", "b@example.fr"), ("3", None)],
     ["key 'phone' first appears after the first 2 records; ignored"]),
    ("array cut inside a record", "s.json", '[\n{"id": 1},\n{"id": 2},\n{"id": 3, "em',
     100, "json", ["id"], [("1",), ("2",)], ["line 4: the JSON stops inside a record", "not read"]),
    ("array cut after a record", "s.json", '[\n{"id": 1},\n{"id": 2}\n',
     100, "json", ["id"], [("1",), ("2",)], ["the JSON array has no closing bracket"]),
    ("json lines cut short", "s.jsonl", '{"id": 1}\n{"id": 2}\n{"id": 3, "ema',
     100, "jsonl", ["id"], [("1",), ("2",)], ["line 3: the last line is cut short or invalid; skipped"]),
    ("bad lines and items skipped", "s.jsonl", '{"id": 1}\nnot json\n[1, 2]\n{"id": 4}\n',
     100, "jsonl", ["id"], [("1",), ("4",)],
     ["line 2: 1 line(s) that are not valid JSON", "line 3: 1 line(s) that are not JSON objects"]),
    ("array items that are not objects", "s.json", '[{"id": 1}, 2, "x", {"id": 4}]',
     100, "json", ["id"], [("1",), ("4",)], ["line 1: 2 array item(s) that are not objects; skipped"]),
]


@pytest.mark.parametrize(("name", "text", "batch_rows", "kind", "columns", "rows", "damage"),
                         [pytest.param(*case[1:], id=case[0]) for case in JSON_CASES])
def test_json(tmp_path: Path, name: str, text: str, batch_rows: int, kind: str, columns: list[str],
              rows: list[tuple[str | None, ...]], damage: list[str]) -> None:
    frame, info = read_all(write(tmp_path, name, text), limits=ReadLimits(batch_rows=batch_rows))
    assert info.format == kind
    assert frame.columns == columns
    assert frame.rows() == rows
    for fragment in damage:
        assert has_damage(info, fragment), info.damage
    if not damage:
        assert info.damage == []


@pytest.mark.parametrize(("text", "message"), [
    ('{"count": 3, "source": "forum"}', "holds no list of records"),
    ("[1, 2, 3]", "holds int values, not records"),
    ('[["id", "email"], [1, "a@example.fr"]]', "holds list values, not records"),
    ('{"data": [1, 2], "other": {"a": 1}}', "holds no list of records"),
    ("[]", "the JSON holds no records"),
])
def test_json_that_is_not_records_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "s.json", text)
    with pytest.raises(SampleFormatError, match=message) as caught:
        read_sample(path)
    assert str(path) in str(caught.value)


DEEP = "[" * 100_000 + "]" * 100_000  # deeper than Python's json module can decode: RecursionError


@pytest.mark.parametrize(("name", "text", "found"), [
    ("s.json", '[{"email": "a@example.org"}, ' + DEEP + "]", "nested too deeply"),
    ("s.jsonl", '{"email": "a@example.org"}\n{"x": ' + DEEP + '}\n{"email": "b@example.org"}\n', "not valid JSON"),
])
def test_json_nested_too_deeply_is_damage_not_a_traceback(tmp_path: Path, name: str, text: str, found: str) -> None:
    frame, info = read_all(write(tmp_path, name, text))
    assert frame["email"].to_list()[0] == "a@example.org"
    assert any(found in line for line in info.damage)


def test_json_object_nested_too_deeply_is_refused_clearly(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", '{"x": ' + DEEP + ', "data": [{"email": "a@example.org"}]}')
    with pytest.raises(SampleFormatError, match="nested too deeply") as caught:
        read_sample(path)
    assert str(path) in str(caught.value)


# --------------------------------------------------------------------------------------------------------- SQL
MYSQL = r"""-- MySQL dump 10.13  Distrib 8.0.36
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `users`;
CREATE TABLE `users` (
  `id` int NOT NULL AUTO_INCREMENT,
  `email` varchar(255) DEFAULT NULL COMMENT 'login, unique',
  `note` text,
  PRIMARY KEY (`id`),
  UNIQUE KEY `email` (`email`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `users` WRITE;
INSERT INTO `users` (`id`, `email`, `note`) VALUES (1,'jean@example.fr','it\'s \"quoted\"\nnext\\line'),
(2,'marie@example.fr',NULL),(3,'o''brien@example.fr','semi;colon, comma (paren) ),('),
(4 , _binary 'bin' , '');
UNLOCK TABLES;
"""
MYSQL_ROWS = [("1", "jean@example.fr", "it's \"quoted\"\nnext\\line"), ("2", "marie@example.fr", None),
              ("3", "o'brien@example.fr", "semi;colon, comma (paren) ),("), ("4", "bin", None)]
POSTGRES = """--
-- PostgreSQL database dump
--
SET standard_conforming_strings = on;
CREATE TABLE public.users (
    id integer NOT NULL,
    email text,
    note text
);
COPY public.users (id, email, note) FROM stdin;
1\tjean@example.fr\ttab\\there\\nnew line
2\t\\N\tback\\\\slash \\101
\\.
"""
POSTGRES_ROWS = [("1", "jean@example.fr", "tab\there\nnew line"), ("2", None, "back\\slash A")]
TWO_TABLES = """CREATE TABLE config (k text, v text);
INSERT INTO config VALUES ('theme','dark'),('lang','fr');
INSERT INTO `users` (`id`,`email`) VALUES (1,'a@example.fr'),(2,'b@example.fr'),(3,'c@example.fr');
INSERT INTO `users` (`email`,`id`) VALUES ('d@example.fr',4);
"""

SQL_CASES = [
    # (id, text, member, columns, rows, info.member, damage fragments)
    ("mysql with escapes", MYSQL, None, ["id", "email", "note"], MYSQL_ROWS, "table users", []),
    ("mysql without a column list, columns from CREATE TABLE",
     MYSQL.replace(" (`id`, `email`, `note`) VALUES", " VALUES"), None, ["id", "email", "note"], MYSQL_ROWS,
     "table users", []),
    ("insert without CREATE TABLE", "INSERT INTO t VALUES (1,'a@example.fr'),(2,'b@example.fr');\n", None,
     ["column_1", "column_2"], [("1", "a@example.fr"), ("2", "b@example.fr")], "table t", []),
    ("multi-line insert", "REPLACE INTO t (a, b) VALUES\n(1, 'x'),\n(2, 'y\nz');\n", None,
     ["a", "b"], [("1", "x"), ("2", "y\nz")], "table t", []),
    ("several tables: the largest is read", TWO_TABLES, None, ["id", "email"],
     [("1", "a@example.fr"), ("2", "b@example.fr"), ("3", "c@example.fr"), ("4", "d@example.fr")], "table users",
     ["the dump also holds config (2 rows)"]),
    ("several tables: member= picks one", TWO_TABLES, "config", ["k", "v"], [("theme", "dark"), ("lang", "fr")],
     "table config", ["the dump also holds users (4 rows)"]),
    ("postgresql copy", POSTGRES, None, ["id", "email", "note"], POSTGRES_ROWS, "table public.users", []),
    ("postgresql insert keeps backslashes",
     "-- PostgreSQL database dump\nINSERT INTO public.users VALUES (1, 'C:\\temp\\', 'it''s');\n", "users",
     ["column_1", "column_2", "column_3"], [("1", "C:\\temp\\", "it's")], "table public.users", []),
    ("insert cut short", "INSERT INTO `users` VALUES (1,'a'),(2,'b'),\n(3,'c", None,
     ["column_1", "column_2"], [("1", "a"), ("2", "b")], "table users",
     ["line 2: INSERT INTO users is cut short; the rest was not read"]),
    ("copy cut short", POSTGRES.removesuffix("\\.\n"), None, ["id", "email", "note"], POSTGRES_ROWS,
     "table public.users", ["has no end marker"]),
    ("statements that hold no rows are skipped",
     "INSERT INTO t (a) SELECT a FROM u;\nCREATE INDEX i ON t (a);\nCOPY t TO stdout;\n"
     "INSERT INTO t (a) VALUES (1),(2) ON DUPLICATE KEY UPDATE a=a;INSERT INTO t (a) VALUES (3);\n", None,
     ["a"], [("1",), ("2",), ("3",)], "table t", []),
    ("ragged values", "INSERT INTO t (a,b) VALUES (1,'x'),(2),(3,'y','z');\n", None, ["a", "b"],
     [("1", "x"), ("2", None), ("3", "y")], "table t",
     ["line 1: 1 row(s) of t with fewer values", "line 1: 1 row(s) of t with more values"]),
]


@pytest.mark.parametrize(("text", "member", "columns", "rows", "read_member", "damage"),
                         [pytest.param(*case[1:], id=case[0]) for case in SQL_CASES])
def test_sql(tmp_path: Path, text: str, member: str | None, columns: list[str], rows: list[tuple[str | None, ...]],
             read_member: str, damage: list[str]) -> None:
    frame, info = read_all(write(tmp_path, "dump.sql", text), member=member)
    assert (info.format, info.member) == ("sql", read_member)
    assert frame.columns == columns
    assert frame.rows() == rows
    for fragment in damage:
        assert has_damage(info, fragment), info.damage
    if not damage:
        assert info.damage == []


def test_sql_dump_in_batches(tmp_path: Path) -> None:
    path = write(tmp_path, "users.dump", mysql_dump("users", people(2_500)))
    with read_sample(path, limits=ReadLimits(batch_rows=1_000)) as reader:
        heights = [batch.height for batch in reader]
    assert heights == [1_000, 1_000, 500]
    assert reader.columns == COLUMNS and reader.info.damage == []


def test_sql_without_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SampleFormatError, match="the dump holds no rows"):
        read_sample(write(tmp_path, "schema.sql", "CREATE TABLE users (id int, email text);\n"))
    with pytest.raises(SampleFormatError, match="no table 'orders'"):
        read_sample(write(tmp_path, "dump.sql", TWO_TABLES), member="orders")


# -------------------------------------------------------------------------------------------------------- XLSX
XLSX_CASES = [
    # (id, sheets, member, columns, rows, info.member)
    ("header and typed cells",
     {"People": [["id", "email", "birth", "score", "vip"],
                 [1, "a@example.fr", dt.datetime(1980, 5, 1), 2.5, True],
                 [2, "b@example.fr", dt.datetime(1991, 1, 2, 10, 30), 3.0, None]]},
     None, ["id", "email", "birth", "score", "vip"],
     [("1", "a@example.fr", "1980-05-01", "2.5", "true"), ("2", "b@example.fr", "1991-01-02 10:30:00", "3", None)],
     "sheet People"),
    ("headerless", {"S": [[1, "a@example.fr"], [2, "b@example.fr"]]}, None, ["column_1", "column_2"],
     [("1", "a@example.fr"), ("2", "b@example.fr")], "sheet S"),
    ("first sheet empty", {"Empty": [], "Data": [["email"], ["a@example.fr"], [None], ["b@example.fr"]]}, None,
     ["email"], [("a@example.fr",), ("b@example.fr",)], "sheet Data"),
    ("member names a sheet", {"A": [["id"], [1]], "B": [["email"], ["b@example.fr"]]}, "B", ["email"],
     [("b@example.fr",)], "sheet B"),
    ("cells beyond the header",
     {"S": [["id", "email"], [1, "a@example.fr"], [2, "b@example.fr", "extra"], [3, "c@example.fr"]]}, None,
     ["id", "email"], [("1", "a@example.fr"), ("2", "b@example.fr"), ("3", "c@example.fr")], "sheet S"),
]


@pytest.mark.parametrize(("sheets", "member", "columns", "rows", "read_member"),
                         [pytest.param(*case[1:], id=case[0]) for case in XLSX_CASES])
def test_xlsx(tmp_path: Path, sheets: dict[str, list[list[Any]]], member: str | None, columns: list[str],
              rows: list[tuple[str | None, ...]], read_member: str) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", sheets)
    calls: list[tuple[int, int]] = []
    frame, info = read_all(path, member=member, progress=lambda done, total: calls.append((done, total)))
    assert (info.format, info.member, info.container) == ("xlsx", read_member, None)
    assert frame.columns == columns
    assert frame.rows() == rows
    assert calls[-1] == (path.stat().st_size,) * 2
    assert info.damage == (["row 3: 1 row(s) with cells beyond the 2 columns; the extra cells were dropped"]
                           if "extra" in str(sheets) else [])


def test_xlsx_unknown_sheet_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"A": [["id"], [1]], "B": [["id"], [2]]})
    with pytest.raises(SampleFormatError, match="no sheet 'C'.*sheets: A, B"):
        read_sample(path, member="C")


def _with_sheet_xml(tmp_path: Path, cut: Any) -> bytes:
    """A 50-row workbook whose sheet XML is replaced by ``cut(xml)``, or dropped when ``cut`` gives None."""
    data = write_xlsx(tmp_path / "s.xlsx", {"S": [["id", "email"]] + [[i, f"u{i}@example.fr"] for i in range(50)]})
    archive = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(archive, "w") as copy:
        for entry in source.infolist():
            content = source.read(entry)
            content = cut(content) if entry.filename == "xl/worksheets/sheet1.xml" else content
            if content is not None:
                copy.writestr(entry, content)
    return archive.getvalue()


def test_xlsx_sheet_cut_short_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.xlsx", _with_sheet_xml(tmp_path, lambda xml: xml[: len(xml) // 2]))
    frame, info = read_all(path)
    assert frame.columns == ["id", "email"] and 10 < frame.height < 50
    assert has_damage(info, f"row {frame.height + 2}: the sheet is damaged", "rows after it were not read")


@pytest.mark.parametrize(("damage", "message"), [
    (lambda tmp: (tmp / "s.xlsx").read_bytes()[:2_000], "damaged or truncated zip"),
    (lambda tmp: _with_sheet_xml(tmp, lambda xml: xml[: xml.index(b"<sheetData>") + 20]),
     "the sheet 'S' of the workbook is damaged"),
    (lambda tmp: _with_sheet_xml(tmp, lambda xml: b"<worksheet><sheetData><row"), "cannot open the workbook"),
    (lambda tmp: _with_sheet_xml(tmp, lambda xml: None), "the workbook has no sheet with data"),
], ids=["truncated file", "sheet damaged from its first row", "sheet not XML", "sheet missing"])
def test_xlsx_damaged_is_refused(tmp_path: Path, damage: Any, message: str) -> None:
    write_xlsx(tmp_path / "s.xlsx", {"S": [["id"], [1]]})
    path = write(tmp_path, "broken.xlsx", damage(tmp_path))
    with pytest.raises(SampleFormatError, match=message) as caught:
        read_sample(path)
    assert str(path) in str(caught.value)


# ---------------------------------------------------------------------------------------------------- archives
def test_gzip(tmp_path: Path) -> None:
    text = csv_text(people(50), delimiter=";")
    path = write_gzip(tmp_path / "users.csv.gz", text.encode("cp1252", "replace"))
    calls: list[tuple[int, int]] = []
    frame, info = read_all(path, progress=lambda done, total: calls.append((done, total)))
    assert (info.container, info.format, info.delimiter, info.rows) == ("gz", "csv", ";", 50)
    assert frame.columns == COLUMNS
    assert calls[-1] == (path.stat().st_size,) * 2


def test_gzip_of_several_members_and_an_sql_table(tmp_path: Path) -> None:
    dump = TWO_TABLES.encode()
    path = write(tmp_path, "dump.sql.gz", gzip.compress(dump[:70]) + gzip.compress(dump[70:]) + bytes(512))
    frame, info = read_all(path, member="table config")
    assert (info.container, info.member, frame.rows()) == ("gz", "table config", [("theme", "dark"), ("lang", "fr")])


def test_gzip_of_an_image_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SampleFormatError, match="looks like a PNG image"):
        read_sample(write_gzip(tmp_path / "photo.gz", b"\x89PNG\r\n\x1a\n" + bytes(100)))


@pytest.mark.parametrize("damage", ["cut", "corrupt"])
def test_gzip_damaged_keeps_what_was_read(tmp_path: Path, damage: str) -> None:
    data = bytearray(gzip.compress(csv_text(people(3_000)).encode(), mtime=0))
    if damage == "cut":
        del data[len(data) // 2:]
    else:
        data[len(data) // 2] ^= 0xFF
    frame, info = read_all(write(tmp_path, "users.csv.gz", bytes(data)))
    assert 500 < info.rows <= 3_100
    assert has_damage(info, "the data is damaged or cut short", "the rest was not read")


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = write_gzip(tmp_path / "bomb.csv.gz", b"a,b\n" * (2 << 20))
    with pytest.raises(SampleFormatError, match="decompression bomb") as caught:
        read_sample(path)
    assert str(path) in str(caught.value)


ZIP_MEMBERS = {
    "readme.txt": b"not the data",
    "export/small.csv": csv_text(people(5)).encode(),
    "export/users.csv": csv_text(people(40)).encode(),
    "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(50_000),
}


@pytest.mark.parametrize(("member", "rows"), [(None, 40), ("export/small.csv", 5)])
def test_zip_member(tmp_path: Path, member: str | None, rows: int) -> None:
    frame, info = read_all(write_zip(tmp_path / "leak.zip", ZIP_MEMBERS), member=member)
    assert (info.container, info.member, info.rows) == ("zip", member or "export/users.csv", rows)
    assert frame.columns == COLUMNS


def test_zip_with_a_workbook_and_a_dump(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "b.xlsx", {"S": [["email"], ["a@example.fr"]]}).read_bytes()
    path = write_zip(tmp_path / "leak.zip", {"b.xlsx": book, "users.sql": MYSQL.encode()})
    frame, info = read_all(path, member="b.xlsx")
    assert (info.format, info.member, frame.rows()) == ("xlsx", "sheet S", [("a@example.fr",)])
    frame, info = read_all(path, member="users.sql")
    assert (info.format, info.member, frame.height) == ("sql", "users.sql: table users", 4)


ZIP_REFUSALS = [
    # (id, members, member, limits, message)
    ("climbing member name", ZIP_MEMBERS, "../export/users.csv", ReadLimits(), "refusing the member name"),
    ("absolute member name", ZIP_MEMBERS, "/etc/passwd", ReadLimits(), "refusing the member name"),
    ("windows drive member name", ZIP_MEMBERS, "C:\\users.csv", ReadLimits(), "refusing the member name"),
    ("only climbing entries", {"../../evil.csv": b"a,b\n1,2\n"}, None, ReadLimits(),
     "holds no file of a readable kind"),
    ("nothing of a readable kind", {"a.png": b"x", "b.exe": b"y"}, None, ReadLimits(), "member= reads one of a.png"),
    ("unknown member", ZIP_MEMBERS, "nope.csv", ReadLimits(), "has no member 'nope.csv'"),
    ("bomb", {"zeros.csv": b"0" * (4 << 20)}, None, ReadLimits(), "decompression bomb"),
    ("too many members", {f"part{i}.csv": b"a\n1\n" for i in range(6)}, None, ReadLimits(max_members=5),
     "6 entries, more than 5"),
    ("member larger than max_bytes", {"users.csv": b"id\n" + b"1\n" * 5_000}, None, ReadLimits(max_bytes=8_000),
     "more than 8,000"),
]


@pytest.mark.parametrize(("members", "member", "limits", "message"),
                         [pytest.param(*case[1:], id=case[0]) for case in ZIP_REFUSALS])
def test_zip_refusals(tmp_path: Path, members: dict[str, bytes], member: str | None, limits: ReadLimits,
                      message: str) -> None:
    path = write_zip(tmp_path / "leak.zip", members)
    with pytest.raises(SampleFormatError, match=message) as caught:
        read_sample(path, member=member, limits=limits)
    assert str(path) in str(caught.value)


def test_zip_ignores_climbing_entries_beside_good_ones(tmp_path: Path) -> None:
    frame, info = read_all(write_zip(tmp_path / "leak.zip", {"../evil.csv": b"x\n" * 1000, "ok.csv": b"a\n1\n"}))
    assert (info.member, frame.rows()) == ("ok.csv", [("1",)])
    assert has_damage(info, "climbing paths were ignored: ../evil.csv")


def test_encrypted_zip_is_refused(tmp_path: Path) -> None:
    path = mark_encrypted(write_zip(tmp_path / "leak.zip", {"users.csv": b"a\n1\n"}))
    with pytest.raises(SampleFormatError, match="encrypted"):
        read_sample(path)


def test_damaged_zip_is_refused(tmp_path: Path) -> None:
    data = write_zip(tmp_path / "leak.zip", ZIP_MEMBERS).read_bytes()
    with pytest.raises(SampleFormatError, match="damaged or truncated zip"):
        read_sample(write(tmp_path, "cut.zip", data[: len(data) // 2]))


# ------------------------------------------------------------------------------------------------------ errors
UNREADABLE = [
    # (id, file bytes or None for a missing file, message)
    ("missing", None, "no such file"),
    ("empty", b"", "the file is empty"),
    ("white space", b" \n\t\n", "only white space"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), "looks like a PNG image"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF document"),
    ("old excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Office file"),
    ("binary", bytes(range(256)) * 8, "binary file of no known format"),
    ("member of a csv", b"a,b\n1,2\n", "member='x' names a zip entry"),
]


@pytest.mark.parametrize(("data", "message"), [pytest.param(*case[1:], id=case[0]) for case in UNREADABLE])
def test_unreadable_files_are_refused_with_their_path(tmp_path: Path, data: bytes | None, message: str) -> None:
    path = tmp_path / "sample.csv"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(SampleFormatError, match=message) as caught:
        read_sample(path, member="x" if message.startswith("member") else None)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SampleFormatError, match="this is a folder"):
        read_sample(tmp_path)


def test_reader_is_iterated_once_and_limits_are_checked(tmp_path: Path) -> None:
    reader = read_sample(write(tmp_path, "s.csv", "id\n1\n"))
    assert isinstance(reader, SampleReader)
    assert [b.height for b in reader] == [1]
    with pytest.raises(RuntimeError, match="iterated once"):
        iter(reader)
    with pytest.raises(ValueError, match="positive"):
        ReadLimits(batch_rows=0)
