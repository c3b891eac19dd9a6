from __future__ import annotations

import pytest

from newsint.errors import ConfigError
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import Pipeline, build_stages
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
