from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsint.cli import app
from newsint.evaluate import SELF_CONTAINED, TASKS

runner = CliRunner()


def test_eval_all_without_data_skips_every_task_and_succeeds(tmp_path: Path) -> None:
    out = tmp_path / "reports.json"
    result = runner.invoke(
        app, ["eval", "all", "--data", str(tmp_path / "absent"), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    reports = json.loads(out.read_text())
    assert {r["task"] for r in reports} == set(TASKS)
    assert all(r["skipped"] for r in reports if r["task"] not in SELF_CONTAINED)
    # a self-contained task scores its own cases without the data (its real-text part skips)
    assert all(
        any(not r["skipped"] for r in reports if r["task"] == task) for task in SELF_CONTAINED
    )
    assert result.stdout.count("skipped") >= len(TASKS) - len(SELF_CONTAINED)


def test_unknown_task_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "nonsense", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "extraction" in result.stdout and "paraphrase" in result.stdout


def test_report_text_is_not_taken_for_markup(tmp_path: Path) -> None:
    # a folder name in brackets must print as written (rich would swallow "[x]" as a tag)
    result = runner.invoke(
        app, ["eval", "paraphrase", "--data", str(tmp_path / "[x]")], env={"COLUMNS": "1000"}
    )
    assert result.exit_code == 0
    assert "[x]" in result.stdout
