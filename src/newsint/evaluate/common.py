"""Shared pieces of evaluation: options, result tables and precision/recall/F1 counting."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsint.config import Config, default_config


@dataclass(frozen=True)
class EvalOptions:
    data: Path  # root of the evaluation data (../shared/data)
    limit: int | None = None  # at most this many documents per set, for a quick look
    split: str | None = None  # restrict to one split where a set has several
    config: Config = field(default_factory=default_config)  # the settings newsint runs with
    subset: str | None = None  # one data set of a task that has several (factuality: uw)
    errors: int = 0  # also list this many of the worst errors (tasks that support it)
    ablate: bool = False  # also score with one cue family off each time (factuality)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    task: str
    dataset: str
    tables: list[Table] = field(default_factory=list)
    skipped: str | None = None  # why the set was not scored (absent data), else None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 2),
            "tables": [
                {"title": t.title, "columns": t.columns, "rows": t.rows, "notes": t.notes}
                for t in self.tables
            ],
        }


def skipped(task: str, dataset: str, path: Path) -> Report:
    return Report(task, dataset, skipped=f"{path} not found; skipped (evaluation data is optional)")


@dataclass
class PRF:
    """Counts of true positives, false positives and false negatives, and the scores from them."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    def add(self, tp: float = 0, fp: float = 0, fn: float = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def __iadd__(self, other: PRF) -> PRF:
        self.add(other.tp, other.fp, other.fn)
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> list[float]:
        return [round(self.precision, 3), round(self.recall, 3), round(self.f1, 3)]
