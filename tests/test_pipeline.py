from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from handmade import StubStage
from newsint.api import analyze
from newsint.config import Config
from newsint.errors import ConfigError
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import (
    Pipeline,
    build_stages,
    forget_shared_pipelines,
    own_pipeline,
    shared_pipeline,
)
from newsint.stages.base import Resources, stage_name


def test_unknown_stage_is_a_config_error(config) -> None:
    with pytest.raises(ConfigError, match="unknown stage 'nope'"):
        build_stages(["clean", "nope"], Resources(config))


def test_stage_requirements_are_checked(config, monkeypatch: pytest.MonkeyPatch) -> None:
    class NeedsEntities:
        name = "needs"
        version = 1
        requires = frozenset({"entities"})
        uses: frozenset[str] = frozenset()
        assigns = frozenset({"claims"})

        def __call__(self, batch) -> None:  # pragma: no cover - never run
            pass

    import newsint.stages as stages

    original = stages.registry
    monkeypatch.setattr(
        stages, "registry", lambda: {**original(), "needs": lambda r: NeedsEntities()}
    )
    with pytest.raises(ConfigError, match="needs entities"):
        build_stages(["clean", "needs"], Resources(config))


def test_pipeline_runs_in_batches_and_keeps_order(config) -> None:
    items = [
        Analysis(article=ArticleMeta(id=f"a{i}"), text="", raw=f"Story number {i}.\n")
        for i in range(7)
    ]
    out = list(Pipeline(config, ["clean"]).run(items, batch_size=3))
    assert [a.article.id for a in out] == [f"a{i}" for i in range(7)]
    assert [a.text for a in out] == [f"Story number {i}." for i in range(7)]


def test_resources_build_once(config) -> None:
    r = Resources(config)
    calls = []
    assert r.get("x", lambda: calls.append(1) or "made") == "made"
    assert r.get("x", lambda: calls.append(1) or "again") == "made"
    assert calls == [1]


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        # the claims stage parses: without nlp before it there is no parse
        (["clean", "claims"], "stage 'claims' needs doc"),
        # the events stage reads claims when present: claims after events would be missed
        (
            ["clean", "nlp", "events", "claims"],
            "stage 'events' reads claims when present, but 'claims', which provides it, runs after",
        ),
        # entities after claims: the claims would name no entities
        (
            ["clean", "nlp", "claims", "entities"],
            "stage 'claims' reads entities, mentions when present, but 'entities'",
        ),
        # the corpus features read everything the analysis stages find: they come last
        (["clean", "nlp", "features", "entities"], "stage 'features' reads entities, mentions"),
    ],
)
def test_a_wrong_stage_order_fails_loudly_before_anything_runs(config, stages, message) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        build_stages(stages, Resources(config))
    assert err.value.where == "pipeline.stages" and "put" in err.value.fix


def test_the_configured_order_and_the_features_stage_after_it_pass(config) -> None:
    names = [*config.pipeline.stages, "features"]
    stages = build_stages(names, Resources(config))
    assert [s.name for s in stages] == names
    assert all(s.version >= 1 for s in stages)


def test_stores_record_versioned_stage_names(config) -> None:
    pipeline = Pipeline(config, ["clean"])
    assert pipeline.versioned_names == ["clean@1"]
    assert stage_name("clean@1") == "clean" and stage_name("clean") == "clean"


# --------------------------------------------------------------------------- shared pipelines


@pytest.fixture
def fresh_shared() -> Iterator[None]:
    """Each test starts and ends without shared pipelines (nothing leaks into other tests)."""
    forget_shared_pipelines()
    yield
    forget_shared_pipelines()


def _with(config: Config, **clean: Any) -> Config:
    return config.model_copy(update={"clean": config.clean.model_copy(update=clean)})


def test_shared_pipeline_is_built_once_per_configuration(config, fresh_shared) -> None:
    first = shared_pipeline(config, ["clean"])
    assert shared_pipeline(config, ["clean"]) is first
    # an equal configuration read again shares it; a different one gets its own
    assert shared_pipeline(config.model_copy(deep=True), ["clean"]) is first
    other = _with(config, title_max_words=config.clean.title_max_words + 1)
    assert shared_pipeline(other, ["clean"]) is not first
    assert shared_pipeline(other, ["clean"]).config == other
    # another stage list is another pipeline over the same resources
    language = shared_pipeline(config, ["clean", "language"])
    assert language is not first and language.resources is first.resources
    assert own_pipeline(config, ["clean"]) is not first
    assert own_pipeline(config, ["clean"]).resources is first.resources


def test_shared_pipeline_builds_once_under_concurrent_callers(
    config, fresh_shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsint.pipeline as pipeline_module

    built: list[int] = []
    real = pipeline_module.Pipeline.__init__
    barrier = threading.Barrier(8)

    def slow_init(self: Pipeline, *args: Any, **kwargs: Any) -> None:
        built.append(1)
        time.sleep(0.05)  # wide window for a second builder to slip in, were there no lock
        real(self, *args, **kwargs)

    monkeypatch.setattr(pipeline_module.Pipeline, "__init__", slow_init)

    def ask() -> Pipeline:
        barrier.wait()
        return shared_pipeline(config, ["clean"])

    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: ask(), range(8)))
    assert built == [1]
    assert all(p is got[0] for p in got)


def test_shared_pipeline_runs_batches_one_at_a_time(config, fresh_shared) -> None:
    pipeline = shared_pipeline(config, ["clean"])
    inside: list[int] = []
    overlap: list[int] = []

    class Watch(StubStage):
        name = "watch"

        def __call__(self, batch: list[Any]) -> None:
            inside.append(1)
            if len(inside) > 1:
                overlap.append(1)
            time.sleep(0.01)
            inside.pop()

    pipeline.stages.append(Watch())  # type: ignore[arg-type]

    def one(i: int) -> str:
        item = Analysis(article=ArticleMeta(id=f"t{i}"), text="", raw=f"Story {i} here.\n")
        return pipeline.run_batch([item])[0].text

    with ThreadPoolExecutor(6) as pool:
        texts = list(pool.map(one, range(12)))
    assert texts == [f"Story {i} here." for i in range(12)]
    assert overlap == []


def test_analyze_reuses_the_shared_pipeline(
    config, fresh_shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsint.api as api

    clean_only = config.model_copy(
        update={"pipeline": config.pipeline.model_copy(update={"stages": ["clean"]})}
    )
    built: list[Pipeline] = []
    real = api.shared_pipeline

    def counted(cfg: Config) -> Pipeline:
        p = real(cfg)
        if p not in built:
            built.append(p)
        return p

    monkeypatch.setattr(api, "shared_pipeline", counted)
    a = analyze("First story.\n", config=clean_only)
    b = analyze("Second story.\n", config=clean_only)
    assert (a.text, b.text) == ("First story.", "Second story.")
    assert len(built) == 1 and built[0] is shared_pipeline(clean_only)


# --------------------------------------------------------------------------- garbage collector


class _Model:
    """A long-lived resource with a reference cycle, as spaCy's models have."""

    def __init__(self) -> None:
        self.me = self


def _loading_stage(resources: Resources) -> Any:
    class Loads(StubStage):
        name = "loads"

        def __init__(self) -> None:
            self.model = resources.get("model", _Model)

        def __call__(self, batch: list[Any]) -> None:
            pass

    return Loads()


@pytest.fixture
def counted_freezes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Registers the `loads` stage; counts gc.freeze() calls (the real one still runs)."""
    import gc

    import newsint.stages as stages

    original = stages.registry
    monkeypatch.setattr(stages, "registry", lambda: {**original(), "loads": _loading_stage})
    calls: list[int] = []
    real = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (calls.append(1), real())[1])
    return calls


def _freezing(config: Config, on: bool) -> Config:
    return config.model_copy(
        update={"pipeline": config.pipeline.model_copy(update={"gc_freeze": on})}
    )


@pytest.mark.parametrize(
    ("on", "builds", "freezes"),
    [
        # the first build loads the model: one freeze; later builds over it load nothing
        (True, ["shared"], 1),
        (True, ["shared", "shared", "own", "own"], 1),
        (True, ["own", "shared"], 1),
        # stages that load nothing freeze nothing
        (True, ["shared:clean"], 0),
        # a Pipeline built directly leaves the collector alone
        (True, ["direct"], 0),
        (False, ["shared", "own"], 0),
    ],
)
def test_a_shared_pipeline_freezes_once_when_it_loads_resources(
    config, fresh_shared, counted_freezes, on, builds, freezes
) -> None:
    cfg = _freezing(config, on)
    for how in builds:
        if how == "shared":
            shared_pipeline(cfg, ["clean", "loads"])
        elif how == "shared:clean":
            shared_pipeline(cfg, ["clean"])
        elif how == "own":
            own_pipeline(cfg, ["clean", "loads"])
        else:
            Pipeline(cfg, ["clean", "loads"])
    assert len(counted_freezes) == freezes


def test_forgetting_shared_pipelines_unfreezes_so_their_models_can_be_freed(
    config, fresh_shared, counted_freezes
) -> None:
    import gc
    import weakref

    model = weakref.ref(shared_pipeline(_freezing(config, True), ["loads"]).stages[0].model)
    assert counted_freezes == [1] and gc.get_freeze_count() > 0
    forget_shared_pipelines()
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert model() is None  # the cycle was collected: nothing frozen is left behind
