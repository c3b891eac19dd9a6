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


@pytest.fixture(scope="module")
def claims_of(analysed_with) -> Callable[[str], Analysis]:
    """The claims of a sentence with the entities stage before them (speakers are typed); a module
    that needs other stages defines its own `claims_of`."""
    return analysed_with(["clean", "nlp", "entities", "claims"])
