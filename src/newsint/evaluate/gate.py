"""The accuracy gate: today's dev scores against the floors pinned in eval-floors.toml.

The floors file says which tasks to run and how (the dev split, a document limit where a set is
large, so the whole gate stays within minutes) and, for each score it guards, where the score is
in the task's report (the table, the row, the column) and its floor. `run_gate` runs the tasks
and compares; every score under its floor is a failure, and so is a floor whose score no report
gave (a data set gone missing must not pass silently). An error where lower is better (a mean
absolute error) has a `ceiling` instead: a score above it fails. Raise a floor (lower a
ceiling) in the commit that improves its score; never move one the other way to get green.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsint.config import Config, default_config
from newsint.errors import ConfigError
from newsint.evaluate import TASKS, task
from newsint.evaluate.common import EvalOptions, Report


@dataclass(frozen=True)
class Floor:
    """One guarded score: where it is in a task's reports, and the lowest value that passes."""

    task: str
    dataset: str  # Report.dataset
    table: str  # the start of the table's title
    row: tuple[str, ...]  # the row's first cells (one, or more where one names no row alone)
    column: str  # the column's header
    floor: float | None  # the lowest value that passes (scores where higher is better)
    ceiling: float | None = None  # the highest value that passes (errors: MAE)

    @property
    def name(self) -> str:
        return f"{self.task} / {self.dataset} / {' · '.join(self.row)} / {self.column}"

    @property
    def bound(self) -> str:
        """The limit as a person reads it: "0.700" for a floor, "<= 0.440" for a ceiling."""
        parts = []
        if self.floor is not None:
            parts.append(f"{self.floor:.3f}")
        if self.ceiling is not None:
            parts.append(f"<= {self.ceiling:.3f}")
        return ", ".join(parts)

    def admits(self, score: float) -> bool:
        low = self.floor is None or score >= self.floor
        high = self.ceiling is None or score <= self.ceiling
        return low and high


@dataclass(frozen=True)
class Run:
    """How the gate runs one task: its split and document limit."""

    task: str
    split: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Floors:
    runs: list[Run] = field(default_factory=list)
    floors: list[Floor] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    floor: Floor
    score: float | None  # None: no report gave this score

    @property
    def passed(self) -> bool:
        return self.score is not None and self.floor.admits(self.score)


def read_floors(path: Path) -> Floors:
    """The floors file, checked: known tasks, every floor complete and numeric."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(str(path), "floors file not found", "give --floors FILE") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML ({exc})", "fix the syntax") from None
    runs: list[Run] = []
    floors: list[Floor] = []
    for name, spec in data.get("tasks", {}).items():
        if name not in TASKS:
            raise ConfigError(
                f"{path} [tasks.{name}]", "unknown task", f"use one of {', '.join(sorted(TASKS))}"
            )
        runs.append(Run(name, spec.get("split"), spec.get("limit")))
        for n, f in enumerate(spec.get("floors", [])):
            where = f"{path} [tasks.{name}] floor {n + 1}"
            try:
                if "floor" not in f and "ceiling" not in f:
                    raise KeyError("floor")
                floors.append(
                    Floor(
                        task=name,
                        dataset=str(f["dataset"]),
                        table=str(f["table"]),
                        row=_cells(f["row"]),
                        column=str(f["column"]),
                        floor=float(f["floor"]) if "floor" in f else None,
                        ceiling=float(f["ceiling"]) if "ceiling" in f else None,
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ConfigError(
                    where,
                    f"incomplete floor ({exc})",
                    "give dataset, table, row, column and a numeric floor "
                    "(or a ceiling, for an error where lower is better)",
                ) from None
    return Floors(runs, floors)


def score_of(reports: Iterable[Report], floor: Floor) -> float | None:
    """The value a floor guards, read from the reports (None when no report has it)."""
    for report in reports:
        if report.task != floor.task or report.dataset != floor.dataset or report.skipped:
            continue
        for table in report.tables:
            if not table.title.startswith(floor.table) or floor.column not in table.columns:
                continue
            col = table.columns.index(floor.column)
            width = len(floor.row)
            for row in table.rows:
                value = row[col] if col < len(row) else None
                lead = tuple(str(c) for c in row[:width])
                if lead == floor.row and isinstance(value, int | float):
                    return float(value)
    return None


def _cells(value: object) -> tuple[str, ...]:
    """A floor's row: one first cell ("micro") or the first few (["all types", "head"])."""
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)


def run_gate(
    floors: Floors,
    data: Path,
    config: Config | None = None,
    on_report: Callable[[Report], Any] | None = None,
) -> tuple[list[Outcome], list[Report]]:
    """Run the floors file's tasks on `data` and compare every guarded score with its floor."""
    config = config or default_config()
    reports: list[Report] = []
    for run in floors.runs:
        start = time.perf_counter()
        options = EvalOptions(data=data, limit=run.limit, split=run.split, config=config)
        for report in task(run.task)(options):
            report.seconds = report.seconds or time.perf_counter() - start
            reports.append(report)
            if on_report is not None:
                on_report(report)
    outcomes = [Outcome(f, score_of(reports, f)) for f in floors.floors]
    return outcomes, reports


__all__ = ["Floor", "Floors", "Outcome", "Run", "read_floors", "run_gate", "score_of"]
