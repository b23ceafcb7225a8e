"""Readers for what data sellers publish as "samples" of stolen databases.

A sample is read as batches of polars DataFrames whose columns are all ``pl.String`` (nulls for empty cells),
whatever the file holds: CSV or TSV with any delimiter, quoting, header and encoding; JSON or JSON Lines; MySQL or
PostgreSQL dumps; XLSX workbooks; each of them possibly inside a ``.gz`` file or a ``.zip`` archive. The format is
decided from the content first and the file name second. Memory stays bounded whatever the size of the file:
nothing is read whole, nothing is extracted to disk, and archives are checked against :class:`ReadLimits` as
they are read (decompression bombs).

Damaged files are read as far as they go, and what was met on the way is listed in ``reader.info.damage``
("line 1204: unterminated quote; rows after it were not read"). A file that cannot be read at all raises
:class:`~breachlens.errors.SampleFormatError` naming the file; no exception of a library below escapes.

Example::

    with read_sample("users.csv.gz") as reader:
        reader.columns                      # ["id", "email", "phone"]
        for batch in reader:                # polars.DataFrame, every column pl.String
            ...
    reader.info.rows, reader.info.damage    # 120000, ["line 1204: unterminated quote; rows after it ..."]
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any, Protocol

import numpy as np
import polars as pl

from breachlens.errors import SampleFormatError
from breachlens.model import ReadInfo

__all__ = ["ReadLimits", "SampleReader", "read_sample"]

Progress = Callable[[int, int], None]
Row = list[str | None]


class _Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...

_HEAD_BYTES = 4 << 20  # what format and encoding detection look at
_CSV_BLOCK = 32 << 20  # CSV bytes handed to polars at once
_TEXT_BLOCK = 4 << 20  # JSON and SQL bytes decoded at once
_MAX_RECORD = 16 << 20  # a record longer than this is taken for an unterminated quote or a broken file
_SPLIT_BELOW = 256 << 10  # a CSV piece polars refuses is halved down to this size, then read by Python's csv
_RATIO_FLOOR = 1 << 20  # what expands to less than this is never taken for a decompression bomb
_SNIFF_CHARS = 64 << 10  # text looked at to find the delimiter, the quote and the header
_SNIFF_ROWS = 100
_LARGE_TABLE = 10_000  # rows after which an SQL table is the one read, without waiting for the end of the dump
_DAMAGE_CAP = 100  # damage entries listed; the rest are counted


@dataclass(frozen=True)
class ReadLimits:
    """How much a sample may hold: reading stops with a :class:`SampleFormatError` beyond these.

    Example::

        read_sample("dump.zip", limits=ReadLimits(max_bytes=2 * 2**30, batch_rows=50_000))
    """

    max_bytes: int = 8 * 2**30  # uncompressed bytes read in all
    max_ratio: float = 200.0  # uncompressed/compressed size of a .gz file or a .zip member (decompression bombs)
    max_members: int = 10_000  # entries of a .zip archive
    batch_rows: int = 200_000  # rows per DataFrame

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_ratio, self.max_members, self.batch_rows) <= 0:
            raise ValueError(f"every read limit must be positive: {self}")


_DEFAULT_LIMITS = ReadLimits()


# ----------------------------------------------------------------------------------------------- read state
@dataclass
class _Tally:
    """A kind of damage met many times: counted, with the place of its first occurrence ("line 12", "row 5")."""

    text: str
    at: str
    count: int = 0


@dataclass
class _State:
    """What is known about the read so far; :attr:`SampleReader.info` is built from it."""

    source: str
    format: str = "csv"
    encoding: str | None = None
    delimiter: str | None = None
    container: str | None = None
    member: str | None = None
    columns: list[str] = field(default_factory=list)
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    omitted: int = 0
    tallies: dict[str, _Tally] = field(default_factory=dict)

    def damage(self, text: str) -> None:
        if len(self.notes) < _DAMAGE_CAP:
            self.notes.append(text)
        else:
            self.omitted += 1

    def tally(self, text: str, at: str, count: int = 1) -> None:
        self.tallies.setdefault(text, _Tally(text, at)).count += count

    def error(self, message: str, hint: str | None = None) -> SampleFormatError:
        return SampleFormatError(message, input=self.source, hint=hint)

    def info(self) -> ReadInfo:
        damage = self.notes + [f"{t.at}: {t.count:,} {t.text}" for t in self.tallies.values()]
        if self.omitted:
            damage.append(f"{self.omitted:,} more problems not listed")
        return ReadInfo(source=self.source, format=self.format, encoding=self.encoding, delimiter=self.delimiter,
                        container=self.container, member=self.member, columns=list(self.columns), rows=self.rows,
                        damage=damage)


def _column_names(header: list[str] | None, width: int) -> list[str]:
    """Final column names: header names stripped, blanks as column_N, duplicates as name_2, name_3, ..."""
    names: list[str] = []
    for position in range(width):
        name = (header[position] or "").strip() if header and position < len(header) else ""
        base = name = name or f"column_{position + 1}"
        suffix = 1
        while name in names:
            suffix += 1
            name = f"{base}_{suffix}"
        names.append(name)
    return names


# ------------------------------------------------------------------------------------------------- streams
class _Gunzip:
    """The uncompressed bytes of a gzip file (all its members), never more at once than asked for.

    Data cut short or corrupt raises, but only once the bytes decompressed before it have been returned.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(wbits=31)
        self._input = b""
        self._error: Exception | None = None

    def read(self, size: int) -> bytes:
        parts: list[bytes] = []
        wanted = size
        while wanted > 0 and self._error is None:
            if not self._input:
                self._input = self._raw.read(1 << 14)  # small, so that little is lost before a corrupt spot
                if not self._input:
                    self._error = None if self._inflate.eof else EOFError("the gzip data is cut short")
                    break
            if self._inflate.eof:  # another gzip member follows, or zero padding
                if not self._input.strip(b"\0"):
                    self._input = b""
                    continue
                self._inflate = zlib.decompressobj(wbits=31)
            try:
                piece = self._inflate.decompress(self._input, wanted)
            except zlib.error as exc:
                self._error = exc
                break
            self._input = self._inflate.unused_data if self._inflate.eof else self._inflate.unconsumed_tail
            parts.append(piece)
            wanted -= len(piece)
        if not parts and self._error is not None:
            raise self._error
        return b"".join(parts)


class _Stream:
    """The uncompressed bytes of the file or archive member being read, checked against the limits as they come.

    Data that ends early or turns corrupt ends the stream with a damage note once something was read.
    """

    def __init__(self, raw: _Readable, state: _State, limits: ReadLimits, *, compressed: int | None, total: int,
                 position: Callable[[], int] | None, progress: Progress | None) -> None:
        self._raw: _Readable | None = raw
        self._state = state
        self._limits = limits
        self._compressed = compressed
        self._total = total
        self._position = position
        self._progress = progress
        self.done = 0

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes; compressed data is read 1 MB at a time, so that a bomb is stopped early and the
        bytes before a corrupt spot are kept."""
        parts: list[bytes] = []
        piece = size if self._compressed is None else 1 << 20
        got = 0
        try:
            while self._raw is not None and got < size and (part := self._raw.read(min(piece, size - got))):
                parts.append(part)
                got += len(part)
                self.done += len(part)
                self._check()
        except (EOFError, OSError, zlib.error, zipfile.BadZipFile) as exc:
            if not self.done:
                raise self._state.error(f"the data is damaged or cut short ({exc})") from exc
            self._state.damage(f"after {self.done:,} bytes: the data is damaged or cut short ({exc}); "
                               "the rest was not read")
            self._raw = None
        data = b"".join(parts)
        if self._progress is not None:
            done = self._position() if self._position is not None else self.done
            self._progress(min(done, self._total), self._total)
        return data

    def blocks(self, size: int) -> Iterator[bytes]:
        while block := self.read(size):
            yield block

    def _check(self) -> None:
        limits = self._limits
        if self.done > limits.max_bytes:
            raise self._state.error(f"more than {limits.max_bytes:,} bytes once uncompressed; reading stopped",
                                    hint="raise ReadLimits.max_bytes if the file is trusted")
        if self._compressed is not None and _bomb(self.done, self._compressed, limits):
            raise self._state.error(
                f"decompression bomb: {self.done:,} bytes came out of {self._compressed:,} compressed bytes, "
                f"more than {limits.max_ratio:g} times; reading stopped",
                hint="raise ReadLimits.max_ratio if the file is trusted")


def _bomb(uncompressed: int, compressed: int, limits: ReadLimits) -> bool:
    return uncompressed > _RATIO_FLOOR and uncompressed > limits.max_ratio * max(compressed, 1)


# ------------------------------------------------------------------------------------------------- opening
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_KNOWN_BINARY = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.xls or .doc)"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable (ELF)"),
    (_GZIP_MAGIC, "a gzip file inside the archive"),
    (b"PK\x03\x04", "a zip archive inside the archive"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_READABLE_SUFFIXES = {".csv", ".tsv", ".psv", ".txt", ".dat", ".json", ".jsonl", ".ndjson", ".sql", ".dump",
                      ".xlsx", ".xlsm"}


@dataclass
class _Opened:
    """What :func:`_open` found: a byte stream of a text format, or a workbook, and the name that hints the format."""

    name: str
    stream: _Stream | None = None
    workbook: IO[bytes] | None = None


def _open(path: Path, state: _State, limits: ReadLimits, member: str | None, progress: Progress | None,
          stack: ExitStack) -> _Opened:
    handle = _open_file(path, state, limits)
    stack.callback(handle.close)
    size = path.stat().st_size
    magic = handle.read(8)
    handle.seek(0)
    if magic.startswith(_GZIP_MAGIC):
        state.container = "gz"
        stream = _Stream(_Gunzip(handle), state, limits, compressed=size, total=size, position=handle.tell,
                         progress=progress)
        return _Opened(re.sub(r"\.gz$", "", path.name, flags=re.I), stream)
    if magic.startswith(_ZIP_MAGICS):
        archive = _open_zip(handle, state)
        stack.callback(archive.close)
        if _is_workbook(archive):
            _check_workbook(archive, state, limits)
            return _Opened(path.name, workbook=handle)
        state.container = "zip"
        info = _choose_member(archive, member, state, limits)
        state.member = info.filename
        try:
            raw = archive.open(info)
        except (NotImplementedError, RuntimeError, zipfile.BadZipFile, OSError) as exc:
            raise state.error(f"cannot open {info.filename!r} in the archive: {exc}") from exc
        stack.callback(raw.close)
        stream = _Stream(raw, state, limits, compressed=info.compress_size, total=info.file_size, position=None,
                         progress=progress)
        return _Opened(info.filename, stream)
    stream = _Stream(handle, state, limits, compressed=None, total=size, position=handle.tell, progress=progress)
    return _Opened(path.name, stream)


def _open_file(path: Path, state: _State, limits: ReadLimits) -> IO[bytes]:
    if not path.exists():
        raise state.error("no such file", hint="check the path")
    if path.is_dir():
        raise state.error("this is a folder, not a sample file", hint="give one of the files inside it")
    size = path.stat().st_size
    if size == 0:
        raise state.error("the file is empty")
    if size > limits.max_bytes:
        raise state.error(f"the file is larger than {limits.max_bytes:,} bytes",
                          hint="raise ReadLimits.max_bytes if the file is trusted")
    try:
        return path.open("rb")
    except OSError as exc:
        raise state.error(f"cannot open the file: {exc.strerror}") from exc


def _open_zip(handle: IO[bytes], state: _State) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise state.error(f"a damaged or truncated zip archive ({exc})",
                          hint="the archive's table of contents is missing; get a complete copy") from exc


def _unsafe_member(name: str) -> bool:
    """Whether a zip entry name is absolute or climbs out of the archive ("../../etc/passwd")."""
    parts = re.split(r"[/\\]", name)
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in parts


def _choose_member(archive: zipfile.ZipFile, member: str | None, state: _State,
                   limits: ReadLimits) -> zipfile.ZipInfo:
    """The zip entry to read: the one named by ``member``, else the largest of a readable kind."""
    entries = archive.infolist()
    if len(entries) > limits.max_members:
        raise state.error(f"the zip archive has {len(entries):,} entries, more than {limits.max_members:,}",
                          hint="raise ReadLimits.max_members if the archive is trusted")
    if member is not None:
        if _unsafe_member(member):
            raise state.error(f"refusing the member name {member!r}: it is absolute or climbs out of the archive")
        try:
            info = archive.getinfo(member)
        except KeyError:
            names = ", ".join(e.filename for e in entries[:20])
            raise state.error(f"the archive has no member {member!r}", hint=f"it holds: {names}") from None
    else:
        info = _largest_member(entries, state)
    if info.flag_bits & 0x1:
        raise state.error(f"{info.filename!r} is encrypted (password-protected)",
                          hint="decrypt the archive first, then read the file inside it")
    if info.file_size > limits.max_bytes:
        raise state.error(f"{info.filename!r} holds {info.file_size:,} bytes once uncompressed, more than "
                          f"{limits.max_bytes:,}", hint="raise ReadLimits.max_bytes if the archive is trusted")
    if _bomb(info.file_size, info.compress_size, limits):
        raise state.error(f"decompression bomb: {info.filename!r} expands {info.compress_size:,} bytes to "
                          f"{info.file_size:,}, more than {limits.max_ratio:g} times",
                          hint="raise ReadLimits.max_ratio if the archive is trusted")
    return info


def _largest_member(entries: list[zipfile.ZipInfo], state: _State) -> zipfile.ZipInfo:
    files = [e for e in entries if not e.is_dir() and not e.filename.startswith("__MACOSX/")
             and not PurePosixPath(e.filename).name.startswith("._")]
    unsafe = [e.filename for e in files if _unsafe_member(e.filename)]
    if unsafe:
        state.damage(f"zip entries with absolute or climbing paths were ignored: {', '.join(unsafe[:5])}")
    safe = [e for e in files if not _unsafe_member(e.filename)]
    readable = [e for e in safe if PurePosixPath(e.filename).suffix.lower() in _READABLE_SUFFIXES]
    if not readable:
        names = ", ".join(e.filename for e in safe[:20])
        raise state.error("the zip archive holds no file of a readable kind (CSV, TSV, TXT, JSON, SQL, XLSX)",
                          hint=f"member= reads one of {names} anyway" if names else
                          "entries with absolute or '..' paths are refused")
    return max(readable, key=lambda e: e.file_size)


def _is_workbook(archive: zipfile.ZipFile) -> bool:
    return any(name.lower() == "xl/workbook.xml" for name in archive.namelist())


def _check_workbook(archive: zipfile.ZipFile, state: _State, limits: ReadLimits) -> None:
    """Refuse a workbook whose parts would expand beyond the limits (openpyxl decompresses them itself)."""
    entries = archive.infolist()
    if len(entries) > limits.max_members:
        raise state.error(f"the workbook has {len(entries):,} parts, more than {limits.max_members:,}")
    if sum(e.file_size for e in entries) > limits.max_bytes:
        raise state.error(f"the workbook expands to more than {limits.max_bytes:,} bytes",
                          hint="raise ReadLimits.max_bytes if the file is trusted")
    if any(_bomb(e.file_size, e.compress_size, limits) for e in entries):
        raise state.error(f"decompression bomb: a part of the workbook expands more than {limits.max_ratio:g} "
                          "times", hint="raise ReadLimits.max_ratio if the file is trusted")


def _binary_kind(head: bytes) -> str | None:
    """What a binary head looks like ("a PNG image"), or None when it may be text."""
    for magic, kind in _KNOWN_BINARY:
        if head.startswith(magic):
            return kind
    if _BZIP2.match(head):
        return "a bzip2 archive"
    sample = head[:8192]
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)  # NUL included: a few are met in dumps
    if controls > max(8, len(sample) // 20):
        return "a binary file of no known format"
    return None


# ------------------------------------------------------------------------------------------------ encodings
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))  # UTF-32 first: FF FE 00 00


def _detect_encoding(head: bytes) -> tuple[str, int]:
    """The encoding of ``head`` and the length of its byte-order mark.

    A BOM decides; else UTF-16 without BOM (every other byte zero); else UTF-8 when the head decodes; else
    Windows-1252 when bytes 0x80-0x9F appear (curly quotes, the euro sign); else Latin-1.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 5 and even == 0:
            return "utf-16-le", 0
        if even > len(sample) // 5 and odd == 0:
            return "utf-16-be", 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return ("cp1252" if re.search(rb"[\x80-\x9f]", head) else "latin-1"), 0
    return "utf-8", 0


def _codec(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def _decoded(head: bytes, stream: _Stream, encoding: str, state: _State, size: int) -> Iterator[str]:
    """Text of ``head`` then of the rest of ``stream``; undecodable bytes become U+FFFD, noted once in damage."""
    decoder = codecs.getincrementaldecoder(_codec(encoding))(errors="replace")
    noted = False
    for block in itertools.chain([head], stream.blocks(size)):
        text = decoder.decode(block)
        if not noted and text.count("\ufffd") > block.count(b"\xef\xbf\xbd"):
            state.damage(f"bytes that are not valid {encoding} were replaced with U+FFFD")
            noted = True
        yield text
    if tail := decoder.decode(b"", final=True):
        yield tail


def _utf8_blocks(head: bytes, stream: _Stream, encoding: str, state: _State) -> Iterator[bytes]:
    """The CSV bytes as UTF-8: passed through when they are UTF-8 already, transcoded otherwise."""
    if _codec(encoding) == "utf-8":
        yield head
        yield from stream.blocks(_CSV_BLOCK)
    else:
        for text in _decoded(head, stream, encoding, state, _CSV_BLOCK):
            yield text.encode("utf-8")


# ----------------------------------------------------------------------------------------- format detection
_SQL_MARK = re.compile(
    r"^[ \t]*(?:INSERT\s+(?:IGNORE\s+)?INTO|REPLACE\s+INTO|COPY\s+\S+[^;\n]*\bFROM\s+stdin|CREATE\s+TABLE)\b"
    r"|^-- (?:MySQL|MariaDB) dump|^-- PostgreSQL database dump", re.I | re.M)
_FORMAT_BY_SUFFIX = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".sql": "sql", ".dump": "sql"}


def _detect_format(text: str, name: str) -> str:
    """csv, json, jsonl or sql: from the content first, from the file name when the content does not say."""
    suffix = PurePosixPath(name).suffix.lower()
    start = text.lstrip()
    if start.startswith("{"):
        first, _, rest = start.partition("\n")
        return "jsonl" if _FORMAT_BY_SUFFIX.get(suffix) == "jsonl" or (
            rest.lstrip().startswith("{") and _is_json_object(first)) else "json"
    if start.startswith("["):
        return "json"
    if _SQL_MARK.search(text):
        return "sql"
    return _FORMAT_BY_SUFFIX.get(suffix, "csv")


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the json module goes
        return False


# --------------------------------------------------------------------------------------------------- reader
class SampleReader:
    """The rows of a sample, read in batches: a context manager and an iterable of polars DataFrames.

    Every batch has the same :attr:`columns`, all ``pl.String`` with nulls for empty cells, and at most
    ``ReadLimits.batch_rows`` rows. A reader is iterated once. :attr:`info` says how the file was read; after the
    iteration it also holds the total number of rows and the damage met. Built by :func:`read_sample`.

    Example::

        with read_sample("dump.sql") as reader:
            total = sum(batch.height for batch in reader)
        reader.info.member, reader.info.rows, reader.info.damage    # "table users", 1000, [...]
    """

    def __init__(self, state: _State, batches: Iterator[pl.DataFrame], resources: ExitStack) -> None:
        self._state = state
        self._batches = batches
        self._resources = resources
        self._first = self._next()
        self._started = False

    @property
    def info(self) -> ReadInfo:
        """How the sample was read: format, encoding, delimiter, container, member, columns, rows, damage."""
        return self._state.info()

    @property
    def columns(self) -> list[str]:
        """The final column names, the same in every batch."""
        return list(self._state.columns)

    def __iter__(self) -> Iterator[pl.DataFrame]:
        if self._started:
            raise RuntimeError("a SampleReader is iterated once; call read_sample() again to read the file again")
        self._started = True
        return self._iterate()

    def __enter__(self) -> SampleReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file and the archive; the rows not read yet are dropped."""
        self._resources.close()

    def _iterate(self) -> Iterator[pl.DataFrame]:
        try:
            batch, self._first = self._first, None
            while batch is not None:
                self._state.rows += batch.height
                yield batch
                batch = self._next()
        finally:
            self.close()

    def _next(self) -> pl.DataFrame | None:
        try:
            return next(self._batches, None)
        except (pl.exceptions.PolarsError, csv.Error, OSError, EOFError, zlib.error, zipfile.BadZipFile,
                UnicodeError) as exc:
            raise self._state.error(f"cannot read further: {exc}") from exc


def read_sample(path: str | Path, *, limits: ReadLimits = _DEFAULT_LIMITS, member: str | None = None,
                progress: Progress | None = None) -> SampleReader:
    """Open a sample for reading in batches; detect its container, encoding and format.

    ``member`` names what to read inside the file: an entry of a .zip archive (by default its largest readable
    file), else a table of an SQL dump (by default the first with many rows, or the largest) or a sheet of a
    workbook (by default the first with data). ``progress(bytes_done, bytes_total)`` is called after each block.

    Example::

        reader = read_sample("leak.zip", member="export/users.csv", limits=ReadLimits(batch_rows=50_000))
        for batch in reader:
            print(batch.height, reader.columns)
        print(reader.info.damage)
    """
    from breachlens.samples.memory import keep_freed_memory

    keep_freed_memory()
    state = _State(source=str(path))
    stack = ExitStack()
    try:
        batches = _rebatch(_frames(Path(path), state, limits, member, progress, stack), limits.batch_rows)
        return SampleReader(state, batches, stack)
    except BaseException:
        stack.close()
        raise


def _frames(path: Path, state: _State, limits: ReadLimits, member: str | None, progress: Progress | None,
            stack: ExitStack) -> Iterator[pl.DataFrame]:
    """Open ``path``, detect its format and return the DataFrames of its rows (columns set in ``state``)."""
    opened = _open(path, state, limits, member, progress, stack)
    inner = None if state.container == "zip" else member  # a zip consumes member= for its entry
    if opened.workbook is not None:
        frames = _workbook_frames(opened.workbook, state, inner, limits.batch_rows, stack)
        return _with_progress(frames, progress, path.stat().st_size) if progress else frames
    stream = opened.stream
    assert stream is not None
    head = stream.read(_HEAD_BYTES)
    if head.startswith(_ZIP_MAGICS) and state.container == "zip":
        return _nested_workbook(head, stream, state, inner, limits, stack)
    if not head:
        raise state.error("the file is empty")
    encoding, bom = _detect_encoding(head)
    if not encoding.startswith(("utf-16", "utf-32")) and (kind := _binary_kind(head)):
        raise state.error(f"this looks like {kind}, not a sample of records",
                          hint="give a CSV, JSON, JSON Lines, SQL dump or XLSX file, possibly in .gz or .zip")
    head = head[bom:]
    state.encoding = encoding
    text_head = codecs.getincrementaldecoder(_codec(encoding))(errors="replace").decode(head)
    if not text_head.strip():
        raise state.error("the file holds only white space")
    state.format = _detect_format(text_head, opened.name)
    if inner is not None and state.format != "sql":
        raise state.error(f"member={inner!r} names a zip entry, an SQL table or a workbook sheet; "
                          f"this is a {state.format.upper()} file")
    if state.format == "csv":
        return _CsvReader(_utf8_blocks(head, stream, encoding, state), _sniff_csv(text_head), state).frames()
    text = _Text(_decoded(head, stream, encoding, state, _TEXT_BLOCK))
    if state.format == "json":
        return _record_frames(_json_items(text, state), state, limits.batch_rows)
    if state.format == "jsonl":
        return _record_frames(_json_lines(text, state), state, limits.batch_rows)
    return _sql_frames(_SqlDump(text, state, text_head), state, inner, limits.batch_rows)


def _nested_workbook(head: bytes, stream: _Stream, state: _State, sheet: str | None, limits: ReadLimits,
                     stack: ExitStack) -> Iterator[pl.DataFrame]:
    """A workbook inside a zip archive, read into memory through the stream (so within the limits)."""
    data = io.BytesIO(b"".join(itertools.chain([head], stream.blocks(_TEXT_BLOCK))))
    archive = _open_zip(data, state)
    with archive:
        if not _is_workbook(archive):
            raise state.error(f"{state.member!r} is a zip archive inside the archive", hint="extract it first")
        _check_workbook(archive, state, limits)
    return _workbook_frames(data, state, sheet, limits.batch_rows, stack)


def _with_progress(frames: Iterator[pl.DataFrame], progress: Progress, total: int) -> Iterator[pl.DataFrame]:
    """Progress at the start and the end of a workbook, which openpyxl reads by itself."""
    progress(0, total)
    yield from frames
    progress(total, total)


def _rebatch(frames: Iterable[pl.DataFrame], size: int) -> Iterator[pl.DataFrame]:
    """The rows of ``frames`` in batches of ``size`` rows (the last may be smaller)."""
    pending: list[pl.DataFrame] = []
    held = 0
    for frame in frames:
        if not frame.height:
            continue
        pending.append(frame)
        held += frame.height
        while held >= size:
            joined = pl.concat(pending, rechunk=False) if len(pending) > 1 else pending[0]
            yield joined.slice(0, size)
            rest = joined.slice(size)
            pending, held = ([rest], rest.height) if rest.height else ([], 0)
    if held:
        yield pl.concat(pending, rechunk=False) if len(pending) > 1 else pending[0]


# ------------------------------------------------------------------------------------------------------ CSV
_DELIMITERS = ",;\t|:"
_NUMERIC = re.compile(r"[\s(+-]*\d[\d\s.,:/()+-]*")
_COLUMN_NAME = re.compile(r"[^\W\d][\w .\-/#()]{0,63}")


@dataclass(frozen=True)
class _Dialect:
    delimiter: str
    quote: str
    eol: str
    header: list[str] | None  # the first row when it is a header
    width: int  # number of columns


def _sniff_csv(text: str) -> _Dialect:
    """Delimiter, quote, end of line, header and width of CSV ``text`` from its first rows."""
    sample = text[:_SNIFF_CHARS]
    eol = "\n" if "\n" in sample else ("\r" if "\r" in sample else "\n")
    if len(text) > len(sample) and eol in sample:
        sample = sample[: sample.rindex(eol) + 1]
    quote = _sniff_quote(sample)
    delimiter = max(_DELIMITERS, key=lambda d: _delimiter_score(_sample_rows(sample, d, quote), d))
    rows = _sample_rows(sample, delimiter, quote)
    header = rows[0] if rows and _looks_like_header(rows[0], rows[1:]) else None
    data = rows[1:] if header else rows
    common = Counter(len(r) for r in data).most_common(1)[0][0] if data else 0
    named = len(header) - next((i for i, c in enumerate(reversed(header)) if c.strip()), 0) if header else 0
    return _Dialect(delimiter, quote, eol, header, max(common, named, 1))


def _sample_rows(sample: str, delimiter: str, quote: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quotechar=quote, strict=False)
    try:
        return list(itertools.islice((row for row in reader if any(row)), _SNIFF_ROWS))
    except csv.Error:
        return []


def _delimiter_score(rows: list[list[str]], delimiter: str) -> tuple[bool, bool, bool, int, float, int]:
    """Prefer a delimiter that splits most rows into the same number of fields, then more fields; ':' last."""
    if not rows:
        return False, False, False, 0, 0.0, 0
    fields, count = Counter(len(r) for r in rows).most_common(1)[0]
    consistency = count / len(rows)
    return (fields > 1, consistency >= 0.8, delimiter != ":", fields, consistency, -_DELIMITERS.index(delimiter))


def _sniff_quote(sample: str) -> str:
    """' when fields are quoted with single quotes more than with double quotes, else "."""
    def quoted(q: str) -> int:
        starts = len(re.findall(rf"(?:^|[,;\t|:]){q}", sample, re.M))
        ends = len(re.findall(rf"{q}(?:[,;\t|:]|\r?$)", sample, re.M))
        return min(starts, ends)
    return "'" if quoted("'") > quoted('"') else '"'


def _shape(value: str) -> str:
    """The form of a value: letters as A/a, digits as 9, runs collapsed ("jean.dupont@x.fr" -> "a.a@a.a")."""
    classes = ("A" if c.isupper() else "a" if c.isalpha() else "9" if c.isdigit() else c for c in value)
    return "".join(key for key, _ in itertools.groupby(classes))


def _looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    """Whether ``first`` names the columns: no number in it, distinct names, unlike the values below them."""
    cells = [c.strip() for c in first]
    named = [c for c in cells if c]
    if not named or any(_NUMERIC.fullmatch(c) for c in named):
        return False
    compared = differing = 0
    for position, cell in enumerate(cells):
        values = {_shape(r[position].strip()) for r in rest if position < len(r) and r[position].strip()}
        if cell and values:
            compared += 1
            differing += _shape(cell) not in values
    if not compared:
        return all(_COLUMN_NAME.fullmatch(c) for c in named)
    distinct = len({c.casefold() for c in named}) == len(named)
    return differing * 2 >= compared and differing > 0 if distinct else differing == compared


def _count(data: bytes, char: bytes, start: int = 0, end: int | None = None) -> int:
    """``data.count(char, start, end)``, by numpy for a one-byte ``char`` in a large span (twice as fast)."""
    end = len(data) if end is None else end
    if len(char) != 1 or end - start < 1 << 20:
        return data.count(char, start, end)
    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start) == char[0]))


def _record_end(data: bytes, eol: bytes, quote: bytes) -> int:
    """Length of the longest prefix of ``data`` ending at an end of line outside quotes (0 when there is none)."""
    end = data.rfind(eol) + 1
    odd = _count(data, quote, 0, end) % 2
    while odd and end:
        start = data.rfind(eol, 0, end - 1) + 1
        odd ^= data.count(quote, start, end) % 2
        end = start
    return end


def _tolerant_end(data: bytes, eol: bytes, delimiter: bytes, quote: bytes, *, final: bool) -> int:
    """Length of the longest prefix of ``data`` made of complete records as Python's csv module reads them: a
    quote opens a quoted field only at the start of a field, elsewhere it is text (5'11"). Slower than
    :func:`_record_end` (a Python step per quote), right where quote parity is not."""
    field_starts = (delimiter, eol, b"\r")
    quoted: list[tuple[int, int]] = []  # (opening, closing) quotes of the quoted fields
    opened = -1  # where the quoted field being read opened
    pos = data.find(quote)
    while pos >= 0:
        if opened < 0:
            if not pos or data[pos - 1: pos] in field_starts:
                opened = pos
            pos = data.find(quote, pos + 1)
        elif data[pos + 1: pos + 2] == quote:  # a doubled quote inside a quoted field
            pos = data.find(quote, pos + 2)
        else:
            quoted.append((opened, pos))
            opened, pos = -1, data.find(quote, pos + 1)
    if final and opened < 0:
        return len(data)
    end = data.rfind(eol, 0, opened) if opened >= 0 else data.rfind(eol)
    for start, stop in reversed(quoted):  # the last end of line outside the quoted fields
        if end > stop:
            break
        if end > start:
            end = data.rfind(eol, 0, start)
    return end + 1


class _CsvReader:
    """UTF-8 CSV bytes to DataFrames: polars on large pieces cut at the end of a record (quote parity); Python's
    csv module on the rare pieces polars refuses (quotes inside unquoted fields)."""

    def __init__(self, blocks: Iterator[bytes], dialect: _Dialect, state: _State) -> None:
        self._blocks = blocks
        self._dialect = dialect
        self._state = state
        self._eol = dialect.eol.encode()
        self._quote = dialect.quote.encode()
        self._inner = [f"_{i}" for i in range(dialect.width + 1)]  # the last catches fields beyond the width
        self._names = _column_names(dialect.header, dialect.width)
        self._line = 1  # line number of the first byte not parsed yet
        self._stopped = False
        self._too_many = f"row(s) with more than {dialect.width} fields; the extra fields were dropped"
        self._too_few = f"row(s) with fewer than {dialect.width} fields; the missing cells are empty"
        state.format, state.delimiter, state.columns = "csv", dialect.delimiter, self._names

    def frames(self) -> Iterator[pl.DataFrame]:
        buffer = b""
        first = True
        for block in self._blocks:
            buffer = buffer + block if buffer else block
            if first:
                buffer, first = self._skip_header(buffer), False
            buffer = yield from self._drain(buffer, final=False)
            if self._stopped:
                return
        yield from self._drain(buffer, final=True)

    def _skip_header(self, data: bytes) -> bytes:
        if self._dialect.header is None:
            return data
        end = data.find(self._eol) + 1
        while end and data.count(self._quote, 0, end) % 2:
            end = data.find(self._eol, end) + 1
        end = end or len(data)
        self._line += data.count(self._eol, 0, end)
        return data[end:]

    def _drain(self, data: bytes, *, final: bool) -> Generator[pl.DataFrame, None, bytes]:
        """Parse the complete records at the start of ``data``; return the rest for the next block.

        Records end where quote parity is even, which polars checks as it parses; where polars refuses (a quote
        inside an unquoted field upsets parity), they end where Python's csv module would end them.
        """
        while data:
            end = len(data) if final and not _count(data, self._quote) % 2 else \
                _record_end(data, self._eol, self._quote)
            frame = self._polars(data[:end], self._line, "utf8") if end else None
            if frame is None:
                end = _tolerant_end(data, self._eol, self._dialect.delimiter.encode(), self._quote, final=final)
                if not end and (final or len(data) > _MAX_RECORD):
                    self._state.damage(f"line {self._line}: unterminated quote; rows after it were not read")
                    self._stopped = True
                    return b""
                if not end:
                    break
            if frame is not None:
                yield frame
            else:
                yield from self._parse(data[:end], self._line)
            self._line += _count(data, self._eol, 0, end)
            data = data[end:]
        return data

    def _parse(self, piece: bytes, line: int) -> Iterator[pl.DataFrame]:
        """A piece of complete records polars refused as UTF-8: polars again with invalid bytes replaced, else
        halves, then Python's csv module on small pieces."""
        last = line + piece.count(self._eol, 0, len(piece) - 1)
        frame = self._polars(piece, line, "utf8-lossy")
        if frame is not None:
            self._state.damage(f"lines {line}-{last}: bytes that are not valid UTF-8 were replaced with U+FFFD")
            yield frame
            return
        middle = 0
        if len(piece) > _SPLIT_BELOW:
            half = piece[: len(piece) // 2]
            middle = _tolerant_end(half, self._eol, self._dialect.delimiter.encode(), self._quote, final=False)
        if middle:
            for part, start in ((piece[:middle], line), (piece[middle:], line + piece.count(self._eol, 0, middle))):
                frame = self._polars(part, start, "utf8")
                if frame is not None:
                    yield frame
                else:
                    yield from self._parse(part, start)
        else:
            self._state.damage(f"lines {line}-{last}: malformed quoting (a quote inside an unquoted field?); "
                               "read with Python's csv module, such quotes kept as text")
            yield self._tolerant(piece, line)

    def _polars(self, piece: bytes, line: int, encoding: str) -> pl.DataFrame | None:
        """The rows of ``piece`` parsed by polars, or None when polars refuses it."""
        try:
            frame = pl.read_csv(piece, has_header=False, schema=dict.fromkeys(self._inner, pl.String),
                                separator=self._dialect.delimiter, quote_char=self._dialect.quote,
                                eol_char=self._dialect.eol, truncate_ragged_lines=True, missing_columns="insert",
                                encoding=encoding, raise_if_empty=False)
        except pl.exceptions.PolarsError:
            return None
        blank = pl.all_horizontal(pl.all().is_null())
        long = pl.col(self._inner[-1]).is_not_null()
        short = pl.col(self._inner[-2]).is_null() & ~blank
        if frame.select(long.any() | short.any()).item():
            self._ragged(piece, line, frame)
        return frame.filter(~blank).drop(self._inner[-1]).rename(dict(zip(self._inner, self._names, strict=False)))

    def _ragged(self, piece: bytes, line: int, frame: pl.DataFrame) -> None:
        """Count the rows with too many or too few fields, and find the line of the first of each kind.

        Fields of a record = delimiters on its lines - delimiters inside its quoted values + 1; a record spans
        1 + (line breaks inside its values) lines.
        """
        delimiter, eol, cells = self._dialect.delimiter, self._dialect.eol, self._inner[:-1]
        lines = pl.read_csv(piece, has_header=False, schema={"line": pl.String}, separator="\0", quote_char=None,
                            eol_char=eol, truncate_ragged_lines=True, encoding="utf8-lossy", raise_if_empty=False)
        per_line = lines["line"].str.count_matches(delimiter, literal=True).fill_null(0).cast(pl.Int64).to_numpy()

        def inside(text: str) -> pl.Expr:
            return pl.sum_horizontal(pl.col(cells).str.count_matches(text, literal=True).fill_null(0)).cast(pl.Int64)

        counts = frame.select(
            inside=inside(delimiter), breaks=inside(eol), long=pl.col(self._inner[-1]).is_not_null(),
            short=pl.col(cells[-1]).is_null() & ~pl.all_horizontal(pl.all().is_null()))
        breaks = counts["breaks"].to_numpy()
        starts = np.arange(frame.height) + np.concatenate(([0], np.cumsum(breaks)[:-1]))
        long = counts["long"].to_numpy()
        short = counts["short"].to_numpy()
        if starts[-1] + breaks[-1] + 1 == len(per_line):
            short = short & (np.add.reduceat(per_line, starts) - counts["inside"].to_numpy() < len(cells) - 1)
        else:  # lines and records do not line up (a NUL byte); only rows with extra fields are counted
            short = np.zeros_like(short)
        for mask, text in ((long, self._too_many), (short, self._too_few)):
            if mask.any():
                self._state.tally(text, f"line {line + int(starts[np.argmax(mask)])}", int(mask.sum()))

    def _tolerant(self, piece: bytes, line: int) -> pl.DataFrame:
        """Python's csv module on a small piece: quotes inside unquoted fields are kept as text."""
        text = piece.decode("utf-8", errors="replace")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=self._dialect.delimiter,
                            quotechar=self._dialect.quote, strict=False)
        width = self._dialect.width
        rows: list[Row] = []
        start = line
        try:
            for fields in reader:
                if any(fields):
                    if len(fields) > width and any(fields[width:]):
                        self._state.tally(self._too_many, f"line {start}")
                    elif len(fields) < width:
                        self._state.tally(self._too_few, f"line {start}")
                    rows.append([cell or None for cell in fields[:width]] + [None] * (width - len(fields)))
                start = line + reader.line_num
        except csv.Error as exc:
            self._state.damage(f"line {start}: {exc}; the rest of lines {start}-{line + text.count(self._dialect.eol)}"
                               " was not read")
        return pl.DataFrame(rows, schema=dict.fromkeys(self._names, pl.String), orient="row")


# -------------------------------------------------------------------------------------------- text windows
_SPACE = re.compile(r"\s*")
_JSON = json.JSONDecoder()


class _Text:
    """A sliding window over decoded text: parsers look at ``buf[pos:]`` and call :meth:`fill` for more."""

    def __init__(self, blocks: Iterator[str]) -> None:
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._blocks = blocks
        self._line = 1  # line number at buf[self._counted]
        self._counted = 0

    def fill(self) -> bool:
        """Append the next block, dropping what was consumed; False at the end of the text."""
        block = next(self._blocks, None)
        if block is None:
            self.eof = True
            return False
        self._line = self.line_at(self.pos)
        self.buf, self.pos, self._counted = self.buf[self.pos:] + block, 0, 0
        return True

    def need(self, pattern: re.Pattern[str], cap: int = 1 << 20) -> re.Match[str] | None:
        """``pattern`` matched at ``pos``, reading more while it fails within ``cap`` characters of the end."""
        while True:
            match = pattern.match(self.buf, self.pos)
            if match is not None or self.eof or len(self.buf) - self.pos > cap or not self.fill():
                return match

    def line_at(self, pos: int | None = None) -> int:
        pos = self.pos if pos is None else pos
        if pos >= self._counted:
            self._line += self.buf.count("\n", self._counted, pos)
        else:
            self._line -= self.buf.count("\n", pos, self._counted)
        self._counted = pos
        return self._line

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end of the text), left unconsumed."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]  # \s* always matches
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                return ""

    def json_value(self) -> Any:
        """The JSON value at ``pos``, reading more text as needed; raises JSONDecodeError when it is invalid."""
        while True:
            try:
                value, end = _JSON.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise json.JSONDecodeError("nested too deeply", self.buf, self.pos) from None
            except json.JSONDecodeError:
                if self.eof or len(self.buf) - self.pos > _MAX_RECORD or not self.fill():
                    raise
                continue
            if end == len(self.buf) and not self.eof and self.fill():
                continue  # a number may go on in the next block
            self.pos = end
            return value


# ----------------------------------------------------------------------------------------------------- JSON
_ARRAY_START = re.compile(r"\[\s*(\S)")


def _json_items(text: _Text, state: _State) -> Iterator[dict[str, Any]]:
    """The records of a JSON array, or of the first array of records inside a top-level object."""
    start = text.skip_space()
    if start == "{":
        _enter_records(text, state)
    elif start != "[":
        raise state.error("not a JSON array or object")
    text.pos += 1
    records = 0
    while True:
        char = text.skip_space()
        if char == "]":
            return
        if char == ",":
            text.pos += 1
            continue
        if not char:
            state.damage(f"line {text.line_at()}: the JSON array has no closing bracket; the file may be cut short")
            return
        line = text.line_at()
        try:
            item = text.json_value()
        except json.JSONDecodeError as exc:
            why = "the JSON stops inside a record (cut short?)" if text.eof else f"invalid JSON ({exc.msg})"
            state.damage(f"line {line}: {why}; rows after it were not read")
            return
        if isinstance(item, dict):
            records += 1
            yield item
        elif not records:
            raise state.error(f"the JSON array holds {type(item).__name__} values, not records (objects)",
                              hint="give an array of objects, an object holding one, or JSON Lines")
        else:
            state.tally("array item(s) that are not objects; skipped", f"line {line}")


def _enter_records(text: _Text, state: _State) -> None:
    """Move to the first array of records held by a top-level object, such as ``{"data": [...]}``."""
    text.pos += 1
    try:
        while True:
            char = text.skip_space()
            if char in ("}", ""):
                raise state.error("the JSON object holds no list of records",
                                  hint="give an array of objects, an object holding one, or JSON Lines")
            if char == ",":
                text.pos += 1
                continue
            key = text.json_value()
            if not isinstance(key, str) or text.skip_space() != ":":
                raise state.error(f"invalid JSON at line {text.line_at()}")
            text.pos += 1
            if text.skip_space() == "[":
                array = text.need(_ARRAY_START)
                if array is not None and array[1] in "{]":
                    return
            text.json_value()
    except json.JSONDecodeError as exc:
        raise state.error(f"invalid JSON at line {text.line_at()} ({exc.msg}) before any record") from exc


def _json_lines(text: _Text, state: _State) -> Iterator[dict[str, Any]]:
    """The records of JSON Lines text, one object a line; bad lines are skipped and counted."""
    records = 0
    while True:
        end = text.buf.find("\n", text.pos)
        if end < 0 and len(text.buf) - text.pos < _MAX_RECORD and text.fill():
            continue
        line = text.line_at()
        raw = text.buf[text.pos: end if end >= 0 else len(text.buf)]
        text.pos = end + 1 if end >= 0 else len(text.buf)
        if raw.strip():
            try:
                item = json.loads(raw)
            except (ValueError, RecursionError):
                if end >= 0:
                    state.tally("line(s) that are not valid JSON; skipped", f"line {line}")
                elif text.eof:
                    state.damage(f"line {line}: the last line is cut short or invalid; skipped")
                else:
                    state.damage(f"line {line}: longer than {_MAX_RECORD >> 20} MB or broken; rows after it were "
                                 "not read")
                item = None
            if isinstance(item, dict):
                records += 1
                yield item
            elif item is not None and not records:
                raise state.error(f"line {line} holds a {type(item).__name__}, not a record (object)",
                                  hint="JSON Lines samples hold one object a line")
            elif item is not None:
                state.tally("line(s) that are not JSON objects; skipped", f"line {line}")
        if end < 0:
            return


def _json_cell(value: Any) -> str | None:
    """A JSON value as a cell: strings as they are, numbers and booleans as JSON writes them, nested as JSON."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _record_frames(records: Iterator[dict[str, Any]], state: _State, batch_rows: int) -> Iterator[pl.DataFrame]:
    """DataFrames of records; the columns are the keys met in the first batch, in the order first seen."""
    first = list(itertools.islice(records, batch_rows))
    keys = list(dict.fromkeys(key for record in first for key in record))
    if not keys:
        raise state.error("the JSON holds no records" if not first else "the JSON records have no fields")
    state.columns = names = _column_names(keys, len(keys))
    schema = dict.fromkeys(names, pl.String)
    known = set(keys)
    batch = first
    while batch:
        for record in batch:
            for key in record.keys() - known:
                state.damage(f"key {key!r} first appears after the first {len(first):,} records; ignored")
                known.add(key)
        cells = {name: [_json_cell(r.get(key)) for r in batch] for key, name in zip(keys, names, strict=True)}
        yield pl.DataFrame(cells, schema=schema)
        batch = list(itertools.islice(records, batch_rows))


# ------------------------------------------------------------------------------------------------ SQL dumps
_IDENT = r"(?:`[^`]+`|\"[^\"]+\"|\[[^\]]+\]|[\w$]+)"
_NAME = rf"{_IDENT}(?:\s*\.\s*{_IDENT})?"
_STATEMENT = re.compile(r"(?:^|(?<=;))[ \t]*(?:(?P<insert>INSERT|REPLACE)|(?P<copy>COPY)|(?P<create>CREATE))\b",
                        re.I | re.M)
_INSERT_HEAD = re.compile(
    rf"(?:INSERT|REPLACE)(?:\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*\s+INTO\s+(?P<table>{_NAME})\s*"
    r"(?:\((?P<columns>[^)]*)\)\s*)?VALUES?\s*", re.I)
_COPY_HEAD = re.compile(
    rf"COPY\s+(?P<table>{_NAME})\s*(?:\((?P<columns>[^)]*)\)\s*)?FROM\s+stdin\b[^;\n]*;[^\n]*\n", re.I)
_CREATE_HEAD = re.compile(
    rf"CREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?(?:TEMPORARY|TEMP|UNLOGGED)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?P<table>{_NAME})\s*\(", re.I)
_SEPARATOR = re.compile(r"\s*([,;])")
_RAW = r"(?:[^,'\"()\s]|\([^()]*\))++"
_ESCAPED = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a"}
_MYSQL_ESCAPE = re.compile(r"\\(.)|''", re.S)
_PG_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))", re.S)
_PG_ESCAPED = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_SQL_PIECES = re.compile(r"[^()'`\"]+|'(?:[^'\\]|\\.|'')*'|`[^`]*`|\"[^\"]*\"|[()]", re.S)
_NOT_COLUMNS = {"PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL",
                "EXCLUDE", "LIKE", "PERIOD"}


def _value_patterns(backslash: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern of a complete row ``(v, v, ...)`` and of one value, for MySQL (backslash escapes) or
    PostgreSQL (standard strings) literals. Atomic groups keep a cut row from backtracking for ever."""
    single = r"'[^'\\]*+(?:(?:\\.|'')[^'\\]*+)*+'" if backslash else r"'[^']*+(?:''[^']*+)*+'"
    double = r'"[^"\\]*+(?:(?:\\.|"")[^"\\]*+)*+"'
    value = rf"(?>(?:_\w+\s*|[NnXxBbEe])?{single}|{double}|{_RAW})"
    row = re.compile(rf"\s*\((?P<inner>\s*(?:{value}(?:\s*,\s*{value})*+)?\s*)\)", re.S)
    one = re.compile(rf"\s*(?:(?:_\w+\s*|[NnXxBbEe])?'(?P<s>{single[1:-1]})'|\"(?P<d>{double[1:-1]})\"|(?P<raw>{_RAW}))"
                     r"\s*(?:,|\Z)", re.S)
    return row, one


def _unquote(name: str) -> str:
    return ".".join(part.strip().strip('`"[]') for part in re.findall(_IDENT, name))


@dataclass
class _SqlRow:
    table: str
    columns: tuple[str, ...] | None  # the column list of its INSERT or COPY
    values: Row
    line: int  # line of its statement


class _SqlDump:
    """The rows of the INSERT and COPY statements of a MySQL or PostgreSQL dump, read as a stream."""

    def __init__(self, text: _Text, state: _State, head: str) -> None:
        self._text = text
        self._state = state
        self._backslash = not re.search(r"PostgreSQL database dump|standard_conforming_strings = on|^COPY ",
                                        head, re.M)
        self._row, self._value = _value_patterns(self._backslash)
        self.created: dict[str, list[str]] = {}  # columns of CREATE TABLE statements

    def rows(self) -> Iterator[_SqlRow]:
        text = self._text
        while True:
            found = _STATEMENT.search(text.buf, text.pos)
            if found is None:
                text.pos = max(text.pos, text.buf.rfind("\n") + 1)  # keep a statement cut by the block end
                if not text.fill():
                    return
                continue
            text.pos = found.start(found.lastgroup or 0)
            if found["insert"]:
                yield from self._insert()
            elif found["copy"]:
                yield from self._copy()
            else:
                self._create()

    def _insert(self) -> Iterator[_SqlRow]:
        text = self._text
        head = text.need(_INSERT_HEAD, cap=64 << 10)
        if head is None:  # not an INSERT ... VALUES (INSERT ... SELECT): search on
            text.pos += 1
            return
        table = _unquote(head["table"])
        columns = tuple(_unquote(c) for c in head["columns"].split(",")) if head["columns"] else None
        line = text.line_at()
        text.pos = head.end()
        while True:
            row = text.need(self._row, cap=_MAX_RECORD)
            if row is None:
                where = text.line_at(_SPACE.match(text.buf, text.pos).end())  # type: ignore[union-attr]
                if text.eof:
                    self._state.damage(f"line {where}: INSERT INTO {table} is cut short; the rest was not read")
                else:
                    self._state.damage(f"line {where}: a row of INSERT INTO {table} cannot be read; "
                                       "the rest of the statement was skipped")
                    text.pos += 1
                return
            yield _SqlRow(table, columns, self._values(row["inner"]), line)
            text.pos = row.end()
            separator = text.need(_SEPARATOR)
            if separator is None:  # the end of the file, or ON DUPLICATE KEY UPDATE ...
                return
            text.pos = separator.end()
            if separator[1] == ";":
                return

    def _values(self, inner: str) -> Row:
        values: Row = []
        for quoted, double, raw in self._value.findall(inner):
            if raw:
                values.append(None if raw.upper() == "NULL" else raw)
            elif quoted or double:
                values.append(self._unescape(quoted or double.replace('""', '"')))
            else:
                values.append(None)  # '' is an empty cell
        return values

    def _unescape(self, value: str) -> str:
        if self._backslash and ("\\" in value or "''" in value):
            return _MYSQL_ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]) if m[1] is not None else "'", value)
        return value.replace("''", "'")

    def _copy(self) -> Iterator[_SqlRow]:
        text = self._text
        head = text.need(_COPY_HEAD, cap=64 << 10)
        if head is None:  # not a COPY ... FROM stdin: search on
            text.pos += 1
            return
        table = _unquote(head["table"])
        columns = tuple(_unquote(c) for c in head["columns"].split(",")) if head["columns"] else None
        line = text.line_at()
        text.pos = head.end()
        while True:
            end = text.buf.find("\n", text.pos)
            if end < 0 and text.fill():
                continue
            raw = text.buf[text.pos: end if end >= 0 else len(text.buf)].rstrip("\r")
            text.pos = end + 1 if end >= 0 else len(text.buf)
            if raw == "\\.":
                return
            if raw:
                yield _SqlRow(table, columns, [_pg_field(f) for f in raw.split("\t")], line)
            if end < 0:
                self._state.damage(f"line {text.line_at()}: the COPY data of {table} has no end marker (\\.); "
                                   "the file may be cut short")
                return

    def _create(self) -> None:
        text = self._text
        head = text.need(_CREATE_HEAD, cap=64 << 10)
        if head is None:  # CREATE INDEX, CREATE VIEW, ...: search on
            text.pos += 1
            return
        text.pos = head.end()
        body = self._parenthesised()
        if body is not None:
            self.created[_unquote(head["table"])] = _created_columns(body)

    def _parenthesised(self) -> str | None:
        """The text up to the parenthesis closing the one just passed, outside quotes; None when cut short."""
        text = self._text
        while True:
            depth, pos = 1, text.pos
            for match in _SQL_PIECES.finditer(text.buf, pos):
                depth += {"(": 1, ")": -1}.get(match[0], 0)
                if not depth:
                    body = text.buf[pos: match.start()]
                    text.pos = match.end()
                    return body
            if text.eof or len(text.buf) - pos > _MAX_RECORD or not text.fill():
                return None


def _created_columns(body: str) -> list[str]:
    """Column names of a CREATE TABLE body, without the keys and constraints."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"'(?:[^'\\]|\\.|'')*'|[(),]", body):
        char = match[0]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and not depth:
            parts.append(body[start: match.start()])
            start = match.end()
    parts.append(body[start:])
    names = []
    for part in parts:
        name = re.match(rf"\s*({_IDENT})", part)
        if name and name[1].upper() not in _NOT_COLUMNS:
            names.append(_unquote(name[1]))
    return names


def _pg_field(value: str) -> str | None:
    """A field of PostgreSQL COPY text: \\N is null, backslash escapes decoded."""
    if value == "\\N" or not value:
        return None
    if "\\" not in value:
        return value

    def unescape(match: re.Match[str]) -> str:
        octal, hexa, char = match.groups()
        if octal:
            return chr(int(octal, 8))
        if hexa:
            return chr(int(hexa, 16))
        return _PG_ESCAPED.get(char, char)

    return _PG_ESCAPE.sub(unescape, value)


@dataclass
class _Table:
    name: str
    names: list[str] | None = None  # final column names, set with its first row
    declared: tuple[str, ...] | None = None  # the column list its names came from
    rows: list[Row] = field(default_factory=list)
    count: int = 0


def _sql_frames(dump: _SqlDump, state: _State, wanted: str | None, batch_rows: int) -> Iterator[pl.DataFrame]:
    """DataFrames of one table of the dump: ``wanted``, else the first with many rows, else the largest."""
    tables: dict[str, _Table] = {}
    chosen: _Table | None = None
    for row in dump.rows():
        table = tables.setdefault(row.table, _Table(row.table))
        table.count += 1
        if chosen is None and (wanted is None or _is_table(row.table, wanted)):
            table.rows.append(_fit(table, row, dump, state))
            if table.count >= _LARGE_TABLE or wanted is not None:
                chosen = _choose_table(table, tables, state)
        elif table is chosen:
            table.rows.append(_fit(table, row, dump, state))
            if len(table.rows) >= batch_rows:
                yield _table_frame(table)
    if chosen is None:
        candidates = [t for t in tables.values() if t.rows]
        if not candidates:
            raise state.error(f"the dump holds no table {wanted!r}" if wanted else "the dump holds no rows",
                              hint=f"tables: {', '.join(tables)}" if tables else "no INSERT or COPY data was found")
        chosen = _choose_table(max(candidates, key=lambda t: t.count), tables, state)
    if chosen.rows:
        yield _table_frame(chosen)
    others = [f"{t.name} ({t.count:,} rows)" for t in tables.values() if t is not chosen]
    if others:
        state.damage(f"the dump also holds {', '.join(others)}; not read (member='<table>' reads one)")


def _is_table(name: str, wanted: str) -> bool:
    wanted = wanted.removeprefix("table ").strip()
    return wanted in (name, name.rsplit(".", 1)[-1])


def _choose_table(table: _Table, tables: dict[str, _Table], state: _State) -> _Table:
    for other in tables.values():
        if other is not table:
            other.rows.clear()
    state.columns = table.names or []
    state.member = f"{state.member}: table {table.name}" if state.member else f"table {table.name}"
    return table


def _fit(table: _Table, row: _SqlRow, dump: _SqlDump, state: _State) -> Row:
    """The values of ``row`` in the columns of its table (named on its first row), counted when ragged."""
    if table.names is None:
        declared = row.columns or tuple(dump.created.get(row.table, ()))
        table.declared = declared or None
        table.names = _column_names(list(declared), max(len(declared), len(row.values)))
    values = row.values
    if row.columns is not None and table.declared is not None and row.columns != table.declared:
        position = {name: i for i, name in enumerate(row.columns)}
        values = [values[position[n]] if n in position and position[n] < len(values) else None
                  for n in table.declared]
    width = len(table.names)
    if len(values) != width:
        kind = "more" if len(values) > width else "fewer"
        state.tally(f"row(s) of {table.name} with {kind} values than its {width} columns", f"line {row.line}")
        values = values[:width] + [None] * (width - len(values))
    return values


def _table_frame(table: _Table) -> pl.DataFrame:
    frame = pl.DataFrame(table.rows, schema=dict.fromkeys(table.names or [], pl.String), orient="row")
    table.rows = []
    return frame


# ------------------------------------------------------------------------------------------------------ XLSX
def _workbook_frames(handle: IO[bytes], state: _State, sheet: str | None, batch_rows: int,
                     stack: ExitStack) -> Iterator[pl.DataFrame]:
    """DataFrames of the first sheet with data (or of ``sheet``) of an XLSX workbook, read with openpyxl."""
    import openpyxl

    state.format = "xlsx"
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files: convert them all here
        raise state.error(f"cannot open the workbook ({type(exc).__name__}: {exc})",
                          hint="check it opens in a spreadsheet program, or save it as CSV") from exc
    stack.callback(book.close)
    rows, title = _sheet_rows(book, sheet, state)
    state.member = f"sheet {title}"
    return _sheet_frames(list(itertools.islice(rows, _SNIFF_ROWS)), rows, state, batch_rows)


def _sheet_rows(book: Any, sheet: str | None, state: _State) -> tuple[Iterator[tuple[int, Row]], str]:
    """The rows of ``sheet``, else of the first worksheet with data, and its title."""
    worksheets = [w for w in book.worksheets if sheet is None or w.title == sheet]
    if sheet is not None and not worksheets:
        titles = ", ".join(w.title for w in book.worksheets)
        raise state.error(f"the workbook has no sheet {sheet!r}", hint=f"sheets: {titles}")
    for worksheet in worksheets:
        worksheet.reset_dimensions()
        rows = _cells(worksheet, state)
        first = next(rows, None)
        if first is not None:
            return itertools.chain([first], rows), worksheet.title
    raise state.error("the workbook has no sheet with data")


def _cells(worksheet: Any, state: _State) -> Iterator[tuple[int, Row]]:
    """Non-empty rows of a sheet as (row number, cells as text); a sheet damaged after its first rows ends with a
    damage note, one damaged from the start is refused."""
    number = 0
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_xlsx_cell(v) for v in values]
            if any(cells):
                yield number, cells
    except Exception as exc:  # missing or damaged XML inside the workbook
        if not number:
            raise state.error(f"the sheet {worksheet.title!r} of the workbook is damaged ({type(exc).__name__})",
                              hint="check it opens in a spreadsheet program, or save it as CSV") from exc
        state.damage(f"row {number + 1}: the sheet is damaged ({type(exc).__name__}); rows after it were not read")


def _xlsx_cell(value: Any) -> str | None:
    """A spreadsheet value as text: integral floats without ".0", dates in ISO 8601, booleans as true/false."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _sheet_frames(first: list[tuple[int, Row]], rows: Iterator[tuple[int, Row]], state: _State,
                  batch_rows: int) -> Iterator[pl.DataFrame]:
    """DataFrames of a sheet's rows; header and width decided on the ``first`` rows as for CSV."""
    cells = [[c or "" for c in row] for _, row in first]
    header = first[0][1] if _looks_like_header(cells[0], cells[1:]) else None
    data = first[1:] if header else first
    widths = [_filled_width(r) for _, r in data]
    common = Counter(widths).most_common(1)[0][0] if widths else 0
    width = max(_filled_width(header), common) if header else max(widths)
    state.columns = names = _column_names([c or "" for c in header] if header else None, width)
    schema = dict.fromkeys(names, pl.String)
    batch: list[Row] = []
    for number, row in itertools.chain(data, rows):
        if _filled_width(row) > width:
            state.tally(f"row(s) with cells beyond the {width} columns; the extra cells were dropped",
                        f"row {number}")
        batch.append(row[:width] + [None] * (width - len(row)))
        if len(batch) >= batch_rows:
            yield pl.DataFrame(batch, schema=schema, orient="row")
            batch = []
    if batch:
        yield pl.DataFrame(batch, schema=schema, orient="row")


def _filled_width(row: list[str | None] | list[str]) -> int:
    return max((i + 1 for i, cell in enumerate(row) if cell), default=0)
