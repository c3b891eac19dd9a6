"""The collector's young threshold while pipelines run batches: raised for the batch, set back
after it (an error included), never lowered, shared by pipelines running in several threads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from handmade import StubStage
from newsint.config import Config
from newsint.errors import StageFailed
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import Pipeline


@pytest.fixture(autouse=True)
def thresholds() -> Iterator[None]:
    """Every test starts from Python's default thresholds and leaves the process's as found."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _with_young(config: Config, young: int) -> Config:
    return config.model_copy(
        update={"pipeline": config.pipeline.model_copy(update={"gc_young_threshold": young})}
    )


class _Doing(StubStage):
    """A stage that does `act` and records the thresholds in force while it runs."""

    name = "doing"

    def __init__(self, act: Callable[[], Any] = lambda: None) -> None:
        self.act = act
        self.seen: list[tuple[int, ...]] = []

    def __call__(self, batch: list[Any]) -> None:
        self.seen.append(gc.get_threshold())
        self.act()


def _pipeline(config: Config, stage: _Doing) -> Pipeline:
    pipeline = Pipeline(config, ["clean"])
    pipeline.stages.append(stage)
    return pipeline


def _one() -> list[Analysis]:
    return [Analysis(article=ArticleMeta(id="a"), text="", raw="The ferry left at noon.\n")]


@pytest.mark.parametrize(
    ("before", "young", "during"),
    [
        ((700, 10, 10), 10_000, (10_000, 10, 10)),  # raised for the batch
        ((700, 10, 10), 0, (700, 10, 10)),  # 0: left alone
        ((700, 10, 10), 500, (700, 10, 10)),  # never lowered
        ((50_000, 5, 3), 10_000, (50_000, 5, 3)),  # a process that raised it further keeps it
        ((700, 20, 0), 10_000, (10_000, 20, 0)),  # the older generations' thresholds kept
    ],
)
def test_a_batch_raises_the_young_threshold_and_sets_it_back(config, before, young, during) -> None:
    gc.set_threshold(*before)
    stage = _Doing()
    _pipeline(_with_young(config, young), stage).run_batch(_one())
    assert stage.seen == [during]
    assert gc.get_threshold() == before


def test_the_thresholds_are_set_back_after_a_stage_fails(config) -> None:
    stage = _Doing(lambda: 1 / 0)
    with pytest.raises(StageFailed):
        _pipeline(_with_young(config, 10_000), stage).run_batch(_one())
    assert stage.seen == [(10_000, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_another_caller_set_during_a_batch_are_kept(config) -> None:
    stage = _Doing(lambda: gc.set_threshold(2_000, 10, 10))
    _pipeline(_with_young(config, 10_000), stage).run_batch(_one())
    assert gc.get_threshold() == (2_000, 10, 10)


def test_the_last_of_two_threads_sets_the_thresholds_back(config) -> None:
    """Two pipelines (their own locks) run at once: the one that ends first leaves the
    threshold raised for the other; the last one to end sets it back."""
    cfg = _with_young(config, 10_000)
    started, release = threading.Event(), threading.Event()
    slow = _Doing(lambda: (started.set(), release.wait(10)))
    fast = _Doing()
    worker = threading.Thread(target=lambda: _pipeline(cfg, slow).run_batch(_one()))
    worker.start()
    try:
        assert started.wait(10)
        _pipeline(cfg, fast).run_batch(_one())
        assert fast.seen == [(10_000, 10, 10)]
        assert gc.get_threshold() == (10_000, 10, 10)  # the slow batch still runs
    finally:
        release.set()
        worker.join(10)
    assert slow.seen == [(10_000, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_scopes_keep_the_first_raise_until_the_outer_one_ends() -> None:
    from newsint.pipeline import young_threshold_raised

    with young_threshold_raised(10_000):
        with young_threshold_raised(20_000):  # already raised: counted in, not raised again
            assert gc.get_threshold() == (10_000, 10, 10)
        assert gc.get_threshold() == (10_000, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)
