"""Every command and option of the command line is documented in docs/cli.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from newsint.cli import app

DOC = Path(__file__).parents[2] / "docs" / "cli.md"


def commands() -> Iterator[tuple[str, Any]]:
    """("newsint stories", click command), for every command and subcommand."""

    def walk(command: Any, path: list[str]) -> Iterator[tuple[str, Any]]:
        if len(path) > 1:
            yield " ".join(path), command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(app), ["newsint"])


def sections() -> dict[str, str]:
    """The text under each `## \\`newsint …\\`` heading of docs/cli.md."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## `(newsint[^`]*)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


COMMANDS = dict(commands())


def test_the_reference_covers_every_command_and_nothing_else() -> None:
    assert sorted(sections()) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_documented_under_its_command(name: str) -> None:
    section = sections().get(name, "")
    options = [
        opt
        for param in COMMANDS[name].params
        if param.param_type_name == "option"
        for opt in (*param.opts, *param.secondary_opts)
    ]
    assert options  # every command takes options, so an empty list would mean a broken walk
    missing = [opt for opt in options if f"`{opt}" not in section]
    assert missing == [], f"document {missing} under `{name}` in docs/cli.md"
