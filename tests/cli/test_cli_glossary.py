"""`newsint glossary [TERM]`: one code or all, as text, JSON or Markdown."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsint.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("code", "meaning"),
    [("C2", "probably true"), ("alleged", "alleged"), ("2024-WI", "winter of 2024")],
)
def test_one_term_as_json(code: str, meaning: str) -> None:
    result = runner.invoke(app, ["glossary", code, "--format", "json"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["term"] == code and meaning in entry["meaning"]


def test_all_terms_in_text_and_markdown() -> None:
    text = runner.invoke(app, ["glossary"], env={"COLUMNS": "200"})
    assert text.exit_code == 0, text.output
    assert "syndicated" in text.stdout and "PRESENT_REF" in text.stdout and "PROTEST" in text.stdout
    md = runner.invoke(app, ["glossary", "--format", "markdown"])
    assert md.exit_code == 0
    assert md.stdout.startswith("## Admiralty grade") and "| `spin` |" in md.stdout


def test_an_unknown_term_is_one_line_naming_the_fix() -> None:
    result = runner.invoke(app, ["glossary", "ZZ9"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "ZZ9: not a code newsint knows" in line and "`newsint glossary`" in line
