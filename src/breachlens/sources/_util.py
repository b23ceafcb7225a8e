"""Small helpers shared by the connectors: dates to UTC, warnings, HTML sniffing, reading JSON files."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from breachlens.errors import InputError, SourceError
from breachlens.inputs import MAX_BYTES, decode

__all__ = ["Warn", "decode_file", "load_json", "looks_like_html", "read_text", "to_utc"]

log = logging.getLogger("breachlens.sources")

_HTML = re.compile(r"<(?:html|body|p|div|br|a|span|ul|li|table|h[1-6]|strong|em|b|i)\b[^>]*>", re.IGNORECASE)


class Warn:
    """Where a connector reports what it skipped: the caller's list, or the ``breachlens.sources`` log."""

    def __init__(self, sink: list[str] | None) -> None:
        self.sink = sink

    def __call__(self, message: str) -> None:
        if self.sink is None:
            log.warning("%s", message)
        else:
            self.sink.append(message)


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds HTML tags (a feed summary, a JSON ``body`` copied from a page)."""
    return _HTML.search(text) is not None


def to_utc(value: Any) -> datetime | None:
    """A timezone-aware UTC datetime from ISO 8601 text, ``YYYY-MM-DD HH:MM:SS[.ffffff]``, an epoch number
    (seconds, or milliseconds when very large) or a datetime; naive values are taken as UTC. None if unreadable.

    Example::

        >>> to_utc("2023-07-26 20:57:28.843369")
        datetime.datetime(2023, 7, 26, 20, 57, 28, 843369, tzinfo=datetime.timezone.utc)
        >>> to_utc("2024-03-01T12:00:00+01:00").hour
        11
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, int | float):
        seconds = float(value) / 1000 if abs(value) > 1e11 else float(value)
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
            return to_utc(float(text))
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def decode_file(path: Path) -> tuple[str, list[str]]:
    """The text of ``path`` (any encoding :func:`breachlens.inputs.decode` knows) and notes about how it was read.

    Raises :class:`SourceError` naming the file when it is empty, binary, too large or unreadable.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"larger than {MAX_BYTES // (1024 * 1024)} MB", input=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read it ({exc.strerror or exc})", input=str(path)) from exc
    try:
        raw = decode(data, str(path))
    except InputError as exc:
        raise SourceError(str(exc.args[0]), input=str(path)) from exc
    return raw.text, [f"{path}: {note}" for note in raw.warnings]


def read_text(path: Path, warn: Warn) -> str | None:
    """Like :func:`decode_file`, but a file that cannot be read is a warning and None."""
    try:
        text, notes = decode_file(path)
    except SourceError as exc:
        warn(f"{exc}; skipped")
        return None
    for note in notes:
        warn(note)
    return text


def load_json(path: Path, warn: Warn) -> Any:
    """The parsed JSON of a whole file; raises :class:`SourceError` naming the file when it cannot be read."""
    text, notes = decode_file(path)
    for note in notes:
        warn(note)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                          input=str(path)) from exc


def jsonl_objects(path: Path, warn: Warn) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    """(where, line number, object) for every JSON object line of a JSON Lines file; bad lines are warned."""
    text = read_text(path, warn)
    if text is None:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{where}: invalid JSON ({exc.msg}, column {exc.colno}); skipped")
            continue
        if not isinstance(obj, Mapping):
            warn(f"{where}: not an object ({type(obj).__name__}); skipped")
            continue
        yield where, number, obj
