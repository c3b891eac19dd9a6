"""Features stage: the last per-article stage, turning an analysis into what the corpus keeps.

It runs in the ingest engines after the analysis stages (and alone on imported analyses that
come in finished), so the engines need only the pipeline: the corpus features are encoded for
the store, and the LSH band keys are ready for an engine that groups candidates itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.stages.features.bands import band_keys
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import encode

if TYPE_CHECKING:
    from newsint.stages.base import Resources, Work


class FeaturesStage:
    """Fills `work.features` (encoded ArticleFeatures) and `work.band_keys`."""

    name = "features"
    version = 1
    requires = frozenset({"text"})
    # read when present: the stages that assign these must not run after this one
    uses = frozenset(
        {"title", "entities", "mentions", "times", "published", "claims", "grades", "events"}
    )
    assigns = frozenset({"features"})

    def __init__(self, resources: Resources) -> None:
        self.config = resources.config

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            features = extract_features(work.analysis, self.config)
            work.features = encode(features)
            work.band_keys = band_keys(features, self.config.corpus)
