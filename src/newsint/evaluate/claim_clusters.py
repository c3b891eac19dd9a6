"""`newsint eval claim-clusters`: claim clusters never join claims of different real stories.

The story sets (Giveme5W1H clusters, ECB+ sub-topics; see evaluate/stories.py) are run through
the whole pipeline (claims need the NLP stages: about a second a document on a laptop core, so
use --limit for a quick look) and the corpus analyzer. A claim cluster whose claims come from
articles of two gold stories is a junk cluster: it would count unrelated statements as
corroboration. The score is their number (0 is the target), beside the clusters made.
"""

from __future__ import annotations

import time

from newsint.evaluate.common import EvalOptions, Report, Table, skipped
from newsint.evaluate.stories import ecbplus, giveme
from newsint.model import Analysis

TASK = "claim-clusters"


def score(dataset: str, docs: list[tuple[Analysis, str]], options: EvalOptions) -> Report:
    from newsint.corpus.analyzer import CorpusAnalyzer
    from newsint.pipeline import Pipeline
    from newsint.stages.features.extract import extract_features

    start = time.perf_counter()
    config = options.config
    gold = {a.article.id: g for a, g in docs}
    analysed = list(Pipeline(config).run(a for a, _ in docs))
    analyzer = CorpusAnalyzer(config)
    analyzer.add([extract_features(a, config) for a in analysed])
    clusters = list(analyzer.clusters.values())
    crossing = [c for c in clusters if len({gold[a] for a in c.articles}) > 1]
    claims = sum(len(a.claims) for a in analysed)
    t = Table(
        title=f"claim clusters, {len(docs)} documents, {len(set(gold.values()))} gold stories",
        columns=["claims", "clusters", "claims in clusters", "cross-story clusters"],
        rows=[[claims, len(clusters), sum(len(c.claims) for c in clusters), len(crossing)]],
    )
    t.notes.append(
        "a cross-story cluster joins claims of articles from different gold stories (target 0); "
        "whole pipeline, then the corpus analyzer"
    )
    return Report(TASK, dataset, tables=[t], seconds=time.perf_counter() - start)


def run(options: EvalOptions) -> list[Report]:
    root = options.data / "stories"
    reports = []
    g = root / "giveme5w1h_news_cluster"
    if (g / "data").is_dir():
        reports.append(score("giveme5w1h_news_cluster", giveme(g, options.limit), options))
    else:
        reports.append(skipped(TASK, "giveme5w1h_news_cluster", g))
    e = root / "ecbplus"
    if (e / "ECB+").is_dir():
        reports.append(score("ecbplus", ecbplus(e, options.limit), options))
    else:
        reports.append(skipped(TASK, "ecbplus", e))
    return reports
