"""The local engine's worker: the pipeline then the features stage, in input order; analyses
that came in finished get only the features, and each result says which stages made it."""

from __future__ import annotations

from handmade import article
from newsint.config import default_config
from newsint.engines.local import Analysed, Worker
from newsint.model import Analysis, ArticleMeta
from newsint.stages.features.record import decode


def fresh(n: int) -> Analysis:
    """An article as a reader gives it: raw text only."""
    raw = f"Ferry crossings resume\n\nThe ferry to Skarra resumed on day {n}, the operator said."
    return Analysis(article=ArticleMeta(id=f"art_{n}"), text="", raw=raw)


def test_fresh_articles_record_the_stages_that_made_them_finished_ones_none() -> None:
    worker = Worker(default_config(), stages=["clean"])
    finished = article("An analysis imported whole, text and all.", id="art_done")
    results = worker.analyse([fresh(1), finished, fresh(2)])
    assert all(isinstance(r, Analysed) for r in results)
    got = [r for r in results if isinstance(r, Analysed)]
    assert [r.analysis.article.id for r in got] == ["art_1", "art_done", "art_2"]
    assert [r.stages for r in got] == [("clean@1",), (), ("clean@1",)]
    assert got[0].analysis.text.startswith("Ferry crossings resume")
    # every article leaves with its corpus features and band keys, made once
    assert [decode(r.features).id for r in got] == ["art_1", "art_done", "art_2"]
    assert all(r.band_keys for r in got)
