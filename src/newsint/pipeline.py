"""Builds the list of stages from the config, checks that each gets what it needs, runs batches.

A stage is any callable object with `name`, `requires`, `assigns` and `__call__(batch)` that
fills fields of the Work items in place. Heavy shared things (the spaCy pipeline) live in a
Resources object passed in, never in module globals, so tests and workers control their lifetime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsint.config import Config, default_config
from newsint.errors import ConfigError
from newsint.model import Analysis

# What readers provide before any stage runs.
READER_ASSIGNS = frozenset({"raw", "article"})


@dataclass
class Work:
    """One article moving through the stages: the record plus transient processing state."""

    analysis: Analysis
    doc: Any = None  # the spaCy Doc, set by the nlp stage; never serialised
    scratch: dict[str, Any] = field(default_factory=dict)  # stage-to-stage hand-offs


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, batch: list[Work]) -> None: ...


@dataclass
class Resources:
    """Things expensive to build, made once per process and shared by stages."""

    config: Config
    cache: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, factory: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = factory()
        return self.cache[key]


StageFactory = Callable[[Resources], Stage]


def _registry() -> dict[str, StageFactory]:
    from newsint.stages import registry

    return registry()


def build_stages(names: Iterable[str], resources: Resources) -> list[Stage]:
    """Instantiate stages by name and check that every `requires` is assigned upstream."""
    factories = _registry()
    stages: list[Stage] = []
    available = set(READER_ASSIGNS)
    for name in names:
        if name not in factories:
            raise ConfigError(
                "pipeline.stages", f"unknown stage {name!r}", f"use some of {', '.join(factories)}"
            )
        stage = factories[name](resources)
        missing = stage.requires - available
        if missing:
            raise ConfigError(
                "pipeline.stages",
                f"stage {name!r} needs {', '.join(sorted(missing))}, "
                "which no earlier stage provides",
                "put the stages that provide it first",
            )
        available |= stage.assigns
        stages.append(stage)
    return stages


class Pipeline:
    """Runs the configured stages over analyses in batches (spaCy is fastest batched)."""

    def __init__(
        self,
        config: Config | None = None,
        stages: Iterable[str] | None = None,
        resources: Resources | None = None,
    ) -> None:
        self.config = config or default_config()
        self.resources = resources or Resources(self.config)
        names = list(stages) if stages is not None else list(self.config.pipeline.stages)
        self.stages = build_stages(names, self.resources)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run_batch(self, analyses: list[Analysis]) -> list[Analysis]:
        batch = [Work(a) for a in analyses]
        for stage in self.stages:
            stage(batch)
        return [w.analysis for w in batch]

    def run(
        self, analyses: Iterable[Analysis], batch_size: int | None = None
    ) -> Iterator[Analysis]:
        size = batch_size or self.config.pipeline.batch_size
        batch: list[Analysis] = []
        for analysis in analyses:
            batch.append(analysis)
            if len(batch) >= size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)
