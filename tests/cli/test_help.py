"""Help texts show what they say: rich markup must not swallow `newsint[ray]` or `[web] workers`."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from rich.markup import render
from typer.testing import CliRunner

from newsint.cli import app

runner = CliRunner()


def helps() -> list[tuple[str, str]]:
    """(command and option, help text) for every option of every command."""
    found: list[tuple[str, str]] = []

    def walk(command: Any, path: list[str]) -> None:
        for param in command.params:
            if getattr(param, "help", None):
                found.append((f"{' '.join(path)} {param.name}", param.help))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), ["newsint"])
    return found


HELPS = helps()


def test_the_walk_finds_the_options() -> None:
    assert len(HELPS) > 20
    assert any("newsint[ray]" in text.replace("\\[", "[") for _, text in HELPS)


@pytest.mark.parametrize(("where", "text"), HELPS, ids=[w for w, _ in HELPS])
def test_no_bracketed_word_is_swallowed_as_markup(where: str, text: str) -> None:
    shown = render(text).plain
    assert shown == text.replace("\\[", "["), f"{where}: escape '[' as '\\\\[' in its help"


def test_ingest_help_names_the_ray_extra() -> None:
    result = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    flat = re.sub(r"[\s│]+", " ", result.stdout)
    assert "pip install 'newsint[ray]'" in flat
    assert "default: [ray] address" in flat
