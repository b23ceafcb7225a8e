"""What the list commands share: the ``--format table|json`` choice, the table printer and the language check."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

__all__ = ["ListFormat", "check_lang", "echo_json_lines", "number", "print_table"]

LANGS = ("en", "fr")


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def write_file(path: Path, text: str, what: str = "the file") -> None:
    """Write ``text`` to ``path`` (UTF-8), or raise an error naming the path: a folder, a missing folder, no
    permission."""
    from breachlens.errors import InputError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {what}: {exc.strerror or exc}", input=str(path),
                         hint="give a file path in a folder that exists and that you can write") from exc


def check_lang(lang: str) -> str:
    """``lang`` if reports are written in it, else a usage error naming ``--lang``."""
    if lang not in LANGS:
        raise typer.BadParameter("the report languages are " + " and ".join(LANGS), param_hint="--lang")
    return lang


def number(value: int | None) -> str:
    """A count with thousands separators, or nothing."""
    return f"{value:,}" if value is not None else ""


def echo_json_lines(objects: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line (for ``jq`` and scripts), non-ASCII kept as is."""
    for item in objects:
        typer.echo(json.dumps(item, ensure_ascii=False))


def print_table(title: str, columns: Sequence[str | tuple[str, str]], rows: Iterable[Sequence[str]], *,
                empty: str, no_wrap: Sequence[str] = ()) -> None:
    """A table on stdout, or the ``empty`` hint when there are no rows.

    ``columns`` are names, or ``(name, "right")`` for right-aligned numbers. A terminal gets its own width; a pipe
    or file gets lines wide enough to stay whole.
    """
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 170)
    rows = list(rows)
    if not rows:
        console.print(empty)
        return
    table = Table(title=title, title_justify="left")
    for column in columns:
        name, justify = (column, "left") if isinstance(column, str) else column
        table.add_column(name, justify=justify, no_wrap=name in no_wrap)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    console.print(table)
