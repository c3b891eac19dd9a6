"""The entities tests' one way to force a model error: run the stage over a parse whose
entities are set by hand, so a test checks our rule, not the model's mood."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from newsint.model import Analysis
from newsint.stages.entities.stage import EntitiesStage

# (text, label) for the first occurrence of the text, or (text, label, n) for its n-th (from 0)
Forced = Sequence[tuple[str, str] | tuple[str, str, int]]


@pytest.fixture(scope="module")
def forced(run_stages, resources) -> Callable[[str, Forced], Analysis]:
    """Run the entities stage with the model's entities replaced by `ents`."""
    stage = EntitiesStage(resources)

    def run(text: str, ents: Forced) -> Analysis:
        work = run_stages(text, ["clean", "nlp"])
        spans = []
        for needle, label, *rest in ents:
            start = -1
            for _ in range((rest[0] if rest else 0) + 1):
                start = work.analysis.text.index(needle, start + 1)
            span = work.doc.char_span(start, start + len(needle), label=label)
            assert span is not None, needle
            spans.append(span)
        work.doc.ents = spans
        stage([work])
        return work.analysis

    return run
