"""The claims tests' one way to analyse a sentence: through the shared Resources, each text once
per stage list (a table of constructions asks about the same sentence several times)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsint.model import Analysis


@pytest.fixture(scope="module")
def analysed_with(run_stages) -> Callable[[list[str]], Callable[[str], Analysis]]:
    """analysed_with(stages)(text) -> the Analysis of `text` after `stages`, cached."""
    cache: dict[tuple[tuple[str, ...], str], Analysis] = {}

    def runner(stages: list[str]) -> Callable[[str], Analysis]:
        def run(text: str) -> Analysis:
            key = (tuple(stages), text)
            if key not in cache:
                cache[key] = run_stages(text, stages).analysis
            return cache[key]

        return run

    return runner
