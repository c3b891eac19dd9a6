"""The local engine's worker: the pipeline then the features stage, in input order; analyses
that came in finished get only the features, and each result says which stages made it."""

from __future__ import annotations

from handmade import article
from newsint.config import default_config
from newsint.engines.local import Analysed, Worker
from newsint.errors import StageFailed
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import Pipeline, run_isolated
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


class Exploding:
    """Wraps a stage: runs it, then fails the batch when an article says EXPLODE; records the
    clean text each article had when it arrived (a retry must start from the text as read)."""

    def __init__(self, stage: object) -> None:
        self.stage = stage
        self.name = stage.name  # type: ignore[attr-defined]
        self.seen: list[tuple[str, str]] = []

    def __call__(self, batch: list) -> None:
        self.seen.extend((w.analysis.article.id, w.analysis.text) for w in batch)
        self.stage(batch)  # type: ignore[operator]
        if any("EXPLODE" in w.analysis.raw for w in batch):
            raise OverflowError("date value out of range")


def test_one_failing_article_costs_only_itself_and_the_others_start_again_from_raw() -> None:
    worker = Worker(default_config(), stages=["clean"])
    exploding = Exploding(worker.pipeline.stages[0])
    worker.pipeline.stages[0] = exploding  # type: ignore[call-overload]
    bad = fresh(2)
    bad.raw += "\n\nThen EXPLODE."
    results = worker.analyse([fresh(1), bad, fresh(3)])
    assert [type(r).__name__ for r in results] == ["Analysed", "StageFailed", "Analysed"]
    failure = results[1]
    assert isinstance(failure, StageFailed)
    assert failure.stage == "clean" and "OverflowError" in failure.problem
    good = [r for r in results if isinstance(r, Analysed)]
    assert [r.stages for r in good] == [("clean@1",), ("clean@1",)]
    assert all(r.analysis.text.startswith("Ferry crossings resume") for r in good)
    # the batch, then each article alone, every time with the text as read (none)
    assert [aid for aid, _ in exploding.seen] == ["art_1", "art_2", "art_3"] * 2
    assert all(text == "" for _, text in exploding.seen)


def test_run_isolated_keeps_order_and_names_the_failed_input() -> None:
    pipeline = Pipeline(default_config(), stages=["clean"])
    pipeline.stages[0] = Exploding(pipeline.stages[0])  # type: ignore[call-overload]
    bad = fresh(2)
    bad.raw += "\n\nThen EXPLODE."
    bad.article.source = "bad.txt"
    out = run_isolated(pipeline, [fresh(1), bad])
    assert isinstance(out[0], Analysis) and out[0].text
    assert isinstance(out[1], StageFailed)
    assert out[1].where == "bad.txt" and "the clean stage failed" in out[1].problem
