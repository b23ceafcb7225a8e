"""Reading what a user hands us: files, standard input, any encoding, with clear errors for what cannot be read.

A claim is text. Binary files, empty files, folders, missing paths and inputs larger than :data:`MAX_BYTES`
are refused with an :class:`~breachlens.errors.InputError` that names the input and says what to do.
Text that is not valid UTF-8 is read as UTF-16 (with its BOM) or Windows-1252, and a warning says so.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from breachlens.errors import InputError

__all__ = ["RawInput", "read_input", "decode", "MAX_BYTES"]

MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class RawInput:
    source: str
    text: str
    warnings: list[str] = field(default_factory=list)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a BOM
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 20)


def decode(data: bytes, source: str) -> RawInput:
    """Text of ``data``: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if not data.strip():
        raise InputError("the input is empty; give a file that holds the text of a post or article", input=source)
    if _looks_binary(data):
        raise InputError("this looks like a binary file, not text (it holds NUL or control bytes); "
                         "give the text of the post, or its HTML page", input=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return RawInput(source, data.decode("utf-16"), ["read as UTF-16"])
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", input=source) from exc
    try:
        return RawInput(source, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return RawInput(source, text, [f"not valid UTF-8 (byte {exc.start}); read as Windows-1252"])


def read_input(name: str) -> RawInput:
    """Read ``name`` (a path, or ``-`` for standard input)."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        source = "-"
    else:
        path = Path(name)
        if not path.exists():
            raise InputError("no such file", input=name, hint="check the path")
        if path.is_dir():
            raise InputError("this is a folder; give the files inside it (for example folder/*.txt)", input=name)
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read it: {exc.strerror}", input=name) from exc
        source = name
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // (1024 * 1024)} MB; a claim is a post or an article, "
                         "split the file or give the part that holds the claim", input=source)
    return decode(data, source)
