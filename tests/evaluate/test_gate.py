"""The accuracy gate: floors read from a file, scores found in reports, failures named."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsint.evaluate as evaluate
from newsint.cli import app
from newsint.errors import ConfigError
from newsint.evaluate.common import EvalOptions, Report, Table
from newsint.evaluate.gate import Floor, read_floors, run_gate, score_of

FLOORS = """
[tasks.fake]
split = "dev"
limit = 5

[[tasks.fake.floors]]
dataset = "toy dev"
table = "spans"
row = "micro"
column = "F1"
floor = 0.70

[[tasks.fake.floors]]
dataset = "toy dev"
table = "spans"
row = "PER"
column = "F1"
floor = 0.90
"""


def fake_run(options: EvalOptions) -> list[Report]:
    """A task whose micro F1 is 0.75 and PER F1 0.85; it records the options it was given."""
    seen.append(options)
    table = Table("spans (5 documents)", ["type", "P", "R", "F1"])
    table.rows = [["PER", 0.9, 0.8, 0.85], ["micro", 0.8, 0.7, 0.75]]
    return [Report("fake", "toy dev", [table]), Report("fake", "absent", skipped="not here")]


seen: list[EvalOptions] = []


@pytest.fixture
def fake_task(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setitem(evaluate.TASKS, "fake", "tests:fake")
    real = evaluate.task
    monkeypatch.setattr(evaluate, "task", lambda name: fake_run if name == "fake" else real(name))
    import newsint.evaluate.gate as gate

    monkeypatch.setattr(gate, "task", evaluate.task)
    seen.clear()
    path = tmp_path / "floors.toml"
    path.write_text(FLOORS)
    return path


def test_scores_under_their_floor_fail_and_are_named(fake_task: Path, tmp_path: Path) -> None:
    outcomes, reports = run_gate(read_floors(fake_task), tmp_path)
    assert [(o.floor.row, o.score, o.passed) for o in outcomes] == [
        (("micro",), 0.75, True),
        (("PER",), 0.85, False),
    ]
    assert (seen[0].split, seen[0].limit) == ("dev", 5)  # the file says how to run the task
    assert len(reports) == 2


def test_the_gate_command_exits_1_naming_every_score_under_its_floor(
    fake_task: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["eval", "gate", "--floors", str(fake_task), "--data", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "gate failed fake / toy dev / PER / F1 is 0.850, under its floor 0.900" in result.output
    assert "micro / F1 is" not in result.output


def test_the_gate_passes_when_every_score_meets_its_floor(fake_task: Path, tmp_path: Path) -> None:
    fake_task.write_text(FLOORS.replace("floor = 0.90", "floor = 0.85"))
    result = CliRunner().invoke(
        app, ["eval", "gate", "--floors", str(fake_task), "--data", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "gate passed: 2 scores" in result.output


def test_a_row_named_by_its_first_cells() -> None:
    table = Table("trigger detection", ["events", "match", "F1"])
    table.rows = [["all types", "strict", 0.3], ["all types", "head", 0.32]]
    report = Report("fake", "toy dev", [table])
    floor = Floor("fake", "toy dev", "trigger", ("all types", "head"), "F1", 0.3)
    assert score_of([report], floor) == 0.32


def test_a_floor_no_report_gives_fails() -> None:
    floor = Floor("fake", "absent", "spans", ("micro",), "F1", 0.5)
    assert score_of(fake_run(EvalOptions(data=Path("."))), floor) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tasks.nope]\n", "unknown task"),
        ("[tasks.ner]\n[[tasks.ner.floors]]\ndataset = 'x'\n", "incomplete floor"),
        ("[tasks.ner\n", "not valid TOML"),
    ],
)
def test_a_bad_floors_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "floors.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as err:
        read_floors(path)
    assert str(path) in err.value.where


def test_the_projects_floors_file_names_known_tasks_and_complete_floors() -> None:
    """eval-floors.toml at the repository root parses, and guards every task it runs."""
    floors = read_floors(Path(__file__).parents[2] / "eval-floors.toml")
    assert floors.floors
    assert {r.task for r in floors.runs} == {f.task for f in floors.floors}


def test_a_ceiling_guards_an_error_where_lower_is_better(tmp_path: Path) -> None:
    """A mean absolute error passes at or under its ceiling and fails over it."""
    path = tmp_path / "floors.toml"
    path.write_text(
        '[tasks.factuality]\nsplit = "dev"\n\n[[tasks.factuality.floors]]\n'
        'dataset = "factuality/uw dev"\ntable = "Event factuality"\nrow = "newsint"\n'
        'column = "MAE"\nceiling = 0.45\n'
    )
    (floor,) = read_floors(path).floors
    assert floor.floor is None and floor.ceiling == 0.45
    assert floor.admits(0.44) and floor.admits(0.45) and not floor.admits(0.46)
    assert floor.bound == "<= 0.450"


def test_a_floor_without_floor_or_ceiling_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "floors.toml"
    path.write_text(
        '[tasks.factuality]\n[[tasks.factuality.floors]]\ndataset = "x"\ntable = "t"\n'
        'row = "r"\ncolumn = "MAE"\n'
    )
    with pytest.raises(ConfigError, match="incomplete floor"):
        read_floors(path)
