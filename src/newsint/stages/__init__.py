"""One module per stage. Each stage takes a batch of Work items and fills fields in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsint.pipeline import Resources, StageFactory


def _clean(resources: Resources):
    from newsint.stages.clean import CleanStage

    return CleanStage(resources.config.clean)


def _nlp(resources: Resources):  # noqa: ANN202
    from newsint.stages.nlp import NlpStage

    return NlpStage(resources)


def registry() -> dict[str, StageFactory]:
    """Stage name -> factory, in the order a full pipeline runs them."""
    return {
        "clean": _clean,
        "nlp": _nlp,
    }
