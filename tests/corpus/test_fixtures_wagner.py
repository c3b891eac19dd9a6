"""The project's own Wagner fixtures through the reader and the clean stage (no spaCy): the wire
original, its syndicated copy on another site and an unrelated story."""

from __future__ import annotations

from pathlib import Path

from newsint.config import default_config
from newsint.corpus.analyzer import CorpusAnalyzer
from newsint.readers import read_paths
from newsint.stages.base import Work
from newsint.stages.clean import CleanStage
from newsint.stages.features.extract import extract_features
from newsint.stages.features.record import ClaimFeature, SourceFeature

FIXTURES = Path(__file__).parent.parent / "fixtures"
NAMES = ["wagner_original.json", "wagner_verbatim_copy.html", "unrelated_story.json"]
CLAIM = "met “Turkish contacts” in early February"


def test_wagner_fixtures() -> None:
    cfg = default_config()
    items = list(read_paths([FIXTURES / n for n in NAMES], cfg))
    CleanStage(cfg.clean)([Work(a) for a in items])
    feats = [extract_features(a, cfg) for a in items]
    for f, a in zip(feats[:2], items[:2], strict=True):
        assert CLAIM in a.text
        f.claims.append(
            ClaimFeature(
                key=f"{f.id}/claim_1",
                id="claim_1",
                content=CLAIM,
                chain=[
                    SourceFeature(kind="article", name="the article"),
                    SourceFeature(kind="document", name="a leaked U.S. intelligence document"),
                ],
            )
        )
    original, copy, unrelated = (f.id for f in feats)
    an = CorpusAnalyzer(cfg)
    an.add(feats)
    link = an.links[copy]
    assert (link.original, link.kind, link.misattribution) == (original, "syndicated", None)
    assert unrelated not in an.links
    assert an.story_of[unrelated] != an.story_of[original] == an.story_of[copy]
    (cluster,) = an.clusters.values()
    assert cluster.independent_sources == 1 and len(cluster.articles) == 2
