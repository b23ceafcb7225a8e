"""Every command of the CLI is documented: it has an `Example:` in its help and a heading in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main

from breachlens.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Leaf commands with their paths (typer vendors click, so groups are recognised by their ``commands``)."""
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            found += _commands(command, path)
        else:
            found.append((path, command))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_cli_has_commands() -> None:
    assert len(COMMANDS) > 20


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_an_example(path: tuple[str, ...], command: Any) -> None:
    assert "Example:" in (command.help or ""), f"`breachlens {' '.join(path)}` has no Example: in its help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme(path: tuple[str, ...], command: Any) -> None:
    headings = [line for line in README.splitlines() if line.startswith("### ")]
    words = list(path)
    assert any(_mentions(heading, words) for heading in headings), \
        f"`breachlens {' '.join(path)}` is not in the README's command-line reference"


def _mentions(heading: str, words: list[str]) -> bool:
    """`### breachlens sources add ...` or a heading listing siblings: `sources list|remove NAME`."""
    if f"breachlens {' '.join(words)}" in heading:
        return True
    if len(words) >= 2 and f"breachlens {' '.join(words[:-1])}" in heading:
        tail = heading.split(f"breachlens {' '.join(words[:-1])}", 1)[1]
        return words[-1] in tail.replace("|", " ").replace("`", " ").replace(",", " ").split()
    return False
