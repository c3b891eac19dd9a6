from __future__ import annotations

import pytest

from newsint.errors import ConfigError
from newsint.model import Analysis, ArticleMeta
from newsint.pipeline import Pipeline, build_stages
from newsint.stages.base import Resources


def test_unknown_stage_is_a_config_error(config) -> None:
    with pytest.raises(ConfigError, match="unknown stage 'nope'"):
        build_stages(["clean", "nope"], Resources(config))


def test_stage_requirements_are_checked(config, monkeypatch: pytest.MonkeyPatch) -> None:
    class NeedsEntities:
        name = "needs"
        requires = frozenset({"entities"})
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
