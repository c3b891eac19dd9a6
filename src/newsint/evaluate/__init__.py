"""Evaluation on real gold data (../shared/data by default). Scores are measured, never asserted.

Each task module registers a function `run(data_dir, options) -> list[Report]`. A data set that
is absent is reported as skipped with its path, never as an error: users' machines lack it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from newsint.evaluate.common import EvalOptions, Report

# task name -> "module:function", imported lazily so one task's dependencies never slow another.
# Each function takes EvalOptions and returns a list of Reports (one per data set).
TASKS: dict[str, str] = {
    "extraction": "newsint.evaluate.extraction:run",
    "paraphrase": "newsint.evaluate.paraphrase:run",
    "stories": "newsint.evaluate.stories:run",
    "copies": "newsint.evaluate.copies:run",
    "claim-clusters": "newsint.evaluate.claim_clusters:run",
    "ner": "newsint.evaluate.ner:run",
    "time": "newsint.evaluate.time:run",
    "events": "newsint.evaluate.events:run",
    "attribution": "newsint.evaluate.attribution:run",
    "factuality": "newsint.evaluate.factuality:run",
}


# Tasks scored on newsint's own bundled data (they run even without --data).
SELF_CONTAINED = frozenset({"copies"})


def task(name: str) -> Callable[..., list[Report]]:
    module, func = TASKS[name].split(":")
    return getattr(import_module(module), func)


__all__ = ["SELF_CONTAINED", "TASKS", "EvalOptions", "Report", "task"]
